// An indicator's values by place, in the 2025 units or in the pre-2025 ones, whichever
// vintage they were recorded in: the indicator page's table and map, the dashboard's
// "by commune" section and GET /api/v1/indicators/{code}/by-place read them here. The
// roll-up itself is the geo module's (rollUpMeasure, rollIntoOldDistricts); this file
// reads the rows it needs and names the units.
import { centroid } from '@turf/turf';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type Aggregation,
  type DefaultShareRule,
  defaultShareRule,
  lineageOf,
  type MeasureRow,
  rollIntoOldDistricts,
  rollUpMeasure,
} from '../geo/rollup.ts';
import type { GeoJsonGeometry } from '../geo/schema.ts';
import { NEW_PROVINCE_ID } from '../geo/seed.ts';
import type { IndicatorRow } from './queries.ts';

export const PLACE_VINTAGES = ['new', 'old'] as const;
/** new: the 2025 communes (after 01/07/2025); old: the pre-2025 districts and communes. */
export type PlaceVintage = (typeof PLACE_VINTAGES)[number];

/** `?units=new|old&year=` of the views by place (a bad value falls back to the default). */
export const placeQuery = z
  .object({
    units: z.enum(PLACE_VINTAGES).catch('new').default('new'),
    year: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  })
  .transform((q) => ({ vintage: q.units, year: q.year }));

/** The outline of the province, for the maps by place. */
export async function provinceOutline(db: DbOrTx): Promise<GeoJsonGeometry | null> {
  const [row] = await queryRows<{ geometry: GeoJsonGeometry | null }>(
    db,
    sql`select geometry from admin_units where id = ${NEW_PROVINCE_ID}`,
  );
  return row?.geometry ?? null;
}

export type PlaceRow = {
  unitId: string;
  name: string;
  level: string;
  /** null when the value cannot be rolled up (see `refused`) */
  value: number | null;
  refused: MeasureRow['refused'];
  /** recorded under this unit itself (not rolled up) */
  direct: boolean;
  isSample: boolean;
  lon: number | null;
  lat: number | null;
  /** where the value came from: the units recorded, the part of each taken, their value and weight */
  from: { unitId: string; name: string; ratio: number; recorded: number; weight: number | null }[];
};

export type ByPlace = {
  vintage: PlaceVintage;
  /** the year shown (the latest with values by place unless one was asked for) */
  year: number | null;
  /** every year with values by place, latest first */
  years: number[];
  additive: boolean;
  /** the indicator weighing the mean of a non-additive one */
  weight: { code: string; nameVi: string; nameEn: string | null } | null;
  rule: DefaultShareRule;
  rows: PlaceRow[];
  /** recorded values (or parts) no unit of the chosen vintage received */
  unassigned: { unitId: string; name: string; value: number }[];
};

type Recorded = {
  unitId: string;
  year: number;
  value: number;
  isSample: boolean;
  current: boolean;
};

const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

type UnitInfo = { id: string; name: string; level: string; geometry: GeoJsonGeometry | null };

/** The approved whole-year values of an indicator under communes and districts (not the province). */
async function recordedByPlace(db: DbOrTx, indicatorId: number): Promise<Recorded[]> {
  return queryRows<Recorded>(
    db,
    sql`select o.admin_unit_id as "unitId", o.year, o.value::float as value, o.is_sample as "isSample",
               (u.valid_to is null) as current
        from indicator_observations o join admin_units u on u.id = o.admin_unit_id
        where o.indicator_id = ${indicatorId} and o.status = 'approved' and o.quarter = 0
          and u.level in ('commune', 'district')`,
  );
}

