import { ApiProperty, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { nullableObject } from './nullable-schema';
import { AGENCY_LEVELS, type AgencyLevel, type FieldErrorCode, RECEIVES_FOR, type ReceivesFor, RECOMPUTE_STATUSES, type RecomputeStatus, ROLES, type Role } from '@app/common';
import {
  DOCUMENT_CODE_MAX_LENGTH,
  DURATION_UNITS,
  type DurationUnit,
  MAX_DURATION_VALUE,
  MAX_STEPS,
  MIN_STEPS,
  NAME_MAX_LENGTH,
  PROCEDURE_CODE_MAX_LENGTH,
  PROCEDURE_CODE_PATTERN,
  STEP_AGENCY_RELATIONS,
  STEP_ID_PATTERN,
  type StepAgencyRelation,
  SUPPLEMENT_POLICIES,
  type SupplementPolicy,
} from '@app/procedures';

// The answers of the reference-data operations (procedures, calendar, agencies, users, sign-in, health), as the services build them.

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HH_MM_OPTIONS = { message: 'must be a time HH:mm', context: { code: 'bad_time' satisfies FieldErrorCode } };

// ---- Procedures (libs/procedures procedure-definition.ts)

export class ProcedureDurationDto {
  @ApiProperty({
    minimum: 0.5, // above 0 and a multiple of 0.5: an OpenAPI 3.0 boolean exclusiveMinimum would break JSON Schema validators
    maximum: MAX_DURATION_VALUE,
    multipleOf: 0.5,
    example: 3,
    description: 'Whole for days and months; a multiple of 0.5 for working hours',
  })
  value!: number;

  @ApiProperty({ enum: DURATION_UNITS, enumName: 'DurationUnit', example: 'working_days' })
  unit!: DurationUnit;
}

/** Exactly one of `code` and `relation`. */
export class StepAgencyDto {
  @ApiProperty({ required: false, maxLength: 50, example: 'H12.20', description: 'A named agency (it must exist when the procedure is published)' })
  code?: string;

  @ApiProperty({ required: false, enum: STEP_AGENCY_RELATIONS, enumName: 'StepAgencyRelation', example: 'receiving', description: 'The dossier’s own resolving or receiving agency' })
  relation?: StepAgencyRelation;
}

export class ProcedureStepDto {
  @ApiProperty({ pattern: STEP_ID_PATTERN.source, example: 'appraise', description: "Unique within the procedure; 'hist' is reserved" })
  id!: string;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX_LENGTH, example: 'Thẩm định' })
  name!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'specialist' })
  role!: Role;

  @ApiProperty({ type: ProcedureDurationDto, description: 'The step’s share of the processing time' })
  allotted!: ProcedureDurationDto;

  @ApiProperty({
    type: StepAgencyDto,
    required: false,
    description: 'The agency whose officers (of `role`) do the step (liên thông); absent: the resolving agency (the dossier’s agencyCode)',
  })
  agency?: StepAgencyDto;
}

export class RequiredDocumentDto {
  @ApiProperty({ minLength: 1, maxLength: DOCUMENT_CODE_MAX_LENGTH, example: 'GDN', description: 'Unique within the procedure' })
  code!: string;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX_LENGTH, example: 'Giấy đề nghị đăng ký hộ kinh doanh' })
  name!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  copies!: number;
}

/** A published version of a procedure: its whole definition, every default filled in, with the version number. */
export class ProcedureDto {
  @ApiProperty({ minLength: 1, maxLength: PROCEDURE_CODE_MAX_LENGTH, pattern: PROCEDURE_CODE_PATTERN.source, example: '1.001193' })
  code!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'Assigned on publishing: the previous version + 1' })
  version!: number;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX_LENGTH, example: 'Đăng ký thành lập hộ kinh doanh' })
  name!: string;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX_LENGTH, example: 'Thành lập và hoạt động của hộ kinh doanh', description: 'The field (lĩnh vực)' })
  field!: string;

  @ApiProperty({ enum: AGENCY_LEVELS, enumName: 'AgencyLevel', example: 'district' })
  level!: AgencyLevel;

  @ApiProperty({ type: ProcedureDurationDto, description: 'The legal processing time, from receipt to result' })
  processingTime!: ProcedureDurationDto;

  @ApiProperty(
    nullableObject(ProcedureDurationDto, {
      description: 'A shorter time for online applications, not longer than processingTime; null (the default): the same',
    }),
  )
  onlineProcessingTime!: ProcedureDurationDto | null;

  @ApiProperty({
    type: String,
    nullable: true,
    pattern: HH_MM.source,
    example: '15:00',
    description: 'Local time HH:mm; received after it counts as received at the next opening. null (the default): no cut-off',
  })
  cutoff!: string | null;

  @ApiProperty({
    enum: SUPPLEMENT_POLICIES,
    enumName: 'SupplementPolicy',
    example: 'pause',
    description:
      'After a supplement the clock resumes, the waiting time not counted (pause, the default for a new procedure) or starts again from the first step ' +
      '(restart, where a sector law counts from a complete dossier); a published version keeps the policy it was published with',
  })
  supplementPolicy!: SupplementPolicy;

  @ApiProperty({
    type: [ProcedureStepDto],
    minItems: MIN_STEPS,
    maxItems: MAX_STEPS,
    description: 'In order; their allotments add up to at most processingTime',
  })
  steps!: ProcedureStepDto[];

  @ApiProperty({ type: [RequiredDocumentDto], description: 'The components of a dossier; [] by default' })
  requiredDocuments!: RequiredDocumentDto[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 100000, description: 'VND, whole dong; 0 by default' })
  fee!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T02:00:00.000Z', description: 'When this version was published' })
  createdAt!: string;
}

