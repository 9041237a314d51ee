// Use cases of the indicators module. Each checks who may write, validates and
// writes with its audit row in one transaction: a refused or invalid input writes nothing.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { conflict, forbidden, invalid, notFound } from '../../kernel/http/errors.ts';
import { formatNumber } from '../../kernel/i18n/index.ts';
import { users } from '../accounts/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { canWriteForAgency } from '../agencies/scope.ts';
import { recordAudit } from '../audit/record.ts';
import { adminUnits } from '../geo/schema.ts';
import { enqueue } from '../notifications/outbox.ts';
import { targetStatusSnapshot, targetStatusWebhooks } from '../webhooks/bridges.ts';
import { indicatorObservations, indicators, indicatorTargets } from './schema.ts';
import type { IndicatorInput, ObservationInput, TargetInput } from './schemas.ts';

type IndicatorRow = typeof indicators.$inferSelect;
type ObservationRow = typeof indicatorObservations.$inferSelect;

/** Planners and administrators enter any indicator; an agency editor only those their agency is responsible for. */
export async function mayEnterObservations(db: DbOrTx, user: CurrentUser | null, indicator: IndicatorRow) {
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'planner') return true;
  return user.role === 'agency_editor' && (await canWriteForAgency(db, user, indicator.responsibleAgencyId));
}

/** Only planners and administrators approve; what an agency editor enters stays a draft until then. */
export function mayApprove(user: CurrentUser): boolean {
  return user.role === 'admin' || user.role === 'planner';
}

type Keyed = ObservationInput & { indicatorCode: string };

async function writeOne(
  tx: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  indicator: IndicatorRow,
  input: ObservationInput,
): Promise<ObservationRow> {
  const quarter = input.quarter ?? 0;
  const adminUnitId = input.adminUnitId ?? indicator.adminUnitId;
  const status = mayApprove(user) ? (input.status ?? 'approved') : 'draft';
  const [existing] = await tx
    .select()
    .from(indicatorObservations)
    .where(
      and(
        eq(indicatorObservations.indicatorId, indicator.id),
        eq(indicatorObservations.year, input.year),
        eq(indicatorObservations.quarter, quarter),
        eq(indicatorObservations.adminUnitId, adminUnitId),
      ),
    );
  const values = {
    value: input.value,
    status,
    note: input.note ?? null,
    sources: input.sources ?? [],
  };
  if (existing) {
    // Replacing a value needs the version read; an approved value is changed by approvers only.
    if (input.rowVersion !== undefined && input.rowVersion !== existing.rowVersion) throw conflict();
    if (existing.status === 'approved' && !mayApprove(user))
      throw forbidden('indicators.error.approvedLocked');
    const [saved] = await tx
      .update(indicatorObservations)
      .set({ ...values, rowVersion: existing.rowVersion + 1, updatedAt: new Date() })
      .where(
        and(
          eq(indicatorObservations.id, existing.id),
          eq(indicatorObservations.rowVersion, existing.rowVersion),
        ),
      )
      .returning();
    if (!saved) throw conflict();
    await recordAudit(tx, actor, {
      action: 'indicator_observation.update',
      entity: 'indicator_observation',
      entityId: saved.id,
      before: existing,
      after: saved,
    });
    return saved;
  }
  const [saved] = await tx
    .insert(indicatorObservations)
    .values({
      indicatorId: indicator.id,
      year: input.year,
      quarter,
      adminUnitId,
      ...values,
      createdByUserId: user.id,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'indicator_observation.create',
    entity: 'indicator_observation',
    entityId: saved!.id,
    after: saved,
  });
  return saved!;
}

async function unknownUnits(tx: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.select({ id: adminUnits.id }).from(adminUnits).where(inArray(adminUnits.id, ids));
  const known = new Set(rows.map((r) => r.id));
  return new Set(ids.filter((id) => !known.has(id)));
}

