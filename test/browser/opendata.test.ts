// The open-data catalogue in a browser: no serious accessibility problem, and a
// click on a CSV link downloads a UTF-8 file with a byte-order mark.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { type BrowserEnv, seriousViolations, skipReason, startBrowserEnv } from './browser.ts';

let env: BrowserEnv;

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
});
after(async () => {
  await env?.close();
});

test('the data catalogue passes axe and its CSV link downloads Vietnamese text', {
  skip: skipReason,
}, async () => {
  const context = await env.browser.newContext({
    baseURL: env.baseUrl,
    bypassCSP: true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  for (const url of ['/du-lieu-mo', '/du-lieu-mo?lang=en']) {
    assert.equal((await page.goto(url))?.status(), 200, url);
    assert.deepEqual(await seriousViolations(page), [], url);
  }
  await context.close();
  // A plain context (no CSP bypass), as a reader's browser.
  const reader = await env.browser.newContext({ baseURL: env.baseUrl, acceptDownloads: true });
  const readerPage = await reader.newPage();
  await readerPage.goto('/du-lieu-mo');
  const [download] = await Promise.all([
    readerPage.waitForEvent('download'),
    readerPage.getByRole('link', { name: 'Tải Dự án ưu tiên đầu tư dạng CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'projects.csv');
  const bytes = fs.readFileSync((await download.path())!);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(bytes.toString('utf8'), /name_vi/);
  await reader.close();
});
