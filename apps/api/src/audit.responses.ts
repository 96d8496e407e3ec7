import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditAction, type AuditTargetType } from '@app/common';

/** Who acted: an account, the system (`system`), or for a failed login only the username tried (id null). */
export class AuditActorDto {
  @ApiProperty({ type: String, nullable: true, example: '0b7e1c7a-5d2f-4e8b-9a61-2c3d4e5f6a7b', description: 'The account id; `system`; null when no account is known' })
  id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'quan.tri' })
  username!: string | null;
}

const CHANGES = {
  type: 'object',
  additionalProperties: true,
  nullable: true,
  description: 'Only the fields that changed (a creation: every field, `before` null). Secrets are never kept: a new password is `passwordChanged: true`',
} as const;

/** One administrative action of the append-only audit log. */
export class AuditEntryDto {
  @ApiProperty({ pattern: '^[0-9]+$', example: '42', description: 'Increases with each row (a 64-bit number, as a string)' })
  id!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T09:00:00+07:00' })
  at!: string;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', example: 'user.updated' })
  action!: AuditAction;

  @ApiProperty({ enum: AUDIT_TARGET_TYPES, enumName: 'AuditTargetType', example: 'user' })
  targetType!: AuditTargetType;

  @ApiProperty({ type: String, nullable: true, example: '0b7e1c7a-5d2f-4e8b-9a61-2c3d4e5f6a7b', description: 'A user’s id, an agency’s or procedure’s code, a date' })
  targetId!: string | null;

  @ApiProperty({ ...CHANGES, example: { roles: ['reception'], active: true } })
  before!: Record<string, unknown> | null;

  @ApiProperty({ ...CHANGES, example: { roles: ['reception', 'specialist'], active: false } })
  after!: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7', description: 'The client’s address (behind a proxy named in TRUST_PROXY: the forwarded one)' })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' })
  userAgent!: string | null;
}

export class AuditEntryListDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'Newest first' })
  items!: AuditEntryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last one' })
  nextCursor!: string | null;
}
