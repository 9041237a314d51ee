import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import {
  emptyPostgresDatabase,
  freshDatabase,
  type TestDatabase,
  testEngine,
} from '../../../test/helpers/db.ts';
import { apiTokens, sessions, users } from '../../modules/accounts/schema.ts';
import { agencies } from '../../modules/agencies/schema.ts';
import { auditLog } from '../../modules/audit/schema.ts';
import { adminUnitLineage, adminUnits } from '../../modules/geo/schema.ts';
import { planLinks, plans } from '../../modules/plan/schema.ts';
import {
  BACKUP_FORMAT,
  type BackupHeader,
  backupDatabase,
  orderByDependencies,
  readBackupHeader,
  restoreDatabase,
  type TableProgress,
} from './backup.ts';
import { type Database, openDatabase } from './engine.ts';
import { queryRows } from './query.ts';
import type { Db, EngineKind } from './types.ts';

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-backup-test-'));
after(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

type Target = { database: Database; drop(): Promise<void> };

/** A brand-new, unmigrated database: what `quyhoach restore` meets on a new machine. */
async function emptyTarget(kind: EngineKind = testEngine): Promise<Target> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite-memory' });
    return { database, drop: () => database.close() };
  }
  const server = await emptyPostgresDatabase();
  const database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 4 });
  return {
    database,
    drop: async () => {
      await database.close();
      await server.drop();
    },
  };
}

/** Every public table's rows as PostgreSQL's own JSON text, sorted: equal means identical data. */
async function contents(db: Db): Promise<Record<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone to 'UTC'`);
    await tx.execute(sql`set local extra_float_digits to 1`);
    const tables = await queryRows<{ name: string }>(
      tx,
      sql`select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const rows = await queryRows<{ j: string }>(
        tx,
        sql.raw(`select row_to_json(r.*)::text as j from public."${name}" r`),
      );
      out[name] = rows.map((r) => r.j).sort();
    }
    return out;
  });
}

async function foreignKeyCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public'`,
  );
  return row?.n ?? 0;
}

/**
 * Rows in most tables, with the awkward cases: Vietnamese text, jsonb
 * geometry, a numeric and a bigint beyond float precision, self-references
 * whose parent has the higher id, and a two-agency reference cycle.
 */