/**
 * The body of `POST /procedures`; left-out optional fields take their defaults. Documentation only: the procedures lib
 * validates the body itself, every problem at once (400 invalid_procedure).
 */
export class ProcedureDefinitionDto extends IntersectionType(
  PickType(ProcedureDto, ['code', 'name', 'field', 'level', 'processingTime', 'steps'] as const),
  PartialType(PickType(ProcedureDto, ['onlineProcessingTime', 'cutoff', 'supplementPolicy', 'requiredDocuments', 'fee'] as const)),
) {}

export class ProcedureListDto {
  @ApiProperty({ type: [ProcedureDto], description: 'The latest version of each procedure, by code' })
  items!: ProcedureDto[];
}

// ---- Calendar (libs/calendar WorkingCalendar.days)

export class CalendarDayDto {
  @ApiProperty({ format: 'date', example: '2026-02-16' })
  date!: string;

  @ApiProperty({ example: false })
  working!: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'Nghỉ Tết Nguyên đán', description: 'The exception’s note; null on an ordinary day' })
  note!: string | null;
}

export class CalendarDayListDto {
  @ApiProperty({ type: [CalendarDayDto], description: 'Every date from..to, both included, in order' })
  items!: CalendarDayDto[];
}

/** The recomputation of open deadlines a calendar or office-hours change requested, committed with the change. */
export class DeadlineRecomputeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: RECOMPUTE_STATUSES,
    enumName: 'RecomputeStatus',
    example: 'done',
    description: 'done: every open dossier concerned has its new deadlines; pending: the workers finish it (also after a crash)',
  })
  status!: RecomputeStatus;

  @ApiProperty({ type: 'integer', minimum: 0, example: 12, description: 'Open dossiers whose deadlines moved so far (all of them once done)' })
  recomputedDossiers!: number;
}

export class CalendarDayChangeDto extends CalendarDayDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 12, description: 'Open dossiers whose deadlines moved with the change (so far, while recompute.status is pending)' })
  recomputedDossiers!: number;

  @ApiProperty({
    type: DeadlineRecomputeDto,
    description: 'The same request again, even unchanged, resumes or redoes it: a retry after a crash repairs the deadlines',
  })
  recompute!: DeadlineRecomputeDto;
}

// ---- Agencies (libs/agencies AgencyService toView)

/** One span of office hours, local time, [from, to); also the request shape, so it validates. */
export class OfficeIntervalDto {
  @ApiProperty({ pattern: HH_MM.source, example: '07:30' })
  @Matches(HH_MM, HH_MM_OPTIONS)
  from!: string;

  @ApiProperty({ pattern: HH_MM.source, example: '11:30' })
  @Matches(HH_MM, HH_MM_OPTIONS)
  to!: string;
}

export class AgencyDto {
  @ApiProperty({ example: 'H12.01' })
  code!: string;

  @ApiProperty({ example: 'UBND huyện Mỹ Hào' })
  name!: string;

  @ApiProperty({ enum: AGENCY_LEVELS, enumName: 'AgencyLevel', example: 'commune', description: 'district: only agencies imported from before 1 July 2025' })
  level!: AgencyLevel;

  @ApiProperty({ type: String, nullable: true, example: 'H12', description: 'null for a root of the tree' })
  parentCode!: string | null;

