// Use cases of the indicators module. Each checks who may write, validates and
// writes with its audit row in one transaction: a refused or invalid input writes nothing.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { conflict, forbidden, invalid } from '../../kernel/http/errors.ts';
import { canWriteForAgency } from '../agencies/scope.ts';
import { recordAudit } from '../audit/record.ts';
import { adminUnits } from '../geo/schema.ts';
import { indicatorObservations, indicators } from './schema.ts';
import type { ObservationInput } from './schemas.ts';

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
    return writeOne(tx, actor, user, indicator, input);
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
    for (const { data } of valid) {
      const { indicatorCode, ...input } = data;
      await writeOne(tx, actor, user, byCode.get(indicatorCode)!, input);
    }
    return { written: valid.length };
  });
}
