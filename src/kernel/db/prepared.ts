// Reads that every public page asks, built once per database and then only run. drizzle builds a
// query's SQL text from its parts on every call; for a wide select that cost as much CPU as the
// round trip itself (the list of plans: about 205 → 100 µs per read), and a page without its
// response cache runs several such reads per request.
import type { DbOrTx } from './types.ts';

let prepared = 0;

/**
 * `build(db, name)` returns `db.select()…​.prepare(name)`, with `sql.placeholder(…)` for what
 * varies between calls; the result is kept per database (or transaction) object. The name is
 * unique in the process, so PostgreSQL keeps one plan per connection for it.
 */
export function preparedPerDb<Q>(build: (db: DbOrTx, name: string) => Q): (db: DbOrTx) => Q {
  const name = `qhp_${++prepared}`;
  const kept = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let query = kept.get(db);
    if (query === undefined) {
      query = build(db, name);
      kept.set(db, query);
    }
    return query;
  };
}
