import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { arrayLiteral } from './array-literal.ts';
import { queryRows } from './query.ts';

let database: TestDatabase;
before(async () => {
  database = await freshDatabase();
});
after(() => database.drop());

test('numbers, nulls and text that looks like array syntax come back from the database as given', async () => {
  const db = database.db;
  const texts = ['Thái Nguyên', 'a,b', '{x}', 'quote " and \\ back', '', 'NULL', null, ' space '];
  const numbers = [1, -2.5, 1e21, 0.1, null];
  const [row] = await queryRows<{ texts: (string | null)[]; numbers: (string | null)[] }>(
    db,
    sql`select ${arrayLiteral(texts)}::text[] as texts, ${arrayLiteral(numbers)}::numeric[]::text[] as numbers`,
  );
  assert.deepEqual(row?.texts, texts);
  assert.deepEqual(row?.numbers, ['1', '-2.5', '1000000000000000000000', '0.1', null]);
  assert.throws(() => arrayLiteral([Number.NaN]), RangeError);
});
