import type { MigrationInterface, QueryRunner } from 'typeorm';

// A snapshot of HOLIDAYS_2027 and 24/11/2026 from @app/calendar as announced: a migration must not change once it has run.
const DAYS: readonly [date: string, note: string][] = [
  ['2026-11-24', 'Ngày Văn hóa Việt Nam'],
  ['2027-01-01', 'Tết Dương lịch'],
  ['2027-02-04', 'Tết Nguyên đán Đinh Mùi'],
  ['2027-02-05', 'Tết Nguyên đán Đinh Mùi'],
  ['2027-02-08', 'Tết Nguyên đán Đinh Mùi'],
  ['2027-02-09', 'Tết Nguyên đán Đinh Mùi'],
  ['2027-02-10', 'Tết Nguyên đán Đinh Mùi'],
  ['2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
  ['2027-04-30', 'Ngày Chiến thắng'],
  ['2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (thứ Bảy 1/5/2027)'],
  ['2027-09-02', 'Quốc khánh'],
  ['2027-09-03', 'Quốc khánh (ngày liền kề)'],
  ['2027-11-24', 'Ngày Văn hóa Việt Nam'],
];

/**
 * The national days off announced after deployments were seeded (24/11/2026 and the year 2027) reach their calendars.
 * A date that already has a row keeps it: an administrator may have entered that date already.
 * Open dossiers' deadlines move through a recomputation requested here (when there are any): the workers' reconciliation
 * runs it after the deployment, resumably, as after an administrator's calendar change.
 */
export class NationalCalendar20271764700500000 implements MigrationInterface {
  name = 'NationalCalendar20271764700500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO calendar_day (date, working, note)
       SELECT d::date, false, n FROM unnest($1::text[], $2::text[]) AS x(d, n)
       ON CONFLICT (date) DO NOTHING`,
      [DAYS.map(([d]) => d), DAYS.map(([, n]) => n)],
    );
    await q.query(
      `INSERT INTO deadline_recompute (reason, agency_code, calendar_date, actor_id, actor_username, requested_at)
       SELECT 'calendar_changed', NULL, NULL, 'system', 'system', now()
       WHERE EXISTS (SELECT 1 FROM dossier WHERE status IN ('processing', 'awaiting_supplement', 'suspended'))`,
    );
    // The channel AgencyCalendarService listens on: processes still running drop their cached calendars at commit.
    await q.query(`SELECT pg_notify('calendar_changed', '')`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Only rows exactly as inserted here; an administrator's own entry for one of these dates stays.
    await q.query(
      `DELETE FROM calendar_day c USING unnest($1::text[], $2::text[]) AS x(d, n) WHERE c.date = x.d::date AND NOT c.working AND c.note = x.n`,
      [DAYS.map(([d]) => d), DAYS.map(([, n]) => n)],
    );
    await q.query(`SELECT pg_notify('calendar_changed', '')`);
  }
}
