// Loads the priority projects of datasets/thai-nguyen-2021-2030/projects.json.
// They are press-reported: the Decision 1029/QĐ-TTg appendix could not be read,
// so every record keeps in_decision_1029 = "unverified" and its source URLs.
// Nothing is inferred: no stage, no capital split, no agency the sources do not give.
// The place names are matched to administrative units (see place.ts); each
// project is put into the search index.
import { z } from 'zod';
import type { Db } from '../../kernel/db/types.ts';
import { chunks, upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { readDataset } from '../geo/dataset.ts';
import { adminUnitLineage, adminUnits } from '../geo/schema.ts';
import { upsertSearchDocuments } from '../search/register.ts';
import { projectsMessages } from './messages.ts';
import { type Lineage, type UnitRef, unitsForPlaceNames } from './place.ts';
import type { ProjectRow } from './queries.ts';
import { projects } from './schema.ts';

const fileSchema = z.looseObject({
  projects: z.array(
    z.looseObject({
      code: z.string().min(1),
      name_vi: z.string().min(1),
      name_en: z.string().optional(),
      sector: z.string().optional(),
      location_vi: z.array(z.string()).optional(),
      scale: z.string().optional(),
      investment_vnd_billion: z.number().nullable(),
      investment_note: z.string().optional(),
      capital_source: z.string().optional(),
      status: z.string().optional(),
      in_decision_1029: z.enum(['verified', 'unverified', 'not_listed']),
      source: z.url(),
      additional_sources: z.array(z.url()).optional(),
      note: z.string().optional(),
      completion_note: z.string().optional(),
    }),
  ),
});

type ProjectInsert = typeof projects.$inferInsert;

export function projectRows(units: UnitRef[] = [], lineage: Lineage[] = []): ProjectInsert[] {
  const file = readDataset('thai-nguyen-2021-2030/projects.json', fileSchema);
  return file.projects.map((p) => ({
    code: p.code,
    nameVi: p.name_vi,
    nameEn: p.name_en ?? null,
    sector: p.sector ?? null,
    locationText: p.location_vi ?? [],
    adminUnitIds: unitsForPlaceNames(p.location_vi ?? [], units, lineage),
    scale: p.scale ?? null,
    totalInvestmentVnd: p.investment_vnd_billion === null ? null : Math.round(p.investment_vnd_billion * 1e9),
    investmentNote: p.investment_note ?? null,
    capitalSourceNote: p.capital_source ?? null,
    statusNote: p.status ?? null,
    inDecision1029: p.in_decision_1029,
    note: [p.note, p.completion_note].filter(Boolean).join(' ') || null,
    sources: [p.source, ...(p.additional_sources ?? [])],
    isSample: false,
  }));
}

const sectorVi = (code: string | null) =>
  code ? ((projectsMessages.vi as Record<string, string>)[`projects.sector.${code}`] ?? code) : null;

/** The search index entry of a project (type "project"). */
export function projectSearchDocument(p: ProjectRow) {
  return {
    type: 'project',
    key: String(p.id),
    title: p.nameVi,
    titleEn: p.nameEn,
    // "KCN"/"CCN" written out, so "khu cong nghiep yen binh 2" finds the project too.
    body: [p.nameVi, sectorVi(p.sector), p.locationText.join(', '), p.scale, p.statusNote, p.note]
      .filter(Boolean)
      .join('. ')
      .replace(/\bKCN\b/g, 'Khu công nghiệp')
      .replace(/\bCCN\b/g, 'Cụm công nghiệp'),
    url: `/du-an/${p.id}`,
  };
}

export async function seedProjects(db: Db): Promise<SeedCounts> {
  const units = (await db
    .select({
      id: adminUnits.id,
      level: adminUnits.level,
      nameVi: adminUnits.nameVi,
      validTo: adminUnits.validTo,
    })
    .from(adminUnits)) as UnitRef[];
  const lineage = await db
    .select({ predecessorId: adminUnitLineage.predecessorId, successorId: adminUnitLineage.successorId })
    .from(adminUnitLineage);
  const rows = projectRows(units, lineage);
  const keys = [
    'nameVi',
    'nameEn',
    'sector',
    'locationText',
    'adminUnitIds',
    'scale',
    'totalInvestmentVnd',
    'investmentNote',
    'capitalSourceNote',
    'statusNote',
    'inDecision1029',
    'note',
    'sources',
  ] as const;
  for (const part of chunks(rows, 100)) {
    await db
      .insert(projects)
      .values(part)
      .onConflictDoUpdate({
        target: projects.code,
        ...upsertChanged(projects, [...keys], { bumpRowVersion: true }),
      });
  }
  const saved = await db.select().from(projects);
  await upsertSearchDocuments(db, saved.filter((p) => p.isPublic).map(projectSearchDocument));
  return { projects: rows.length };
}
