import type { EntityManager } from 'typeorm';
import type { RegisterRow } from './form-input';

export interface RegisterSelection {
  /** [start, end): the period's instants. */
  start: Date;
  end: Date;
  /** The receiving desks whose dossiers are listed; 'all' for an administrator's whole tree. */
  desks: 'all' | readonly string[];
  /** At most this many rows are read. */
  limit: number;
}

type RawRow = Omit<RegisterRow, 'applicantName' | 'address' | 'phone' | 'supplementCount'> & {
  applicant: { fullName?: string; address?: string; phone?: string };
  supplementCount: number | string;
};

/**
 * Mẫu 07's rows: the dossiers the desks received in the period, by time of receipt, each with the times its event log
 * records (the intake appointment, the first handover between agencies, the result, the delivery, the last extension).
 */
export const registerSql = {
  async rows(m: EntityManager, s: RegisterSelection): Promise<RegisterRow[]> {
    const params: unknown[] = [s.start, s.end, s.limit];
    const desks = s.desks === 'all' ? '' : `AND d.receiving_agency_code = ANY($${params.push([...s.desks])}::varchar[])`;
    const rows: RawRow[] = await m.query(
      `SELECT d.code, pv.name AS "procedureName", d.applicant, ra.name AS "resolvingName",
              d.receiving_agency_code AS "deskCode", desk.name AS "deskName", d.received_at AS "receivedAt",
              e.appointment, e.handed_over_at AS "handedOverAt", e.completed_at AS "completedAt", e.delivered_at AS "deliveredAt",
              d.status, d.withdrawn_at AS "withdrawnAt", e.extended_due_at AS "extendedDueAt", d.supplement_count AS "supplementCount"
       FROM dossier d
       JOIN procedure_version pv ON pv.code = d.procedure_code AND pv.version = d.procedure_version
       JOIN agency ra ON ra.code = d.agency_code
       JOIN agency desk ON desk.code = d.receiving_agency_code
       CROSS JOIN LATERAL (
         SELECT (array_agg(ev.data->>'dueAt' ORDER BY ev.seq) FILTER (WHERE ev.type = 'RECEIVE'))[1]::timestamptz AS appointment,
                min(ev.at) FILTER (WHERE ev.from_agency IS NOT NULL AND ev.to_agency IS NOT NULL) AS handed_over_at,
                min(ev.at) FILTER (WHERE ev.type = 'COMPLETE') AS completed_at,
                min(ev.at) FILTER (WHERE ev.type = 'DELIVER') AS delivered_at,
                (array_agg(ev.data->>'extendedDueAt' ORDER BY ev.seq DESC) FILTER (WHERE ev.type = 'EXTEND'))[1]::timestamptz AS extended_due_at
         FROM dossier_event ev WHERE ev.dossier_id = d.id) e
       WHERE d.received_at >= $1 AND d.received_at < $2 ${desks}
       ORDER BY d.received_at, d.code
       LIMIT $3`,
      params,
    );
    return rows.map(({ applicant, supplementCount, ...r }) => ({
      ...r,
      applicantName: applicant.fullName ?? '',
      address: applicant.address ?? null,
      phone: applicant.phone ?? null,
      supplementCount: Number(supplementCount),
    }));
  },
};
