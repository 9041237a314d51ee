// Commenters' personal data: name, email and the hashed IP. Erasure and expiry
// clear them; the comment itself stays, under its pseudonym.
import { and, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { PersonalDataSource } from '../privacy/registry.ts';
import { comments } from './schema.ts';

const sameEmail = (email: string) => sql`lower(${comments.authorEmail}) = lower(${email})`;
const cleared = { authorName: null, authorEmail: null, ipHash: null } as const;

export const commentsPersonalData: PersonalDataSource = {
  key: 'comments',
  titleKey: 'privacy.source.comments',
  async find(db, email) {
    const rows = await db.select().from(comments).where(sameEmail(email)).orderBy(comments.id);
    return rows.map((c) => ({
      id: c.id,
      createdAt: c.createdAt.toISOString(),
      about: `${c.targetType}:${c.targetId}`,
      name: c.authorName,
      email: c.authorEmail,
      pseudonym: c.pseudonym,
      body: c.body,
      state: c.state,
      consentAt: c.consentAt?.toISOString() ?? null,
      consentVersion: c.consentVersion,
    }));
  },
  async erase(tx: DbOrTx, email) {
    const rows = await tx
      .update(comments)
      .set(cleared)
      .where(sameEmail(email))
      .returning({ id: comments.id });
    return rows.length;
  },
  async expire(tx: DbOrTx, before) {
    const rows = await tx
      .update(comments)
      .set(cleared)
      .where(
        and(
          lt(comments.createdAt, before),
          or(isNotNull(comments.authorEmail), isNotNull(comments.authorName), isNotNull(comments.ipHash)),
        ),
      )
      .returning({ id: comments.id });
    return rows.length;
  },
};
