// One way to page, sort and filter every collection of the API.
//
//   ?limit=50                 how many records (default and maximum per route)
//   ?sort=title | sort=-title one key from the route's whitelist; "-" = descending
//   ?cursor=…                 the previous answer's `nextCursor` (opaque)
//   ?<filter>=…               the route's whitelisted filters; anything else is refused (400)
//
// Sorting is done in SQL over the whole collection, and pages are cut by keyset
// (the sort value and the record id of the last record seen), so a page stays
// right while records are added or removed elsewhere in the list. The answer is
// `{ items, nextCursor }`; `nextCursor` is null on the last page.
//
// The routes declare the query with `collectionQuery`, the module's queries.ts
// turns it into SQL with `keyset` — the SQL stays in the module.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from './errors.ts';

export type SortValue = string | number | null;

/** A key a collection may be sorted on. */
export type SortKey<Row> = {
  /** The SQL expression sorted on. */
  expr: SQL | AnyColumn;
  /** The value read from a row that goes into the cursor (before `fold`). */
  value: (row: Row) => SortValue;
  /** Applied in SQL to the cursor's value so it compares with `expr` (e.g. foldedText). */
  fold?: (value: SQL) => SQL;
  /** The SQL type the cursor's value is cast to: text, int, float8, numeric, date, timestamptz. */
  type: 'text' | 'int' | 'float8' | 'numeric' | 'date' | 'timestamptz';
  /** The expression can be null (nulls sort last ascending, first descending). */
  nullable?: boolean;
};

export type CollectionSpec<Row, K extends string> = {
  sorts: Record<K, SortKey<Row>>;
  /** The record's unique id, the tie-breaker of every sort. */
  id: { expr: SQL | AnyColumn; value: (row: Row) => string | number; type: 'int' | 'text' };
};

/** `sort` values a spec accepts: each key ascending and descending. */
export type SortParam<K extends string> = K | `-${K}`;

export const MAX_LIMIT = 500;

/** Sort values accepted for these keys (both directions), in the order given. */
export function sortValues<K extends string>(keys: readonly K[]): [SortParam<K>, ...SortParam<K>[]] {
  const values = keys.flatMap((k) => [k, `-${k}` as const]);
  return values as [SortParam<K>, ...SortParam<K>[]];
}

/**
 * The query string of a collection: `limit`, `cursor`, `sort` and the route's filters. Unknown
 * parameters are refused so a misspelt filter does not silently return everything
 * (`lang` is always allowed).
 */
export function collectionQuery<K extends string, F extends z.ZodRawShape>(o: {
  sorts: readonly K[];
  defaultSort: SortParam<K>;
  filters: F;
  defaultLimit?: number;
  maxLimit?: number;
}) {
  const maxLimit = o.maxLimit ?? MAX_LIMIT;
  const defaultLimit = Math.min(o.defaultLimit ?? 50, maxLimit);
  const values = sortValues(o.sorts);
  return z
    .object({
      ...o.filters,
      sort: z
        .enum(values)
        .default(o.defaultSort as never)
        .describe(`Sort key; a leading "-" sorts descending. Default: ${o.defaultSort}`)
        .meta({ example: values.includes(`-${o.sorts[0]}` as SortParam<K>) ? `-${o.sorts[0]}` : values[0] }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(maxLimit)
        .default(defaultLimit)
        .describe(`Records per page (1–${maxLimit}, default ${defaultLimit})`)
        .meta({ example: 20 }),
      cursor: z
        .string()
        .max(2000)
        .optional()
        .describe('`nextCursor` of the previous page, unchanged; only valid with the same sort')
        .meta({ example: 'WyJ0aXRsZSIsIkLhuqNvIHbhu4cgbcO0aSB0csaw4budbmciLDEyXQ' }),
      lang: z.enum(['vi', 'en']).optional().describe('Language of error messages'),
    })
    .strict();
}

/** The answer of a collection: the page's records and the cursor of the next page. */
export function collectionResponse<T extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(
  item: T,
  extra?: E,
) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to get the next page; null on the last page')
      .meta({ example: 'WyJ0aXRsZSIsIkLhuqNvIHbhu4cgbcO0aSB0csaw4budbmciLDEyXQ' }),
    ...((extra ?? {}) as E),
  });
}

type Cursor = { sort: string; value: SortValue; id: string | number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value, c.id]), 'utf8').toString('base64url');
}

const cursorError = () =>
  invalid([{ field: 'cursor', message: 'collection.error.cursor' }], 'collection.error.cursor');

