import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { isSingleRead, statementName } from './statement-cache.ts';

let database: TestDatabase;
before(async () => {
  database = await freshDatabase();
});
after(() => database.drop());

/** The names under which this connection has prepared `text`. */
async function preparedNames(client: pg.PoolClient, text: string): Promise<string[]> {
  const prepared = await client.query<{ name: string; statement: string }>(
    'select name, statement from pg_prepared_statements',
  );
  return prepared.rows.filter((r) => r.statement === text).map((r) => r.name);
}

test('each query text has one statement name, the same every time', () => {
  const a = statementName('select $1::int as a');
  assert.ok(a);
  assert.equal(statementName('select $1::int as a'), a);
  assert.notEqual(statementName('select $1::int as b'), a);
});

test('a query with parameters is prepared once per server connection, then reused', async (t) => {
  if (!database.pool) return t.skip('PGlite runs in the process: nothing to prepare');
  const client = await database.pool.connect();
  try {
    const text = 'select count(*)::int as n from admin_units where level = $1';
    const first = await client.query(text, ['province']);
    const second = await client.query(text, ['commune']);
    assert.equal(typeof first.rows[0].n, 'number');
    assert.equal(typeof second.rows[0].n, 'number');
    assert.deepEqual(await preparedNames(client, text), [statementName(text)]);
  } finally {
    client.release();
  }
});

test('a single read is prepared without parameters; several statements or DDL are not', () => {
  assert.equal(isSingleRead('select id from plans order by id'), true);
  assert.equal(isSingleRead('  WITH x as (select 1) select * from x'), true);
  assert.equal(isSingleRead('select 1; select 2'), false);
  assert.equal(isSingleRead('create table t (id int)'), false);
  assert.equal(isSingleRead('vacuum analyze tasks'), false);
});

test('a read without parameters is prepared too, and several statements still run', async (t) => {
  if (!database.pool) return t.skip('PGlite runs in the process: nothing to prepare');
  const client = await database.pool.connect();
  try {
    const text = "select count(*)::int as n from admin_units where level = 'province'";
    assert.equal(typeof (await client.query(text)).rows[0].n, 'number');
    const several = await client.query('select 1 as a; select 2 as b');
    assert.equal(Array.isArray(several), true, 'two results, from the simple protocol');
    assert.deepEqual(await preparedNames(client, text), [statementName(text)]);
  } finally {
    client.release();
  }
});
