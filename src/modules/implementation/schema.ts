import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';
import { users } from '../accounts/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { adminUnits } from '../geo/schema.ts';

export const TASK_STATUSES = [
  'not_started',
  'in_progress',
  'done',
  'delayed',
  'suspended',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Kinds of record a task can serve. Stored as (type, key): the target tables may live in other modules. */
export const LINK_TYPES = ['plan_section', 'breakthrough', 'sector', 'indicator', 'project'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const BUDGET_SOURCES = ['central', 'local', 'oda', 'nonBudget', 'ppp', 'other'] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];

/** A programme of the implementation plan: a named group of tasks. */
export const programmes = pgTable(
  'programmes',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull(),
    title: text().notNull(),
    titleEn: text(),
    description: text(),
    leadAgencyId: integer().references(() => agencies.id),
    startDate: date({ mode: 'string' }),
    dueDate: date({ mode: 'string' }),
    isPublic: boolean().notNull().default(true),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [uniqueIndex('programmes_code_uq').on(t.code)],
);

/** A task with a concrete product and a due date; tasks nest under tasks to any depth. */
export const tasks = pgTable(
  'tasks',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    programmeId: integer()
      .notNull()
      .references(() => programmes.id),
    parentId: integer().references((): AnyPgColumn => tasks.id),
    code: text(),
    title: text().notNull(),
    description: text(),
    leadAgencyId: integer()
      .notNull()
      .references(() => agencies.id),
    /** True: the task concerns the whole province; else the communes in task_communes. */
    wholeProvince: boolean().notNull().default(false),
    startDate: date({ mode: 'string' }),
    dueDate: date({ mode: 'string' }),
    product: text(),
    /** Budget in VND by source. */
    budgetCentral: bigint({ mode: 'number' }),
    budgetLocal: bigint({ mode: 'number' }),
    budgetOda: bigint({ mode: 'number' }),
    budgetNonBudget: bigint({ mode: 'number' }),
    budgetPpp: bigint({ mode: 'number' }),
    budgetOther: bigint({ mode: 'number' }),
    weight: doublePrecision().notNull().default(1),
    /** Points the expected-progress line passes through (rules.ts expectedProgress); none = a straight line. */
    milestones: jsonb().$type<{ date: string; progress: number }[]>().notNull().default([]),
    status: text().$type<TaskStatus>().notNull().default('not_started'),
    progress: doublePrecision().notNull().default(0),
    /** Spend in VND reported by approved reports (cumulative, as last approved). */
    spent: bigint({ mode: 'number' }),
    /** When progress was last set by an approved report or an import; null = "chưa báo cáo". */
    reportedAt: timestamp({ withTimezone: true }),
    isPublic: boolean().notNull().default(false),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [
    index('tasks_programme_idx').on(t.programmeId),
    index('tasks_parent_idx').on(t.parentId),
    index('tasks_lead_agency_idx').on(t.leadAgencyId),
    index('tasks_due_idx').on(t.dueDate),
    // Counts and average progress by status read this index alone (index-only), not the table.
    index('tasks_status_progress_idx').on(t.status, t.progress, t.isPublic),
    // The few whole-province tasks, for the commune filter (they belong to every commune).
    index('tasks_whole_province_idx').on(t.id).where(sql`${t.wholeProvince}`),
    check(
      'tasks_status_chk',
      sql`${t.status} in ('not_started','in_progress','done','delayed','suspended','cancelled')`,
    ),
    check('tasks_progress_chk', sql`${t.progress} >= 0 and ${t.progress} <= 100`),
    check('tasks_weight_chk', sql`${t.weight} >= 0`),
    check(
      'tasks_dates_chk',
      sql`${t.startDate} is null or ${t.dueDate} is null or ${t.startDate} <= ${t.dueDate}`,
    ),
    check('tasks_not_own_parent_chk', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

export const taskCoordinators = pgTable(
  'task_coordinators',
  {
    taskId: integer()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.agencyId] }),
    index('task_coordinators_agency_idx').on(t.agencyId),
  ],
);

export const taskCommunes = pgTable(
  'task_communes',
  {
    taskId: integer()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    adminUnitId: text()
      .notNull()
      .references(() => adminUnits.id),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.adminUnitId] }),
    index('task_communes_unit_idx').on(t.adminUnitId),
  ],
);

