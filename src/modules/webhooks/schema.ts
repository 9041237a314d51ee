import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { rowVersion, timestamps } from '../../kernel/db/columns.ts';
import { users } from '../accounts/schema.ts';

/** The events other systems may subscribe to. */
export const WEBHOOK_EVENTS = [
  'report.approved',
  'task.status_changed',
  'target.status_changed',
  'comment.answered',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A URL an administrator registered for some events; deliveries are signed with its secret. */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  url: text().notNull(),
  description: text(),
  events: jsonb().$type<WebhookEvent[]>().notNull(),
  /** HMAC-SHA256 key; shown to the administrator once, when the subscription is made. */
  secret: text().notNull(),
  active: boolean().notNull().default(true),
  createdByUserId: integer().references(() => users.id),
  ...rowVersion,
  ...timestamps,
});

/** One event to send to one subscription (queued in the transaction of the change that caused it). */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    subscriptionId: integer()
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    event: text().$type<WebhookEvent>().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: text().$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    /** Set when an administrator replays an earlier delivery. */
    replayOfId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.id),
    check('webhook_deliveries_status_chk', sql`${t.status} in ('pending','delivered','failed')`),
  ],
);

/** The log: every attempt with its answer. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    deliveryId: integer()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    statusCode: integer(),
    error: text(),
    responseSnippet: text(),
    durationMs: integer().notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId)],
);
