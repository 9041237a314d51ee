import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  textSort,
  timestampSort,
} from '../../kernel/http/collection.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { adminUnits } from '../geo/schema.ts';
import { projectInquiries, projects } from './schema.ts';

export type ProjectRow = typeof projects.$inferSelect;

const vietnamese = new Intl.Collator('vi');

export type ProjectFilter = { sector?: string; stage?: string; open?: string; q?: string };

function projectConditions(f: ProjectFilter) {
  const conds = [eq(projects.isPublic, true)];
  if (f.sector) conds.push(eq(projects.sector, f.sector));
  if (f.stage) conds.push(eq(projects.stage, f.stage as never));
  if (f.open) conds.push(eq(projects.openForInvestment, f.open === 'true'));
  if (f.q) conds.push(sql`unaccent(lower(${projects.nameVi})) like unaccent(lower(${`%${f.q}%`}))`);
  return and(...conds);
}

export async function listProjects(db: DbOrTx, f: ProjectFilter = {}): Promise<ProjectRow[]> {
  const rows = await db.select().from(projects).where(projectConditions(f));
  return rows.sort((a, b) => vietnamese.compare(a.nameVi, b.nameVi));
}

export const PROJECT_SORTS = ['name', 'code', 'investment', 'progress', 'updated'] as const;
const PROJECT_COLLECTION: CollectionSpec<ProjectRow, (typeof PROJECT_SORTS)[number]> = {
  sorts: {
    name: textSort(projects.nameVi, (p) => p.nameVi),
    code: { expr: projects.code, value: (p) => p.code, type: 'text' },
    investment: {
      expr: projects.totalInvestmentVnd,
      value: (p) => p.totalInvestmentVnd,
      type: 'numeric',
      nullable: true,
    },
    progress: {
      expr: projects.actualProgress,
      value: (p) => p.actualProgress,
      type: 'float8',
      nullable: true,
    },
    updated: timestampSort(projects.updatedAt, (p) => p.updatedAt),
  },
  id: { expr: projects.id, value: (p) => p.id, type: 'int' },
};

/** One page of the public projects, sorted in SQL over all of them. */
export async function pageProjects(
  db: DbOrTx,
  q: CollectionParams<(typeof PROJECT_SORTS)[number]> & ProjectFilter,
) {
  const k = keyset(PROJECT_COLLECTION, q);
  const rows = await db
    .select()
    .from(projects)
    .where(and(projectConditions(q), k.after))
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

/** What the dashboard reads of a project: its stage, capital and progress figures. */
export type ProjectFigures = Pick<
  ProjectRow,
  | 'id'
  | 'code'
  | 'nameVi'
  | 'stage'
  | 'totalInvestmentVnd'
  | 'plannedDisbursementVnd'
  | 'actualDisbursementVnd'
  | 'plannedProgress'
  | 'actualProgress'
  | 'responsibleAgencyId'
  | 'isSample'
>;

/** The public projects as listProjects gives them (same rows, same order), with only their figures. */
export async function listProjectFigures(db: DbOrTx): Promise<ProjectFigures[]> {
  const p = projects;
  const rows = await db
    .select({
      id: p.id,
      code: p.code,
      nameVi: p.nameVi,
      stage: p.stage,
      totalInvestmentVnd: p.totalInvestmentVnd,
      plannedDisbursementVnd: p.plannedDisbursementVnd,
      actualDisbursementVnd: p.actualDisbursementVnd,
      plannedProgress: p.plannedProgress,
      actualProgress: p.actualProgress,
      responsibleAgencyId: p.responsibleAgencyId,
      isSample: p.isSample,
    })
    .from(p)
    .where(eq(p.isPublic, true));
  return rows.sort((a, b) => vietnamese.compare(a.nameVi, b.nameVi));
}

export async function getProject(db: DbOrTx, id: number): Promise<ProjectRow> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  if (!row?.isPublic) throw notFound();
  return row;
}

export async function inquiriesFor(db: DbOrTx, agencyIds: number[] | 'all') {
  const rows = await db
    .select({ i: projectInquiries, projectName: projects.nameVi })
    .from(projectInquiries)
    .innerJoin(projects, eq(projects.id, projectInquiries.projectId));
  return rows
    .filter((r) => agencyIds === 'all' || (r.i.agencyId !== null && agencyIds.includes(r.i.agencyId)))
    .map((r) => ({ ...r.i, projectName: r.projectName }));
}

export type ProjectPlace =
  | { kind: 'geometry'; geometry: Record<string, unknown> }
  | { kind: 'commune'; unitId: string; unitName: string; geometry: { type: 'Point'; coordinates: unknown } }
  | { kind: 'none' };

/**
 * Where the map draws a project: its own geometry when recorded, else the point
 * of the 2025 commune it lies in (a symbol, marked approximate), else nowhere.
 */
export async function projectPlaces(db: DbOrTx, rows: ProjectRow[]): Promise<Map<number, ProjectPlace>> {
  const ids = [...new Set(rows.flatMap((r) => r.adminUnitIds))];
  const units = ids.length
    ? await db
        .select({
          id: adminUnits.id,
          fullNameVi: adminUnits.fullNameVi,
          validTo: adminUnits.validTo,
          geometry: adminUnits.geometry,
        })
        .from(adminUnits)
        .where(and(inArray(adminUnits.id, ids), eq(adminUnits.level, 'commune')))
    : [];
  const points = new Map(
    units
      .filter((u) => u.validTo === null && u.geometry?.type === 'Point')
      .map((u) => [
        u.id,
        { name: u.fullNameVi, geometry: u.geometry as { type: 'Point'; coordinates: unknown } },
      ]),
  );
  const out = new Map<number, ProjectPlace>();
  for (const r of rows) {
    if (r.geometry) {
      out.set(r.id, { kind: 'geometry', geometry: r.geometry });
      continue;
    }
    const unitId = r.adminUnitIds.find((id) => points.has(id));
    const point = unitId ? points.get(unitId) : undefined;
    out.set(
      r.id,
      unitId && point
        ? { kind: 'commune', unitId, unitName: point.name, geometry: point.geometry }
        : { kind: 'none' },
    );
  }
  return out;
}
