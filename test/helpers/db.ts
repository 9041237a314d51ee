// Gives each test file a fresh, migrated database in well under a second on
// either engine: PGlite clones a cached data-dir snapshot; PostgreSQL creates a
// database from a template. TEST_DATABASE_URL=postgres://… selects the server.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, MIGRATIONS_DIR, openDatabase } from '../../src/kernel/db/engine.ts';
import { systemActor } from '../../src/kernel/http/context.ts';
import { seedAll } from '../../src/seed.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE_DIR = path.join(ROOT, '.test-cache');

export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Changes when the migrations (or, for the seeded template, the dataset and seed code) change. */
function fingerprint(seeded: boolean): string {
  const files = [...listFiles(MIGRATIONS_DIR)];
  if (seeded) {
    files.push(...listFiles(path.join(ROOT, 'datasets')));
    files.push(...listFiles(path.join(ROOT, 'src')).filter((f) => /seed[^/]*\.ts$/.test(f)));
  }
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(f.slice(ROOT.length)).update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 12);
}

async function withFileLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lockPath, { force: true });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}

async function pgliteSnapshot(seeded: boolean): Promise<Blob> {
  const file = path.join(CACHE_DIR, `pglite-${seeded ? 'seeded' : 'empty'}-${fingerprint(seeded)}.tar.gz`);
  if (!fs.existsSync(file)) {
    await withFileLock(`${file}.lock`, async () => {
      if (fs.existsSync(file)) return;
      const database = await openDatabase({ kind: 'pglite-memory' });
      await database.migrate();
      if (seeded) await seedAll(database.db, systemActor('test-setup'));
      const dump = await database.pglite!.dumpDataDir('gzip');
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(tmp, file);
      await database.close();
    });
  }
  return new Blob([fs.readFileSync(file)]);
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL!;
}

function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function postgresTemplate(seeded: boolean): Promise<string> {
  const name = `qh_tpl_${seeded ? 's' : 'e'}_${fingerprint(seeded)}`;
  const lockKey = Number.parseInt(fingerprint(seeded).slice(0, 7), 16) + (seeded ? 1 : 0);
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [lockKey]);
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`create database "${name}_build"`).catch(async () => {
        await client.query(`drop database if exists "${name}_build"`);
        await client.query(`create database "${name}_build"`);
      });
      const database = await openDatabase({ kind: 'postgres', url: urlFor(`${name}_build`), poolSize: 2 });
      await database.migrate();
      if (seeded) await seedAll(database.db, systemActor('test-setup'));
      await database.close();
      await client.query(`alter database "${name}_build" rename to "${name}"`);
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [lockKey]).catch(() => {});
    await client.end();
  }
  return name;
}

/** `url`: the server database's address, for tests that start other processes on it. */
export type TestDatabase = Database & { url?: string; drop(): Promise<void> };

/**
 * A fresh, migrated database for one test file. `seeded: true` also loads the
 * built-in Thái Nguyên dataset (cloned from a cached snapshot, not re-seeded).
 */
export async function freshDatabase(options: { seeded?: boolean } = {}): Promise<TestDatabase> {
  const seeded = options.seeded ?? false;
  if (testEngine === 'pglite') {
    const database = await openDatabase({ kind: 'pglite-memory', loadDataDir: await pgliteSnapshot(seeded) });
    return Object.assign(database, { drop: () => database.close() });
  }
  const template = await postgresTemplate(seeded);
  const name = `qh_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`create database "${name}" template "${template}"`);
      break;
    } catch (err) {
      // Another test process may be cloning the same template at this instant.
      if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
    }
  }
  const database = await openDatabase({ kind: 'postgres', url: urlFor(name), poolSize: 4 });
  return Object.assign(database, {
    url: urlFor(name),
    drop: async () => {
      await database.close();
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  });
}

/** The URL of a brand-new empty (unmigrated) server database, for CLI and restore tests. */
export async function emptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `qh_e_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  return {
    url: urlFor(name),
    drop: () => adminQuery(`drop database if exists "${name}" with (force)`).then(() => {}),
  };
}
