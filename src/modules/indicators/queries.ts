// Read side of the indicators: each indicator with its targets, observations and
// the status of every target, computed on read by the pure status method.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { users } from '../accounts/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { adminUnits } from '../geo/schema.ts';
import { plans } from '../plan/schema.ts';
import { indicatorObservations, indicators, indicatorTargets } from './schema.ts';
import {
  computeTargetStatus,
  DEFAULT_THRESHOLDS,
  type Point,
  type StatusResult,
  type TargetStatus,
  type Thresholds,
} from './status.ts';

export type IndicatorRow = typeof indicators.$inferSelect;
export type TargetRow = typeof indicatorTargets.$inferSelect;
export type ObservationRow = typeof indicatorObservations.$inferSelect;

export type TargetWithStatus = TargetRow & { result: StatusResult };

export type IndicatorView = {
  indicator: IndicatorRow;
  plan: { id: number; code: string; nameVi: string; nameEn: string | null };
  agency: { id: number; nameVi: string; nameEn: string | null } | null;
  targets: TargetWithStatus[];
  /** Every observation the viewer may see (all units, quarters), oldest first. */
  observations: ObservationRow[];
  /** The yearly province-level series the status method uses. */
  series: Point[];
  /** The status of the headline target (the one with the latest year), or no_data. */
  status: TargetStatus;
  headline: TargetWithStatus | null;
};

export type ViewOptions = {
  thresholds?: Thresholds;
  asOfYear?: number;
  /** Include draft observations (staff); the public sees approved ones only. */
  includeDrafts?: boolean;
  /**
   * Load only what the status method reads (approved, whole-year, province-level observations):
   * for status snapshots around a write, which must not read every commune's values.
   */
  seriesOnly?: boolean;
};

const collator = new Intl.Collator('vi');

/**
 * The yearly series of the indicator's own territory: approved, whole-year observations of a
 * province-level unit. Data of the pre-2025 province counts for the indicator; when two
 * province units report the same year, the indicator's own unit wins.
 */
export function provinceSeries(
  indicator: Pick<IndicatorRow, 'adminUnitId'>,
  observations: readonly Pick<ObservationRow, 'year' | 'quarter' | 'value' | 'status' | 'adminUnitId'>[],
  provinceUnitIds: ReadonlySet<string>,
): Point[] {
  const byYear = new Map<number, { value: number; own: boolean }>();
  for (const o of observations) {
    if (o.status !== 'approved' || o.quarter !== 0 || !provinceUnitIds.has(o.adminUnitId)) continue;
    const own = o.adminUnitId === indicator.adminUnitId;
    const prev = byYear.get(o.year);
    if (!prev || (own && !prev.own)) byYear.set(o.year, { value: o.value, own });
  }
  return [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, v]) => ({ year, value: v.value }));
}

async function provinceUnits(db: DbOrTx): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(db, sql`select id from admin_units where level = 'province'`);
  return new Set(rows.map((r) => r.id));
}

export type IndicatorFilter = {
  category?: string;
  plan?: string;
  status?: TargetStatus;
  q?: string;
  /** Only these indicators (e.g. those a write touches). */
  codes?: readonly string[];
};

