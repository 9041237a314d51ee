// Use cases of the plan's contents: planners create, edit, publish and
// unpublish sections, and fill the empty places (e.g. the breakthroughs). Each
// writes its audit row and keeps the search index in the same transaction.
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { conflict, forbidden, invalid, notFound } from '../../kernel/http/errors.ts';
import { agencies } from '../agencies/schema.ts';
import { recordAudit } from '../audit/record.ts';
import { removeSearchDocument, upsertSearchDocument } from '../search/register.ts';
import { markdownToText } from './markdown.ts';
import { itemPath, plainName, sectionPath } from './paths.ts';
import type { PlanItem, PlanSection } from './queries.ts';
import { planItems, planSections, plans } from './schema.ts';
import type { ItemFillInput, SectionInput, UpdateSectionInput } from './schemas.ts';

/** Rule: only planners (and administrators) change the plan's contents. */
export function mayEditPlan(user: CurrentUser | null): boolean {
  return user !== null && (user.role === 'planner' || user.role === 'admin');
}

function assertEditor(user: CurrentUser | null): void {
  if (!mayEditPlan(user)) throw forbidden();
}

async function checkPlacement(tx: DbOrTx, planId: number, input: SectionInput, selfId?: number) {
  const taken = await tx
    .select({ id: planSections.id })
    .from(planSections)
    .where(
      and(
        eq(planSections.planId, planId),
        eq(planSections.slug, input.slug),
        selfId === undefined ? undefined : ne(planSections.id, selfId),
      ),
    );
  if (taken.length) throw invalid([{ field: 'slug', message: 'plan.error.slugTaken' }]);
  if (input.parentId !== undefined) {
    if (input.parentId === selfId) throw invalid([{ field: 'parentId', message: 'plan.error.parent' }]);
    const [parent] = await tx.select().from(planSections).where(eq(planSections.id, input.parentId));
    if (!parent || parent.planId !== planId)
      throw invalid([{ field: 'parentId', message: 'plan.error.parent' }]);
    // No loops: walk up from the parent.
    let cursor: PlanSection | undefined = parent;
    while (cursor?.parentId != null) {
      if (cursor.parentId === selfId) throw invalid([{ field: 'parentId', message: 'plan.error.parent' }]);
      [cursor] = await tx.select().from(planSections).where(eq(planSections.id, cursor.parentId));
    }
  }
}

async function indexSection(tx: DbOrTx, s: PlanSection): Promise<void> {
  if (s.status !== 'published') return removeSearchDocument(tx, 'section', String(s.id));
  return upsertSearchDocument(tx, {
    type: 'section',
    key: String(s.id),
    title: s.titleVi,
    titleEn: s.titleEn,
    body: markdownToText(s.bodyVi),
    url: sectionPath(s.slug),
  });
}

/** Adds a section as a draft (not shown to the public until published). */
export async function createSection(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  planId: number,
  input: SectionInput,
): Promise<PlanSection> {
  assertEditor(user);
  return db.transaction(async (tx) => {
    const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
    if (!plan) throw notFound();
    await checkPlacement(tx, planId, input);
    const [created] = await tx
      .insert(planSections)
      .values({
        planId,
        parentId: input.parentId ?? null,
        kind: input.kind,
        slug: input.slug,
        position: input.position ?? 1000,
        titleVi: input.titleVi,
        titleEn: input.titleEn ?? null,
        bodyVi: input.bodyVi,
        bodyEn: input.bodyEn ?? null,
        status: 'draft',
        sources: input.sources,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'plan_section',
      entityId: created!.id,
      after: created,
    });
    return created!;
  });
}

/** Changes a section; a stale rowVersion gets 409. A published section's search entry follows. */
export async function updateSection(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  input: UpdateSectionInput,
): Promise<PlanSection> {
  assertEditor(user);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(planSections).where(eq(planSections.id, id));
    if (!before) throw notFound();
    await checkPlacement(tx, before.planId, input, id);
    const [after] = await tx
      .update(planSections)
      .set({
        parentId: input.parentId ?? null,
        kind: input.kind,
        slug: input.slug,
        position: input.position ?? before.position,
        titleVi: input.titleVi,
        titleEn: input.titleEn ?? null,
        bodyVi: input.bodyVi,
        bodyEn: input.bodyEn ?? null,
        sources: input.sources,
        rowVersion: before.rowVersion + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(planSections.id, id), eq(planSections.rowVersion, input.rowVersion)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, actor, { action: 'update', entity: 'plan_section', entityId: id, before, after });
    await indexSection(tx, after);
    return after;
  });
}

/** Publishes or unpublishes a section (an unpublished one disappears from pages and search). */
export async function setSectionStatus(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  status: 'draft' | 'published',
): Promise<PlanSection> {
  assertEditor(user);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(planSections).where(eq(planSections.id, id));
    if (!before) throw notFound();
    if (before.status === status) return before;
    const [after] = await tx
      .update(planSections)
      .set({
        status,
        publishedAt: status === 'published' ? new Date() : before.publishedAt,
        rowVersion: before.rowVersion + 1,
        updatedAt: new Date(),
      })
      .where(eq(planSections.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: status === 'published' ? 'publish' : 'unpublish',
      entity: 'plan_section',
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
    await indexSection(tx, after!);
    return after!;
  });
}

/**
 * Fills or corrects an item's names, texts, sources and responsible agency (e.g.
 * a breakthrough placeholder once the planner has it). The responsible agency's
 * editors then give the official answers to comments on the item.
 */
export async function fillItem(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  input: ItemFillInput,
): Promise<PlanItem> {
  assertEditor(user);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(planItems).where(eq(planItems.id, id));
    if (!before) throw notFound();
    if (input.responsibleAgencyId !== undefined) {
      const [agency] = await tx
        .select({ id: agencies.id, active: agencies.active })
        .from(agencies)
        .where(eq(agencies.id, input.responsibleAgencyId));
      if (!agency?.active) throw invalid([{ field: 'responsibleAgencyId', message: 'plan.error.agency' }]);
    }
    const [after] = await tx
      .update(planItems)
      .set({
        nameVi: input.nameVi,
        nameEn: input.nameEn ?? null,
        summaryVi: input.summaryVi || null,
        summaryEn: input.summaryEn ?? null,
        sources: input.sources,
        responsibleAgencyId: input.responsibleAgencyId ?? null,
        isPlaceholder: false,
        rowVersion: before.rowVersion + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(planItems.id, id), eq(planItems.rowVersion, input.rowVersion)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, actor, { action: 'update', entity: 'plan_item', entityId: id, before, after });
    await upsertSearchDocument(tx, {
      type: after.kind,
      key: String(after.id),
      title: plainName(after.nameVi),
      titleEn: after.nameEn,
      body: [after.nameVi, after.summaryVi].filter(Boolean).join(' '),
      url: itemPath(after.kind, after.slug),
    });
    return after;
  });
}
