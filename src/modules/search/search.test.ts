import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { editDistance, foldVietnamese, highlightSnippet } from './normalize.ts';
import { search } from './queries.ts';
import { upsertSearchDocument } from './register.ts';

describe('folding and highlighting', () => {
  test('removes diacritics, đ → d, keeps the length', () => {
    const s = 'Khu công nghiệp Yên Bình, Đại Từ, ĐỒNG HỶ';
    assert.equal(foldVietnamese(s), 'khu cong nghiep yen binh, dai tu, dong hy');
    assert.equal(foldVietnamese(s).length, s.length);
  });
  test('edit distance', () => {
    assert.equal(editDistance('binh', 'binj', 1), 1);
    assert.equal(editDistance('nghiep', 'ngiep', 1), 1);
    assert.ok(editDistance('binh', 'song', 1) > 1);
  });
  test('snippets escape the text and mark the words', () => {
    const html = highlightSnippet('<script>alert(1)</script> Khu công nghiệp Yên Bình', ['yen', 'binh']);
    assert.equal(
      html,
      '&lt;script&gt;alert(1)&lt;/script&gt; Khu công nghiệp <mark>Yên</mark> <mark>Bình</mark>',
    );
  });
});

describe('search over the seeded plan', () => {
  let database: TestDatabase;
  before(async () => {
    database = await freshDatabase({ seeded: true });
  });
  after(async () => database.drop());

  test('"khu cong nghiep yen binh" finds "Khu công nghiệp Yên Bình" first among parks', async () => {
    const r = await search(database.db, 'khu cong nghiep yen binh');
    assert.ok(r.total > 0);
    const titles = r.hits.map((h) => h.title);
    assert.ok(titles.includes('Khu công nghiệp Yên Bình'), titles.join(' | '));
    assert.equal(r.hits[0]?.type, 'industrial_park');
    assert.match(r.hits[0]?.title ?? '', /Yên Bình/);
  });

  test('one wrong letter still finds it', async () => {
    for (const q of ['yen binj', 'Yên Bìnk', 'kcn yen bihn']) {
      const r = await search(database.db, q);
      assert.ok(
        r.hits.some((h) => h.title === 'Khu công nghiệp Yên Bình'),
        `${q}: ${r.hits.map((h) => h.title).join(' | ')}`,
      );
    }
  });

  test('filters by type and counts per type', async () => {
    const all = await search(database.db, 'Sông Công');
    assert.ok((all.countsByType.industrial_park ?? 0) >= 2);
    assert.ok((all.countsByType.urban_area ?? 0) >= 1);
    const parks = await search(database.db, 'Sông Công', { type: 'industrial_park' });
    assert.ok(parks.hits.length >= 2 && parks.hits.every((h) => h.type === 'industrial_park'));
  });

  test('a registered document from another module is found; nothing unrelated is', async () => {
    await upsertSearchDocument(database.db, {
      type: 'project',
      key: 'p1',
      title: 'Trạm bơm tiêu Đồng Quang (thử nghiệm)',
      body: 'Dự án mẫu',
      url: '/du-an/p1',
    });
    const r = await search(database.db, 'tram bom tieu dong quang');
    assert.equal(r.hits[0]?.key, 'p1');
    assert.equal((await search(database.db, 'xyzzyq')).total, 0);
    assert.equal((await search(database.db, '   ')).total, 0);
  });
});
