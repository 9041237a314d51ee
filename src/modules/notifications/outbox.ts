// Notifications: queued in the `outbox` table in the same transaction as the
// change that causes them; sent by email when SMTP_URL is set, otherwise read
// by administrators at /admin/outbox.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
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

export type Mailer = { send(m: { to: string; subject: string; text: string }): Promise<void> };

export async function smtpMailer(url: string, from: string): Promise<Mailer> {
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

const MAX_ATTEMPTS = 5;

/** Sends pending messages (each row claimed with SKIP LOCKED so several processes share the work). */
export async function deliverOutbox(
  db: Db,
  mailer: Mailer,
  batch = 50,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < batch; i += 1) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lt(outbox.attempts, MAX_ATTEMPTS)))
        .orderBy(outbox.id)
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return false;
      try {
        await mailer.send({ to: row.recipient, subject: row.subject, text: row.body });
        await tx
          .update(outbox)
          .set({ status: 'sent', sentAt: new Date(), attempts: sql`${outbox.attempts} + 1` })
          .where(eq(outbox.id, row.id));
        sent += 1;
      } catch (err) {
        const attempts = row.attempts + 1;
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: String((err as Error).message ?? err).slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
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
