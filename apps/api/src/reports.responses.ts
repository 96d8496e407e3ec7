import { ApiProperty, PickType } from '@nestjs/swagger';
import { DOSSIER_STATUSES, type DossierStatus, ROLES, type Role } from '@app/common';
import { DIGITIZATION_METRIC_IDS, type DigitizationMetricId, GROUP_BYS, type GroupBy, PROGRESS_766_MAX_SCORE } from '@app/reports';
import { nullableObject } from './nullable-schema';

// The answers of the reports (libs/reports ReportsService, LiveCountsService), as the services build them.

export class ReportPeriodDto {
  @ApiProperty({ format: 'date', example: '2026-01-01' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-03-31' })
  to!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-04-01T00:00:00+07:00',
    description: 'When the in-progress columns are taken: the end of the period, or now while it runs',
  })
  asOf!: string;
}

export class ReceivedCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 120, description: '(3) = online + directOrPostal + carriedOver' })
  total!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 30, description: '(4) received online in the period' })
  online!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 80, description: '(5) received directly or by post in the period' })
  directOrPostal!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 10, description: '(6) carried over from before the period' })
  carriedOver!: number;
}

export class ResolvedCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 100, description: '(7) = early + onTime + overdue' })
  total!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 20, description: '(8)' })
  early!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 75, description: '(9)' })
  onTime!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 5, description: '(10)' })
  overdue!: number;
}

export class InProgressCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 20, description: '(11) open at the end of the period = withinDeadline + overdue' })
  total!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 18, description: '(12)' })
  withinDeadline!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 2, description: '(13)' })
  overdue!: number;
}

/** Fractions of the resolved dossiers, 4 decimals; null when none was resolved (no share of nothing). */
export class ResolvedSharesDto {
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: 0.2 })
  early!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: 0.75 })
  onTime!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: 0.05 })
  overdue!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: 0.95, description: 'early + onTime' })
  onTimeOrBetter!: number | null;
}

/** Biểu 06a, columns 3–13, with the shares. */
export class ReportNumbersDto {
  @ApiProperty({ type: ReceivedCountsDto })
  received!: ReceivedCountsDto;

  @ApiProperty({ type: ResolvedCountsDto })
  resolved!: ResolvedCountsDto;

  @ApiProperty({ type: InProgressCountsDto })
  inProgress!: InProgressCountsDto;

  @ApiProperty({ type: ResolvedSharesDto })
  shares!: ResolvedSharesDto;
}

export class ReportSummaryDto extends ReportNumbersDto {
  @ApiProperty({ type: ReportPeriodDto })
  period!: ReportPeriodDto;
}

export class Report06aRowDto extends ReportNumbersDto {
  @ApiProperty({ example: 'H12.01', description: 'The agency code (resolving agency or receiving desk), the field or the procedure code' })
  key!: string;

  @ApiProperty({ example: 'UBND huyện Mỹ Hào', description: 'The agency’s name, the field, or the procedure’s name in its latest version' })
  label!: string;
}

export class Report06aDto {
  @ApiProperty({ type: ReportPeriodDto })
  period!: ReportPeriodDto;

  @ApiProperty({ enum: GROUP_BYS, enumName: 'ReportGroupBy', example: 'agency' })
  groupBy!: GroupBy;

  @ApiProperty({ type: [Report06aRowDto], description: 'Groups with something to show; by label for fields, else by key' })
  rows!: Report06aRowDto[];

  @ApiProperty({ type: ReportNumbersDto, description: 'The sum of the rows (Tổng cộng)' })
  total!: ReportNumbersDto;
}

/** Decision 766, progress group: null ratio and score when nothing was resolved or in progress. */
export class Progress766Dto {
  @ApiProperty({ type: ReportPeriodDto })
  period!: ReportPeriodDto;

  @ApiProperty({ type: 'integer', minimum: 0, example: 115, description: 'Resolved in time plus still within the deadline, less those asked to supplement more than once' })
  numerator!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 120, description: 'Resolved in the period plus in progress at its end' })
  denominator!: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: 0.9583, description: '4 decimals' })
  ratio!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: PROGRESS_766_MAX_SCORE, example: 19.17, description: '2 decimals' })
  score!: number | null;

  @ApiProperty({ type: 'integer', enum: [PROGRESS_766_MAX_SCORE], example: PROGRESS_766_MAX_SCORE })
  maxScore!: typeof PROGRESS_766_MAX_SCORE;
}

