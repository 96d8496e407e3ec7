import { clientNetwork } from './client-network';

describe('clientNetwork', () => {
  it('puts IPv4 addresses of one /24 together, and apart from the next /24', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.0/24');
    expect(clientNetwork('203.0.113.250')).toBe('203.0.113.0/24');
    expect(clientNetwork('203.0.114.7')).toBe('203.0.114.0/24');
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address it carries, in either spelling', () => {
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.0/24');
    expect(clientNetwork('::FFFF:203.0.113.99')).toBe('203.0.113.0/24');
    expect(clientNetwork('::ffff:cb00:7107')).toBe('203.0.113.0/24');
    // Not every IPv4 client in one bucket, which a naive /64 of ::ffff:… would make.
    expect(clientNetwork('::ffff:198.51.100.1')).not.toBe(clientNetwork('::ffff:203.0.113.7'));
  });

  it('puts IPv6 addresses of one /64 together, however they are written', () => {
    expect(clientNetwork('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });
});
