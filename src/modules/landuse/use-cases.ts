// Use cases of the land-use quota check: import quotas (administrators), check a
// submitted plan (signed-in users). Each records its audit row in the same transaction.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { AppError, invalid } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { rollUpTable } from '../geo/rollup.ts';
import { adminUnits } from '../geo/schema.ts';
import { NEW_PROVINCE_ID } from '../geo/seed.ts';
import { type Amounts, checkQuotas } from './check.ts';
import { landCategories, landPlanChecks, landQuotas, type QuotaLevel } from './schema.ts';
import { readAmountsXlsx, type SheetProblem } from './xlsx.ts';

export type Period = { start: number; end: number };

function sheetError(
  problems: SheetProblem[],
  t?: (k: string, p?: Record<string, string | number>) => string,
) {
  return new AppError(
    400,
    'invalid_sheet',
    'landuse.xlsx.problems',
    { count: problems.length },
    problems.slice(0, 50).map((p) => ({
      field: p.row ? `row ${p.row}` : 'file',
      message: t ? t(p.key, p.params) : p.key,
    })),
  );
}

/** Current (2025) communes by code, and the province by its code. */
export async function unitCodes(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: adminUnits.id, code: adminUnits.code, level: adminUnits.level })
    .from(adminUnits)
    .where(isNull(adminUnits.validTo));
  return new Map(rows.filter((r) => r.level !== 'district').map((r) => [r.code, r.id]));
}

/** Pre-2025 communes by code (a plan may still be drawn up by the old communes). */
export async function oldCommuneCodes(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: adminUnits.id, code: adminUnits.code })
    .from(adminUnits)
    .where(and(eq(adminUnits.level, 'commune'), isNotNull(adminUnits.validTo)));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Which communes a submitted plan is drawn up by: the 2025 ones, or the pre-2025 ones. */
export const UNIT_VINTAGES = ['new', 'old'] as const;
export type UnitVintage = (typeof UNIT_VINTAGES)[number];

export async function categoryCodes(db: DbOrTx): Promise<Set<string>> {
  return new Set((await db.select({ code: landCategories.code }).from(landCategories)).map((r) => r.code));
}

export async function quotasFor(db: DbOrTx, period: Period) {
  const rows = await db
    .select()
    .from(landQuotas)
    .where(and(eq(landQuotas.periodStart, period.start), eq(landQuotas.periodEnd, period.end)));
  const communes: Amounts = {};
  const province: Record<string, number> = {};
  for (const r of rows) {
    if (r.level === 'province') province[r.categoryCode] = r.areaHa;
    else {
      const row = communes[r.adminUnitId] ?? {};
      row[r.categoryCode] = r.areaHa;
      communes[r.adminUnitId] = row;
    }
  }
  return { communes, province, isSample: rows.some((r) => r.isSample) };
}

type Translate = (k: string, p?: Record<string, string | number>) => string;

export async function runPlanCheck(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  input: { title?: string; period: Period; fileName: string; bytes: Uint8Array; units?: UnitVintage },
  t?: Translate,
) {
  const units = input.units ?? 'new';
  const codes = units === 'old' ? await oldCommuneCodes(db) : await unitCodes(db);
  const read = await readAmountsXlsx(input.bytes, codes, await categoryCodes(db));
  if (read.problems.length)
    throw sheetError(
      units === 'old'
        ? read.problems.map((p) =>
            p.key === 'landuse.xlsx.unknownUnit' ? { ...p, key: 'landuse.xlsx.unknownOldUnit' } : p,
          )
        : read.problems,
      t,
    );
  if (Object.keys(read.amounts).length === 0)
    throw invalid([{ field: 'file', message: 'landuse.xlsx.empty' }]);
  // A plan by the pre-2025 communes is rolled up into the 2025 communes through the lineage.
  const rolled = units === 'old' ? await rollUpTable(db, read.amounts) : null;
  const amounts: Amounts = rolled ? rolled.table : read.amounts;
  const quotas = await quotasFor(db, input.period);
  const result = checkQuotas(amounts, quotas.communes, quotas.province);
  return db.transaction(async (tx) => {
    const title = input.title?.trim() || input.fileName;
    const [row] = await tx
      .insert(landPlanChecks)
      .values({
        title,
        fileName: input.fileName,
        periodStart: input.period.start,
        periodEnd: input.period.end,
        exceedanceCount: result.exceedances.length,
        result: {
          ...result,
          quotasAreSample: quotas.isSample,
          units,
          ...(rolled
            ? { rollup: { rule: rolled.rule, unassigned: rolled.unassigned, submitted: read.amounts } }
            : {}),
        } as unknown as Record<string, unknown>,
        requestedBy: user.id,
        requestedByLabel: user.displayName,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'landuse.check',
      entity: 'land_plan_check',
      entityId: row!.id,
      after: { title, units, exceedances: result.exceedances.length },
    });
    return row!;
  });
}

/** Upserts quotas of one level and period from an XLSX table (units × categories). */
export async function importQuotas(
  db: DbOrTx,
  actor: Actor,
  input: { level: QuotaLevel; period: Period; bytes: Uint8Array; sourceUrl?: string; isSample?: boolean },
  t?: Translate,
) {
  const codes = await unitCodes(db);
  const read = await readAmountsXlsx(input.bytes, codes, await categoryCodes(db));
  const wrongLevel = Object.keys(read.amounts).filter(
    (id) => (input.level === 'province') !== (id === NEW_PROVINCE_ID),
  );
  const problems = [
    ...read.problems,
    ...wrongLevel.map((id) => ({ row: 0, key: 'landuse.xlsx.wrongLevel', params: { code: id } })),
  ];
  if (problems.length) throw sheetError(problems, t);
  const rows = Object.entries(read.amounts).flatMap(([unitId, values]) =>
    Object.entries(values).map(([categoryCode, areaHa]) => ({
      level: input.level,
      adminUnitId: unitId,
      categoryCode,
      periodStart: input.period.start,
      periodEnd: input.period.end,
      areaHa,
      isSample: input.isSample ?? false,
      sources: input.sourceUrl ? [input.sourceUrl] : [],
    })),
  );
  if (rows.length === 0) throw invalid([{ field: 'file', message: 'landuse.xlsx.empty' }]);
  return db.transaction(async (tx) => {
    for (const r of rows) {
      await tx
        .insert(landQuotas)
        .values(r)
        .onConflictDoUpdate({
          target: [
            landQuotas.adminUnitId,
            landQuotas.categoryCode,
            landQuotas.periodStart,
            landQuotas.periodEnd,
          ],
          set: {
            areaHa: r.areaHa,
            level: r.level,
            isSample: r.isSample,
            sources: r.sources,
            rowVersion: sql`${landQuotas.rowVersion} + 1`,
            updatedAt: sql`now()`,
          },
        });
    }
    await recordAudit(tx, actor, {
      action: 'landuse.quotas.import',
      entity: 'land_quotas',
      entityId: `${input.level}:${input.period.start}-${input.period.end}`,
      after: { rows: rows.length },
    });
    return { imported: rows.length };
  });
}
