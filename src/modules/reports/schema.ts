import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';
import { users } from '../accounts/schema.ts';
import type { ReportTemplateDefinition } from './template.ts';

/** A report template: its sections, headings and tables as data, so a new legal template is configuration. */
export const reportTemplates = pgTable(
  'report_templates',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull(),
    nameVi: text().notNull(),
    nameEn: text(),
    definition: jsonb().$type<ReportTemplateDefinition>().notNull(),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [uniqueIndex('report_templates_code_uq').on(t.code)],
);

/** What planners write for one report (the narrative parts and the document's particulars), per template and period. */
export const reportDrafts = pgTable(
  'report_drafts',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    templateCode: text().notNull(),
    period: text().notNull(),
    /** number and symbol, issuing body, place, date, signer… */
    particulars: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** narrative text by section key */
    narratives: jsonb().$type<Record<string, string>>().notNull().default({}),
    updatedByUserId: integer().references(() => users.id),
    ...rowVersion,
    ...timestamps,
  },
  (t) => [uniqueIndex('report_drafts_uq').on(t.templateCode, t.period)],
);
