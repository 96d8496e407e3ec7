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
} from 'class-validator';
import { APPLICANT_TYPES, type Channel, CHANNELS, DOSSIER_EVENT_TYPES, DOSSIER_STATUSES, type DossierEventType, type DossierStatus, RESULT_TYPES, type ResultType, WORK_ROLES } from '@app/common';
import { IsLocalDate } from './reports.dto';

/** ISO 8601 with an explicit offset, e.g. 2026-11-23T09:00:00+07:00. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_MESSAGE = 'must be an ISO 8601 time with its offset, e.g. 2026-11-23T09:00:00+07:00';
const CODE = /^[A-Za-z0-9._-]{1,50}$/;
/** The roles that work dossiers, i.e. that a step may name and a work queue may be asked for. */
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ApplicantDto {
  @ApiProperty({ enum: APPLICANT_TYPES })
  @IsIn(APPLICANT_TYPES)
  type!: 'citizen' | 'enterprise' | 'organization';

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ example: '001090012345', description: 'CCCD / tax code / registration number' })
  @Matches(/^[0-9A-Za-z-]{6,20}$/, { message: 'must be 6–20 letters or digits' })
  idNumber!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[0-9 .-]{8,20}$/, { message: 'must be a phone number' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

export class SubmittedDocumentDto {
  @ApiProperty()
  @Matches(CODE, { message: 'must be 1–50 letters, digits, dots, dashes or underscores' })
  code!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(100)
  copies!: number;
}

export class CreateDossierDto {
  @ApiProperty({ example: '1.001193' })
  @Matches(CODE, { message: 'must be a procedure code' })
  procedureCode!: string;

  @ApiPropertyOptional({ description: "Defaults to the caller's agency; only an admin may name another" })
  @IsOptional()
  @Matches(CODE, { message: 'must be an agency code' })
  agencyCode?: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ type: ApplicantDto })
  @ValidateNested()
  @Type(() => ApplicantDto)
  @IsNotEmpty()
  applicant!: ApplicantDto;

  @ApiPropertyOptional({ type: [SubmittedDocumentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubmittedDocumentDto)
  documents?: SubmittedDocumentDto[];

  @ApiPropertyOptional({ description: 'Back-dating for imports: admin only, never in the future' })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, { message: ISO_MESSAGE })
  receivedAt?: string;
}

export class DossierEventDto {
  @ApiProperty({ enum: DOSSIER_EVENT_TYPES })
  @IsIn(DOSSIER_EVENT_TYPES)
  type!: DossierEventType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\w.@-]{1,64}$/, { message: 'must be an officer id' })
  assigneeId?: string;

  @ApiPropertyOptional({ description: 'SUSPEND: financial_obligation | other; EXTEND: why the agency is late' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ enum: RESULT_TYPES })
  @IsOptional()
  @IsIn(RESULT_TYPES)
  resultType?: ResultType;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, { message: ISO_MESSAGE })
  extendedDueAt?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  missingItems?: string[];

  @ApiPropertyOptional({ description: 'Back-dating for imports: admin only' })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, { message: ISO_MESSAGE })
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'The dossier version acted on; 409 if another change won meanwhile' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ListDossiersQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(DOSSIER_STATUSES)
  status?: DossierStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE, { message: 'must be a procedure code' })
  procedureCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE, { message: 'must be an agency code' })
  agencyCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dueSoon?: boolean;

  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @IsLocalDate()
  receivedFrom?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @IsLocalDate()
  receivedTo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'specialist,leader',
    description:
      'A work queue: open dossiers waiting for one of these roles (comma-separated): processing or suspended at a step that names the role; for reception also awaiting_supplement and result_ready (the desk work)',
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

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
