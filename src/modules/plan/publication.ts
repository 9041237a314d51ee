// The publication duty: a plan must be published within 15 days of its approval
// (Law on Planning). Pure rule, the planners' record of events (audited), and
// the seed of the real announcement event.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { forbidden, invalid, notFound } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { planPublicationEvents } from './schema.ts';
import type { PublicationEventInput } from './schemas.ts';

export const PUBLICATION_DEADLINE_DAYS = 15;

/** Days between approval and publication, and whether that broke the 15-day rule; null when a date is unknown. */
export function publicationDelay(
  approvalDate: string | null,
  publicationDate: string | null,
): { days: number; late: boolean } | null {
  if (!approvalDate || !publicationDate) return null;
  const days = Math.round(
    (Date.parse(`${publicationDate}T00:00:00Z`) - Date.parse(`${approvalDate}T00:00:00Z`)) / 86_400_000,
  );
  return { days, late: days > PUBLICATION_DEADLINE_DAYS };
}

export type PublicationEvent = typeof planPublicationEvents.$inferSelect;

export function listPublicationEvents(db: DbOrTx, planId: number): Promise<PublicationEvent[]> {
  return db
    .select()
    .from(planPublicationEvents)
    .where(eq(planPublicationEvents.planId, planId))
    .orderBy(planPublicationEvents.publicationDate);
}

type Milestone = { date: string; event_vi: string; sources: string[] };

/** The announcement conference of 15/04/2023 is the publication event the data records. */
export async function seedPublicationEvents(
  db: DbOrTx,
  planId: number,
  approvalDate: string,
  milestones: Milestone[],
): Promise<number> {
  const announcement = milestones.find((m) => /công bố/i.test(m.event_vi));
  if (!announcement) return 0;
  const existing = await listPublicationEvents(db, planId);
  if (existing.some((e) => e.publicationDate === announcement.date)) return existing.length;
  await db.insert(planPublicationEvents).values({
    planId,
    approvalDate,
    publicationDate: announcement.date,
    channels: ['Hội nghị công bố Quy hoạch tỉnh'],
    note: announcement.event_vi,
    sources: announcement.sources,
  });
  return existing.length + 1;
}

function checkEvent(input: PublicationEventInput): void {
  if (!input.approvalDate && !input.publicationDate)
    throw invalid([{ field: 'publicationDate', message: 'plan.error.eventDates' }]);
  if (input.approvalDate && input.publicationDate && input.publicationDate < input.approvalDate)
    throw invalid([{ field: 'publicationDate', message: 'plan.error.publicationBeforeApproval' }]);
}

const eventValues = (input: PublicationEventInput) => ({
  approvalDate: input.approvalDate ?? null,
  publicationDate: input.publicationDate ?? null,
  channels: input.channels,
  note: input.note ?? null,
  sources: input.sources,
});

/** Records a publication event (planners and administrators). */
export async function recordPublicationEvent(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  planId: number,
  input: PublicationEventInput,
): Promise<PublicationEvent> {
  if (!user || (user.role !== 'planner' && user.role !== 'admin')) throw forbidden();
  checkEvent(input);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(planPublicationEvents)
      .values({ planId, ...eventValues(input) })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'plan_publication_event',
      entityId: created!.id,
      after: created,
    });
    return created!;
  });
}

/** Corrects a recorded publication event. */
export async function updatePublicationEvent(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  planId: number,
  id: number,
  input: PublicationEventInput,
): Promise<PublicationEvent> {
  if (!user || (user.role !== 'planner' && user.role !== 'admin')) throw forbidden();
  checkEvent(input);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(planPublicationEvents)
      .where(and(eq(planPublicationEvents.id, id), eq(planPublicationEvents.planId, planId)));
    if (!before) throw notFound();
    const [after] = await tx
      .update(planPublicationEvents)
      .set({ ...eventValues(input), updatedAt: new Date() })
      .where(eq(planPublicationEvents.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'plan_publication_event',
      entityId: id,
      before,
      after,
    });
    return after!;
  });
}
