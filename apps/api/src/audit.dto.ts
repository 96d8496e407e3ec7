import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { AuditFilter } from '@app/audit';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from '@app/audit';
import { localDateTime } from '@app/calendar';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditAction, type AuditTargetType } from '@app/common';
import { IsLocalDate, IsNotBeforeFrom } from './reports.dto';

const DAY_MS = 86_400_000;

export class AuditQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-01', description: 'Actions on or after this local date (Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'Actions on or before this local date; not before from' })
  @IsOptional()
  @IsLocalDate()
  @IsNotBeforeFrom()
  to?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ maxLength: 64, description: 'The acting account’s id (`system` for the system)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_TARGET_TYPES, enumName: 'AuditTargetType' })
  @IsOptional()
  @IsIn(AUDIT_TARGET_TYPES)
  targetType?: AuditTargetType;

  @ApiPropertyOptional({ maxLength: 100, example: 'H12.01', description: 'A user’s id, an agency’s or procedure’s code, a date YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'The nextCursor of the previous page, with the same filters' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: AUDIT_PAGE_DEFAULT, minimum: 1, maximum: AUDIT_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;
}

/** The query's local dates as the instants they start and end: [from 00:00, the day after to 00:00). */
export function auditFilter({ from, to, ...rest }: AuditQuery): AuditFilter {
  return {
    ...rest,
    ...(from ? { from: localDateTime(from, '00:00') } : {}),
    ...(to ? { to: new Date(localDateTime(to, '00:00').getTime() + DAY_MS) } : {}),
  };
}
