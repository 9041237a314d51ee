import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { type CollectionParams, type CollectionSpec, keyset } from '../../kernel/http/collection.ts';
import { plans } from '../plan/schema.ts';
import { planVersions } from './schema.ts';

export type PlanVersion = typeof planVersions.$inferSelect;

/** The plan a `plans` record's versions belong to: the first record of its chain. */
export async function rootPlanId(db: DbOrTx, planId: number): Promise<number | null> {
  let id: number | null = planId;
  const seen = new Set<number>();
  let last: number | null = null;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const [row] = await db
      .select({ id: plans.id, previous: plans.previousVersionId })
      .from(plans)
      .where(eq(plans.id, id));
    if (!row) return last;
    last = row.id;
    id = row.previous;
  }
  return last;
}

export async function listVersions(db: DbOrTx, planId: number): Promise<PlanVersion[]> {
  return db
    .select()
    .from(planVersions)
    .where(eq(planVersions.planId, planId))
    .orderBy(asc(planVersions.versionNumber));
}

export const VERSION_SORTS = ['number', 'decided'] as const;
const VERSION_COLLECTION: CollectionSpec<PlanVersion, (typeof VERSION_SORTS)[number]> = {
  sorts: {
    number: { expr: planVersions.versionNumber, value: (v) => v.versionNumber, type: 'int' },
    decided: { expr: planVersions.decisionDate, value: (v) => v.decisionDate, type: 'date', nullable: true },
  },
  id: { expr: planVersions.id, value: (v) => v.id, type: 'int' },
};

/** One page of a plan's versions, the original first. */
export async function pageVersions(
  db: DbOrTx,
  planId: number,
  q: CollectionParams<(typeof VERSION_SORTS)[number]> & { kind?: string | undefined },
) {
  const k = keyset(VERSION_COLLECTION, q);
  const rows = await db
    .select()
    .from(planVersions)
    .where(
      and(
        eq(planVersions.planId, planId),
        q.kind ? eq(planVersions.kind, q.kind as PlanVersion['kind']) : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

export async function getVersion(db: DbOrTx, id: number): Promise<PlanVersion | null> {
  const [row] = await db.select().from(planVersions).where(eq(planVersions.id, id));
  return row ?? null;
}

export type PlanWithVersions = {
  plan: { id: number; code: string; nameVi: string; nameEn: string | null };
  versions: PlanVersion[];
};

/** Every plan that has versions, with its versions in order. */
export async function plansWithVersions(db: DbOrTx): Promise<PlanWithVersions[]> {
  const versions = await db
    .select()
    .from(planVersions)
    .orderBy(asc(planVersions.planId), asc(planVersions.versionNumber));
  const ids = [...new Set(versions.map((v) => v.planId))];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: plans.id, code: plans.code, nameVi: plans.nameVi, nameEn: plans.nameEn })
    .from(plans)
    .where(inArray(plans.id, ids))
    .orderBy(asc(plans.id));
  return rows.map((plan) => ({ plan, versions: versions.filter((v) => v.planId === plan.id) }));
}

/** What the API and pages show of a version without its snapshot. */
export function versionSummary(v: PlanVersion) {
  return {
    id: v.id,
    planId: v.planId,
    recordPlanId: v.recordPlanId,
    versionNumber: v.versionNumber,
    previousVersionId: v.previousVersionId,
    kind: v.kind,
    status: v.status,
    labelVi: v.labelVi,
    labelEn: v.labelEn,
    legalGroundVi: v.legalGroundVi,
    decisionType: v.decisionType,
    decisionNumber: v.decisionNumber,
    decisionDate: v.decisionDate,
    decisionIssuerVi: v.decisionIssuerVi,
    doubtsVi: v.doubtsVi,
    counts: {
      targets: v.snapshot.targets.length,
      items: v.snapshot.items.length,
      projects: v.snapshot.projects.length,
      sections: v.snapshot.sections.length,
    },
    sources: v.sources,
    isSample: v.isSample,
    rowVersion: v.rowVersion,
    createdAt: new Date(v.createdAt).toISOString(),
  };
}
