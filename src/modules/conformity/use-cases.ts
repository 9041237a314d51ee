// Use cases: run and save a conformity check; load a layer; change a rule.
// Each writes its audit row in the same transaction as the change.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { AppError, conflict, invalid, notFound } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { type Crs, crsKey, parseCrs } from './crs.ts';
import { type Evaluation, evaluateSite, type Outcome } from './engine.ts';
import { GeometryProblem, readLayerFeatures, readSite } from './geometry.ts';
import { type DerivedCommune, engineLayers, engineRules, listRules, successorCommunes } from './queries.ts';
import { conformityChecks, conformityFeatures, conformityLayers, conformityRules } from './schema.ts';
import type { CreateLayerInput, UpdateRuleInput } from './schemas.ts';
import { BUILTIN } from './seed.ts';
import { readUpload, type UploadFormat } from './upload.ts';

/** A geometry problem becomes a 400 whose message says what is wrong (vi/en). */
export function geometryError(problem: GeometryProblem): AppError {
  return new AppError(400, 'invalid_geometry', problem.key, problem.params);
}

export type SiteInput =
  | { kind: 'geojson'; geojson: unknown; crs: string | undefined }
  | { kind: 'file'; filename: string; bytes: Uint8Array; crs: string | undefined };

export type ReadSiteInput = { format: UploadFormat | 'drawn'; crs: Crs; geojson: unknown; notes: string[] };

function crsOf(value: string | undefined): Crs {
  const crs = parseCrs(value);
  if (!crs) throw invalid([{ field: 'crs', message: 'conformity.error.crs' }]);
  return crs;
}

/** Reads an uploaded file or a GeoJSON text into GeoJSON, with the system its coordinates are in. */
export async function readInput(input: SiteInput): Promise<ReadSiteInput> {
  const declared = crsOf(input.crs);
  if (input.kind === 'geojson')
    return { format: 'geojson', crs: declared, geojson: input.geojson, notes: [] };
  try {
    const read = await readUpload(input.filename, input.bytes);
    const notes: string[] = [];
    let crs = declared;
    if (read.format === 'kml') crs = { kind: 'wgs84' };
    if (read.reprojected) {
      crs = { kind: 'wgs84' };
      notes.push('conformity.note.prjUsed');
    }
    return { format: read.format, crs, geojson: read.geojson, notes };
  } catch (e) {
    if (e instanceof GeometryProblem) throw geometryError(e);
    throw e;
  }
}

export type ConformityReport = Evaluation & {
  admin: {
    oldDistricts: { id: string; nameVi: string; overlapHa: number | null; pctOfSite: number | null }[];
    communesWithin: { id: string; nameVi: string }[];
    derivedCommunes: DerivedCommune[];
  };
  notes: string[];
};

/** Evaluates a WGS84 site and adds what the administrative layers say about it. */
export async function buildReport(
  db: DbOrTx,
  site: Parameters<typeof evaluateSite>[0],
  notes: string[] = [],
) {
  const [layers, rules] = await Promise.all([engineLayers(db), listRules(db)]);
  const evaluation = evaluateSite(site, layers, engineRules(rules));
  const layer = (id: string) => evaluation.layers.find((l) => l.layerId === id);
  const districts = layer('admin-districts-pre2025')?.matches.filter((m) => m.kind === 'overlap') ?? [];
  const within = layer('admin-communes-2025')?.matches.filter((m) => m.kind === 'point_within') ?? [];
  const provinces = layer('admin-provinces-pre2025');
  const outNotes = [...notes];
  if (layers.some((l) => l.id === 'admin-provinces-pre2025' && l.features.length > 0)) {
    const inside = provinces?.pctOfSite ?? 0;
    if (inside < 99.9)
      outNotes.push(inside <= 0 ? 'conformity.note.outsideProvince' : 'conformity.note.partlyOutside');
  }
  if (within.length === 0) outNotes.push('conformity.note.noCommunePoint');
  const report: ConformityReport = {
    ...evaluation,
    admin: {
      oldDistricts: districts.map((m) => ({
        id: m.featureId,
        nameVi: m.nameVi,
        overlapHa: m.overlapHa,
        pctOfSite: m.pctOfSite,
      })),
      communesWithin: within.map((m) => ({ id: m.featureId, nameVi: m.nameVi })),
      derivedCommunes: await successorCommunes(
        db,
        districts.map((m) => m.featureId),
      ),
    },
    notes: outNotes,
  };
  return report;
}