export function decodeCursor(text: string, sort: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw cursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw cursorError();
  const [s, value, id] = parsed as unknown[];
  if (s !== sort) throw cursorError();
  const scalar = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  if (!(value === null || scalar(value)) || !scalar(id)) throw cursorError();
  return { sort, value: value as SortValue, id: id as string | number };
}

export type Keyset<Row> = {
  /** ORDER BY of the whole collection: the sort key, then the id. */
  orderBy: SQL[];
  /** WHERE part selecting the records after the cursor (undefined on the first page). */
  after: SQL | undefined;
  /** Rows to fetch: one more than the page, to know whether another page follows. */
  fetch: number;
  /** The page out of the fetched rows, with the cursor of the next page. */
  page<R extends Row>(rows: R[]): { items: R[]; nextCursor: string | null };
  /** The cursor of the page that starts after this row (for lists filtered after the SQL). */
  cursorAfter(row: Row): string;
};

/**
 * The SQL of one page of a collection. Fetch `fetch` rows ordered by `orderBy` with `after`
 * in the WHERE clause, then hand them to `page`. A cursor that is not one of ours or belongs
 * to another sort is refused with 400.
 */
export function keyset<Row, K extends string>(
  spec: CollectionSpec<Row, K>,
  q: { sort: SortParam<K>; cursor?: string | undefined; limit: number },
): Keyset<Row> {
  const descending = q.sort.startsWith('-');
  const name = (descending ? q.sort.slice(1) : q.sort) as K;
  const key = spec.sorts[name];
  if (!key) throw invalid([{ field: 'sort', message: 'collection.error.sort' }]);
  const dir = sql.raw(descending ? 'desc nulls first' : 'asc nulls last');
  const idDir = sql.raw(descending ? 'desc' : 'asc');
  const orderBy = [sql`${key.expr} ${dir}`, sql`${spec.id.expr} ${idDir}`];
  let after: SQL | undefined;
  if (q.cursor) {
    const c = decodeCursor(q.cursor, q.sort);
    const cast = sql`cast(${c.value} as ${sql.raw(key.type)})`;
    const v = key.fold ? key.fold(cast) : cast;
    const id = sql`cast(${c.id} as ${sql.raw(spec.id.type === 'int' ? 'bigint' : 'text')})`;
    const e = key.expr;
    const i = spec.id.expr;
    if (!descending) {
      after =
        c.value === null
          ? sql`(${e} is null and ${i} > ${id})`
          : key.nullable
            ? sql`(${e} > ${v} or (${e} = ${v} and ${i} > ${id}) or ${e} is null)`
            : sql`(${e} > ${v} or (${e} = ${v} and ${i} > ${id}))`;
    } else {
      after =
        c.value === null
          ? sql`((${e} is null and ${i} < ${id}) or ${e} is not null)`
          : sql`(${e} < ${v} or (${e} = ${v} and ${i} < ${id}))`;
    }
  }
  const cursorAfter = (row: Row) =>
    encodeCursor({ sort: q.sort, value: key.value(row), id: spec.id.value(row) });
  return {
    orderBy,
    after,
    fetch: q.limit + 1,
    page(rows) {
      const items = rows.slice(0, q.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > q.limit && last !== undefined ? cursorAfter(last) : null };
    },
    cursorAfter,
  };
}

/** A timestamp as sorted by keyset: to the millisecond, as JavaScript keeps it in the cursor. */
export function msTimestamp(column: AnyColumn | SQL): SQL {
  return sql`date_trunc('milliseconds', ${column})`;
}

/** Text sorted for people: case and Vietnamese diacritics ignored (the id breaks ties). */
export function foldedText(column: AnyColumn | SQL): SQL {
  // unaccent first: its output is plain ASCII, which lower() folds whatever the database's locale.
  return sql`lower(unaccent(${column}))`;
}

/** A sort key on a text column, as people read it (case and diacritics ignored). */
export function textSort<Row>(
  column: AnyColumn | SQL,
  value: (row: Row) => string | null,
  nullable = false,
): SortKey<Row> {
  return { expr: foldedText(column), fold: foldedText, value, type: 'text', nullable };
}

/** A sort key on a timestamp column, to the millisecond (what the cursor keeps). */
export function timestampSort<Row>(
  column: AnyColumn | SQL,
  value: (row: Row) => Date | null,
  nullable = false,
): SortKey<Row> {
  return {
    expr: msTimestamp(column),
    value: (r) => value(r)?.toISOString() ?? null,
    type: 'timestamptz',
    nullable,
  };
}

/** What `keyset` needs from a parsed collection query. */
export type CollectionParams<K extends string> = {
  sort: SortParam<K>;
  cursor?: string | undefined;
  limit: number;
};
