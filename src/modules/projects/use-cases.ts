import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { badRequest, notFound } from '../../kernel/http/errors.ts';
import { users } from '../accounts/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { recordAudit } from '../audit/record.ts';
import { enqueue } from '../notifications/outbox.ts';
import { projectInquiries, projects } from './schema.ts';
import type { InquiryInput } from './schemas.ts';

/**
 * The version of the consent notice on the inquiry form (messages 'projects.inquiry.consent').
 * Change it whenever that text changes, so each consent records what was agreed to.
 */
export const INQUIRY_CONSENT_VERSION = '2026-11-26';

/**
 * An investor asks about a project open for investment. The inquiry is stored
 * for the responsible agency (or the planners when none is recorded) and a
 * notification is queued for them in the outbox.
 */
export async function submitInquiry(db: DbOrTx, actor: Actor, projectId: number, input: InquiryInput) {
  return db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (!project?.isPublic) throw notFound();
    if (!project.openForInvestment) throw badRequest('projects.error.notOpen');
    const [row] = await tx
      .insert(projectInquiries)
      .values({
        projectId,
        agencyId: project.responsibleAgencyId,
        name: input.name,
        organisation: input.organisation ?? null,
        email: input.email,
        phone: input.phone ?? null,
        message: input.message,
        consent: true,
        consentAt: new Date(),
        consentVersion: INQUIRY_CONSENT_VERSION,
      })
      .returning();
    const recipients: { email: string; userId: number | null }[] = [];
    if (project.responsibleAgencyId) {
      const [agency] = await tx.select().from(agencies).where(eq(agencies.id, project.responsibleAgencyId));
      if (agency?.email) recipients.push({ email: agency.email, userId: null });
      const staff = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.agencyId, project.responsibleAgencyId), eq(users.active, true)));
      recipients.push(...staff.map((u) => ({ email: u.email, userId: u.id })));
    } else {
      const planners = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(inArray(users.role, ['planner']), eq(users.active, true)));
      recipients.push(...planners.map((u) => ({ email: u.email, userId: u.id })));
    }
    for (const r of recipients) {
      await enqueue(tx, {
        recipient: r.email,
        recipientUserId: r.userId,
        kind: 'investor_inquiry',
        dedupeKey: `inquiry:${row!.id}:${r.email.toLowerCase()}`,
        subject: `Nhà đầu tư quan tâm dự án "${project.nameVi}"`,
        body: `${input.name}${input.organisation ? ` (${input.organisation})` : ''} – ${input.email}${input.phone ? `, ${input.phone}` : ''} hỏi về dự án "${project.nameVi}":\n\n${input.message}`,
      });
    }
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'project_inquiry',
      entityId: row!.id,
      after: { projectId, agencyId: row!.agencyId },
    });
    return row!;
  });
}
