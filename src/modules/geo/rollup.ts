// Rolling values recorded under pre-2025 units up into the 2025 communes
// through admin_unit_lineage. The rule (docs/reorganisation.md):
//  - a predecessor that passed wholly into one successor gives it all its value;
//  - a predecessor split among several successors gives each its share_ratio
//    when one is recorded; the part no recorded ratio covers is divided by the
//    default rule, `equal` (equal split among the successors without a ratio)
//    or `unassigned`, which leaves that part out and reports it. Administrators
//    choose the default at /admin/lineage (lineage_settings); a caller may still
//    pass a rule;
//  - a value recorded under a unit that is itself current passes through.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { adminUnitLineage, type DefaultShareRule, type LineageShare, lineageSettings } from './schema.ts';

export type { DefaultShareRule };

export type LineageLink = {
  predecessorId: string;
  successorId: string;
  share: LineageShare;
  shareRatio: number | null;
};

export type RolledUp = {
  unitId: string;
  value: number;
  contributions: { fromId: string; ratio: number; value: number }[];
};

export type RollupResult = {
  values: RolledUp[];
  /** Value that could not be attributed (predecessor without successors, or left out by `unassigned`). */
  unassigned: { fromId: string; value: number }[];
};

/** The ratio each successor receives from one predecessor, by the rule above. */
export function successorRatios(links: LineageLink[], rule: DefaultShareRule = 'equal'): Map<string, number> {
  const ratios = new Map<string, number>();
  if (links.length === 1 && links[0]!.share === 'full') {
    ratios.set(links[0]!.successorId, 1);
    return ratios;
  }
  const explicit = links.filter((l) => l.shareRatio !== null);
  const rest = links.filter((l) => l.shareRatio === null);
  const used = explicit.reduce((s, l) => s + (l.shareRatio ?? 0), 0);
  for (const l of explicit) ratios.set(l.successorId, l.shareRatio!);
  if (rule === 'equal' && rest.length > 0) {
    const each = Math.max(0, 1 - used) / rest.length;
    for (const l of rest) ratios.set(l.successorId, each);
  }
  return ratios;
}

/** What each unit receives: from which recorded unit, at which ratio, the value as recorded there. */
type Attribution = {
  received: Map<string, { fromId: string; ratio: number; recorded: number }[]>;
  /** Recorded units and the part of them (0–1) that no successor received. */
  left: { fromId: string; part: number; recorded: number }[];
};

/**
 * The one place where recorded units are matched to the 2025 units: a unit with lineage gives each
 * successor its ratio (`successorRatios`); a unit without lineage passes through when it is current
 * (or when `currentUnitIds` is not given) and is left over otherwise.
 */
function attribute(
  values: { unitId: string; value: number }[],
  lineage: LineageLink[],
  rule: DefaultShareRule,
  currentUnitIds?: ReadonlySet<string>,
): Attribution {
  const byPredecessor = new Map<string, LineageLink[]>();
  for (const l of lineage)
    byPredecessor.set(l.predecessorId, [...(byPredecessor.get(l.predecessorId) ?? []), l]);
  const received: Attribution['received'] = new Map();
  const left: Attribution['left'] = [];
  const add = (unitId: string, fromId: string, ratio: number, recorded: number) => {
    const list = received.get(unitId);
    if (list) list.push({ fromId, ratio, recorded });
    else received.set(unitId, [{ fromId, ratio, recorded }]);
  };
  for (const v of values) {
    const links = byPredecessor.get(v.unitId);
    if (!links) {
      if (!currentUnitIds || currentUnitIds.has(v.unitId)) add(v.unitId, v.unitId, 1, v.value);
      else left.push({ fromId: v.unitId, part: 1, recorded: v.value });
      continue;
    }
    let given = 0;
    for (const [successorId, ratio] of successorRatios(links, rule)) {
      add(successorId, v.unitId, ratio, v.value);
      given += ratio;
    }
    if (given < 1 - 1e-9) left.push({ fromId: v.unitId, part: 1 - given, recorded: v.value });
  }
  return { received, left };
}

export function rollUp(
  values: { unitId: string; value: number }[],
  lineage: LineageLink[],
  rule: DefaultShareRule = 'equal',
  currentUnitIds?: ReadonlySet<string>,
): RollupResult {
  const { received, left } = attribute(values, lineage, rule, currentUnitIds);
  const out: RolledUp[] = [...received.entries()].map(([unitId, from]) => {
    const contributions = from.map((c) => ({
      fromId: c.fromId,
      ratio: c.ratio,
      value: c.recorded * c.ratio,
    }));
    return { unitId, value: contributions.reduce((s, c) => s + c.value, 0), contributions };
  });
  return {
    values: out.sort((a, b) => a.unitId.localeCompare(b.unitId)),
    unassigned: left.map((l) => ({ fromId: l.fromId, value: l.recorded * l.part })),
  };
}

