import { isIPv4 } from 'node:net';
import { normalizeIp } from '@nestjs/throttler';

/**
 * The network a client address belongs to, for the login's per-network limit: its /24 for IPv4 (an IPv4-mapped IPv6
 * address such as ::ffff:203.0.113.7 counts as the IPv4 address it carries), its /64 for IPv6.
 */
export function clientNetwork(ip: string | undefined): string {
  // The throttler's own normaliser: IPv4-mapped addresses in any spelling become dotted IPv4, IPv6 is cut to the /64.
  const address = normalizeIp(ip ?? '', 64);
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  return address;
}