/** Records one observation of an indicator (or replaces the one for the same year, quarter and unit). */
export async function recordObservation(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  indicatorCode: string,
  input: ObservationInput,
): Promise<ObservationRow> {
  return db.transaction(async (tx) => {
    const [indicator] = await tx.select().from(indicators).where(eq(indicators.code, indicatorCode));
    if (!indicator) throw invalid([{ field: 'indicatorCode', message: 'indicators.error.unknownIndicator' }]);
    if (!(await mayEnterObservations(tx, user, indicator))) throw forbidden();
    if (input.adminUnitId && (await unknownUnits(tx, [input.adminUnitId])).size > 0)
      throw invalid([{ field: 'adminUnitId', message: 'indicators.error.unknownUnit' }]);
    const before = await targetStatusSnapshot(tx, [indicatorCode]);
    const written = await writeOne(tx, actor, user, indicator, input);
    await targetStatusWebhooks(tx, before);
    return written;
  });
}

export type RowError = { row: number; column: string; message: string };

/**
 * Imports many observations (from the spreadsheet): every row is checked first; if any row is
 * wrong nothing is written and every problem comes back with its row and column.
 */
export async function importObservations(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  rows: { row: number; data?: Keyed; errors: RowError[] }[],
): Promise<{ written: number }> {
  return db.transaction(async (tx) => {
    const errors: RowError[] = rows.flatMap((r) => r.errors);
    const valid = rows.filter((r) => r.data && r.errors.length === 0) as { row: number; data: Keyed }[];
    const codes = [...new Set(valid.map((r) => r.data.indicatorCode))];
    const found = codes.length
      ? await tx.select().from(indicators).where(inArray(indicators.code, codes))
      : [];
    const byCode = new Map(found.map((i) => [i.code, i]));
    const missingUnits = await unknownUnits(tx, [
      ...new Set(valid.map((r) => r.data.adminUnitId).filter((u): u is string => Boolean(u))),
    ]);
    const seen = new Set<string>();
    for (const { row, data } of valid) {
      const indicator = byCode.get(data.indicatorCode);
      if (!indicator) {
        errors.push({ row, column: 'indicator_code', message: 'indicators.error.unknownIndicator' });
        continue;
      }
      if (!(await mayEnterObservations(tx, user, indicator)))
        errors.push({ row, column: 'indicator_code', message: 'indicators.error.notYours' });
      if (data.adminUnitId && missingUnits.has(data.adminUnitId))
        errors.push({ row, column: 'admin_unit_id', message: 'indicators.error.unknownUnit' });
      const key = `${data.indicatorCode}|${data.year}|${data.quarter ?? 0}|${data.adminUnitId ?? indicator.adminUnitId}`;
      if (seen.has(key)) errors.push({ row, column: 'year', message: 'indicators.error.duplicateRow' });
      seen.add(key);
    }
    if (rows.length === 0) errors.push({ row: 0, column: '', message: 'indicators.error.emptyFile' });
    if (errors.length > 0) {
      throw invalid(
        errors.map((e) => ({ field: `row${e.row}.${e.column}`, message: e.message })),
        'indicators.error.importRejected',
      );
    }
    const before = await targetStatusSnapshot(tx, codes);
    for (const { data } of valid) {
      const { indicatorCode, ...input } = data;
      await writeOne(tx, actor, user, byCode.get(indicatorCode)!, input);
    }
    await targetStatusWebhooks(tx, before);
    return { written: valid.length };
  });
}

// ---- planners edit indicators and their targets, and review drafts ----

function assertPlanner(user: CurrentUser): void {
  if (!mayApprove(user)) throw forbidden();
}

async function lockedIndicator(tx: DbOrTx, code: string): Promise<IndicatorRow> {
  const [row] = await tx.select().from(indicators).where(eq(indicators.code, code)).for('update');
  if (!row) throw notFound();
  return row;
}

