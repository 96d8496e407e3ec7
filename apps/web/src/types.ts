/** The API's shapes, generated from its OpenAPI document (api-schema.d.ts, `npm run openapi`): short names for the screens. */
import type { components } from './api-schema';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type DossierStatus = Schemas['DossierStatus'];
export type Channel = Schemas['Channel'];
export type EventType = Schemas['DossierEventType'];
export type User = Schemas['UserDto'];
/** The login answer's user (no `active`: only an active account signs in). */
export type SignedInUser = Schemas['SignedInUserDto'];
export type Officer = Schemas['OfficerDto'];
export type CalendarDay = Schemas['CalendarDayDto'];
export type CalendarDayChange = Schemas['CalendarDayChangeDto'];
export type WorkRole = Schemas['WorkRole'];
export type Agency = Schemas['AgencyDto'];
export type Duration = Schemas['ProcedureDurationDto'];
export type ProcedureStep = Schemas['ProcedureStepDto'];
export type Procedure = Schemas['ProcedureDto'];
export type Applicant = Schemas['DossierApplicantDto'];
export type Dossier = Schemas['DossierDto'];
export type DossierEvent = Schemas['DossierEventRecordDto'];
export type ResultType = Schemas['ResultType'];
/** The body of POST /api/v1/dossiers/{id}/events. */
export type DossierEventBody = Schemas['DossierEventDto'];
/** The body of POST /api/v1/dossiers (an intake). */
export type NewDossier = Schemas['CreateDossierDto'];
/** The applicant of an intake (absent fields left out, never null). */
export type NewApplicant = Schemas['ApplicantDto'];
/** The body of POST /api/v1/procedures. */
export type ProcedureDefinition = Schemas['ProcedureDefinitionDto'];
export type PublicDossier = Schemas['PublicDossierDto'];
export type ApiErrorBody = Schemas['ApiErrorDto'];
export type FieldError = Schemas['FieldErrorDto'];
export type FieldErrorCode = Schemas['FieldErrorCode'];
export type AuditEntry = Schemas['AuditEntryDto'];
export type AuditAction = Schemas['AuditAction'];
export type AuditTargetType = Schemas['AuditTargetType'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
