// Read-only queries on plans, for pages and APIs.
import { and, asc, desc, eq, getTableColumns, inArray, ne, sql } from 'drizzle-orm';
import { arrayLiteral } from '../../kernel/db/array-literal.ts';
import { preparedPerDb } from '../../kernel/db/prepared.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  textSort,
} from '../../kernel/http/collection.ts';
import { foldVietnamese } from '../search/normalize.ts';
import { type ItemKind, planItems, planSectionItems, planSections, plans } from './schema.ts';

export type Plan = typeof plans.$inferSelect;

/** Every plan version, the most recently decided first. */
const PLAN_ORDER = [
  sql`${plans.decisionDate} desc nulls last`,
  asc(plans.provinceCode),
  desc(plans.versionNumber),
  asc(plans.id),
];

export function listPlans(db: DbOrTx): Promise<Plan[]> {
  return db
    .select()
    .from(plans)
    .orderBy(...PLAN_ORDER);
}

const plansWithContentsQuery = preparedPerDb((db, name) =>
  db
    .select({ plan: plans, contentsId: sql<number | null>`(select min(plan_id) from plan_sections)` })
    .from(plans)
    .orderBy(...PLAN_ORDER)
    .prepare(name),
);

/** All plans, and among them the one contentsPlan gives, in one round trip (the home page asks both). */
export async function listPlansWithContents(db: DbOrTx): Promise<{ plans: Plan[]; contents: Plan | null }> {
  const rows = await plansWithContentsQuery(db).execute();
  const list = rows.map((r) => r.plan);
  const contentsId = rows[0]?.contentsId ?? null;
  return { plans: list, contents: list.find((p) => p.id === Number(contentsId)) ?? null };
}

export async function getPlanByCode(db: DbOrTx, code: string): Promise<Plan | null> {
  const [row] = await db.select().from(plans).where(eq(plans.code, code));
  return row ?? null;
}

/**
 * The plan in force for a province: its newest version that is no longer a
 * draft (a draft adjustment does not replace the plan the public sees).
 */
export async function currentPlanForProvince(db: DbOrTx, provinceCode: string): Promise<Plan | null> {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.provinceCode, provinceCode), ne(plans.status, 'draft')))
    .orderBy(desc(plans.versionNumber), sql`${plans.decisionDate} desc nulls last`, desc(plans.id))
    .limit(1);
  return row ?? null;
}

// ---- contents

export type PlanSection = typeof planSections.$inferSelect;
export type PlanItem = typeof planItems.$inferSelect;
export type SectionNode = PlanSection & { children: SectionNode[]; itemIds: number[] };

export async function getPlan(db: DbOrTx, id: number): Promise<Plan | null> {
  const [row] = await db.select().from(plans).where(eq(plans.id, id));
  return row ?? null;
}

const contentsPlanQuery = preparedPerDb((db, name) =>
  db.select().from(plans).where(sql`${plans.id} = (select min(plan_id) from plan_sections)`).prepare(name),
);

/** The plan whose contents the public portal shows (the one with sections), else the featured plan. */
export async function contentsPlan(db: DbOrTx): Promise<Plan | null> {
  // One round trip (it is asked on every page of the contents); min() reads one entry of the
  // (plan_id, slug) index.
  const [row] = await contentsPlanQuery(db).execute();
  return row ?? null;
}

/** A plan's sections as a tree (ordered by position); drafts only when asked. */
export async function sectionTree(
  db: DbOrTx,
  planId: number,
  options: { includeDrafts?: boolean } = {},
): Promise<SectionNode[]> {
  const rows = await db
    .select()
    .from(planSections)
    .where(
      options.includeDrafts
        ? eq(planSections.planId, planId)
        : and(eq(planSections.planId, planId), eq(planSections.status, 'published')),
    )
    .orderBy(asc(planSections.position), asc(planSections.id));
  const links = rows.length
    ? await db
        .select()
        .from(planSectionItems)
        .where(
          inArray(
            planSectionItems.sectionId,
            rows.map((r) => r.id),
          ),
        )
        // The same order as the subtree's links: pages and PDFs list a section's items so.
        .orderBy(asc(planSectionItems.sectionId), asc(planSectionItems.itemId))
    : [];
  const nodes = new Map<number, SectionNode>(rows.map((r) => [r.id, { ...r, children: [], itemIds: [] }]));
  for (const l of links) nodes.get(l.sectionId)?.itemIds.push(l.itemId);
  const roots: SectionNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    if (parent) parent.children.push(n);
    else if (n.parentId === null) roots.push(n);
  }
  return roots;
}

