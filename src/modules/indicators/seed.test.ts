import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { queryRows } from '../../kernel/db/query.ts';
import { loadIndicatorView } from './queries.ts';
import { seedSampleObservations } from './samples.ts';
import { seedIndicators } from './seed.ts';

let database: TestDatabase;
before(async () => {
  database = await freshDatabase({ seeded: true });
});
after(async () => {
  await database.drop();
});

test('the 30 real indicators are loaded with their targets, actuals and sources', async () => {
  const [counts] = await queryRows<{ i: number; t: number; o: number; nosrc: number }>(
    database.db,
    sql`select (select count(*)::int from indicators) as i,
               (select count(*)::int from indicator_targets) as t,
               (select count(*)::int from indicator_observations where not is_sample) as o,
               (select count(*)::int from indicator_observations
                where not is_sample and jsonb_array_length(sources) = 0) as nosrc`,
  );
  assert.deepEqual(counts, { i: 30, t: 27, o: 14, nosrc: 0 });
  const grdp = await queryRows<{ year: number; value: number; unit: string }>(
    database.db,
    sql`select o.year, o.value::float as value, o.admin_unit_id as unit from indicator_observations o
        join indicators i on i.id = o.indicator_id where i.code = 'grdp_growth' order by o.year`,
  );
  assert.deepEqual(grdp, [
    { year: 2022, value: 8.59, unit: 'province-19-pre2025' },
    { year: 2023, value: 5.56, unit: 'province-19-pre2025' },
    { year: 2024, value: 6.5, unit: 'province-19-pre2025' },
  ]);
  const [target] = await queryRows<Record<string, unknown>>(
    database.db,
    sql`select t.period_start, t.year, t.min_value::float as min, t.max_value::float as max, i.kind, p.code as plan
        from indicator_targets t join indicators i on i.id = t.indicator_id join plans p on p.id = i.plan_id
        where i.code = 'grdp_growth'`,
  );
  assert.deepEqual(target, {
    period_start: 2021,
    year: 2030,
    min: 8,
    max: 8.5,
    kind: 'average_growth',
    plan: 'tn-2021-2030-qd222',
  });
  // A baseline in another unit (VND for a USD indicator) is kept as a note, not as a number.
  const [inv] = await queryRows<{ baseline_value: number | null; baseline_note: string }>(
    database.db,
    sql`select baseline_value, baseline_note from indicators where code = 'total_social_investment'`,
  );
  assert.equal(inv?.baseline_value, null);
  assert.match(inv!.baseline_note, /238000 tỷ đồng/);
});

test('seeding twice changes nothing', async () => {
  const before = await queryRows<{ n: number }>(
    database.db,
    sql`select max(updated_at)::text as n from indicators`,
  );
  await seedIndicators(database.db);
  const after = await queryRows<{ n: number }>(
    database.db,
    sql`select max(updated_at)::text as n from indicators`,
  );
  assert.deepEqual(after, before);
  const [c] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from indicator_targets`,
  );
  assert.equal(c?.n, 27);
});

test('sample observations are by commune or by quarter, marked, and never in a status', async () => {
  const samples = await queryRows<{
    level: string;
    quarter: number;
    n: number;
    noted: number;
    sourced: number;
  }>(
    database.db,
    sql`select u.level, (o.quarter > 0)::int as quarter, count(*)::int as n,
               count(*) filter (where o.note like 'Dữ liệu mẫu%')::int as noted,
               count(*) filter (where jsonb_array_length(o.sources) > 0)::int as sourced
        from indicator_observations o join admin_units u on u.id = o.admin_unit_id
        where o.is_sample group by 1, 2 order by 1, 2`,
  );
  // 92 communes of the 2025 province × 2 measures; 3 quarters of the province.
  assert.deepEqual(samples, [
    { level: 'commune', quarter: 0, n: 184, noted: 184, sourced: 0 },
    { level: 'province', quarter: 1, n: 3, noted: 3, sourced: 0 },
  ]);
  const population = await loadIndicatorView(database.db, 'population');
  assert.ok(population.observations.some((o) => o.isSample));
  const real = population.observations.filter((o) => !o.isSample && o.quarter === 0);
  assert.deepEqual(
    population.series,
    real.map((o) => ({ year: o.year, value: o.value })),
  );
  await seedSampleObservations(database.db);
  const [again] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from indicator_observations where is_sample`,
  );
  assert.equal(again?.n, 187);
});
