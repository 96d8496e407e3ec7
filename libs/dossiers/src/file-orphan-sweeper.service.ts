import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import { FileStorage } from '@app/files';
import { dossierFileSql } from './dossier-file.repository';

export interface SweptFiles {
  /** Stored objects no file row referenced, older than the grace period, deleted. */
  orphans: number;
  /** Temporary data of uploads that never finished (a process killed mid-upload), deleted. */
  staleUploads: number;
}

/** How many listed keys are looked up in one query. */
const BATCH = 500;

/**
 * The orphan sweep (architecture.md "Files"): bytes are stored before their row, so a crash or a refused request between
 * the two leaves an object nothing references; once older than FILE_ORPHAN_GRACE_MINUTES (an upload still in flight is
 * younger) it is deleted. Each deletion re-checks, under the object's lock, that no row appeared and the bytes were not
 * stored again meanwhile.
 */
@Injectable()
export class FileOrphanSweeper {
  private readonly logger = new Logger('FileOrphanSweeper');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async sweep(): Promise<SweptFiles> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.files.orphanGraceMs);
    const staleUploads = await this.storage.deleteStaleUploads(cutoff);
    let orphans = 0;
    let batch: string[] = [];
    const flush = async () => {
      const referenced = await dossierFileSql.referenced(this.dataSource.manager, batch);
      for (const sha256 of batch) if (!referenced.has(sha256) && (await this.deleteIfOrphan(sha256, cutoff))) orphans++;
      batch = [];
    };
    for await (const object of this.storage.list()) {
      if (object.storedAt >= cutoff) continue;
      batch.push(object.sha256);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
    if (orphans || staleUploads) this.logger.log(`file sweep deleted ${orphans} unreferenced object(s) and ${staleUploads} unfinished upload(s)`);
    return { orphans, staleUploads };
  }

  private deleteIfOrphan(sha256: string, cutoff: Date): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      await dossierFileSql.lockObject(m, sha256);
      if ((await dossierFileSql.referenced(m, [sha256])).size) return false;
      const stat = await this.storage.stat(sha256);
      if (!stat || stat.storedAt >= cutoff) return false;
      await this.storage.delete(sha256);
      return true;
    });
  }
}
