/** Liên thông at the desk: which agency resolves the dossier being received. */
import type { Agency, Procedure } from '../types';

/**
 * The resolving agency proposed before the officer chooses: their own agency when the desk may receive for it; else the
 * only agency it may receive for; else the one candidate the procedure's steps name; else none (the officer must choose).
 */
export function defaultResolvingAgency(candidates: Agency[], own: string | null | undefined, procedure: Procedure | undefined): string {
  const codes = candidates.map((a) => a.code);
  if (own && codes.includes(own)) return own;
  if (codes.length === 1) return codes[0];
  const named = [...new Set((procedure?.steps ?? []).flatMap((s) => (s.agency?.code && codes.includes(s.agency.code) ? [s.agency.code] : [])))];
  return named.length === 1 ? named[0] : '';
}
