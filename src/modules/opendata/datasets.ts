// The public datasets of the catalogue: each one reads through its owning
// module's queries (or opendata/queries.ts) and returns flat rows, plus a
// geometry per row for the spatial ones. Ids are part of the stable URLs.
import type { DbOrTx } from '../../kernel/db/types.ts';
import { listDocuments } from '../engagement/queries.ts';
import { listAdminUnits } from '../geo/queries.ts';
import type { GeoJsonGeometry } from '../geo/schema.ts';
import { agencyNameMap, listProgrammes, listTasks } from '../implementation/queries.ts';
import { loadIndicatorSummaries, loadIndicatorViews } from '../indicators/queries.ts';
import { itemPath, sectionPagePath } from '../plan/paths.ts';
import { contentsPlan, flattenTree, listItems, listPlans, sectionTree } from '../plan/queries.ts';
import { listProjects } from '../projects/queries.ts';
import { answeredComments } from './queries.ts';

export type Cell = string | number | boolean | null;
export type Geometry = GeoJsonGeometry | { type: string; coordinates: unknown } | null;

export type DatasetData = {
  columns: string[];
  rows: Record<string, Cell>[];
  /** One per row, for spatial datasets. */
  geometries?: Geometry[];
  updatedAt: Date | null;
};

/** Whose licence applies: the publisher's (configured) or the boundary files' own (see NOTICE). */
export type LicenceKind = 'publisher' | 'boundaries';

