/** The procedure definition as the API accepts and returns it (api.md, "Procedures"). */
import type { AgencyLevel, Role } from '@app/common';

export const DURATION_UNITS = ['working_days', 'working_hours', 'calendar_days', 'months'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface ProcedureDuration {
  value: number;
  unit: DurationUnit;
}

export const SUPPLEMENT_POLICIES = ['restart', 'pause'] as const;
export type SupplementPolicy = (typeof SUPPLEMENT_POLICIES)[number];

export const STEP_AGENCY_RELATIONS = ['resolving', 'receiving'] as const;
export type StepAgencyRelation = (typeof STEP_AGENCY_RELATIONS)[number];

/** Who holds a step (liên thông): a named agency, or the dossier's resolving or receiving one. */
export type StepAgency = { code: string } | { relation: StepAgencyRelation };

export interface StepDefinition {
  id: string;
  name: string;
  role: Role;
  allotted: ProcedureDuration;
  /** Absent: the resolving agency. */
  agency?: StepAgency;
}

export interface RequiredDocument {
  code: string;
  name: string;
  copies: number;
}

export interface ProcedureDefinition {
  code: string;
  name: string;
  field: string;
  level: AgencyLevel;
  processingTime: ProcedureDuration;
  onlineProcessingTime: ProcedureDuration | null;
  /** "HH:mm" local time; received after it counts as received at the next opening. */
  cutoff: string | null;
  supplementPolicy: SupplementPolicy;
  steps: StepDefinition[];
  requiredDocuments: RequiredDocument[];
  /** VND, whole dong. */
  fee: number;
}

/**
 * A stored version's definition as it was published. Every version stores its supplementPolicy (the validator always
 * writes it); should a row ever lack it, it predates the `pause` default and reads as the then default, `restart`.
 */
export function storedDefinition(stored: ProcedureDefinition): ProcedureDefinition {
  return { ...stored, supplementPolicy: (stored as Partial<ProcedureDefinition>).supplementPolicy ?? 'restart' };
}
