import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DossierWorkflow } from './dossier-workflow';
import { type ProcedureDefinition, storedDefinition } from './procedure-definition';
import { ProcedureVersion } from './procedure-version.entity';

export interface PublishedProcedure extends ProcedureDefinition {
  version: number;
  createdAt: Date;
}

/** A pinned version with its compiled machine. */
export interface CompiledProcedure {
  definition: PublishedProcedure;
  workflow: DossierWorkflow;
}

/** Procedure versions are immutable once published, so every process may cache them forever. */
@Injectable()
export class ProceduresService {
  private readonly compiled = new Map<string, CompiledProcedure>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<PublishedProcedure[]> {
    const rows = await this.dataSource.getRepository(ProcedureVersion).createQueryBuilder('p')
      .distinctOn(['p.code'])
      .orderBy('p.code')
      .addOrderBy('p.version', 'DESC')
      .getMany();
    return rows.map(toPublished);
  }

  async latest(code: string, manager: EntityManager = this.dataSource.manager): Promise<PublishedProcedure | null> {
    const row = await manager.getRepository(ProcedureVersion).findOne({ where: { code }, order: { version: 'DESC' } });
    return row ? toPublished(row) : null;
  }

  /** The latest version number alone: an intake needs no more, the definition comes from the compiled cache. */
  async latestVersion(code: string, manager: EntityManager = this.dataSource.manager): Promise<number | null> {
    const rows: { version: number }[] = await manager.query('SELECT version FROM procedure_version WHERE code = $1 ORDER BY version DESC LIMIT 1', [code]);
    return rows[0]?.version ?? null;
  }

  async getLatest(code: string): Promise<PublishedProcedure> {
    const found = await this.latest(code);
    if (!found) throw new NotFoundException(`No procedure with code ${code}`);
    return found;
  }

  async getVersion(code: string, version: number): Promise<PublishedProcedure> {
    // Versions are int4 counting from 1: anything else cannot exist (and PostgreSQL would reject it as out of range).
    const row = version >= 1 && version <= 2_147_483_647 ? await this.dataSource.getRepository(ProcedureVersion).findOneBy({ code, version }) : null;
    if (!row) throw new NotFoundException(`No version ${version} of procedure ${code}`);
    return toPublished(row);
  }

  /** The compiled machine of one pinned version, from memory after the first use. */
  async compile(code: string, version: number, manager: EntityManager = this.dataSource.manager): Promise<CompiledProcedure> {
    const key = `${code}@${version}`;
    let found = this.compiled.get(key);
    if (!found) {
      const row = await manager.getRepository(ProcedureVersion).findOneBy({ code, version });
      if (!row) throw new NotFoundException(`No version ${version} of procedure ${code}`);
      found = { definition: toPublished(row), workflow: new DossierWorkflow({ ...storedDefinition(row.definition), version }) };
      this.compiled.set(key, found);
    }
    return found;
  }
}

export function toPublished(row: ProcedureVersion): PublishedProcedure {
  return { ...storedDefinition(row.definition), version: row.version, createdAt: row.createdAt };
}