const sectionSubtreeQuery = preparedPerDb((db, name) => {
  const planId = sql.placeholder('planId');
  const slug = sql.placeholder('slug');
  const visible = sql`(${sql.placeholder('includeDrafts')}::boolean or s.status = 'published')`;
  // The section's links to items, in the same round trip.
  const itemIds = sql<number[]>`array(
    select psi.item_id from plan_section_items psi where psi.section_id = ${planSections.id}
    order by psi.item_id)`;
  return db
    .select({ ...getTableColumns(planSections), itemIds })
    .from(planSections)
    .where(
      sql`${planSections.id} in (
        with recursive up as (
          select s.id, s.parent_id from plan_sections s
          where s.plan_id = ${planId} and s.slug = ${slug} and ${visible}
          union
          select s.id, s.parent_id from plan_sections s join up on s.id = up.parent_id
          where s.plan_id = ${planId} and ${visible}
        ), down as (
          select s.id from plan_sections s
          where s.plan_id = ${planId} and s.slug = ${slug} and ${visible}
            and exists (select 1 from up where up.parent_id is null)
          union all
          select s.id from plan_sections s join down on s.parent_id = down.id
          where s.plan_id = ${planId} and ${visible}
        )
        select id from down)`,
    )
    .orderBy(asc(planSections.position), asc(planSections.id))
    .prepare(name);
});

/**
 * One section and its descendants, as `flattenTree(await sectionTree(…)).find((n) => n.slug === slug)`
 * gives it, without reading the rest of the plan: the section is found only when it and all its
 * ancestors up to a root are visible (published, or any status with drafts), and its subtree
 * keeps the visible descendants, children ordered by position.
 */
export async function sectionSubtree(
  db: DbOrTx,
  planId: number,
  slug: string,
  options: { includeDrafts?: boolean } = {},
): Promise<SectionNode | null> {
  const rows = await sectionSubtreeQuery(db).execute({
    planId,
    slug,
    includeDrafts: options.includeDrafts ?? false,
  });
  const top = rows.find((r) => r.slug === slug);
  if (!top) return null;
  const nodes = new Map<number, SectionNode>(rows.map((r) => [r.id, { ...r, children: [] }]));
  for (const n of nodes.values())
    if (n.id !== top.id && n.parentId !== null) nodes.get(n.parentId)?.children.push(n);
  return nodes.get(top.id) ?? null;
}

export function flattenTree(nodes: SectionNode[], depth = 0): (SectionNode & { depth: number })[] {
  return nodes.flatMap((n) => [{ ...n, depth }, ...flattenTree(n.children, depth + 1)]);
}

export async function getSectionBySlug(
  db: DbOrTx,
  planId: number,
  slug: string,
): Promise<PlanSection | null> {
  const [row] = await db
    .select()
    .from(planSections)
    .where(and(eq(planSections.planId, planId), eq(planSections.slug, slug)));
  return row ?? null;
}

export async function getSection(db: DbOrTx, id: number): Promise<PlanSection | null> {
  const [row] = await db.select().from(planSections).where(eq(planSections.id, id));
  return row ?? null;
}

const vietnamese = new Intl.Collator('vi');

export type ItemFilter = { kind?: ItemKind; q?: string; urbanClass?: string; subtype?: string };

export async function listItems(db: DbOrTx, planId: number, filter: ItemFilter = {}): Promise<PlanItem[]> {
  const rows = await db
    .select()
    .from(planItems)
    .where(
      and(
        eq(planItems.planId, planId),
        filter.kind ? eq(planItems.kind, filter.kind) : undefined,
        filter.urbanClass ? eq(planItems.urbanClass, filter.urbanClass) : undefined,
        filter.subtype ? eq(planItems.subtype, filter.subtype) : undefined,
      ),
    )
    .orderBy(asc(planItems.position), asc(planItems.id));
  if (!filter.q) return rows;
  const q = foldVietnamese(filter.q.trim());
  return rows.filter((r) => foldVietnamese(`${r.nameVi} ${r.locationVi.join(' ')}`).includes(q));
}

