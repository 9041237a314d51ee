// Journey: a planner draws a site on the map by clicking its corners, gets the
// conformity report and downloads it as a PDF.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemActor } from '../../src/kernel/http/context.ts';
import { createUser } from '../../src/modules/accounts/users.ts';
import { type BrowserEnv, skipReason, startBrowserEnv } from './browser.ts';

let env: BrowserEnv;
const PLANNER = { email: 'quyhoach@thainguyen.test', password: 'mat-khau-quy-hoach-2026' };

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
  await createUser(env.database.db, systemActor('test'), {
    email: PLANNER.email,
    displayName: 'Chuyên viên Quy hoạch',
    role: 'planner',
    password: PLANNER.password,
  });
});
after(async () => {
  await env?.close();
});

test('a planner draws a site on the map, gets the report and downloads its PDF', {
  skip: skipReason,
}, async () => {
  const page = await env.newPage();
  await page.goto('/login');
  await page.getByLabel('Địa chỉ email').fill(PLANNER.email);
  await page.getByLabel('Mật khẩu').fill(PLANNER.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/');

  await page.goto('/conformity');
  const map = page.locator('[data-conformity-map][data-ready="true"]');
  await map.waitFor();
  const canvas = page.locator('[data-map-canvas] canvas');
  const box = await canvas.boundingBox();
  assert.ok(box, 'the map is shown');
  const cx = box.width / 2;
  const cy = box.height / 2;
  for (const [dx, dy] of [
    [-40, -40],
    [40, -40],
    [40, 40],
    [-40, 40],
  ] as const) {
    await canvas.click({ position: { x: cx + dx, y: cy + dy } });
  }
  await page.getByRole('button', { name: 'Khép vùng' }).click();
  const drawn = JSON.parse(await page.getByLabel('Hoặc dán GeoJSON').inputValue()) as {
    type: string;
    coordinates: number[][][];
  };
  assert.equal(drawn.type, 'Polygon');
  assert.equal(drawn.coordinates[0]!.length, 5);

  await page.getByLabel('Tên khu đất hoặc hồ sơ').fill('Khu đất vẽ trên bản đồ');
  await page.getByRole('button', { name: 'Kiểm tra' }).click();
  await page.getByRole('heading', { name: 'Kết quả kiểm tra: Khu đất vẽ trên bản đồ' }).waitFor();
  assert.ok(await page.getByText('Kết luận chung').isVisible());
  assert.ok(await page.getByRole('table', { name: /Từng lớp/ }).isVisible());
  // The drawn square lies in the middle of the province: it is in at least one former district.
  const districts = page.locator('h3:has-text("Huyện, thành phố") + ul li');
  assert.ok((await districts.count()) >= 1);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải báo cáo PDF' }).click(),
  ]);
  const path = await download.path();
  const fs = await import('node:fs');
  const head = fs.readFileSync(path).subarray(0, 5).toString('latin1');
  assert.equal(head, '%PDF-');
  assert.match(download.suggestedFilename(), /\.pdf$/);
});
