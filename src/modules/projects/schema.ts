import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';
import { agencies } from '../agencies/schema.ts';

export const PROJECT_STAGES = [
  'proposed',
  'policy_decided',
  'land_clearance',
  'under_construction',
  'in_operation',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const VERIFICATION = ['verified', 'unverified', 'not_listed'] as const;

/** Capital by source in VND, as far as known (absent key = not known). */
export type CapitalBySource = Partial<
  Record<'central' | 'local' | 'oda' | 'nonBudget' | 'ppp' | 'other', number>
>;

/** A priority project (modelled after OC4IDS: identification, location, budget, period, status, progress). */
export const projects = pgTable(
  'projects',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull(),
    nameVi: text().notNull(),
    nameEn: text(),
    sector: text(),
    /** Place as the sources name it (pre-2025 names kept as written). */
    locationText: jsonb().$type<string[]>().notNull().default([]),
    adminUnitIds: jsonb().$type<string[]>().notNull().default([]),
    geometry: jsonb().$type<Record<string, unknown> | null>(),
    scale: text(),
    totalInvestmentVnd: bigint({ mode: 'number' }),
    investmentNote: text(),
    capitalBySource: jsonb().$type<CapitalBySource>().notNull().default({}),
    capitalSourceNote: text(),
    investor: text(),
    periodStart: integer(),
    periodEnd: integer(),
    stage: text().$type<ProjectStage>(),
    statusNote: text(),
    plannedProgress: doublePrecision(),
    actualProgress: doublePrecision(),
    plannedDisbursementVnd: bigint({ mode: 'number' }),
    actualDisbursementVnd: bigint({ mode: 'number' }),
    /** The plan provision the project relies on (text as cited). */
    planProvision: text(),
    /** Whether the project is in the Decision 1029/QĐ-TTg appendix: verified, unverified, not_listed. */
    inDecision1029: text().notNull().default('unverified'),
    openForInvestment: boolean().notNull().default(false),
    responsibleAgencyId: integer().references(() => agencies.id),
    isPublic: boolean().notNull().default(true),
    note: text(),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('projects_code_uq').on(t.code),
    check(
      'projects_stage_chk',
      sql`${t.stage} is null or ${t.stage} in ('proposed','policy_decided','land_clearance','under_construction','in_operation')`,
    ),
    check('projects_verification_chk', sql`${t.inDecision1029} in ('verified','unverified','not_listed')`),
  ],
);

/** An investor's inquiry about a project open for investment; reaches the responsible agency. */
export const projectInquiries = pgTable(
  'project_inquiries',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    agencyId: integer().references(() => agencies.id),
    name: text().notNull(),
    organisation: text(),
    email: text().notNull(),
    phone: text(),
    message: text().notNull(),
    consent: boolean().notNull(),
    consentAt: timestamp({ withTimezone: true }),
    /** Which consent notice the investor agreed to (INQUIRY_CONSENT_VERSION when they did). */
    consentVersion: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('project_inquiries_project_idx').on(t.projectId),
    index('project_inquiries_agency_idx').on(t.agencyId),
  ],
);
