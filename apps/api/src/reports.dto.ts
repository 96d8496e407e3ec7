import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { REGISTER_FORMATS, type RegisterFormat } from '@app/forms';
import { GROUP_BYS, type GroupBy, LIVE_GROUP_BYS, type LiveGroupBy, MAX_PERIOD_DAYS, parseLocalDate } from '@app/reports';

const CODE = /^[A-Za-z0-9._-]{1,50}$/;

/** A real local date YYYY-MM-DD: not 30 February, nor a year before 100 (PostgreSQL has no year 0000). */
export const isLocalDate = (value: unknown): value is string => typeof value === 'string' && parseLocalDate(value) !== null;

export function IsLocalDate(): PropertyDecorator {
  return ValidateBy({ name: 'isLocalDate', validator: { validate: isLocalDate, defaultMessage: () => '$property must be a real date YYYY-MM-DD' } });
}

/** The period's length in days, from and to included; null while either date is not a real one (IsLocalDate reports that). */
function periodDays(args: ValidationArguments): number | null {
  const from = parseLocalDate(String((args.object as { from?: unknown }).from));
  const to = parseLocalDate(String(args.value));
  return from === null || to === null ? null : to - from + 1;
}

/** `to` is not before `from` (when both are real dates). */
export function IsNotBeforeFrom(): PropertyDecorator {
  return ValidateBy({
    name: 'isNotBeforeFrom',
    validator: {
      validate: (_: unknown, args?: ValidationArguments) => ((args ? periodDays(args) : null) ?? 1) >= 1,
      defaultMessage: () => '$property must not be before from',
    },
  });
}

/** At most MAX_PERIOD_DAYS days in all (a leap year fits); a `to` before `from` is IsNotBeforeFrom's to report. */
function IsWithinMaxPeriod(): PropertyDecorator {
  return ValidateBy({
    name: 'isWithinMaxPeriod',
    validator: {
      validate: (_: unknown, args?: ValidationArguments) => ((args ? periodDays(args) : null) ?? 1) <= MAX_PERIOD_DAYS,
      defaultMessage: () => `$property must keep the period within ${MAX_PERIOD_DAYS} days (from and to included)`,
    },
  });
}

/** The period and the optional filters every report takes. */
export class ReportQuery {
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First local date of the period (Asia/Ho_Chi_Minh), included; not after today' })
  @IsLocalDate()
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-12-31', description: `Last local date, included; not before from, at most ${MAX_PERIOD_DAYS} days in all` })
  @IsLocalDate()
  @IsNotBeforeFrom()
  @IsWithinMaxPeriod()
  to!: string;

  @ApiPropertyOptional({
    pattern: CODE.source,
    minLength: 1,
    maxLength: 50,
    example: 'H12.01',
    description: "Only this agency's own dossiers; 404 outside the caller's agencies",
  })
  @IsOptional()
  @Matches(CODE, { message: '$property must be an agency code' })
  agencyCode?: string;

  @ApiPropertyOptional({ pattern: CODE.source, minLength: 1, maxLength: 50, example: '1.001193' })
  @IsOptional()
  @Matches(CODE, { message: '$property must be a procedure code' })
  procedureCode?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 300, example: 'Hộ tịch', description: "The procedure's field (lĩnh vực)" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  field?: string;
}

export class Report06aQuery extends ReportQuery {
  @ApiProperty({
    enum: GROUP_BYS,
    enumName: 'ReportGroupBy',
    description:
      'One row per resolving agency (`agency`: a dossier counts under the agency that resolves it, wherever it was received), ' +
      'per receiving desk (`receiving`: the same dossiers under the desk that received them), per field (lĩnh vực) or per procedure',
  })
  @IsIn(GROUP_BYS, { message: `$property must be one of ${GROUP_BYS.join(', ')}` })
  groupBy!: GroupBy;

  @ApiPropertyOptional({ enum: ['json', 'xlsx'], enumName: 'Report06aFormat', default: 'json', description: 'xlsx: the national form as a workbook' })
  @IsOptional()
  @IsIn(['json', 'xlsx'], { message: '$property must be json or xlsx' })
  format?: 'json' | 'xlsx';
}

/** The live counters take no period: they are now. */
export class LiveQuery extends PickType(ReportQuery, ['agencyCode'] as const) {
  @ApiPropertyOptional({
    enum: LIVE_GROUP_BYS,
    enumName: 'LiveGroupBy',
    description:
      '`byAgency` per resolving agency (absent or `agency`) or per receiving desk (`receiving`): the same dossiers, those of the agencies in ' +
      "the caller's scope by resolving agency, so the totals agree; a desk outside the scope is listed when it received one of them",
  })
  @IsOptional()
  @IsIn(LIVE_GROUP_BYS, { message: `$property must be one of ${LIVE_GROUP_BYS.join(', ')}` })
  groupBy?: LiveGroupBy;
}

/** The lateness report: the period and filters of every report, agencyCode naming the agency that held the steps. */
export class LatenessQuery extends OmitType(ReportQuery, ['agencyCode'] as const) {
  @ApiPropertyOptional({
    pattern: CODE.source,
    minLength: 1,
    maxLength: 50,
    example: 'H12.01',
    description: "Only the steps this agency held (not its subtree's); 404 outside the caller's agencies",
  })
  @IsOptional()
  @Matches(CODE, { message: '$property must be an agency code' })
  agencyCode?: string;
}

/** The register (Mẫu 07): the period of every report, agencyCode naming a desk and those under it, and the file's format. */
export class RegisterQuery extends OmitType(ReportQuery, ['agencyCode', 'procedureCode', 'field'] as const) {
  @ApiPropertyOptional({
    pattern: CODE.source,
    minLength: 1,
    maxLength: 50,
    example: 'H12.01',
    description: "The dossiers received at this agency's desk and at the desks under it; 404 outside the caller's agencies",
  })
  @IsOptional()
  @Matches(CODE, { message: '$property must be an agency code' })
  agencyCode?: string;

  @ApiPropertyOptional({ enum: REGISTER_FORMATS, enumName: 'RegisterFormat', description: '`pdf` when absent (A4 landscape); `xlsx`: one sheet with the same columns' })
  @IsOptional()
  @IsIn(REGISTER_FORMATS, { message: `$property must be one of ${REGISTER_FORMATS.join(', ')}` })
  format?: RegisterFormat;
}
