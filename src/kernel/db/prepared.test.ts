import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { openDatabase } from './engine.ts';
import { preparedPerDb } from './prepared.ts';
import { newsPosts } from './schema.ts';

let database: TestDatabase;
before(async () => {
  database = await freshDatabase();
});
after(() => database.drop());

const postBySlug = preparedPerDb((db, name) =>
  db
    .select({ title: newsPosts.titleVi })
    .from(newsPosts)
    .where(eq(newsPosts.slug, sql.placeholder('slug')))
    .prepare(name),
);

test('a prepared read is built once per database, yet every run reads the rows as they are now', async () => {
  const db = database.db;
  assert.equal(postBySlug(db), postBySlug(db));
  assert.deepEqual(await postBySlug(db).execute({ slug: 'tin-thu' }), []);
  await db.insert(newsPosts).values({ slug: 'tin-thu', titleVi: 'Tin thử' });
  assert.deepEqual(await postBySlug(db).execute({ slug: 'tin-thu' }), [{ title: 'Tin thử' }]);
  await db.update(newsPosts).set({ titleVi: 'Tin đã sửa' }).where(eq(newsPosts.slug, 'tin-thu'));
  assert.deepEqual(await postBySlug(db).execute({ slug: 'tin-thu' }), [{ title: 'Tin đã sửa' }]);
});

test("inside a transaction the read is the transaction's own: it sees what the transaction wrote", async () => {
  const db = database.db;
  let seenInside: unknown;
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.insert(newsPosts).values({ slug: 'tin-giao-dich', titleVi: 'Chưa lưu' });
      assert.notEqual(postBySlug(tx), postBySlug(db));
      seenInside = await postBySlug(tx).execute({ slug: 'tin-giao-dich' });
      tx.rollback();
    }),
    TransactionRollbackError,
  );
  assert.deepEqual(seenInside, [{ title: 'Chưa lưu' }]);
  assert.deepEqual(await postBySlug(db).execute({ slug: 'tin-giao-dich' }), []);
});

test('the server keeps the statement only when named statements are on (PgBouncer in transaction mode turns them off)', async (t) => {
  if (!database.url) return t.skip('PGlite runs in the process: nothing to prepare');
  for (const namedStatements of [true, false]) {
    // One connection, so the statements it keeps are the ones this read left.
    const other = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 1, namedStatements });
    try {
      assert.deepEqual(await postBySlug(other.db).execute({ slug: 'không-có' }), []);
      const kept = await other.pool!.query<{ name: string }>(
        `select name from pg_prepared_statements where statement like '%from "news_posts" where "news_posts"."slug" = $1%'
           and statement not like '%pg_prepared_statements%'`,
      );
      assert.equal(kept.rows.length, namedStatements ? 1 : 0, `named statements ${namedStatements}`);
    } finally {
      await other.close();
    }
  }
});
