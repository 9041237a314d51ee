// Admins register, pause and resume subscriptions, and replay deliveries; each change audited.
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/types.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { invalid } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { getDelivery, getSubscription, publicSubscription, type SubscriptionRow } from './queries.ts';
import { webhookDeliveries, webhookSubscriptions } from './schema.ts';
import type { CreateSubscriptionInput } from './schemas.ts';
import { targetProblem } from './targets.ts';

/** Registers a URL; returns the subscription and its signing secret (shown once). */
export async function createSubscription(
  db: Db,
  actor: Actor,
  input: CreateSubscriptionInput,
  options: { allowPrivate: boolean },
): Promise<{ subscription: SubscriptionRow; secret: string }> {
  // Not to the server itself or the intranet (targets.ts), unless the installation allows it.
  const problem = await targetProblem(input.url, { allowPrivate: options.allowPrivate });
  if (problem === 'private') throw invalid([{ field: 'url', message: 'webhooks.error.privateAddress' }]);
  if (problem === 'unresolvable') throw invalid([{ field: 'url', message: 'webhooks.error.unresolvable' }]);
  if (problem === 'invalid') throw invalid([{ field: 'url', message: 'webhooks.error.url' }]);
  const secret = `whsec_${crypto.randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        url: input.url,
        description: input.description ?? null,
        events: [...new Set(input.events)],
        secret,
        createdByUserId: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'webhook_subscription',
      entityId: row!.id,
      after: publicSubscription(row!),
    });
    return { subscription: row!, secret };
  });
}

export async function setSubscriptionActive(
  db: Db,
  actor: Actor,
  id: number,
  active: boolean,
): Promise<SubscriptionRow> {
  return db.transaction(async (tx) => {
    const before = await getSubscription(tx, id);
    const [after] = await tx
      .update(webhookSubscriptions)
      .set({ active, updatedAt: new Date(), rowVersion: sql`${webhookSubscriptions.rowVersion} + 1` })
      .where(eq(webhookSubscriptions.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: active ? 'activate' : 'deactivate',
      entity: 'webhook_subscription',
      entityId: id,
      before: publicSubscription(before),
      after: publicSubscription(after!),
    });
    return after!;
  });
}

/** Queues the same event and data again, as a new delivery that names the one it replays. */
export async function replayDelivery(db: Db, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const original = await getDelivery(tx, id);
    const [copy] = await tx
      .insert(webhookDeliveries)
      .values({
        subscriptionId: original.subscriptionId,
        event: original.event,
        payload: original.payload,
        occurredAt: original.occurredAt,
        replayOfId: original.id,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'replay',
      entity: 'webhook_delivery',
      entityId: original.id,
      after: { deliveryId: copy!.id },
    });
    return copy!;
  });
}
