// Journeys of the public portal: accessibility of every public page (axe-core),
// the map draws the province outline and the commune points, and the citizen
// journey on a phone: search without accents → park page → map.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemActor } from '../../src/kernel/http/context.ts';
import { createUser } from '../../src/modules/accounts/users.ts';
import { type BrowserEnv, seriousViolations, skipReason, startBrowserEnv } from './browser.ts';

let env: BrowserEnv;

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
  for (const [email, role] of [
    [MODERATOR, 'moderator'],
    [PLANNER, 'planner'],
  ] as const) {
    await createUser(env.database.db, systemActor('test'), {
      email,
      displayName: role,
      role,
      password: PASSWORD,
    });
  }
});
const MODERATOR = 'kiemduyet@thainguyen.test';
const PLANNER = 'quyhoach@thainguyen.test';
const PASSWORD = 'mat-khau-thu-nghiem-2026';

after(async () => {
  await env?.close();
});

const PUBLIC_PAGES = [
  '/',
  '/?lang=en',
  '/quy-hoach',
  '/quy-hoach/muc-tieu-den-2030',
  '/khu-cong-nghiep',
  '/khu-cong-nghiep/kcn-yen-binh',
  '/cum-cong-nghiep',
  '/do-thi?class=II',
  '/khu-chuc-nang',
  '/ha-tang',
  '/nganh',
  '/nganh/industry',
  '/dot-pha',
  '/dot-pha/dot-pha-1',
  '/tim-kiem?q=khu+cong+nghiep+yen+binh',
  '/ban-do',
  '/tin-tuc',
  '/van-ban',
  '/du-an',
  '/khu-cong-nghiep/kcn-yen-binh?lang=en',
  '/van-ban?lang=en',
  '/tim-kiem?q=yen+binh&lang=en',
];

test('every public page has no serious or critical axe violation, a unique title and a canonical link', {
  skip: skipReason,
}, async () => {
  // The pages forbid inline scripts (CSP); the test context bypasses it to inject axe.
  const context = await env.browser.newContext({
    baseURL: env.baseUrl,
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const titles = new Map<string, string>();
  for (const url of PUBLIC_PAGES) {
    const res = await page.goto(url);
    assert.equal(res?.status(), 200, url);
    assert.deepEqual(await seriousViolations(page), [], url);
    const title = await page.title();
    if (!url.includes('lang=en')) {
      assert.ok(!titles.has(title), `${url} has the same title as ${titles.get(title)}`);
      titles.set(title, url);
    }
    assert.equal(await page.locator('link[rel="canonical"]').count(), 1, url);
    assert.ok((await page.locator('meta[name="description"]').getAttribute('content'))?.length, url);
  }
});

test('the map draws the province outline and the 92 commune points from the app’s own data', {
  skip: skipReason,
}, async () => {
  const page = await env.newPage({ width: 1024, height: 800 });
  const remote: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(env.baseUrl)) remote.push(r.url());
  });
  await page.goto('/ban-do');
  const map = page.locator('#map[data-state="ready"]');
  await map.waitFor({ timeout: 60_000 });
  const province = Number(await map.getAttribute('data-rendered_province'));
  const communes = Number(await map.getAttribute('data-rendered_communes'));
  assert.ok(province >= 1, `province outline features drawn: ${province}`);
  assert.ok(communes >= 80, `commune points drawn: ${communes}`);
  assert.deepEqual(remote, []);
  // The URL keeps the view and the layers.
  assert.match(new URL(page.url()).hash, /^#map=[\d.]+\/[\d.]+\/[\d.]+&layers=province,communes/);
  // Without JavaScript there is the table alternative.
  assert.equal(await page.locator('details summary', { hasText: 'Xã, phường (2025) (92)' }).count(), 1);
});

test('the home page’s small map loads its bundle when seen and draws the province and the projects layer', {
  skip: skipReason,
}, async () => {
  const page = await env.newPage({ width: 1024, height: 800 });
  const requested: string[] = [];
  const failed: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('/');
  await page.locator('#home-map-h').scrollIntoViewIfNeeded();
  const map = page.locator('#home-map[data-state="ready"]');
  await map.waitFor({ timeout: 60_000 });
  assert.ok(Number(await map.getAttribute('data-rendered_province')) >= 1);
  assert.ok(requested.includes('/assets/client/map.js'));
  assert.ok(requested.includes('/assets/client/maplibre-gl.css'));
  assert.deepEqual(failed, []);
  // The full map has the projects layer; a project known by its commune is drawn there.
  await page.goto('/ban-do');
  const full = page.locator('#map[data-state="ready"]');
  await full.waitFor({ timeout: 60_000 });
  assert.ok(Number(await full.getAttribute('data-rendered_projects')) >= 1);
});

test('a citizen on a phone finds the Yên Bình park without accents, sees its planned area and source, opens it on the map', {
  skip: skipReason,
}, async () => {
  const page = await env.newPage({ width: 375, height: 800 });
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('khu cong nghiep yen binh');
  await page.getByRole('button', { name: 'Tìm kiếm' }).first().click();
  await page.waitForURL(/\/tim-kiem\?q=/);
  await page.getByRole('link', { name: 'Khu công nghiệp Yên Bình', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/khu-cong-nghiep/kcn-yen-binh');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Khu công nghiệp Yên Bình');
  assert.ok(await page.locator('dd', { hasText: '400 ha' }).isVisible());
  assert.ok((await page.locator('a[href^="https://kinhtetieudung.vn/"]').count()) >= 1);
  await page.getByRole('link', { name: 'Xem trên bản đồ' }).click();
  await page.waitForURL((u) => u.pathname === '/ban-do');
  await page.locator('#map[data-state="ready"]').waitFor({ timeout: 60_000 });
  const zoom = await page.evaluate(() =>
    (window as unknown as { qhMap: { getZoom(): number } }).qhMap.getZoom(),
  );
  assert.ok(zoom >= 10, `zoomed in on the park: ${zoom}`);
});
