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

describe('staff pages: news, documents and the plan’s publication events', () => {
  let t: TestApp;
  let s: Session;
  before(async () => {
    t = await startTestApp({ seeded: true });
    s = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  });
  after(async () => t.close());

  const post = (url: string, fields: Record<string, string>, session = s) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(),
    });
  const get = (url: string, session = s) => t.app.inject({ url, headers: { cookie: session.cookie } });

  test('only planners and administrators reach the staff pages', async () => {
    const anon = await t.app.inject('/admin/tin-tuc');
    assert.equal(anon.statusCode, 303);
    assert.match(anon.headers.location as string, /^\/login/);
    const agencies = (await t.app.inject('/api/v1/agencies')).json() as { items: { id: number }[] };
    const editor = await login(
      t.app,
      (await createTestUser(t.database, 'agency_editor', { agencyId: agencies.items[0]!.id })).email,
    );
    for (const url of ['/admin/tin-tuc', '/admin/van-ban', '/admin/plan/cong-bo'])
      assert.equal((await get(url, editor)).statusCode, 403, url);
    const refused = await post('/admin/tin-tuc', { slug: 'x', titleVi: 'x', bodyVi: 'x' }, editor);
    assert.equal(refused.statusCode, 403);
    assert.equal((await get('/admin/tin-tuc')).statusCode, 200);
  });

  test('a news post is a draft until published; unpublishing removes it from the site and the search', async () => {
    const fields = {
      slug: 'hoi-nghi-thu-nghiem',
      titleVi: 'Hội nghị thử nghiệm công bố quy hoạch',
      titleEn: 'Test conference on the plan',
      summaryVi: 'Tóm tắt',
      bodyVi: 'Nội dung tin thử nghiệm.',
      bodyEn: 'Text of the test post.',
      sources: 'https://example.gov.vn/tin',
    };
    const audits = await countRows(t.database, 'audit_log');
    const bad = await post('/admin/tin-tuc', { ...fields, slug: 'Hội nghị', sources: 'ftp://x' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Chỉ dùng chữ thường không dấu/);
    assert.match(bad.body, /Nguồn phải là địa chỉ http\(s\)/);
    assert.match(bad.body, /Hội nghị thử nghiệm công bố quy hoạch/, 'the typed text is kept');
    assert.equal(await countRows(t.database, 'audit_log'), audits);

    const created = await post('/admin/tin-tuc', fields);
    assert.equal(created.statusCode, 303, created.body);
    const id = /\/admin\/tin-tuc\/(\d+)/.exec(created.headers.location as string)![1]!;
    assert.equal((await t.app.inject('/tin-tuc/hoi-nghi-thu-nghiem')).statusCode, 404);
    const search = () => t.app.inject('/api/v1/search?q=hoi+nghi+thu+nghiem&type=news');
    assert.equal((await search()).json().total, 0);
    const dup = await post('/admin/tin-tuc', fields);
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /Đường dẫn này đã được dùng/);

    assert.equal((await post(`/admin/tin-tuc/${id}/publish`, {})).statusCode, 303);
    const page = await t.app.inject('/tin-tuc/hoi-nghi-thu-nghiem');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Hội nghị thử nghiệm công bố quy hoạch<\/h1>/);
    const en = await t.app.inject('/tin-tuc/hoi-nghi-thu-nghiem?lang=en');
    assert.match(en.body, /<h1>Test conference on the plan<\/h1>/);
    assert.match(en.body, /<p>Text of the test post.<\/p>/);
    assert.equal((await search()).json().hits[0]?.url, '/tin-tuc/hoi-nghi-thu-nghiem');
    assert.match((await t.app.inject('/tin-tuc/feed.xml')).body, /Hội nghị thử nghiệm công bố quy hoạch/);

    const form = await get(`/admin/tin-tuc/${id}`);
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(form.body)![1]!;
    const edited = await post(`/admin/tin-tuc/${id}`, { ...fields, rowVersion, titleVi: 'Hội nghị đã sửa' });
    assert.equal(edited.statusCode, 303);
    const stale = await post(`/admin/tin-tuc/${id}`, { ...fields, rowVersion, titleVi: 'Bản cũ' });
    assert.equal(stale.statusCode, 409);
    assert.match((await t.app.inject('/tin-tuc/hoi-nghi-thu-nghiem')).body, /Hội nghị đã sửa/);

    assert.equal((await post(`/admin/tin-tuc/${id}/unpublish`, {})).statusCode, 303);
    assert.equal((await t.app.inject('/tin-tuc/hoi-nghi-thu-nghiem')).statusCode, 404);
    assert.equal((await search()).json().total, 0);
    // create, publish, update, unpublish: four audited changes.
    assert.equal(await countRows(t.database, 'audit_log'), audits + 4);
  });

  test('the document library: a record is added with its English title, without an invented number', async () => {
    const fields = {
      code: 'qd-thu-nghiem',
      number: '',
      docType: 'Quyết định',
      titleVi: 'Quyết định thử nghiệm về công bố',
      titleEn: 'Test decision on publication',
      issuerVi: 'UBND tỉnh Thái Nguyên',
      issuerEn: "Thai Nguyen Provincial People's Committee",
      issuedOn: '2026-13-40',
      effectStatus: 'in_force',
      sources: 'https://example.gov.vn/qd',
    };
    const bad = await post('/admin/van-ban', { ...fields, docType: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Hãy nhập loại văn bản/);
    assert.match(bad.body, /Ngày không hợp lệ/);
    const ok = await post('/admin/van-ban', { ...fields, issuedOn: '2026-03-02' });
    assert.equal(ok.statusCode, 303, ok.body);
    const list = await t.app.inject('/van-ban');
    assert.match(list.body, /Quyết định thử nghiệm về công bố/);
    const en = await t.app.inject('/van-ban?lang=en');
    assert.match(en.body, /Test decision on publication/);
    assert.match(
      en.body,
      /Thai Nguyen Provincial People&#39;s Committee|Thai Nguyen Provincial People's Committee/,
    );
    const api = (await t.app.inject('/api/v1/documents')).json() as {
      items: { code: string; number: string | null }[];
    };
    assert.equal(api.items.find((d) => d.code === 'qd-thu-nghiem')?.number, null);
    const found = (await t.app.inject('/api/v1/search?q=quyet+dinh+thu+nghiem&type=document')).json();
    assert.equal(found.hits[0]?.url, '/van-ban#qd-thu-nghiem');
    const dup = await post('/admin/van-ban', { ...fields, issuedOn: '' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /Mã này đã được dùng/);
  });

  test('publication events: a date before approval is refused; a late one is flagged on the plan page', async () => {
    const bad = await post('/admin/plan/cong-bo', {
      approvalDate: '2023-03-14',
      publicationDate: '2023-03-01',
      channels: 'Cổng thông tin điện tử tỉnh',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Ngày công bố không thể trước ngày phê duyệt/);
    const none = await post('/admin/plan/cong-bo', { approvalDate: '', publicationDate: '' });
    assert.equal(none.statusCode, 400);
    const ok = await post('/admin/plan/cong-bo', {
      approvalDate: '2023-03-14',
      publicationDate: '2023-05-04',
      channels: 'Cổng thông tin điện tử tỉnh\nBáo Thái Nguyên',
      sources: 'https://example.gov.vn/cong-bo',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const page = await t.app.inject('/quy-hoach');
    assert.match(page.body, /Cổng thông tin điện tử tỉnh; Báo Thái Nguyên/);
    assert.match(page.body, /Công bố sau 51 ngày kể từ ngày phê duyệt \(quá thời hạn 15 ngày\)/);
    const admin = await get('/admin/plan/cong-bo');
    const id = [...admin.body.matchAll(/href="\/admin\/plan\/cong-bo\/(\d+)"/g)].map((m) => m[1]!).at(-1)!;
    const fixed = await post(`/admin/plan/cong-bo/${id}`, {
      approvalDate: '2023-03-14',
      publicationDate: '2023-03-20',
      channels: 'Cổng thông tin điện tử tỉnh',
    });
    assert.equal(fixed.statusCode, 303);
    assert.match(
      (await t.app.inject('/quy-hoach')).body,
      /Công bố sau 6 ngày kể từ ngày phê duyệt \(trong thời hạn 15 ngày\)/,
    );
  });
});
