// Engine-neutral logical backup and restore (`quyhoach backup` / `quyhoach restore`).
//
// The file is gzip-compressed JSON Lines: a header line, then one line per row,
// `{"t":"table","r":{...}}`, where the row is PostgreSQL's own `row_to_json`
// text. Rows are never parsed in JavaScript, so numerics, bigints and jsonb
// survive byte for byte, and restore lets PostgreSQL convert them back with
// `json_populate_recordset`. Nothing here depends on the engine, so a PGlite
// backup restores into a PostgreSQL server and the other way round.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Database, MIGRATIONS_DIR } from './engine.ts';
import { queryRows } from './query.ts';
import type { Db, DbOrTx } from './types.ts';

export const BACKUP_FORMAT = 'quyhoach-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Rows fetched from the server cursor at a time, so a large table never sits whole in memory. */
const PAGE_ROWS = 1000;
/** Restore sends rows in batches of at most this many rows or this much JSON text. */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;

export type BackupMigration = { hash: string; createdAt: number; tag?: string };
export type BackupTable = { name: string; rows: number; columns: string[] };

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  serverVersion: string;
  /** What drizzle had applied (drizzle.__drizzle_migrations), oldest first. */
  migrations: BackupMigration[];
  /** In file order: parents before children where foreign keys allow it. */
  tables: BackupTable[];
};

export type TableProgress = {
  table: string;
  tableRows: number;
  tableDone: number;
  done: number;
  total: number;
};
export type ProgressListener = (progress: TableProgress) => void;

export type BackupOptions = { onProgress?: ProgressListener };
export type BackupSummary = {
  file: string;
  bytes: number;
  engine: BackupHeader['engine'];
  tables: { name: string; rows: number }[];
  totalRows: number;
  durationMs: number;
};

export type RestoreOptions = {
  force?: boolean;
  onProgress?: ProgressListener;
  /** Restore into an older release's schema (upgrade tests); by default this version's. */
  migrationsFolder?: string;
};
export type RestoreSummary = {
  file: string;
  backupCreatedAt: string;
  backupEngine: string;
  tables: { name: string; rows: number }[];
  totalRows: number;
  /** Rows that were in the database before and were deleted (only with force). */
  replacedRows: number;
  durationMs: number;
};

/** The file is not a backup, is damaged, or was written by a newer version. */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

/** Restore was asked to overwrite data without `force`. */
export class DatabaseNotEmptyError extends Error {
  override name = 'DatabaseNotEmptyError';
  constructor(readonly rowsByTable: { name: string; rows: number }[]) {
    const total = rowsByTable.reduce((n, t) => n + t.rows, 0);
    const where = rowsByTable.map((t) => t.name).join(', ');
    super(`The database is not empty (${total} rows in ${where}). Use --force to replace its contents.`);
  }
}

// ---------------------------------------------------------------------------
// Catalog: tables, keys and constraints are read from pg_catalog, so tables
// added by later migrations are covered without changes here.

type TableInfo = {
  name: string;
  /** Columns that accept values (generated columns are computed, not restored). */
  columns: string[];
  primaryKey: string[];
  /** Needs OVERRIDING SYSTEM VALUE to take the backed-up ids. */
  hasAlwaysIdentity: boolean;
};

type ForeignKey = { table: string; name: string; definition: string };
type UserTrigger = { table: string; name: string; enabled: string };

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function qualified(table: string): string {
  return `public.${quoteIdent(table)}`;
}

async function listTables(db: DbOrTx): Promise<TableInfo[]> {
  const rows = await queryRows<{ name: string; columns: string[]; pk: string[]; always_identity: boolean }>(
    db,
    sql`
      select c.relname::text as name,
        coalesce((select json_agg(a.attname::text order by a.attnum) from pg_attribute a
          where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''), '[]') as columns,
        coalesce((select json_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum))
          from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
          where i.indrelid = c.oid and i.indisprimary), '[]') as pk,
        exists(select 1 from pg_attribute a where a.attrelid = c.oid and a.attidentity = 'a') as always_identity
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`,
  );
  return rows.map((r) => ({
    name: r.name,
    columns: r.columns,
    primaryKey: r.pk,
    hasAlwaysIdentity: r.always_identity,
  }));
}

