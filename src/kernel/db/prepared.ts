// Reads that every public page asks, built once per database and then only run. drizzle builds a
// query's SQL text from its parts on every call; for a wide select that cost as much CPU as the
// round trip itself (the list of plans: about 205 → 100 µs per read), and a page without its
// response cache runs several such reads per request.
import type { DbOrTx } from './types.ts';

/**
 * The name drizzle's `.prepare()` is given: none. Whether PostgreSQL keeps the statement is the
 * connection's choice (statement-cache.ts names it by its text unless DATABASE_NAMED_STATEMENTS
 * is off, as PgBouncer in transaction mode needs), the same as for every other query.
 */
const UNNAMED = '';

/**
 * `build(db, name)` returns `db.select()…​.prepare(name)`, with `sql.placeholder(…)` for what
 * varies between calls; the result is kept per database (or transaction) object.
 */
export function preparedPerDb<Q>(build: (db: DbOrTx, name: string) => Q): (db: DbOrTx) => Q {
  const kept = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let query = kept.get(db);
    if (query === undefined) {
      query = build(db, UNNAMED);
      kept.set(db, query);
    }
    return query;
  };
}
