import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { APPLICANT_TYPES, type FieldErrorCode, type Channel, CHANNELS, DOSSIER_EVENT_TYPES, DOSSIER_STATUSES, type DossierEventType, type DossierStatus, RESULT_TYPES, type ResultType, WORK_ROLES } from '@app/common';
import { IsLocalDate } from './reports.dto';

/** ISO 8601 with an explicit offset, e.g. 2026-11-23T09:00:00+07:00. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_OPTIONS = { message: 'must be an ISO 8601 time with its offset, e.g. 2026-11-23T09:00:00+07:00', context: { code: 'bad_date_time' satisfies FieldErrorCode } };
const CODE = /^[A-Za-z0-9._-]{1,50}$/;
const ID_NUMBER = /^[0-9A-Za-z-]{6,20}$/;
const PHONE = /^\+?[0-9 .-]{8,20}$/;
const OFFICER_ID = /^[\w.@-]{1,64}$/;
const TIME_EXAMPLE = '2026-11-23T09:00:00+07:00';
/** Only the words true and false become booleans: `@Type(() => Boolean)` would make the string "false" true. */
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ApplicantDto {
  @ApiProperty({ enum: APPLICANT_TYPES, enumName: 'ApplicantType', example: 'citizen' })
  @IsIn(APPLICANT_TYPES)
  type!: 'citizen' | 'enterprise' | 'organization';

  @ApiProperty({ example: 'Nguyễn Văn A', minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ example: '001090012345', pattern: ID_NUMBER.source, description: 'CCCD / tax code / registration number' })
  @Matches(ID_NUMBER, { message: 'must be 6–20 letters or digits', context: { params: { format: 'id_number' } } })
  idNumber!: string;

  @ApiPropertyOptional({ example: '0912345678', pattern: PHONE.source })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number', context: { params: { format: 'phone' } } })
  phone?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 200, example: 'nguyenvana@example.vn' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

export class SubmittedDocumentDto {
  @ApiProperty({ example: 'GDN', pattern: CODE.source })
  @Matches(CODE, { message: 'must be 1–50 letters, digits, dots, dashes or underscores' })
  code!: string;

  @ApiProperty({ example: 'Giấy đề nghị đăng ký hộ kinh doanh', minLength: 1, maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  copies!: number;
}

export class CreateDossierDto {
  @ApiProperty({ example: '1.001193', pattern: CODE.source })
  @Matches(CODE, { message: 'must be a procedure code' })
  procedureCode!: string;

  @ApiPropertyOptional({
    example: 'H12.01',
    pattern: CODE.source,
    description:
      "The resolving agency (its identifier starts the code). Defaults to the caller's agency; a reception officer may name any agency its desk receives for (the agency's receivesFor, else 403), an admin any",
  })
  @IsOptional()
  @Matches(CODE, { message: 'must be an agency code' })
  agencyCode?: string;

  @ApiPropertyOptional({ example: 'H12.01.07', pattern: CODE.source, description: "The receiving desk; defaults to the caller's agency (an admin's default: the resolving agency). Only an admin may name another" })
  @IsOptional()
  @Matches(CODE, { message: 'must be an agency code' })
  receivingAgencyCode?: string;

  @ApiProperty({ enum: CHANNELS, enumName: 'Channel', example: 'direct' })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ type: ApplicantDto })
  // An array would pass ValidateNested element by element: the applicant is one object.
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  @IsNotEmpty()
  applicant!: ApplicantDto;

  @ApiPropertyOptional({ type: [SubmittedDocumentDto], maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  // Each an object: ValidateNested would let a nested array ([[…]]) through and it would be stored.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SubmittedDocumentDto)
  documents?: SubmittedDocumentDto[];

  @ApiPropertyOptional({
    format: 'date-time',
    pattern: ISO_WITH_OFFSET.source,
    example: TIME_EXAMPLE,
    description: 'Back-dating for imports: admin only, never in the future; with its offset',
  })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, ISO_OPTIONS)
  receivedAt?: string;
}

export class DossierEventDto {
  @ApiProperty({ enum: DOSSIER_EVENT_TYPES, enumName: 'DossierEventType', example: 'FORWARD' })
  @IsIn(DOSSIER_EVENT_TYPES)
  type!: DossierEventType;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required for RETURN and REQUEST_SUPPLEMENT' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    pattern: OFFICER_ID.source,
    description: "ASSIGN: the account id of the officer to assign the step to, one of GET /api/v1/dossiers/{id}/assignees (an active officer of the agency holding the step, with the step's role)",
  })
  @IsOptional()
  @Matches(OFFICER_ID, { message: 'must be an officer id' })
  assigneeId?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'SUSPEND: financial_obligation | other; EXTEND: why the agency is late' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ enum: RESULT_TYPES, enumName: 'ResultType', example: 'approved' })
  @IsOptional()
  @IsIn(RESULT_TYPES)
  resultType?: ResultType;

  @ApiPropertyOptional({
    format: 'date-time',
    pattern: ISO_WITH_OFFSET.source,
    example: TIME_EXAMPLE,
    description: "EXTEND: the new appointment, later than the current dueAt and at most the procedure's processing time (times EXTEND_MAX_FACTOR) past it; with its offset. Sent at least EXTENSION_LEAD_WORKING_DAYS working days before dueAt (400 extension_too_late otherwise)",
  })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, ISO_OPTIONS)
  extendedDueAt?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 500 },
    minItems: 1,
    maxItems: 50,
    description: 'REQUEST_SUPPLEMENT: what the applicant must bring',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  missingItems?: string[];

  @ApiPropertyOptional({
    format: 'date-time',
    pattern: ISO_WITH_OFFSET.source,
    example: TIME_EXAMPLE,
    description: "Back-dating for imports: admin only, never in the future, not before the dossier's last transition; with its offset",
  })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, ISO_OPTIONS)
  occurredAt?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'The dossier version acted on; 409 if another change won meanwhile' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ListDossiersQuery {
  @ApiPropertyOptional({ enum: DOSSIER_STATUSES, enumName: 'DossierStatus' })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES)
  status?: DossierStatus;

  @ApiPropertyOptional({ example: '1.001193', pattern: CODE.source })
  @IsOptional()
  @Matches(CODE, { message: 'must be a procedure code' })
  procedureCode?: string;

  @ApiPropertyOptional({ example: 'H12.01', pattern: CODE.source, description: "The resolving agency; 404 outside the caller's agencies" })
  @IsOptional()
  @Matches(CODE, { message: 'must be an agency code' })
  agencyCode?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Only open dossiers that are (true) or are not (false) overdue' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Only open dossiers that are (true) or are not (false) due soon' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dueSoon?: boolean;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-01', description: 'Received on or after this local date' })
  @IsOptional()
  @IsLocalDate()
  receivedFrom?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'Received on or before this local date' })
  @IsOptional()
  @IsLocalDate()
  receivedTo?: string;

  @ApiPropertyOptional({ maxLength: 100, description: "A dossier code prefix or part of the applicant's name" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: WORK_ROLES,
    enumName: 'WorkRole',
    isArray: true,
    minItems: 1,
    example: ['specialist', 'leader'],
    description:
      'A work queue: open dossiers waiting for one of these roles (repeat the parameter, or separate with commas: `specialist,leader`): processing or suspended at a step that names the role; for reception also awaiting_supplement and result_ready (the desk work)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((r) => r.trim()) : value))
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(WORK_ROLES, { each: true, message: `each role must be one of ${WORK_ROLES.join(', ')}` })
  stepRole?: (typeof WORK_ROLES)[number][];

  @ApiPropertyOptional({ enum: ['me', 'none'], description: 'me: assigned to the caller; none: assigned to nobody' })
  @IsOptional()
  @IsIn(['me', 'none'])
  assignee?: 'me' | 'none';

  @ApiPropertyOptional({
    enum: ['receivedAt', 'stepDueAt', 'dueAt'],
    default: 'receivedAt',
    description:
      "receivedAt: newest first; stepDueAt: the current step's deadline, soonest (most overdue) first, dossiers without one last; dueAt: the appointment, earliest (most overdue) first",
  })
  @IsOptional()
  @IsIn(['receivedAt', 'stepDueAt', 'dueAt'])
  sort?: 'receivedAt' | 'stepDueAt' | 'dueAt';

  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 500, description: 'The nextCursor of the previous page, with the same sort' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