async function insertFixtures(db: Db): Promise<void> {
  await db.insert(adminUnits).values([
    {
      id: 'bk-test-province',
      code: '99',
      level: 'province',
      typeVi: 'Tỉnh',
      typeEn: 'Province',
      nameVi: 'Thử Nghiệm',
      fullNameVi: 'Tỉnh Thử Nghiệm',
      nameEn: 'Thu Nghiem Province',
      nameAscii: 'Thu Nghiem',
      validFrom: '2025-07-01',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [105.43151, 21.32551],
            [106.24689, 21.32551],
            [106.24689, 22.74089],
            [105.43151, 21.32551],
          ],
        ],
      },
      properties: { ghi_chú: 'Đơn vị hành chính mới — “sáp nhập”', emoji: '🏞️', tab: 'a\tb\nc' },
      sources: ['https://example.org/nghị-quyết-1683'],
    },
    {
      id: 'bk-test-commune',
      code: '99001',
      level: 'commune',
      typeVi: 'Xã',
      typeEn: 'Commune',
      nameVi: 'Ấp Đồng Hỷ',
      fullNameVi: 'Xã Ấp Đồng Hỷ',
      nameEn: 'Ap Dong Hy Commune',
      nameAscii: 'Ap Dong Hy',
      parentId: 'bk-test-province',
    },
  ]);
  await db.execute(
    sql`update admin_units set area_km2 = 8410.12345678901234567890123 where id = 'bk-test-province'`,
  );
  await db.insert(adminUnitLineage).values({
    predecessorId: 'bk-test-commune',
    successorId: 'bk-test-province',
    share: 'partial',
    shareRatio: 0.3333333333333333,
    effectiveDate: '2025-07-01',
  });

  // The child is inserted first, so in id order it comes before its parent.
  const [child] = await db
    .insert(agencies)
    .values({ code: 'BK-SXD', nameVi: 'Sở Xây dựng', kind: 'department', adminUnitId: 'bk-test-province' })
    .returning({ id: agencies.id });
  const [parent] = await db
    .insert(agencies)
    .values({ code: 'BK-UBND', nameVi: 'Ủy ban nhân dân tỉnh', kind: 'provincial_body' })
    .returning({ id: agencies.id });
  await db.execute(sql`update agencies set parent_id = ${parent!.id} where id = ${child!.id}`);
  const [a] = await db
    .insert(agencies)
    .values({ code: 'BK-CYCLE-A', nameVi: 'Vòng A', kind: 'other' })
    .returning({ id: agencies.id });
  const [b] = await db
    .insert(agencies)
    .values({ code: 'BK-CYCLE-B', nameVi: 'Vòng B', kind: 'other', parentId: a!.id })
    .returning({ id: agencies.id });
  await db.execute(sql`update agencies set parent_id = ${b!.id} where id = ${a!.id}`);

  const [editor] = await db
    .insert(users)
    .values({
      email: 'bien.tap@so-xay-dung.vn',
      displayName: 'Nguyễn Thị Biên Tập',
      role: 'agency_editor',
      agencyId: child!.id,
    })
    .returning({ id: users.id });
  await db.insert(users).values({ email: 'quan.tri@example.vn', displayName: 'Quản Trị', role: 'admin' });
  await db.insert(sessions).values({
    id: 'bk-session-1',
    userId: editor!.id,
    csrfToken: 'csrf',
    expiresAt: new Date('2030-01-01T00:00:00.123Z'),
    userAgent: 'Trình duyệt',
  });
  await db.insert(apiTokens).values({
    userId: editor!.id,
    name: 'Tích hợp',
    prefix: 'qh_',
    tokenHash: 'h1',
    scopes: ['read', 'write'],
  });

  const [v1] = await db
    .insert(plans)
    .values({
      code: 'BK-PLAN-V2',
      nameVi: 'Quy hoạch điều chỉnh',
      provinceCode: '99',
      provinceNameVi: 'Thử Nghiệm',
      periodStart: 2021,
      periodEnd: 2030,
      status: 'draft',
      decisionDate: '2026-02-04',
      facts: { tăng_trưởng: '≥10,5%/năm', số: 1.5e-7 },
    })
    .returning({ id: plans.id });
  const [v0] = await db
    .insert(plans)
    .values({
      code: 'BK-PLAN-V1',
      nameVi: 'Quy hoạch gốc',
      provinceCode: '99',
      provinceNameVi: 'Thử Nghiệm',
      periodStart: 2021,
      periodEnd: 2030,
      status: 'approved',
    })
    .returning({ id: plans.id });
  await db.execute(sql`update plans set previous_version_id = ${v0!.id} where id = ${v1!.id}`);
  await db
    .insert(planLinks)
    .values({ planId: v1!.id, otherPlanId: v0!.id, kind: 'incorporates', note: 'gộp' });

  await db.insert(auditLog).values({
    actorUserId: editor!.id,
    actorLabel: 'Nguyễn Thị Biên Tập',
    via: 'web',
    action: 'update',
    entity: 'agency',
    entityId: String(child!.id),
    before: { tên: 'Sở cũ' },
    after: { tên: 'Sở Xây dựng', null_value: null, nested: [1, { a: 'ă' }] },
    hash: 'fixture',
  });
  // Beyond 2^53: survives only if rows are never parsed as JavaScript numbers.
  await db.execute(sql`insert into audit_log (id, actor_label, via, action, entity, entity_id, hash)
    values (9007199254740993, 'system', 'system', 'seed', 'dataset', 'x', 'fixture')`);
}

async function gzipFile(name: string, text: string): Promise<string> {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, zlib.gzipSync(Buffer.from(text)));
  return file;
}

function fileLines(file: string): string[] {
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
}

describe('orderByDependencies', () => {
  test('puts parents first, ignores self-references, keeps cycles', () => {
    const order = orderByDependencies(
      ['users', 'agencies', 'admin_units', 'sessions', 'x', 'y'],
      [
        { table: 'users', parent: 'agencies' },
        { table: 'agencies', parent: 'agencies' },
        { table: 'agencies', parent: 'admin_units' },
        { table: 'sessions', parent: 'users' },
        { table: 'x', parent: 'y' },
        { table: 'y', parent: 'x' },
      ],
    );
    assert.deepEqual(order, ['admin_units', 'agencies', 'users', 'sessions', 'x', 'y']);
  });
});

