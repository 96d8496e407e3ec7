import type { Pool, PoolClient } from 'pg';
import { authHeaders } from './auth-headers';
import { type BenchContext, PROCEDURE_CODE } from './bench-context';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Quốc', 'Thu', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hải', 'Hương', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Trang', 'Tuấn', 'Yến'];

export interface IntakeBody {
  procedureCode: string;
  channel: string;
  applicant: Record<string, string>;
  documents: { code: string; name: string; copies: number }[];
}

/** The n-th intake body: the same procedure, varied applicants (names, id numbers, phones). */
export function intakeBody(n: number): IntakeBody {
  const pick = <T>(list: readonly T[], k: number) => list[k % list.length];
  return {
    procedureCode: PROCEDURE_CODE,
    channel: n % 3 === 0 ? 'online' : 'direct',
    applicant: {
      type: 'citizen',
      fullName: `${pick(FAMILY, n)} ${pick(MIDDLE, n >> 4)} ${pick(GIVEN, n * 7 + (n >> 8))}`,
      idNumber: `0010${String(90_000_000 + (n % 10_000_000)).padStart(8, '0')}`,
      phone: `09${String(n % 100_000_000).padStart(8, '0')}`,
      address: `Số ${(n % 300) + 1}, đường Lý Thái Tổ, thị trấn Lim, huyện Tiên Du, tỉnh Bắc Ninh`,
    },
    documents: [
      { code: 'GDN', name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 },
      { code: 'GTPL', name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh', copies: 1 },
    ],
  };
}

export interface CreatedDossier {
  id: string;
  code: string;
  agencyCode: string;
}

/** One dossier through the API, received by the reception desk (the template that SQL then clones). */
export async function intakeOne(ctx: BenchContext, n = 0): Promise<CreatedDossier> {
  const res = await fetch(`${ctx.baseUrl}/api/v1/dossiers`, {
    method: 'POST',
    headers: { ...(await authHeaders(ctx.baseUrl, 'reception')), 'content-type': 'application/json' },
    body: JSON.stringify(intakeBody(n)),
  });
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedDossier;
}

/**
 * `n` copies of a dossier row in one statement (codes get `suffix` and a number), as the deadline worker tests do but
 * naming the columns: `(jsonb_populate_record(…)).*` evaluates the function once per column, ~40× slower. Returns the ids.
 */
export async function cloneDossier(db: Pool, templateId: string, n: number, suffix: string): Promise<string[]> {
  const columns = await copiedColumns(db);
  const { rows } = await fixtureWrite(db, (c) =>
    c.query<{ id: string }>(
      `WITH copies AS (
         INSERT INTO dossier (id, code, ${columns.join(', ')})
         SELECT gen_random_uuid(), d.code || $3 || g, ${columns.map((col) => `d.${col}`).join(', ')}
         FROM dossier d, generate_series(1, $2::int) g WHERE d.id = $1
         RETURNING id
       ), seen AS (
         -- The agencies that see each copy (liên thông), as for the template.
         INSERT INTO dossier_agency (dossier_id, agency_code) SELECT c.id, a.agency_code FROM copies c, dossier_agency a WHERE a.dossier_id = $1
       )
       SELECT id FROM copies`,
      [templateId, n, suffix],
    ),
  );
  return rows.map((r) => r.id);
}

/**
 * The bench's own fixture writes, without user triggers (the report rollups maintained per row): copies of a valid
 * row need no checks, the rollups of the bench database are never read, and with them 100,000 copies take minutes.
 */
export async function fixtureWrite<T>(db: Pool, write: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await db.connect();
  try {
    await c.query('BEGIN');
    await c.query('SET LOCAL session_replication_role = replica');
    const result = await write(c);
    await c.query('COMMIT');
    return result;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

let columnList: Promise<string[]> | null = null;

/** Every column of dossier but id and code, read from the schema so that a new column is copied too. */
function copiedColumns(db: Pool): Promise<string[]> {
  columnList ??= db
    .query<{ name: string }>(
      `SELECT quote_ident(column_name) AS name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'dossier' AND column_name NOT IN ('id', 'code') ORDER BY ordinal_position`,
    )
    .then((r) => r.rows.map((c) => c.name));
  return columnList;
}
