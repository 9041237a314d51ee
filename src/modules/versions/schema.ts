import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';
import { users } from '../accounts/schema.ts';
import { plans } from '../plan/schema.ts';
import type { Snapshot } from './snapshot.ts';

export const VERSION_KINDS = ['original', 'adjustment'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];
export const VERSION_STATUSES = ['draft', 'adopted', 'approved'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * One version of a plan: the approved original or an adjustment, with its legal
 * ground and decision, and a snapshot (JSON) of its targets, typed items,
 * projects and section texts at that version. `planId` is the plan the version
 * belongs to (the first record of its chain in `plans`); `recordPlanId` the
 * `plans` record that carries this version's decision, when there is one.
 */
export const planVersions = pgTable(
  'plan_versions',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    /** Seeded versions are keyed by code so a re-seed updates them; null for planner-made ones. */
    seedCode: text(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    recordPlanId: integer().references(() => plans.id),
    versionNumber: integer().notNull(),
    previousVersionId: integer().references((): AnyPgColumn => planVersions.id),
    kind: text().$type<VersionKind>().notNull(),
    status: text().$type<VersionStatus>().notNull(),
    labelVi: text().notNull(),
    labelEn: text(),
    /** Căn cứ pháp lý / lý do điều chỉnh, as far as the sources say. */
    legalGroundVi: text(),
    legalGroundEn: text(),
    decisionType: text(),
    decisionNumber: text(),
    decisionDate: date({ mode: 'string' }),
    decisionIssuerVi: text(),
    /** What the sources leave open about this version (shown with it). */
    doubtsVi: text(),
    doubtsEn: text(),
    snapshot: jsonb().$type<Snapshot>().notNull(),
    createdByUserId: integer().references(() => users.id),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('plan_versions_number_uq').on(t.planId, t.versionNumber),
    uniqueIndex('plan_versions_seed_code_uq').on(t.seedCode),
    index('plan_versions_plan_idx').on(t.planId),
    check('plan_versions_kind_chk', sql`${t.kind} in ('original','adjustment')`),
    check('plan_versions_status_chk', sql`${t.status} in ('draft','adopted','approved')`),
    check('plan_versions_number_chk', sql`${t.versionNumber} >= 1`),
  ],
);
