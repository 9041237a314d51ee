// Journeys of the public implementation pages: every new public page passes axe
// (no serious or critical violation); a citizen follows a task with explicit
// consent; a planner imports a large file and sees its upload progress.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/kernel/http/context.ts';
import { createUser } from '../../src/modules/accounts/users.ts';
import { type BrowserEnv, skipReason, startBrowserEnv } from './browser.ts';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const PLANNER = 'nhap.tep@thainguyen.test';
const PASSWORD = 'mat-khau-thu-nghiem-2026';
let env: BrowserEnv;
let sampleTask = 0;
let agencyId = 0;
let programmeId = 0;

const one = async <T>(sql: string): Promise<T> =>
  ((await env.database.db.execute(sql)) as unknown as { rows: T[] }).rows[0]!;

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
  await createUser(env.database.db, systemActor('test'), {
    email: PLANNER,
    displayName: 'Cán bộ nhập tệp',
    role: 'planner',
    password: PASSWORD,
  });
  sampleTask = (await one<{ id: number }>('select id from tasks where is_sample order by id limit 1')).id;
  agencyId = (await one<{ id: number }>("select id from agencies where code = 'SXD-19'")).id;
  programmeId = (await one<{ id: number }>('select id from programmes order by id limit 1')).id;
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

test('the public views, the task page with its follow form and a project page pass axe', {
  skip: skipReason,
}, async () => {
  const context = await env.browser.newContext({ baseURL: env.baseUrl, bypassCSP: true });
  const page = await context.newPage();
  const pages = [
    '/ke-hoach-thuc-hien',
    '/ke-hoach-thuc-hien/co-quan',
    `/ke-hoach-thuc-hien/co-quan/${agencyId}`,
    '/ke-hoach-thuc-hien/xa',
    '/ke-hoach-thuc-hien/dot-pha',
    '/ke-hoach-thuc-hien/dot-pha/dot_pha_1',
    '/ke-hoach-thuc-hien/linh-vuc',
    '/ke-hoach-thuc-hien/linh-vuc/industry',
    `/ke-hoach-thuc-hien/nhiem-vu/${sampleTask}`,
    `/ke-hoach-thuc-hien/nhiem-vu/${sampleTask}?lang=en`,
    '/du-an/1',
  ];
  for (const url of pages) {
    const res = await page.goto(url);
    assert.equal(res?.status(), 200, url);
    assert.deepEqual(await seriousViolations(page), [], url);
  }
  await context.close();
});

test('a citizen follows a task: the consent must be ticked by hand', { skip: skipReason }, async () => {
  const page = await env.newPage({ width: 390, height: 844 });
  await page.goto(`/ke-hoach-thuc-hien/nhiem-vu/${sampleTask}`);
  await page.getByLabel('Thư điện tử', { exact: true }).fill('nguoi.dan@example.test');
  assert.equal(await page.getByLabel(/Tôi đồng ý/).isChecked(), false);
  await page.getByRole('button', { name: 'Theo dõi' }).click();
  await page.getByText('Cần đánh dấu đồng ý').first().waitFor();
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole('button', { name: 'Theo dõi' }).click();
  await page.getByText('Hãy mở thư xác nhận').waitFor();
  const row = await one<{ n: number }>(
    "select count(*)::int as n from follows where email = 'nguoi.dan@example.test'",
  );
  assert.equal(row.n, 1);
});

test('a large import file shows its upload progress, then the programme', { skip: skipReason }, async () => {
  const page = await env.newPage();
  await page.goto('/login');
  await page.getByLabel('Địa chỉ email').fill(PLANNER);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  // About 700 KB: above the size from which the progress bar is shown.
  const lines = ['title,lead_agency,due_date,product'];
  for (let i = 1; i <= 700; i += 1)
    lines.push(`Nhiệm vụ nhập số ${i},SXD-19,2027-06-30,${'Báo cáo '.repeat(110)}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-')), 'nhiem-vu.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  await page.goto(`/workspace/programmes/${programmeId}/import`);
  await page.getByLabel('Nhiệm vụ mới').check();
  await page.getByLabel('Tệp XLSX hoặc CSV (UTF-8)').setInputFiles(file);
  // Remember (across the navigation that follows) that the progress box was shown.
  await page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('.upload-progress')!;
    new MutationObserver(() => {
      if (!box.hidden) sessionStorage.setItem('progressShown', '1');
    }).observe(box, { attributes: true });
  });
  const upload = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/import'));
  await page.getByRole('button', { name: 'Nhập', exact: true }).click();
  assert.equal(
    (await upload).resourceType(),
    'xhr',
    'the upload went through the progress-reporting request',
  );
  await page.getByText('Đã nhập 700 dòng.').waitFor({ timeout: 120_000 });
  assert.equal(new URL(page.url()).pathname, `/workspace/programmes/${programmeId}`);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('progressShown')), '1');
});
