import type { EntityManager } from 'typeorm';

/** SQL over dossier_file that the upload and the orphan sweep share: which objects rows reference, and the lock between them. */
export const dossierFileSql = {
  /** The keys among `sha256s` that at least one file row references. */
  async referenced(m: EntityManager, sha256s: string[]): Promise<Set<string>> {
    const rows: { sha256: string }[] = await m.query('SELECT DISTINCT sha256 FROM dossier_file WHERE sha256 = ANY($1::char(64)[])', [sha256s]);
    return new Set(rows.map((r) => r.sha256));
  },

  /**
   * Held until the transaction ends: an upload writing a row for this object and the sweep deleting it as unreferenced
   * never interleave (the upload then re-checks that the bytes are there, the sweep that no row appeared).
   */
  async lockObject(m: EntityManager, sha256: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`file-object:${sha256}`]);
  },
};
