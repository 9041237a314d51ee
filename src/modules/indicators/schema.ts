import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';
import { users } from '../accounts/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { adminUnits } from '../geo/schema.ts';
import { plans } from '../plan/schema.ts';
import type { Comparator, Direction, IndicatorKind } from './status.ts';

export const INDICATOR_CATEGORIES = [
  'economic',
  'social',
  'environment',
  'urban',
  'infrastructure',
  'industry',
] as const;
export type IndicatorCategory = (typeof INDICATOR_CATEGORIES)[number];

export const OBSERVATION_STATUSES = ['draft', 'approved'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

/** An indicator (chỉ tiêu) of a plan version: what is measured, in what unit, which way is better. */
export const indicators = pgTable(
  'indicators',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull(),
    nameVi: text().notNull(),
    nameEn: text(),
    unit: text().notNull(),
    category: text().$type<IndicatorCategory>().notNull(),
    direction: text().$type<Direction>().notNull(),
    kind: text().$type<IndicatorKind>().notNull(),
    /**
     * Whether commune values add up to the value of a larger area (people, ha, a count,
     * money): rolled up by sum. If not (a rate, a share, an average, a per-capita figure),
     * values are rolled up as a mean weighted by `weightIndicatorId`'s values, or refused.
     */
    additive: boolean().notNull().default(false),
    /** For a non-additive indicator: the additive indicator whose values weigh its mean (e.g. schools for a share of schools). */
    weightIndicatorId: integer().references((): AnyPgColumn => indicators.id, { onDelete: 'set null' }),
    baselineYear: integer(),
    baselineValue: numeric({ mode: 'number' }),
    baselineNote: text(),
    responsibleAgencyId: integer().references(() => agencies.id),
    dataSource: text(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    /** The unit the plan's targets are about (the province of the plan). */
    adminUnitId: text()
      .notNull()
      .references(() => adminUnits.id),
    scopeNote: text(),
    notes: text(),
    sortOrder: integer().notNull().default(0),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('indicators_code_uq').on(t.code),
    index('indicators_plan_idx').on(t.planId),
    check('indicators_direction_chk', sql`${t.direction} in ('higher','lower','range')`),
    check('indicators_kind_chk', sql`${t.kind} in ('level','rate','average_growth','cumulative')`),
    check('indicators_weight_chk', sql`${t.weightIndicatorId} is null or ${t.weightIndicatorId} <> ${t.id}`),
  ],
);

/** A target: a value (or a band min–max) for a year, or over a period ending in `year`. */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    year: integer().notNull(),
    periodStart: integer(),
    value: numeric({ mode: 'number' }),
    minValue: numeric({ mode: 'number' }),
    maxValue: numeric({ mode: 'number' }),
    comparator: text().$type<Comparator>().notNull(),
    note: text(),
    details: jsonb().$type<Record<string, unknown>>(),
    ...provenance,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('indicator_targets_uq').on(t.indicatorId, t.year, t.periodStart),
    check(
      'indicator_targets_comparator_chk',
      sql`${t.comparator} in ('eq','approx','gt','gte','lt','lte','between')`,
    ),
    check('indicator_targets_period_chk', sql`${t.periodStart} is null or ${t.periodStart} <= ${t.year}`),
    check(
      'indicator_targets_value_chk',
      sql`${t.value} is not null or ${t.minValue} is not null or ${t.maxValue} is not null`,
    ),
  ],
);

/** A measured value for a year (quarter 0 = the whole year) and an administrative unit. */
export const indicatorObservations = pgTable(
  'indicator_observations',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    year: integer().notNull(),
    quarter: integer().notNull().default(0),
    adminUnitId: text()
      .notNull()
      .references(() => adminUnits.id),
    value: numeric({ mode: 'number' }).notNull(),
    status: text().$type<ObservationStatus>().notNull().default('draft'),
    note: text(),
    createdByUserId: integer().references(() => users.id),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('indicator_observations_uq').on(t.indicatorId, t.year, t.quarter, t.adminUnitId),
    index('indicator_observations_unit_idx').on(t.adminUnitId),
    check('indicator_observations_quarter_chk', sql`${t.quarter} between 0 and 4`),
    check('indicator_observations_year_chk', sql`${t.year} between 1900 and 2100`),
    check('indicator_observations_status_chk', sql`${t.status} in ('draft','approved')`),
  ],
);
