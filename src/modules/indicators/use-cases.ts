// Use cases of the indicators module. Each checks who may write, validates and
// writes with its audit row in one transaction: a refused or invalid input writes nothing.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../kernel/http/errors.ts';
import { formatNumber } from '../../kernel/i18n/index.ts';
import { collectGarbage } from '../../kernel/memory.ts';
import { users } from '../accounts/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { canWriteForAgency } from '../agencies/scope.ts';
import { recordAudit, recordAudits } from '../audit/record.ts';
import { adminUnits } from '../geo/schema.ts';
import { enqueue } from '../notifications/outbox.ts';
import {
  type TargetStatusSnapshot,
  targetStatusSnapshot,
  targetStatusWebhooks,
} from '../webhooks/bridges.ts';
import { type InsertColumns, insertColumns, type PendingRow, SeenObservations } from './import-batch.ts';
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

/** One row of an import as the reader gives it: the checked data, or its errors. */
export type ImportRow = { row: number; data?: Keyed; errors: RowError[] };

export type ImportOptions = {
  /** Rows per INSERT statement. */
  batchRows?: number;
  /** What the audit entry says about the file. */
  source?: { filename?: string; bytes?: number; sha256?: string };
};

export type ImportSummary = { written: number; inserted: number; replaced: number };

/** Rows written per statement: large enough to amortise a round trip and the per-statement work, small enough to stay about a megabyte. */
export const IMPORT_BATCH_ROWS = 10_000;
/** Rows between full garbage collections while importing: keeps a million-row import's peak memory low. */
export const IMPORT_ROWS_PER_COLLECTION = 100_000;
/** Errors listed in a refusal; the total is counted beyond that. */
export const IMPORT_MAX_ERRORS = 100;

/** The rows were fine but the file as a whole is refused: its errors, the first IMPORT_MAX_ERRORS of them. */
function importRejected(errors: RowError[], errorCount: number): AppError {
  const fields = errors.map((e) => ({ field: `row${e.row}.${e.column}`, message: e.message }));
  return errorCount > errors.length
    ? new AppError(
        400,
        'validation_failed',
        'indicators.error.importRejectedMore',
        {
          count: errorCount,
          shown: errors.length,
        },
        fields,
      )
    : invalid(fields, 'indicators.error.importRejected');
}

const observationKey = (indicatorId: number, year: number, quarter: number, unit: string) =>
  `${indicatorId}|${year}|${quarter}|${unit}`;

/**
 * Imports many observations (from the spreadsheet), streamed: each row is checked as it
 * arrives (indicator and unit from lookups loaded once, permission per indicator, no row
 * twice) and written in batches of multi-row upserts, all inside one transaction. If any
 * row is wrong nothing is written: every problem comes back with its row and column (the
 * first IMPORT_MAX_ERRORS, and how many there are). A row for an indicator, year, quarter
 * and unit that already has a value replaces it, as a single entry does; each replaced value
 * keeps its own audit row (before and after), and the import one row with its counts.
 */
