// Notifications: queued in the `outbox` table in the same transaction as the
// change that causes them; sent by email when SMTP_URL is set, otherwise read
// by administrators at /admin/outbox.
import { and, desc, eq, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../kernel/db/types.ts';
import { outbox } from './schema.ts';

export type OutgoingMessage = {
  recipient: string;
  recipientUserId?: number | null;
  subject: string;
  body: string;
  kind: string;
  /** The same key is queued once (later attempts are ignored). */
  dedupeKey?: string;
};

/** Queues a message; returns false when one with the same dedupe key is already queued. */
export async function enqueue(tx: DbOrTx, m: OutgoingMessage): Promise<boolean> {
  const rows = await tx
    .insert(outbox)
    .values({
      recipient: m.recipient,
      recipientUserId: m.recipientUserId ?? null,
      subject: m.subject,
      body: m.body,
      kind: m.kind,
      dedupeKey: m.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return rows.length > 0;
}

export async function listOutbox(db: DbOrTx, limit = 200) {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit);
}

export type Mailer = {
  send(m: { to: string; subject: string; text: string }): Promise<void>;
  close?(): void;
};

/** Sends by SMTP (nodemailer): UTF-8 subject and body, so Vietnamese arrives intact. */
export async function smtpMailer(url: string, from: string): Promise<Mailer> {
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        textEncoding: 'base64',
        headers: { 'Content-Language': 'vi' },
      });
    },
    close: () => transport.close(),
  };
}

export const MAX_ATTEMPTS = 5;
/** First retry after a minute, then 2, 4, 8 … minutes, never more than six hours apart. */
export const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 6 * 3_600_000;

/** When to try again after `attempts` failed attempts: base · 2^(attempts−1), capped. */
export function nextAttemptAfter(attempts: number, now: Date, baseMs = RETRY_BASE_MS): Date {
  const delay = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
  return new Date(now.getTime() + delay);
}

export type DeliverOptions = {
  batch?: number;
  /** The clock (tests move it forward to reach the next retry). */
  now?: Date;
  retryBaseMs?: number;
  maxAttempts?: number;
};

/**
 * Sends pending messages that are due (each row claimed with SKIP LOCKED so
 * several processes share the work). A failure is recorded on the row with its
 * error and the time of the next attempt; after the last attempt it is "failed".
 */
export async function deliverOutbox(
  db: Db,
  mailer: Mailer,
  options: DeliverOptions | number = {},
): Promise<{ sent: number; failed: number }> {
  const o = typeof options === 'number' ? { batch: options } : options;
  const batch = o.batch ?? 50;
  const now = o.now ?? new Date();
  const maxAttempts = o.maxAttempts ?? MAX_ATTEMPTS;
  let sent = 0;
  let failed = 0;
  const tried = new Set<number>();
  for (let i = 0; i < batch; i += 1) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(outbox)
        .where(
          and(
            eq(outbox.status, 'pending'),
            lt(outbox.attempts, maxAttempts),
            or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now)),
            tried.size ? notInArray(outbox.id, [...tried]) : undefined,
          ),
        )
        .orderBy(outbox.id)
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return false;
      tried.add(row.id);
      try {
        await mailer.send({ to: row.recipient, subject: row.subject, text: row.body });
        await tx
          .update(outbox)
          .set({
            status: 'sent',
            sentAt: new Date(),
            attempts: sql`${outbox.attempts} + 1`,
            nextAttemptAt: null,
          })
          .where(eq(outbox.id, row.id));
        sent += 1;
      } catch (err) {
        const attempts = row.attempts + 1;
        const last = attempts >= maxAttempts;
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: String((err as Error).message ?? err).slice(0, 500),
            status: last ? 'failed' : 'pending',
            nextAttemptAt: last ? null : nextAttemptAfter(attempts, now, o.retryBaseMs),
          })
          .where(eq(outbox.id, row.id));
        failed += 1;
      }
      return true;
    });
    if (!done) break;
  }
  return { sent, failed };
}
