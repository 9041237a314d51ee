// Messages addressed to a member of the public (a follower, a commenter), and
// messages that quote their email (an investor's inquiry sent to the agency).
// Erasure deletes the first and blanks the email in the second; expiry deletes
// old messages to the public once sent or given up.
import { and, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { ERASED_MARK, type PersonalDataSource } from '../privacy/registry.ts';
import { outbox } from './schema.ts';

const toPublic = (email: string) =>
  and(isNull(outbox.recipientUserId), sql`lower(${outbox.recipient}) = lower(${email})`);
const quoting = (email: string) => sql`position(lower(${email}) in lower(${outbox.body})) > 0`;

export const outboxPersonalData: PersonalDataSource = {
  key: 'outbox',
  titleKey: 'privacy.source.outbox',
  async find(db, email) {
    const rows = await db
      .select()
      .from(outbox)
      .where(sql`(${toPublic(email)}) or (${quoting(email)})`)
      .orderBy(outbox.id);
    return rows.map((m) => ({
      id: m.id,
      createdAt: m.createdAt.toISOString(),
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      status: m.status,
    }));
  },
  async erase(tx: DbOrTx, email) {
    const deleted = await tx.delete(outbox).where(toPublic(email)).returning({ id: outbox.id });
    const blanked = await tx
      .update(outbox)
      .set({ body: sql`regexp_replace(${outbox.body}, ${escapeRegex(email)}, ${ERASED_MARK}, 'gi')` })
      .where(quoting(email))
      .returning({ id: outbox.id });
    return deleted.length + blanked.length;
  },
  async expire(tx: DbOrTx, before) {
    const rows = await tx
      .delete(outbox)
      .where(
        and(
          isNull(outbox.recipientUserId),
          lt(outbox.createdAt, before),
          inArray(outbox.status, ['sent', 'failed']),
        ),
      )
      .returning({ id: outbox.id });
    return rows.length;
  },
};

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
