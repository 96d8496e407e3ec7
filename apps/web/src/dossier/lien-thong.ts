/** Liên thông on the screens: agencies by name (the dossier names every agency it concerns) and where a dossier came from. */
import type { ProcedureStep } from '../types';
import type { WorkDossier } from './model';

type Named = Pick<WorkDossier, 'agencies'>;

/** The agency's name as the dossier gives it; its code if the dossier does not name it (not involved yet). */
export function agencyName(d: Named, code: string | null | undefined): string {
  if (!code) return '';
  return d.agencies.find((a) => a.code === code)?.name ?? code;
}

/** The agency holding the dossier: its current step's, else (result ready, finished) the receiving desk's. */
export function holderOf(d: Pick<WorkDossier, 'currentStep' | 'receivingAgencyCode'>): string {
  return d.currentStep?.agencyCode ?? d.receivingAgencyCode;
}

/**
 * The agency that handed the dossier to the one holding it now (a liên thông arrival), or null when it has not changed
 * hands since. With `viewerAgency`, only when the viewer's agency is the holder: "arrived at us from …".
 */
export function arrivedFrom(d: Pick<WorkDossier, 'currentStep' | 'receivingAgencyCode' | 'lastHandover'>, viewerAgency?: string | null): string | null {
  const h = d.lastHandover;
  const holder = holderOf(d);
  if (!h || h.toAgency !== holder || h.fromAgency === holder) return null;
  if (viewerAgency && viewerAgency !== holder) return null;
  return h.fromAgency;
}

/** The agency that works a step of the dossier's procedure: a named one, the receiving desk, or (default) the resolving agency. */
export function stepAgency(step: Pick<ProcedureStep, 'agency'> | undefined, d: Pick<WorkDossier, 'agencyCode' | 'receivingAgencyCode'>): string {
  const a = step?.agency;
  if (a?.code) return a.code;
  return a?.relation === 'receiving' ? d.receivingAgencyCode : d.agencyCode;
}