export async function loadIndicatorViews(
  db: DbOrTx,
  filter: IndicatorFilter = {},
  options: ViewOptions = {},
): Promise<IndicatorView[]> {
  const where = [];
  if (filter.category) where.push(eq(indicators.category, filter.category as IndicatorRow['category']));
  if (filter.plan) where.push(eq(plans.code, filter.plan));
  if (filter.codes) where.push(inArray(indicators.code, [...filter.codes, '']));
  const rows = await db
    .select({
      indicator: indicators,
      plan: { id: plans.id, code: plans.code, nameVi: plans.nameVi, nameEn: plans.nameEn },
    })
    .from(indicators)
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .where(where.length ? sql.join(where, sql` and `) : undefined)
    .orderBy(asc(indicators.sortOrder), asc(indicators.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.indicator.id);
  const [targets, observations, agencyRows, units] = await Promise.all([
    db
      .select()
      .from(indicatorTargets)
      .where(inArray(indicatorTargets.indicatorId, ids))
      .orderBy(asc(indicatorTargets.year)),
    db
      .select()
      .from(indicatorObservations)
      .where(
        options.seriesOnly
          ? and(
              inArray(indicatorObservations.indicatorId, ids),
              eq(indicatorObservations.status, 'approved'),
              eq(indicatorObservations.quarter, 0),
              sql`${indicatorObservations.adminUnitId} in (select id from admin_units where level = 'province')`,
            )
          : inArray(indicatorObservations.indicatorId, ids),
      )
      .orderBy(asc(indicatorObservations.year), asc(indicatorObservations.quarter)),
    db.select({ id: agencies.id, nameVi: agencies.nameVi, nameEn: agencies.nameEn }).from(agencies),
    provinceUnits(db),
  ]);
  const agencyById = new Map(agencyRows.map((a) => [a.id, a]));
  const byIndicator = new Map<number, ObservationRow[]>();
  for (const o of observations) {
    if (!options.includeDrafts && o.status !== 'approved') continue;
    const list = byIndicator.get(o.indicatorId);
    if (list) list.push(o);
    else byIndicator.set(o.indicatorId, [o]);
  }
  const views = rows.map(({ indicator, plan }) => {
    const visible = byIndicator.get(indicator.id) ?? [];
    const series = provinceSeries(indicator, visible, units);
    const ts = targets
      .filter((t) => t.indicatorId === indicator.id)
      .map((t) => ({
        ...t,
        result: computeTargetStatus(
          indicator,
          { year: t.year, periodStart: t.periodStart, value: t.value, min: t.minValue, max: t.maxValue },
          series,
          { thresholds: options.thresholds ?? DEFAULT_THRESHOLDS, asOfYear: options.asOfYear },
        ),
      }));
    const headline = ts.at(-1) ?? null;
    return {
      indicator,
      plan,
      agency: indicator.responsibleAgencyId ? (agencyById.get(indicator.responsibleAgencyId) ?? null) : null,
      targets: ts,
      observations: visible,
      series,
      status: headline?.result.status ?? ('no_data' as const),
      headline,
    };
  });
  const q = filter.q?.trim().toLowerCase();
  return views.filter(
    (v) =>
      (!filter.status || v.status === filter.status) &&
      (!q ||
        v.indicator.code.includes(q) ||
        v.indicator.nameVi.toLowerCase().includes(q) ||
        (v.indicator.nameEn ?? '').toLowerCase().includes(q)),
  );
}

export async function loadIndicatorView(
  db: DbOrTx,
  code: string,
  options: ViewOptions = {},
): Promise<IndicatorView> {
  const [row] = await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code));
  if (!row) throw notFound();
  const views = await loadIndicatorViews(db, {}, options);
  const view = views.find((v) => v.indicator.code === code);
  if (!view) throw notFound();
  return view;
}

export async function indicatorByCode(db: DbOrTx, code: string): Promise<IndicatorRow> {
  const [row] = await db.select().from(indicators).where(eq(indicators.code, code));
  if (!row) throw notFound();
  return row;
}

export function sortByName<T extends { indicator: IndicatorRow }>(views: T[]): T[] {
  return [...views].sort((a, b) => collator.compare(a.indicator.nameVi, b.indicator.nameVi));
}

export async function planChoices(db: DbOrTx) {
  return db
    .select({ code: plans.code, nameVi: plans.nameVi, nameEn: plans.nameEn })
    .from(plans)
    .orderBy(asc(plans.id));
}

/** Data availability by category (the reporting-status page). */
export function reportingStatus(views: readonly IndicatorView[]) {
  const byCategory = new Map<string, { total: number; withData: number; withTarget: number }>();
  for (const v of views) {
    const c = byCategory.get(v.indicator.category) ?? { total: 0, withData: 0, withTarget: 0 };
    c.total++;
    if (v.series.length > 0) c.withData++;
    if (v.targets.length > 0) c.withTarget++;
    byCategory.set(v.indicator.category, c);
  }
  const rows = [...byCategory.entries()].map(([category, c]) => ({ category, ...c }));
  const total = rows.reduce(
    (s, r) => ({
      total: s.total + r.total,
      withData: s.withData + r.withData,
      withTarget: s.withTarget + r.withTarget,
    }),
    { total: 0, withData: 0, withTarget: 0 },
  );
  return { rows, total };
}

/** Count of headline statuses. */
export function statusCounts(views: readonly { status: TargetStatus }[]): Record<TargetStatus, number> {
  const counts: Record<TargetStatus, number> = {
    achieved: 0,
    on_track: 0,
    needs_acceleration: 0,
    off_track: 0,
    no_data: 0,
  };
  for (const v of views) counts[v.status]++;
  return counts;
}

export type DraftRow = {
  observation: ObservationRow;
  indicator: Pick<IndicatorRow, 'code' | 'nameVi' | 'nameEn' | 'unit'>;
  unitName: string;
  enteredBy: string | null;
};

/** Draft observations waiting for a planner's review, oldest first. */
export async function listDrafts(db: DbOrTx): Promise<DraftRow[]> {
  return db
    .select({
      observation: indicatorObservations,
      indicator: {
        code: indicators.code,
        nameVi: indicators.nameVi,
        nameEn: indicators.nameEn,
        unit: indicators.unit,
      },
      unitName: adminUnits.fullNameVi,
      enteredBy: users.displayName,
    })
    .from(indicatorObservations)
    .innerJoin(indicators, eq(indicators.id, indicatorObservations.indicatorId))
    .innerJoin(adminUnits, eq(adminUnits.id, indicatorObservations.adminUnitId))
    .leftJoin(users, eq(users.id, indicatorObservations.createdByUserId))
    .where(eq(indicatorObservations.status, 'draft'))
    .orderBy(asc(indicatorObservations.createdAt), asc(indicatorObservations.id));
}