describe(`backup and restore (${testEngine})`, () => {
  let source: TestDatabase;
  let target: Target;
  const file = path.join(tmpDir, 'full.qhbackup.gz');
  let sourceContents: Record<string, string[]>;

  before(async () => {
    source = await freshDatabase({ seeded: true });
    await insertFixtures(source.db);
    sourceContents = await contents(source.db);
    target = await emptyTarget();
  });
  after(async () => {
    await target?.drop();
    await source?.drop();
  });

  test('backup writes a header, then every row, parents before children', async () => {
    const progress: TableProgress[] = [];
    const summary = await backupDatabase(source, file, { onProgress: (p) => progress.push(p) });
    const lines = fileLines(file);
    const header = JSON.parse(lines[0]!) as BackupHeader;
    assert.equal(header.format, BACKUP_FORMAT);
    assert.equal(header.formatVersion, 1);
    assert.equal(header.engine, testEngine);
    assert.ok(header.migrations.length >= 1 && header.migrations.every((m) => m.hash.length === 64));
    assert.equal(header.migrations[0]?.tag, '0000_foundation');
    const names = header.tables.map((t) => t.name);
    const before = (a: string, b: string) =>
      assert.ok(names.indexOf(a) < names.indexOf(b), `${a} before ${b}`);
    before('admin_units', 'agencies');
    before('agencies', 'users');
    before('users', 'sessions');
    before('plans', 'plan_links');
    assert.ok(!names.includes('__drizzle_migrations'));
    for (const t of header.tables) assert.equal(t.rows, sourceContents[t.name]?.length, t.name);
    const rowLines = lines.slice(1).filter(Boolean);
    assert.equal(rowLines.length, summary.totalRows);
    assert.equal(progress.at(-1)?.done, summary.totalRows);
    assert.deepEqual(await readBackupHeader(file), header);
    console.log(
      `  backup: ${summary.totalRows} rows, ${summary.bytes} bytes gzip, ${summary.durationMs} ms (${testEngine})`,
    );
  });

  test('restore into an empty database gives identical data', async () => {
    const summary = await restoreDatabase(target.database, file);
    assert.deepEqual(await contents(target.database.db), sourceContents);
    assert.equal(summary.replacedRows, 0);
    assert.equal(await foreignKeyCount(target.database.db), await foreignKeyCount(source.db));
    console.log(`  restore: ${summary.totalRows} rows, ${summary.durationMs} ms (${testEngine})`);
  });

  test('after restore, new rows get fresh ids and foreign keys are enforced again', async () => {
    const db = target.database.db;
    const [max] = await queryRows<{ id: number }>(db, sql`select max(id)::int as id from agencies`);
    const [row] = await db
      .insert(agencies)
      .values({ code: 'BK-NEW', nameVi: 'Mới', kind: 'other' })
      .returning({ id: agencies.id });
    assert.equal(row?.id, (max?.id ?? 0) + 1);
    const [audit] = await queryRows<{ id: string }>(
      db,
      sql`insert into audit_log (actor_label, via, action, entity, entity_id, hash)
          values ('t', 'system', 'x', 'y', 'z', 'fixture') returning id::text as id`,
    );
    assert.equal(audit?.id, '9007199254740994');
    await assert.rejects(
      db.insert(agencies).values({ code: 'BK-ORPHAN', nameVi: 'Mồ côi', kind: 'other', parentId: 999_999 }),
    );
  });

  test('restore into a non-empty database is refused and changes nothing', async () => {
    const beforeContents = await contents(target.database.db);
    await assert.rejects(restoreDatabase(target.database, file), (err: Error) => {
      assert.equal(err.name, 'DatabaseNotEmptyError');
      assert.match(
        err.message,
        /^The database is not empty \(\d+ rows in .*agencies.*\)\. Use --force to replace its contents\.$/,
      );
      return true;
    });
    assert.deepEqual(await contents(target.database.db), beforeContents);
  });

  test('with force, restore replaces the contents', async () => {
    const summary = await restoreDatabase(target.database, file, { force: true });
    assert.ok(summary.replacedRows > summary.totalRows, 'the extra rows were there and are gone');
    assert.deepEqual(await contents(target.database.db), sourceContents);
  });
});

