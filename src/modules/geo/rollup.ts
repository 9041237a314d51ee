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

export function rollUp(
  values: { unitId: string; value: number }[],
  lineage: LineageLink[],
  rule: DefaultShareRule = 'equal',
  currentUnitIds?: ReadonlySet<string>,
): RollupResult {
  const byPredecessor = new Map<string, LineageLink[]>();
  for (const l of lineage)
    byPredecessor.set(l.predecessorId, [...(byPredecessor.get(l.predecessorId) ?? []), l]);
  const out = new Map<string, RolledUp>();
  const unassigned: RollupResult['unassigned'] = [];
  const add = (unitId: string, fromId: string, ratio: number, value: number) => {
    const row = out.get(unitId) ?? { unitId, value: 0, contributions: [] };
    row.value += value;
    row.contributions.push({ fromId, ratio, value });
    out.set(unitId, row);
  };
  for (const v of values) {
    const links = byPredecessor.get(v.unitId);
    if (!links) {
      if (!currentUnitIds || currentUnitIds.has(v.unitId)) add(v.unitId, v.unitId, 1, v.value);
      else unassigned.push({ fromId: v.unitId, value: v.value });
      continue;
    }
    const ratios = successorRatios(links, rule);
    let given = 0;
    for (const [successorId, ratio] of ratios) {
      add(successorId, v.unitId, ratio, v.value * ratio);
      given += ratio;
    }
    if (given < 1 - 1e-9) unassigned.push({ fromId: v.unitId, value: v.value * (1 - given) });
  }
  return { values: [...out.values()].sort((a, b) => a.unitId.localeCompare(b.unitId)), unassigned };
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
