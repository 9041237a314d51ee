// Loads the 30 indicators of datasets/thai-nguyen-2021-2030/indicators.json with
// their targets and the actual values the press reported, each with its source.
// Nothing is added: a missing baseline, agency or actual stays empty.
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../kernel/db/types.ts';
import { upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { readDataset } from '../geo/dataset.ts';
import { NEW_PROVINCE_ID } from '../geo/seed.ts';
import { plans } from '../plan/schema.ts';
import { PLAN_CODES } from '../plan/seed.ts';
import { upsertSearchDocuments } from '../search/register.ts';
import { additiveByUnit } from './additive.ts';
import { type IndicatorCategory, indicatorObservations, indicators, indicatorTargets } from './schema.ts';
import type { Comparator, Direction, IndicatorKind } from './status.ts';

export const OLD_PROVINCE_ID = 'province-19-pre2025';

const band = z.union([z.number(), z.object({ min: z.number().optional(), max: z.number().optional() })]);
const fileSchema = z.array(
  z.object({
    code: z.string().min(1),
    name_vi: z.string().min(1),
    name_en: z.string().min(1),
    unit: z.string().min(1),
    baseline: z
      .looseObject({
        year: z.union([z.number().int(), z.string()]),
        value: z.number(),
        unit: z.string().optional(),
        comparator: z.string().optional(),
        source: z.url(),
        note: z.string().optional(),
      })
      .nullable(),
    targets: z.array(
      z.looseObject({
        year: z.number().int(),
        period: z.string().optional(),
        value: band,
        comparator: z.string().optional(),
        target_type: z.enum(['level', 'average_annual', 'cumulative']),
        note: z.string().optional(),
        breakdown: z.record(z.string(), z.number()).optional(),
      }),
    ),
    category: z.string().min(1),
    plan_version: z.string().min(1),
    scope: z.string().min(1),
    source: z.url(),
    additional_sources: z.array(z.url()),
    actuals: z.array(
      z.looseObject({
        year: z.number().int(),
        value: z.number(),
        source: z.url(),
        note: z.string().optional(),
        unit_note: z.string().optional(),
        additional_sources: z.array(z.url()).optional(),
      }),
    ),
    note: z.string().nullable(),
  }),
);
type IndicatorRecord = z.infer<typeof fileSchema>[number];

const PLAN_OF: Record<string, string> = {
  'QĐ 222/QĐ-TTg (2023)': PLAN_CODES.thaiNguyen,
  dieu_chinh_2026: PLAN_CODES.adjustment2026,
};

/**
 * Which way is better. The dataset does not say; it follows from the target against the
 * latest known value: the shares of agriculture in GRDP and in employment are to fall
 * (7.2 % of GRDP from 10.5 % in 2022; 27 % of workers), everything else is to rise.
 */
const LOWER_IS_BETTER = new Set(['econ_share_agriculture', 'labor_share_agriculture']);

function kindOf(r: IndicatorRecord): IndicatorKind {
  const types = new Set(r.targets.map((t) => t.target_type));
  if (types.has('average_annual')) return 'average_growth';
  if (types.has('cumulative')) return 'cumulative';
  // Percentages move in points: a straight-line trend; other levels grow by compound rates.
  return r.unit.trim().startsWith('%') ? 'rate' : 'level';
}

const COMPARATOR_OF: Record<string, Comparator> = {
  approx: 'approx',
  gt: 'gt',
  gte: 'gte',
  lt: 'lt',
  lte: 'lte',
};

function targetRow(indicatorId: number, t: IndicatorRecord['targets'][number], r: IndicatorRecord) {
  const period = t.period ? /^(\d{4})-(\d{4})$/.exec(t.period) : null;
  const isBand = typeof t.value === 'object';
  const v = t.value;
  const min = typeof v === 'object' ? (v.min ?? null) : null;
  const max = typeof v === 'object' ? (v.max ?? null) : null;
  const comparator: Comparator = t.comparator
    ? (COMPARATOR_OF[t.comparator] ?? 'eq')
    : min !== null && max !== null
      ? 'between'
      : 'eq';
  return {
    indicatorId,
    year: t.year,
    periodStart: period ? Number(period[1]) : null,
    value: typeof v === 'number' ? v : null,
    minValue: isBand ? min : null,
    maxValue: isBand ? max : null,
    comparator,
    note: t.note ?? null,
    details: t.breakdown ? { breakdown: t.breakdown } : null,
    sources: [r.source, ...r.additional_sources],
    isSample: false,
  };
}

function baselineOf(r: IndicatorRecord) {
  const b = r.baseline;
  if (!b) return { baselineYear: null, baselineValue: null, baselineNote: null, sources: [] as string[] };
  const notes = [b.comparator === 'gt' ? 'Nguồn ghi "hơn" giá trị này.' : null, b.note ?? null];
  // A baseline over a period, or in another unit, is kept as a note, not used by the status method.
  if (typeof b.year !== 'number' || (b.unit && b.unit !== r.unit)) {
    return {
      baselineYear: null,
      baselineValue: null,
      baselineNote: [`${b.year}: ${b.value} ${b.unit ?? r.unit}`, ...notes].filter(Boolean).join(' — '),
      sources: [b.source],
    };
  }
  return {
    baselineYear: b.year,
    baselineValue: b.value,
    baselineNote: notes.filter(Boolean).join(' ') || null,
    sources: [b.source],
  };
}

export async function seedIndicators(db: Db): Promise<SeedCounts> {
  const records = readDataset('thai-nguyen-2021-2030/indicators.json', fileSchema);
  const planRows = await db
    .select({ id: plans.id, code: plans.code })
    .from(plans)
    .where(inArray(plans.code, Object.values(PLAN_OF)));
  const planId = new Map(planRows.map((p) => [p.code, p.id]));
  let targetCount = 0;
  let observationCount = 0;
  await db.transaction(async (tx) => {
    for (const [i, r] of records.entries()) {
      const planCode = PLAN_OF[r.plan_version];
      const pid = planCode ? planId.get(planCode) : undefined;
      if (!pid) throw new Error(`indicators.json: unknown plan version "${r.plan_version}" (${r.code})`);
      const unitId = r.plan_version === 'dieu_chinh_2026' ? NEW_PROVINCE_ID : OLD_PROVINCE_ID;
      const base = baselineOf(r);
      const direction: Direction = LOWER_IS_BETTER.has(r.code) ? 'lower' : 'higher';
      const row = {
        code: r.code,
        nameVi: r.name_vi,
        nameEn: r.name_en,
        unit: r.unit,
        category: r.category as IndicatorCategory,
        direction,
        kind: kindOf(r),
        additive: additiveByUnit(r.unit),
        baselineYear: base.baselineYear,
        baselineValue: base.baselineValue,
        baselineNote: base.baselineNote,
        responsibleAgencyId: null,
        dataSource: null,
        planId: pid,
        adminUnitId: unitId,
        scopeNote: r.scope,
        notes: r.note,
        sortOrder: i + 1,
        sources: [...new Set([r.source, ...r.additional_sources, ...base.sources])],
        isSample: false,
      };
      const keys = Object.keys(row) as (keyof typeof row)[];
      const [saved] = await tx
        .insert(indicators)
        .values(row)
        .onConflictDoUpdate({ target: indicators.code, ...upsertChanged(indicators, keys) })
        .returning({ id: indicators.id });
      const id =
        saved?.id ??
        (await tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, r.code)))[0]!.id;
      for (const t of r.targets) {
        const tr = targetRow(id, t, r);
        const existing = await tx
          .select({ id: indicatorTargets.id })
          .from(indicatorTargets)
          .where(and(eq(indicatorTargets.indicatorId, id), eq(indicatorTargets.year, tr.year)));
        if (existing.length === 0) await tx.insert(indicatorTargets).values(tr);
        else await tx.update(indicatorTargets).set(tr).where(eq(indicatorTargets.id, existing[0]!.id));
        targetCount++;
      }
      for (const a of r.actuals) {
        const obs = {
          indicatorId: id,
          year: a.year,
          quarter: 0,
          // Actuals reported before the merger are about the old province.
          adminUnitId: a.year < 2025 ? OLD_PROVINCE_ID : unitId,
          value: a.value,
          status: 'approved' as const,
          note: [a.unit_note, a.note].filter(Boolean).join(' — ') || null,
          sources: [a.source, ...(a.additional_sources ?? [])],
          isSample: false,
        };
        const keys = ['value', 'status', 'note', 'sources', 'isSample'] as const;
        await tx
          .insert(indicatorObservations)
          .values(obs)
          .onConflictDoUpdate({
            target: [
              indicatorObservations.indicatorId,
              indicatorObservations.year,
              indicatorObservations.quarter,
              indicatorObservations.adminUnitId,
            ],
            ...upsertChanged(indicatorObservations, [...keys]),
          });
        observationCount++;
      }
    }
    // Each indicator is found by the portal's search (type "indicator").
    const saved = await tx.select().from(indicators);
    await upsertSearchDocuments(
      tx,
      saved.map((x) => ({
        type: 'indicator',
        key: x.code,
        title: x.nameVi,
        titleEn: x.nameEn,
        body: [x.unit, x.scopeNote, x.notes].filter(Boolean).join('. '),
        url: `/indicators/${encodeURIComponent(x.code)}`,
      })),
    );
  });
  return {
    indicators: records.length,
    indicator_targets: targetCount,
    indicator_observations: observationCount,
  };
}
