/* eslint-disable no-console -- a command-line tool talks on the console */
import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '@app/config';
import { migrateDatabase, startEmbeddedPostgres } from '@app/database';
import { SEED_AGENCIES } from '@app/agencies';
import type { AgencyLevel } from '@app/common';
import { type ProcedureDefinition, SEED_PROCEDURES, validateProcedureDefinition } from '@app/procedures';

/**
 * `npm run seed:volume -- --dossiers N [--years 5] [--batch 50000] [--parallel 2]`: fills the database (DATABASE_URL, else the embedded
 * one) with a province's worth of agencies and procedures and N realistic dossiers over the last years, each with its
 * event history: every status, all channels (online growing over the years), supplements (some twice or more),
 * suspensions, apologies, withdrawals, early / on-time / late finishes, deliveries. Everything is generated inside
 * PostgreSQL in large INSERT … SELECT batches; the report rollups are rebuilt in one statement at the end.
 *
 * Deadlines approximate the working calendar (working days skip weekends, not holidays); the reports do not depend on
 * how dueAt was computed, only on the stored values, and the outcome of each finished dossier is classified from them.
 */

export interface SeedVolumeOptions {
  dossiers: number;
  /** The history spans this many years back from now. */
  years?: number;
  batch?: number;
  /** Connections generating batches at once (the machine's cores). */
  parallel?: number;
  log?: (line: string) => void;
}

export interface SeedVolumeResult {
  inserted: number;
  events: number;
  seconds: number;
}

type Level = Exclude<AgencyLevel, 'ministry' | 'department'>;
interface SeedAgency {
  code: string;
  name: string;
  level: AgencyLevel;
  parentCode: string | null;
}

const DISTRICTS = ['Tiên Du', 'Yên Phong', 'Quế Võ', 'Thuận Thành', 'Gia Bình', 'Lương Tài', 'thành phố Bắc Ninh', 'thị xã Từ Sơn'];
const COMMUNES = [
  'Lim', 'Đông Phong', 'Phật Tích', 'Hoàn Sơn', 'Liên Bão', 'Nội Duệ', 'Đại Đồng', 'Tân Chi', 'Cảnh Hưng', 'Minh Đạo', 'Tri Phương',
  'Việt Đoàn', 'Hiên Vân', 'Lạc Vệ', 'Phú Lâm', 'Yên Trung', 'Dũng Liệt', 'Tam Đa', 'Văn Môn', 'Đông Thọ', 'Hòa Tiến', 'Long Châu',
  'Tam Giang', 'Thụy Hòa', 'Trung Nghĩa', 'Đông Tiến', 'Yên Phụ', 'Bằng An', 'Phù Lương', 'Việt Hùng',
];
const DEPARTMENTS = [
  'Sở Kế hoạch và Đầu tư', 'Sở Xây dựng', 'Sở Tài nguyên và Môi trường', 'Sở Giao thông vận tải', 'Sở Lao động - Thương binh và Xã hội',
  'Sở Y tế', 'Sở Công Thương', 'Sở Nội vụ', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Giáo dục và Đào tạo',
];
const COMMUNES_PER_DISTRICT = 15;

