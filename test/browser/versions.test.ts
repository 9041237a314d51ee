// Plan versions in the browser: the list, a version and the comparison pass
// axe-core; a citizen compares 222/QĐ-TTg with the 2026 adjustment through the
// form (a plain GET form) and sees the changed growth target.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/kernel/http/context.ts';
import { createUser } from '../../src/modules/accounts/users.ts';
import { type BrowserEnv, skipReason, startBrowserEnv } from './browser.ts';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
let env: BrowserEnv;
const PLANNER = { email: 'quyhoach@thainguyen.test', password: 'mat-khau-quy-hoach-2026' };

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
  await createUser(env.database.db, systemActor('test'), {
    ...PLANNER,
    displayName: 'Chuyên viên quy hoạch',
    role: 'planner',
  });
});
after(async () => {
  await env?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run(),
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a citizen compares the approved plan with its 2026 adjustment; the pages pass axe-core', {
  skip: skipReason,
}, async () => {
  const context = await env.browser.newContext({
    baseURL: env.baseUrl,
    bypassCSP: true,
    javaScriptEnabled: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const res = await page.goto('/phien-ban-quy-hoach');
  assert.equal(res?.status(), 200);
  assert.deepEqual(await seriousViolations(page), [], '/phien-ban-quy-hoach');

  await page.getByLabel('Từ phiên bản').selectOption({ label: 'Quy hoạch được phê duyệt (222/QĐ-TTg)' });
  await page
    .getByLabel('Đến phiên bản')
    .selectOption({ label: 'Bản điều chỉnh năm 2026 (sau hợp nhất tỉnh)' });
  await page.getByRole('button', { name: 'So sánh' }).click();
  await page.waitForURL(/\/phien-ban-quy-hoach\/so-sanh\?from=\d+&to=\d+/);
  const row = page.getByRole('row', { name: /Tốc độ tăng trưởng GRDP giai đoạn 2026-2030/ });
  assert.match((await row.textContent()) ?? '', /8–8,5 %\/năm \(2021–2030\).*≥ 10,5 %\/năm \(2026–2030\)/);
  assert.deepEqual(await seriousViolations(page), [], page.url());

  await page.getByRole('link', { name: 'Các phiên bản quy hoạch' }).first().click();
  await page.getByRole('link', { name: 'Bản điều chỉnh năm 2026 (sau hợp nhất tỉnh)' }).click();
  assert.equal(
    await page.getByRole('heading', { level: 1 }).textContent(),
    'Bản điều chỉnh năm 2026 (sau hợp nhất tỉnh)',
  );
  assert.deepEqual(await seriousViolations(page), [], page.url());
  await context.close();
});

test('a planner starts a draft version, edits its growth target before approval; the form passes axe-core', {
  skip: skipReason,
}, async () => {
  const context = await env.browser.newContext({
    baseURL: env.baseUrl,
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Địa chỉ email').fill(PLANNER.email);
  await page.getByLabel('Mật khẩu').fill(PLANNER.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/');

  await page.goto('/phien-ban-quy-hoach');
  const create = page.locator('details', { hasText: 'Bản điều chỉnh năm 2026' });
  await create.locator('summary').click();
  await create.getByLabel('Tên phiên bản').fill('Dự thảo điều chỉnh lần 2');
  await create.getByRole('button', { name: 'Tạo phiên bản' }).click();
  await page.waitForURL(/\/phien-ban-quy-hoach\/\d+\?created=1/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Dự thảo điều chỉnh lần 2');

  const row = page.getByRole('row', { name: /Tốc độ tăng trưởng GRDP giai đoạn 2026-2030/ });
  await row.getByRole('link', { name: /Sửa/ }).click();
  await page.waitForURL(/\/chi-tieu\//);
  assert.deepEqual(await seriousViolations(page), [], page.url());
  await page.getByLabel('Tối thiểu (%/năm)').fill('11');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.waitForURL(/\/phien-ban-quy-hoach\/\d+\?saved=1/);
  assert.match((await page.getByRole('status').first().textContent()) ?? '', /Đã lưu thay đổi/);
  const edited = page.getByRole('row', { name: /Tốc độ tăng trưởng GRDP giai đoạn 2026-2030/ });
  assert.match((await edited.textContent()) ?? '', /≥ 11 %\/năm \(2026–2030\)/);

  // The adopted 2026 adjustment stays read-only.
  await page.goto('/phien-ban-quy-hoach');
  await page.getByRole('link', { name: 'Bản điều chỉnh năm 2026 (sau hợp nhất tỉnh)' }).click();
  assert.equal(await page.getByRole('link', { name: /^Sửa/ }).count(), 0);
  await context.close();
});
