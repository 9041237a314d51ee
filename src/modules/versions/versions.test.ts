import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { seedVersions } from './seed.ts';

type Summary = {
  id: number;
  versionNumber: number;
  previousVersionId: number | null;
  labelVi: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  status: string;
  counts: { targets: number; items: number; projects: number; sections: number };
};
type Value = {
  year: number;
  periodStart: number | null;
  value: number | null;
  min: number | null;
  max: number | null;
  comparator: string;
  unit: string;
  sources: string[];
};
type Comparison = {
  targets: { key: string; nameVi: string; change: string; from: Value | null; to: Value | null }[];
  items: unknown[];
  projects: unknown[];
  sections: { key: string; change: string; parts: { value: string; added?: boolean }[] }[];
  unchanged: { targets: number; items: number; projects: number; sections: number };
};

type IndicatorRecord = {
  code: string;
  plan_version: string;
  source: string;
  targets: { year: number; period?: string; value: number | { min?: number; max?: number } }[];
};
const indicatorsFile = JSON.parse(
  fs.readFileSync(
    new URL('../../../datasets/thai-nguyen-2021-2030/indicators.json', import.meta.url),
    'utf8',
  ),
) as IndicatorRecord[];
const recordOf = (code: string) => indicatorsFile.find((r) => r.code === code)!;

let t: TestApp;
let planner: Session;
let viewer: Session;
const planIds: Record<string, number> = {};

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  viewer = await login(t.app, (await createTestUser(t.database, 'leader')).email);
  const plans = (await t.app.inject('/api/v1/plans')).json() as { items: { id: number; code: string }[] };
  for (const p of plans.items) planIds[p.code] = p.id;
});
after(async () => {
  await t.close();
});

async function versionsOf(planId: number): Promise<Summary[]> {
  const res = await t.app.inject(`/api/v1/plans/${planId}/versions`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: Summary[] }).items;
}

