// Read side of the indicators: each indicator with its targets, observations and
// the status of every target, computed on read by the pure status method.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { preparedPerDb } from '../../kernel/db/prepared.ts';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  textSort,
  timestampSort,
} from '../../kernel/http/collection.ts';
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

/** An indicator's view without its observations: what lists, counts and dashboards show. */
export type IndicatorSummary = Omit<IndicatorView, 'observations'>;

type SeriesObservation = Pick<
  ObservationRow,
  'indicatorId' | 'year' | 'quarter' | 'value' | 'status' | 'adminUnitId'
>;

function groupByIndicator<T extends { indicatorId: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.indicatorId);
    if (list) list.push(r);
    else out.set(r.indicatorId, [r]);
  }
  return out;
}

/** An indicator with the names of its plan and its responsible agency. */
function selectIndicatorJoin(db: DbOrTx) {
  return db
    .select({
      indicator: indicators,
      plan: { id: plans.id, code: plans.code, nameVi: plans.nameVi, nameEn: plans.nameEn },
      agency: { id: agencies.id, nameVi: agencies.nameVi, nameEn: agencies.nameEn },
    })
    .from(indicators)
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .leftJoin(agencies, eq(agencies.id, indicators.responsibleAgencyId))
    .$dynamic();
}

/**
 * Indicators, their targets and each target's status. With `withObservations`, every
 * observation the viewer may see is loaded too (exports, one indicator's page); without,
 * only the rows the status method reads — approved, whole-year, province-level — so a list
 * costs the same whatever the number of commune-level or quarterly observations.
 */
async function buildViews(
  db: DbOrTx,
  filter: IndicatorFilter,
  options: ViewOptions,
  withObservations: boolean,
): Promise<(IndicatorSummary & { observations?: ObservationRow[] })[]> {
  const views = await buildUnfilteredViews(db, filter, options, withObservations);
  return views.filter((v) => matchesComputed(filter, v));
}

/** The filters applied after the SQL: the status is computed, the words are matched in any case. */
function matchesComputed(filter: IndicatorFilter, v: IndicatorSummary): boolean {
  const q = filter.q?.trim().toLowerCase();
  return (
    (!filter.status || v.status === filter.status) &&
    (!q ||
      v.indicator.code.includes(q) ||
      v.indicator.nameVi.toLowerCase().includes(q) ||
      (v.indicator.nameEn ?? '').toLowerCase().includes(q))
  );
}

async function buildUnfilteredViews(
  db: DbOrTx,
  filter: IndicatorFilter,
  options: ViewOptions,
  withObservations: boolean,
  page?: { after: SQL | undefined; orderBy: SQL[]; fetch: number },
): Promise<(IndicatorSummary & { observations?: ObservationRow[] })[]> {
  const where: SQL[] = [];
  if (filter.category) where.push(eq(indicators.category, filter.category as IndicatorRow['category']));
  if (filter.plan) where.push(eq(plans.code, filter.plan));
  if (filter.codes) where.push(inArray(indicators.code, [...filter.codes, '']));
  if (page?.after) where.push(page.after);
  const rows = await selectIndicatorJoin(db)
    .where(where.length ? sql.join(where, sql` and `) : undefined)
    .orderBy(...(page?.orderBy ?? [asc(indicators.sortOrder), asc(indicators.id)]))
    .limit(page?.fetch ?? Number.MAX_SAFE_INTEGER);
  if (rows.length === 0) return [];
  // Every indicator: no list of ids to send (ten thousand at national scale).
  const ids = where.length ? rows.map((r) => r.indicator.id) : null;
  const o = indicatorObservations;
  const units = await provinceUnits(db);
  const [targets, observations] = await Promise.all([
    db
      .select()
      .from(indicatorTargets)
      .where(ids ? inArray(indicatorTargets.indicatorId, ids) : undefined)
      .orderBy(asc(indicatorTargets.year)),
    withObservations
      ? db
          .select()
          .from(o)
          .where(
            and(
              ids ? inArray(o.indicatorId, ids) : undefined,
              options.includeDrafts ? undefined : eq(o.status, 'approved'),
            ),
          )
          .orderBy(asc(o.year), asc(o.quarter), asc(o.id))
      : units.size === 0
        ? []
        : db
            .select({
              indicatorId: o.indicatorId,
              year: o.year,
              quarter: o.quarter,
              value: o.value,
              status: o.status,
              adminUnitId: o.adminUnitId,
            })
            .from(o)
            .where(
              and(
                ids ? inArray(o.indicatorId, ids) : undefined,
                eq(o.status, 'approved'),
                eq(o.quarter, 0),
                // The province units by id, not by a join on their level: the planner then knows
                // from its statistics that they hold a handful of rows and reads them through the
                // unit index (0.04 ms), where a join made it scan every observation (37 ms at
                // province scale, 1 s at national).
                inArray(o.adminUnitId, [...units]),
              ),
            ),
  ]);
  return assembleViews({ rows, units, targets, observations }, options, withObservations);
}