describe(`damaged and foreign files (${testEngine})`, () => {
  let target: Target;
  let good: string;

  before(async () => {
    const source = await freshDatabase();
    await insertFixtures(source.db);
    good = path.join(tmpDir, 'small.qhbackup.gz');
    await backupDatabase(source, good);
    await source.drop();
    target = await emptyTarget();
  });
  after(async () => {
    await target?.drop();
  });

  /** Every failed restore must leave the target without a single row. */
  async function assertRefused(file: string, message: RegExp): Promise<void> {
    await assert.rejects(restoreDatabase(target.database, file), message);
    const rows = Object.values(await contents(target.database.db)).flat();
    assert.equal(rows.length, 0);
  }

  test('a missing file', async () => {
    await assert.rejects(
      restoreDatabase(target.database, path.join(tmpDir, 'nope.gz')),
      /Backup file not found/,
    );
  });

  test('a file that is not gzip', async () => {
    const file = path.join(tmpDir, 'plain.txt');
    fs.writeFileSync(file, 'hello\n');
    await assert.rejects(
      restoreDatabase(target.database, file),
      /not a QuyHoạch backup: it is not gzip-compressed/,
    );
  });

  test('a gzip file of something else', async () => {
    const file = await gzipFile('foreign.gz', '{"type":"FeatureCollection","features":[]}\n');
    await assert.rejects(restoreDatabase(target.database, file), /not a QuyHoạch backup: its first line/);
  });

  test('a backup from a newer format or newer migrations', async () => {
    const [headerLine, ...rest] = fileLines(good);
    const header = JSON.parse(headerLine!) as BackupHeader;
    const v2 = await gzipFile('v2.gz', [JSON.stringify({ ...header, formatVersion: 2 }), ...rest].join('\n'));
    await assert.rejects(restoreDatabase(target.database, v2), /newer version of QuyHoạch \(backup format 2/);
    const future = {
      ...header,
      migrations: [...header.migrations, { hash: 'f'.repeat(64), createdAt: 4102444800000 }],
    };
    const newer = await gzipFile('newer.gz', [JSON.stringify(future), ...rest].join('\n'));
    await assert.rejects(restoreDatabase(target.database, newer), /newer version of QuyHoạch: .*migrations/);
  });

  test('a cut-off file restores nothing', async () => {
    const bytes = fs.readFileSync(good);
    const file = path.join(tmpDir, 'cut.gz');
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await assertRefused(file, /damaged or incomplete/);
  });

  test('a file missing its last rows restores nothing', async () => {
    const lines = fileLines(good).filter(Boolean);
    const file = await gzipFile('short.gz', `${lines.slice(0, -2).join('\n')}\n`);
    await assertRefused(file, /damaged or incomplete: table \w+ has \d+ rows, its header says \d+/);
  });

  test('a garbled row line restores nothing', async () => {
    const lines = fileLines(good).filter(Boolean);
    lines.splice(3, 0, 'not json at all');
    const file = await gzipFile('garbled.gz', `${lines.join('\n')}\n`);
    await assertRefused(file, /line 4 is not a table row/);
  });

  test('after all that, the good file still restores', async () => {
    const summary = await restoreDatabase(target.database, good);
    assert.ok(summary.totalRows > 10);
  });
});

describe(`a backup taken while writes go on (${testEngine})`, () => {
  test('is one consistent snapshot', async () => {
    const source = await freshDatabase();
    const target = await emptyTarget();
    try {
      // Enough rows that the backup spans many cursor pages while the writer runs.
      await source.db.execute(sql`insert into audit_log (actor_label, via, action, entity, entity_id, after, hash)
        select 'bulk', 'system', 'load', 'row', g::text, jsonb_build_object('n', g, 'tên', 'hàng ' || g), 'fixture'
        from generate_series(1, 20000) g`);
      let stop = false;
      let pairs = 0;
      const writer = (async () => {
        while (!stop) {
          await source.db.transaction(async (tx) => {
            const [parent] = await tx
              .insert(agencies)
              .values({ code: `P${pairs}`, nameVi: `Sở ${pairs}`, kind: 'department' })
              .returning({ id: agencies.id });
            await tx
              .insert(agencies)
              .values({ code: `C${pairs}`, nameVi: `Phòng ${pairs}`, kind: 'other', parentId: parent!.id });
            await tx.insert(auditLog).values({
              actorLabel: 'writer',
              via: 'system',
              action: 'create',
              entity: 'agency_pair',
              entityId: String(pairs),
              hash: 'fixture',
            });
          });
          pairs++;
          await new Promise((r) => setImmediate(r));
        }
      })();
      while (pairs < 5) await new Promise((r) => setTimeout(r, 5));
      const file = path.join(tmpDir, 'live.qhbackup.gz');
      const summary = await backupDatabase(source, file);
      const pairsDuring = pairs;
      while (pairs < pairsDuring + 5) await new Promise((r) => setTimeout(r, 5));
      stop = true;
      await writer;

      await restoreDatabase(target.database, file);
      const [check] = await queryRows<{ parents: number; children: number; orphans: number; audits: number }>(
        target.database.db,
        sql`select
          (select count(*)::int from agencies where code like 'P%') as parents,
          (select count(*)::int from agencies where code like 'C%') as children,
          (select count(*)::int from agencies c where c.parent_id is not null
             and not exists (select 1 from agencies p where p.id = c.parent_id)) as orphans,
          (select count(*)::int from audit_log where entity = 'agency_pair') as audits`,
      );
      assert.equal(check?.orphans, 0);
      assert.equal(check?.parents, check?.children);
      assert.equal(check?.audits, check?.parents, 'each pair came with its audit row, or neither did');
      assert.ok((check?.parents ?? 0) >= 5);
      assert.ok((check?.parents ?? 0) < pairs, 'rows written after the snapshot are not in it');
      console.log(
        `  live backup: ${summary.totalRows} rows, ${summary.bytes} bytes, ${summary.durationMs} ms; ` +
          `${check?.parents} of ${pairs} pairs in the snapshot (${testEngine})`,
      );
    } finally {
      await target.drop();
      await source.drop();
    }
  });
});

/** What later migrations may bring: generated columns, GENERATED ALWAYS ids, triggers, keyless tables. */
const EXTRA_SCHEMA = [
  `create table bk_extra (
    id integer primary key generated always as identity,
    name text not null,
    name_upper text generated always as (upper(name)) stored,
    touched integer not null default 0,
    tags text[],
    span interval,
    at timestamp,
    blob bytea,
    ratio double precision)`,
  'create table bk_nokey (v numeric, note text)',
  `create function bk_touch() returns trigger language plpgsql as $$
    begin new.touched := new.touched + 1; return new; end $$`,
  'create trigger bk_touch before insert or update on bk_extra for each row execute function bk_touch()',
];

describe(`schema features later migrations may add (${testEngine})`, () => {
  test('generated columns, GENERATED ALWAYS ids, triggers and keyless tables round-trip', async () => {
    const source = await freshDatabase();
    const target = await emptyTarget();
    try {
      for (const ddl of EXTRA_SCHEMA) await source.db.execute(sql.raw(ddl));
      await source.db.execute(sql`insert into bk_extra (name, tags, span, at, blob, ratio) values
        ('đường vành đai 5', array['giao thông', 'a"b', null], '1 year 2 months 3 days 04:05:06.789',
         '2025-07-01 08:30:00.123456', decode('00ff10', 'hex'), 0.1),
        ('cầu', null, null, null, null, 1e300)`);
      await source.db.execute(
        sql`insert into bk_nokey values (1.000000000000000000001, 'một'), (null, null)`,
      );
      const file = path.join(tmpDir, 'extra.qhbackup.gz');
      await backupDatabase(source, file);

      await target.database.migrate();
      for (const ddl of EXTRA_SCHEMA) await target.database.db.execute(sql.raw(ddl));
      await restoreDatabase(target.database, file);
      const db = target.database.db;
      assert.deepEqual(await contents(db), await contents(source.db));
      const touched = await queryRows<{ touched: number }>(db, sql`select touched from bk_extra order by id`);
      assert.deepEqual(
        touched.map((r) => r.touched),
        [1, 1],
        'the restore did not fire the trigger again',
      );
      const [next] = await queryRows<{ id: number; touched: number; name_upper: string }>(
        db,
        sql`insert into bk_extra (name) values ('mới') returning id, touched, name_upper`,
      );
      assert.deepEqual(
        next,
        { id: 3, touched: 1, name_upper: 'MỚI' },
        'trigger enabled again, identity continued',
      );
    } finally {
      await target.drop();
      await source.drop();
    }
  });
});

describe('across engines', {
  skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL',
}, () => {
  for (const [from, to] of [
    ['pglite', 'postgres'],
    ['postgres', 'pglite'],
  ] as const) {
    test(`${from} backup restores into ${to}`, async () => {
      const source = await emptyTarget(from);
      const target = await emptyTarget(to);
      try {
        await source.database.migrate();
        await insertFixtures(source.database.db);
        const file = path.join(tmpDir, `${from}-to-${to}.qhbackup.gz`);
        const backup = await backupDatabase(source.database, file);
        assert.equal((await readBackupHeader(file)).engine, from);
        const restore = await restoreDatabase(target.database, file);
        assert.equal(restore.totalRows, backup.totalRows);
        assert.deepEqual(await contents(target.database.db), await contents(source.database.db));
      } finally {
        await target.drop();
        await source.drop();
      }
    });
  }
});
