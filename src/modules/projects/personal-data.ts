// Investors' inquiries hold a name, organisation, email and phone. Erasure and
// expiry replace them; the question stays for the agency's record.
import { and, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { ERASED_MARK, type PersonalDataSource } from '../privacy/registry.ts';
import { projectInquiries } from './schema.ts';

const sameEmail = (email: string) => sql`lower(${projectInquiries.email}) = lower(${email})`;
const cleared = { name: ERASED_MARK, email: ERASED_MARK, organisation: null, phone: null } as const;

export const inquiriesPersonalData: PersonalDataSource = {
  key: 'project_inquiries',
  titleKey: 'privacy.source.inquiries',
  async find(db, email) {
    const rows = await db
      .select()
      .from(projectInquiries)
      .where(sameEmail(email))
      .orderBy(projectInquiries.id);
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      projectId: r.projectId,
      name: r.name,
      organisation: r.organisation,
      email: r.email,
      phone: r.phone,
      message: r.message,
      consentAt: r.consentAt?.toISOString() ?? null,
      consentVersion: r.consentVersion,
    }));
  },
  async erase(tx: DbOrTx, email) {
    const rows = await tx
      .update(projectInquiries)
      .set(cleared)
      .where(sameEmail(email))
      .returning({ id: projectInquiries.id });
    return rows.length;
  },
  async expire(tx: DbOrTx, before) {
    const rows = await tx
      .update(projectInquiries)
      .set(cleared)
      .where(and(lt(projectInquiries.createdAt, before), ne(projectInquiries.email, ERASED_MARK)))
      .returning({ id: projectInquiries.id });
    return rows.length;
  },
};
