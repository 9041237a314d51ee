// Land categories, and SAMPLE quotas for 2021–2030 (no published quota table of
// the province was found; every quota row here is `isSample: true`).
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../kernel/db/types.ts';
import { chunks, upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { adminUnits } from '../geo/schema.ts';
import { NEW_PROVINCE_ID } from '../geo/seed.ts';
import { LAND_CATEGORIES, LAND_CATEGORY_SOURCE } from './categories.ts';
import { landCategories, landQuotas } from './schema.ts';

export const SAMPLE_PERIOD = { start: 2021, end: 2030 } as const;
/** Sample province totals (ha), invented for demonstration only. */
const SAMPLE_PROVINCE_HA: Record<string, number> = {
  LUA: 60_000,
  CLN: 90_000,
  RSX: 300_000,
  ODT: 9_000,
  ONT: 30_000,
  CSK: 6_000,
};

export async function seedLanduse(db: Db): Promise<SeedCounts> {
  const cats = LAND_CATEGORIES.map((c, i) => ({
    code: c.code,
    groupCode: c.group,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    sortOrder: i,
    sources: [LAND_CATEGORY_SOURCE],
  }));
  const c = upsertChanged(landCategories, ['groupCode', 'nameVi', 'nameEn', 'sortOrder', 'sources']);
  await db
    .insert(landCategories)
    .values(cats)
    .onConflictDoUpdate({ target: landCategories.code, set: c.set, setWhere: c.setWhere });

  const communes = (
    await db
      .select({ id: adminUnits.id })
      .from(adminUnits)
      .where(and(eq(adminUnits.level, 'commune'), isNull(adminUnits.validTo)))
  ).sort((a, b) => a.id.localeCompare(b.id));
  const base = {
    periodStart: SAMPLE_PERIOD.start,
    periodEnd: SAMPLE_PERIOD.end,
    isSample: true,
    sources: [] as string[],
  };
  const rows: (typeof landQuotas.$inferInsert)[] = [];
  for (const [code, ha] of Object.entries(SAMPLE_PROVINCE_HA)) {
    rows.push({ ...base, level: 'province', adminUnitId: NEW_PROVINCE_ID, categoryCode: code, areaHa: ha });
    // The sample allocation shares 95 % of the province's quota equally among the communes.
    const each = communes.length ? Math.round(((ha * 0.95) / communes.length) * 100) / 100 : 0;
    for (const u of communes)
      rows.push({ ...base, level: 'commune', adminUnitId: u.id, categoryCode: code, areaHa: each });
  }
  // Only missing rows are added: quotas are the administrators' once seeded.
  for (const batch of chunks(rows)) await db.insert(landQuotas).values(batch).onConflictDoNothing();
  return { 'landuse.categories': cats.length, 'landuse.sampleQuotas': rows.length };
}