// ---------------------------------------------------------------------------
// Measures: additive figures add up; rates and averages do not.

/**
 * How a measure combines over several units (docs/reorganisation.md, "Additive or not"):
 * an additive one (people, ha, a count, money) is summed; any other (a rate, a share, an
 * average, a per-capita figure) is a mean weighted by `weights` (by recorded unit), and
 * cannot be rolled up where a weight is missing.
 */
export type Aggregation = { additive: true } | { additive: false; weights: ReadonlyMap<string, number> };

export type MeasureContribution = {
  fromId: string;
  /** the part of `fromId` this unit received (1: all of it) */
  ratio: number;
  /** the value recorded under `fromId` */
  recorded: number;
  /** the weight of `fromId` (non-additive measures), null when unknown */
  weight: number | null;
};

export type MeasureRow = {
  unitId: string;
  /** null when the value cannot be rolled up (`refused` says why) */
  value: number | null;
  refused: 'no_weight' | 'crosses' | 'incomplete' | null;
  contributions: MeasureContribution[];
};

/**
 * The value of one unit from its contributions. A sum of recorded × ratio when additive. When
 * not: one contribution keeps its value (the part of a split unit is taken at the rate of the
 * whole); several make the mean Σ value·weight·ratio / Σ weight·ratio, refused without a weight
 * for every contribution.
 */
export function combine(
  contributions: readonly MeasureContribution[],
  aggregation: Aggregation,
): Pick<MeasureRow, 'value' | 'refused'> {
  if (aggregation.additive)
    return { value: contributions.reduce((s, c) => s + c.recorded * c.ratio, 0), refused: null };
  if (contributions.length === 1) return { value: contributions[0]!.recorded, refused: null };
  let weighted = 0;
  let total = 0;
  for (const c of contributions) {
    if (c.weight === null) return { value: null, refused: 'no_weight' };
    weighted += c.recorded * c.weight * c.ratio;
    total += c.weight * c.ratio;
  }
  return total > 0 ? { value: weighted / total, refused: null } : { value: null, refused: 'no_weight' };
}

const weightOf = (aggregation: Aggregation, unitId: string) =>
  aggregation.additive ? null : (aggregation.weights.get(unitId) ?? null);

/**
 * Rolls a measure recorded under units of either vintage into the 2025 units, through the same
 * attribution as `rollUp`, combined by `combine`. A value recorded under the 2025 unit itself is
 * taken as it is: what its predecessors recorded for the same period is then not added to it.
 */
export function rollUpMeasure(
  values: { unitId: string; value: number }[],
  lineage: LineageLink[],
  rule: DefaultShareRule,
  aggregation: Aggregation,
  currentUnitIds?: ReadonlySet<string>,
): { rows: MeasureRow[]; unassigned: RollupResult['unassigned'] } {
  const { received, left } = attribute(values, lineage, rule, currentUnitIds);
  const rows: MeasureRow[] = [...received.entries()].map(([unitId, from]) => {
    const own = from.filter((c) => c.fromId === unitId);
    const contributions = (own.length ? own : from).map((c) => ({
      ...c,
      weight: weightOf(aggregation, c.fromId),
    }));
    return { unitId, contributions, ...combine(contributions, aggregation) };
  });
  return {
    rows: rows.sort((a, b) => a.unitId.localeCompare(b.unitId)),
    unassigned: left.map((l) => ({
      fromId: l.fromId,
      value: aggregation.additive ? l.recorded * l.part : l.recorded,
    })),
  };
}

/**
 * The reverse view: a measure recorded under 2025 units shown by pre-2025 district. A 2025 unit
 * counts towards a district when every pre-2025 commune it was formed from lay in that district.
 * A district gets a value only when every 2025 unit that took any of its communes lies wholly in it
 * (`crosses` otherwise) and has a value (`incomplete` otherwise); a 2025 unit is never split back.
 * `links` are the commune links (pre-2025 commune → 2025 unit) of the communes of the districts
 * concerned; `districtOf` maps each pre-2025 commune to its district.
 */
