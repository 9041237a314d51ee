import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';
import { users } from '../accounts/schema.ts';
import { adminUnits } from '../geo/schema.ts';

/** Land categories by official code; configuration an administrator may extend. */
export const landCategories = pgTable('land_categories', {
  code: text().primaryKey(),
  groupCode: text().notNull(),
  nameVi: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: integer().notNull().default(0),
  ...provenance,
});

export const QUOTA_LEVELS = ['province', 'commune'] as const;
export type QuotaLevel = (typeof QUOTA_LEVELS)[number];

/**
 * A land-use quota (chỉ tiêu sử dụng đất) in ha for one unit, category and
 * period: `province` rows are the national allocation to the province,
 * `commune` rows the province's allocation to each commune.
 */
export const landQuotas = pgTable(
  'land_quotas',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    level: text().$type<QuotaLevel>().notNull(),
    adminUnitId: text()
      .notNull()
      .references(() => adminUnits.id),
    categoryCode: text()
      .notNull()
      .references(() => landCategories.code),
    periodStart: integer().notNull(),
    periodEnd: integer().notNull(),
    areaHa: numeric({ mode: 'number' }).notNull(),
    ...provenance,
    ...rowVersion,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('land_quotas_unit_cat_period_uq').on(
      t.adminUnitId,
      t.categoryCode,
      t.periodStart,
      t.periodEnd,
    ),
    check('land_quotas_level_chk', sql`${t.level} in ('province','commune')`),
    check('land_quotas_area_chk', sql`${t.areaHa} >= 0`),
    check('land_quotas_period_chk', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** A submitted land-use plan checked against the quotas, with its result as it was then. */
export const landPlanChecks = pgTable(
  'land_plan_checks',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    title: text().notNull(),
    fileName: text().notNull(),
    periodStart: integer().notNull(),
    periodEnd: integer().notNull(),
    exceedanceCount: integer().notNull(),
    result: jsonb().$type<Record<string, unknown>>().notNull(),
    requestedBy: integer().references(() => users.id),
    requestedByLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('land_plan_checks_created_idx').on(t.createdAt)],
);
