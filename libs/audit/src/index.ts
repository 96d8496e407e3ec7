export { AuditEntry } from './audit-entry.entity';
export { AuditModule } from './audit.module';
export { changedFields, REDACTED, redactSecrets } from './audit-redaction';
export {
  type AuditActor,
  type AuditContext,
  type AuditFilter,
  type AuditPage,
  type AuditRecord,
  AUDIT_PAGE_DEFAULT,
  AUDIT_PAGE_MAX,
  AuditService,
} from './audit.service';
