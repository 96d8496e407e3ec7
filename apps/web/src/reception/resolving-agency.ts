/** Liên thông at the desk: which agency resolves the dossier being received. */
import type { Agency, Procedure } from '../types';

/** Whether an agency of this level resolves procedures of that level (a provincial procedure: the province or a department). */
function resolvesAtLevel(agency: Agency, procedureLevel: string | undefined): boolean {
  if (!procedureLevel) return true;
  if (procedureLevel === 'province') return agency.level === 'province' || agency.level === 'department';
  return agency.level === procedureLevel;
}

/**
 * The resolving agency proposed before the officer chooses: their own agency when the desk may receive for it and it
 * resolves procedures of this level (a commune desk does not resolve a provincial land procedure); else the only agency
 * it may receive for; else none: the officer chooses (an agency a step names, such as the tax office, is not the resolver).
 */
export function defaultResolvingAgency(candidates: Agency[], own: string | null | undefined, procedure: Procedure | undefined): string {
  const mine = candidates.find((a) => a.code === own);
  if (mine && resolvesAtLevel(mine, procedure?.level)) return mine.code;
  if (candidates.length === 1) return candidates[0].code;
  return '';
}
