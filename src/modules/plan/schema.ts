import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
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

// ---------------------------------------------------------------------------
// Plan contents: a tree of sections and the typed items citizens look for.

export const SECTION_KINDS = ['part', 'chapter', 'article'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];
export const SECTION_STATUSES = ['draft', 'published'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

/** One node of a plan's contents (part › chapter › article), Markdown body, deep-linkable by slug. */
export const planSections = pgTable(
  'plan_sections',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    parentId: integer().references((): AnyPgColumn => planSections.id),
    kind: text().$type<SectionKind>().notNull(),
    slug: text().notNull(),
    position: integer().notNull().default(0),
    titleVi: text().notNull(),
    titleEn: text(),
    bodyVi: text().notNull().default(''),
    bodyEn: text(),
    status: text().$type<SectionStatus>().notNull().default('draft'),
    publishedAt: timestamp({ withTimezone: true }),
    /** Seeded sections are keyed by code so a re-seed updates them; null for planner-made ones. */
    seedCode: text(),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('plan_sections_slug_uq').on(t.planId, t.slug),
    uniqueIndex('plan_sections_seed_code_uq').on(t.seedCode),
    index('plan_sections_parent_idx').on(t.parentId),
    check('plan_sections_kind_chk', sql`${t.kind} in ('part','chapter','article')`),
    check('plan_sections_status_chk', sql`${t.status} in ('draft','published')`),
  ],
);

export const ITEM_KINDS = [
  'industrial_park',
  'industrial_cluster',
  'urban_area',
  'zone',
  'infrastructure',
  'sector',
  'breakthrough',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/**
 * A typed item of the plan (an industrial park, an urban area, a zone…). Only
 * what the sources say is filled; geometry is a point (or null), never an
 * invented shape; `placeNote` says where a point comes from.
 */
export const planItems = pgTable(
  'plan_items',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    kind: text().$type<ItemKind>().notNull(),
    code: text().notNull(),
    slug: text().notNull(),
    position: integer().notNull().default(0),
    nameVi: text().notNull(),
    nameEn: text(),
    /** KCN / CCN, zone type, infrastructure category, urban kind… as in the source. */
    subtype: text(),
    summaryVi: text(),
    summaryEn: text(),
    areaHa: numeric({ mode: 'number' }),
    urbanClass: text(),
    targetYear: integer(),
    statusVi: text(),
    locationVi: jsonb().$type<string[]>().notNull().default([]),
    /** Pre-2025 districts or 2025 communes the item lies in (admin_units ids). */
    adminUnitIds: jsonb().$type<string[]>().notNull().default([]),
    geometry: jsonb().$type<{ type: 'Point'; coordinates: [number, number] } | null>(),
    placeNote: text(),
    /** Every other fact of the source record, kept as published. */
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** True for an empty place a planner must fill (e.g. the 6 breakthroughs). */
    isPlaceholder: boolean().notNull().default(false),
    responsibleAgencyId: integer(),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('plan_items_code_uq').on(t.planId, t.code),
    uniqueIndex('plan_items_slug_uq').on(t.planId, t.kind, t.slug),
    index('plan_items_kind_idx').on(t.kind),
    check(
      'plan_items_kind_chk',
      sql`${t.kind} in ('industrial_park','industrial_cluster','urban_area','zone','infrastructure','sector','breakthrough')`,
    ),
  ],
);

/** Which items a section speaks of. */
export const planSectionItems = pgTable(
  'plan_section_items',
  {
    sectionId: integer()
      .notNull()
      .references(() => planSections.id, { onDelete: 'cascade' }),
    itemId: integer()
      .notNull()
      .references(() => planItems.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.sectionId, t.itemId] }),
    index('plan_section_items_item_idx').on(t.itemId),
  ],
);

/** The plan's publication duty: when it was approved, published, and through which channels. */
export const planPublicationEvents = pgTable('plan_publication_events', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  planId: integer()
    .notNull()
    .references(() => plans.id),
  approvalDate: date({ mode: 'string' }),
  publicationDate: date({ mode: 'string' }),
  channels: jsonb().$type<string[]>().notNull().default([]),
  note: text(),
  ...provenance,
  ...timestamps,
});
