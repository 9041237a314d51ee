// Reads for the conformity module: layers with their features (built-in ones
// from the administrative units), rules, saved checks.
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  textSort,
} from '../../kernel/http/collection.ts';
import { adminUnitLineage, adminUnits } from '../geo/schema.ts';
import type { EngineFeature, EngineLayer, Rule } from './engine.ts';
import { conformityChecks, conformityFeatures, conformityLayers, conformityRules } from './schema.ts';
import { BUILTIN } from './seed.ts';

export type LayerRow = typeof conformityLayers.$inferSelect;
export type CheckRow = typeof conformityChecks.$inferSelect;
export type RuleRow = typeof conformityRules.$inferSelect;

export async function listLayers(db: DbOrTx): Promise<(LayerRow & { featureCount: number | null })[]> {
  const layers = await db.select().from(conformityLayers).orderBy(asc(conformityLayers.id));
  const features = await db.select({ layerId: conformityFeatures.layerId }).from(conformityFeatures);
  const counts = new Map<string, number>();
  for (const f of features) counts.set(f.layerId, (counts.get(f.layerId) ?? 0) + 1);
  return layers.map((l) => ({ ...l, featureCount: l.builtin ? null : (counts.get(l.id) ?? 0) }));
}

export const LAYER_SORTS = ['id', 'name', 'type'] as const;
const LAYER_COLLECTION: CollectionSpec<LayerRow, (typeof LAYER_SORTS)[number]> = {
  sorts: {
    id: { expr: conformityLayers.id, value: (l) => l.id, type: 'text' },
    name: textSort(conformityLayers.nameVi, (l) => l.nameVi),
    type: { expr: conformityLayers.type, value: (l) => l.type, type: 'text' },
  },
  id: { expr: conformityLayers.id, value: (l) => l.id, type: 'text' },
};

