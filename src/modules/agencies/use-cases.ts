// Use cases of the agency register. Each checks the policy, validates, writes
// and records its audit row in one transaction: a refused change writes nothing.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { conflict, type FieldError, forbidden, invalid } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { adminUnits } from '../geo/schema.ts';
import { agencyScopeOf, mayCreateUnder, mayEdit, mayMoveUnder, maySetActive } from './policy.ts';
import { type AgencyRow, getAgency, publicAgency } from './queries.ts';
import { agencies } from './schema.ts';
import type { CreateAgencyInput, UpdateAgencyInput } from './schemas.ts';
import { agencySubtree } from './scope.ts';

// Changes to the register are serialised, so two concurrent moves cannot make
// a loop and two concurrent creations cannot take the same code.
const REGISTER_LOCK = 7263101;

async function lockRegister(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${REGISTER_LOCK})`);
}

async function codeTaken(tx: DbOrTx, code: string, exceptId?: number): Promise<boolean> {
  const same = sql`lower(${agencies.code}) = ${code.toLowerCase()}`;
  const [row] = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(exceptId === undefined ? same : and(same, ne(agencies.id, exceptId)));
  return row !== undefined;
}

/** Rule: the parent exists, is active, and is neither the agency itself nor one of the agencies below it. */
async function parentProblem(tx: DbOrTx, parentId: number, selfId?: number): Promise<string | null> {
  if (selfId !== undefined && parentId === selfId) return 'agencies.error.parentSelf';
  const [parent] = await tx
    .select({ active: agencies.active })
    .from(agencies)
    .where(eq(agencies.id, parentId));
  if (!parent) return 'agencies.error.parentUnknown';
  if (selfId !== undefined && (await agencySubtree(tx, selfId)).has(parentId))
    return 'agencies.error.parentCycle';
  if (!parent.active) return 'agencies.error.parentInactive';
  return null;
}

async function adminUnitExists(tx: DbOrTx, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: adminUnits.id }).from(adminUnits).where(eq(adminUnits.id, id));
  return row !== undefined;
}

/** Adds an agency; an agency editor may add one only under an agency in their own subtree. */
export async function createAgency(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  input: CreateAgencyInput,
): Promise<AgencyRow> {
  return db.transaction(async (tx) => {
    const parentId = input.parentId ?? null;
    if (!mayCreateUnder(await agencyScopeOf(tx, user), parentId)) throw forbidden();
    await lockRegister(tx);
    const errors: FieldError[] = [];
    if (await codeTaken(tx, input.code)) errors.push({ field: 'code', message: 'agencies.error.codeTaken' });
    const parentError = parentId === null ? null : await parentProblem(tx, parentId);
    if (parentError) errors.push({ field: 'parentId', message: parentError });
    if (input.adminUnitId && !(await adminUnitExists(tx, input.adminUnitId))) {
      errors.push({ field: 'adminUnitId', message: 'agencies.error.adminUnitUnknown' });
    }
    if (errors.length) throw invalid(errors);
    const [created] = await tx
      .insert(agencies)
      .values({
        code: input.code,
        nameVi: input.nameVi,
        nameEn: input.nameEn ?? null,
        shortName: input.shortName ?? null,
        kind: input.kind,
        parentId,
        adminUnitId: input.adminUnitId ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'agency',
      entityId: created!.id,
      after: publicAgency(created!),
    });
    return created!;
  });
}

/**
 * Changes an agency's details or its place in the hierarchy. The caller sends
 * the rowVersion it read; if someone changed the agency since, nothing is
 * written and the caller gets 409.
 */
export async function updateAgency(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  id: number,
  input: UpdateAgencyInput,
): Promise<AgencyRow> {
  return db.transaction(async (tx) => {
    const before = await getAgency(tx, id);
    const scope = await agencyScopeOf(tx, user);
    if (!mayEdit(scope, id)) throw forbidden();
    const moves = input.parentId !== undefined && input.parentId !== before.parentId;
    if (moves && !mayMoveUnder(scope, input.parentId ?? null)) throw forbidden();
    await lockRegister(tx);
    const errors: FieldError[] = [];
    if (input.code !== undefined && (await codeTaken(tx, input.code, id))) {
      errors.push({ field: 'code', message: 'agencies.error.codeTaken' });
    }
    const parentError = moves && input.parentId != null ? await parentProblem(tx, input.parentId, id) : null;
    if (parentError) errors.push({ field: 'parentId', message: parentError });
    if (
      input.adminUnitId &&
      input.adminUnitId !== before.adminUnitId &&
      !(await adminUnitExists(tx, input.adminUnitId))
    ) {
      errors.push({ field: 'adminUnitId', message: 'agencies.error.adminUnitUnknown' });
    }
    if (errors.length) throw invalid(errors);
    const [after] = await tx
      .update(agencies)
      .set({
        code: input.code,
        nameVi: input.nameVi,
        nameEn: input.nameEn,
        shortName: input.shortName,
        kind: input.kind,
        parentId: input.parentId,
        adminUnitId: input.adminUnitId,
        email: input.email,
        phone: input.phone,
        rowVersion: sql`${agencies.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(agencies.id, id), eq(agencies.rowVersion, input.rowVersion)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'agency',
      entityId: id,
      before: publicAgency(before),
      after: publicAgency(after),
    });
    return after;
  });
}

/**
 * Switches an agency on or off. A deactivated agency keeps its history and
 * users but can no longer receive new units; one with active units below it
 * cannot be deactivated until they are.
 */
export async function setAgencyActive(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  id: number,
  active: boolean,
  rowVersion?: number,
): Promise<AgencyRow> {
  return db.transaction(async (tx) => {
    const before = await getAgency(tx, id);
    if (!maySetActive(await agencyScopeOf(tx, user), id)) throw forbidden();
    await lockRegister(tx);
    if (!active) {
      const [child] = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(and(eq(agencies.parentId, id), eq(agencies.active, true)))
        .limit(1);
      if (child) throw invalid([{ field: 'active', message: 'agencies.error.hasActiveChildren' }]);
    } else if (before.parentId !== null) {
      const [parent] = await tx
        .select({ active: agencies.active })
        .from(agencies)
        .where(eq(agencies.id, before.parentId));
      if (parent && !parent.active)
        throw invalid([{ field: 'active', message: 'agencies.error.parentInactive' }]);
    }
    const versionMatches = rowVersion === undefined ? undefined : eq(agencies.rowVersion, rowVersion);
    const [after] = await tx
      .update(agencies)
      .set({ active, rowVersion: sql`${agencies.rowVersion} + 1`, updatedAt: new Date() })
      .where(and(eq(agencies.id, id), versionMatches))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, actor, {
      action: active ? 'activate' : 'deactivate',
      entity: 'agency',
      entityId: id,
      before: publicAgency(before),
      after: publicAgency(after),
    });
    return after;
  });
}
