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

describe('planners edit the plan with preview and fill an empty breakthrough', () => {
  let t: TestApp;
  let s: Session;
  before(async () => {
    t = await startTestApp({ seeded: true });
    s = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  });
  after(async () => t.close());

  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: s.csrfToken, ...fields }).toString(),
    });

  test('preview renders the Markdown without saving; save makes a draft; publish shows it', async () => {
    const anon = await t.app.inject('/admin/plan');
    assert.equal(anon.statusCode, 303);
    assert.match(anon.headers.location as string, /^\/login/);
    const list = await t.app.inject({ url: '/admin/plan', headers: { cookie: s.cookie } });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Phần II. Mục tiêu phát triển/);
    const before = await countRows(t.database, 'plan_sections');
    const fields = {
      titleVi: 'Chương mới',
      slug: 'chuong-moi',
      kind: 'chapter',
      bodyVi: '**Đậm** <script>x</script>',
      sources: 'https://example.gov.vn/a',
    };
    const preview = await post('/admin/plan/sections', { ...fields, action: 'preview' });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<strong>Đậm<\/strong> &lt;script&gt;x&lt;\/script&gt;/);
    assert.equal(await countRows(t.database, 'plan_sections'), before);
    const bad = await post('/admin/plan/sections', { ...fields, slug: 'Chương Mới', action: 'save' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Đường dẫn chỉ gồm chữ thường/);
    const saved = await post('/admin/plan/sections', { ...fields, action: 'save' });
    assert.equal(saved.statusCode, 303);
    const id = /\/admin\/plan\/sections\/(\d+)/.exec(saved.headers.location as string)?.[1];
    assert.ok(id);
    assert.equal((await t.app.inject('/quy-hoach/chuong-moi')).statusCode, 404);
    assert.equal((await post(`/admin/plan/sections/${id}/publish`, {})).statusCode, 303);
    assert.equal((await t.app.inject('/quy-hoach/chuong-moi')).statusCode, 200);
  });

  test('a planner fills "Đột phá 1" once the official text is known; the public page shows it', async () => {
    const page = await t.app.inject('/dot-pha/dot-pha-1');
    const plans = (await t.app.inject('/api/v1/plans')).json() as { items: { id: number; code: string }[] };
    const planId = plans.items.find((p) => p.code === 'tn-2021-2030-qd222')!.id;
    const items = (await t.app.inject(`/api/v1/plans/${planId}/items?kind=breakthrough`)).json() as {
      items: { id: number; code: string }[];
    };
    const id = items.items.find((i) => i.code === 'dot_pha_1')!.id;
    assert.match(page.body, /chưa có dữ liệu/);
    const res = await post(`/admin/plan/items/${id}`, {
      rowVersion: '1',
      nameVi: 'Đột phá về hạ tầng (thử nghiệm)',
      summaryVi: 'Nội dung nhập bởi cán bộ quy hoạch',
      sources: 'https://example.gov.vn/qd-222',
    });
    assert.equal(res.statusCode, 303, res.body);
    const after = await t.app.inject('/dot-pha/dot-pha-1');
    assert.match(after.body, /Đột phá về hạ tầng \(thử nghiệm\)/);
    assert.doesNotMatch(after.body, /Mục này chưa có dữ liệu/);
    const stale = await post(`/admin/plan/items/${id}`, {
      rowVersion: '1',
      nameVi: 'x',
      summaryVi: '',
      sources: '',
    });
    assert.equal(stale.statusCode, 409);
  });
});