async function unitsById(db: DbOrTx, ids: string[], withPolygons: boolean): Promise<Map<string, UnitInfo>> {
  if (ids.length === 0) return new Map();
  // Points are small; district polygons are read only for the pre-2025 view, to place their dot.
  const rows = await queryRows<UnitInfo>(
    db,
    sql`select id, full_name_vi as name, level,
               case when geometry->>'type' = 'Point' or ${withPolygons} then geometry end as geometry
        from admin_units where id in (${idList(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function pointOf(g: GeoJsonGeometry | null): { lon: number | null; lat: number | null } {
  if (!g) return { lon: null, lat: null };
  if (g.type === 'Point') {
    const [lon, lat] = g.coordinates as number[];
    return { lon: lon ?? null, lat: lat ?? null };
  }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return { lon: null, lat: null };
  const c = centroid(g as Parameters<typeof centroid>[0]).geometry.coordinates;
  return { lon: c[0] ?? null, lat: c[1] ?? null };
}

/** The weights of a non-additive indicator's units in `year`: the weighing indicator's values there. */
async function weightsOf(db: DbOrTx, weightIndicatorId: number | null, year: number) {
  if (weightIndicatorId === null) return new Map<string, number>();
  const rows = await queryRows<{ unitId: string; value: number }>(
    db,
    sql`select admin_unit_id as "unitId", value::float as value from indicator_observations
        where indicator_id = ${weightIndicatorId} and year = ${year} and quarter = 0 and status = 'approved'`,
  );
  return new Map(rows.map((r) => [r.unitId, r.value]));
}

/** The commune links of every pre-2025 commune of the districts that `unitIds` (2025 units) took communes from. */
async function districtLinks(db: DbOrTx, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return queryRows<{ predecessorId: string; successorId: string; districtId: string }>(
    db,
    sql`select l.predecessor_id as "predecessorId", l.successor_id as "successorId", p.parent_id as "districtId"
        from admin_unit_lineage l join admin_units p on p.id = l.predecessor_id
        where p.level = 'commune' and p.parent_id in (
          select p2.parent_id from admin_unit_lineage l2 join admin_units p2 on p2.id = l2.predecessor_id
          where p2.level = 'commune' and l2.successor_id in (${idList(unitIds)}))`,
  );
}

export async function indicatorByPlace(
  db: DbOrTx,
  indicator: Pick<IndicatorRow, 'id' | 'additive' | 'weightIndicatorId'>,
  options: { vintage: PlaceVintage; year?: number },
): Promise<ByPlace> {
  const recorded = await recordedByPlace(db, indicator.id);
  const years = [...new Set(recorded.map((r) => r.year))].sort((a, b) => b - a);
  const year = options.year !== undefined && years.includes(options.year) ? options.year : (years[0] ?? null);
  const [weight] =
    indicator.weightIndicatorId === null
      ? []
      : await queryRows<{ code: string; nameVi: string; nameEn: string | null }>(
          db,
          sql`select code, name_vi as "nameVi", name_en as "nameEn" from indicators where id = ${indicator.weightIndicatorId}`,
        );
  const rule = await defaultShareRule(db);
  const base = {
    vintage: options.vintage,
    year,
    years,
    additive: indicator.additive,
    weight: weight ?? null,
    rule,
  };
  if (year === null) return { ...base, rows: [], unassigned: [] };
  const ofYear = recorded.filter((r) => r.year === year);
  const aggregation: Aggregation = indicator.additive
    ? { additive: true }
    : { additive: false, weights: await weightsOf(db, indicator.weightIndicatorId, year) };
  const sampleUnits = new Set(ofYear.filter((r) => r.isSample).map((r) => r.unitId));
  const values = ofYear.map((r) => ({ unitId: r.unitId, value: r.value }));

  let measured: MeasureRow[];
  let unassigned: { fromId: string; value: number }[] = [];
  if (options.vintage === 'new') {
    const lineage = await lineageOf(
      db,
      ofYear.filter((r) => !r.current).map((r) => r.unitId),
    );
    const current = new Set(ofYear.filter((r) => r.current).map((r) => r.unitId));
    const r = rollUpMeasure(values, lineage, rule, aggregation, current);
    measured = r.rows;
    unassigned = r.unassigned;
  } else {
    // Recorded under pre-2025 units: as recorded. Recorded under 2025 units: by the district they lie in.
    const direct = ofYear
      .filter((r) => !r.current)
      .map((r) => ({
        unitId: r.unitId,
        value: r.value,
        refused: null,
        contributions: [{ fromId: r.unitId, ratio: 1, recorded: r.value, weight: null }],
      }));
    const onNew = ofYear.filter((r) => r.current);
    const links = await districtLinks(
      db,
      onNew.map((r) => r.unitId),
    );
    const districts = rollIntoOldDistricts(
      onNew.map((r) => ({ unitId: r.unitId, value: r.value })),
      links,
      new Map(links.map((l) => [l.predecessorId, l.districtId])),
      aggregation,
    );
    const directIds = new Set(direct.map((d) => d.unitId));
    measured = [...direct, ...districts.filter((d) => !directIds.has(d.unitId))];
  }

  const ids = [
    ...new Set([
      ...measured.flatMap((m) => [m.unitId, ...m.contributions.map((c) => c.fromId)]),
      ...unassigned.map((u) => u.fromId),
    ]),
  ];
  const units = await unitsById(db, ids, options.vintage === 'old');
  const nameOf = (id: string) => units.get(id)?.name ?? id;
  const rows: PlaceRow[] = measured.map((m) => ({
    unitId: m.unitId,
    name: nameOf(m.unitId),
    level: units.get(m.unitId)?.level ?? '',
    value: m.value,
    refused: m.refused,
    direct: m.contributions.length === 1 && m.contributions[0]!.fromId === m.unitId,
    isSample: m.contributions.some((c) => sampleUnits.has(c.fromId)),
    ...pointOf(units.get(m.unitId)?.geometry ?? null),
    from: m.contributions.map((c) => ({
      unitId: c.fromId,
      name: nameOf(c.fromId),
      ratio: c.ratio,
      recorded: c.recorded,
      weight: c.weight,
    })),
  }));
  rows.sort(
    (a, b) =>
      (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) ||
      (b.value ?? 0) - (a.value ?? 0) ||
      collator.compare(a.name, b.name),
  );
  return {
    ...base,
    rows,
    unassigned: unassigned.map((u) => ({ unitId: u.fromId, name: nameOf(u.fromId), value: u.value })),
  };
}

const collator = new Intl.Collator('vi');
