import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups for the periodic report (Biểu 06a) and the 766 progress indicator, kept exact by triggers on `dossier`
 * in the same transaction as every change, so the one transition path stays as it is.
 *
 * Every dossier contributes ±1 to a few counters on the local days of its instants (received, finished, closed,
 * overdue-from, …). A report for [F, T) sums the period's rows; "open at T" and "overdue among open at T" are
 * cumulative sums of signed deltas over all days before T, which works because each condition is of the form
 * "x < T and closed ≥ T" = [x < T] − [max(x, closed) < T]. Rows exist per day, month and year (grain d/m/y) so a
 * calendar year's report reads one row per key for the period and about one per key and year for the cumulative part,
 * whatever the volume.
 * Withdrawals: received in [F, T) and withdrawn before T = withdrawn ones received in the period (a counter on the received
 * day) minus those withdrawn on or after T, which straddle T: a stabbing query on `report_withdrawal` (received day ×
 * withdrawn day) by its range index, a small set whatever the volume.
 * libs/reports: report-rollup.query.ts reads these tables, report-formulas.ts turns the counts into the 06a cells.
 */
export class ReportRollups1763830000000 implements MigrationInterface {
  name = 'ReportRollups1763830000000';

  async up(q: QueryRunner): Promise<void> {
    // Reports use local days (Asia/Ho_Chi_Minh, UTC+7, no daylight saving): a fixed offset, as libs/calendar does.
    await q.query(`
      CREATE FUNCTION report_local_day(t timestamptz) RETURNS date
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT ((t AT TIME ZONE 'UTC') + interval '7 hours')::date $$`);
    // Updated in place by many transactions: room on the page keeps those updates HOT (no index churn).
    await q.query(`
      CREATE TABLE report_rollup (
        grain char(1) NOT NULL,
        period date NOT NULL,
        agency_code varchar(50) NOT NULL,
        procedure_code varchar(50) NOT NULL,
        procedure_version int NOT NULL,
        received_online int NOT NULL DEFAULT 0,
        received_other int NOT NULL DEFAULT 0,
        withdrawn_online int NOT NULL DEFAULT 0,
        withdrawn_other int NOT NULL DEFAULT 0,
        finished_early int NOT NULL DEFAULT 0,
        finished_on_time int NOT NULL DEFAULT 0,
        finished_overdue int NOT NULL DEFAULT 0,
        finished_in_time_multi int NOT NULL DEFAULT 0,
        open_delta int NOT NULL DEFAULT 0,
        overdue_delta int NOT NULL DEFAULT 0,
        multi_delta int NOT NULL DEFAULT 0,
        multi_overdue_delta int NOT NULL DEFAULT 0,
        CONSTRAINT report_rollup_grain_check CHECK (grain IN ('d', 'm', 'y')),
        PRIMARY KEY (grain, period, agency_code, procedure_code, procedure_version)
      ) WITH (fillfactor = 70)`);
    await q.query(`
      CREATE TABLE report_withdrawal (
        received_day date NOT NULL,
        withdrawn_day date NOT NULL,
        agency_code varchar(50) NOT NULL,
        procedure_code varchar(50) NOT NULL,
        procedure_version int NOT NULL,
        online boolean NOT NULL,
        dossiers int NOT NULL DEFAULT 0,
        PRIMARY KEY (received_day, withdrawn_day, agency_code, procedure_code, procedure_version, online)
      ) WITH (fillfactor = 70)`);
    // The withdrawals that straddle a period's end T (received before it, withdrawn on or after it): a stabbing query.
    await q.query(`CREATE INDEX report_withdrawal_span_idx ON report_withdrawal USING gist (daterange(received_day, withdrawn_day, '(]'))`);
    // When the dossier was asked to supplement the second time (766 counts it overdue from then); the event is the record.
    await q.query(`
      CREATE FUNCTION report_multi_supplement_at(p_dossier_id uuid) RETURNS timestamptz
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT e.at FROM dossier_event e WHERE e.dossier_id = p_dossier_id AND e.type = 'REQUEST_SUPPLEMENT' ORDER BY e.seq OFFSET 1 LIMIT 1 $$`);
    // One dossier state's contributions, one row per local day. ov: from when it counts as overdue while open
    // (never, if it is waiting since before its due time: isOverdue); each "x < T and still open at T" pair is +1 at x, −1 at max(x, closed).
    await q.query(`
      CREATE FUNCTION report_contributions(
        p_received_at timestamptz, p_channel text, p_finished_at timestamptz, p_withdrawn_at timestamptz, p_outcome text,
        p_due_at timestamptz, p_paused_at timestamptz, p_supplement_count int, p_multi_at timestamptz)
      RETURNS TABLE (day date, received_online int, received_other int, withdrawn_online int, withdrawn_other int, finished_early int,
        finished_on_time int, finished_overdue int, finished_in_time_multi int, open_delta int, overdue_delta int, multi_delta int, multi_overdue_delta int)
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT report_local_day(v.at), v.ro, v.rx, v.wo, v.wx, v.fe, v.ft, v.fo, v.fm, v.op, v.ov, v.mu, v.mo
        FROM (SELECT x.c, x.ov, x.m,
                CASE WHEN x.c IS NOT NULL AND x.ov IS NOT NULL THEN greatest(x.ov, x.c) END AS ov_c,
                CASE WHEN x.c IS NOT NULL AND x.m IS NOT NULL THEN greatest(x.m, x.c) END AS m_c,
                CASE WHEN x.m IS NOT NULL AND x.ov IS NOT NULL THEN greatest(x.m, x.ov) END AS m_ov,
                CASE WHEN x.c IS NOT NULL AND x.m IS NOT NULL AND x.ov IS NOT NULL THEN greatest(x.m, x.ov, x.c) END AS m_ov_c
              FROM (SELECT coalesce(p_finished_at, p_withdrawn_at) AS c,
                      CASE WHEN p_paused_at IS NOT NULL AND p_paused_at <= p_due_at THEN NULL ELSE greatest(p_due_at, p_received_at) END AS ov,
                      CASE WHEN p_supplement_count >= 2 THEN p_multi_at END AS m) x) y
        CROSS JOIN LATERAL (VALUES
          (p_received_at, (p_channel = 'online')::int, (p_channel <> 'online')::int,
            (p_withdrawn_at IS NOT NULL AND p_channel = 'online')::int, (p_withdrawn_at IS NOT NULL AND p_channel <> 'online')::int, 0, 0, 0, 0, 1, 0, 0, 0),
          (p_finished_at, 0, 0, 0, 0, (p_outcome = 'early')::int, (p_outcome = 'on_time')::int, (p_outcome = 'overdue')::int,
            (p_outcome IN ('early', 'on_time') AND p_supplement_count >= 2)::int, 0, 0, 0, 0),
          (y.c, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0),
          (y.ov, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0),
          (y.ov_c, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0),
          (y.m, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0),
          (y.m_c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0),
          (y.m_ov, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
          (y.m_ov_c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1)
        ) AS v(at, ro, rx, wo, wx, fe, ft, fo, fm, op, ov, mu, mo)
        WHERE v.at IS NOT NULL
      $$`);
    // OLD's contributions come off, NEW's go on, netted per row; rows are written in key order so concurrent
    // transitions lock them in the same order (no deadlock between two single-dossier transactions).
    await q.query(`
      CREATE FUNCTION dossier_report_rollup() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      DECLARE
        old_multi timestamptz;
        new_multi timestamptz;
      BEGIN
        IF TG_OP <> 'DELETE' AND NEW.supplement_count >= 2 THEN
          new_multi := CASE WHEN TG_OP = 'UPDATE' AND OLD.supplement_count < 2 THEN NEW.paused_at ELSE report_multi_supplement_at(NEW.id) END;
        END IF;
        IF TG_OP <> 'INSERT' AND OLD.supplement_count >= 2 THEN
          old_multi := CASE WHEN new_multi IS NOT NULL AND TG_OP = 'UPDATE' AND NEW.supplement_count >= 2 THEN new_multi ELSE report_multi_supplement_at(OLD.id) END;
        END IF;
        INSERT INTO report_rollup AS r (grain, period, agency_code, procedure_code, procedure_version, received_online, received_other,
          withdrawn_online, withdrawn_other, finished_early, finished_on_time, finished_overdue, finished_in_time_multi, open_delta,
          overdue_delta, multi_delta, multi_overdue_delta)
        SELECT * FROM (
          SELECT g.grain,
            CASE g.grain WHEN 'd' THEN c.day WHEN 'm' THEN date_trunc('month', c.day::timestamp)::date ELSE date_trunc('year', c.day::timestamp)::date END AS period,
            c.agency_code, c.procedure_code, c.procedure_version,
            sum(c.sign * c.received_online)::int AS received_online, sum(c.sign * c.received_other)::int AS received_other,
            sum(c.sign * c.withdrawn_online)::int AS withdrawn_online, sum(c.sign * c.withdrawn_other)::int AS withdrawn_other,
            sum(c.sign * c.finished_early)::int AS finished_early, sum(c.sign * c.finished_on_time)::int AS finished_on_time,
            sum(c.sign * c.finished_overdue)::int AS finished_overdue, sum(c.sign * c.finished_in_time_multi)::int AS finished_in_time_multi,
            sum(c.sign * c.open_delta)::int AS open_delta, sum(c.sign * c.overdue_delta)::int AS overdue_delta,
            sum(c.sign * c.multi_delta)::int AS multi_delta, sum(c.sign * c.multi_overdue_delta)::int AS multi_overdue_delta
          FROM (
            SELECT OLD.agency_code AS agency_code, OLD.procedure_code AS procedure_code, OLD.procedure_version AS procedure_version, -1 AS sign, x.*
            FROM report_contributions(OLD.received_at, OLD.channel, OLD.finished_at, OLD.withdrawn_at, OLD.outcome, OLD.due_at, OLD.paused_at,
              OLD.supplement_count, old_multi) x
            WHERE TG_OP <> 'INSERT'
            UNION ALL
            SELECT NEW.agency_code, NEW.procedure_code, NEW.procedure_version, 1, x.*
            FROM report_contributions(NEW.received_at, NEW.channel, NEW.finished_at, NEW.withdrawn_at, NEW.outcome, NEW.due_at, NEW.paused_at,
              NEW.supplement_count, new_multi) x
            WHERE TG_OP <> 'DELETE'
          ) c
          CROSS JOIN (VALUES ('d'), ('m'), ('y')) AS g(grain)
          GROUP BY 1, 2, 3, 4, 5
        ) n
        WHERE (n.received_online, n.received_other, n.withdrawn_online, n.withdrawn_other, n.finished_early, n.finished_on_time,
               n.finished_overdue, n.finished_in_time_multi, n.open_delta, n.overdue_delta, n.multi_delta, n.multi_overdue_delta)
          <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (grain, period, agency_code, procedure_code, procedure_version) DO UPDATE SET
          received_online = r.received_online + EXCLUDED.received_online,
          received_other = r.received_other + EXCLUDED.received_other,
          withdrawn_online = r.withdrawn_online + EXCLUDED.withdrawn_online,
          withdrawn_other = r.withdrawn_other + EXCLUDED.withdrawn_other,
          finished_early = r.finished_early + EXCLUDED.finished_early,
          finished_on_time = r.finished_on_time + EXCLUDED.finished_on_time,
          finished_overdue = r.finished_overdue + EXCLUDED.finished_overdue,
          finished_in_time_multi = r.finished_in_time_multi + EXCLUDED.finished_in_time_multi,
          open_delta = r.open_delta + EXCLUDED.open_delta,
          overdue_delta = r.overdue_delta + EXCLUDED.overdue_delta,
          multi_delta = r.multi_delta + EXCLUDED.multi_delta,
          multi_overdue_delta = r.multi_overdue_delta + EXCLUDED.multi_overdue_delta;

        IF (TG_OP <> 'INSERT' AND OLD.withdrawn_at IS NOT NULL) OR (TG_OP <> 'DELETE' AND NEW.withdrawn_at IS NOT NULL) THEN
          INSERT INTO report_withdrawal AS w (received_day, withdrawn_day, agency_code, procedure_code, procedure_version, online, dossiers)
          SELECT * FROM (
            SELECT k.received_day, k.withdrawn_day, k.agency_code, k.procedure_code, k.procedure_version, k.online, sum(k.n)::int AS dossiers
            FROM (
              SELECT report_local_day(OLD.received_at) AS received_day, report_local_day(OLD.withdrawn_at) AS withdrawn_day,
                OLD.agency_code AS agency_code, OLD.procedure_code AS procedure_code, OLD.procedure_version AS procedure_version,
                OLD.channel = 'online' AS online, -1 AS n
              WHERE TG_OP <> 'INSERT' AND OLD.withdrawn_at IS NOT NULL
              UNION ALL
              SELECT report_local_day(NEW.received_at), report_local_day(NEW.withdrawn_at), NEW.agency_code, NEW.procedure_code,
                NEW.procedure_version, NEW.channel = 'online', 1
              WHERE TG_OP <> 'DELETE' AND NEW.withdrawn_at IS NOT NULL
            ) k
            GROUP BY 1, 2, 3, 4, 5, 6
          ) n
          WHERE n.dossiers <> 0
          ORDER BY 1, 2, 3, 4, 5, 6
          ON CONFLICT (received_day, withdrawn_day, agency_code, procedure_code, procedure_version, online) DO UPDATE SET
            dossiers = w.dossiers + EXCLUDED.dossiers;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER dossier_report_rollup_insert AFTER INSERT OR DELETE ON dossier
      FOR EACH ROW EXECUTE FUNCTION dossier_report_rollup()`);
    // Most updates (steps, assignments, timer flags) touch none of these: the WHEN keeps them free of any trigger cost.
    await q.query(`
      CREATE TRIGGER dossier_report_rollup_update
      AFTER UPDATE OF agency_code, procedure_code, procedure_version, channel, received_at, finished_at, withdrawn_at, outcome, due_at, paused_at, supplement_count
      ON dossier FOR EACH ROW
      WHEN ((OLD.agency_code, OLD.procedure_code, OLD.procedure_version, OLD.channel, OLD.received_at, OLD.finished_at, OLD.withdrawn_at,
             OLD.outcome, OLD.due_at, OLD.paused_at, OLD.supplement_count)
        IS DISTINCT FROM (NEW.agency_code, NEW.procedure_code, NEW.procedure_version, NEW.channel, NEW.received_at, NEW.finished_at,
             NEW.withdrawn_at, NEW.outcome, NEW.due_at, NEW.paused_at, NEW.supplement_count))
      EXECUTE FUNCTION dossier_report_rollup()`);
    // Recomputes every rollup from the dossiers (bulk imports, repairs). The lock makes concurrent transitions wait and
    // then apply their own delta on top, so the result is exact even with the API running. The contributions are those of
    // report_contributions, summed kind by kind over one narrow copy of the dossiers (several times faster than row by row);
    // the consistency test checks that a rebuild changes nothing the triggers wrote.
    await q.query(`
      CREATE FUNCTION report_rebuild() RETURNS void
      LANGUAGE plpgsql
      SET work_mem = '256MB'
      SET jit = off
      AS $$
      BEGIN
        LOCK TABLE report_rollup, report_withdrawal IN ACCESS EXCLUSIVE MODE;
        TRUNCATE report_rollup, report_withdrawal;
        DROP TABLE IF EXISTS report_rebuild_source;
        CREATE TEMP TABLE report_rebuild_source ON COMMIT DROP AS
        SELECT agency_code, procedure_code, procedure_version, channel = 'online' AS online, received_at AS r, finished_at AS f, outcome,
          supplement_count >= 2 AS multi, withdrawn_at IS NOT NULL AS withdrawn, coalesce(finished_at, withdrawn_at) AS c,
          CASE WHEN paused_at IS NOT NULL AND paused_at <= due_at THEN NULL ELSE greatest(due_at, received_at) END AS ov,
          CASE WHEN supplement_count >= 2 THEN report_multi_supplement_at(id) END AS m
        FROM dossier;
        ANALYZE report_rebuild_source;
        INSERT INTO report_rollup (grain, period, agency_code, procedure_code, procedure_version, received_online, received_other,
          withdrawn_online, withdrawn_other, finished_early, finished_on_time, finished_overdue, finished_in_time_multi, open_delta,
          overdue_delta, multi_delta, multi_overdue_delta)
        SELECT 'd', x.day, x.agency_code, x.procedure_code, x.procedure_version,
          coalesce(sum(x.n) FILTER (WHERE x.kind = 1), 0), coalesce(sum(x.n) FILTER (WHERE x.kind = 2), 0),
          coalesce(sum(x.n) FILTER (WHERE x.kind = 14), 0), coalesce(sum(x.n) FILTER (WHERE x.kind = 15), 0),
          coalesce(sum(x.n) FILTER (WHERE x.kind = 3), 0), coalesce(sum(x.n) FILTER (WHERE x.kind = 4), 0),
          coalesce(sum(x.n) FILTER (WHERE x.kind = 5), 0), coalesce(sum(x.n) FILTER (WHERE x.kind = 6), 0),
          coalesce(sum(x.n) FILTER (WHERE x.kind IN (1, 2)), 0) - coalesce(sum(x.n) FILTER (WHERE x.kind = 7), 0),
          coalesce(sum(x.n) FILTER (WHERE x.kind = 8), 0) - coalesce(sum(x.n) FILTER (WHERE x.kind = 9), 0),
          coalesce(sum(x.n) FILTER (WHERE x.kind = 10), 0) - coalesce(sum(x.n) FILTER (WHERE x.kind = 11), 0),
          coalesce(sum(x.n) FILTER (WHERE x.kind = 12), 0) - coalesce(sum(x.n) FILTER (WHERE x.kind = 13), 0)
        FROM (
          SELECT report_local_day(r) AS day, agency_code, procedure_code, procedure_version, CASE WHEN online THEN 1 ELSE 2 END AS kind, count(*) AS n
          FROM report_rebuild_source GROUP BY 1, 2, 3, 4, 5
          UNION ALL
          SELECT report_local_day(r), agency_code, procedure_code, procedure_version, CASE WHEN online THEN 14 ELSE 15 END, count(*)
          FROM report_rebuild_source WHERE withdrawn GROUP BY 1, 2, 3, 4, 5
          UNION ALL
          SELECT report_local_day(f), agency_code, procedure_code, procedure_version, CASE outcome WHEN 'early' THEN 3 WHEN 'on_time' THEN 4 ELSE 5 END, count(*)
          FROM report_rebuild_source WHERE f IS NOT NULL GROUP BY 1, 2, 3, 4, 5
          UNION ALL
          SELECT report_local_day(f), agency_code, procedure_code, procedure_version, 6, count(*)
          FROM report_rebuild_source WHERE f IS NOT NULL AND multi AND outcome IN ('early', 'on_time') GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT report_local_day(c), agency_code, procedure_code, procedure_version, 7, count(*)
          FROM report_rebuild_source WHERE c IS NOT NULL GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT report_local_day(ov), agency_code, procedure_code, procedure_version, 8, count(*)
          FROM report_rebuild_source WHERE ov IS NOT NULL GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT report_local_day(greatest(ov, c)), agency_code, procedure_code, procedure_version, 9, count(*)
          FROM report_rebuild_source WHERE ov IS NOT NULL AND c IS NOT NULL GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT report_local_day(m), agency_code, procedure_code, procedure_version, 10, count(*)
          FROM report_rebuild_source WHERE m IS NOT NULL GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT report_local_day(greatest(m, c)), agency_code, procedure_code, procedure_version, 11, count(*)
          FROM report_rebuild_source WHERE m IS NOT NULL AND c IS NOT NULL GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT report_local_day(greatest(m, ov)), agency_code, procedure_code, procedure_version, 12, count(*)
          FROM report_rebuild_source WHERE m IS NOT NULL AND ov IS NOT NULL GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT report_local_day(greatest(m, ov, c)), agency_code, procedure_code, procedure_version, 13, count(*)
          FROM report_rebuild_source WHERE m IS NOT NULL AND ov IS NOT NULL AND c IS NOT NULL GROUP BY 1, 2, 3, 4
        ) x
        GROUP BY 2, 3, 4, 5
        -- In key order: a period's rows end up on neighbouring pages, which the reports read together.
        ORDER BY 2, 3, 4, 5;
        INSERT INTO report_rollup (grain, period, agency_code, procedure_code, procedure_version, received_online, received_other,
          withdrawn_online, withdrawn_other, finished_early, finished_on_time, finished_overdue, finished_in_time_multi, open_delta,
          overdue_delta, multi_delta, multi_overdue_delta)
        SELECT g.grain, CASE g.grain WHEN 'm' THEN date_trunc('month', r.period::timestamp)::date ELSE date_trunc('year', r.period::timestamp)::date END,
          r.agency_code, r.procedure_code, r.procedure_version,
          sum(r.received_online), sum(r.received_other), sum(r.withdrawn_online), sum(r.withdrawn_other), sum(r.finished_early),
          sum(r.finished_on_time), sum(r.finished_overdue), sum(r.finished_in_time_multi), sum(r.open_delta), sum(r.overdue_delta),
          sum(r.multi_delta), sum(r.multi_overdue_delta)
        FROM report_rollup r CROSS JOIN (VALUES ('m'), ('y')) AS g(grain)
        WHERE r.grain = 'd'
        GROUP BY 1, 2, 3, 4, 5
        ORDER BY 1, 2, 3, 4, 5;
        INSERT INTO report_withdrawal (received_day, withdrawn_day, agency_code, procedure_code, procedure_version, online, dossiers)
        SELECT report_local_day(received_at), report_local_day(withdrawn_at), agency_code, procedure_code, procedure_version, channel = 'online', count(*)
        FROM dossier WHERE withdrawn_at IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6;
        DROP TABLE report_rebuild_source;
        ANALYZE report_rollup;
        ANALYZE report_withdrawal;
      END $$`);
    await q.query('SELECT report_rebuild()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER dossier_report_rollup_update ON dossier');
    await q.query('DROP TRIGGER dossier_report_rollup_insert ON dossier');
    await q.query('DROP FUNCTION report_rebuild');
    await q.query('DROP FUNCTION dossier_report_rollup');
    await q.query('DROP FUNCTION report_contributions');
    await q.query('DROP FUNCTION report_multi_supplement_at');
    await q.query('DROP TABLE report_withdrawal');
    await q.query('DROP TABLE report_rollup');
    await q.query('DROP FUNCTION report_local_day');
  }
}
