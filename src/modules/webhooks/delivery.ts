// Sends queued webhook deliveries: a signed JSON POST to each subscriber,
// retried with exponential backoff, every attempt logged.
//
// Signature: X-QuyHoach-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
// with the timestamp (Unix seconds) in X-QuyHoach-Timestamp, so a receiver can
// refuse old replays; X-QuyHoach-Event and X-QuyHoach-Delivery name the event and the delivery.
import crypto from 'node:crypto';
import { and, eq, isNull, lte, notInArray, or } from 'drizzle-orm';
import type { Db } from '../../kernel/db/types.ts';
import { nextAttemptAfter } from '../notifications/outbox.ts';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from './schema.ts';
import { postToTarget } from './targets.ts';

export const WEBHOOK_MAX_ATTEMPTS = 8;
/** First retry after 30 s, then 1, 2, 4 … minutes (capped at six hours). */
export const WEBHOOK_RETRY_BASE_MS = 30_000;
const TIMEOUT_MS = 10_000;

export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute the HMAC and compare in constant time. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(signBody(secret, Number(timestamp), body));
  const given = Buffer.from(header);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export type WebhookDeliverOptions = {
  now?: Date;
  batch?: number;
  retryBaseMs?: number;
  maxAttempts?: number;
  /** Send to private addresses too (WEBHOOK_ALLOW_PRIVATE); refused by default (targets.ts). */
  allowPrivate?: boolean;
};

/** Sends the deliveries that are due; returns how many went through and how many failed. */
export async function deliverWebhooks(
  db: Db,
  o: WebhookDeliverOptions = {},
): Promise<{ delivered: number; failed: number }> {
  const now = o.now ?? new Date();
  const maxAttempts = o.maxAttempts ?? WEBHOOK_MAX_ATTEMPTS;
  let delivered = 0;
  let failed = 0;
  const tried: number[] = [];
  for (let i = 0; i < (o.batch ?? 50); i += 1) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ d: webhookDeliveries, url: webhookSubscriptions.url, secret: webhookSubscriptions.secret })
        .from(webhookDeliveries)
        .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
        .where(
          and(
            eq(webhookDeliveries.status, 'pending'),
            eq(webhookSubscriptions.active, true),
            or(isNull(webhookDeliveries.nextAttemptAt), lte(webhookDeliveries.nextAttemptAt, now)),
            tried.length ? notInArray(webhookDeliveries.id, tried) : undefined,
          ),
        )
        .orderBy(webhookDeliveries.id)
        .limit(1)
        .for('update', { of: webhookDeliveries, skipLocked: true });
      if (!row) return false;
      const d = row.d;
      tried.push(d.id);
      const body = JSON.stringify({
        id: d.id,
        event: d.event,
        occurredAt: d.occurredAt.toISOString(),
        replayOf: d.replayOfId,
        data: d.payload,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const started = Date.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      let snippet: string | null = null;
      try {
        // Redirects are not followed; the name is resolved and checked as the socket connects.
        const res = await postToTarget(
          row.url,
          {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'QuyHoach-Webhooks/1',
            'x-quyhoach-event': d.event,
            'x-quyhoach-delivery': String(d.id),
            'x-quyhoach-timestamp': String(timestamp),
            'x-quyhoach-signature': signBody(row.secret, timestamp, body),
          },
          body,
          { allowPrivate: o.allowPrivate ?? false, timeoutMs: TIMEOUT_MS },
        );
        statusCode = res.status;
        snippet = res.body.slice(0, 500) || null;
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (err) {
        error = String((err as Error).message ?? err).slice(0, 500);
      }
      await tx.insert(webhookAttempts).values({
        deliveryId: d.id,
        attemptedAt: now,
        statusCode,
        error,
        responseSnippet: snippet,
        durationMs: Date.now() - started,
      });
      const attempts = d.attempts + 1;
      if (!error) {
        await tx
          .update(webhookDeliveries)
          .set({
            status: 'delivered',
            attempts,
            lastStatusCode: statusCode,
            lastError: null,
            deliveredAt: now,
            nextAttemptAt: null,
          })
          .where(eq(webhookDeliveries.id, d.id));
        delivered += 1;
      } else {
        const last = attempts >= maxAttempts;
        await tx
          .update(webhookDeliveries)
          .set({
            status: last ? 'failed' : 'pending',
            attempts,
            lastStatusCode: statusCode,
            lastError: error,
            nextAttemptAt: last
              ? null
              : nextAttemptAfter(attempts, now, o.retryBaseMs ?? WEBHOOK_RETRY_BASE_MS),
          })
          .where(eq(webhookDeliveries.id, d.id));
        failed += 1;
      }
      return true;
    });
    if (!done) break;
  }
  return { delivered, failed };
}

/** Started by the server: sends due deliveries every `intervalSeconds` (0: never). */
export function startWebhookWorker(
  db: Db,
  intervalSeconds: number,
  log: { error(o: unknown, msg: string): void; info(o: unknown, msg: string): void },
  options: { allowPrivate: boolean } = { allowPrivate: false },
): () => void {
  if (intervalSeconds <= 0) return () => {};
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const r = await deliverWebhooks(db, { allowPrivate: options.allowPrivate });
      if (r.delivered || r.failed) log.info(r, 'webhooks delivered');
    } catch (err) {
      log.error({ err }, 'webhook delivery failed');
    } finally {
      running = false;
    }
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