async function listForeignKeys(db: DbOrTx): Promise<(ForeignKey & { parent: string })[]> {
  return queryRows<ForeignKey & { parent: string }>(
    db,
    sql`
      select c.relname::text as table, p.relname::text as parent, con.conname::text as name,
        pg_get_constraintdef(con.oid) as definition
      from pg_constraint con
        join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_class p on p.oid = con.confrelid join pg_namespace pn on pn.oid = p.relnamespace
      where con.contype = 'f' and con.conparentid = 0 and n.nspname = 'public' and pn.nspname = 'public'
        and not c.relispartition
      order by c.relname, con.conname`,
  );
}

async function listEnabledUserTriggers(db: DbOrTx): Promise<UserTrigger[]> {
  return queryRows<UserTrigger>(
    db,
    sql`
      select c.relname::text as table, t.tgname::text as name, t.tgenabled::text as enabled
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and not t.tgisinternal and t.tgenabled <> 'D' and not c.relispartition
      order by c.relname, t.tgname`,
  );
}

/**
 * Parents before children, so a reader of the file (or a restore without
 * constraint juggling) meets referenced rows first. Self-references and
 * cycles cannot be ordered away; restore handles those by re-adding foreign
 * keys after the data, and the leftovers keep alphabetical order.
 */
export function orderByDependencies(tables: string[], edges: { table: string; parent: string }[]): string[] {
  const known = new Set(tables);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) {
    if (e.table !== e.parent && known.has(e.table) && known.has(e.parent))
      parents.get(e.table)?.add(e.parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const t of [...tables].sort()) {
      if (placed.has(t) || [...(parents.get(t) ?? [])].some((p) => !placed.has(p))) continue;
      ordered.push(t);
      placed.add(t);
      progress = true;
    }
  }
  return [...ordered, ...[...tables].sort().filter((t) => !placed.has(t))];
}

