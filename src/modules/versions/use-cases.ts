// Use cases of plan versions: a planner starts a new version of a plan (a copy
// of its latest version, audited in the same transaction); anyone compares two.
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { getVersion, type PlanVersion, rootPlanId } from './queries.ts';
import { planVersions } from './schema.ts';
import type { NewVersionInput, VersionSectionInput, VersionTargetInput } from './schemas.ts';
import { compareSnapshots, copySnapshot, type Snapshot } from './snapshot.ts';

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

// ---------------------------------------------------------------------------
// Editing a draft version

/** Rule: planners and administrators edit a version's snapshot while it is a draft; adopted and approved ones are read-only. */
export function mayEditVersion(user: CurrentUser | null, v: Pick<PlanVersion, 'status'>): boolean {
  return mayCreateVersion(user) && v.status === 'draft';
}

/**
 * Changes one entry of a draft version's snapshot in one transaction, with its audit row
 * (the entry before and after). Refused: 403 for other roles; 404 for a missing version or
 * entry; 409 when the version is not a draft any more, or was changed since it was read.
 */
async function editDraft<K extends 'targets' | 'sections'>(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  part: K,
  key: string,
  rowVersion: number,
  change: (entry: Snapshot[K][number]) => Snapshot[K][number],
): Promise<PlanVersion> {
  if (!mayCreateVersion(user)) throw forbidden();
  return db.transaction(async (tx) => {
    const [v] = await tx.select().from(planVersions).where(eq(planVersions.id, id)).for('update');
    if (!v) throw notFound('versions.error.notFound');
    if (v.status !== 'draft') throw conflict('versions.error.notDraft', { status: v.status });
    if (v.rowVersion !== rowVersion) throw conflict('versions.error.stale');
    const entries = v.snapshot[part] as Snapshot[K][number][];
    const index = entries.findIndex((e) => e.key === key);
    if (index < 0) throw notFound('versions.error.entryNotFound');
    const before = entries[index]!;
    const after = change(before);
    const snapshot: Snapshot = { ...v.snapshot, [part]: entries.map((e, i) => (i === index ? after : e)) };
    const [saved] = await tx
      .update(planVersions)
      .set({ snapshot, rowVersion: v.rowVersion + 1, updatedAt: new Date() })
      .where(and(eq(planVersions.id, v.id), eq(planVersions.rowVersion, v.rowVersion)))
      .returning();
    if (!saved) throw conflict('versions.error.stale');
    await recordAudit(tx, actor, {
      action: part === 'targets' ? 'plan_version.target.update' : 'plan_version.section.update',
      entity: 'plan_version',
      entityId: v.id,
      before: { key, entry: before, rowVersion: v.rowVersion },
      after: { key, entry: after, rowVersion: saved.rowVersion },
    });
    return saved;
  });
}

/** Sets a target of a draft version: value or band, comparator, note. It is then this version's own (not carried over). */
export function editVersionTarget(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  key: string,
  input: VersionTargetInput,
): Promise<PlanVersion> {
  return editDraft(db, actor, user, id, 'targets', key, input.rowVersion, (t) => ({
    ...t,
    value: input.value ?? null,
    min: input.min ?? null,
    max: input.max ?? null,
    comparator: input.comparator,
    note: input.note ?? null,
    carried: false,
  }));
}

/** Sets the title and text of a section of a draft version. */
export function editVersionSection(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  key: string,
  input: VersionSectionInput,
): Promise<PlanVersion> {
  return editDraft(db, actor, user, id, 'sections', key, input.rowVersion, (s) => ({
    ...s,
    titleVi: input.titleVi,
    bodyVi: input.bodyVi,
    carried: false,
  }));
}