export function rollIntoOldDistricts(
  values: { unitId: string; value: number }[],
  links: readonly Pick<LineageLink, 'predecessorId' | 'successorId'>[],
  districtOf: ReadonlyMap<string, string>,
  aggregation: Aggregation,
): MeasureRow[] {
  const valueByUnit = new Map(values.map((v) => [v.unitId, v.value]));
  const districtsOfUnit = new Map<string, Set<string>>();
  const unitsOfDistrict = new Map<string, Set<string>>();
  for (const l of links) {
    const district = districtOf.get(l.predecessorId);
    if (!district) continue;
    districtsOfUnit.set(l.successorId, (districtsOfUnit.get(l.successorId) ?? new Set()).add(district));
    unitsOfDistrict.set(district, (unitsOfDistrict.get(district) ?? new Set()).add(l.successorId));
  }
  const rows: MeasureRow[] = [];
  for (const [district, units] of unitsOfDistrict) {
    const list = [...units];
    if (!list.some((u) => valueByUnit.has(u))) continue;
    const contributions = list
      .filter((u) => valueByUnit.has(u))
      .map((u) => ({ fromId: u, ratio: 1, recorded: valueByUnit.get(u)!, weight: weightOf(aggregation, u) }));
    const refused = list.some((u) => (districtsOfUnit.get(u)?.size ?? 0) > 1)
      ? ('crosses' as const)
      : contributions.length < list.length
        ? ('incomplete' as const)
        : null;
    rows.push(
      refused
        ? { unitId: district, value: null, refused, contributions }
        : { unitId: district, contributions, ...combine(contributions, aggregation) },
    );
  }
  return rows.sort((a, b) => a.unitId.localeCompare(b.unitId));
}

/** The lineage links of the given predecessors. */
export async function lineageOf(db: DbOrTx, predecessorIds: string[]): Promise<LineageLink[]> {
  if (predecessorIds.length === 0) return [];
  return db
    .select({
      predecessorId: adminUnitLineage.predecessorId,
      successorId: adminUnitLineage.successorId,
      share: adminUnitLineage.share,
      shareRatio: adminUnitLineage.shareRatio,
    })
    .from(adminUnitLineage)
    .where(inArray(adminUnitLineage.predecessorId, predecessorIds));
}

/** The default rule administrators have set (`equal` until one is set). */
export async function defaultShareRule(db: DbOrTx): Promise<DefaultShareRule> {
  const [row] = await db
    .select({ rule: lineageSettings.defaultShareRule })
    .from(lineageSettings)
    .where(eq(lineageSettings.id, 1));
  return row?.rule ?? 'equal';
}

/** Reads the lineage of the given predecessors and rolls their values up (by the stored default rule unless one is given). */
export async function rollUpFromDb(
  db: DbOrTx,
  values: { unitId: string; value: number }[],
  ruleArg?: DefaultShareRule,
): Promise<RollupResult> {
  const rule = ruleArg ?? (await defaultShareRule(db));
  const ids = [...new Set(values.map((v) => v.unitId))];
  const lineage = await lineageOf(db, ids);
  return rollUp(values, lineage, rule);
}

export type RolledUpTable = {
  /** successor unit → key → value */
  table: Record<string, Record<string, number>>;
  unassigned: { fromId: string; key: string; value: number }[];
  rule: DefaultShareRule;
};

/**
 * Rolls a table of values by pre-2025 unit and key (e.g. land category) up into
 * the 2025 units, key by key, by the same rule as `rollUp`.
 */
export async function rollUpTable(
  db: DbOrTx,
  table: Record<string, Record<string, number>>,
  ruleArg?: DefaultShareRule,
): Promise<RolledUpTable> {
  const rule = ruleArg ?? (await defaultShareRule(db));
  const ids = Object.keys(table);
  const lineage = await lineageOf(db, ids);
  const keys = [...new Set(Object.values(table).flatMap((row) => Object.keys(row)))];
  const out: RolledUpTable = { table: {}, unassigned: [], rule };
  for (const key of keys) {
    const values = ids.flatMap((unitId) => {
      const v = table[unitId]?.[key];
      return v === undefined ? [] : [{ unitId, value: v }];
    });
    const r = rollUp(values, lineage, rule, new Set());
    for (const v of r.values) {
      const row = out.table[v.unitId] ?? {};
      row[key] = v.value;
      out.table[v.unitId] = row;
    }
    for (const u of r.unassigned) out.unassigned.push({ fromId: u.fromId, key, value: u.value });
  }
  return out;
}
