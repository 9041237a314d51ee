// Use cases of plan versions: a planner starts a new version of a plan (a copy
// of its latest version, audited in the same transaction); anyone compares two.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { getVersion, type PlanVersion, rootPlanId } from './queries.ts';
import { planVersions } from './schema.ts';
import type { NewVersionInput } from './schemas.ts';
import { compareSnapshots, copySnapshot } from './snapshot.ts';

/** Rule: only planners (and administrators) record plan versions. */
export function mayCreateVersion(user: CurrentUser | null): boolean {
  return user !== null && (user.role === 'planner' || user.role === 'admin');
}

/** Starts version n+1 of a plan as a draft copy of version n (the latest). */
export async function createVersion(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  planId: number,
  input: NewVersionInput,
): Promise<PlanVersion> {
  if (!mayCreateVersion(user)) throw forbidden();
  const root = await rootPlanId(db, planId);
  if (root === null) throw notFound();
  return db.transaction(async (tx) => {
    const [previous] = await tx
      .select()
      .from(planVersions)
      .where(eq(planVersions.planId, root))
      .orderBy(desc(planVersions.versionNumber))
      .limit(1)
      .for('update');
    if (!previous) throw notFound('versions.error.noVersion');
    const created = await tx
      .insert(planVersions)
      .values({
        planId: root,
        recordPlanId: null,
        versionNumber: previous.versionNumber + 1,
        previousVersionId: previous.id,
        kind: 'adjustment',
        status: 'draft',
        labelVi: input.labelVi,
        labelEn: input.labelEn ?? null,
        legalGroundVi: input.legalGroundVi ?? null,
        decisionType: input.decisionType ?? null,
        decisionNumber: input.decisionNumber ?? null,
        decisionDate: input.decisionDate ?? null,
        decisionIssuerVi: input.decisionIssuerVi ?? null,
        doubtsVi: input.doubtsVi ?? null,
        snapshot: copySnapshot(previous.snapshot),
        createdByUserId: user?.id ?? null,
        sources: [],
        isSample: false,
      })
      .onConflictDoNothing()
      .returning();
    const row = created[0];
    if (!row) throw conflict('versions.error.concurrent');
    await recordAudit(tx, actor, {
      action: 'plan_version.create',
      entity: 'plan_version',
      entityId: row.id,
      after: {
        planId: root,
        versionNumber: row.versionNumber,
        copiedFromVersionId: previous.id,
        labelVi: row.labelVi,
        legalGroundVi: row.legalGroundVi,
        decisionNumber: row.decisionNumber,
        decisionDate: row.decisionDate,
      },
    });
    return row;
  });
}

/** The differences from one version to another (any two, of any plan). */
export async function compareVersions(db: DbOrTx, fromId: number, toId: number) {
  if (fromId === toId) throw badRequest('versions.error.same');
  const [from, to] = await Promise.all([getVersion(db, fromId), getVersion(db, toId)]);
  if (!from || !to) throw notFound('versions.error.notFound');
  return { from, to, comparison: compareSnapshots(from.snapshot, to.snapshot) };
}
