import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { queryRows } from '../../kernel/db/query.ts';
import type { Db } from '../../kernel/db/types.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { agencies } from '../agencies/schema.ts';
import { PROVINCIAL_COMMITTEE_CODE, seedAgencies } from '../agencies/seed.ts';
import { getAdminUnit } from '../geo/queries.ts';
import { seedGeo } from '../geo/seed.ts';
import { currentPlanForProvince, getPlanByCode, listPlans } from './queries.ts';
import { planLinks } from './schema.ts';
import { PLAN_CODES, seedPlans } from './seed.ts';

type Snapshot = {
  counts: SeedCounts;
  agencies: number;
  samples: number;
  plans: number;
  links: number;
  versions: number;
};

// The order seedAll uses: agencies point at admin units, plans at nothing else.
async function seedInOrder(db: Db): Promise<SeedCounts> {
  return db.transaction(async (tx) => ({
    ...(await seedGeo(tx)),
    ...(await seedAgencies(tx)),
    ...(await seedPlans(tx)),
  }));
}

async function snapshot(db: Db, counts: SeedCounts): Promise<Snapshot> {
  const [row] = await queryRows<Omit<Snapshot, 'counts'>>(
    db,
    sql`select (select count(*)::int from agencies) as agencies,
               (select count(*)::int from agencies where is_sample) as samples,
               (select count(*)::int from plans) as plans,
               (select count(*)::int from plan_links) as links,
               (select coalesce(sum(row_version), 0)::int from plans) + (select coalesce(sum(row_version), 0)::int from agencies) as versions`,
  );
  assert.ok(row);
  return {
    counts,
    agencies: Number(row.agencies),
    samples: Number(row.samples),
    plans: Number(row.plans),
    links: Number(row.links),
    versions: Number(row.versions),
  };
}

