import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { queryRows } from './query.ts';

let database: TestDatabase;
before(async () => {
  database = await freshDatabase();
});
after(async () => {
  await database.drop();
});

async function schemaShape(): Promise<string[]> {
  const rows = await queryRows<{ c: string }>(
    database.db,
    sql`select table_name || '.' || column_name || ':' || data_type as c from information_schema.columns
        where table_schema = 'public' order by 1`,
  );
  return rows.map((r) => r.c);
}

test('running the migrations again changes nothing', async () => {
  const shape = await schemaShape();
  assert.ok(shape.includes('users.email:text'));
  const [{ n: applied } = { n: 0 }] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  await database.migrate();
  await database.migrate();
  assert.deepEqual(await schemaShape(), shape);
  const [{ n: again } = { n: 0 }] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  assert.equal(again, applied);
});
