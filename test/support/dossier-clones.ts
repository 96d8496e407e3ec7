import type { Client } from 'pg';

/**
 * `copies` clones of a dossier received through the product (and nothing since but the filing of its receipt, which the
 * workers may do meanwhile), in one transaction and a few statements: each with a copy of its RECEIVE event (only), its dossier_agency rows and the next code of its agency's sequence, so the consistency checker accepts
 * them as it accepts the original. Returns the clones' ids.
 */
export async function cloneReceivedDossier(db: Client, templateId: string, copies: number): Promise<string[]> {
  await db.query('BEGIN');
  try {
    const {
      rows: [template],
    } = await db.query<{ code: string; agency_code: string }>('SELECT code, agency_code FROM dossier WHERE id = $1 FOR UPDATE', [templateId]);
    const [, prefix, yymmdd] = /^(.*-(\d{6})-)\d+$/.exec(template.code)!;
    const day = `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4)}`;
    // The sequence row is taken (and held) first, as the product's intake does: a concurrent intake waits for the clones.
    const {
      rows: [{ last }],
    } = await db.query<{ last: number }>(
      'UPDATE dossier_code_sequence SET last_value = last_value + $3 WHERE agency_code = $1 AND day = $2 RETURNING last_value - $3 AS last',
      [template.agency_code, day, copies],
    );
    const dossierColumns = await columnsOf(db, 'dossier', ['id', 'code', 'event_count']);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO dossier (id, code, event_count, ${dossierColumns.join(', ')})
       SELECT gen_random_uuid(), $3 || lpad(($4 + g)::text, greatest(4, length(($4 + g)::text)), '0'), 1, ${dossierColumns.map((c) => `d.${c}`).join(', ')}
       FROM dossier d, generate_series(1, $2::int) g WHERE d.id = $1
       RETURNING id`,
      [templateId, copies, prefix, last],
    );
    const ids = rows.map((r) => r.id);
    const eventColumns = await columnsOf(db, 'dossier_event', ['dossier_id']);
    await db.query(
      `INSERT INTO dossier_event (dossier_id, ${eventColumns.join(', ')})
       SELECT c.id, ${eventColumns.map((col) => `e.${col}`).join(', ')} FROM dossier_event e, unnest($2::uuid[]) c(id) WHERE e.dossier_id = $1 AND e.type = 'RECEIVE'`,
      [templateId, ids],
    );
    // And the agencies that see it (liên thông), as the intake wrote them.
    await db.query(
      'INSERT INTO dossier_agency (dossier_id, agency_code) SELECT c.id, a.agency_code FROM dossier_agency a, unnest($2::uuid[]) c(id) WHERE a.dossier_id = $1',
      [templateId, ids],
    );
    await db.query('COMMIT');
    return ids;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** A table's columns but `except`, read from the schema so that a column added later is copied too. */
async function columnsOf(db: Client, table: string, except: string[]): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT quote_ident(column_name) AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' AND NOT (column_name = ANY($2)) ORDER BY ordinal_position`,
    [table, except],
  );
  return rows.map((r) => r.name);
}
