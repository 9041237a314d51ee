// The benchmark's synthetic data, generated inside the database (INSERT … SELECT
// over generate_series: the server builds the rows itself, no client round trip
// per row — a bulk path on both engines). Deterministic: every value is
// arithmetic on the row number, so two runs give the same data. bench:data then runs
// `quyhoach seed` again, which indexes every section, project and indicator for search. Every record is
// marked: is_sample = true and "[tổng hợp]" / "SYN-" in its name or code, so
// nobody mistakes it for the real plan.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/kernel/db/engine.ts';
import { queryRows } from '../src/kernel/db/query.ts';
import { TASK_STATUSES } from '../src/modules/implementation/schema.ts';
import { INDICATOR_CATEGORIES } from '../src/modules/indicators/schema.ts';
import { PROJECT_STAGES } from '../src/modules/projects/schema.ts';

export type Scale = 'smoke' | 'province' | 'national';

/** Record counts per scale (national = 34 provinces' worth, on PostgreSQL). */
export const SCALES: Record<Scale, Record<string, number>> = {
  smoke: {
    agencies: 10,
    tasks: 200,
    reports: 1_000,
    indicators: 10,
    years: 3,
    projects: 50,
    comments: 200,
    sections: 20,
  },
  province: {
    agencies: 60,
    tasks: 6_000,
    reports: 60_000,
    indicators: 300,
    years: 10,
    projects: 2_000,
    comments: 20_000,
    sections: 500,
  },
  national: {
    agencies: 60 * 34,
    tasks: 6_000 * 34,
    reports: 60_000 * 34,
    indicators: 300 * 34,
    years: 10,
    projects: 2_000 * 34,
    comments: 20_000 * 34,
    sections: 500 * 34,
  },
};

