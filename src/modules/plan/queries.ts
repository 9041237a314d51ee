// Read-only queries on plans, for pages and APIs.
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { plans } from './schema.ts';

export type Plan = typeof plans.$inferSelect;

/** Every plan version, the most recently decided first. */
export function listPlans(db: DbOrTx): Promise<Plan[]> {
  return db
    .select()
    .from(plans)
    .orderBy(
      sql`${plans.decisionDate} desc nulls last`,
      asc(plans.provinceCode),
      desc(plans.versionNumber),
      asc(plans.id),
    );
}

export async function getPlanByCode(db: DbOrTx, code: string): Promise<Plan | null> {
  const [row] = await db.select().from(plans).where(eq(plans.code, code));
  return row ?? null;
}

/**
 * The plan in force for a province: its newest version that is no longer a
 * draft (a draft adjustment does not replace the plan the public sees).
 */
export async function currentPlanForProvince(db: DbOrTx, provinceCode: string): Promise<Plan | null> {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.provinceCode, provinceCode), ne(plans.status, 'draft')))
    .orderBy(desc(plans.versionNumber), sql`${plans.decisionDate} desc nulls last`, desc(plans.id))
    .limit(1);
  return row ?? null;
}
