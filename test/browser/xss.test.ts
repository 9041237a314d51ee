// Script payloads in every text field that is shown back: agencies, users,
// programmes, tasks, reports, plan sections, comments and replies, indicator
// notes and sources, searches, the login form's `next`, unknown paths and the
// audit log that repeats them all. On every page that shows them, in Chromium:
// nothing runs, no element carries an injected handler, no javascript: link.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/kernel/http/context.ts';
import { createUser } from '../../src/modules/accounts/users.ts';
import { agencies } from '../../src/modules/agencies/schema.ts';
import { planItems, plans } from '../../src/modules/plan/schema.ts';
import { type BrowserEnv, skipReason, startBrowserEnv } from './browser.ts';

const PAYLOAD =
  `"'><img src=x onerror="window.__xss=1"><script>window.__xss=2</script>` +
  `<svg onload="window.__xss=3"></svg><a href="javascript:window.__xss=4">x</a>`;
const ADMIN = { email: 'xss-admin@example.test', password: 'mat-khau-xss-2026-a' };
const EDITOR = { email: 'xss-editor@example.test', password: 'mat-khau-xss-2026-b' };

let env: BrowserEnv;
const pages: string[] = [];

type Client = { cookie: string; csrf: string };
async function signIn(who: { email: string; password: string }): Promise<Client> {
  const res = await fetch(`${env.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function send(c: Client, method: string, url: string, body: unknown, type = 'application/json') {
  const res = await fetch(`${env.baseUrl}${url}`, {
    method,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type },
    body: type === 'application/json' ? JSON.stringify(body) : (body as string),
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as Record<string, unknown> & { id: number; rowVersion: number }) : null;
}

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
  const [agency] = await env.database.db
    .insert(agencies)
    .values({ code: 'XSS-A', nameVi: `Sở ${PAYLOAD}`, shortName: PAYLOAD, kind: 'department' })
    .returning();
  await createUser(env.database.db, systemActor('test'), { ...ADMIN, displayName: PAYLOAD, role: 'admin' });
  await createUser(env.database.db, systemActor('test'), {
    ...EDITOR,
    displayName: `Biên tập ${PAYLOAD}`,
    role: 'agency_editor',
    agencyId: agency!.id,
  });
  const admin = await signIn(ADMIN);
  const editor = await signIn(EDITOR);

  const programme = await send(admin, 'POST', '/api/v1/programmes', { code: 'XSS-CT', title: PAYLOAD });
  const task = await send(admin, 'POST', '/api/v1/tasks', {
    programmeId: programme!.id,
    title: `Nhiệm vụ ${PAYLOAD}`,
    description: PAYLOAD,
    product: PAYLOAD,
    leadAgencyId: agency!.id,
    isPublic: true,
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
  });
  const boundary = '----xss';
  const fields = { period: '2026-Q3', progress: '30', narrative: PAYLOAD, risks: PAYLOAD };
  const multipart = `${Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')}--${boundary}--\r\n`;
  await send(
    editor,
    'POST',
    `/api/v1/tasks/${task!.id}/reports`,
    multipart,
    `multipart/form-data; boundary=${boundary}`,
  );

  const [plan] = await env.database.db.select().from(plans).limit(1);
  const section = await send(admin, 'POST', `/api/v1/plans/${plan!.id}/sections`, {
    titleVi: `Mục ${PAYLOAD}`,
    slug: 'muc-thu-xss',
    kind: 'article',
    bodyVi: `Đoạn văn ${PAYLOAD}\n\n[bấm](javascript:window.__xss=5)\n\n<iframe src="javascript:window.__xss=6"></iframe>`,
  });
  await send(admin, 'POST', `/api/v1/sections/${section!.id}/publish`, {});
  pages.push('/quy-hoach/muc-thu-xss');

  const [item] = await env.database.db.select().from(planItems).limit(1);
  await env.database.db
    .update(planItems)
    .set({ responsibleAgencyId: agency!.id })
    .where(eq(planItems.id, item!.id));
  const comment = await fetch(`${env.baseUrl}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      targetType: 'item',
      targetId: item!.id,
      body: PAYLOAD,
      name: PAYLOAD.slice(0, 110),
    }),
  });
  assert.equal(comment.status, 201, await comment.clone().text());
  const commentId = ((await comment.json()) as { id: number }).id;
  await send(admin, 'POST', `/api/v1/comments/${commentId}/approve`, {});
  await send(admin, 'POST', `/api/v1/comments/${commentId}/reply`, { body: `Trả lời ${PAYLOAD}` });

  const indicator = (await (await fetch(`${env.baseUrl}/api/v1/indicators`)).json()) as {
    items?: { code: string }[];
  };
  const code = indicator.items?.[0]?.code ?? 'grdp_growth';
  await send(admin, 'POST', `/api/v1/indicators/${code}/observations`, {
    year: 2026,
    value: 1,
    note: PAYLOAD,
    sources: ['https://example.org/?q="><script>window.__xss=7</script>'],
  }).catch(() => null);

  pages.push(
    '/',
    '/ke-hoach-thuc-hien',
    `/workspace/tasks/${task!.id}`,
    `/workspace/programmes/${programme!.id}`,
    '/workspace/tasks',
    '/workspace/reports',
    '/admin/agencies',
    `/admin/agencies/${agency!.id}`,
    '/admin/users',
    '/admin/y-kien',
    '/admin/audit',
    `/indicators/${code}`,
    `/tim-kiem?q=${encodeURIComponent(PAYLOAD)}`,
    `/login?next=${encodeURIComponent(`javascript:window.__xss=8`)}`,
    `/khong-co/${encodeURIComponent(PAYLOAD)}`,
  );
  const itemPage = await fetch(`${env.baseUrl}/api/v1/plans/${plan!.id}/items`);
  const items = (await itemPage.json()) as
    | { items?: { id: number; url?: string }[] }
    | { id: number; url?: string }[];
  const list = Array.isArray(items) ? items : (items.items ?? []);
  const url = list.find((i) => i.id === item!.id)?.url;
  if (url) pages.push(url);
});
after(async () => {
  await env?.close();
});

async function injected(page: Page) {
  return page.evaluate(() => ({
    ran: (window as unknown as { __xss?: number }).__xss ?? null,
    handlers: [...document.querySelectorAll('*')]
      .flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
      )
      .slice(0, 5),
    jsLinks: [...document.querySelectorAll('a[href], iframe[src]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '')
      .filter((h) => /^\s*javascript:/i.test(h)),
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__xss')).length,
  }));
}

test('script payloads in every shown text field stay text on every page', { skip: skipReason }, async () => {
  const page = await env.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto('/login');
  await page.getByLabel('Địa chỉ email').fill(ADMIN.email);
  await page.getByLabel('Mật khẩu').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  const problems: string[] = [];
  let shownBack = 0;
  for (const path of pages) {
    await page.goto(path);
    const html = await page.content();
    if (html.includes('window.__xss')) shownBack++;
    const r = await injected(page);
    if (r.ran !== null || r.handlers.length || r.jsLinks.length || r.scripts)
      problems.push(`${path}: ${JSON.stringify(r)}`);
  }
  console.log(`# xss: ${pages.length} pages visited, payload shown back as text on ${shownBack}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(dialogs, []);
  assert.ok(shownBack >= 10, `the payload was shown back (as text) on ${shownBack} of ${pages.length} pages`);
});