const MARK = '[tổng hợp]';
/** Communes of the seeded province since 01/07/2025: the observations' step writes one row for each. */
const COMMUNES = 92;
const arr = (values: readonly string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]`;

/** `rows` values of g, each writing `perG` rows (default 1); `chunk` writes those from `from` to `to`. */
type Step = { name: string; rows: number; perG?: number; chunk: (from: number, to: number) => string };

function steps(n: Record<string, number>): Step[] {
  const agencies = n.agencies!;
  const tasks = n.tasks!;
  return [
    {
      name: 'agencies',
      rows: agencies,
      chunk: (a, b) => `insert into agencies (code, name_vi, kind, is_sample)
        select 'SYN-' || g, 'Cơ quan ' || g || ' ${MARK}', 'department', true from generate_series(${a}, ${b}) g`,
    },
    {
      name: 'programmes',
      rows: Math.max(1, Math.round(tasks / 100)),
      chunk: (
        a,
        b,
      ) => `insert into programmes (code, title, lead_agency_id, is_public, is_sample, start_date, due_date)
        select 'SYN-CT-' || g, 'Chương trình ' || g || ' ${MARK}',
          (select id from agencies where code = 'SYN-' || (1 + g % ${agencies})), true, true, date '2021-01-01', date '2030-12-31'
        from generate_series(${a}, ${b}) g`,
    },
    {
      name: 'tasks',
      rows: tasks,
      chunk: (
        a,
        b,
      ) => `insert into tasks (programme_id, code, title, description, lead_agency_id, start_date, due_date,
          product, budget_local, weight, status, progress, is_public, is_sample)
        select p.id, 'SYN-NV-' || g, 'Nhiệm vụ ' || g || ' ${MARK}', 'Mô tả nhiệm vụ tổng hợp số ' || g,
          ag.id, date '2021-01-01' + (g % 1500), date '2024-01-01' + (g % 2500),
          'Sản phẩm ' || g, (g % 97) * 100000000::bigint, 1 + g % 3,
          (${arr(TASK_STATUSES)})[1 + g % ${TASK_STATUSES.length}],
          case when g % ${TASK_STATUSES.length} = 2 then 100 else (g * 37) % 100 end,
          g % 4 <> 0, true
        from generate_series(${a}, ${b}) g
        join programmes p on p.code = 'SYN-CT-' || (1 + g % ${Math.max(1, Math.round(tasks / 100))})
        join agencies ag on ag.code = 'SYN-' || (1 + g % ${agencies})`,
    },
    {
      name: 'progress_reports',
      rows: n.reports!,
      chunk: (
        a,
        b,
      ) => `insert into progress_reports (task_id, period, progress, narrative, state, submitted_at, is_sample)
        select t.id, (2021 + g % 5) || '-Q' || (1 + g % 4), (g * 13) % 101, 'Báo cáo tiến độ ' || g || ' ${MARK}',
          (array['submitted','approved','returned'])[1 + g % 3], now() - ((g % 1000) || ' days')::interval, true
        from generate_series(${a}, ${b}) g
        join tasks t on t.code = 'SYN-NV-' || (1 + g % ${tasks})`,
    },
    {
      name: 'indicators',
      rows: n.indicators!,
      chunk: (
        a,
        b,
      ) => `insert into indicators (code, name_vi, unit, category, direction, kind, baseline_year, baseline_value,
          plan_id, admin_unit_id, sort_order, is_sample)
        select 'syn_' || lpad(g::text, 5, '0'), 'Chỉ tiêu ' || g || ' ${MARK}', '%',
          (${arr(INDICATOR_CATEGORIES)})[1 + g % ${INDICATOR_CATEGORIES.length}], 'higher', 'level', 2020, 10 + g % 50,
          (select min(id) from plans), (select id from admin_units where level = 'province' order by id limit 1), 1000 + g, true
        from generate_series(${a}, ${b}) g`,
    },
    {
      name: 'indicator_targets',
      rows: n.indicators!,
      chunk: (a, b) => `insert into indicator_targets (indicator_id, year, value, comparator, is_sample)
        select i.id, 2030, 20 + g % 80, 'gte', true
        from generate_series(${a}, ${b}) g join indicators i on i.code = 'syn_' || lpad(g::text, 5, '0')`,
    },
    {
      name: 'indicator_observations',
      rows: n.indicators! * n.years!,
      // one indicator-year per g, for every commune of 2025
      perG: COMMUNES,
      chunk: (
        a,
        b,
      ) => `insert into indicator_observations (indicator_id, year, admin_unit_id, value, status, is_sample)
        select i.id, 2025 - (g % ${n.years}), c.id, 10 + ((g * 7 + c.rn * 3) % 90), 'approved', true
        from generate_series(${a}, ${b}) g
        join indicators i on i.code = 'syn_' || lpad((1 + (g - 1) / ${n.years})::text, 5, '0')
        cross join (select id, row_number() over (order by id) as rn from admin_units
                    where level = 'commune' and valid_to is null) c`,
    },
    {
      name: 'projects',
      rows: n.projects!,
      chunk: (
        a,
        b,
      ) => `insert into projects (code, name_vi, sector, stage, total_investment_vnd, planned_progress,
          actual_progress, responsible_agency_id, is_public, open_for_investment, is_sample)
        select 'SYN-DA-' || g, 'Dự án ' || g || ' ${MARK}', 'Hạ tầng',
          (${arr(PROJECT_STAGES)})[1 + g % ${PROJECT_STAGES.length}], (g % 500 + 1) * 1000000000::bigint,
          (g * 11) % 100, (g * 7) % 100, ag.id, true, g % 5 = 0, true
        from generate_series(${a}, ${b}) g join agencies ag on ag.code = 'SYN-' || (1 + g % ${agencies})`,
    },
    {
      name: 'comments',
      rows: n.comments!,
      chunk: (a, b) => `insert into comments (target_type, target_id, body, pseudonym, state, is_sample)
        select 'item', (select min(id) from plan_items) + g % 20, 'Ý kiến ' || g || ' ${MARK}', 'Bạn đọc #' || g,
          (array['pending','approved','rejected'])[1 + g % 3], true
        from generate_series(${a}, ${b}) g`,
    },
    {
      name: 'plan_sections',
      rows: n.sections!,
      chunk: (
        a,
        b,
      ) => `insert into plan_sections (plan_id, kind, slug, position, title_vi, body_vi, status, published_at, is_sample)
        select (select min(id) from plans), 'article', 'syn-muc-' || g, 1000 + g, 'Mục ' || g || ' ${MARK}',
          repeat('Nội dung quy hoạch tổng hợp của mục ' || g || '. ', 40), 'published', now(), true
        from generate_series(${a}, ${b}) g`,
    },
  ];
}

const CHUNK = 50_000;

/** Generates `scale` unless it is already there; prints a progress line per chunk. */
export async function generate(
  database: Database,
  scale: Scale,
  progress: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<{ rows: number; ms: number }> {
  const n = SCALES[scale];
  const [existing] = await queryRows<{ n: string }>(
    database.db,
    sql`select count(*)::text as n from tasks where code like 'SYN-NV-%'`,
  );
  if (Number(existing?.n ?? 0) >= n.tasks!) return { rows: 0, ms: 0 };
  const started = Date.now();
  const all = steps(n);
  const total = all.reduce((s, st) => s + st.rows * (st.perG ?? 1), 0);
  let done = 0;
  for (const step of all) {
    const perG = step.perG ?? 1;
    const chunk = Math.max(1, Math.floor(CHUNK / perG));
    for (let from = 1; from <= step.rows; from += chunk) {
      const to = Math.min(step.rows, from + chunk - 1);
      await database.db.execute(sql.raw(step.chunk(from, to)));
      done += (to - from + 1) * perG;
      const pct = Math.round((done / total) * 100);
      const bar = '█'.repeat(Math.round(pct / 4)).padEnd(25, '░');
      progress(
        `${bar} ${String(pct).padStart(3)} %  ${step.name} ${(to * perG).toLocaleString('en')}/${(step.rows * perG).toLocaleString('en')}`,
      );
    }
  }
  // As autovacuum leaves a database that has been running a while: statistics, and a visibility
  // map (index-only scans, such as the counts by status, need it; on a freshly loaded table they
  // fetch every row from the table).
  await database.db.execute(sql.raw('vacuum analyze'));
  return { rows: total, ms: Date.now() - started };
}
