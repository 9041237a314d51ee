import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countRows, createTestUser, login, startTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { commentProblems, commentStatus } from './comments.ts';

test('rules: email needs consent, a filled honeypot is spam, an answer makes it answered', () => {
  assert.equal(commentProblems({ email: 'a@b.vn', consent: false }), 'consent');
  assert.equal(commentProblems({ email: 'a@b.vn', consent: true }), null);
  assert.equal(commentProblems({ consent: false }), null);
  assert.equal(commentProblems({ consent: false, website: 'http://spam' }), 'spam');
  assert.equal(commentStatus({ replyBody: null }), 'received');
  assert.equal(commentStatus({ replyBody: 'Trả lời' }), 'answered');
});

describe('news, documents and comments', () => {
  let t: TestApp;
  let parkId: number;
  const XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"\'&';
  before(async () => {
    t = await startTestApp({ seeded: true });
    const plans = (await t.app.inject('/api/v1/plans')).json() as { items: { id: number; code: string }[] };
    const planId = plans.items.find((p) => p.code === 'tn-2021-2030-qd222')!.id;
    const items = (await t.app.inject(`/api/v1/plans/${planId}/items?kind=industrial_park`)).json() as {
      items: { id: number; code: string }[];
    };
    parkId = items.items.find((i) => i.code === 'kcn_yen_binh')!.id;
  });
  after(async () => t.close());

  test('the document library holds the real decisions; the 2026 resolution has no invented number', async () => {
    const docs = (await t.app.inject('/api/v1/documents')).json() as {
      items: { code: string; number: string | null; sources: string[] }[];
    };
    const numbers = docs.items.map((d) => d.number);
    for (const n of ['222/QĐ-TTg', '1029/QĐ-TTg', '1288/QĐ-TTg', '872/QĐ-TTg'])
      assert.ok(numbers.includes(n), n);
    const adj = docs.items.find((d) => d.code === 'nq-hdnd-dieu-chinh-2026');
    assert.equal(adj?.number, null);
    assert.ok(adj && adj.sources.length > 0);
    const page = await t.app.inject('/van-ban');
    assert.match(page.body, /222\/QĐ-TTg/);
    assert.match(page.body, /Chưa có dữ liệu/);
  });

  test('news has newer/older navigation and an Atom feed', async () => {
    const news = (await t.app.inject('/api/v1/news')).json() as {
      items: { slug: string; titleVi: string }[];
    };
    assert.ok(news.items.length >= 5);
    const middle = news.items[2]!;
    const page = await t.app.inject(`/tin-tuc/${middle.slug}`);
    assert.match(page.body, new RegExp(`rel="next" href="/tin-tuc/${news.items[1]!.slug}"`));
    assert.match(page.body, new RegExp(`rel="prev" href="/tin-tuc/${news.items[3]!.slug}"`));
    const feed = await t.app.inject('/tin-tuc/feed.xml');
    assert.match(feed.headers['content-type'] as string, /atom/);
    assert.match(feed.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    assert.match(feed.body, /Hội nghị công bố Quy hoạch tỉnh/);
  });

  test('an email without consent is refused with a clear message and nothing is written', async () => {
    const before = await countRows(t.database, 'comments');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      payload: { targetType: 'item', targetId: parkId, body: 'Bao giờ khởi công?', email: 'dan@example.vn' },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /đánh dấu ô đồng ý xử lý dữ liệu cá nhân/);
    const spam = await t.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      payload: {
        targetType: 'item',
        targetId: parkId,
        body: 'Mua hàng giá rẻ',
        website: 'http://spam.example',
      },
    });
    assert.equal(spam.statusCode, 400);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      payload: { targetType: 'item', targetId: 999999, body: 'Góp ý' },
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(await countRows(t.database, 'comments'), before);
  });

  test('received → approved → answered; XSS shows as text; name and email never published', async () => {
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      payload: {
        targetType: 'item',
        targetId: parkId,
        body: XSS,
        name: 'Nguyễn Văn A',
        email: 'a@example.vn',
        consent: true,
      },
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const { id } = sent.json() as { id: number };
    let page = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh');
    assert.doesNotMatch(page.body, /__pwned/, 'not shown before moderation');

    const editor = await createTestUser(t.database, 'planner');
    const planner = await login(t.app, editor.email);
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/reply`,
      headers: planner.headers(),
      payload: { body: 'Sớm quá' },
    });
    assert.equal(early.statusCode, 409);
    const notMod = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/approve`,
      headers: planner.headers(),
    });
    assert.equal(notMod.statusCode, 403);

    const mod = await login(t.app, (await createTestUser(t.database, 'moderator')).email);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/approve`,
      headers: mod.headers(),
    });
    assert.equal(ok.statusCode, 200);
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/approve`,
      headers: mod.headers(),
    });
    assert.equal(twice.statusCode, 409);

    page = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh');
    assert.match(page.body, /&lt;script>window.__pwned=1&lt;\/script>&lt;img src=x onerror=/);
    assert.doesNotMatch(page.body, /<script>window|<img src=x/);
    assert.doesNotMatch(page.body, /Nguyễn Văn A|a@example\.vn/);
    assert.match(page.body, /1 ý kiến, 0 đã được trả lời/);

    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/reply`,
      headers: planner.headers(),
      payload: { body: 'Dự kiến khởi công trong năm 2026 <b>theo kế hoạch</b>.' },
    });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal((answer.json() as { status: string }).status, 'answered');
    page = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh');
    assert.match(page.body, /Trả lời của cơ quan có thẩm quyền/);
    assert.match(page.body, /&lt;b>theo kế hoạch&lt;\/b>/);
    assert.match(page.body, /1 ý kiến, 1 đã được trả lời/);

    const list = (await t.app.inject(`/api/v1/comments?targetType=item&targetId=${parkId}`)).json() as {
      items: Record<string, unknown>[];
    };
    assert.equal(list.items.length, 1);
    assert.ok(!JSON.stringify(list.items).includes('example.vn'));
  });

  test('rejecting needs a reason; an agency editor may not answer for another agency', async () => {
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      remoteAddress: '10.0.0.5',
      payload: { targetType: 'item', targetId: parkId, body: 'Nội dung không phù hợp' },
    });
    const { id } = sent.json() as { id: number };
    const mod = await login(t.app, (await createTestUser(t.database, 'moderator')).email);
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/reject`,
      headers: mod.headers(),
      payload: { reason: '' },
    });
    assert.equal(noReason.statusCode, 400);
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/reject`,
      headers: mod.headers(),
      payload: { reason: 'Quảng cáo' },
    });
    assert.equal(rejected.statusCode, 200);
    const agencies = (await t.app.inject('/api/v1/agencies')).json() as {
      items: { id: number; kind: string }[];
    };
    const dept = agencies.items.find((a) => a.kind === 'department')!;
    const editor = await login(
      t.app,
      (await createTestUser(t.database, 'agency_editor', { agencyId: dept.id })).email,
    );
    const sent2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      remoteAddress: '10.0.0.5',
      payload: { targetType: 'item', targetId: parkId, body: 'Câu hỏi thứ hai' },
    });
    const id2 = (sent2.json() as { id: number }).id;
    await t.app.inject({ method: 'POST', url: `/api/v1/comments/${id2}/approve`, headers: mod.headers() });
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id2}/reply`,
      headers: editor.headers(),
      payload: { body: 'Trả lời' },
    });
    assert.equal(refused.statusCode, 403);
  });

  test('comments are rate-limited per client address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        remoteAddress: '10.0.0.77',
        payload: { targetType: 'item', targetId: parkId, body: `Ý kiến số ${i}` },
      });
      codes.push(r.statusCode);
    }
    assert.deepEqual(codes, [201, 201, 201, 201, 201, 429, 429]);
  });

  test('the page form: email without consent shows the error next to the field, keeps the text', async () => {
    const get = await t.app.inject('/khu-cong-nghiep/kcn-yen-binh');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(get.body)?.[1] ?? '';
    const cookie = get.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await t.app.inject({
      method: 'POST',
      url: '/y-kien',
      remoteAddress: '10.0.0.8',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        targetType: 'item',
        targetId: String(parkId),
        back: '/khu-cong-nghiep/kcn-yen-binh',
        body: 'Ý kiến của tôi',
        email: 'x@example.vn',
      }).toString(),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /đánh dấu ô đồng ý/);
    assert.match(res.body, /Ý kiến của tôi/);
    const okRes = await t.app.inject({
      method: 'POST',
      url: '/y-kien',
      remoteAddress: '10.0.0.8',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        targetType: 'item',
        targetId: String(parkId),
        back: '//evil.example/x',
        body: 'Ý kiến hợp lệ',
      }).toString(),
    });
    assert.equal(okRes.statusCode, 303);
    assert.equal(okRes.headers.location, '/?gui=1#y-kien');
  });
});