describe('agencies and plan seeds', () => {
  let database: TestDatabase;
  const runs: Snapshot[] = [];

  before(async () => {
    database = await freshDatabase();
    for (let i = 0; i < 2; i++) runs.push(await snapshot(database.db, await seedInOrder(database.db)));
  });

  after(async () => {
    await database.drop();
  });

  test('seeding twice gives the same rows and does not bump row versions', () => {
    assert.deepEqual(runs[1], runs[0]);
    const first = runs[0];
    assert.ok(first);
    assert.equal(first.plans, 3);
    assert.equal(first.links, 1);
    assert.equal(first.agencies, 1 + 12 + 92);
    assert.equal(first.samples, 12);
    assert.equal(first.versions, 3 + 105);
    assert.equal(first.counts['plan.plans'], 3);
    assert.equal(first.counts['agencies.communes'], 92);
  });

  test('the 222 plan is the approved first version', async () => {
    const plan = await getPlanByCode(database.db, PLAN_CODES.thaiNguyen);
    assert.ok(plan);
    assert.equal(plan.decisionNumber, '222/QĐ-TTg');
    assert.equal(plan.decisionDate, '2023-03-14');
    assert.equal(plan.decisionIssuerVi, 'Thủ tướng Chính phủ');
    assert.equal(plan.decisionSigner, 'Trần Hồng Hà');
    assert.equal(plan.decisionSignerTitleVi, 'Phó Thủ tướng');
    assert.equal(plan.status, 'approved');
    assert.equal(plan.versionNumber, 1);
    assert.deepEqual([plan.periodStart, plan.periodEnd, plan.visionYear], [2021, 2030, 2050]);
    for (const key of [
      'goals',
      'scope_at_approval',
      'implementation_plan_decision',
      'planning_task_decision',
    ]) {
      const fact = plan.facts[key] as { sources?: unknown[] } | undefined;
      assert.ok((fact?.sources?.length ?? 0) > 0, `${key} keeps its sources`);
    }
    assert.equal((plan.facts.implementation_plan_decision as { number: string }).number, '1029/QĐ-TTg');
  });

  test('the Bắc Kạn plan keeps decision 1288 and its implementation plan 872', async () => {
    const plan = await getPlanByCode(database.db, PLAN_CODES.bacKan);
    assert.ok(plan);
    assert.equal(plan.provinceCode, '06');
    assert.equal(plan.decisionNumber, '1288/QĐ-TTg');
    assert.equal(plan.decisionDate, '2023-11-03');
    assert.equal(plan.decisionSignerTitleVi, null);
    assert.equal((plan.facts.implementation_plan as { number: string }).number, '872/QĐ-TTg');
    assert.equal((plan.facts.targets_2030 as unknown[]).length, 10);
  });

  test('the 2026 adjustment follows the 222 plan, with no invented decision number', async () => {
    const original = await getPlanByCode(database.db, PLAN_CODES.thaiNguyen);
    const adjustment = await getPlanByCode(database.db, PLAN_CODES.adjustment2026);
    assert.ok(original && adjustment);
    assert.equal(adjustment.previousVersionId, original.id);
    assert.equal(adjustment.decisionNumber, null);
    assert.equal(adjustment.decisionType, 'Nghị quyết');
    assert.equal(adjustment.decisionDate, '2026-02-04');
    assert.equal(adjustment.decisionIssuerVi, 'Hội đồng nhân dân tỉnh Thái Nguyên');
    assert.equal(adjustment.status, 'adopted');
    assert.equal(adjustment.versionNumber, 2);
    assert.match(adjustment.notes ?? '', /Chưa có dữ liệu/);

    const links = await database.db.select().from(planLinks).where(eq(planLinks.planId, adjustment.id));
    const bacKan = await getPlanByCode(database.db, PLAN_CODES.bacKan);
    assert.deepEqual(
      links.map((l) => [l.otherPlanId, l.kind]),
      [[bacKan?.id, 'incorporates']],
    );
  });

  test('the current plan of a province is its newest version', async () => {
    assert.equal((await currentPlanForProvince(database.db, '19'))?.code, PLAN_CODES.adjustment2026);
    assert.equal((await currentPlanForProvince(database.db, '06'))?.code, PLAN_CODES.bacKan);
    assert.equal(await currentPlanForProvince(database.db, '01'), null);
    assert.deepEqual(
      (await listPlans(database.db)).map((p) => p.code),
      [PLAN_CODES.adjustment2026, PLAN_CODES.bacKan, PLAN_CODES.thaiNguyen],
    );
  });

  test('every plan and every agency has a source URL', async () => {
    const [row] = await queryRows<{ bad: number }>(
      database.db,
      sql`select count(*)::int as bad from (select sources from plans union all select sources from agencies) s
          where jsonb_array_length(sources) = 0
             or exists (select 1 from jsonb_array_elements_text(sources) u where u !~ '^https?://')`,
    );
    assert.equal(Number(row?.bad), 0);
  });

  test('each 2025 commune has its People’s Committee under the provincial one', async () => {
    const [province] = await database.db
      .select()
      .from(agencies)
      .where(eq(agencies.code, PROVINCIAL_COMMITTEE_CODE));
    assert.equal(province?.nameVi, 'UBND tỉnh Thái Nguyên');
    assert.equal(province?.kind, 'provincial_body');

    const [anKhanh] = await database.db.select().from(agencies).where(eq(agencies.code, 'UBND-05809'));
    assert.equal(anKhanh?.nameVi, 'UBND xã An Khánh');
    assert.equal(anKhanh?.kind, 'commune');
    assert.equal(anKhanh?.parentId, province?.id);
    assert.equal(anKhanh?.adminUnitId, 'commune-05809-2025');
    assert.equal((await getAdminUnit(database.db, anKhanh?.adminUnitId ?? ''))?.validFrom, '2025-07-01');

    const [ward] = await database.db.select().from(agencies).where(eq(agencies.code, 'UBND-05467'));
    assert.equal(ward?.nameVi, 'UBND phường Gia Sàng');

    const departments = await database.db.select().from(agencies).where(eq(agencies.kind, 'department'));
    assert.equal(departments.length, 12);
    assert.ok(departments.every((d) => d.isSample && d.parentId === province?.id && d.nameEn));
  });
});
