import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICANT_TYPES,
  type ApplicantType,
  type Channel,
  CHANNELS,
  DOSSIER_EVENT_TYPES,
  DOSSIER_STATUSES,
  type DossierEventType,
  type DossierStatus,
  type LogEventType,
  type Outcome,
  OUTCOMES,
  RESULT_TYPES,
  type ResultType,
  type Role,
  ROLES,
  SUSPEND_REASONS,
  type SuspendReason,
  SYSTEM_EVENT_TYPES,
  RECORD_EVENT_TYPES,
} from '@app/common';
import { nullableObject, orNull } from './nullable-schema';

// The response shapes of the dossier endpoints, field for field what toDossierView, toEventView and publicLookup return.
// No description on an enum property: @nestjs/swagger would copy it onto the shared enum schema.


/** The codes nationalStatusCode() gives (3, not accepted, never reaches a dossier here). */
const NATIONAL_STATUS_CODES = [2, 4, 5, 6, 7, 8, 9, 10];
const LOG_EVENT_TYPES = [...DOSSIER_EVENT_TYPES, ...SYSTEM_EVENT_TYPES, ...RECORD_EVENT_TYPES];

/** The applicant as stored at intake. */
export class DossierApplicantDto {
  @ApiProperty({ enum: APPLICANT_TYPES, enumName: 'ApplicantType', example: 'citizen' })
  type!: ApplicantType;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  fullName!: string;

  @ApiProperty({ example: '001090012345', description: 'CCCD / tax code / registration number' })
  idNumber!: string;

  // Absent when not given; null when the intake sent null (validation lets an explicit null through and it is stored).
  @ApiPropertyOptional({ type: String, nullable: true, example: '0912345678' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'nguyenvana@example.vn' })
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội' })
  address?: string | null;
}

/** A document handed in with the dossier. */
export class DossierDocumentDto {
  @ApiProperty({ example: 'GDN' })
  code!: string;

  @ApiProperty({ example: 'Giấy đề nghị đăng ký hộ kinh doanh' })
  name!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  copies!: number;
}

/** The step the dossier is in. */
export class DossierCurrentStepDto {
  @ApiProperty({ example: 'appraise', description: "The step's id in the pinned procedure version" })
  id!: string;

  @ApiProperty({ example: 'Thẩm định' })
  name!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'specialist' })
  role!: Role;

  @ApiProperty({ example: 'H12.20', description: 'The agency holding the step: its officers with `role` work it (liên thông: not always the resolving agency)' })
  agencyCode!: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The officer id the step is assigned to (ASSIGN), or null' })
  assigneeId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-23T09:00:00+07:00' })
  startedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-23T14:00:00+07:00', description: "The step's deadline" })
  dueAt!: string | null;

  @ApiProperty({ example: false, description: 'Running and past the step deadline' })
  overdue!: boolean;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 180,
    description: "Working minutes left before the step's deadline (negative: overdue by); null unless the dossier is processing with a step deadline",
  })
  workingMinutesLeft!: number | null;
}

/** An agency a dossier concerns, with its name (officers' agency lists hold only their own tree). */
export class DossierAgencyDto {
  @ApiProperty({ example: 'H12.30.01' })
  code!: string;

  @ApiProperty({ example: 'Chi nhánh Văn phòng đăng ký đất đai khu vực 1' })
  name!: string;
}

/** A handover between agencies (liên thông): a FORWARD or RETURN (or the intake) that moved the dossier to another agency's hands. */
export class DossierHandoverDto {
  @ApiProperty({ example: 'H12.01.40', description: 'The agency that held the dossier before' })
  fromAgency!: string;

  @ApiProperty({ example: 'H12.30.01', description: 'The agency holding it after' })
  toAgency!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T09:00:00+07:00' })
  at!: string;
}

/** The API's Dossier (api.md), as the caller sees it now. */
@ApiExtraModels(DossierCurrentStepDto, DossierHandoverDto) // currentStep and lastHandover name them only by $ref
export class DossierDto {
  @ApiProperty({ format: 'uuid', example: '7d1f5c2e-3b4a-4c8d-9e0f-1a2b3c4d5e6f' })
  id!: string;

  @ApiProperty({ example: 'H12.01-261123-0001' })
  code!: string;