export async function importObservations(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  rows: AsyncIterable<ImportRow> | Iterable<ImportRow>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchRows = options.batchRows ?? IMPORT_BATCH_ROWS;
  const approver = mayApprove(user);
  return db.transaction(async (tx) => {
    const byCode = new Map((await tx.select().from(indicators)).map((i) => [i.code, i]));
    const unitIds = await queryRows<{ id: string }>(tx, sql`select id from admin_units`);
    // Each unit gets a small number: a row is one bit of its indicator's period (no key string per row).
    const unitIndex = new Map(unitIds.map((u, i) => [u.id, i]));
    const seen = new SeenObservations(unitIds.length);
    const mayEnter = new Map<number, boolean>();

    const errors: RowError[] = [];
    let errorCount = 0;
    const fail = (row: number, column: string, message: string) => {
      errorCount += 1;
      if (errors.length < IMPORT_MAX_ERRORS) errors.push({ row, column, message });
    };

    const before: TargetStatusSnapshot = new Map();
    const snapshotted = new Set<string>();
    const importedAt = new Date();
    let rowsRead = 0;
    let inserted = 0;
    let replaced = 0;

    /**
     * The stored observations for these rows' indicator, year, quarter and unit, locked; with
     * `beforeImport`, only those this transaction did not create (its rows have created_at = now()).
     */
    const storedFor = async (pending: readonly PendingRow[], beforeImport = false) => {
      const keys = JSON.stringify(
        pending.map((p) => ({ i: p.indicator.id, y: p.year, q: p.quarter, u: p.adminUnitId })),
      );
      const found = await tx
        .select()
        .from(indicatorObservations)
        .where(
          sql`(${indicatorObservations.indicatorId}, ${indicatorObservations.year}, ${indicatorObservations.quarter}, ${indicatorObservations.adminUnitId})
            in (select k.i, k.y, k.q, k.u from json_to_recordset(${keys}::json) as k(i int, y int, q int, u text))
            ${beforeImport ? sql`and ${indicatorObservations.createdAt} <> now()` : sql``}`,
        )
        .for('update');
      return new Map(found.map((o) => [observationKey(o.indicatorId, o.year, o.quarter, o.adminUnitId), o]));
    };
    const keyOf = (p: PendingRow) => observationKey(p.indicator.id, p.year, p.quarter, p.adminUnitId);
    const lockedFor = (old: ObservationRow | undefined) => !approver && old?.status === 'approved';

    /**
     * Writes a batch (while the file is still clean): new observations in one INSERT; those
     * that already have a value are then read, checked (an approved value is changed by
     * approvers only), replaced and audited one by one. Once a row is wrong nothing will be
     * committed, so only the check of stored values goes on.
     */
    const flush = async (batch: PendingRow[], columns: InsertColumns | null) => {
      if (errorCount > 0 || !columns) {
        if (!approver) {
          const stored = await storedFor(batch);
          for (const p of batch)
            if (lockedFor(stored.get(keyOf(p)))) fail(p.row, 'value', 'indicators.error.approvedLocked');
        }
        return;
      }
      const fresh = [...new Set(batch.map((p) => p.indicator.code))].filter((c) => !snapshotted.has(c));
      if (fresh.length) {
        // The status before this import, taken before the first write to each indicator.
        for (const [id, s] of await targetStatusSnapshot(tx, fresh)) before.set(id, s);
        for (const c of fresh) snapshotted.add(c);
      }
      const [added] = await queryRows<{ n: number }>(
        tx,
        sql`with added as (
            insert into indicator_observations
              (indicator_id, year, quarter, admin_unit_id, value, status, note, sources, created_by_user_id)
            select r.i, r.y, r.q, r.u, r.v, r.s, r.n, r.src, ${user.id}::int
              from unnest(${columns.i}::int[], ${columns.y}::int[], ${columns.q}::int[], ${columns.u}::text[],
                ${columns.v}::numeric[], ${columns.s}::text[], ${columns.n}::text[], ${columns.src}::jsonb[])
                as r(i, y, q, u, v, s, n, src)
            on conflict (indicator_id, year, quarter, admin_unit_id) do nothing
            returning 1)
          select count(*)::int as n from added`,
      );
      const addedCount = Number(added?.n ?? 0);
      inserted += addedCount;
      if (addedCount === batch.length) return;

      // Some rows already had a value: those stored before this import (not created by it) are replaced.
      const stored = await storedFor(batch, true);
      const replacing = batch.filter((p) => stored.has(keyOf(p)));
      // Not added and not stored before: someone else added it meanwhile.
      if (replacing.length !== batch.length - addedCount) throw conflict();
      const changes: { p: PendingRow; old: ObservationRow }[] = [];
      for (const p of replacing) {
        const old = stored.get(keyOf(p))!;
        if (lockedFor(old)) fail(p.row, 'value', 'indicators.error.approvedLocked');
        else changes.push({ p, old });
      }
      if (errorCount > 0) return;
      await tx.execute(
        sql`update indicator_observations as o set value = r.v, status = r.s, note = r.n, sources = r.src,
            row_version = o.row_version + 1, updated_at = ${importedAt.toISOString()}::timestamptz
          from json_to_recordset(${JSON.stringify(
            changes.map(({ p, old }) => ({ id: old.id, v: p.value, s: p.status, n: p.note, src: p.sources })),
          )}::json) as r(id int, v numeric, s text, n text, src jsonb)
          where o.id = r.id`,
      );
      replaced += changes.length;
      await recordAudits(
        tx,
        actor,
        changes.map(({ p, old }) => ({
          action: 'indicator_observation.update',
          entity: 'indicator_observation',
          entityId: old.id,
          before: old,
          after: {
            ...old,
            value: p.value,
            status: p.status,
            note: p.note,
            sources: p.sources,
            rowVersion: old.rowVersion + 1,
            updatedAt: importedAt,
          },
        })),
      );
    };

    // One batch is written while the next is being read: the file is parsed while the database works.
    let batch: PendingRow[] = [];
    let writing: Promise<void> = Promise.resolve();
    let sentSinceCollection = 0;
    const send = async () => {
      // Built before the previous INSERT ends, so the next one is sent at once.
      const columns = errorCount === 0 ? insertColumns(batch) : null;
      await writing;
      sentSinceCollection += batch.length;
      if (sentSinceCollection >= IMPORT_ROWS_PER_COLLECTION) {
        collectGarbage();
        sentSinceCollection = 0;
      }
      writing = flush(batch, columns);
      // Awaited at the next send or at the end; until then a failure must not go unhandled.
      writing.catch(() => {});
      batch = [];
    };

    for await (const { row, data, errors: rowErrors } of rows) {
      rowsRead += 1;
      for (const e of rowErrors) fail(e.row, e.column, e.message);
      if (!data || rowErrors.length > 0) continue;
      const indicator = byCode.get(data.indicatorCode);
      if (!indicator) {
        fail(row, 'indicator_code', 'indicators.error.unknownIndicator');
        continue;
      }
      let allowed = mayEnter.get(indicator.id);
      if (allowed === undefined) {
        allowed = await mayEnterObservations(tx, user, indicator);
        mayEnter.set(indicator.id, allowed);
      }
      const errorsBefore = errorCount;
      if (!allowed) fail(row, 'indicator_code', 'indicators.error.notYours');
      const adminUnitId = data.adminUnitId ?? indicator.adminUnitId;
      const unit = unitIndex.get(adminUnitId);
      if (unit === undefined) fail(row, 'admin_unit_id', 'indicators.error.unknownUnit');
      else {
        const quarter = data.quarter ?? 0;
        if (!seen.add(indicator.id, data.year, quarter, unit))
          fail(row, 'year', 'indicators.error.duplicateRow');
        // Once a row is wrong nothing will be written, so only the checks go on.
        if (errorCount === errorsBefore)
          batch.push({
            row,
            indicator,
            year: data.year,
            quarter,
            adminUnitId,
            value: data.value,
            status: approver ? (data.status ?? 'approved') : 'draft',
            note: data.note ?? null,
            sources: data.sources ?? [],
          });
        if (batch.length >= batchRows) await send();
      }
    }
    if (batch.length) await send();
    await writing;

    if (rowsRead === 0) fail(0, '', 'indicators.error.emptyFile');
    if (errorCount > 0) throw importRejected(errors, errorCount);
    await targetStatusWebhooks(tx, before);
    const written = inserted + replaced;
    await recordAudit(tx, actor, {
      action: 'indicator_observation.import',
      entity: 'indicator_observation_import',
      entityId: options.source?.sha256 ?? actor.requestId ?? importedAt.toISOString(),
      after: {
        rows: written,
        inserted,
        replaced,
        indicators: [...snapshotted].sort(),
        file: options.source ?? null,
      },
    });
    return { written, inserted, replaced };
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
    const additive = input.additive ?? existing.additive;
    if (!additive && existing.additive) {
      const [weighed] = await tx
        .select({ code: indicators.code })
        .from(indicators)
        .where(eq(indicators.weightIndicatorId, existing.id))
        .limit(1);
      if (weighed) throw invalid([{ field: 'additive', message: 'indicators.error.usedAsWeight' }]);
    }
    const weightIndicatorId = additive
      ? null
      : input.weightIndicator === undefined
        ? existing.weightIndicatorId
        : await weightIndicatorOf(tx, existing, input.weightIndicator);
    const [saved] = await tx
      .update(indicators)
      .set({
        nameVi: input.nameVi,
        nameEn: input.nameEn ?? null,
        unit: input.unit,
        category: input.category,
        direction: input.direction,
        kind: input.kind,
        additive,
        weightIndicatorId,
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

/**
 * Rule: a non-additive indicator's mean by place is weighed by an additive indicator (another
 * one: a share of schools by the number of schools, a rate per person by the population).
 */
async function weightIndicatorOf(
  tx: DbOrTx,
  indicator: IndicatorRow,
  code: string | null,
): Promise<number | null> {
  if (code === null) return null;
  const [weight] = await tx
    .select({ id: indicators.id, additive: indicators.additive })
    .from(indicators)
    .where(eq(indicators.code, code));
  if (!weight) throw invalid([{ field: 'weightIndicator', message: 'indicators.error.weight' }]);
  if (weight.id === indicator.id)
    throw invalid([{ field: 'weightIndicator', message: 'indicators.error.weightSelf' }]);
  if (!weight.additive)
    throw invalid([{ field: 'weightIndicator', message: 'indicators.error.weightAdditive' }]);
  return weight.id;
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
