import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from './schema.ts';

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