export const PLAN_SORTS = ['decision', 'code'] as const;
const PLAN_COLLECTION: CollectionSpec<Plan, (typeof PLAN_SORTS)[number]> = {
  sorts: {
    decision: { expr: plans.decisionDate, value: (p) => p.decisionDate, type: 'date', nullable: true },
    code: { expr: plans.code, value: (p) => p.code, type: 'text' },
  },
  id: { expr: plans.id, value: (p) => p.id, type: 'int' },
};

/** One page of the plan versions; `province` keeps one province's. */
export async function pagePlans(
  db: DbOrTx,
  q: CollectionParams<(typeof PLAN_SORTS)[number]> & { province?: string | undefined },
) {
  const k = keyset(PLAN_COLLECTION, q);
  const rows = await db
    .select()
    .from(plans)
    .where(and(q.province ? eq(plans.provinceCode, q.province) : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

export const ITEM_SORTS = ['position', 'name', 'area'] as const;
const ITEM_COLLECTION: CollectionSpec<PlanItem, (typeof ITEM_SORTS)[number]> = {
  sorts: {
    position: { expr: planItems.position, value: (i) => i.position, type: 'int' },
    name: textSort(planItems.nameVi, (i) => i.nameVi),
    area: { expr: planItems.areaHa, value: (i) => i.areaHa, type: 'numeric', nullable: true },
  },
  id: { expr: planItems.id, value: (i) => i.id, type: 'int' },
};

/** One page of a plan's typed items, sorted in SQL. */
export async function pageItems(
  db: DbOrTx,
  planId: number,
  q: CollectionParams<(typeof ITEM_SORTS)[number]> & Omit<ItemFilter, 'q'>,
) {
  const k = keyset(ITEM_COLLECTION, q);
  const rows = await db
    .select()
    .from(planItems)
    .where(
      and(
        eq(planItems.planId, planId),
        q.kind ? eq(planItems.kind, q.kind) : undefined,
        q.urbanClass ? eq(planItems.urbanClass, q.urbanClass) : undefined,
        q.subtype ? eq(planItems.subtype, q.subtype) : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

/** What a link to an item needs (its list page, its name), without its facts and geometry. */
export type PlanItemLink = Pick<PlanItem, 'id' | 'kind' | 'slug' | 'nameVi' | 'nameEn' | 'isPlaceholder'>;

const itemLinksQuery = preparedPerDb((db, name) =>
  db
    .select({
      id: planItems.id,
      kind: planItems.kind,
      slug: planItems.slug,
      nameVi: planItems.nameVi,
      nameEn: planItems.nameEn,
      isPlaceholder: planItems.isPlaceholder,
    })
    .from(planItems)
    .where(eq(planItems.planId, sql.placeholder('planId')))
    .orderBy(asc(planItems.position), asc(planItems.id))
    .prepare(name),
);

/** Every item of a plan, in listItems' order, as links. */
export function listItemLinks(db: DbOrTx, planId: number): Promise<PlanItemLink[]> {
  return itemLinksQuery(db).execute({ planId });
}

export function sortByName<T extends { nameVi: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => vietnamese.compare(a.nameVi, b.nameVi));
}

export async function getItemBySlug(
  db: DbOrTx,
  planId: number,
  kind: ItemKind,
  slug: string,
): Promise<PlanItem | null> {
  const [row] = await db
    .select()
    .from(planItems)
    .where(and(eq(planItems.planId, planId), eq(planItems.kind, kind), eq(planItems.slug, slug)));
  return row ?? null;
}

export async function getItem(db: DbOrTx, id: number): Promise<PlanItem | null> {
  const [row] = await db.select().from(planItems).where(eq(planItems.id, id));
  return row ?? null;
}

/** The published sections that speak of an item. */
export async function sectionsOfItem(db: DbOrTx, itemId: number): Promise<PlanSection[]> {
  const rows = await db
    .select({ s: planSections })
    .from(planSectionItems)
    .innerJoin(planSections, eq(planSections.id, planSectionItems.sectionId))
    .where(and(eq(planSectionItems.itemId, itemId), eq(planSections.status, 'published')));
  return rows.map((r) => r.s);
}

const itemsByIdsQuery = preparedPerDb((db, name) =>
  db
    .select()
    .from(planItems)
    .where(sql`${planItems.id} = any(${sql.placeholder('ids')}::int[])`)
    .prepare(name),
);

export async function itemsByIds(db: DbOrTx, ids: number[]): Promise<PlanItem[]> {
  if (ids.length === 0) return [];
  return itemsByIdsQuery(db).execute({ ids: arrayLiteral(ids) });
}