/** Changes an indicator's description, baseline and responsible agency (its code and plan version stay). */
export async function updateIndicator(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  code: string,
  input: IndicatorInput,
): Promise<IndicatorRow> {
  assertPlanner(user);
  return db.transaction(async (tx) => {
    const existing = await lockedIndicator(tx, code);
    if (input.rowVersion !== existing.rowVersion) throw conflict();
    if (input.responsibleAgencyId !== undefined) {
      const [agency] = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(eq(agencies.id, input.responsibleAgencyId));
      if (!agency) throw invalid([{ field: 'responsibleAgencyId', message: 'indicators.error.agency' }]);
    }
    const [saved] = await tx
      .update(indicators)
      .set({
        nameVi: input.nameVi,
        nameEn: input.nameEn ?? null,
        unit: input.unit,
        category: input.category,
        direction: input.direction,
        kind: input.kind,
        baselineYear: input.baselineYear ?? null,
        baselineValue: input.baselineValue ?? null,
        baselineNote: input.baselineNote ?? null,
        responsibleAgencyId: input.responsibleAgencyId ?? null,
        dataSource: input.dataSource ?? null,
        scopeNote: input.scopeNote ?? null,
        notes: input.notes ?? null,
        sources: input.sources ?? [],
        rowVersion: existing.rowVersion + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(indicators.id, existing.id), eq(indicators.rowVersion, existing.rowVersion)))
      .returning();
    if (!saved) throw conflict();
    await recordAudit(tx, actor, {
      action: 'indicator.update',
      entity: 'indicator',
      entityId: saved.id,
      before: existing,
      after: saved,
    });
    return saved;
  });
}

type TargetRow = typeof indicatorTargets.$inferSelect;

/** Adds a target to an indicator, or changes one of its targets (targetId). */
export async function saveTarget(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  code: string,
  input: TargetInput,
  targetId?: number,
): Promise<TargetRow> {
  assertPlanner(user);
  return db.transaction(async (tx) => {
    const indicator = await lockedIndicator(tx, code);
    const periodStart = input.periodStart ?? null;
    const same = await tx
      .select({ id: indicatorTargets.id })
      .from(indicatorTargets)
      .where(
        and(
          eq(indicatorTargets.indicatorId, indicator.id),
          eq(indicatorTargets.year, input.year),
          periodStart === null
            ? isNull(indicatorTargets.periodStart)
            : eq(indicatorTargets.periodStart, periodStart),
        ),
      );
    if (same.some((r) => r.id !== targetId))
      throw invalid([{ field: 'year', message: 'indicators.error.targetExists' }]);
    const values = {
      year: input.year,
      periodStart,
      value: input.value ?? null,
      minValue: input.minValue ?? null,
      maxValue: input.maxValue ?? null,
      comparator: input.comparator,
      note: input.note ?? null,
      sources: input.sources ?? [],
    };
    if (targetId === undefined) {
      const [saved] = await tx
        .insert(indicatorTargets)
        .values({ indicatorId: indicator.id, ...values })
        .returning();
      await recordAudit(tx, actor, {
        action: 'indicator_target.create',
        entity: 'indicator_target',
        entityId: saved!.id,
        after: saved,
      });
      return saved!;
    }
    const [existing] = await tx
      .select()
      .from(indicatorTargets)
      .where(and(eq(indicatorTargets.id, targetId), eq(indicatorTargets.indicatorId, indicator.id)));
    if (!existing) throw notFound();
    const [saved] = await tx
      .update(indicatorTargets)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(indicatorTargets.id, existing.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'indicator_target.update',
      entity: 'indicator_target',
      entityId: existing.id,
      before: existing,
      after: saved,
    });
    return saved!;
  });
}

