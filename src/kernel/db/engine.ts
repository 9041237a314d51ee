// The one place that knows there are two engines. Everything above it sees `Db`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { queryRows } from './query.ts';
import * as schema from './schema.ts';
import { NamingClient } from './statement-cache.ts';
import type { Db, EngineKind } from './types.ts';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/** An open database on either engine. */
export type Database = {
  kind: EngineKind;
  db: Db;
  /** Human-readable location, without secrets. */
  location: string;
  /** Rejects when the database does not answer. */
  ping(): Promise<void>;
  /** Applies the migrations (by default this version's; tests pass an older release's folder). */
  migrate(migrationsFolder?: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded engine, when it is one (tests snapshot it). */
  pglite?: PGlite;
  /** The server pool, when it is one. */
  pool?: pg.Pool;
  lock?: DataDirLock;
};

export type OpenOptions =
  | { kind: 'pglite'; dataDir: string; takeLock?: boolean; loadDataDir?: Blob }
  | { kind: 'pglite-memory'; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number; namedStatements?: boolean };

const drizzleOptions = { schema, casing: 'snake_case' as const };

/** PGlite folder inside DATA_DIR, next to uploaded files and the lock. */
export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pg');
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgres')
    return openPostgres(options.url, options.poolSize ?? 10, options.namedStatements ?? true);
  let lock: DataDirLock | undefined;
  let dir: string | undefined;
  if (options.kind === 'pglite') {
    if (options.takeLock !== false) lock = acquireDataDirLock(options.dataDir);
    dir = pgliteDir(options.dataDir);
    fs.mkdirSync(dir, { recursive: true });
  }
  try {
    const client = await PGlite.create({
      dataDir: dir,
      extensions: { pg_trgm, unaccent },
      loadDataDir: options.loadDataDir,
    });
    const db = drizzlePglite({ client, ...drizzleOptions }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      location: dir ? `pglite:${dir}` : 'pglite:memory',
      pglite: client,
      lock,
      ping: async () => {
        await client.query('select 1');
      },
      migrate: async (migrationsFolder = MIGRATIONS_DIR) => {
        await migratePglite(db as never, { migrationsFolder });
      },
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

async function openPostgres(url: string, poolSize: number, namedStatements: boolean): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(namedStatements ? { Client: NamingClient } : {}),
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  const db = drizzleNodePg({ client: pool, ...drizzleOptions }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    location: redactUrl(url),
    pool,
    ping: async () => {
      await pool.query('select 1');
    },
    migrate: async (migrationsFolder = MIGRATIONS_DIR) => {
      // Several app nodes may start at once: one migrates, the others wait.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(7263001)');
        await migrateNodePg(drizzleNodePg({ client, ...drizzleOptions }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock(7263001)').catch(() => {});
        client.release();
      }
    },
    close: async () => {
      await pool.end();
    },
  };
}

/** Opens the database the configuration names: a server when DATABASE_URL is set, else PGlite in DATA_DIR. */
export function openConfiguredDatabase(config: {
  databaseUrl?: string;
  dataDir: string;
  databasePoolSize?: number;
  databaseNamedStatements?: boolean;
}): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({
        kind: 'postgres',
        url: config.databaseUrl,
        poolSize: config.databasePoolSize,
        namedStatements: config.databaseNamedStatements,
      })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir });
}

/** True when no table of ours holds a row (restore and first-start seeding ask this). */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select ((select count(*) from admin_units) + (select count(*) from users) + (select count(*) from plans))::int as n`,
  );
  return Number(row?.n ?? 0) === 0;
}
