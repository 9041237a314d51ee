import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { queryRows } from '../../kernel/db/query.ts';
import { systemActor } from '../../kernel/http/context.ts';
import { createUser } from '../accounts/users.ts';
import { verifyAuditChain } from './chain.ts';

let database: TestDatabase;
before(async () => {
  database = await freshDatabase({ seeded: true });
});
after(async () => {
  await database.drop();
});

async function auditIds(): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    database.db,
    sql`select id::int as id from audit_log order by id`,
  );
  return rows.map((r) => Number(r.id));
}

test('concurrent audited writes keep one unbroken chain', async () => {
  await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      createUser(database.db, systemActor('test'), {
        email: `chain-${i}@example.test`,
        displayName: `Người thứ ${i}`,
        role: 'leader',
        password: 'mot-mat-khau-du-dai',
      }),
    ),
  );
  const result = await verifyAuditChain(database.db, 5);
  assert.deepEqual(result, { ok: true, rows: (await auditIds()).length });
});

test('a row edited directly in the database is caught at that row', async () => {
  const ids = await auditIds();
  const victim = ids[3]!;
  await database.db.execute(sql`update audit_log set after = '{"role":"admin"}'::jsonb where id = ${victim}`);
  assert.deepEqual(await verifyAuditChain(database.db), {
    ok: false,
    rows: 4,
    brokenAt: victim,
    reason: 'content_changed',
  });
});

test('a deleted row breaks the link of the row after it', async () => {
  const fresh = await freshDatabase({ seeded: true });
  try {
    for (let i = 0; i < 3; i++) {
      await createUser(fresh.db, systemActor('test'), {
        email: `d-${i}@example.test`,
        displayName: 'D',
        role: 'leader',
      });
    }
    const rows = await queryRows<{ id: number }>(
      fresh.db,
      sql`select id::int as id from audit_log order by id`,
    );
    await fresh.db.execute(sql`delete from audit_log where id = ${rows[1]!.id}`);
    const result = await verifyAuditChain(fresh.db);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.brokenAt, Number(rows[2]!.id));
    assert.equal(!result.ok && result.reason, 'link_broken');
  } finally {
    await fresh.drop();
  }
});