// Illustrative codes (not looked up); names and fields are real kinds of TTHC. [name, field, working days (0: same day), weight]
const EXTRA_PROCEDURES: Record<Level, [string, string, number, number][]> = {
  commune: [
    ['Đăng ký kết hôn', 'Hộ tịch', 3, 4],
    ['Đăng ký khai tử', 'Hộ tịch', 0, 2],
    ['Cấp bản sao trích lục hộ tịch', 'Hộ tịch', 0, 5],
    ['Cấp Giấy xác nhận tình trạng hôn nhân', 'Hộ tịch', 3, 5],
    ['Chứng thực chữ ký trong các giấy tờ, văn bản', 'Chứng thực', 0, 12],
    ['Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản', 'Chứng thực', 2, 3],
    ['Đăng ký nhận nuôi con nuôi trong nước', 'Nuôi con nuôi', 20, 0.2],
    ['Xét tặng danh hiệu Gia đình văn hóa hằng năm', 'Văn hóa cơ sở', 5, 1],
  ],
  district: [
    ['Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'Thành lập và hoạt động của hộ kinh doanh', 3, 3],
    ['Cấp giấy phép sửa chữa, cải tạo công trình', 'Hoạt động xây dựng', 15, 1],
    ['Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất', 'Đất đai', 10, 1.5],
    ['Đăng ký khai sinh có yếu tố nước ngoài', 'Hộ tịch', 10, 0.3],
    ['Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'An toàn thực phẩm', 15, 0.8],
    ['Trợ cấp xã hội hằng tháng', 'Bảo trợ xã hội', 7, 1.5],
    ['Cấp Giấy phép bán lẻ rượu', 'Lưu thông hàng hóa trong nước', 10, 0.5],
    ['Thẩm định báo cáo kinh tế - kỹ thuật đầu tư xây dựng', 'Hoạt động xây dựng', 20, 0.3],
  ],
  province: [
    ['Đăng ký thành lập doanh nghiệp tư nhân', 'Thành lập và hoạt động doanh nghiệp', 3, 2],
    ['Đăng ký thành lập công ty TNHH một thành viên', 'Thành lập và hoạt động doanh nghiệp', 3, 2],
    ['Đổi giấy phép lái xe do ngành Giao thông vận tải cấp', 'Đường bộ', 5, 6],
    ['Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh', 'Khám bệnh, chữa bệnh', 20, 0.5],
    ['Cấp giấy phép lao động cho người lao động nước ngoài', 'Việc làm', 5, 0.8],
    ['Cấp giấy phép môi trường', 'Môi trường', 20, 0.3],
    ['Cấp giấy phép xây dựng công trình', 'Hoạt động xây dựng', 20, 0.5],
    ['Đăng ký hoạt động Văn phòng công chứng', 'Công chứng', 10, 0.1],
  ],
};
const SEED_WEIGHTS: Record<string, number> = { '1.001100': 6, '1.000900': 20, '1.001193': 5, '1.000600': 3, '1.000700': 1.5, '1.000800': 4 };

/** A province: the demo agencies plus 11 departments, 8 districts and 15 communes in each. */
export function volumeAgencies(): SeedAgency[] {
  const out = new Map<string, SeedAgency>(SEED_AGENCIES.map((a) => [a.code, a]));
  DEPARTMENTS.forEach((name, i) => {
    const code = `H12.${11 + i}`;
    if (!out.has(code)) out.set(code, { code, name: `${name} tỉnh Bắc Ninh`, level: 'province', parentCode: 'H12' });
  });
  DISTRICTS.forEach((district, d) => {
    const code = `H12.0${d + 1}`;
    const kind = district.startsWith('thành phố') || district.startsWith('thị xã') ? '' : 'huyện ';
    if (!out.has(code)) out.set(code, { code, name: `Ủy ban nhân dân ${kind}${district}`, level: 'district', parentCode: 'H12' });
    for (let c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
      const cc = `${code}.${String(c).padStart(2, '0')}`;
      const name = COMMUNES[(d * COMMUNES_PER_DISTRICT + c) % COMMUNES.length];
      if (!out.has(cc)) out.set(cc, { code: cc, name: `Ủy ban nhân dân xã ${name} (${district})`, level: 'commune', parentCode: code });
    }
  });
  return [...out.values()];
}

/** The six demo procedures and 24 more, each valid as published. */
export function volumeProcedures(): { definition: ProcedureDefinition; weight: number }[] {
  const out = SEED_PROCEDURES.map((definition) => ({ definition, weight: SEED_WEIGHTS[definition.code] ?? 1 }));
  const levels: Level[] = ['commune', 'district', 'province'];
  levels.forEach((level, l) => {
    const template = SEED_PROCEDURES.find((p) => p.level === level && p.processingTime.unit === 'working_days') ?? SEED_PROCEDURES[0];
    const sameDay = SEED_PROCEDURES.find((p) => p.processingTime.unit === 'working_hours') ?? template;
    EXTRA_PROCEDURES[level].forEach(([name, field, days, weight], i) => {
      const base = days === 0 ? sameDay : template;
      // The processing time shared evenly by the steps, in half working hours (what the validator accepts).
      const share = Math.max(0.5, Math.floor(((days * 7.5) / base.steps.length) * 2) / 2);
      const steps = days === 0 ? base.steps : base.steps.map((st) => ({ ...st, allotted: { value: share, unit: 'working_hours' as const } }));
      const raw = {
        ...base,
        code: `2.00${l + 1}${String(i + 1).padStart(3, '0')}`,
        name,
        field,
        level,
        processingTime: days === 0 ? base.processingTime : { value: days, unit: 'working_days' as const },
        onlineProcessingTime: null,
        supplementPolicy: field === 'Đất đai' ? 'pause' : 'restart',
        steps,
      };
      const { value, errors } = validateProcedureDefinition(raw);
      if (!value) throw new Error(`generated procedure ${raw.code} is invalid: ${JSON.stringify(errors)}`);
      out.push({ definition: value, weight });
    });
  });
  return out;
}

/** Which agencies handle which procedure: communes their level's, districts theirs, each department a share of the province's. */
function volumeKeys(agencies: SeedAgency[], procedures: { definition: ProcedureDefinition; weight: number }[]) {
  const keys: { agency: string; code: string; weight: number }[] = [];
  const provinceProcedures = procedures.filter((p) => p.definition.level === 'province');
  const departments = agencies.filter((a) => a.level === 'province' && a.parentCode !== null);
  for (const p of procedures) {
    const handlers =
      p.definition.level === 'province'
        ? // 1.000600 belongs to the justice department (H12.10); the others spread over the departments.
          p.definition.code === '1.000600'
          ? departments.filter((a) => a.code === 'H12.10')
          : [departments[provinceProcedures.indexOf(p) % departments.length]]
        : agencies.filter((a) => a.level === p.definition.level);
    for (const a of handlers) keys.push({ agency: a.code, code: p.definition.code, weight: p.weight / handlers.length });
  }
  return keys;
}

const SLOTS = 100_000;

/** Reference data (idempotent), then the dossiers in batches on `parallel` connections, then one rebuild of the rollups. */
export async function seedVolume(databaseUrl: string, opts: SeedVolumeOptions): Promise<SeedVolumeResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const years = opts.years ?? 5;
  const batch = opts.batch ?? 50_000;
  const started = Date.now();
  await migrateDatabase(databaseUrl);
  const db = await session(databaseUrl);
  try {
    const agencies = volumeAgencies();
    const procedures = volumeProcedures();
    await db.query(
      `INSERT INTO agency (code, name, level, parent_code)
       SELECT * FROM unnest($1::varchar[], $2::text[], $3::varchar[], $4::varchar[]) ORDER BY 1 ON CONFLICT (code) DO NOTHING`,
      [agencies.map((a) => a.code), agencies.map((a) => a.name), agencies.map((a) => a.level), agencies.map((a) => a.parentCode)],
    );
    for (const { definition: d } of procedures) {
      await db.query(
        `INSERT INTO procedure_version (code, version, name, field, level, definition)
         SELECT $1::varchar, 1, $2, $3, $4, $5::jsonb WHERE NOT EXISTS (SELECT 1 FROM procedure_version WHERE code = $1::varchar)`,
        [d.code, d.name, d.field, d.level, JSON.stringify(d)],
      );
    }
    const slots = await prepareKeys(db, volumeKeys(agencies, procedures));
    // Serial numbers continue after earlier runs (codes and ids stay unique when a run adds to an earlier one).
    const serial = Number((await db.query(`SELECT count(*) AS n FROM dossier`)).rows[0].n);
    const now = new Date();
    const start = new Date(now.getTime() - years * 365.25 * 86_400_000);
    const plan = Array.from({ length: Math.ceil(opts.dossiers / batch) }, (_, no) => ({ no, offset: no * batch, size: Math.min(batch, opts.dossiers - no * batch) }));

    // Triggers off for the seeding sessions only (the rollups are rebuilt at the end); without superuser, off for the table.
    const superuser = (await db.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0]?.rolsuper === true;
    if (!superuser) await db.query(`ALTER TABLE dossier DISABLE TRIGGER dossier_report_rollup_insert`);
    let inserted = 0;
    let events = 0;
    let next = 0;
    const worker = async () => {
      const c = await session(databaseUrl, superuser);
      try {
        for (let b = plan[next++]; b; b = plan[next++]) {
          await c.query('BEGIN');
          try {
            await c.query(BATCH_SQL, [b.size, now, start, slots, b.no, plan.length, serial + b.offset]);
            await c.query(INSERT_DOSSIERS_SQL, [now, 1_000_000 + serial + b.offset]);
            const written = (await c.query(INSERT_EVENTS_SQL)).rowCount ?? 0;
            // The seeded dossiers are their own agency's, received and worked there: only it sees them.
            await c.query('INSERT INTO dossier_agency (dossier_id, agency_code) SELECT d.id, d.agency_code FROM seed_batch b JOIN dossier d ON d.id = b.id');
            events += written;
            await c.query('COMMIT');
          } catch (e) {
            await c.query('ROLLBACK');
            throw e;
          }
          inserted += b.size;
          log(`seed:volume ${inserted.toLocaleString('en-US')} / ${opts.dossiers.toLocaleString('en-US')} dossiers, ${events.toLocaleString('en-US')} events (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        }
      } finally {
        await c.end();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, opts.parallel ?? 2) }, worker));
    } finally {
      if (!superuser) await db.query(`ALTER TABLE dossier ENABLE TRIGGER dossier_report_rollup_insert`);
      await db.query(`DROP TABLE IF EXISTS seed_slot, seed_key`);
    }
    log('seed:volume rebuilding the report rollups');
    await db.query(`SELECT report_rebuild()`);
    await db.query(`ANALYZE dossier`);
    await db.query(`ANALYZE dossier_event`);
    return { inserted, events, seconds: (Date.now() - started) / 1000 };
  } finally {
    await db.end();
  }
}

/** A connection for bulk work: no waiting for the disk at each commit, room to sort, no JIT (compiling these long expressions costs seconds a batch). */
async function session(databaseUrl: string, withoutTriggers = false): Promise<Client> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query(`SET synchronous_commit = off`);
  await c.query(`SET work_mem = '128MB'`);
  await c.query(`SET jit = off`);
  if (withoutTriggers) await c.query(`SET session_replication_role = replica`);
  // Working days as calendar days over Monday–Friday (holidays ignored): the due time of a clock started at s.
  await c.query(`
    CREATE OR REPLACE FUNCTION pg_temp.seed_due(s timestamptz, minutes numeric) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN minutes < 450 THEN s + minutes * interval '1 minute'
        ELSE s + (ceil(minutes / 450) + 2 * floor((least(extract(isodow FROM report_local_day(s)), 5) - 1 + ceil(minutes / 450)) / 5)) * interval '1 day' END
    $$`);
  return c;
}

/** seed_key: one row per (agency, procedure) with what the generator needs; seed_slot: SLOTS slots shared by weight. */
async function prepareKeys(db: Client, keys: { agency: string; code: string; weight: number }[]): Promise<number> {
  await db.query(`DROP TABLE IF EXISTS seed_slot, seed_key`);
  await db.query(
    `CREATE UNLOGGED TABLE seed_key AS
     SELECT row_number() OVER (ORDER BY k.agency, k.code)::int AS k, k.agency AS agency_code, pv.code AS procedure_code, pv.version AS procedure_version,
       k.weight, pv.definition->>'supplementPolicy' AS policy,
       CASE pv.definition->'processingTime'->>'unit' WHEN 'working_days' THEN (pv.definition->'processingTime'->>'value')::numeric * 450
         WHEN 'working_hours' THEN (pv.definition->'processingTime'->>'value')::numeric * 60
         ELSE (pv.definition->'processingTime'->>'value')::numeric * 450 END AS minutes,
       CASE WHEN pv.definition->'onlineProcessingTime'->>'unit' = 'working_days' THEN (pv.definition->'onlineProcessingTime'->>'value')::numeric * 450 END AS online_minutes,
       ARRAY(SELECT s->>'id' FROM jsonb_array_elements(pv.definition->'steps') s) AS steps,
       pv.definition->'requiredDocuments' AS documents,
       pv.field = 'Đất đai' AS land
     FROM unnest($1::varchar[], $2::varchar[], $3::float8[]) AS k(agency, code, weight)
     JOIN procedure_version pv ON pv.code = k.code AND pv.version = (SELECT max(version) FROM procedure_version WHERE code = k.code)`,
    [keys.map((k) => k.agency), keys.map((k) => k.code), keys.map((k) => k.weight)],
  );
  // Each key owns a run of slots in proportion to its weight; picking a slot uniformly picks a key by weight.
  await db.query(
    `CREATE UNLOGGED TABLE seed_slot AS
     WITH w AS (SELECT k, sum(weight) OVER (ORDER BY k) / sum(weight) OVER () AS hi, (sum(weight) OVER (ORDER BY k) - weight) / sum(weight) OVER () AS lo FROM seed_key),
     runs AS (SELECT w.k, s FROM w CROSS JOIN LATERAL generate_series(round(w.lo * $1)::int, round(w.hi * $1)::int - 1) s)
     SELECT (row_number() OVER (ORDER BY s) - 1)::int AS slot, k FROM runs`,
    [SLOTS],
  );
  await db.query(`ALTER TABLE seed_slot ADD PRIMARY KEY (slot)`);
  await db.query(`ALTER TABLE seed_key ADD PRIMARY KEY (k)`);
  return Number((await db.query(`SELECT count(*) AS n FROM seed_slot`)).rows[0].n);
}

/**
 * One batch of dossiers, every instant of their lives planned (received, up to three supplement requests and arrivals, a
 * suspension, an apology, the finish or a withdrawal, the hand-over), then cut at now: what lies after now has not happened.
 */
const BATCH_SQL = `
  CREATE TEMP TABLE seed_batch ON COMMIT DROP AS
  WITH picked AS MATERIALIZED (
    -- Batches go forward in time (batch $5 of $6), so the indexes on received_at grow at their end.
    SELECT floor(random() * $4)::int AS slot, $3::timestamptz + ($2::timestamptz - $3::timestamptz) * sqrt(($5 + random()) / $6) AS raw_at
    FROM generate_series(1, $1::int) g
  ), base AS MATERIALIZED (
    -- Ids in the order of receipt: the primary keys of dossier and dossier_event grow at their end too. The version
    -- nibble is 0, so they never collide with the product's random (version 4) ids.
    SELECT row_number() OVER (ORDER BY p.raw_at) AS g, k.k, k.agency_code, k.procedure_code, k.procedure_version, k.policy, k.minutes,
      k.online_minutes, cardinality(k.steps) AS n_steps, k.land, report_local_day(p.raw_at) AS raw_day,
      ('5eed' || lpad(to_hex($7::bigint + row_number() OVER (ORDER BY p.raw_at)), 28, '0'))::uuid AS id,
      extract(epoch FROM p.raw_at - $3::timestamptz) / extract(epoch FROM $2::timestamptz - $3::timestamptz) AS age,
      random() AS u_channel, random() AS u_supp, random() AS u_susp, random() AS u_ext, random() AS u_wd, random() AS u_fate,
      random() AS u_when, random() AS u_deliver, random() AS u_result, random() AS u_tod,
      interval '2 hours' + random() * interval '2 days' AS gap1, interval '1 day' + random() * interval '5 days' AS wait1,
      interval '2 hours' + random() * interval '2 days' AS gap2, interval '1 day' + random() * interval '5 days' AS wait2,
      interval '2 hours' + random() * interval '2 days' AS gap3, interval '1 day' + random() * interval '5 days' AS wait3,
      interval '7 hours' + random() * interval '2 days' AS susp_gap, interval '1 day' + random() * interval '4 days' AS susp_len,
      (random() * 1e11)::bigint AS id_number, random() AS u_name1, random() AS u_name2, random() AS u_name3, random() AS u_type
    FROM picked p JOIN seed_slot s ON s.slot = p.slot JOIN seed_key k ON k.k = s.k
  ), received AS MATERIALIZED (
    SELECT b.*,
      -- A working weekday, in office hours; never after now.
      least($2::timestamptz - interval '1 minute',
        ((b.raw_day - CASE extract(isodow FROM b.raw_day) WHEN 6 THEN 1 WHEN 7 THEN 2 ELSE 0 END)::timestamp
          + interval '7 hours 30 minutes' + b.u_tod * interval '9 hours 30 minutes') AT TIME ZONE 'UTC' - interval '7 hours') AS r,
      CASE WHEN b.u_channel < 0.15 + 0.45 * b.age THEN 'online' WHEN b.u_channel > 0.96 THEN 'postal' ELSE 'direct' END AS channel,
      CASE WHEN b.u_supp < 0.005 THEN 3 WHEN b.u_supp < 0.03 THEN 2 WHEN b.u_supp < 0.13 THEN 1 ELSE 0 END AS n_supp,
      b.u_susp < CASE WHEN b.land THEN 0.3 ELSE 0.03 END AS suspends,
      b.u_wd < 0.015 AS withdraws
    FROM base b
  ), waits AS MATERIALIZED (
    SELECT x.*, x.r + x.gap1 AS req1, x.r + x.gap1 + x.wait1 AS arr1,
      x.r + x.gap1 + x.wait1 + x.gap2 AS req2, x.r + x.gap1 + x.wait1 + x.gap2 + x.wait2 AS arr2,
      x.r + x.gap1 + x.wait1 + x.gap2 + x.wait2 + x.gap3 AS req3, x.r + x.gap1 + x.wait1 + x.gap2 + x.wait2 + x.gap3 + x.wait3 AS arr3,
      CASE WHEN x.channel = 'online' AND x.online_minutes IS NOT NULL THEN x.online_minutes ELSE x.minutes END AS proc_minutes
    FROM received x
  ), planned AS MATERIALIZED (
    SELECT w.*,
      CASE w.n_supp WHEN 0 THEN w.r WHEN 1 THEN w.arr1 WHEN 2 THEN w.arr2 ELSE w.arr3 END AS last_arrival,
      CASE w.n_supp WHEN 0 THEN interval '0' WHEN 1 THEN w.wait1 WHEN 2 THEN w.wait1 + w.wait2 ELSE w.wait1 + w.wait2 + w.wait3 END AS waited
    FROM waits w
  ), timeline AS MATERIALIZED (
    SELECT p.*,
      CASE WHEN p.suspends THEN p.last_arrival + p.susp_gap END AS susp_at,
      CASE WHEN p.suspends THEN p.last_arrival + p.susp_gap + p.susp_len END AS resume_at,
      -- The due time if everything planned happens (restart: from the last arrival; pause: the waits added).
      CASE WHEN p.policy = 'pause' THEN pg_temp.seed_due(p.r, p.proc_minutes) + p.waited ELSE pg_temp.seed_due(p.last_arrival, p.proc_minutes) END
        + CASE WHEN p.suspends THEN p.susp_len ELSE interval '0' END AS planned_due,
      greatest(p.last_arrival, CASE WHEN p.suspends THEN p.last_arrival + p.susp_gap + p.susp_len END) AS anchor
    FROM planned p
  ), dated AS MATERIALIZED (
    SELECT t.*, (report_local_day(t.planned_due)::timestamp AT TIME ZONE 'UTC') - interval '7 hours' AS due_midnight FROM timeline t
  ), finish AS MATERIALIZED (
    SELECT t.*,
      -- 78 % early, 19 % on the due date, 3 % late (the press: "early 78.8 %, on time 18.9 %").
      greatest(t.anchor + interval '30 minutes', CASE
        -- Early: on an earlier local day than the due time (a same-day procedure cannot be early: on time then).
        WHEN t.u_fate < 0.78 AND t.due_midnight > t.anchor + interval '1 hour' THEN t.anchor + (t.due_midnight - t.anchor) * (0.2 + 0.75 * t.u_when)
        WHEN t.u_fate < 0.78 THEN t.planned_due - t.u_when * interval '1 hour'
        WHEN t.u_fate < 0.97 THEN t.planned_due - t.u_when * interval '3 hours'
        ELSE t.planned_due + interval '1 hour' + t.u_when * interval '8 days' END) AS f_planned
    FROM dated t
  ), cut AS MATERIALIZED (
    SELECT f.*,
      CASE WHEN f.withdraws THEN f.r + (f.f_planned - f.r) * f.u_when END AS w_planned,
      CASE WHEN f.u_ext < 0.02 THEN greatest(f.anchor, f.planned_due - interval '1 day') + interval '10 minutes' END AS ext_planned,
      CASE WHEN f.u_deliver < 0.92 THEN f.f_planned + interval '1 hour' + f.u_deliver * interval '3 days' END AS returned_planned
    FROM finish f
  ), state AS MATERIALIZED (
    SELECT c.*,
      -- Everything happens up to the close (withdrawal or finish) and up to now.
      least($2::timestamptz, coalesce(c.w_planned, c.f_planned)) AS horizon
    FROM cut c
  )
  SELECT s.*,
    coalesce(s.n_supp >= 1 AND s.req1 <= s.horizon, false) AS did_req1, coalesce(s.n_supp >= 1 AND s.arr1 <= s.horizon, false) AS did_arr1,
    coalesce(s.n_supp >= 2 AND s.req2 <= s.horizon, false) AS did_req2, coalesce(s.n_supp >= 2 AND s.arr2 <= s.horizon, false) AS did_arr2,
    coalesce(s.n_supp >= 3 AND s.req3 <= s.horizon, false) AS did_req3, coalesce(s.n_supp >= 3 AND s.arr3 <= s.horizon, false) AS did_arr3,
    coalesce(s.suspends AND s.susp_at <= s.horizon, false) AS did_susp, coalesce(s.suspends AND s.resume_at <= s.horizon, false) AS did_resume,
    coalesce(s.ext_planned IS NOT NULL AND s.ext_planned <= s.horizon, false) AS did_ext,
    coalesce(s.withdraws AND s.w_planned <= $2::timestamptz, false) AS did_withdraw,
    coalesce(NOT s.withdraws AND s.f_planned <= $2::timestamptz, false) AS did_finish,
    coalesce(NOT s.withdraws AND s.returned_planned <= $2::timestamptz, false) AS did_deliver,
    -- Steps forwarded by the horizon: spread evenly between the last wait and the planned finish.
    (SELECT count(*)::int FROM generate_series(1, s.n_steps - 1) i WHERE s.anchor + (s.f_planned - s.anchor) * i / s.n_steps <= s.horizon) AS forwarded
  FROM state s`;

/** The dossier rows, as they stand now. */
const INSERT_DOSSIERS_SQL = `
  WITH d AS (
    SELECT b.*,
      (b.did_req1::int + b.did_req2::int + b.did_req3::int) AS supplements,
      -- The clock as it stands at the horizon: restarted at the last arrival so far (restart), or the waits so far added (pause).
      CASE WHEN b.policy = 'pause' THEN b.r ELSE CASE WHEN b.did_arr3 THEN b.arr3 WHEN b.did_arr2 THEN b.arr2 WHEN b.did_arr1 THEN b.arr1 ELSE b.r END END AS clock,
      CASE WHEN b.policy = 'pause' THEN
        CASE WHEN b.did_arr1 THEN b.wait1 ELSE interval '0' END + CASE WHEN b.did_arr2 THEN b.wait2 ELSE interval '0' END + CASE WHEN b.did_arr3 THEN b.wait3 ELSE interval '0' END
      ELSE interval '0' END + CASE WHEN b.did_resume THEN b.susp_len ELSE interval '0' END AS shift,
      CASE WHEN b.did_withdraw THEN 'withdrawn' WHEN b.did_finish THEN CASE WHEN b.did_deliver THEN 'returned' ELSE 'result_ready' END
        WHEN (b.did_req1 AND NOT b.did_arr1) OR (b.did_req2 AND NOT b.did_arr2) OR (b.did_req3 AND NOT b.did_arr3) THEN 'awaiting_supplement'
        WHEN b.did_susp AND NOT b.did_resume THEN 'suspended' ELSE 'processing' END AS status,
      CASE WHEN b.did_req3 AND NOT b.did_arr3 THEN b.req3 WHEN b.did_req2 AND NOT b.did_arr2 THEN b.req2 WHEN b.did_req1 AND NOT b.did_arr1 THEN b.req1
        WHEN b.did_susp AND NOT b.did_resume THEN b.susp_at END AS waiting_since
    FROM seed_batch b
  ), dk AS (
    SELECT d.*, k.steps, k.documents FROM d JOIN seed_key k ON k.k = d.k
  ), dd AS (
    SELECT d.*, pg_temp.seed_due(d.clock, d.proc_minutes) + d.shift AS due,
      CASE WHEN d.status IN ('processing', 'awaiting_supplement', 'suspended') THEN d.steps[1 + CASE WHEN d.status = 'processing' THEN d.forwarded ELSE 0 END] END AS step
    FROM dk d
  )
  INSERT INTO dossier (id, code, procedure_code, procedure_version, agency_code, receiving_agency_code, step_agency_code, channel, applicant, documents, status, suspend_reason, snapshot,
    step_id, step_started_at, step_due_at, step_paused_minutes, assignee_id, received_at, clock_started_at, paused_minutes, paused_at, due_at,
    due_soon_at, due_soon_flagged_at, overdue_flagged_at, step_overdue_flagged_at, extended_due_at, supplement_count, finished_at, returned_at,
    withdrawn_at, result_type, outcome, last_transition_at, event_count, version, created_at, updated_at)
  SELECT dd.id,
    dd.agency_code || '-' || to_char(report_local_day(dd.r), 'YYMMDD') || '-' || ($2::bigint + dd.g)::text,
    dd.procedure_code, dd.procedure_version, dd.agency_code, dd.agency_code, CASE WHEN dd.step IS NOT NULL THEN dd.agency_code END, dd.channel,
    jsonb_build_object('type', CASE WHEN dd.u_type < 0.92 THEN 'citizen' ELSE 'enterprise' END,
      'fullName', (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'])[1 + floor(dd.u_name1 * 16)::int]
        || ' ' || (ARRAY['Văn','Thị','Hữu','Đức','Minh','Thanh','Ngọc','Quang','Xuân','Thu'])[1 + floor(dd.u_name2 * 10)::int]
        || ' ' || (ARRAY['An','Bình','Châu','Dũng','Giang','Hà','Hải','Hạnh','Hùng','Hương','Khánh','Lan','Linh','Long','Mai','Minh','Nam','Nga','Phong','Phương','Quân','Sơn','Tâm','Thảo','Trang','Tuấn','Vân','Yến'])[1 + floor(dd.u_name3 * 28)::int],
      'idNumber', '0' || lpad(dd.id_number::text, 11, '0')),
    dd.documents, dd.status,
    CASE WHEN dd.status = 'suspended' THEN CASE WHEN dd.land THEN 'financial_obligation' ELSE 'other' END END,
    jsonb_build_object('status', CASE WHEN dd.status IN ('returned', 'withdrawn') THEN 'done' ELSE 'active' END,
      'value', CASE WHEN dd.status = 'processing' THEN jsonb_build_object('processing', dd.step) ELSE to_jsonb(dd.status) END,
      'historyValue', CASE WHEN dd.status = 'processing' AND NOT (dd.did_req1 OR dd.did_susp) THEN '{}'::jsonb
        ELSE jsonb_build_object('dossier.processing.hist', jsonb_build_array(jsonb_build_object('id',
          'dossier.processing.' || coalesce(dd.step, dd.steps[CASE WHEN dd.did_finish THEN dd.n_steps ELSE 1 + dd.forwarded END])))) END,
      'context', jsonb_build_object('extended', dd.did_ext), 'children', '{}'::jsonb),
    dd.step,
    CASE WHEN dd.step IS NOT NULL THEN dd.clock + (dd.f_planned - dd.anchor) * dd.forwarded / dd.n_steps END,
    CASE WHEN dd.step IS NOT NULL THEN dd.clock + (dd.due - dd.clock) * (dd.forwarded + 1) / dd.n_steps END,
    0, NULL, dd.r, dd.clock,
    (extract(epoch FROM dd.shift) / 60 * 450 / 1440)::int,
    dd.waiting_since, dd.due,
    CASE WHEN dd.status = 'processing' THEN dd.due - interval '1 day' END,
    CASE WHEN dd.status = 'processing' AND dd.due - interval '1 day' <= $1::timestamptz THEN dd.due - interval '1 day' END,
    CASE WHEN dd.status = 'processing' AND dd.due <= $1::timestamptz THEN dd.due END,
    CASE WHEN dd.status = 'processing' AND dd.clock + (dd.due - dd.clock) * (dd.forwarded + 1) / dd.n_steps <= $1::timestamptz
      THEN dd.clock + (dd.due - dd.clock) * (dd.forwarded + 1) / dd.n_steps END,
    CASE WHEN dd.did_ext THEN dd.planned_due + interval '3 days' END,
    dd.supplements,
    CASE WHEN dd.did_finish THEN dd.f_planned END,
    CASE WHEN dd.did_deliver THEN dd.returned_planned END,
    CASE WHEN dd.did_withdraw THEN dd.w_planned END,
    CASE WHEN dd.did_finish THEN CASE WHEN dd.u_result < 0.97 THEN 'approved' ELSE 'refused' END END,
    CASE WHEN dd.did_finish THEN CASE WHEN dd.f_planned > dd.due THEN 'overdue'
      WHEN report_local_day(dd.f_planned) < report_local_day(dd.due) THEN 'early' ELSE 'on_time' END END,
    greatest(dd.r, CASE WHEN dd.did_req1 THEN dd.req1 END, CASE WHEN dd.did_arr1 THEN dd.arr1 END, CASE WHEN dd.did_req2 THEN dd.req2 END,
      CASE WHEN dd.did_arr2 THEN dd.arr2 END, CASE WHEN dd.did_req3 THEN dd.req3 END, CASE WHEN dd.did_arr3 THEN dd.arr3 END,
      CASE WHEN dd.did_susp THEN dd.susp_at END, CASE WHEN dd.did_resume THEN dd.resume_at END, CASE WHEN dd.did_ext THEN dd.ext_planned END,
      CASE WHEN dd.forwarded > 0 THEN dd.anchor + (dd.f_planned - dd.anchor) * dd.forwarded / dd.n_steps END,
      CASE WHEN dd.did_finish THEN dd.f_planned END, CASE WHEN dd.did_deliver THEN dd.returned_planned END, CASE WHEN dd.did_withdraw THEN dd.w_planned END),
    1 + dd.did_req1::int + dd.did_arr1::int + dd.did_req2::int + dd.did_arr2::int + dd.did_req3::int + dd.did_arr3::int + dd.did_susp::int
      + dd.did_resume::int + dd.did_ext::int + dd.forwarded + dd.did_finish::int + dd.did_deliver::int + dd.did_withdraw::int AS events,
    1, now(), now()
  FROM dd
  ORDER BY dd.g`;

/** The event log of each dossier of the batch (the process control sheet); as many events as the dossier's event_count. */
const INSERT_EVENTS_SQL = `
  WITH e AS (
    SELECT b.id, v.at, v.ord, v.type, v.from_status, v.to_status, v.from_step, v.to_step, v.data
    FROM seed_batch b JOIN seed_key k ON k.k = b.k
    CROSS JOIN LATERAL (VALUES
      (b.r, 0, 'RECEIVE', NULL, 'processing', NULL, k.steps[1], jsonb_build_object('channel', b.channel)),
      (CASE WHEN b.did_req1 THEN b.req1 END, 1, 'REQUEST_SUPPLEMENT', 'processing', 'awaiting_supplement', k.steps[1], k.steps[1], '{"missingItems":["Bản sao giấy tờ tùy thân"]}'::jsonb),
      (CASE WHEN b.did_arr1 THEN b.arr1 END, 2, 'SUPPLEMENT_RECEIVED', 'awaiting_supplement', 'processing', k.steps[1], k.steps[1], jsonb_build_object('policy', b.policy)),
      (CASE WHEN b.did_req2 THEN b.req2 END, 3, 'REQUEST_SUPPLEMENT', 'processing', 'awaiting_supplement', k.steps[1], k.steps[1], '{"missingItems":["Bản chính để đối chiếu"]}'::jsonb),
      (CASE WHEN b.did_arr2 THEN b.arr2 END, 4, 'SUPPLEMENT_RECEIVED', 'awaiting_supplement', 'processing', k.steps[1], k.steps[1], jsonb_build_object('policy', b.policy)),
      (CASE WHEN b.did_req3 THEN b.req3 END, 5, 'REQUEST_SUPPLEMENT', 'processing', 'awaiting_supplement', k.steps[1], k.steps[1], '{"missingItems":["Văn bản ủy quyền"]}'::jsonb),
      (CASE WHEN b.did_arr3 THEN b.arr3 END, 6, 'SUPPLEMENT_RECEIVED', 'awaiting_supplement', 'processing', k.steps[1], k.steps[1], jsonb_build_object('policy', b.policy)),
      (CASE WHEN b.did_susp THEN b.susp_at END, 7, 'SUSPEND', 'processing', 'suspended', k.steps[1], k.steps[1],
        jsonb_build_object('reason', CASE WHEN b.land THEN 'financial_obligation' ELSE 'other' END)),
      (CASE WHEN b.did_resume THEN b.resume_at END, 8, 'RESUME', 'suspended', 'processing', k.steps[1], k.steps[1], '{}'::jsonb),
      (CASE WHEN b.did_ext THEN b.ext_planned END, 9, 'EXTEND', 'processing', 'processing', NULL, NULL,
        jsonb_build_object('reason', 'Cần xác minh thêm', 'extendedDueAt', b.planned_due + interval '3 days')),
      (CASE WHEN b.did_finish THEN b.f_planned END, 30, 'COMPLETE', 'processing', 'result_ready', k.steps[b.n_steps], NULL,
        jsonb_build_object('resultType', 'approved')),
      (CASE WHEN b.did_deliver THEN b.returned_planned END, 31, 'DELIVER', 'result_ready', 'returned', NULL, NULL, '{}'::jsonb),
      (CASE WHEN b.did_withdraw THEN b.w_planned END, 32, 'WITHDRAW', 'processing', 'withdrawn', NULL, NULL, '{}'::jsonb)
    ) AS v(at, ord, type, from_status, to_status, from_step, to_step, data)
    WHERE v.at IS NOT NULL
    UNION ALL
    SELECT b.id, b.anchor + (b.f_planned - b.anchor) * i / b.n_steps, 10 + i, 'FORWARD', 'processing', 'processing', k.steps[i], k.steps[i + 1], '{}'::jsonb
    FROM seed_batch b JOIN seed_key k ON k.k = b.k CROSS JOIN LATERAL generate_series(1, b.forwarded) i
  )
  INSERT INTO dossier_event (dossier_id, seq, type, at, actor_id, actor_username, from_status, to_status, from_step, to_step, step_due_at, step_on_time, note, data)
    SELECT e.id, row_number() OVER (PARTITION BY e.id ORDER BY e.at, e.ord), e.type, e.at, 'seed', 'seed.volume', e.from_status, e.to_status, e.from_step,
      e.to_step, NULL, NULL, NULL, e.data
    FROM e
    ORDER BY e.id`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return fallback;
    const raw = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
    const n = Number(String(raw).replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number, not ${JSON.stringify(raw)}`);
    return n;
  };
  const config = loadConfig();
  const embedded = config.database.url ? null : await startEmbeddedPostgres(config.database.embedded);
  try {
    const result = await seedVolume(config.database.url ?? embedded!.url, { dossiers: option('dossiers', 100_000), years: option('years', 5), batch: option('batch', 50_000), parallel: option('parallel', 2) });
    console.log(`seed:volume done: ${result.inserted.toLocaleString('en-US')} dossiers, ${result.events.toLocaleString('en-US')} events in ${result.seconds.toFixed(0)} s`);
    return 0;
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