  @ApiProperty({
    type: [OfficeIntervalDto],
    example: [
      { from: '07:30', to: '11:30' },
      { from: '13:30', to: '17:00' },
    ],
    description: 'Sorted, not overlapping; the default hours when the agency has none of its own',
  })
  officeHours!: OfficeIntervalDto[];

  @ApiProperty({
    enum: RECEIVES_FOR,
    enumName: 'ReceivesFor',
    example: 'self',
    description: 'Whose dossiers its desk may receive: its own (self), those of every agency under it (subtree), or of every agency of its province (province: a provincial centre)',
  })
  receivesFor!: ReceivesFor;
}

export class AgencyListDto {
  @ApiProperty({ type: [AgencyDto], description: 'By code' })
  items!: AgencyDto[];
}

export class UpdatedAgencyDto extends AgencyDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Open dossiers of the agency whose deadlines moved (only when the office hours changed)' })
  recomputedDossiers!: number;

  @ApiProperty(
    nullableObject(DeadlineRecomputeDto, {
      description: 'null when no office hours were sent. Hours sent, even the same ones, resume or redo the recomputation: a retry after a crash repairs the deadlines',
    }),
  )
  recompute!: DeadlineRecomputeDto | null;
}

// ---- Users and sign-in (libs/auth; a password or its hash is never returned)

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'reception' })
  username!: string;

  @ApiProperty({ example: 'Cán bộ Bộ phận Một cửa' })
  fullName!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true, example: ['reception'] })
  roles!: Role[];

  @ApiProperty({ type: String, nullable: true, example: 'H12.01', description: 'null: an account of no agency' })
  agencyCode!: string | null;

  @ApiProperty({ description: 'An inactive account cannot sign in' })
  active!: boolean;

  @ApiProperty({ description: 'A TOTP second factor is enabled: signing in also needs a code of the authenticator app' })
  twoFactorEnabled!: boolean;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto], description: 'By username' })
  items!: UserDto[];
}

export class OfficerDto extends PickType(UserDto, ['id', 'username', 'fullName', 'roles'] as const) {}

export class OfficerListDto {
  @ApiProperty({ type: [OfficerDto], description: 'The active accounts of the caller’s agency, by full name; none when the caller has no agency' })
  items!: OfficerDto[];
}

export class SignedInUserDto extends OmitType(UserDto, ['active'] as const) {}

/** A new token of the caller's session (refresh, own password change). */
export class TokenResponseDto {
  @ApiProperty({ description: 'A JWT; send it as `Authorization: Bearer <token>` instead of the previous one' })
  accessToken!: string;

  @ApiProperty({ example: 1800, minimum: 1, description: 'Seconds the token stays valid (JWT_TTL_MINUTES, the idle timeout; less near the session’s end): refresh it before with `POST /api/v1/auth/refresh`' })
  expiresIn!: number;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'A JWT; send it as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ example: 1800, minimum: 1, description: 'Seconds the token stays valid (JWT_TTL_MINUTES, the idle timeout; less near the session’s end): refresh it before with `POST /api/v1/auth/refresh`' })
  expiresIn!: number;

  @ApiProperty({ type: SignedInUserDto })
  user!: SignedInUserDto;

  @ApiProperty({
    description:
      'The account holds a role that requires a second factor (REQUIRE_2FA_ROLES) and has none: until it enrols one (POST /api/v1/auth/2fa/setup, then /enable), ' +
      'every other endpoint answers 403 `two_factor_required`',
  })
  twoFactorSetupRequired!: boolean;
}

// ---- Health (apps/api HealthService)

const HEALTH_STATUSES = ['ok', 'error'] as const;
const PROBE_RESULTS = ['up', 'down'] as const;

export class HealthChecksDto {
  @ApiProperty({ enum: PROBE_RESULTS, enumName: 'ProbeResult', example: 'up' })
  database!: (typeof PROBE_RESULTS)[number];

  @ApiProperty({ enum: PROBE_RESULTS, enumName: 'ProbeResult', example: 'up', description: 'The deadline queue (Redis)' })
  queue!: (typeof PROBE_RESULTS)[number];

  @ApiProperty({ enum: PROBE_RESULTS, enumName: 'ProbeResult', example: 'up', description: 'The file storage (FILE_STORAGE: the filesystem or the S3 bucket)' })
  storage!: (typeof PROBE_RESULTS)[number];
}

export class HealthDto {
  @ApiProperty({ enum: HEALTH_STATUSES, enumName: 'HealthStatus', example: 'ok', description: 'ok (200) when every check is up, else error (503)' })
  status!: (typeof HEALTH_STATUSES)[number];

  @ApiProperty({ type: HealthChecksDto })
  checks!: HealthChecksDto;
}