export type RunCheckInput = { title?: string; site: SiteInput };

export async function runCheck(db: DbOrTx, actor: Actor, user: CurrentUser, input: RunCheckInput) {
  const read = await readInput(input.site);
  let site: ReturnType<typeof readSite>;
  try {
    site = readSite(read.geojson, read.crs);
  } catch (e) {
    if (e instanceof GeometryProblem) throw geometryError(e);
    throw e;
  }
  return db.transaction(async (tx) => {
    const report = await buildReport(tx, site, read.notes);
    const title = input.title?.trim() || `${user.displayName} ${new Date().toISOString().slice(0, 10)}`;
    const [row] = await tx
      .insert(conformityChecks)
      .values({
        title,
        inputFormat: read.format,
        inputCrs: crsKey(read.crs),
        site,
        siteAreaHa: report.siteAreaHa,
        overall: report.overall,
        report: report as unknown as Record<string, unknown>,
        requestedBy: user.id,
        requestedByLabel: user.displayName,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'conformity.check',
      entity: 'conformity_check',
      entityId: row!.id,
      after: { title, overall: report.overall, siteAreaHa: report.siteAreaHa },
    });
    return row!;
  });
}

function featureName(props: Record<string, unknown>, index: number): string {
  for (const key of ['name_vi', 'nameVi', 'name', 'Name', 'NAME', 'ten', 'Ten', 'TEN', 'ten_vi']) {
    const v = props[key];
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 300);
  }
  return `#${index + 1}`;
}

/** Loads a new layer (or replaces the features of an existing non-built-in layer). */
export async function saveLayer(
  db: DbOrTx,
  actor: Actor,
  input: CreateLayerInput,
  site: { geojson: unknown; crs: Crs },
) {
  let features: ReturnType<typeof readLayerFeatures>;
  try {
    features = readLayerFeatures(site.geojson, site.crs);
  } catch (e) {
    if (e instanceof GeometryProblem) throw geometryError(e);
    throw e;
  }
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(conformityLayers).where(eq(conformityLayers.id, input.id));
    if (existing?.builtin) throw invalid([{ field: 'id', message: 'conformity.error.builtinLayer' }]);
    const values = {
      id: input.id,
      type: input.type,
      nameVi: input.nameVi,
      nameEn: input.nameEn ?? null,
      source: input.source ?? null,
      bufferMeters: input.bufferMeters ?? 0,
      sources: input.sourceUrl ? [input.sourceUrl] : [],
      isSample: input.isSample ?? false,
    };
    if (existing) {
      await tx
        .update(conformityLayers)
        .set({ ...values, rowVersion: sql`${conformityLayers.rowVersion} + 1`, updatedAt: sql`now()` })
        .where(eq(conformityLayers.id, input.id));
      await tx.delete(conformityFeatures).where(eq(conformityFeatures.layerId, input.id));
    } else {
      await tx.insert(conformityLayers).values(values);
    }
    await tx.insert(conformityFeatures).values(
      features.map((f, i) => ({
        layerId: input.id,
        nameVi: featureName(f.properties, i),
        nameEn: typeof f.properties.name_en === 'string' ? f.properties.name_en : null,
        geometry: f.geometry as never,
        properties: f.properties,
      })),
    );
    await recordAudit(tx, actor, {
      action: existing ? 'conformity.layer.replace' : 'conformity.layer.create',
      entity: 'conformity_layer',
      entityId: input.id,
      before: existing ?? undefined,
      after: { ...values, featureCount: features.length },
    });
    const [row] = await tx.select().from(conformityLayers).where(eq(conformityLayers.id, input.id));
    return { layer: row!, featureCount: features.length };
  });
}

export async function updateRule(db: DbOrTx, actor: Actor, layerType: string, input: UpdateRuleInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(conformityRules)
      .where(eq(conformityRules.layerType, layerType as never));
    if (!before) throw notFound();
    if (before.rowVersion !== input.rowVersion) throw conflict();
    const [after] = await tx
      .update(conformityRules)
      .set({
        outcome: input.outcome as Outcome,
        reasonVi: input.reasonVi,
        reasonEn: input.reasonEn,
        rowVersion: before.rowVersion + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(conformityRules.layerType, layerType as never))
      .returning();
    await recordAudit(tx, actor, {
      action: 'conformity.rule.update',
      entity: 'conformity_rule',
      entityId: layerType,
      before,
      after,
    });
    return after!;
  });
}

export const BUILTIN_IDS = Object.values(BUILTIN);
