import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { rollUpFromDb } from './rollup.ts';

const OLD_GIA_SANG = 'commune-05461-pre2025';
const PHAN_DINH_PHUNG = 'commune-05443-2025';
const NEW_GIA_SANG = 'commune-05467-2025';

let t: TestApp;
let admin: Session;
let planner: Session;

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
});
after(async () => {
  await t.close();
});

const rolled = async () =>
  (await rollUpFromDb(t.database.db, [{ unitId: OLD_GIA_SANG, value: 1000 }])).values.map((v) => [
    v.unitId,
    Math.round(v.value * 1000) / 1000,
  ]);

async function lastAudit() {
  const r = (await t.database.db.execute(
    'select action, entity_id, before, after from audit_log order by id desc limit 1',
  )) as unknown as { rows: { action: string; entity_id: string; before: unknown; after: unknown }[] };
  return r.rows[0];
}

describe('lineage settings (administrators)', () => {
  test('an administrator sets the default share rule; the roll-up follows it; audited', async () => {
    assert.deepEqual(await rolled(), [
      [PHAN_DINH_PHUNG, 500],
      [NEW_GIA_SANG, 500],
    ]);
    const put = (session: Session, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/lineage/settings',
        headers: session.headers(),
        payload,
      });

    const audits = await countRows(t.database, 'audit_log');
    assert.equal((await put(planner, { defaultShareRule: 'unassigned' })).statusCode, 403);
    const bad = await put(admin, { defaultShareRule: 'half' });
    assert.equal(bad.statusCode, 400);
    assert.equal(await countRows(t.database, 'audit_log'), audits);

    const res = await put(admin, { defaultShareRule: 'unassigned' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { defaultShareRule: 'unassigned' });
    const audit = await lastAudit();
    assert.deepEqual(
      [audit?.action, audit?.before, audit?.after],
      ['lineage.default_share_rule.set', { defaultShareRule: 'equal' }, { defaultShareRule: 'unassigned' }],
    );
    const r = await rollUpFromDb(t.database.db, [{ unitId: OLD_GIA_SANG, value: 1000 }]);
    assert.deepEqual(r.values, []);
    assert.deepEqual(r.unassigned, [{ fromId: OLD_GIA_SANG, value: 1000 }]);
    const got = await t.app.inject({ url: '/api/v1/admin/lineage/settings', headers: admin.headers() });
    assert.deepEqual(got.json(), { defaultShareRule: 'unassigned' });

    // Back through the page form.
    const form = await t.app.inject({
      method: 'POST',
      url: '/admin/lineage/default-share',
      headers: admin.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams({ _csrf: admin.csrfToken, defaultShareRule: 'equal' }).toString(),
    });
    assert.equal(form.statusCode, 303);
    assert.deepEqual(await rolled(), [
      [PHAN_DINH_PHUNG, 500],
      [NEW_GIA_SANG, 500],
    ]);
  });

  test('an administrator records the share of one link: 0,8 to Phan Đình Phùng gives 800 and 200', async () => {
    const url = `/api/v1/admin/lineage/predecessors/${OLD_GIA_SANG}/shares`;
    const put = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url, headers: admin.headers(), payload });
    const tooMuch = await put({
      shares: [
        { successorId: PHAN_DINH_PHUNG, shareRatio: 0.8 },
        { successorId: NEW_GIA_SANG, shareRatio: 0.3 },
      ],
    });
    assert.equal(tooMuch.statusCode, 400);
    assert.match(tooMuch.body, /không được quá 1/);
    const stranger = await put({ shares: [{ successorId: 'commune-05500-2025', shareRatio: 0.1 }] });
    assert.equal(stranger.statusCode, 400);
    assert.equal(
      (await put({ shares: [{ successorId: PHAN_DINH_PHUNG, shareRatio: 1.5 }] })).statusCode,
      400,
    );
    assert.deepEqual(await rolled(), [
      [PHAN_DINH_PHUNG, 500],
      [NEW_GIA_SANG, 500],
    ]);

    const ok = await put({ shares: [{ successorId: PHAN_DINH_PHUNG, shareRatio: 0.8 }] });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(await rolled(), [
      [PHAN_DINH_PHUNG, 800],
      [NEW_GIA_SANG, 200],
    ]);
    const audit = await lastAudit();
    assert.equal(audit?.action, 'lineage.share_ratios.set');
    assert.equal(audit?.entity_id, OLD_GIA_SANG);

    // The page shows the recorded ratio in Vietnamese notation, and the form refuses a bad one with a message.
    const page = await t.app.inject({
      url: `/admin/lineage?predecessor=${OLD_GIA_SANG}`,
      headers: admin.headers(),
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="0,8"/);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/admin/lineage/predecessors/${OLD_GIA_SANG}`,
      headers: admin.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams({
        _csrf: admin.csrfToken,
        [`ratio:${PHAN_DINH_PHUNG}`]: 'tám',
      }).toString(),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Tỷ lệ phải là số từ 0 đến 1/);
    // Blank = back to the default rule.
    const reset = await t.app.inject({
      method: 'POST',
      url: `/admin/lineage/predecessors/${OLD_GIA_SANG}`,
      headers: admin.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams({ _csrf: admin.csrfToken, [`ratio:${PHAN_DINH_PHUNG}`]: '' }).toString(),
    });
    assert.equal(reset.statusCode, 303);
    assert.deepEqual(await rolled(), [
      [PHAN_DINH_PHUNG, 500],
      [NEW_GIA_SANG, 500],
    ]);
    const forPlanner = await t.app.inject({ url: '/admin/lineage', headers: planner.headers() });
    assert.equal(forPlanner.statusCode, 403);
  });

  test('anyone reads a unit’s lineage and rolls figures up through the API', async () => {
    const res = await t.app.inject(`/api/v1/areas/${OLD_GIA_SANG}/lineage`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as {
      defaultShareRule: string;
      successors: { id: string; share: string; shareRatio: number | null; effectiveRatio: number }[];
    };
    assert.equal(body.defaultShareRule, 'equal');
    assert.deepEqual(
      body.successors.map((x) => [x.id, x.share, x.shareRatio, x.effectiveRatio]).sort(),
      [
        [PHAN_DINH_PHUNG, 'partial', null, 0.5],
        [NEW_GIA_SANG, 'partial', null, 0.5],
      ].sort(),
    );
    const back = (await t.app.inject(`/api/v1/areas/${NEW_GIA_SANG}/lineage`)).json() as {
      predecessors: { id: string }[];
    };
    assert.ok(back.predecessors.some((p) => p.id === OLD_GIA_SANG));
    assert.equal((await t.app.inject('/api/v1/areas/khong-co/lineage')).statusCode, 404);

    const rolled = await t.app.inject({
      method: 'POST',
      url: '/api/v1/areas/rollup',
      payload: { values: [{ unitId: OLD_GIA_SANG, value: 1000 }], rule: 'unassigned' },
    });
    assert.equal(rolled.statusCode, 200, rolled.body);
    assert.deepEqual(rolled.json(), { values: [], unassigned: [{ fromId: OLD_GIA_SANG, value: 1000 }] });
    const equal = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/areas/rollup',
        payload: { values: [{ unitId: OLD_GIA_SANG, value: 1000 }] },
      })
    ).json() as { values: { unitId: string; value: number }[] };
    assert.deepEqual(
      equal.values.map((v) => [v.unitId, v.value]),
      [
        [PHAN_DINH_PHUNG, 500],
        [NEW_GIA_SANG, 500],
      ],
    );
  });
});
