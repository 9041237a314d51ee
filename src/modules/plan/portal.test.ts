import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countRows, createTestUser, login, startTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { pdfText } from '../../../test/helpers/pdf.ts';
import { publicationDelay } from './publication.ts';

test('publication later than 15 days after approval is flagged', () => {
  assert.deepEqual(publicationDelay('2023-03-14', '2023-04-15'), { days: 32, late: true });
  assert.deepEqual(publicationDelay('2023-03-14', '2023-03-29'), { days: 15, late: false });
  assert.equal(publicationDelay(null, '2023-03-29'), null);
});

describe('plan portal', () => {
  let t: TestApp;
  let planId: number;
  before(async () => {
    t = await startTestApp({ seeded: true });
    const plans = (await t.app.inject('/api/v1/plans')).json() as { items: { id: number; code: string }[] };
    planId = plans.items.find((p) => p.code === 'tn-2021-2030-qd222')!.id;
  });
  after(async () => t.close());

  test('GET /api/v1/plans/{id} gives the sections tree and the late publication', async () => {
    const res = await t.app.inject(`/api/v1/plans/${planId}`);
    assert.equal(res.statusCode, 200);
    const body = res.json() as {
      sections: { slug: string; children: { slug: string }[]; itemIds: number[] }[];
      publicationEvents: { late: boolean; daysAfterApproval: number }[];
    };
    const goals = body.sections.find((s) => s.slug === 'muc-tieu');
    assert.ok(goals);
    assert.deepEqual(
      goals.children.map((c) => c.slug),
      ['muc-tieu-den-2025', 'muc-tieu-den-2030', 'tam-nhin-den-2050'],
    );
    assert.equal(body.sections.find((s) => s.slug === 'cac-khau-dot-pha')?.itemIds.length, 6);
    assert.deepEqual(
      body.publicationEvents.map((e) => [e.daysAfterApproval, e.late]),
      [[32, true]],
    );
    assert.equal((await t.app.inject('/api/v1/plans/999999')).statusCode, 404);
    const openapi = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/plans',
      '/api/v1/plans/{id}',
      '/api/v1/search',
      '/api/v1/areas',
      '/api/v1/zones',
    ])
      assert.ok(openapi.paths[p], p);
  });

  test('the 6 breakthroughs are empty, labelled places; no content is invented', async () => {
    const res = await t.app.inject(`/api/v1/plans/${planId}/items?kind=breakthrough`);
    const items = (
      res.json() as {
        items: { nameVi: string; summaryVi: string | null; isPlaceholder: boolean; sources: string[] }[];
      }
    ).items;
    assert.equal(items.length, 6);
    assert.ok(
      items.every((i) => i.isPlaceholder && /chưa có dữ liệu/.test(i.nameVi) && i.summaryVi === null),
    );
    const page = await t.app.inject('/dot-pha/dot-pha-1');
    assert.match(page.body, /Mục này chưa có dữ liệu/);
  });

  test('the Yên Bình park page shows its planned area, source and a map link', async () => {
    const res = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Khu công nghiệp Yên Bình<\/h1>/);
    assert.match(res.body, /400 ha/);
    assert.match(res.body, /href="https:\/\/kinhtetieudung\.vn\//);
    assert.match(res.body, /Xem trên bản đồ/);
    assert.match(res.body, /<link rel="canonical" href="[^"]*\/khu-cong-nghiep\/kcn-yen-binh"/);
    const en = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh?lang=en');
    assert.match(en.body, /<h1>Yen Binh Industrial Park<\/h1>/);
    assert.equal((await t.app.inject('/khu-cong-nghiep/khong-co')).statusCode, 404);
  });

  test('list pages filter; every item with a point has one inside the province, none has a polygon', async () => {
    const list = await t.app.inject('/do-thi?class=II');
    assert.match(list.body, /Thành phố Sông Công/);
    assert.doesNotMatch(list.body, /Thị trấn Hóa Thượng/);
    const parks = await t.app.inject('/khu-cong-nghiep?q=song cong');
    assert.match(parks.body, /Sông Công II/);
    assert.doesNotMatch(parks.body, /Điềm Thụy/);
    const zones = (await t.app.inject('/api/v1/zones')).json() as {
      features: { geometry: { type: string; coordinates: number[] } }[];
    };
    assert.ok(zones.features.length >= 20);
    for (const f of zones.features) {
      assert.equal(f.geometry.type, 'Point');
      const [x, y] = f.geometry.coordinates as [number, number];
      assert.ok(x > 105 && x < 107 && y > 21 && y < 23.2);
    }
    const communes = (await t.app.inject('/api/v1/areas?level=commune&current=true')).json() as {
      features: unknown[];
    };
    assert.equal(communes.features.length, 92);
    assert.equal((await t.app.inject('/api/v1/areas?level=planet')).statusCode, 400);
  });

  test('contents page has a table of contents and a deep link per section; PDFs have Vietnamese text', async () => {
    const page = await t.app.inject('/quy-hoach');
    assert.match(page.body, /<nav class="toc"/);
    assert.match(page.body, /id="muc-tieu-den-2030"/);
    assert.match(page.body, /href="\/quy-hoach\/muc-tieu-den-2030"/);
    assert.match(page.body, /Công bố sau 32 ngày/);
    const section = await t.app.inject('/quy-hoach/muc-tieu-den-2030');
    assert.equal(section.statusCode, 200);
    assert.match(section.body, /Trung tâm chuyển đổi số/);
    const pdf = await t.app.inject('/quy-hoach/muc-tieu-den-2030.pdf');
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = pdfText(pdf.rawPayload);
    assert.match(text, /Mục tiêu đến năm 2030/);
    assert.match(text, /Trung tâm sản xuất điện, điện tử, cơ khí chế tạo trình độ cao/);
    const whole = pdfText((await t.app.inject('/quy-hoach.pdf')).rawPayload);
    assert.match(whole, /Khu công nghiệp Yên Bình — 400 ha/);
    assert.match(whole, /Đột phá 1 — chưa có dữ liệu/);
  });

  test('sitemap lists sections and items', async () => {
    const res = await t.app.inject('/sitemap.xml');
    assert.match(res.headers['content-type'] as string, /xml/);
    assert.match(res.body, /<loc>[^<]*\/quy-hoach\/tam-nhin-den-2050<\/loc>/);
    assert.match(res.body, /<loc>[^<]*\/khu-cong-nghiep\/kcn-yen-binh<\/loc>/);
  });

  test('planners add, publish and unpublish a section; each step is audited; Markdown cannot run script', async () => {
    const anon = await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/sections`, payload: {} });
    assert.equal(anon.statusCode, 401);
    const editor = await createTestUser(t.database, 'moderator');
    const es = await login(t.app, editor.email);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/sections`,
      headers: es.headers(),
      payload: { titleVi: 'x', slug: 'x', kind: 'article' },
    });
    assert.equal(refused.statusCode, 403);

    const planner = await createTestUser(t.database, 'planner');
    const s = await login(t.app, planner.email);
    const auditBefore = await countRows(t.database, 'audit_log');
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/sections`,
      headers: s.headers(),
      payload: {
        titleVi: 'Giải pháp về vốn đầu tư',
        slug: 'giai-phap-von',
        kind: 'article',
        bodyVi:
          'Huy động **vốn** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>',
        sources: ['https://example.gov.vn/a'],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const section = created.json() as { id: number; rowVersion: number };
    assert.equal((await t.app.inject('/quy-hoach/giai-phap-von')).statusCode, 404, 'a draft is not public');
    const dup = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/sections`,
      headers: s.headers(),
      payload: { titleVi: 'Trùng', slug: 'giai-phap-von', kind: 'article' },
    });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /Đường dẫn này đã được dùng/);

    const pub = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sections/${section.id}/publish`,
      headers: s.headers(),
    });
    assert.equal(pub.statusCode, 200);
    const page = await t.app.inject('/quy-hoach/giai-phap-von');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Huy động <strong>vốn<\/strong> &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page.body, /<script>alert|href="javascript:|<img src=x/);
    const found = (await t.app.inject('/api/v1/search?q=giai phap von dau tu')).json() as {
      hits: { url: string }[];
    };
    assert.equal(found.hits[0]?.url, '/quy-hoach#giai-phap-von');

    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/sections/${section.id}`,
      headers: s.headers(),
      payload: { titleVi: 'Sửa', slug: 'giai-phap-von', kind: 'article', rowVersion: 1 },
    });
    assert.equal(stale.statusCode, 409);

    const unpub = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sections/${section.id}/unpublish`,
      headers: s.headers(),
    });
    assert.equal(unpub.statusCode, 200);
    assert.equal((await t.app.inject('/quy-hoach/giai-phap-von')).statusCode, 404);
    const gone = (await t.app.inject('/api/v1/search?q=giai phap von dau tu')).json() as {
      hits: { url: string }[];
    };
    assert.ok(!gone.hits.some((h) => h.url === '/quy-hoach#giai-phap-von'));
    assert.equal((await countRows(t.database, 'audit_log')) - auditBefore, 3);
  });

  test('search API and page: no diacritics, highlighted, filter by type', async () => {
    const res = await t.app.inject('/api/v1/search?q=khu%20cong%20nghiep%20yen%20binh&type=industrial_park');
    const body = res.json() as { hits: { title: string; url: string; titleHtml: string }[] };
    assert.equal(body.hits[0]?.title, 'Khu công nghiệp Yên Bình');
    assert.equal(body.hits[0]?.url, '/khu-cong-nghiep/kcn-yen-binh');
    assert.match(body.hits[0]?.titleHtml ?? '', /<mark>Yên<\/mark> <mark>Bình<\/mark>/);
    const page = await t.app.inject('/tim-kiem?q=khu+cong+nghiep+yen+binh');
    assert.match(page.body, /href="\/khu-cong-nghiep\/kcn-yen-binh"/);
    const xss = await t.app.inject('/tim-kiem?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.equal(xss.statusCode, 200);
    assert.doesNotMatch(xss.body, /<script>alert/);
  });
});
