// Upgrades: a database as the previous release left it (its schema, from its
// migrations; its data, from the release's backup fixture) is upgraded by this
// version's migrations, and nothing is lost: every row of every table is still
// there with the same values, the audit chain still verifies, and the app
// serves it. Migrations only move forward: none after a release drops a table
// or a column unless it says why.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/kernel/config/index.ts';
import { readBackupHeader, restoreDatabase } from '../../src/kernel/db/backup.ts';
import { type Database, MIGRATIONS_DIR, openDatabase } from '../../src/kernel/db/engine.ts';
import { queryRows } from '../../src/kernel/db/query.ts';
import { verifyAuditChain } from '../../src/modules/audit/chain.ts';
import { emptyPostgresDatabase, testEngine } from '../helpers/db.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
type Release = { version: string; lastMigration: string; fixture: string };
type JournalEntry = { idx: number; tag: string; when: number };
const releases = (
  JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'releases.json'), 'utf8')) as { releases: Release[] }
).releases;
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
  entries: JournalEntry[];
};

/** A migrations folder holding only what `release` shipped with. */
function migrationsOf(release: Release): string {
  const last = journal.entries.findIndex((e) => e.tag === release.lastMigration);
  assert.ok(last >= 0, `${release.lastMigration} is not in the migrations journal`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `qh-migrations-${release.version}-`));
  fs.mkdirSync(path.join(dir, 'meta'));
  const entries = journal.entries.slice(0, last + 1);
  for (const e of entries)
    fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Per table: row count and a digest of the given columns' values, independent of row order. */
async function fingerprint(db: Database['db'], tables: { name: string; columns: string[] }[]) {
  const out = new Map<string, { rows: number; digest: string | null }>();
  for (const t of tables) {
    const cols = t.columns.map(quoteIdent).join(', ');
    const [r] = await queryRows<{ rows: string; digest: string | null }>(
      db,
      sql.raw(
        `select count(*)::text as rows, md5(string_agg(v, '|' order by v)) as digest
           from (select json_build_array(${cols})::text as v from ${quoteIdent(t.name)}) x`,
      ),
    );
    out.set(t.name, { rows: Number(r?.rows ?? 0), digest: r?.digest ?? null });
  }
  return out;
}

async function openEmpty(): Promise<{ database: Database; drop(): Promise<void> }> {
  if (testEngine === 'pglite') {
    const database = await openDatabase({ kind: 'pglite-memory' });
    return { database, drop: () => database.close() };
  }
  const empty = await emptyPostgresDatabase();
  const database = await openDatabase({ kind: 'postgres', url: empty.url, poolSize: 2 });
  return {
    database,
    drop: async () => {
      await database.close();
      await empty.drop();
    },
  };
}

for (const release of releases) {
  describe(`upgrade from release ${release.version}`, () => {
    let opened: Awaited<ReturnType<typeof openEmpty>>;
    let tables: { name: string; columns: string[] }[];
    let before_: Map<string, { rows: number; digest: string | null }>;

    before(async () => {
      opened = await openEmpty();
      const fixture = path.join(ROOT, release.fixture);
      const header = await readBackupHeader(fixture);
      tables = header.tables.map((t) => ({ name: t.name, columns: t.columns }));
      await restoreDatabase(opened.database, fixture, { migrationsFolder: migrationsOf(release) });
      before_ = await fingerprint(opened.database.db, tables);
      await opened.database.migrate();
    });
    after(async () => opened.drop());

    test('the release’s data was loaded into its own schema', () => {
      const total = [...before_.values()].reduce((n, t) => n + t.rows, 0);
      assert.ok(total > 1000, `only ${total} rows in the fixture`);
      assert.ok((before_.get('plans')?.rows ?? 0) >= 3);
    });

    test('after the upgrade every row of every table is there with the same values', async () => {
      const after_ = await fingerprint(opened.database.db, tables);
      const changed = tables
        .filter((t) => JSON.stringify(after_.get(t.name)) !== JSON.stringify(before_.get(t.name)))
        .map(
          (t) => `${t.name}: ${JSON.stringify(before_.get(t.name))} → ${JSON.stringify(after_.get(t.name))}`,
        );
      assert.deepEqual(changed, []);
    });

    test('the audit chain still verifies and the app serves the upgraded database', async () => {
      const chain = await verifyAuditChain(opened.database.db);
      assert.equal(chain.ok, true, JSON.stringify(chain));
      const app = await buildApp({
        config: loadConfig({}, { seedOnStart: false }),
        database: opened.database,
        logger: false,
      });
      try {
        const home = await app.inject({ url: '/' });
        assert.equal(home.statusCode, 200);
        const login = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'quan-tri@example.test', password: 'mat-khau-nang-cap-1' },
        });
        assert.equal(login.statusCode, 200, 'the release’s user still signs in');
      } finally {
        await app.close();
      }
    });
  });
}

describe('migrations only move forward', () => {
  test('no migration after the first release drops a table or a column without saying why', () => {
    const first = journal.entries.findIndex((e) => e.tag === releases[0]?.lastMigration);
    const offending = journal.entries.slice(first + 1).flatMap((e) => {
      const text = fs.readFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), 'utf8');
      return text
        .split('\n')
        .filter((line) => /\bdrop\s+(table|column)\b/i.test(line) && !/--\s*allow-drop:/i.test(line))
        .map((line) => `${e.tag}: ${line.trim()}`);
    });
    assert.deepEqual(offending, [], 'add "-- allow-drop: <why no data is lost>" to a drop that is intended');
  });
});
