import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';

export const PLAN_STATUSES = ['draft', 'adopted', 'approved', 'superseded', 'expired'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * One record per version of a provincial plan: the approved original and each
 * adjustment, linked by `previousVersionId`.
 */
export const plans = pgTable(
  'plans',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull(),
    nameVi: text().notNull(),
    nameEn: text(),
    provinceCode: text().notNull(),
    provinceNameVi: text().notNull(),
    periodStart: integer().notNull(),
    periodEnd: integer().notNull(),
    visionYear: integer(),
    status: text().$type<PlanStatus>().notNull(),
    versionNumber: integer().notNull().default(1),
    versionLabelVi: text(),
    previousVersionId: integer().references((): AnyPgColumn => plans.id),
    decisionType: text(),
    decisionNumber: text(),
    decisionDate: date({ mode: 'string' }),
    decisionIssuerVi: text(),
    decisionIssuerEn: text(),
    decisionSigner: text(),
    decisionSignerTitleVi: text(),
    decisionTitleVi: text(),
    summaryVi: text(),
    summaryEn: text(),
    /** Structured facts kept as published (goals, scope at approval…); each with its sources. */
    facts: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    notes: text(),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('plans_code_uq').on(t.code),
    check('plans_status_chk', sql`${t.status} in ('draft','adopted','approved','superseded','expired')`),
    check('plans_period_chk', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

export const PLAN_LINK_KINDS = ['incorporates'] as const;
export type PlanLinkKind = (typeof PLAN_LINK_KINDS)[number];

/** Other relations between plans, e.g. the post-merger adjustment incorporates the Bắc Kạn plan. */
export const planLinks = pgTable(
  'plan_links',
  {
    planId: integer()
      .notNull()
      .references(() => plans.id),
    otherPlanId: integer()
      .notNull()
      .references(() => plans.id),
    kind: text().$type<PlanLinkKind>().notNull(),
    note: text(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.otherPlanId, t.kind] })],
);
