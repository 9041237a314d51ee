// Loads the built-in report template (templates/assessment.json); idempotent.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../kernel/db/types.ts';
import { upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { reportTemplates } from './schema.ts';
import { templateDefinition } from './template.ts';

export const ASSESSMENT_TEMPLATE = 'bao-cao-danh-gia-thuc-hien-quy-hoach-tinh';

const fileSchema = z.object({
  code: z.string().min(1),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  note: z.string(),
  definition: templateDefinition,
});

export async function seedReports(db: Db): Promise<SeedCounts> {
  const file = path.resolve(import.meta.dirname, 'templates/assessment.json');
  const t = fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const row = {
    code: t.code,
    nameVi: t.nameVi,
    nameEn: t.nameEn,
    definition: t.definition,
    isSample: false,
    sources: [],
  };
  await db
    .insert(reportTemplates)
    .values(row)
    .onConflictDoUpdate({
      target: reportTemplates.code,
      ...upsertChanged(reportTemplates, ['nameVi', 'nameEn', 'definition']),
    });
  return { report_templates: 1 };
}