/** One metric of the 766 digitization group: a fraction of dossiers, or nulls when this system cannot compute it. */
export class DigitizationMetricDto {
  @ApiProperty({ enum: DIGITIZATION_METRIC_IDS, enumName: 'DigitizationMetricId', example: 'electronicResult' })
  id!: DigitizationMetricId;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, example: 45, description: 'null when not computed' })
  numerator!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, example: 60, description: 'null when not computed' })
  denominator!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: 0.75, description: '4 decimals; null when the denominator is 0 or not computed' })
  ratio!: number | null;

  @ApiProperty({ example: true, description: 'false: the system cannot know it (reported with nulls, never invented)' })
  computed!: boolean;
}

/** Decision 766, digitization group: the metrics, not yet scored. */
export class Digitization766Dto {
  @ApiProperty({ type: ReportPeriodDto })
  period!: ReportPeriodDto;

  @ApiProperty({ type: [DigitizationMetricDto], description: 'electronicResult, digitizedComponents, digitizedComponentsAndResult, reuse, in this order' })
  metrics!: DigitizationMetricDto[];
}

export class LiveCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 40, description: 'Open: processing, awaiting a supplement or suspended' })
  inProgress!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 6, description: 'Processing, not overdue, less than the due-soon threshold left' })
  dueSoon!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'Open and overdue (one waiting since before its due time is not)' })
  overdue!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 4 })
  awaitingSupplement!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1 })
  suspended!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 7, description: 'Result ready at the desk, not yet handed back' })
  resultReady!: number;
}

export class LiveAgencyCountsDto extends LiveCountsDto {
  @ApiProperty({ example: 'H12.01' })
  agencyCode!: string;

  @ApiProperty({ example: 'UBND huyện Mỹ Hào' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'H12' })
  parentCode!: string | null;
}

export class OverdueDossierStepDto {
  @ApiProperty({ example: 'appraise' })
  id!: string;

  @ApiProperty({ example: 'Thẩm định' })
  name!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'specialist' })
  role!: Role;
}

export class OverdueDossierDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'H12.01-261123-0001' })
  code!: string;

  @ApiProperty({ example: '1.001193' })
  procedureCode!: string;

  @ApiProperty({ example: 'Đăng ký thành lập hộ kinh doanh', description: 'As named in the dossier’s procedure version' })
  procedureName!: string;

  @ApiProperty({ example: 'H12.01' })
  agencyCode!: string;

  @ApiProperty({ enum: DOSSIER_STATUSES, enumName: 'DossierStatus', example: 'processing' })
  status!: DossierStatus;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T09:00:00+07:00' })
  dueAt!: string;

  @ApiProperty(nullableObject(OverdueDossierStepDto, { description: 'null when the dossier is in no step' }))
  currentStep!: OverdueDossierStepDto | null;
}

/** The dashboard's poll: the totals of the scope, then per agency. */
export class LiveReportDto extends LiveCountsDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-27T10:15:00+07:00', description: 'The server’s now the counts were taken at' })
  asOf!: string;

  @ApiProperty({ type: [LiveAgencyCountsDto], description: 'Every agency in the scope, zeros included, by code' })
  byAgency!: LiveAgencyCountsDto[];

  @ApiProperty({ type: [OverdueDossierDto], maxItems: 10, description: 'The open overdue dossiers whose due time passed longest ago' })
  mostOverdue!: OverdueDossierDto[];
}

export class LatenessCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 40, description: 'Steps the agency held that were finished (forwarded, returned or completed) in the period' })
  stepsHeld!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'Of those, finished after the step’s deadline' })
  stepsLate!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 615,
    description: 'Working minutes from each late step’s deadline to its end, on the holding agency’s calendar (office hours and days off), whole minutes per step',
  })
  workingMinutesLate!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 1,
    description: 'Not of the period: steps the agency holds now (`asOf`) past their deadline, on dossiers being processed (a waiting one’s step clock is stopped)',
  })
  overdueNow!: number;
}

export class LatenessRowDto extends LatenessCountsDto {
  @ApiProperty({ example: 'H12.01', description: 'The agency that held the steps' })
  agencyCode!: string;

  @ApiProperty({ example: 'UBND xã Tiên Du' })
  name!: string;
}

export class LatenessPeriodDto extends PickType(ReportPeriodDto, ['from', 'to'] as const) {}

export class LatenessReportDto {
  @ApiProperty({ type: LatenessPeriodDto })
  period!: LatenessPeriodDto;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T10:15:00+07:00', description: 'The server’s now, when `overdueNow` was counted' })
  asOf!: string;

  @ApiProperty({ type: [LatenessRowDto], description: 'Agencies in the scope that finished a step in the period or hold an overdue one now, by code' })
  rows!: LatenessRowDto[];

  @ApiProperty({ type: LatenessCountsDto, description: 'The sum of the rows' })
  total!: LatenessCountsDto;
}
