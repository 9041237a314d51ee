import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { projectInquiries, projects } from './schema.ts';

export type ProjectRow = typeof projects.$inferSelect;

export async function listProjects(
  db: DbOrTx,
  f: { sector?: string; stage?: string; open?: string; q?: string } = {},
): Promise<ProjectRow[]> {
  const conds = [eq(projects.isPublic, true)];
  if (f.sector) conds.push(eq(projects.sector, f.sector));
  if (f.stage) conds.push(eq(projects.stage, f.stage as never));
  if (f.open) conds.push(eq(projects.openForInvestment, f.open === 'true'));
  if (f.q) conds.push(sql`unaccent(lower(${projects.nameVi})) like unaccent(lower(${`%${f.q}%`}))`);
  const rows = await db
    .select()
    .from(projects)
    .where(and(...conds));
  const coll = new Intl.Collator('vi');
  return rows.sort((a, b) => coll.compare(a.nameVi, b.nameVi));
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
