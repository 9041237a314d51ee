import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { badRequest, conflict, forbidden, invalid, notFound } from '../../kernel/http/errors.ts';
import { translate } from '../../kernel/i18n/index.ts';
import { users } from '../accounts/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { canWriteForAgency, isProvinceWide } from '../agencies/scope.ts';
import { recordAudit } from '../audit/record.ts';
import { notifyFollowers } from '../implementation/follows.ts';
import { enqueue } from '../notifications/outbox.ts';
import type { ProjectRow } from './queries.ts';
import { projectInquiries, projects } from './schema.ts';
import type { InquiryInput, UpdateProjectInput } from './schemas.ts';

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

/** Who may change a project: planners and administrators; an agency editor for projects its subtree is responsible for. */
export async function mayEditProject(
  db: DbOrTx,
  user: CurrentUser,
  project: { responsibleAgencyId: number | null },
) {
  return canWriteForAgency(db, user, project.responsibleAgencyId);
}

const TRACKED = [
  'stage',
  'plannedProgress',
  'actualProgress',
  'plannedDisbursementVnd',
  'actualDisbursementVnd',
  'statusNote',
  'openForInvestment',
  'responsibleAgencyId',
] as const;

/**
 * Changes a project's stage, progress and disbursement. The caller sends the
 * rowVersion it read; if someone changed the project since, nothing is written
 * (409). Only planners and administrators change the responsible agency. A stage
 * change reaches the project's confirmed followers through the outbox.
 */
export async function updateProject(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  id: number,
  input: UpdateProjectInput,
): Promise<ProjectRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, id));
    if (!before) throw notFound();
    if (!(await mayEditProject(tx, user, before))) throw forbidden();
    if (input.responsibleAgencyId !== undefined && input.responsibleAgencyId !== before.responsibleAgencyId) {
      if (!isProvinceWide(user)) throw forbidden();
      if (input.responsibleAgencyId !== null) {
        const [agency] = await tx
          .select({ id: agencies.id })
          .from(agencies)
          .where(eq(agencies.id, input.responsibleAgencyId));
        if (!agency)
          throw invalid([{ field: 'responsibleAgencyId', message: 'projects.error.agencyUnknown' }]);
      }
    }
    const { rowVersion, ...changes } = input;
    const [after] = await tx
      .update(projects)
      .set({ ...changes, rowVersion: sql`${projects.rowVersion} + 1`, updatedAt: new Date() })
      .where(and(eq(projects.id, id), eq(projects.rowVersion, rowVersion)))
      .returning();
    if (!after) throw conflict('projects.error.stale');
    const pick = (p: ProjectRow) => Object.fromEntries(TRACKED.map((k) => [k, p[k]]));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'project',
      entityId: id,
      before: pick(before),
      after: pick(after),
    });
    if (before.stage !== after.stage) {
      const stage = (s: string | null) =>
        s ? translate('vi', `projects.stage.${s}`) : translate('vi', 'projects.stage.unknown');
      await notifyFollowers(
        tx,
        { type: 'project', id, title: after.nameVi },
        { from: stage(before.stage), to: stage(after.stage) },
        `v${after.rowVersion}`,
      );
    }
    return after;
  });
}