describe('plan versions', () => {
  test('the seed holds 222/QĐ-TTg and its 2026 adjustment as one plan’s versions, and 1288/QĐ-TTg', async () => {
    const tn = await versionsOf(planIds['tn-2021-2030-qd222']!);
    assert.deepEqual(
      tn.map((v) => [v.versionNumber, v.decisionNumber, v.decisionDate, v.status]),
      [
        [1, '222/QĐ-TTg', '2023-03-14', 'approved'],
        [2, null, '2026-02-04', 'adopted'],
      ],
    );
    assert.equal(tn[1]!.previousVersionId, tn[0]!.id);
    // Asked by the adjustment's own plan record, the same chain answers.
    assert.deepEqual(
      (await versionsOf(planIds['tn-2021-2030-dieu-chinh-2026']!)).map((v) => v.id),
      tn.map((v) => v.id),
    );
    const bk = await versionsOf(planIds['bk-2021-2030-qd1288']!);
    assert.deepEqual(
      bk.map((v) => v.decisionNumber),
      ['1288/QĐ-TTg'],
    );
    assert.ok(bk[0]!.counts.targets > 0, 'the Bắc Kạn targets of plan.json are in its version');
    assert.equal((await t.app.inject('/api/v1/plans/999999/versions')).statusCode, 404);
  });

  test('comparing 222/QĐ-TTg with the 2026 adjustment shows the changed GRDP growth target', async () => {
    const [v1, v2] = await versionsOf(planIds['tn-2021-2030-qd222']!);
    const res = await t.app.inject(`/api/v1/plan-versions/compare?from=${v1!.id}&to=${v2!.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json() as Comparison;

    const old = recordOf('grdp_growth');
    const adjusted = recordOf('grdp_growth_2026_2030');
    assert.equal(old.plan_version, 'QĐ 222/QĐ-TTg (2023)');
    assert.equal(adjusted.plan_version, 'dieu_chinh_2026');
    const oldBand = old.targets[0]!.value as { min: number; max: number };
    const newBand = adjusted.targets[0]!.value as { min: number };

    const growth = c.targets.find((x) => x.key.startsWith('grdp_growth_2026_2030'));
    assert.ok(growth, 'the growth target is in the comparison');
    assert.equal(growth.change, 'changed');
    assert.deepEqual(
      [growth.from!.min, growth.from!.max, growth.from!.periodStart, growth.from!.year, growth.from!.unit],
      [oldBand.min, oldBand.max, 2021, 2030, '%/năm'],
    );
    assert.deepEqual(
      [growth.to!.min, growth.to!.max, growth.to!.comparator, growth.to!.periodStart, growth.to!.year],
      [newBand.min, null, 'gte', 2026, 2030],
    );
    assert.ok(growth.to!.sources.includes(adjusted.source));
    // The 2021–2030 target is revised, not listed a second time as removed.
    assert.equal(c.targets.filter((x) => x.change === 'removed').length, 0);

    // Every other adjusted target is new; the rest of 222 is carried over unchanged.
    const adjustedCodes = indicatorsFile
      .filter((r) => r.plan_version === 'dieu_chinh_2026')
      .map((r) => r.code);
    const added = c.targets.filter((x) => x.change === 'added').map((x) => x.key.split(':')[0]);
    assert.deepEqual(added.sort(), adjustedCodes.filter((code) => code !== 'grdp_growth_2026_2030').sort());
    const perCapita = c.targets.find((x) => x.key.startsWith('grdp_per_capita_vnd:'))!;
    assert.equal(perCapita.to!.value, recordOf('grdp_per_capita_vnd').targets[0]!.value);
    const oldWithTargets = indicatorsFile.filter(
      (r) => r.plan_version === 'QĐ 222/QĐ-TTg (2023)' && r.targets.length > 0,
    ).length;
    assert.equal(c.unchanged.targets, oldWithTargets - 1);
    // Zones and projects: the sources on the adjustment name none, so nothing is shown as changed.
    assert.deepEqual([c.items.length, c.projects.length], [0, 0]);
    assert.ok(c.unchanged.items > 0 && c.unchanged.projects > 0);
    // One section added: the adjusted goals, with their text.
    assert.deepEqual(
      c.sections.map((s) => [s.key, s.change]),
      [['muc-tieu-dieu-chinh-2026', 'added']],
    );
    assert.match(c.sections[0]!.parts[0]!.value, /Trung tâm công nghiệp hiện đại/);
  });

  test('the compare page works without JavaScript and shows both growth targets', async () => {
    const [v1, v2] = await versionsOf(planIds['tn-2021-2030-qd222']!);
    const index = await t.app.inject('/phien-ban-quy-hoach');
    assert.equal(index.statusCode, 200);
    assert.match(index.body, /<form method="get" action="\/phien-ban-quy-hoach\/so-sanh"/);
    const page = await t.app.inject(`/phien-ban-quy-hoach/so-sanh?from=${v1!.id}&to=${v2!.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tốc độ tăng trưởng GRDP giai đoạn 2026-2030/);
    assert.match(page.body, /8–8,5 %\/năm \(2021–2030\)/);
    assert.match(page.body, /≥ 10,5 %\/năm \(2026–2030\)/);
    assert.match(page.body, /<ins>/);
    const en = await t.app.inject(`/phien-ban-quy-hoach/so-sanh?from=${v1!.id}&to=${v2!.id}&lang=en`);
    assert.match(en.body, /GRDP growth 2026-2030/);
    assert.match(en.body, /≥ 10\.5 %\/năm \(2026–2030\)/);
    const version = await t.app.inject(`/phien-ban-quy-hoach/${v2!.id}`);
    assert.equal(version.statusCode, 200);
    assert.match(version.body, /Chép từ bản trước/);
    assert.match(version.body, /Điều nguồn chưa làm rõ/);
  });

  test('a comparison of a version with itself or with a missing one is refused with a message', async () => {
    const [v1] = await versionsOf(planIds['tn-2021-2030-qd222']!);
    const same = await t.app.inject(`/api/v1/plan-versions/compare?from=${v1!.id}&to=${v1!.id}`);
    assert.equal(same.statusCode, 400);
    assert.match(same.body, /hai phiên bản khác nhau/);
    const missing = await t.app.inject(`/api/v1/plan-versions/compare?from=${v1!.id}&to=999999`);
    assert.equal(missing.statusCode, 404);
    const page = await t.app.inject('/phien-ban-quy-hoach/so-sanh?from=abc&to=1');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Hãy chọn hai phiên bản/);
  });

  test('a planner starts a new version: a copy of the latest, audited; others may not', async () => {
    const planId = planIds['tn-2021-2030-qd222']!;
    const [, v2] = await versionsOf(planId);
    const body = {
      labelVi: 'Dự thảo điều chỉnh lần 2 (thử nghiệm)',
      legalGroundVi: 'Thử nghiệm',
      decisionDate: '2027-01-15',
    };
    const auditBefore = await countRows(t.database, 'audit_log');
    const versionsBefore = await countRows(t.database, 'plan_versions');

    const anon = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/versions`,
      payload: body,
    });
    assert.equal(anon.statusCode, 401);
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/versions`,
      headers: viewer.headers(),
      payload: body,
    });
    assert.equal(denied.statusCode, 403);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/versions`,
      headers: planner.headers(),
      payload: { labelVi: ' ', decisionDate: '15/01/2027' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Nhập tên phiên bản/);
    assert.equal(await countRows(t.database, 'plan_versions'), versionsBefore);
    assert.equal(await countRows(t.database, 'audit_log'), auditBefore);

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/versions`,
      headers: planner.headers(),
      payload: body,
    });
    assert.equal(res.statusCode, 201, res.body);
    const v3 = res.json() as Summary;
    assert.deepEqual(
      [v3.versionNumber, v3.previousVersionId, v3.status, v3.counts],
      [3, v2!.id, 'draft', v2!.counts],
    );
    const audit = (await t.database.db.execute(
      `select action, entity_id from audit_log where entity = 'plan_version' order by id desc limit 1`,
    )) as unknown as { rows: { action: string; entity_id: string }[] };
    assert.deepEqual(audit.rows[0], { action: 'plan_version.create', entity_id: String(v3.id) });

    // A copy: nothing differs from the version it was copied from.
    const c = (
      await t.app.inject(`/api/v1/plan-versions/compare?from=${v2!.id}&to=${v3.id}`)
    ).json() as Comparison;
    assert.deepEqual([c.targets, c.items, c.projects, c.sections], [[], [], [], []]);
    assert.equal(c.unchanged.targets, v2!.counts.targets);
  });

  test('the page form creates a version and shows the planner what is wrong', async () => {
    const planId = planIds['bk-2021-2030-qd1288']!;
    const form = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/phien-ban-quy-hoach/ke-hoach/${planId}`,
        headers: planner.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        payload: new URLSearchParams({ _csrf: planner.csrfToken, ...fields }).toString(),
      });
    const bad = await form({ labelVi: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Nhập tên phiên bản/);
    const ok = await form({ labelVi: 'Bản sao để thử' });
    assert.equal(ok.statusCode, 303);
    const page = await t.app.inject({ url: ok.headers.location as string, headers: planner.headers() });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Đã tạo phiên bản mới/);
    assert.equal((await versionsOf(planId)).length, 2);
  });

  test('a planner edits a draft version’s target and section (audited); adopted and approved versions are read-only', async () => {
    const planId = planIds['tn-2021-2030-qd222']!;
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/versions`,
      headers: planner.headers(),
      payload: { labelVi: 'Dự thảo để sửa (thử nghiệm)' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const draft = created.json() as Summary & { rowVersion: number };
    const full = (await t.app.inject(`/api/v1/plan-versions/${draft.id}`)).json() as {
      snapshot: { targets: { key: string }[]; sections: { key: string }[] };
    };
    const key = full.snapshot.targets.find((x) => x.key.startsWith('grdp_growth_2026_2030'))!.key;
    const section = full.snapshot.sections[0]!.key;
    const targetUrl = `/api/v1/plan-versions/${draft.id}/targets/${encodeURIComponent(key)}`;
    const change = {
      rowVersion: draft.rowVersion,
      min: 11,
      comparator: 'gte',
      note: 'Dự thảo: nâng mục tiêu',
    };

    const auditBefore = await countRows(t.database, 'audit_log');
    assert.equal((await t.app.inject({ method: 'PUT', url: targetUrl, payload: change })).statusCode, 401);
    const denied = await t.app.inject({
      method: 'PUT',
      url: targetUrl,
      headers: viewer.headers(),
      payload: change,
    });
    assert.equal(denied.statusCode, 403);
    const bad = await t.app.inject({
      method: 'PUT',
      url: targetUrl,
      headers: planner.headers(),
      payload: { ...change, comparator: 'between' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /tối thiểu và tối đa/);
    assert.equal(await countRows(t.database, 'audit_log'), auditBefore);

    const ok = await t.app.inject({
      method: 'PUT',
      url: targetUrl,
      headers: planner.headers(),
      payload: change,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((ok.json() as { rowVersion: number }).rowVersion, draft.rowVersion + 1);
    const stale = await t.app.inject({
      method: 'PUT',
      url: targetUrl,
      headers: planner.headers(),
      payload: change,
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /vừa được người khác sửa/);
    const audit = (await t.database.db.execute(
      `select action, entity_id, before, after from audit_log where entity = 'plan_version' order by id desc limit 1`,
    )) as unknown as {
      rows: {
        action: string;
        entity_id: string;
        before: { entry: { min: number } };
        after: { entry: { min: number; carried: boolean } };
      }[];
    };
    const row = audit.rows[0]!;
    assert.deepEqual(
      [row.action, row.entity_id, row.before.entry.min, row.after.entry.min, row.after.entry.carried],
      ['plan_version.target.update', String(draft.id), 10.5, 11, false],
    );

    // The comparison with the version it was copied from shows the edit.
    const [, v2] = await versionsOf(planId);
    const c = (
      await t.app.inject(`/api/v1/plan-versions/compare?from=${v2!.id}&to=${draft.id}`)
    ).json() as Comparison;
    assert.deepEqual(
      c.targets.map((x) => [x.key, x.change, x.from?.min, x.to?.min]),
      [[key, 'changed', 10.5, 11]],
    );

    // A section through the page form (works without JavaScript).
    const sectionPath = `/phien-ban-quy-hoach/${draft.id}/muc/${encodeURIComponent(section)}`;
    const form = await t.app.inject({ url: sectionPath, headers: planner.headers() });
    assert.equal(form.statusCode, 200);
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(form.body)![1]!;
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: sectionPath,
        headers: planner.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        payload: new URLSearchParams({ _csrf: planner.csrfToken, ...fields }).toString(),
      });
    const empty = await post({ rowVersion, titleVi: 'Mục tiêu', bodyVi: ' ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Nhập nội dung mục/);
    const saved = await post({ rowVersion, titleVi: 'Mục tiêu (dự thảo)', bodyVi: 'Nội dung dự thảo mới.' });
    assert.equal(saved.statusCode, 303, saved.body);
    const page = await t.app.inject({ url: saved.headers.location as string, headers: planner.headers() });
    assert.match(page.body, /Đã lưu thay đổi vào phiên bản dự thảo/);
    assert.match(page.body, /Nội dung dự thảo mới\./);
    assert.match(page.body, /href="\/phien-ban-quy-hoach\/\d+\/chi-tieu\//);

    // 222/QĐ-TTg is approved and the 2026 adjustment adopted: read-only, with a message that says so.
    const [v1] = await versionsOf(planId);
    for (const v of [v1!, v2!]) {
      const refused = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/plan-versions/${v.id}/targets/${encodeURIComponent(key)}`,
        headers: planner.headers(),
        payload: { ...change, rowVersion: 1 },
      });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.match(refused.body, /chỉ sửa được phiên bản dự thảo/);
    }
    const approvedPage = await t.app.inject({
      url: `/phien-ban-quy-hoach/${v1!.id}`,
      headers: planner.headers(),
    });
    assert.match(approvedPage.body, /chỉ để đọc/);
    assert.doesNotMatch(approvedPage.body, /\/chi-tieu\//);
    const approvedForm = await t.app.inject({
      url: `/phien-ban-quy-hoach/${v1!.id}/muc/${encodeURIComponent(section)}`,
      headers: planner.headers({ accept: 'text/html' }),
    });
    assert.equal(approvedForm.statusCode, 409);
  });

  test('a re-seed keeps the versions as recorded, even after the plan’s contents were edited', async () => {
    const planId = planIds['tn-2021-2030-qd222']!;
    const before = await versionsOf(planId);
    await t.database.db.execute(
      `insert into plan_sections (plan_id, kind, slug, title_vi, body_vi, status) values (${planId}, 'article', 'muc-moi-sau-phe-duyet', 'Mục mới', 'Nội dung mới', 'published')`,
    );
    const rows = await countRows(t.database, 'plan_versions');
    await seedVersions(t.database.db);
    assert.equal(await countRows(t.database, 'plan_versions'), rows);
    assert.deepEqual(
      (await versionsOf(planId)).map((v) => [v.id, v.counts]),
      before.map((v) => [v.id, v.counts]),
    );
  });

  test('the OpenAPI document lists the version endpoints', async () => {
    const openapi = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/plans/{id}/versions',
      '/api/v1/plan-versions/compare',
      '/api/v1/plan-versions/{id}',
      '/api/v1/plan-versions/{id}/targets/{key}',
      '/api/v1/plan-versions/{id}/sections/{key}',
    ])
      assert.ok(openapi.paths[p], p);
  });
});