export type DatasetDef = {
  id: string;
  spatial: boolean;
  licence: LicenceKind;
  load(db: DbOrTx, ctx: { baseUrl: string; today: string }): Promise<DatasetData>;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const list = (v: readonly string[] | null | undefined) => (v?.length ? v.join(' ') : null);

function latest(dates: readonly (Date | null | undefined)[]): Date | null {
  let max: Date | null = null;
  for (const d of dates) if (d && (!max || d > max)) max = d;
  return max;
}

function data(rows: Record<string, Cell>[], updated: (Date | null)[], geometries?: Geometry[]): DatasetData {
  return { columns: Object.keys(rows[0] ?? {}), rows, geometries, updatedAt: latest(updated) };
}

const planSections: DatasetDef = {
  id: 'plan-sections',
  spatial: false,
  licence: 'publisher',
  async load(db, { baseUrl }) {
    const plan = await contentsPlan(db);
    if (!plan) return { columns: [], rows: [], updatedAt: null };
    const nodes = flattenTree(await sectionTree(db, plan.id));
    const rows = nodes.map((s) => ({
      id: s.id,
      plan_code: plan.code,
      parent_id: s.parentId,
      depth: s.depth,
      kind: s.kind,
      slug: s.slug,
      title_vi: s.titleVi,
      title_en: s.titleEn,
      body_vi: s.bodyVi,
      body_en: s.bodyEn,
      published_at: iso(s.publishedAt),
      updated_at: iso(s.updatedAt),
      url: `${baseUrl}${sectionPagePath(s.slug)}`,
      sources: list(s.sources),
      is_sample: s.isSample,
    }));
    return data(
      rows,
      nodes.map((s) => s.updatedAt),
    );
  },
};

const planItems: DatasetDef = {
  id: 'plan-items',
  spatial: true,
  licence: 'publisher',
  async load(db, { baseUrl }) {
    const rows: Record<string, Cell>[] = [];
    const geometries: Geometry[] = [];
    const updated: Date[] = [];
    for (const plan of await listPlans(db)) {
      for (const i of await listItems(db, plan.id)) {
        if (i.isPlaceholder) continue;
        rows.push({
          id: i.id,
          plan_code: plan.code,
          kind: i.kind,
          code: i.code,
          name_vi: i.nameVi,
          name_en: i.nameEn,
          subtype: i.subtype,
          summary_vi: i.summaryVi,
          area_ha: i.areaHa,
          urban_class: i.urbanClass,
          target_year: i.targetYear,
          status_vi: i.statusVi,
          location_vi: i.locationVi.join('; ') || null,
          admin_unit_ids: list(i.adminUnitIds),
          longitude: i.geometry?.coordinates[0] ?? null,
          latitude: i.geometry?.coordinates[1] ?? null,
          place_note: i.placeNote,
          url: `${baseUrl}${itemPath(i.kind, i.slug)}`,
          updated_at: iso(i.updatedAt),
          sources: list(i.sources),
          is_sample: i.isSample,
        });
        geometries.push(i.geometry);
        updated.push(i.updatedAt);
      }
    }
    return data(rows, updated, geometries);
  },
};

const indicatorTargets: DatasetDef = {
  id: 'indicator-targets',
  spatial: false,
  licence: 'publisher',
  async load(db) {
    const views = await loadIndicatorSummaries(db);
    const rows: Record<string, Cell>[] = [];
    const updated: Date[] = [];
    for (const v of views)
      for (const t of v.targets) {
        rows.push({
          indicator_code: v.indicator.code,
          indicator_name_vi: v.indicator.nameVi,
          indicator_name_en: v.indicator.nameEn,
          unit: v.indicator.unit,
          category: v.indicator.category,
          plan_code: v.plan.code,
          year: t.year,
          period_start: t.periodStart,
          comparator: t.comparator,
          value: t.value,
          min_value: t.minValue,
          max_value: t.maxValue,
          status: t.result.status,
          note: t.note,
          updated_at: iso(t.updatedAt),
          sources: list(t.sources),
          is_sample: t.isSample,
        });
        updated.push(t.updatedAt);
      }
    return data(rows, updated);
  },
};

const indicatorObservations: DatasetDef = {
  id: 'indicator-observations',
  spatial: false,
  licence: 'publisher',
  async load(db) {
    // Without includeDrafts the views hold approved observations only.
    const views = await loadIndicatorViews(db);
    const rows: Record<string, Cell>[] = [];
    const updated: Date[] = [];
    for (const v of views)
      for (const o of v.observations) {
        rows.push({
          indicator_code: v.indicator.code,
          indicator_name_vi: v.indicator.nameVi,
          unit: v.indicator.unit,
          year: o.year,
          quarter: o.quarter,
          admin_unit_id: o.adminUnitId,
          value: o.value,
          note: o.note,
          updated_at: iso(o.updatedAt),
          sources: list(o.sources),
          is_sample: o.isSample,
        });
        updated.push(o.updatedAt);
      }
    return data(rows, updated);
  },
};

const tasks: DatasetDef = {
  id: 'tasks',
  spatial: false,
  licence: 'publisher',
  async load(db, { today }) {
    const scope = { kind: 'public' } as const;
    const [programmes, agencyNames, { items }] = await Promise.all([
      listProgrammes(db, scope),
      agencyNameMap(db),
      listTasks(db, scope, { today, pageSize: 1_000_000 }),
    ]);
    const programmeCode = new Map(programmes.map((p) => [p.id, p.code]));
    const rows = items.map((t) => ({
      id: t.id,
      programme_code: programmeCode.get(t.programmeId) ?? null,
      parent_id: t.parentId,
      code: t.code,
      title: t.title,
      description: t.description,
      lead_agency: agencyNames.get(t.leadAgencyId) ?? null,
      whole_province: t.wholeProvince,
      start_date: t.startDate,
      due_date: t.dueDate,
      product: t.product,
      status: t.status,
      progress: t.progress,
      budget_central_vnd: t.budgetCentral,
      budget_local_vnd: t.budgetLocal,
      budget_oda_vnd: t.budgetOda,
      budget_non_budget_vnd: t.budgetNonBudget,
      budget_ppp_vnd: t.budgetPpp,
      budget_other_vnd: t.budgetOther,
      spent_vnd: t.spent,
      reported_at: iso(t.reportedAt),
      updated_at: iso(t.updatedAt),
      sources: list(t.sources),
      is_sample: t.isSample,
    }));
    return data(
      rows,
      items.map((t) => t.updatedAt),
    );
  },
};

const projects: DatasetDef = {
  id: 'projects',
  spatial: true,
  licence: 'publisher',
  async load(db) {
    const items = await listProjects(db);
    const rows = items.map((p) => ({
      id: p.id,
      code: p.code,
      name_vi: p.nameVi,
      name_en: p.nameEn,
      sector: p.sector,
      location: p.locationText.join('; ') || null,
      admin_unit_ids: list(p.adminUnitIds),
      scale: p.scale,
      total_investment_vnd: p.totalInvestmentVnd,
      investor: p.investor,
      period_start: p.periodStart,
      period_end: p.periodEnd,
      stage: p.stage,
      planned_progress: p.plannedProgress,
      actual_progress: p.actualProgress,
      plan_provision: p.planProvision,
      in_decision_1029: p.inDecision1029,
      open_for_investment: p.openForInvestment,
      updated_at: iso(p.updatedAt),
      sources: list(p.sources),
      is_sample: p.isSample,
    }));
    const geometries = items.map((p) => (p.geometry as Geometry) ?? null);
    return data(
      rows,
      items.map((p) => p.updatedAt),
      geometries,
    );
  },
};

const adminUnits: DatasetDef = {
  id: 'admin-units',
  spatial: true,
  licence: 'boundaries',
  async load(db) {
    const units = await listAdminUnits(db);
    const rows = units.map((u) => ({
      id: u.id,
      code: u.code,
      level: u.level,
      type_vi: u.typeVi,
      name_vi: u.nameVi,
      full_name_vi: u.fullNameVi,
      name_en: u.nameEn,
      parent_id: u.parentId,
      valid_from: u.validFrom,
      valid_to: u.validTo,
      area_km2: u.areaKm2,
      updated_at: iso(u.updatedAt),
      sources: list(u.sources),
    }));
    return data(
      rows,
      units.map((u) => u.updatedAt),
      units.map((u) => u.geometry),
    );
  },
};

const documents: DatasetDef = {
  id: 'legal-documents',
  spatial: false,
  licence: 'publisher',
  async load(db, { baseUrl }) {
    const docs = await listDocuments(db);
    const rows = docs.map((d) => ({
      code: d.code,
      number: d.number,
      doc_type: d.docType,
      title_vi: d.titleVi,
      issuer_vi: d.issuerVi,
      signer: d.signer,
      issued_on: d.issuedOn,
      effect_status: d.effectStatus,
      summary_vi: d.summaryVi,
      file_url: d.fileUrl,
      plan_code: d.planCode,
      url: `${baseUrl}/van-ban#${d.code}`,
      updated_at: iso(d.updatedAt),
      sources: list(d.sources),
      is_sample: d.isSample,
    }));
    return data(
      rows,
      docs.map((d) => d.updatedAt),
    );
  },
};

const comments: DatasetDef = {
  id: 'answered-comments',
  spatial: false,
  licence: 'publisher',
  async load(db) {
    const items = await answeredComments(db);
    const rows = items.map((c) => ({
      id: c.id,
      target_type: c.targetType,
      target_id: c.targetId,
      author: c.pseudonym,
      body: c.body,
      created_at: iso(c.createdAt),
      reply_body: c.replyBody,
      reply_agency: c.replyAgency,
      replied_at: iso(c.repliedAt),
      is_sample: c.isSample,
    }));
    return data(
      rows,
      items.map((c) => c.repliedAt ?? c.updatedAt),
    );
  },
};

/** Every public dataset, in catalogue order. */
export const DATASETS: readonly DatasetDef[] = [
  planSections,
  planItems,
  indicatorTargets,
  indicatorObservations,
  tasks,
  projects,
  adminUnits,
  documents,
  comments,
];

export function datasetById(id: string): DatasetDef | undefined {
  return DATASETS.find((d) => d.id === id);
}
