// emitEvent: other modules call it inside the transaction of their change;
// it queues one delivery per active subscription to that event, so an event is
// sent if and only if the change commits.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { type WebhookEvent, webhookDeliveries, webhookSubscriptions } from './schema.ts';

/** Queues `name` with `payload` for every active subscriber; returns how many deliveries were queued. */
export async function emitEvent(
  db: DbOrTx,
  name: WebhookEvent,
  payload: Record<string, unknown>,
): Promise<number> {
  const subs = await db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.active, true),
        sql`${webhookSubscriptions.events} @> ${JSON.stringify([name])}::jsonb`,
      ),
    );
  if (subs.length === 0) return 0;
  const occurredAt = new Date();
  await db
    .insert(webhookDeliveries)
    .values(subs.map((s) => ({ subscriptionId: s.id, event: name, payload, occurredAt })));
  return subs.length;
}
