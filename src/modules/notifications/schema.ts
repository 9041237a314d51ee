import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Messages to send. Sent by email when SMTP is configured; always readable by admins at /admin/outbox. */
export const outbox = pgTable(
  'outbox',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    recipient: text().notNull(),
    recipientUserId: integer().references(() => users.id),
    subject: text().notNull(),
    body: text().notNull(),
    /** Why it was sent, e.g. reminder_before, overdue, escalation, status_change. */
    kind: text().notNull(),
    /** The same message is queued once: e.g. "overdue:task:12:2026-05-01:user@x". */
    dedupeKey: text(),
    status: text().$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** Not retried before this time (exponential backoff after a failed attempt); null: at once. */
    nextAttemptAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey),
    index('outbox_status_idx').on(t.status, t.createdAt),
    check('outbox_status_chk', sql`${t.status} in ('pending','sent','failed')`),
  ],
);

/** One row per job and day: inserted in the same transaction as the job's work, so it runs once a day. */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    ranAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    summary: text(),
  },
  (t) => [primaryKey({ columns: [t.job, t.day] })],
);
