// Journey: a leader opens the dashboard, drills into the economic category, opens GRDP
// growth and reads how its status was computed; a planner writes part of the 2025
// assessment report and downloads it as DOCX.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/kernel/http/context.ts';
import { createUser } from '../../src/modules/accounts/users.ts';
import { type BrowserEnv, seriousViolations, skipReason, startBrowserEnv } from './browser.ts';

let env: BrowserEnv;
const LEADER = { email: 'lanhdao@thainguyen.test', password: 'mat-khau-lanh-dao-2026' };
const PLANNER = { email: 'quyhoach@thainguyen.test', password: 'mat-khau-quy-hoach-2026' };

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
  await createUser(env.database.db, systemActor('test'), {
    ...LEADER,
    displayName: 'Lãnh đạo tỉnh',
    role: 'leader',
  });
  await createUser(env.database.db, systemActor('test'), {
    ...PLANNER,
    displayName: 'Chuyên viên quy hoạch',
    role: 'planner',
  });
});
after(async () => {
  await env?.close();
});

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Địa chỉ email').fill(who.email);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

test('a leader drills from the dashboard to GRDP growth and reads how its status was computed', {
  skip: skipReason,
}, async () => {
  const page = await env.newPage();
  await signIn(page, LEADER);
  await page.getByRole('link', { name: 'Bảng điều khiển' }).click();
  await page.getByRole('heading', { name: 'Bảng điều khiển lãnh đạo' }).waitFor();
  await page.getByRole('link', { name: 'Kinh tế', exact: true }).click();
  await page.getByText('Đang xem lĩnh vực: Kinh tế.').waitFor();
  await page.getByRole('link', { name: 'Tốc độ tăng trưởng GRDP bình quân', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Tốc độ tăng trưởng GRDP bình quân' }).waitFor();

  const panel = page.locator('details.how-computed').first();
  assert.equal(await panel.getByText('Tỷ số (đã đạt ÷ cần)').isVisible(), false);
  await panel.getByText('Cách tính').click();
  await panel.getByText('Tỷ số (đã đạt ÷ cần)').waitFor();
  const text = (await panel.textContent()) ?? '';
  assert.match(text, /6,88 %\/năm/);
  assert.match(text, /0,859/);
  assert.match(text, /8,57 %\/năm/);
  assert.match(text, /2021/); // the year without data, named
  // The chart script drew the ECharts version and hid the server's SVG.
  await page.locator('.indicator-chart__canvas svg').first().waitFor();
  assert.equal(await page.locator('svg.indicator-chart__svg').isVisible(), false);
});

test('a planner writes the 2025 assessment report and downloads the DOCX', { skip: skipReason }, async () => {
  const page = await env.newPage();
  await signIn(page, PLANNER);
  await page.getByRole('link', { name: 'Báo cáo đánh giá' }).click();
  await page.getByLabel('Kỳ báo cáo').fill('2025');
  await page.getByRole('button', { name: 'Chọn kỳ' }).click();
  await page.getByRole('heading', { name: 'Tải báo cáo kỳ 2025' }).waitFor();
  await page.getByLabel('V. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN').fill('Tăng trưởng năm 2023 chỉ đạt 5,56%.');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByText('Đã lưu bản nháp báo cáo.').waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải báo cáo (DOCX)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'bao-cao-danh-gia-2025.docx');
  const file = await download.path();
  const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(file)))['word/document.xml']!);
  const text = xml.replace(/<[^>]+>/g, '');
  assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(text, /Tăng trưởng năm 2023 chỉ đạt 5,56%\./);
  assert.match(text, /Tốc độ tăng trưởng GRDP bình quân/);
});

test('the public indicator pages have no serious or critical axe violation', {
  skip: skipReason,
}, async () => {
  const context = await env.browser.newContext({ baseURL: env.baseUrl, bypassCSP: true });
  const page = await context.newPage();
  for (const url of [
    '/indicators',
    '/indicators?lang=en',
    '/indicators/reporting-status',
    '/indicators/grdp_growth',
    '/indicators/population',
    '/indicators/method',
  ]) {
    const res = await page.goto(url);
    assert.equal(res?.status(), 200, url);
    assert.deepEqual(await seriousViolations(page), [], url);
  }
  await context.close();
});

test('a leader picks a commune on the dashboard map and sees its figures, marked as samples', {
  skip: skipReason,
}, async () => {
  const context = await env.browser.newContext({ baseURL: env.baseUrl, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, LEADER);
  await page.goto('/dashboard');
  await page.getByLabel('Chỉ số', { exact: true }).selectOption('schools_national_standard_rate');
  await page
    .locator('.dashboard-section', { has: page.getByLabel('Chỉ số', { exact: true }) })
    .getByRole('button')
    .click();
  // Circles are drawn largest first; the last one is on top of any neighbour.
  const circle = page.locator('.commune-map a').last();
  const label = (await circle.getAttribute('aria-label'))!;
  assert.match(label, /^(Xã|Phường) .+: \d+ %$/);
  assert.ok(await page.getByText('dữ liệu mẫu để minh họa', { exact: false }).isVisible());
  assert.deepEqual(await seriousViolations(page), []);
  await circle.locator('circle').click();
  const name = label.split(':')[0]!;
  await page.getByRole('heading', { name: `Số liệu của ${name}` }).waitFor();
  const detail = page.locator('.commune-detail');
  assert.equal(await detail.getByText('Dữ liệu mẫu').count(), 2);
  await context.close();
});

test('a planner approves a draft value and it then counts in the indicator', {
  skip: skipReason,
}, async () => {
  const page = await env.newPage();
  await signIn(page, PLANNER);
  await page.goto('/indicators/export_value_growth/observations/new');
  await page.getByLabel('Năm', { exact: true }).fill('2026');
  await page.getByLabel('Giá trị (%/năm)').fill('11,2');
  await page.getByLabel('Tình trạng số liệu').selectOption('draft');
  await page.getByRole('button', { name: 'Lưu số liệu' }).click();
  await page.getByText('Đã lưu số liệu.').waitFor();
  await page.getByRole('link', { name: 'Duyệt số liệu chỉ tiêu' }).first().click();
  await page.getByRole('heading', { name: 'Duyệt số liệu chỉ tiêu' }).waitFor();
  assert.ok(await page.getByRole('cell', { name: '11,2 %/năm' }).isVisible());
  await page.getByRole('button', { name: /^Duyệt/ }).click();
  await page.getByText('Đã duyệt số liệu').waitFor();
  await page.getByText('Không có số liệu nào chờ duyệt.').waitFor();
  const pub = await (await fetch(`${env.baseUrl}/api/v1/indicators/export_value_growth`)).json();
  assert.deepEqual((pub as { latest: unknown }).latest, { year: 2026, value: 11.2 });
});
