// Followers' personal data: the email, the consent wording and time. Erasure
// deletes the follow (there is nothing public to keep); so does expiry.
import { lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { PersonalDataSource } from '../privacy/registry.ts';
import { follows } from './schema.ts';

const sameEmail = (email: string) => sql`lower(${follows.email}) = lower(${email})`;

export const followsPersonalData: PersonalDataSource = {
  key: 'follows',
  titleKey: 'privacy.source.follows',
  async find(db, email) {
    const rows = await db.select().from(follows).where(sameEmail(email)).orderBy(follows.id);
    return rows.map((f) => ({
      id: f.id,
      createdAt: f.createdAt.toISOString(),
      follows: `${f.targetType}:${f.targetId}`,
      email: f.email,
      consentText: f.consentText,
      consentAt: f.consentAt.toISOString(),
      confirmedAt: f.confirmedAt?.toISOString() ?? null,
    }));
  },
  async erase(tx: DbOrTx, email) {
    return (await tx.delete(follows).where(sameEmail(email)).returning({ id: follows.id })).length;
  },
  async expire(tx: DbOrTx, before) {
    return (await tx.delete(follows).where(lt(follows.createdAt, before)).returning({ id: follows.id }))
      .length;
  },
};