export async function deleteTarget(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  code: string,
  targetId: number,
): Promise<void> {
  assertPlanner(user);
  await db.transaction(async (tx) => {
    const indicator = await lockedIndicator(tx, code);
    const [existing] = await tx
      .delete(indicatorTargets)
      .where(and(eq(indicatorTargets.id, targetId), eq(indicatorTargets.indicatorId, indicator.id)))
      .returning();
    if (!existing) throw notFound();
    await recordAudit(tx, actor, {
      action: 'indicator_target.delete',
      entity: 'indicator_target',
      entityId: existing.id,
      before: existing,
    });
  });
}

/**
 * A planner approves a draft (it then counts in the status) or rejects it (the draft is
 * removed; the audit keeps what it was and why). The version the reviewer saw must still be
 * the current one, so a value changed meanwhile is not approved unseen.
 */
export async function reviewObservation(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  observationId: number,
  decision: 'approve' | 'reject',
  input: { rowVersion: number; reason?: string },
): Promise<ObservationRow | null> {
  assertPlanner(user);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(indicatorObservations)
      .where(eq(indicatorObservations.id, observationId))
      .for('update');
    if (!existing) throw notFound();
    if (existing.status !== 'draft') throw conflict('indicators.error.notDraft');
    if (existing.rowVersion !== input.rowVersion) throw conflict();
    if (decision === 'reject') {
      await tx.delete(indicatorObservations).where(eq(indicatorObservations.id, existing.id));
      await tellEnterer(tx, user, existing, input.reason);
      await recordAudit(tx, actor, {
        action: 'indicator_observation.reject',
        entity: 'indicator_observation',
        entityId: existing.id,
        before: existing,
        after: { reason: input.reason ?? null },
      });
      return null;
    }
    const [indicator] = await tx
      .select({ code: indicators.code })
      .from(indicators)
      .where(eq(indicators.id, existing.indicatorId));
    const before = await targetStatusSnapshot(tx, [indicator!.code]);
    const [saved] = await tx
      .update(indicatorObservations)
      .set({ status: 'approved', rowVersion: existing.rowVersion + 1, updatedAt: new Date() })
      .where(eq(indicatorObservations.id, existing.id))
      .returning();
    await targetStatusWebhooks(tx, before);
    await recordAudit(tx, actor, {
      action: 'indicator_observation.approve',
      entity: 'indicator_observation',
      entityId: existing.id,
      before: existing,
      after: saved,
    });
    return saved!;
  });
}

/** The person who entered a rejected draft is told, with the reason (unless they rejected it themselves). */
async function tellEnterer(
  tx: DbOrTx,
  reviewer: CurrentUser,
  draft: ObservationRow,
  reason: string | undefined,
): Promise<void> {
  if (!draft.createdByUserId || draft.createdByUserId === reviewer.id) return;
  const [enterer] = await tx
    .select({ id: users.id, email: users.email, active: users.active })
    .from(users)
    .where(eq(users.id, draft.createdByUserId));
  if (!enterer?.active) return;
  const [indicator] = await tx
    .select({ nameVi: indicators.nameVi, unit: indicators.unit })
    .from(indicators)
    .where(eq(indicators.id, draft.indicatorId));
  const when = draft.quarter ? `quý ${draft.quarter}/${draft.year}` : `năm ${draft.year}`;
  await enqueue(tx, {
    recipient: enterer.email,
    recipientUserId: enterer.id,
    kind: 'indicator_draft_rejected',
    dedupeKey: `indicator-draft-rejected:${draft.id}:${draft.rowVersion}`,
    subject: `Số liệu chỉ tiêu "${indicator?.nameVi ?? ''}" ${when} không được duyệt`,
    body:
      `Số liệu ${formatNumber('vi', draft.value, 3)} ${indicator?.unit ?? ''} (${when}, đơn vị ${draft.adminUnitId}) bạn nhập đã bị từ chối và xóa.\n\n` +
      `Lý do: ${reason ?? '(không ghi)'}\n\nBạn có thể nhập lại số liệu đã sửa.`,
  });
}