type IndicatorJoinRow = {
  indicator: IndicatorRow;
  plan: IndicatorView['plan'];
  agency: IndicatorView['agency'];
};

/** Indicators with their targets' statuses, from what was read for them. */
function assembleViews(
  read: {
    rows: IndicatorJoinRow[];
    units: Set<string>;
    targets: TargetRow[];
    observations: SeriesObservation[];
  },
  options: ViewOptions,
  withObservations: boolean,
): (IndicatorSummary & { observations?: ObservationRow[] })[] {
  const { rows, units } = read;
  const targetsOf = groupByIndicator(read.targets);
  const observationsOf = groupByIndicator<SeriesObservation>(read.observations);
  const views = rows.map(({ indicator, plan, agency }) => {
    const visible = observationsOf.get(indicator.id) ?? [];
    const series = provinceSeries(indicator, visible, units);
    const ts = (targetsOf.get(indicator.id) ?? []).map((t) => ({
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
      agency: indicator.responsibleAgencyId ? agency : null,
      targets: ts,
      ...(withObservations ? { observations: visible as ObservationRow[] } : {}),
      series,
      status: headline?.result.status ?? ('no_data' as const),
      headline,
    };
  });
  return views;
}

export const INDICATOR_SORTS = ['order', 'code', 'name'] as const;
const INDICATOR_COLLECTION: CollectionSpec<IndicatorRow, (typeof INDICATOR_SORTS)[number]> = {
  sorts: {
    order: { expr: indicators.sortOrder, value: (i) => i.sortOrder, type: 'int' },
    code: { expr: indicators.code, value: (i) => i.code, type: 'text' },
    name: textSort(indicators.nameVi, (i) => i.nameVi),
  },
  id: { expr: indicators.id, value: (i) => i.id, type: 'int' },
};

/**
 * One page of indicator summaries, sorted in SQL. The status of a target is computed from its
 * observations, not stored, so with a status filter the rows are read batch after batch (in the
 * page's order) until the page is full.
 */
export async function pageIndicatorSummaries(
  db: DbOrTx,
  q: CollectionParams<(typeof INDICATOR_SORTS)[number]> & Omit<IndicatorFilter, 'codes'>,
  options: ViewOptions = {},
): Promise<{ items: IndicatorSummary[]; nextCursor: string | null }> {
  const k = keyset(INDICATOR_COLLECTION, q);
  const items: IndicatorSummary[] = [];
  let cursor = q.cursor;
  for (;;) {
    const batch = keyset(INDICATOR_COLLECTION, { ...q, cursor });
    const views = await buildUnfilteredViews(db, q, options, false, batch);
    const read = views.length;
    const last = views.at(-1)?.indicator;
    items.push(...views.filter((v) => matchesComputed(q, v)));
    if (items.length > q.limit) break;
    // Fewer rows than asked for: the list is read to its end.
    if (read < batch.fetch || !last) break;
    cursor = batch.cursorAfter(last);
  }
  const page = items.slice(0, q.limit);
  return {
    items: page,
    nextCursor: items.length > q.limit ? k.cursorAfter(page.at(-1)!.indicator) : null,
  };
}

/** Indicators with the status of every target, without their observations (lists, counts, dashboards). */
export async function loadIndicatorSummaries(
  db: DbOrTx,
  filter: IndicatorFilter = {},
  options: ViewOptions = {},
): Promise<IndicatorSummary[]> {
  return buildViews(db, filter, options, false);
}

/** Indicators with every observation the viewer may see (the exports). */
export async function loadIndicatorViews(
  db: DbOrTx,
  filter: IndicatorFilter = {},
  options: ViewOptions = {},
): Promise<IndicatorView[]> {
  const views = await buildViews(db, filter, options, true);
  return views.map((v) => ({ ...v, observations: v.observations ?? [] }));
}

// One indicator's page is the most asked read of this module: its queries are prepared (built
// once) rather than built from the filters on every request.
const indicatorByCodeQuery = preparedPerDb((db, name) =>
  selectIndicatorJoin(db)
    .where(eq(indicators.code, sql.placeholder('code')))
    .prepare(name),
);
const targetsOfIndicatorQuery = preparedPerDb((db, name) =>
  db
    .select()
    .from(indicatorTargets)
    .where(eq(indicatorTargets.indicatorId, sql.placeholder('indicatorId')))
    .orderBy(asc(indicatorTargets.year))
    .prepare(name),
);
const observationsOfIndicatorQuery = preparedPerDb((db, name) => {
  const o = indicatorObservations;
  return db
    .select()
    .from(o)
    .where(
      and(
        eq(o.indicatorId, sql.placeholder('indicatorId')),
        sql`(${sql.placeholder('includeDrafts')}::boolean or ${o.status} = 'approved')`,
      ),
    )
    .orderBy(asc(o.year), asc(o.quarter), asc(o.id))
    .prepare(name);
});

/** One indicator with every observation the viewer may see; 404 when there is none with that code. */
export async function loadIndicatorView(
  db: DbOrTx,
  code: string,
  options: ViewOptions = {},
): Promise<IndicatorView> {
  const [row] = await indicatorByCodeQuery(db).execute({ code });
  if (!row) throw notFound();
  const indicatorId = row.indicator.id;
  const [units, targets, observations] = await Promise.all([
    provinceUnits(db),
    targetsOfIndicatorQuery(db).execute({ indicatorId }),
    observationsOfIndicatorQuery(db).execute({ indicatorId, includeDrafts: options.includeDrafts ?? false }),
  ]);
  const [view] = assembleViews({ rows: [row], units, targets, observations }, options, true);
  return { ...view!, observations };
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
export function reportingStatus(views: readonly IndicatorSummary[]) {
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

export const OBSERVATION_SORTS = ['period', 'created'] as const;
const OBSERVATION_COLLECTION: CollectionSpec<ObservationRow, (typeof OBSERVATION_SORTS)[number]> = {
  sorts: {
    // Year then quarter (0 = the whole year) as one key: 2024 Q0 < 2024 Q1 < … < 2025 Q0.
    period: {
      expr: sql`(${indicatorObservations.year} * 10 + ${indicatorObservations.quarter})`,
      value: (o) => o.year * 10 + o.quarter,
      type: 'int',
    },
    created: timestampSort(indicatorObservations.createdAt, (o) => o.createdAt),
  },
  id: { expr: indicatorObservations.id, value: (o) => o.id, type: 'int' },
};

/** One page of an indicator's observations: approved ones, and drafts too for staff. */
export async function pageObservations(
  db: DbOrTx,
  indicatorId: number,
  q: CollectionParams<(typeof OBSERVATION_SORTS)[number]> & {
    includeDrafts: boolean;
    unit?: string | undefined;
    from?: number | undefined;
    to?: number | undefined;
    quarter?: number | undefined;
  },
) {
  const o = indicatorObservations;
  const k = keyset(OBSERVATION_COLLECTION, q);
  const rows = await db
    .select()
    .from(o)
    .where(
      and(
        eq(o.indicatorId, indicatorId),
        q.includeDrafts ? undefined : eq(o.status, 'approved'),
        q.unit ? eq(o.adminUnitId, q.unit) : undefined,
        q.from !== undefined ? sql`${o.year} >= ${q.from}` : undefined,
        q.to !== undefined ? sql`${o.year} <= ${q.to}` : undefined,
        q.quarter !== undefined ? eq(o.quarter, q.quarter) : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

export const DRAFT_SORTS = ['created', 'year'] as const;
const DRAFT_COLLECTION: CollectionSpec<DraftRow, (typeof DRAFT_SORTS)[number]> = {
  sorts: {
    created: timestampSort(indicatorObservations.createdAt, (d) => d.observation.createdAt),
    year: { expr: indicatorObservations.year, value: (d) => d.observation.year, type: 'int' },
  },
  id: { expr: indicatorObservations.id, value: (d) => d.observation.id, type: 'int' },
};

/** One page of the drafts waiting for review; `indicator` keeps one indicator's. */
export async function pageDrafts(
  db: DbOrTx,
  q: CollectionParams<(typeof DRAFT_SORTS)[number]> & { indicator?: string | undefined },
) {
  const k = keyset(DRAFT_COLLECTION, q);
  const rows = await selectDrafts(db, q.indicator ? eq(indicators.code, q.indicator) : undefined, k.after)
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

/** Draft observations with their indicator, unit and author, under further conditions. */
function selectDrafts(db: DbOrTx, ...conditions: (SQL | undefined)[]) {
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
    .where(and(eq(indicatorObservations.status, 'draft'), ...conditions))
    .$dynamic();
}

/** Draft observations waiting for a planner's review, oldest first. */
export async function listDrafts(db: DbOrTx): Promise<DraftRow[]> {
  return selectDrafts(db).orderBy(asc(indicatorObservations.createdAt), asc(indicatorObservations.id));
}
