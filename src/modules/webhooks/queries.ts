import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  timestampSort,
} from '../../kernel/http/collection.ts';
import { notFound } from '../../kernel/http/errors.ts';
import {
  type DeliveryStatus,
  type WebhookEvent,
  webhookAttempts,
  webhookDeliveries,
  webhookSubscriptions,
} from './schema.ts';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** A subscription as shown to admins and the API: never its secret. */
export function publicSubscription(s: SubscriptionRow) {
  const { secret: _secret, createdByUserId: _by, ...rest } = s;
  return { ...rest, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function apiDelivery(d: DeliveryRow) {
  return {
    ...d,
    occurredAt: d.occurredAt.toISOString(),
    nextAttemptAt: iso(d.nextAttemptAt),
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
  };
}

export type AttemptRow = typeof webhookAttempts.$inferSelect;

export function apiAttempt(a: AttemptRow) {
  return { ...a, attemptedAt: a.attemptedAt.toISOString() };
}

export function listSubscriptions(db: DbOrTx): Promise<SubscriptionRow[]> {
  return db.select().from(webhookSubscriptions).orderBy(webhookSubscriptions.id);
}

export async function getSubscription(db: DbOrTx, id: number): Promise<SubscriptionRow> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row) throw notFound();
  return row;
}

export function listDeliveries(db: DbOrTx, options: { subscriptionId?: number; limit?: number } = {}) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(options.subscriptionId ? eq(webhookDeliveries.subscriptionId, options.subscriptionId) : undefined)
    .orderBy(desc(webhookDeliveries.id))
    .limit(options.limit ?? 100);
}

export async function getDelivery(db: DbOrTx, id: number): Promise<DeliveryRow> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  if (!row) throw notFound();
  return row;
}

export function attemptsOf(db: DbOrTx, deliveryId: number) {
  return db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(webhookAttempts.id);
}

// --- The API's collections (kernel/http/collection.ts). ---

export const SUBSCRIPTION_SORTS = ['created', 'url'] as const;
const SUBSCRIPTION_COLLECTION: CollectionSpec<SubscriptionRow, (typeof SUBSCRIPTION_SORTS)[number]> = {
  sorts: {
    created: timestampSort(webhookSubscriptions.createdAt, (s) => s.createdAt),
    url: { expr: webhookSubscriptions.url, value: (s) => s.url, type: 'text' },
  },
  id: { expr: webhookSubscriptions.id, value: (s) => s.id, type: 'int' },
};

export async function pageSubscriptions(
  db: DbOrTx,
  q: CollectionParams<(typeof SUBSCRIPTION_SORTS)[number]> & {
    active?: 'true' | 'false' | undefined;
    event?: WebhookEvent | undefined;
  },
) {
  const k = keyset(SUBSCRIPTION_COLLECTION, q);
  const rows = await db
    .select()
    .from(webhookSubscriptions)
    .where(
      and(
        q.active ? eq(webhookSubscriptions.active, q.active === 'true') : undefined,
        q.event ? sql`${webhookSubscriptions.events} @> ${JSON.stringify([q.event])}::jsonb` : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

export const DELIVERY_SORTS = ['created', 'occurred'] as const;
const DELIVERY_COLLECTION: CollectionSpec<DeliveryRow, (typeof DELIVERY_SORTS)[number]> = {
  sorts: {
    created: timestampSort(webhookDeliveries.createdAt, (d) => d.createdAt),
    occurred: timestampSort(webhookDeliveries.occurredAt, (d) => d.occurredAt),
  },
  id: { expr: webhookDeliveries.id, value: (d) => d.id, type: 'int' },
};

export async function pageDeliveries(
  db: DbOrTx,
  subscriptionId: number,
  q: CollectionParams<(typeof DELIVERY_SORTS)[number]> & {
    status?: DeliveryStatus | undefined;
    event?: WebhookEvent | undefined;
  },
) {
  const k = keyset(DELIVERY_COLLECTION, q);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        q.status ? eq(webhookDeliveries.status, q.status) : undefined,
        q.event ? eq(webhookDeliveries.event, q.event) : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

export const ATTEMPT_SORTS = ['attempted'] as const;
const ATTEMPT_COLLECTION: CollectionSpec<AttemptRow, (typeof ATTEMPT_SORTS)[number]> = {
  sorts: { attempted: timestampSort(webhookAttempts.attemptedAt, (a) => a.attemptedAt) },
  id: { expr: webhookAttempts.id, value: (a) => a.id, type: 'int' },
};

export async function pageAttempts(
  db: DbOrTx,
  deliveryId: number,
  q: CollectionParams<(typeof ATTEMPT_SORTS)[number]>,
) {
  const k = keyset(ATTEMPT_COLLECTION, q);
  const rows = await db
    .select()
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.deliveryId, deliveryId), k.after))
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}