  @ApiProperty({ example: '1.001193' })
  procedureCode!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'The procedure version pinned at intake' })
  procedureVersion!: number;

  @ApiProperty({ example: 'Đăng ký thành lập hộ kinh doanh' })
  procedureName!: string;

  @ApiProperty({ example: 'H12.01', description: 'The resolving agency (its identifier starts the code)' })
  agencyCode!: string;

  @ApiProperty({ example: 'H12.01', description: 'The desk that received the dossier (liên thông: may be another agency than the resolving one)' })
  receivingAgencyCode!: string;

  @ApiProperty({ enum: CHANNELS, enumName: 'Channel', example: 'direct' })
  channel!: Channel;

  @ApiProperty({ type: () => DossierApplicantDto })
  applicant!: DossierApplicantDto;

  @ApiProperty({ type: () => DossierDocumentDto, isArray: true })
  documents!: DossierDocumentDto[];

  @ApiProperty({ enum: DOSSIER_STATUSES, enumName: 'DossierStatus', example: 'processing' })
  status!: DossierStatus;

  @ApiProperty({ type: 'integer', enum: NATIONAL_STATUS_CODES, example: 4, description: "The national public-service portal's status code" })
  nationalStatusCode!: number;

  @ApiProperty({ enum: SUSPEND_REASONS, enumName: 'SuspendReason', ...orNull() })
  suspendReason!: SuspendReason | null;

  @ApiProperty({
    ...nullableObject(DossierCurrentStepDto),
    description: 'Null when the dossier is in no step or its result is ready',
  })
  currentStep!: DossierCurrentStepDto | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T09:00:00+07:00' })
  receivedAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T09:00:00+07:00', description: 'The appointment for the result' })
  dueAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null, description: 'The new appointment after EXTEND' })
  extendedDueAt!: string | null;

  @ApiProperty({ example: false })
  dueSoon!: boolean;

  @ApiProperty({ example: false })
  overdue!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  overdueFlaggedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  dueSoonFlaggedAt!: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  supplementCount!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null, description: 'When the result was completed (COMPLETE)' })
  finishedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null, description: 'When the result was handed over (DELIVER)' })
  returnedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  withdrawnAt!: string | null;

  @ApiProperty({ enum: RESULT_TYPES, enumName: 'ResultType', ...orNull() })
  resultType!: ResultType | null;

  @ApiProperty({ enum: OUTCOMES, enumName: 'Outcome', ...orNull() })
  outcome!: Outcome | null;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: 'Send it back as expectedVersion to detect a concurrent change' })
  version!: number;

  @ApiProperty({
    type: () => DossierAgencyDto,
    isArray: true,
    description: "Every agency the dossier concerns (resolving, receiving, every agency that holds or held a step) and every agency its procedure's steps name, with its name, by code",
  })
  agencies!: DossierAgencyDto[];

  @ApiProperty({
    ...nullableObject(DossierHandoverDto),
    description: "The dossier's last handover between agencies (liên thông), from its event log; null if it never changed hands",
  })
  lastHandover!: DossierHandoverDto | null;

  @ApiProperty({
    enum: DOSSIER_EVENT_TYPES,
    enumName: 'DossierEventType',
    isArray: true,
    example: ['FORWARD', 'RETURN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'WITHDRAW'],
  })
  allowedEvents!: DossierEventType[];
}

/** One dossier read by its id or code: what a list row says, and the lookup key printed on the receipt. */
export class DossierDetailDto extends DossierDto {
  @ApiProperty({
    description: 'Unguessable key of the applicant’s lookup link (`PUBLIC_BASE_URL/tra-cuu?ma=<code>&k=<key>`, in the receipt’s QR code); never in lists or the public lookup',
    pattern: '^[0-9a-f]{32}$',
    example: '3f1c0e5b9a7d4c2e8b6a1f0d9c8e7b6a',
  })
  lookupKey!: string;
}

/** One page of dossiers. */
export class DossierPageDto {
  @ApiProperty({ type: () => DossierDto, isArray: true })
  items!: DossierDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

/** Who wrote an event of the log. */
export class DossierEventActorDto {
  @ApiProperty({ example: '0b7e1c7a-5d2f-4e8b-9a61-2c3d4e5f6a7b', description: "The user's id, or `system` for the timer events" })
  id!: string;

  @ApiProperty({ example: 'reception.h1201' })
  username!: string;
}

/** One event of the process control sheet (phiếu kiểm soát). */
export class DossierEventRecordDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  seq!: number;

  @ApiProperty({ enum: LOG_EVENT_TYPES, enumName: 'LogEventType', example: 'RECEIVE' })
  type!: LogEventType;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T09:00:00+07:00' })
  at!: string;

  @ApiProperty({ type: () => DossierEventActorDto })
  actor!: DossierEventActorDto;

  @ApiProperty({ enum: DOSSIER_STATUSES, enumName: 'DossierStatus', ...orNull() })
  fromStatus!: DossierStatus | null;

  @ApiProperty({ enum: DOSSIER_STATUSES, enumName: 'DossierStatus', example: 'processing' })
  toStatus!: DossierStatus;

  @ApiProperty({ type: String, nullable: true, example: 'receive' })
  fromStep!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'appraise' })
  toStep!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'A handover (liên thông): the agency that held the dossier before this event; else null' })
  fromAgency!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'A handover: the agency holding the dossier after this event; else null' })
  toAgency!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Deadline of the step the dossier is in after this event' })
  stepDueAt!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Whether the step this event finished was on time; null when no step finished' })
  stepOnTime!: boolean | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { channel: 'direct', dueAt: '2026-11-26T02:00:00.000Z' },
    description: 'Details that depend on the type (missing items, reasons, deadlines before and after)',
  })
  data!: Record<string, unknown>;
}

/** The dossier's whole event log, in order. */
export class DossierEventListDto {
  @ApiProperty({ type: () => DossierEventRecordDto, isArray: true })
  items!: DossierEventRecordDto[];
}

/** An officer the dossier's current step may be assigned to. */
export class DossierAssigneeDto {
  @ApiProperty({ format: 'uuid', description: 'The account id: send it as ASSIGN `assigneeId`' })
  id!: string;

  @ApiProperty({ example: 'tran.chuyen.vien' })
  username!: string;

  @ApiProperty({ example: 'Trần Chuyên Viên' })
  fullName!: string;
}

export class DossierAssigneeListDto {
  @ApiProperty({
    type: [DossierAssigneeDto],
    description: "The active officers of the agency holding the current step who hold the step's role, by full name; none when the dossier is at no step",
  })
  items!: DossierAssigneeDto[];
}

/** What a citizen may see by the dossier's code: status and dates, never the applicant. */
export class PublicDossierDto {
  @ApiProperty({ example: 'H12.01-261123-0001' })
  code!: string;

  @ApiProperty({ example: 'Đăng ký thành lập hộ kinh doanh' })
  procedureName!: string;

  @ApiProperty({ enum: DOSSIER_STATUSES, enumName: 'DossierStatus', example: 'processing' })
  status!: DossierStatus;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T09:00:00+07:00' })
  receivedAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T09:00:00+07:00' })
  dueAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  extendedDueAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  finishedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  returnedAt!: string | null;
}
