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
import { pdfText } from '../../../test/helpers/pdf.ts';

describe('the agency responsible for an item answers the comments on it', () => {
  let t: TestApp;
  let planner: Session;
  let parkId: number;
  let deptId: number;
  let otherDeptId: number;
  before(async () => {
    t = await startTestApp({ seeded: true });
    planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    const plans = (await t.app.inject('/api/v1/plans')).json() as { items: { id: number; code: string }[] };
    const planId = plans.items.find((p) => p.code === 'tn-2021-2030-qd222')!.id;
    const items = (await t.app.inject(`/api/v1/plans/${planId}/items?kind=industrial_park`)).json() as {
      items: { id: number; code: string }[];
    };
    parkId = items.items.find((i) => i.code === 'kcn_yen_binh')!.id;
    const agencies = (await t.app.inject('/api/v1/agencies')).json() as {
      items: { id: number; code: string }[];
    };
    deptId = agencies.items.find((a) => a.code === 'SCT-19')!.id;
    otherDeptId = agencies.items.find((a) => a.code === 'SXD-19')!.id;
  });
  after(async () => t.close());

  const form = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: planner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: planner.csrfToken, ...fields }).toString(),
    });

  test('a planner sets the responsible agency (audited); an unknown agency is refused with a message', async () => {
    const page = await t.app.inject({
      url: `/admin/plan/items/${parkId}`,
      headers: { cookie: planner.cookie },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<option value="\d+"[^>]*>[^<]*Sở Công Thương<\/option>/);
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(page.body)![1]!;
    const fields = {
      rowVersion,
      nameVi: 'KCN Yên Bình',
      nameEn: 'Yen Binh Industrial Park',
      summaryVi: '',
      summaryEn: '',
      sources: 'https://kinhtetieudung.vn/',
    };
    const audits = await countRows(t.database, 'audit_log');
    const bad = await form(`/admin/plan/items/${parkId}`, { ...fields, responsibleAgencyId: '999999' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Chọn một cơ quan đang hoạt động/);
    assert.equal(await countRows(t.database, 'audit_log'), audits);
    const ok = await form(`/admin/plan/items/${parkId}`, { ...fields, responsibleAgencyId: String(deptId) });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(await countRows(t.database, 'audit_log'), audits + 1);
    const item = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh');
    assert.match(item.body, /Cơ quan chịu trách nhiệm<\/dt><dd>Sở Công Thương/);
    const en = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh?lang=en');
    assert.match(en.body, /Responsible agency<\/dt><dd>Department of Industry and Trade/);
  });

  test('only that agency’s editors (and planners) give the official answer', async () => {
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      remoteAddress: '10.0.1.1',
      payload: { targetType: 'item', targetId: parkId, body: 'Khi nào khởi công?' },
    });
    const { id } = sent.json() as { id: number };
    const mod = await login(t.app, (await createTestUser(t.database, 'moderator')).email);
    await t.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/approve`, headers: mod.headers() });
    const other = await login(
      t.app,
      (await createTestUser(t.database, 'agency_editor', { agencyId: otherDeptId })).email,
    );
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/reply`,
      headers: other.headers(),
      payload: { body: 'Không phải việc của Sở Xây dựng' },
    });
    assert.equal(refused.statusCode, 403);
    const own = await login(
      t.app,
      (await createTestUser(t.database, 'agency_editor', { agencyId: deptId })).email,
    );
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/reply`,
      headers: own.headers(),
      payload: { body: 'Dự kiến khởi công năm 2026.' },
    });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.deepEqual((answered.json() as { reply: { agencyId: number } }).reply.agencyId, deptId);
    const page = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh');
    assert.match(page.body, /Trả lời của cơ quan có thẩm quyền<\/strong>: Sở Công Thương/);
    assert.match(page.body, /Dự kiến khởi công năm 2026\./);
  });

  test('one item downloads as a PDF with its Vietnamese text; the page links to it', async (_tc) => {
    const page = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh');
    assert.match(page.body, /href="\/khu-cong-nghiep\/kcn-yen-binh\.pdf"/);
    const res = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh.pdf');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /application\/pdf/);
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(res.rawPayload);
    assert.match(text, /Khu công nghiệp Yên Bình/);
    assert.match(text, /Diện tích/);
    assert.match(text, /400 ha/);
    assert.equal((await t.app.inject('/khu-cong-nghiep/khong-co.pdf')).statusCode, 404);
  });

  test('English pages: terms translated, Vietnamese-only values marked lang="vi"', async () => {
    const en = (await t.app.inject('/khu-cong-nghiep/kcn-yen-binh?lang=en')).body;
    assert.match(en, /<h1>Yen Binh Industrial Park<\/h1>/);
    assert.match(en, /<dt>Type<\/dt><dd><span>Industrial park<\/span><\/dd>/);
    assert.match(en, /<dt>Group \/ current status<\/dt><dd><span>Established<\/span><\/dd>/);
    assert.match(en, /<dt>Location<\/dt><dd><span lang="vi">TP Phổ Yên<\/span><\/dd>/);
    const vi = (await t.app.inject('/khu-cong-nghiep/kcn-yen-binh')).body;
    assert.match(vi, /<dt>Nhóm \/ hiện trạng<\/dt><dd><span>Đã thành lập<\/span><\/dd>/);
    // Dataset codes are never shown raw: a Vietnamese label on the Vietnamese page.
    const zones = (await t.app.inject('/khu-chuc-nang/growth-pole-tp-thai-nguyen')).body;
    assert.match(zones, /Cực tăng trưởng/);
    assert.doesNotMatch(zones, />growth_pole</);
    const docs = (await t.app.inject('/van-ban?lang=en')).body;
    assert.match(docs, /<td>(<span>)?Decision(<\/span>)?<\/td>/);
    assert.match(docs, /Prime Minister/);
    assert.match(docs, /Approves the Thái Nguyên provincial master plan/);
    const projects = (await t.app.inject('/du-an?lang=en')).body;
    assert.match(projects, /<td>Transport<\/td>/);
    const search = (await t.app.inject('/tim-kiem?q=yen+binh&lang=en')).body;
    assert.match(search, /<a href="\/khu-cong-nghiep\/kcn-yen-binh">Yen Binh Industrial Park<\/a>/);
  });
});
