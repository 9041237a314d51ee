import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { queryRows } from '../../kernel/db/query.ts';
import { renderMarkdown } from './markdown.ts';
import { contentsPlan, flattenTree, type SectionNode, sectionSubtree, sectionTree } from './queries.ts';

/** A node and its descendants, comparable (the flattened tree adds a depth). */
function shape(n: SectionNode): unknown {
  const { children, ...rest } = n;
  const { depth: _depth, ...own } = rest as typeof rest & { depth?: number };
  return { ...own, children: children.map(shape) };
}

describe('one section without the whole tree', () => {
  let database: TestDatabase;
  let planId: number;
  before(async () => {
    database = await freshDatabase({ seeded: true });
    planId = (await contentsPlan(database.db))!.id;
  });
  after(async () => database.drop());

  async function assertSameAsTree(includeDrafts: boolean) {
    const db = database.db;
    const slugs = await queryRows<{ slug: string }>(
      db,
      sql`select slug from plan_sections where plan_id = ${planId}`,
    );
    assert.ok(slugs.length > 10);
    const flat = flattenTree(await sectionTree(db, planId, { includeDrafts }));
    for (const { slug } of [...slugs, { slug: 'no-such-section' }]) {
      const expected = flat.find((n) => n.slug === slug);
      const got = await sectionSubtree(db, planId, slug, { includeDrafts });
      assert.deepEqual(got ? shape(got) : null, expected ? shape(expected) : null, slug);
    }
  }

  test('every section, public and staff view, as the tree gives it', async () => {
    await assertSameAsTree(false);
    await assertSameAsTree(true);
  });

  test('a published section under a draft one is hidden from the public, shown to staff', async () => {
    const db = database.db;
    const [parent] = await queryRows<{ id: number; slug: string }>(
      db,
      sql`select p.id, p.slug from plan_sections p
          where p.plan_id = ${planId} and exists (select 1 from plan_sections c where c.parent_id = p.id)
          order by p.id limit 1`,
    );
    const [child] = await queryRows<{ slug: string }>(
      db,
      sql`select slug from plan_sections where parent_id = ${parent!.id} order by position, id limit 1`,
    );
    await db.execute(sql`update plan_sections set status = 'draft' where id = ${parent!.id}`);
    assert.equal(await sectionSubtree(db, planId, child!.slug), null);
    assert.equal(await sectionSubtree(db, planId, parent!.slug), null);
    assert.equal((await sectionSubtree(db, planId, child!.slug, { includeDrafts: true }))?.slug, child!.slug);
    await assertSameAsTree(false);
    await assertSameAsTree(true);
  });
});

test('Markdown is rendered the same from the memo', () => {
  const source = '# Tiêu đề\n\n- một\n- hai [liên kết](https://example.org) <script>x</script>';
  const first = renderMarkdown(source);
  assert.equal(renderMarkdown(source), first);
  assert.match(first, /<h1>Tiêu đề<\/h1>/);
  assert.match(first, /rel="noopener noreferrer external"/);
  assert.doesNotMatch(first, /<script>/);
  assert.equal(renderMarkdown(''), '');
});