/** What a task serves, as a typed reference (no foreign key: the target may belong to another module). */
export const taskLinks = pgTable(
  'task_links',
  {
    taskId: integer()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    targetType: text().$type<LinkType>().notNull(),
    targetKey: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.targetType, t.targetKey] }),
    index('task_links_target_idx').on(t.targetType, t.targetKey),
    check(
      'task_links_type_chk',
      sql`${t.targetType} in ('plan_section','breakthrough','sector','indicator','project')`,
    ),
  ],
);

/** The timeline of a task: every change and every report step, who and when. */
export const taskEvents = pgTable(
  'task_events',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    taskId: integer()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer().references(() => users.id),
    actorLabel: text().notNull(),
    kind: text().notNull(),
    reportId: integer(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('task_events_task_idx').on(t.taskId, t.at)],
);

export const REPORT_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** A progress report of one task for one period (YYYY-MM or YYYY-Qn). */
export const progressReports = pgTable(
  'progress_reports',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    taskId: integer()
      .notNull()
      .references(() => tasks.id),
    period: text().notNull(),
    progress: doublePrecision().notNull(),
    narrative: text().notNull(),
    spend: bigint({ mode: 'number' }),
    risks: text(),
    requestedDueDate: date({ mode: 'string' }),
    dueDateReason: text(),
    /** Whether the reviewer accepted the requested due date (only meaningful once approved). */
    dueDateAccepted: boolean(),
    state: text().$type<ReportState>().notNull().default('draft'),
    reviewComment: text(),
    authorUserId: integer().references(() => users.id),
    reviewerUserId: integer().references(() => users.id),
    submittedAt: timestamp({ withTimezone: true }),
    reviewedAt: timestamp({ withTimezone: true }),
    ...rowVersion,
    isSample: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index('progress_reports_task_idx').on(t.taskId),
    index('progress_reports_state_idx').on(t.state),
    check('progress_reports_state_chk', sql`${t.state} in ('draft','submitted','approved','returned')`),
    check('progress_reports_progress_chk', sql`${t.progress} >= 0 and ${t.progress} <= 100`),
    check('progress_reports_period_chk', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'`),
  ],
);

/** Evidence attached to a report; the bytes are in the file storage under `storageKey`. */
export const reportFiles = pgTable(
  'report_files',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    reportId: integer()
      .notNull()
      .references(() => progressReports.id, { onDelete: 'cascade' }),
    storageKey: text().notNull(),
    fileName: text().notNull(),
    mediaType: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    uploadedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('report_files_report_idx').on(t.reportId),
    uniqueIndex('report_files_key_uq').on(t.storageKey),
  ],
);

export const FOLLOW_TARGETS = ['task', 'project'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

/**
 * A citizen following a public task or project: notified by email when its status
 * changes. Personal data (Law 91/2025/QH15): only the email, the wording consented
 * to and when; confirmed by a link sent to the address; deleted on unfollow.
 */
export const follows = pgTable(
  'follows',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    targetType: text().$type<FollowTarget>().notNull(),
    targetId: integer().notNull(),
    /** Lower-cased. */
    email: text().notNull(),
    /** Secret in the confirm and unfollow links. */
    token: text().notNull(),
    consentText: text().notNull(),
    consentAt: timestamp({ withTimezone: true }).notNull(),
    confirmedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('follows_target_email_uq').on(t.targetType, t.targetId, t.email),
    uniqueIndex('follows_token_uq').on(t.token),
    check('follows_target_chk', sql`${t.targetType} in ('task','project')`),
  ],
);
