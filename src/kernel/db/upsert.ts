// Idempotent bulk writes shared by every module's seed and importer.
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The `set` and `setWhere` of an idempotent upsert: the listed columns take the
 * incoming values, and a row whose values are all unchanged is left alone, so a
 * second seed run neither touches `updated_at` nor bumps `row_version`.
 */
export function upsertChanged<T extends PgTable>(
  table: T,
  keys: readonly (keyof T['$inferInsert'] & string)[],
  options: { bumpRowVersion?: boolean } = {},
): { set: Record<string, SQL>; setWhere: SQL } {
  const columns = getTableColumns(table);
  const excluded = (key: string) => sql.raw(`excluded.${toSnakeCase(key)}`);
  const set: Record<string, SQL> = Object.fromEntries(keys.map((k) => [k, excluded(k)]));
  if ('updatedAt' in columns) set.updatedAt = sql`now()`;
  if (options.bumpRowVersion && columns.rowVersion) set.rowVersion = sql`${columns.rowVersion} + 1`;
  const current = sql.join(
    keys.map((k) => columns[k]),
    sql`, `,
  );
  const incoming = sql.join(
    keys.map((k) => excluded(k)),
    sql`, `,
  );
  return { set, setWhere: sql`(${current}) is distinct from (${incoming})` };
}

/** Splits rows so one statement stays well under the bind-parameter limit. */
export function chunks<T>(rows: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
