import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuditContext, AuditService, changedFields } from '@app/audit';
import { ProcedureVersion } from './procedure-version.entity';
import { type PublishedProcedure, toPublished } from './procedures.service';
import { type StepDefinition, storedDefinition } from './procedure-definition';
import { validateProcedureDefinition } from './validate-procedure';

/** Publishing a procedure version, an administrator's act: apart from the reads so read-only tools need no audit log. */
@Injectable()
export class ProcedurePublishingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Publishes a definition as the next version; dossiers already received stay on theirs. The audit row holds what changed since the previous one. */
  async publish(input: unknown, context: AuditContext, manager?: EntityManager): Promise<PublishedProcedure> {
    const { value, errors } = validateProcedureDefinition(input);
    if (!value) {
      throw new BadRequestException({ error: 'invalid_procedure', message: 'The procedure definition is not valid', details: errors });
    }
    const run = async (m: EntityManager) => {
      await checkStepAgencies(m, value.steps);
      // Serialises publishers of one code so two of them cannot both take version n + 1.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procedure:${value.code}`]);
      const [{ max }] = await m.query('SELECT max(version) AS max FROM procedure_version WHERE code = $1', [value.code]);
      const versions = m.getRepository(ProcedureVersion);
      const previous = max ? await versions.findOneBy({ code: value.code, version: max }) : null;
      const row = versions.create({ code: value.code, version: (max ?? 0) + 1, name: value.name, field: value.field, level: value.level, definition: value });
      const published = toPublished(await versions.save(row));
      const after = { ...value, version: row.version };
      const changes = previous ? changedFields({ ...storedDefinition(previous.definition), version: previous.version }, after) : { before: null, after };
      await this.audit.record({ action: 'procedure.published', target: { type: 'procedure', id: value.code }, ...changes, context }, m);
      return published;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }
}

/** A step may name only an agency that exists now; each unknown one is reported at its step. */
async function checkStepAgencies(m: EntityManager, steps: StepDefinition[]): Promise<void> {
  const named = steps.flatMap((s, i) => (s.agency && 'code' in s.agency ? [{ i, code: s.agency.code }] : []));
  if (!named.length) return;
  const rows: { code: string }[] = await m.query('SELECT code FROM agency WHERE code = ANY($1)', [named.map((n) => n.code)]);
  const known = new Set(rows.map((r) => r.code));
  const errors = named
    .filter((n) => !known.has(n.code))
    .map((n) => ({ field: `steps[${n.i}].agency.code`, reason: `no agency with code ${n.code}`, code: 'unknown_agency', params: { code: n.code } }));
  if (errors.length) throw new BadRequestException({ error: 'invalid_procedure', message: 'The procedure definition is not valid', details: errors });
}
