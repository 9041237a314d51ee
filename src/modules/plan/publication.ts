// The publication duty: a plan must be published within 15 days of its approval
// (Law on Planning). Pure rule, plus the seed of the real announcement event.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { planPublicationEvents } from './schema.ts';

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
