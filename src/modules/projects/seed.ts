// Loads the priority projects of datasets/thai-nguyen-2021-2030/projects.json.
// They are press-reported: the Decision 1029/QĐ-TTg appendix could not be read,
// so every record keeps in_decision_1029 = "unverified" and its source URLs.
// Nothing is inferred: no stage, no capital split, no agency the sources do not give.
import { z } from 'zod';
import type { Db } from '../../kernel/db/types.ts';
import { chunks, upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { readDataset } from '../geo/dataset.ts';
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

export function projectRows(): ProjectInsert[] {
  const file = readDataset('thai-nguyen-2021-2030/projects.json', fileSchema);
  return file.projects.map((p) => ({
    code: p.code,
    nameVi: p.name_vi,
    nameEn: p.name_en ?? null,
    sector: p.sector ?? null,
    locationText: p.location_vi ?? [],
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

export async function seedProjects(db: Db): Promise<SeedCounts> {
  const rows = projectRows();
  const keys = [
    'nameVi',
    'nameEn',
    'sector',
    'locationText',
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
  return { projects: rows.length };
}
