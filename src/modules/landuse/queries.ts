import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  textSort,
} from '../../kernel/http/collection.ts';
import { adminUnits } from '../geo/schema.ts';
import { landCategories, landPlanChecks } from './schema.ts';

export type PlanCheckRow = typeof landPlanChecks.$inferSelect;

export async function getPlanCheck(db: DbOrTx, id: number): Promise<PlanCheckRow | null> {
  const [row] = await db.select().from(landPlanChecks).where(eq(landPlanChecks.id, id));
  return row ?? null;
}

export async function recentPlanChecks(db: DbOrTx, limit = 20): Promise<PlanCheckRow[]> {
  return db.select().from(landPlanChecks).orderBy(desc(landPlanChecks.createdAt)).limit(limit);
}

export async function listCategories(db: DbOrTx) {
  return db.select().from(landCategories).orderBy(asc(landCategories.sortOrder));
}

type CategoryRow = typeof landCategories.$inferSelect;
export const CATEGORY_SORTS = ['order', 'code', 'name'] as const;
const CATEGORY_COLLECTION: CollectionSpec<CategoryRow, (typeof CATEGORY_SORTS)[number]> = {
  sorts: {
    order: { expr: landCategories.sortOrder, value: (c) => c.sortOrder, type: 'int' },
    code: { expr: landCategories.code, value: (c) => c.code, type: 'text' },
    name: textSort(landCategories.nameVi, (c) => c.nameVi),
  },
  id: { expr: landCategories.code, value: (c) => c.code, type: 'text' },
};

/** One page of the land categories; `group` keeps one group (e.g. NNP, PNN). */
export async function pageCategories(
  db: DbOrTx,
  q: CollectionParams<(typeof CATEGORY_SORTS)[number]> & { group?: string | undefined },
) {
  const k = keyset(CATEGORY_COLLECTION, q);
  const rows = await db
    .select()
    .from(landCategories)
    .where(and(q.group ? eq(landCategories.groupCode, q.group) : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

/** Names of units and categories for showing a result. */
export async function nameLookups(db: DbOrTx) {
  const units = await db.select({ id: adminUnits.id, name: adminUnits.fullNameVi }).from(adminUnits);
  const cats = await listCategories(db);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const catName = new Map(cats.map((c) => [c.code, c]));
  return {
    unit: (id: string) => unitName.get(id) ?? id,
    category: (code: string, locale: 'vi' | 'en' = 'vi') => {
      const c = catName.get(code);
      return c ? `${code} — ${locale === 'en' ? c.nameEn : c.nameVi}` : code;
    },
  };
}
