// Plan versions in the browser: the list, a version and the comparison pass
// axe-core; a citizen compares 222/QĐ-TTg with the 2026 adjustment through the
// form (a plain GET form) and sees the changed growth target.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserEnv, skipReason, startBrowserEnv } from './browser.ts';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
let env: BrowserEnv;

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
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
