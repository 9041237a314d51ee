import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './types.ts';

/**
 * Runs raw SQL and returns its rows on either engine. Both drivers answer
 * `{ rows }`; the shared query-layer type cannot say so, hence the cast here
 * and nowhere else. Cast counts to ::int in SQL (node-postgres returns bigint as text).
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
