import type { EntityManager } from 'typeorm';
import type { FormAgency } from './form-input';
import { placeOf } from './form-text';

/** What forms read besides the dossier: agencies with their parent and place, and officers' full names. */
export const formSourcesSql = {
  async agencies(m: EntityManager, codes: string[]): Promise<Map<string, FormAgency>> {
    const rows: { code: string; name: string; parentName: string | null; place: string | null }[] = await m.query(
      `WITH RECURSIVE up AS (
         SELECT a.code AS origin, a.code, a.name, a.level, a.parent_code, 0 AS depth FROM agency a WHERE a.code = ANY($1)
         UNION ALL
         SELECT up.origin, p.code, p.name, p.level, p.parent_code, up.depth + 1 FROM agency p JOIN up ON p.code = up.parent_code
       )
       SELECT a.code, a.name, p.name AS "parentName",
              (SELECT u.name FROM up u WHERE u.origin = a.code AND u.level IN ('commune', 'province') ORDER BY u.depth LIMIT 1) AS place
       FROM agency a LEFT JOIN agency p ON p.code = a.parent_code WHERE a.code = ANY($1)`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, parentName: r.parentName, place: r.place ? placeOf(r.place) : null }]));
  },

  async fullNames(m: EntityManager, usernames: string[]): Promise<Map<string, string>> {
    const rows: { username: string; fullName: string }[] = await m.query('SELECT username, full_name AS "fullName" FROM app_user WHERE username = ANY($1)', [usernames]);
    return new Map(rows.map((r) => [r.username, r.fullName]));
  },
};