async function appliedMigrations(db: DbOrTx): Promise<BackupMigration[]> {
  const [exists] = await queryRows<{ ok: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  );
  if (!exists?.ok) return [];
  const rows = await queryRows<{ hash: string; created_at: string }>(
    db,
    sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id`,
  );
  const tags = journalTags();
  return rows.map((r) => {
    const createdAt = Number(r.created_at);
    const tag = tags.get(createdAt);
    return tag ? { hash: r.hash, createdAt, tag } : { hash: r.hash, createdAt };
  });
}

/** drizzle records a migration by its journal timestamp; the journal gives it a readable name. */
function journalTags(): Map<number, string> {
  const file = path.join(MIGRATIONS_DIR, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: { when: number; tag: string }[] };
  return new Map(journal.entries.map((e) => [e.when, e.tag]));
}

// ---------------------------------------------------------------------------
// Backup

function isDatabase(x: Database | Db): x is Database {
  return 'db' in x && 'migrate' in x;
}

/**
 * Writes the whole database to `outFile` from one REPEATABLE READ snapshot, so
 * writes that go on meanwhile are either wholly in the backup or not at all.
 * The file appears only when complete (written beside it, then renamed).
 */
export async function backupDatabase(
  database: Database | Db,
  outFile: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const started = Date.now();
  const db = isDatabase(database) ? database.db : database;
  const partial = `${outFile}.${process.pid}.partial`;
  try {
    const header = await db.transaction(
      async (tx) => {
        const { header, primaryKeys } = await snapshotHeader(tx);
        const lines = Readable.from(backupLines(tx, header, primaryKeys, options.onProgress));
        await pipeline(lines, zlib.createGzip(), fs.createWriteStream(partial));
        return header;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await syncFile(partial);
    fs.renameSync(partial, outFile);
    const tables = header.tables.map(({ name, rows }) => ({ name, rows }));
    return {
      file: outFile,
      bytes: fs.statSync(outFile).size,
      engine: header.engine,
      tables,
      totalRows: tables.reduce((n, t) => n + t.rows, 0),
      durationMs: Date.now() - started,
    };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

async function snapshotHeader(
  tx: DbOrTx,
): Promise<{ header: BackupHeader; primaryKeys: Map<string, string[]> }> {
  // Fixed output settings, so the same data gives the same text on any server.
  await tx.execute(sql`set local timezone to 'UTC'`);
  await tx.execute(sql`set local extra_float_digits to 1`);
  await tx.execute(sql`set local intervalstyle to 'iso_8601'`);
  const [version] = await queryRows<{ version: string; server_version: string }>(
    tx,
    sql`select version() as version, current_setting('server_version') as server_version`,
  );
  const tables = await listTables(tx);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const order = orderByDependencies(
    tables.map((t) => t.name),
    await listForeignKeys(tx),
  );
  const entries: BackupTable[] = [];
  for (const name of order) {
    const [count] = await queryRows<{ n: string }>(
      tx,
      sql.raw(`select count(*)::text as n from ${qualified(name)}`),
    );
    entries.push({ name, rows: Number(count?.n ?? 0), columns: byName.get(name)?.columns ?? [] });
  }
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    engine: /PGlite/i.test(version?.version ?? '') ? 'pglite' : 'postgres',
    serverVersion: version?.server_version ?? '',
    migrations: await appliedMigrations(tx),
    tables: entries,
  };
  return { header, primaryKeys: new Map(tables.map((t) => [t.name, t.primaryKey])) };
}

async function* backupLines(
  tx: DbOrTx,
  header: BackupHeader,
  primaryKeys: Map<string, string[]>,
  onProgress: ProgressListener | undefined,
): AsyncGenerator<Buffer> {
  yield Buffer.from(`${JSON.stringify(header)}\n`);
  const total = header.tables.reduce((n, t) => n + t.rows, 0);
  let done = 0;
  for (const table of header.tables) {
    // Primary-key order gives the same data the same lines in every backup.
    const pk = primaryKeys.get(table.name) ?? [];
    const orderBy = pk.length ? ` order by ${pk.map(quoteIdent).join(', ')}` : '';
    await tx.execute(
      sql.raw(
        `declare qh_backup no scroll cursor for select row_to_json(r.*)::text as j from ${qualified(table.name)} r${orderBy}`,
      ),
    );
    const prefix = `{"t":${JSON.stringify(table.name)},"r":`;
    let tableDone = 0;
    for (;;) {
      const page = await queryRows<{ j: string }>(tx, sql.raw(`fetch forward ${PAGE_ROWS} from qh_backup`));
      if (page.length === 0) break;
      yield Buffer.from(page.map((row) => `${prefix}${row.j}}\n`).join(''));
      tableDone += page.length;
      done += page.length;
      onProgress?.({ table: table.name, tableRows: table.rows, tableDone, done, total });
    }
    await tx.execute(sql`close qh_backup`);
  }
}

/** A backup is worth little if a crash right after "done" loses it. */
async function syncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------
// Reading a backup file

/** Lines of the decompressed file, without loading it whole; damage becomes a BackupFileError. */
async function* readLines(file: string): AsyncGenerator<string> {
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let pending: string[] = [];
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
        pending.push(chunk.slice(start, nl));
        yield pending.join('');
        pending = [];
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(chunk.slice(start));
    }
  } catch (err) {
    throw new BackupFileError(`${file} is damaged or incomplete: ${(err as Error).message}`);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (pending.length) yield pending.join('');
}

function checkReadable(file: string): void {
  if (!fs.existsSync(file)) throw new BackupFileError(`Backup file not found: ${file}`);
  const fd = fs.openSync(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    const n = fs.readSync(fd, magic, 0, 2, 0);
    // Checked up front: zlib's own message ("incorrect header check") tells a user nothing.
    if (n < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) {
      throw new BackupFileError(`${file} is not a QuyHoạch backup: it is not gzip-compressed.`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function parseHeader(file: string, line: string | undefined): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    value = undefined;
  }
  const header = value as Partial<BackupHeader> | undefined;
  if (!header || typeof header !== 'object' || header.format !== BACKUP_FORMAT) {
    throw new BackupFileError(
      `${file} is not a QuyHoạch backup: its first line is not a ${BACKUP_FORMAT} header.`,
    );
  }
  if (typeof header.formatVersion !== 'number' || header.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(
      `${file} was written by a newer version of QuyHoạch (backup format ${String(header.formatVersion)}; ` +
        `this version reads format ${BACKUP_FORMAT_VERSION}). Upgrade QuyHoạch before restoring it.`,
    );
  }
  if (
    !Array.isArray(header.migrations) ||
    !Array.isArray(header.tables) ||
    !header.tables.every(isTableEntry)
  ) {
    throw new BackupFileError(`${file} is damaged: its header lacks a valid table or migration list.`);
  }
  return header as BackupHeader;
}

function isTableEntry(t: unknown): t is BackupTable {
  const e = t as Partial<BackupTable> | null;
  return (
    typeof e?.name === 'string' &&
    Number.isInteger(e.rows) &&
    Array.isArray(e.columns) &&
    e.columns.every((c) => typeof c === 'string')
  );
}

/** Reads and checks the header only (the CLI can show it before asking for --force). */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  checkReadable(file);
  const lines = readLines(file);
  try {
    const first = await lines.next();
    return parseHeader(file, first.done ? undefined : first.value);
  } finally {
    await lines.return(undefined);
  }
}

/** A schema newer than this code's cannot be restored into: its data may not fit. */
function checkMigrations(file: string, header: BackupHeader): void {
  const known = journalTags();
  const latest = Math.max(0, ...known.keys());
  const newer = header.migrations.filter((m) => m.createdAt > latest);
  if (newer.length > 0) {
    const names = newer.map((m) => m.tag ?? m.hash.slice(0, 12)).join(', ');
    throw new BackupFileError(
      `${file} comes from a newer version of QuyHoạch: its database has migrations this version does not know (${names}). ` +
        'Upgrade QuyHoạch before restoring it.',
    );
  }
}

const ROW_LINE = /^\{"t":("(?:[^"\\]|\\.)*"),"r":/;

/** Splits a row line without parsing the row, so its numbers reach PostgreSQL as written. */
function parseRowLine(file: string, line: string, lineNo: number): { table: string; row: string } {
  const match = ROW_LINE.exec(line);
  if (!match?.[1] || !line.endsWith('}')) {
    throw new BackupFileError(`${file} is damaged: line ${lineNo} is not a table row.`);
  }
  return { table: JSON.parse(match[1]) as string, row: line.slice(match[0].length, -1) };
}

// ---------------------------------------------------------------------------
// Restore

/**
 * Replaces the database's contents with the backup's, all or nothing: one
 * transaction migrates nothing but loads everything, and any failure (a
 * damaged file, a constraint, a row-count mismatch) rolls it all back.
 */
export async function restoreDatabase(
  database: Database,
  inFile: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const started = Date.now();
  const header = await readBackupHeader(inFile);
  checkMigrations(inFile, header);
  // Brings an empty database to this code's schema (or, for upgrade tests, an older release's); the restore runs against that.
  await database.migrate(options.migrationsFolder);
  const result = await database.db.transaction(async (tx) => {
    const tables = await listTables(tx);
    checkTablesExist(inFile, header, tables);
    await lockTables(tx, tables);
    const replacedRows = await emptyTables(tx, tables, options.force ?? false);
    const foreignKeys = await listForeignKeys(tx);
    for (const fk of foreignKeys) {
      await tx.execute(sql.raw(`alter table ${qualified(fk.table)} drop constraint ${quoteIdent(fk.name)}`));
    }
    const triggers = await listEnabledUserTriggers(tx);
    await setTriggers(tx, triggers, false);
    const counts = await loadRows(tx, inFile, header, tables, options.onProgress);
    await setTriggers(tx, triggers, true);
    await restoreForeignKeys(tx, foreignKeys);
    await resetSequences(tx);
    return { counts, replacedRows };
  });
  const tables = header.tables.map((t) => ({ name: t.name, rows: result.counts.get(t.name) ?? 0 }));
  return {
    file: inFile,
    backupCreatedAt: header.createdAt,
    backupEngine: header.engine,
    tables,
    totalRows: tables.reduce((n, t) => n + t.rows, 0),
    replacedRows: result.replacedRows,
    durationMs: Date.now() - started,
  };
}

function checkTablesExist(file: string, header: BackupHeader, tables: TableInfo[]): void {
  const names = new Set(tables.map((t) => t.name));
  const missing = header.tables.filter((t) => t.rows > 0 && !names.has(t.name)).map((t) => t.name);
  if (missing.length > 0) {
    throw new BackupFileError(
      `${file} has rows for tables this version of QuyHoạch does not have (${missing.join(', ')}); ` +
        'nothing was restored.',
    );
  }
}

/** Nobody else may write between the emptiness check and the commit. */
async function lockTables(tx: DbOrTx, tables: TableInfo[]): Promise<void> {
  if (tables.length === 0) return;
  await tx.execute(
    sql.raw(`lock table ${tables.map((t) => qualified(t.name)).join(', ')} in access exclusive mode`),
  );
}

/** Refuses a database with data unless forced; with force, deletes it (inside the restore transaction). */
async function emptyTables(tx: DbOrTx, tables: TableInfo[], force: boolean): Promise<number> {
  const occupied: { name: string; rows: number }[] = [];
  for (const t of tables) {
    const [count] = await queryRows<{ n: string }>(
      tx,
      sql.raw(`select count(*)::text as n from ${qualified(t.name)}`),
    );
    const rows = Number(count?.n ?? 0);
    if (rows > 0) occupied.push({ name: t.name, rows });
  }
  if (occupied.length === 0) return 0;
  if (!force) throw new DatabaseNotEmptyError(occupied);
  // Every table, not just the backed-up ones: afterwards the database holds exactly the backup.
  await tx.execute(sql.raw(`truncate table ${tables.map((t) => qualified(t.name)).join(', ')} cascade`));
  return occupied.reduce((n, t) => n + t.rows, 0);
}

/**
 * User triggers (audit, updated_at stamping) must not rewrite restored rows.
 * Disabling by name needs only table ownership, unlike session_replication_role.
 */
async function setTriggers(tx: DbOrTx, triggers: UserTrigger[], enable: boolean): Promise<void> {
  for (const t of triggers) {
    const mode = !enable
      ? 'disable'
      : t.enabled === 'A'
        ? 'enable always'
        : t.enabled === 'R'
          ? 'enable replica'
          : 'enable';
    await tx.execute(sql.raw(`alter table ${qualified(t.table)} ${mode} trigger ${quoteIdent(t.name)}`));
  }
}

/**
 * Foreign keys are dropped during the load and re-added afterwards (as
 * pg_restore does): rows of self-referencing tables (agencies.parent_id,
 * plans.previous_version_id) and of reference cycles can then arrive in any
 * order, and re-adding checks every row in one pass. drizzle's constraints
 * are not DEFERRABLE, so SET CONSTRAINTS cannot do this.
 */
async function restoreForeignKeys(tx: DbOrTx, foreignKeys: ForeignKey[]): Promise<void> {
  for (const fk of foreignKeys) {
    try {
      await tx.execute(
        sql.raw(`alter table ${qualified(fk.table)} add constraint ${quoteIdent(fk.name)} ${fk.definition}`),
      );
    } catch (err) {
      throw new BackupFileError(
        `The backup's rows break the foreign key ${fk.name} on ${fk.table}; nothing was restored. (${(err as Error).message})`,
      );
    }
  }
}

