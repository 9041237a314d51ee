// Sample observations (isSample: true, shown with the "Dữ liệu mẫu" badge) so the
// dashboard's map of communes and the quarterly view are not empty in a demo. No
// official per-commune or quarterly figures are in the shared data: every value here
// is generated, says so in its note, and has no source. Samples never count in a
// status: the method reads whole-year values of the province only (provinceSeries),
// and samples are commune-level or quarterly. A real value is never overwritten.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/types.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { adminUnits } from '../geo/schema.ts';
import { NEW_PROVINCE_ID } from '../geo/seed.ts';
import { indicatorObservations, indicators } from './schema.ts';

export const SAMPLE_NOTE =
  'Dữ liệu mẫu, tạo tự động để minh họa bản đồ và số liệu theo quý; không phải số liệu thống kê chính thức.';

/** A fixed pseudo-random number in [0, 1) from a text, so seeding twice gives the same samples. */
function unitNoise(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/** Per-commune samples: indicator code, year, and a value from the commune's noise and kind (ward or commune). */
const COMMUNE_MEASURES: {
  code: string;
  year: number;
  value(noise: number, isWard: boolean): number;
}[] = [
  { code: 'population', year: 2025, value: (n, ward) => Math.round((ward ? 25_000 : 8_000) + n * 30_000) },
  {
    code: 'schools_national_standard_rate',
    year: 2025,
    value: (n, ward) => Math.round((ward ? 70 : 45) + n * 30),
  },
];

/** Quarterly samples of the new province. */
const QUARTERLY = { code: 'state_budget_revenue', year: 2026, quarters: [1, 2, 3], base: 5_000 };

export async function seedSampleObservations(db: Db): Promise<SeedCounts> {
  const codes = [...COMMUNE_MEASURES.map((m) => m.code), QUARTERLY.code];
  const found = await db
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(inArray(indicators.code, codes));
  const idOf = new Map(found.map((r) => [r.code, r.id]));
  const communes = await db
    .select({ id: adminUnits.id, typeVi: adminUnits.typeVi })
    .from(adminUnits)
    .where(and(eq(adminUnits.level, 'commune'), eq(adminUnits.parentId, NEW_PROVINCE_ID)));
  const sample = { status: 'approved' as const, note: SAMPLE_NOTE, sources: [], isSample: true };
  const rows: (typeof indicatorObservations.$inferInsert)[] = [];
  for (const m of COMMUNE_MEASURES) {
    const indicatorId = idOf.get(m.code);
    if (indicatorId === undefined) continue;
    for (const c of communes)
      rows.push({
        indicatorId,
        year: m.year,
        quarter: 0,
        adminUnitId: c.id,
        value: m.value(unitNoise(`${m.code}|${c.id}`), c.typeVi === 'Phường'),
        ...sample,
      });
  }
  const quarterlyId = idOf.get(QUARTERLY.code);
  if (quarterlyId !== undefined)
    for (const q of QUARTERLY.quarters)
      rows.push({
        indicatorId: quarterlyId,
        year: QUARTERLY.year,
        quarter: q,
        adminUnitId: NEW_PROVINCE_ID,
        value: Math.round(QUARTERLY.base * (0.8 + 0.4 * unitNoise(`${QUARTERLY.code}|${q}`))),
        ...sample,
      });
  if (rows.length > 0) await db.insert(indicatorObservations).values(rows).onConflictDoNothing();
  const [count] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(indicatorObservations)
    .where(eq(indicatorObservations.isSample, true))) as { n: number }[];
  return { 'indicators.sampleObservations': count?.n ?? 0 };
}
