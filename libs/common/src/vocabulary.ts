/** Every closed vocabulary of the product, declared once (style.md rule 13): the arrays validate, the types follow. */

export const ROLES = ['admin', 'supervisor', 'reception', 'specialist', 'leader', 'clerk'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that work dossiers: a procedure step names one of them. */
export const WORK_ROLES = ['reception', 'specialist', 'leader', 'clerk'] as const satisfies readonly Role[];

export const AGENCY_LEVELS = ['ministry', 'province', 'department', 'district', 'commune'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
/** Districts were abolished on 1 July 2025: `district` stays readable for imported history, no new agency takes it. */
export const RETIRED_AGENCY_LEVELS: readonly AgencyLevel[] = ['district'];

/** Whose dossiers an agency's desk may receive: its own, its subtree's, or every agency of its province (a provincial centre). */
export const RECEIVES_FOR = ['self', 'subtree', 'province'] as const;
export type ReceivesFor = (typeof RECEIVES_FOR)[number];

/** `not_accepted` never enters the workflow, so it is not here. */
export const DOSSIER_STATUSES = ['processing', 'awaiting_supplement', 'suspended', 'result_ready', 'returned', 'withdrawn'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** The clock runs or waits: the dossier is not finished. */
export const OPEN_STATUSES = ['processing', 'awaiting_supplement', 'suspended'] as const satisfies readonly DossierStatus[];

export const CHANNELS = ['direct', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const APPLICANT_TYPES = ['citizen', 'enterprise', 'organization'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const SUSPEND_REASONS = ['financial_obligation', 'other'] as const;
export type SuspendReason = (typeof SUSPEND_REASONS)[number];

export const RESULT_TYPES = ['approved', 'refused'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

export const OUTCOMES = ['early', 'on_time', 'overdue'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The events an officer sends (POST /dossiers/:id/events). */
export const DOSSIER_EVENT_TYPES = [
  'FORWARD',
  'RETURN',
  'ASSIGN',
  'REQUEST_SUPPLEMENT',
  'SUPPLEMENT_RECEIVED',
  'SUSPEND',
  'RESUME',
  'EXTEND',
  'COMPLETE',
  'DELIVER',
  'WITHDRAW',
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];

/** The deadlines whose passing is flagged on the dossier. */
export const DEADLINE_KINDS = ['due_soon', 'overdue', 'step_overdue'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The events the log holds besides officers' ones: intake, timer flags, recomputed deadlines. */
export const SYSTEM_EVENT_TYPES = ['RECEIVE', 'DUE_SOON', 'OVERDUE', 'STEP_OVERDUE', 'DEADLINE_RECOMPUTED'] as const;
export type SystemEventType = (typeof SYSTEM_EVENT_TYPES)[number];

/**
 * Events that record something added to the dossier without moving it (no status, step or deadline changes): a file
 * attached (issue 16). Sent by officers through the transition path, never through POST /dossiers/:id/events.
 */
export const RECORD_EVENT_TYPES = ['FILE_ATTACHED'] as const;
export type RecordEventType = (typeof RECORD_EVENT_TYPES)[number];

export type LogEventType = DossierEventType | SystemEventType | RecordEventType;

/** A dossier file: a scanned component (of a required document, or an extra paper), the result document, or a form issued to the applicant. */
export const FILE_KINDS = ['component', 'result', 'form'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
/** What an officer may upload: an issued form (`form`) is filed by the system at its event. */
export const UPLOAD_FILE_KINDS = ['component', 'result'] as const;
export type UploadFileKind = (typeof UPLOAD_FILE_KINDS)[number];

/** The printable forms of Circular 03/2025 a dossier may have (Mẫu 01–06; the register, Mẫu 07, covers many dossiers). */
export const DOSSIER_FORMS = ['receipt', 'supplement-request', 'refusal', 'apology', 'stop-notice', 'control-sheet'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

/** The file types a dossier accepts, as detected from the bytes (magic numbers), never from the name. */
export const FILE_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const;
export type FileContentType = (typeof FILE_CONTENT_TYPES)[number];

/** Why the open dossiers' deadlines are recomputed (the `reason` of a DEADLINE_RECOMPUTED event). */
export const RECOMPUTE_REASONS = ['calendar_changed', 'office_hours_changed'] as const;
export type RecomputeReason = (typeof RECOMPUTE_REASONS)[number];

/** A recomputation of open deadlines: still working through the dossiers, or finished. */
export const RECOMPUTE_STATUSES = ['pending', 'done'] as const;
export type RecomputeStatus = (typeof RECOMPUTE_STATUSES)[number];

/**
 * What an administrative action did, as the audit log records it (GET /api/v1/audit). A PATCH of an account or an agency is
 * one `*.updated` row whatever fields it changed (roles, deactivation and a password reset among them): before/after say which.
 */
export const AUDIT_ACTIONS = [
  'user.created',
  'user.updated',
  'agency.created',
  'agency.updated',
  'procedure.published',
  'calendar.day_set',
  'calendar.day_cleared',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.2fa_enabled',
  'auth.2fa_disabled',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit row is about: its target id is the user's id, the agency's or procedure's code, the calendar date. */
export const AUDIT_TARGET_TYPES = ['user', 'agency', 'procedure', 'calendar_day'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** The API's machine error codes (`error` of every error answer, api.md); clients map these, never the English message. */
export const API_ERROR_CODES = [
  'validation_failed',
  'invalid_procedure',
  'unauthorized',
  'invalid_credentials',
  'totp_required',
  'invalid_totp',
  'two_factor_required',
  'forbidden',
  'not_found',
  'conflict',
  'event_not_allowed',
  'concurrent_change',
  'already_exists',
  'last_admin',
  'payload_too_large',
  'unsupported_media_type',
  'unsupported_file_type',
  'range_not_satisfiable',
  'storage_unavailable',
  'form_not_applicable',
  'idempotency_key_reused',
  'too_many_requests',
  'internal_error',
  'unhealthy',
  'bad_request',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * Why one field of a 400 was refused (`details[].code`, next to the English `reason`); clients translate these, never the sentence.
 * The numbers a message needs travel in `details[].params` (e.g. `too_long` with `{ max: 200 }`).
 */
export const FIELD_ERROR_CODES = [
  'required',
  'unknown_field',
  'not_allowed_value',
  'reserved',
  'bad_format',
  'bad_time',
  'bad_date',
  'bad_date_time',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_few_items',
  'too_many_items',
  'not_a_number',
  'not_an_integer',
  'not_a_multiple',
  'not_a_string',
  'not_a_boolean',
  'not_an_array',
  'not_an_object',
  'duplicate',
  'no_such_reference',
  'unstorable_text',
  'too_deep',
  'in_the_future',
  'too_early',
  'end_before_start',
  'range_too_long',
  'too_many_rows',
  'overlaps_previous',
  'circular_parent',
  'not_later_than_due',
  'extension_too_long',
  'extension_too_late',
  'assignee_not_eligible',
  'steps_exceed_processing_time',
  'online_exceeds_processing_time',
  'password_too_short',
  'password_too_long',
  'password_too_weak',
  'password_contains_username',
  'invalid_totp_code',
  'wrong_password',
  'unknown_agency',
  'retired_level',
  'empty_file',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** The numbers and names a field error's message needs (`{ max: 200 }`, `{ kind: 'agency' }`). */
export type FieldErrorParams = Record<string, string | number>;