type Batch = { table: string; rows: string[]; chars: number };

async function loadRows(
  tx: DbOrTx,
  file: string,
  header: BackupHeader,
  tables: TableInfo[],
  onProgress: ProgressListener | undefined,
): Promise<Map<string, number>> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const expected = new Map(header.tables.map((t) => [t.name, t]));
  const counts = new Map<string, number>();
  const total = header.tables.reduce((n, t) => n + t.rows, 0);
  let done = 0;
  let batch: Batch | undefined;
  const flush = async (): Promise<void> => {
    if (!batch || batch.rows.length === 0) return;
    const info = byName.get(batch.table);
    const entry = expected.get(batch.table);
    if (!info || !entry)
      throw new BackupFileError(`${file} is damaged: it has rows for unknown table ${batch.table}.`);
    const inserted = await insertBatch(tx, info, entry.columns, batch.rows);
    const tableDone = (counts.get(batch.table) ?? 0) + inserted;
    counts.set(batch.table, tableDone);
    done += inserted;
    onProgress?.({ table: batch.table, tableRows: entry.rows, tableDone, done, total });
    batch = undefined;
  };
  let lineNo = 0;
  for await (const line of readLines(file)) {
    lineNo++;
    if (lineNo === 1 || line === '') continue;
    const { table, row } = parseRowLine(file, line, lineNo);
    if (batch && (batch.table !== table || batch.rows.length >= BATCH_ROWS || batch.chars >= BATCH_CHARS)) {
      await flush();
    }
    batch ??= { table, rows: [], chars: 0 };
    batch.rows.push(row);
    batch.chars += row.length;
  }
  await flush();
  checkCounts(file, header, counts);
  return counts;
}

