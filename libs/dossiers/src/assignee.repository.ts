import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '@app/common';
import { isUuid } from '@app/database';

export interface Assignee {
  id: string;
  username: string;
  fullName: string;
}

/** The accounts a step can be assigned to: the active officers of the agency holding it who hold the step's role. */
@Injectable()
export class AssigneeRepository {
  eligible(m: EntityManager, agencyCode: string, role: Role): Promise<Assignee[]> {
    return m.query(
      `SELECT id, username, full_name AS "fullName" FROM app_user
       WHERE agency_code = $1 AND active AND $2 = ANY(roles) ORDER BY full_name, username`,
      [agencyCode, role],
    );
  }

  async isEligible(m: EntityManager, id: string, agencyCode: string, role: Role): Promise<boolean> {
    // Not an account id at all: no query (the column is a uuid).
    if (!isUuid(id)) return false;
    const rows: unknown[] = await m.query('SELECT 1 FROM app_user WHERE id = $1 AND agency_code = $2 AND active AND $3 = ANY(roles)', [id, agencyCode, role]);
    return rows.length > 0;
  }
}
