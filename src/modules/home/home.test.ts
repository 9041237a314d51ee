import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers/app.ts';

const CLIENT_BUILT = fs.existsSync(new URL('../../../dist/client/enhance.js', import.meta.url));

describe('home page', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ seeded: true });
  });
  after(async () => t.close());

  test('a small map of the province, its bundle loaded only by the map block, with a list alternative', async () => {
    const res = await t.app.inject('/');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    // The map bundle is not a script of the page: the block names it for enhance.js to load when seen.
    assert.doesNotMatch(html, /<script[^>]+src="\/assets\/client\/map\.js"/);
    assert.match(html, /data-module="lazy-script" data-src="\/assets\/client\/map\.js"/);
    assert.match(html, /<section id="home-map" class="map map--small" data-module="map" data-compact="true"/);
    const on = /data-on="([^"]*)"/.exec(html)?.[1]?.split(',');
    assert.deepEqual(on, ['province', 'industrial_park', 'industrial_cluster', 'urban_area', 'projects']);
    // Without JavaScript: links to the lists of the same features and to the full map with its tables.
    for (const href of ['/khu-cong-nghiep', '/cum-cong-nghiep', '/do-thi', '/du-an'])
      assert.match(html, new RegExp(`<a href="${href}">`), href);
    assert.match(html, /<a href="\/ban-do">Mở bản đồ đầy đủ/);
    const en = await t.app.inject('/?lang=en');
    assert.match(en.body, /<h2 id="home-map-h">Map of the province<\/h2>/);
    assert.match(en.body, /<a href="\/du-an">Priority projects<\/a>/);
  });

  test('the home page’s HTML + CSS + JS without the map bundle stays under 200 KB', {
    skip: CLIENT_BUILT ? false : 'dist/client is missing: run `npm run build:client` first',
  }, async () => {
    const page = await t.app.inject('/');
    const assets = [
      ...page.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g),
      ...page.body.matchAll(/<script[^>]+src="([^"]+)"/g),
    ].map((m) => m[1]!);
    assert.deepEqual(assets.sort(), ['/assets/app.css', '/assets/client/enhance.js']);
    let total = Buffer.byteLength(page.body);
    const sizes: Record<string, number> = { html: total };
    for (const url of assets) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      sizes[url] = res.rawPayload.length;
      total += res.rawPayload.length;
    }
    // Reported for the record (uncompressed bytes).
    console.log(`home page weight without the map bundle: ${JSON.stringify(sizes)}; total ${total} bytes`);
    assert.ok(total < 200 * 1024, `${total} bytes`);
  });
});