/** PostgreSQL turns the JSON back into typed rows, identically on both engines. */
async function insertBatch(
  tx: DbOrTx,
  table: TableInfo,
  backupColumns: string[],
  rows: string[],
): Promise<number> {
  // Columns the backup lacks (an older schema) are left to their defaults.
  const present = new Set(backupColumns);
  const columns = table.columns.filter((c) => present.has(c)).map(quoteIdent);
  const target = qualified(table.name);
  const overriding = table.hasAlwaysIdentity ? ' overriding system value' : '';
  const statement = sql`with inserted as (
      insert into ${sql.raw(`${target} (${columns.join(', ')})${overriding}`)}
      select ${sql.raw(columns.join(', '))} from json_populate_recordset(null::${sql.raw(target)}, ${`[${rows.join(',')}]`}::json)
      returning 1)
    select count(*)::int as n from inserted`;
  const [result] = await queryRows<{ n: number }>(tx, statement);
  return Number(result?.n ?? 0);
}

/** A cut-off file can still be valid gzip up to a line break; the header's counts catch that. */
function checkCounts(file: string, header: BackupHeader, counts: Map<string, number>): void {
  for (const t of header.tables) {
    const got = counts.get(t.name) ?? 0;
    if (got !== t.rows) {
      throw new BackupFileError(
        `${file} is damaged or incomplete: table ${t.name} has ${got} rows, its header says ${t.rows}; nothing was restored.`,
      );
    }
  }
}

/** Identity and serial sequences continue after the restored ids, so the next insert gets a fresh one. */
async function resetSequences(tx: DbOrTx): Promise<void> {
  const columns = await queryRows<{ table: string; column: string; seq: string }>(
    tx,
    sql`
      select c.relname::text as table, a.attname::text as column,
        pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as seq
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
        and a.attnum > 0 and not a.attisdropped
        and pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) is not null
      order by c.relname, a.attnum`,
  );
  for (const col of columns) {
    const column = sql.raw(quoteIdent(col.column));
    await tx.execute(sql`
      select setval(${col.seq}::regclass,
        coalesce(max(${column}), (select s.seqstart from pg_sequence s where s.seqrelid = ${col.seq}::regclass)),
        max(${column}) is not null)
      from ${sql.raw(qualified(col.table))}`);
  }
}
