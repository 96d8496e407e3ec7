import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 766 progress indicator ends a dossier at its withdrawal (domain.md): every report reads the dossiers withdrawn in
 * its period, few whatever the volume, through this partial index rather than a scan of the dossier table.
 */
export class WithdrawnIndex1764800600000 implements MigrationInterface {
  name = 'WithdrawnIndex1764800600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX dossier_withdrawn_idx ON dossier (withdrawn_at) WHERE withdrawn_at IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dossier_withdrawn_idx');
  }
}
