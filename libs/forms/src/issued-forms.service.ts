import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { DossierTransitionService } from '@app/dossiers';
import { FileStorage } from '@app/files';
import { FormsService } from './forms.service';
import { ISSUING_EVENTS } from './issued-forms';

/**
 * How far back the sweep looks for an issuing event without its form (a lost job is caught within minutes; two days
 * cover a long worker outage without reading a province's whole log), and how many dossiers one run files.
 */
const SWEEP_WINDOW_MS = 2 * 86_400_000;
const SWEEP_BATCH = 200;

/**
 * Keeps with each dossier the forms its events issued (issue 17): the receipt at intake, Mẫu 02 at a supplement request,
 * 04 at an extension, 05 at a withdrawal, as PDF files of kind `form`. Rendered by the workers after the event commits (a
 * PDF is too slow for the event's transaction); the sweep files whatever a lost job or a crash left unfiled. A form is
 * rendered as its event issued it, with the event's time as its date, so filing it twice gives the same bytes.
 */
@Injectable()
export class IssuedFormsService {
  private readonly logger = new Logger('IssuedForms');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    private readonly storage: FileStorage,
    private readonly transitions: DossierTransitionService,
    private readonly clock: Clock,
  ) {}

  /** Files every form of this dossier not filed yet; returns how many it filed. */
  async fileMissing(dossierId: string): Promise<number> {
    const missing: { seq: number; type: string }[] = await this.dataSource.query(
      `SELECT e.seq, e.type FROM dossier_event e
       WHERE e.dossier_id = $1 AND e.type = ANY($2)
         AND NOT EXISTS (SELECT 1 FROM dossier_file f WHERE f.dossier_id = e.dossier_id AND f.issued_for_seq = e.seq)
       ORDER BY e.seq`,
      [dossierId, Object.keys(ISSUING_EVENTS)],
    );
    let filed = 0;
    for (const { seq, type } of missing) {
      const form = ISSUING_EVENTS[type];
      const { pdf, fileName } = await this.forms.renderIssued(dossierId, form, seq);
      const stored = await this.storage.put(Readable.from([pdf]), pdf.length);
      const stillStored = async () => (await this.storage.stat(stored.sha256))?.size === stored.size;
      if (await this.transitions.fileIssuedForm(dossierId, { form, issuedForSeq: seq, fileName, ...stored }, stillStored)) filed++;
    }
    return filed;
  }

  /** The dossiers with a recent issuing event whose form is missing, filed a batch at a time. */
  async sweep(): Promise<number> {
    const since = new Date(this.clock.now().getTime() - SWEEP_WINDOW_MS);
    const rows: { dossierId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT e.dossier_id AS "dossierId" FROM dossier_event e
       WHERE e.type IN ('RECEIVE', 'REQUEST_SUPPLEMENT', 'EXTEND', 'WITHDRAW') AND e.at >= $1
         AND NOT EXISTS (SELECT 1 FROM dossier_file f WHERE f.dossier_id = e.dossier_id AND f.issued_for_seq = e.seq)
       LIMIT $2`,
      [since, SWEEP_BATCH],
    );
    let filed = 0;
    for (const { dossierId } of rows) {
      try {
        filed += await this.fileMissing(dossierId);
      } catch (e) {
        // One dossier's failure (storage down) must not stop the others; the next run retries it.
        this.logger.warn(`filing the forms of dossier ${dossierId} failed: ${(e as Error).message}`);
      }
    }
    if (filed) this.logger.log(`filed ${filed} issued form(s) that no job had filed`);
    return filed;
  }
}