/** One page of the layers, with the number of features of each loaded one (built-in: null). */
export async function pageLayers(
  db: DbOrTx,
  q: CollectionParams<(typeof LAYER_SORTS)[number]> & { type?: string | undefined },
) {
  const k = keyset(LAYER_COLLECTION, q);
  const rows = await db
    .select()
    .from(conformityLayers)
    .where(and(q.type ? eq(conformityLayers.type, q.type as LayerRow['type']) : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  const page = k.page(rows);
  const ids = page.items.map((l) => l.id);
  const features = ids.length
    ? await db
        .select({ layerId: conformityFeatures.layerId })
        .from(conformityFeatures)
        .where(inArray(conformityFeatures.layerId, ids))
    : [];
  const counts = new Map<string, number>();
  for (const f of features) counts.set(f.layerId, (counts.get(f.layerId) ?? 0) + 1);
  return {
    items: page.items.map((l) => ({ ...l, featureCount: l.builtin ? null : (counts.get(l.id) ?? 0) })),
    nextCursor: page.nextCursor,
  };
}

export const RULE_SORTS = ['layerType', 'outcome'] as const;
const RULE_COLLECTION: CollectionSpec<RuleRow, (typeof RULE_SORTS)[number]> = {
  sorts: {
    layerType: { expr: conformityRules.layerType, value: (r) => r.layerType, type: 'text' },
    outcome: { expr: conformityRules.outcome, value: (r) => r.outcome, type: 'text' },
  },
  id: { expr: conformityRules.layerType, value: (r) => r.layerType, type: 'text' },
};

export async function pageRules(
  db: DbOrTx,
  q: CollectionParams<(typeof RULE_SORTS)[number]> & { outcome?: string | undefined },
) {
  const k = keyset(RULE_COLLECTION, q);
  const rows = await db
    .select()
    .from(conformityRules)
    .where(and(q.outcome ? eq(conformityRules.outcome, q.outcome as RuleRow['outcome']) : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

async function builtinFeatures(db: DbOrTx, builtin: string): Promise<EngineFeature[]> {
  const level =
    builtin === BUILTIN.districts ? 'district' : builtin === BUILTIN.provinces ? 'province' : 'commune';
  const rows = await db
    .select({
      id: adminUnits.id,
      nameVi: adminUnits.fullNameVi,
      nameEn: adminUnits.nameEn,
      geometry: adminUnits.geometry,
      validTo: adminUnits.validTo,
      validFrom: adminUnits.validFrom,
    })
    .from(adminUnits)
    .where(and(eq(adminUnits.level, level), isNotNull(adminUnits.geometry)));
  const old = builtin !== BUILTIN.communes2025;
  return rows
    .filter((r) => (old ? r.validTo !== null : r.validTo === null))
    .map((r) => ({
      id: r.id,
      nameVi: r.nameVi,
      nameEn: r.nameEn,
      geometry: r.geometry as EngineFeature['geometry'],
    }));
}

/** Every active layer in the shape the engine takes. */
export async function engineLayers(db: DbOrTx): Promise<EngineLayer[]> {
  const layers = await db.select().from(conformityLayers).where(eq(conformityLayers.active, true));
  const own = layers.filter((l) => !l.builtin).map((l) => l.id);
  const features = own.length
    ? await db.select().from(conformityFeatures).where(inArray(conformityFeatures.layerId, own))
    : [];
  const out: EngineLayer[] = [];
  for (const l of layers.sort((a, b) => a.id.localeCompare(b.id))) {
    out.push({
      id: l.id,
      type: l.type,
      nameVi: l.nameVi,
      nameEn: l.nameEn,
      bufferMeters: l.bufferMeters,
      features: l.builtin
        ? await builtinFeatures(db, l.builtin)
        : features
            .filter((f) => f.layerId === l.id)
            .map((f) => ({
              id: String(f.id),
              nameVi: f.nameVi,
              nameEn: f.nameEn,
              geometry: f.geometry as EngineFeature['geometry'],
            })),
    });
  }
  return out;
}

export async function listRules(db: DbOrTx): Promise<RuleRow[]> {
  return db.select().from(conformityRules).orderBy(asc(conformityRules.layerType));
}

export function engineRules(rows: RuleRow[]): Rule[] {
  return rows.map((r) => ({
    layerType: r.layerType,
    outcome: r.outcome,
    reasonVi: r.reasonVi,
    reasonEn: r.reasonEn,
  }));
}

export type DerivedCommune = {
  id: string;
  nameVi: string;
  fromIds: string[];
  fromNames: string[];
  share: string;
};

/** The 2025 communes formed (wholly or in part) from the given pre-2025 units, through the lineage. */
export async function successorCommunes(db: DbOrTx, predecessorIds: string[]): Promise<DerivedCommune[]> {
  if (predecessorIds.length === 0) return [];
  const rows = await db
    .select({
      predecessorId: adminUnitLineage.predecessorId,
      successorId: adminUnitLineage.successorId,
      share: adminUnitLineage.share,
      nameVi: adminUnits.fullNameVi,
      level: adminUnits.level,
    })
    .from(adminUnitLineage)
    .innerJoin(adminUnits, eq(adminUnits.id, adminUnitLineage.successorId))
    .where(inArray(adminUnitLineage.predecessorId, predecessorIds));
  const names = new Map(
    (
      await db
        .select({ id: adminUnits.id, nameVi: adminUnits.fullNameVi })
        .from(adminUnits)
        .where(inArray(adminUnits.id, predecessorIds))
    ).map((r) => [r.id, r.nameVi]),
  );
  const byId = new Map<string, DerivedCommune>();
  for (const r of rows.filter((x) => x.level === 'commune')) {
    const d = byId.get(r.successorId) ?? {
      id: r.successorId,
      nameVi: r.nameVi,
      fromIds: [],
      fromNames: [],
      share: r.share,
    };
    d.fromIds.push(r.predecessorId);
    d.fromNames.push(names.get(r.predecessorId) ?? r.predecessorId);
    if (r.share === 'partial') d.share = 'partial';
    byId.set(r.successorId, d);
  }
  const vi = new Intl.Collator('vi');
  return [...byId.values()].sort((a, b) => vi.compare(a.nameVi, b.nameVi));
}

export async function getCheck(db: DbOrTx, id: number): Promise<CheckRow | null> {
  const [row] = await db.select().from(conformityChecks).where(eq(conformityChecks.id, id));
  return row ?? null;
}

export async function recentChecks(db: DbOrTx, limit = 20): Promise<CheckRow[]> {
  return db.select().from(conformityChecks).orderBy(desc(conformityChecks.createdAt)).limit(limit);
}
