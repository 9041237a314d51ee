import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { agencies } from './schema.ts';

export async function getAgencyName(db: DbOrTx, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const [a] = await db.select({ name: agencies.nameVi }).from(agencies).where(eq(agencies.id, id));
  return a?.name ?? null;
}
