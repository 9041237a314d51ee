import type { Config } from '../../kernel/config/index.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { badRequest } from '../../kernel/http/errors.ts';
import type { Translate } from '../../kernel/i18n/index.ts';
import { tablesToXlsx, XLSX_TYPE } from '../indicators/spreadsheet.ts';
import { buildReport, reportTables } from './model.ts';
import { parsePeriod } from './registry.ts';
import { reportToDocx } from './render-docx.ts';
import { reportToPdf } from './render-pdf.ts';
import { loadDraft, loadTemplate } from './use-cases.ts';

export const FORMATS = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: XLSX_TYPE,
} as const;
export type ReportFormat = keyof typeof FORMATS;

export async function generateReport(
  db: DbOrTx,
  config: Config,
  t: Translate,
  templateCode: string,
  periodText: string,
  format: ReportFormat,
): Promise<{ body: Buffer; type: string; filename: string }> {
  const period = parsePeriod(periodText);
  if (!period) throw badRequest('reports.error.period');
  const template = await loadTemplate(db, templateCode);
  const draft = await loadDraft(db, templateCode, period.label);
  const model = await buildReport({
    db,
    config,
    t,
    definition: template.definition,
    period,
    particulars: draft?.particulars ?? {},
    narratives: draft?.narratives ?? {},
  });
  const body =
    format === 'docx'
      ? await reportToDocx(model)
      : format === 'pdf'
        ? await reportToPdf(model)
        : await tablesToXlsx(
            reportTables(model).map((tb, i) => ({
              name: `${i + 1} ${tb.title}`,
              headers: tb.headers,
              rows: tb.rows,
            })),
          );
  return { body, type: FORMATS[format], filename: `bao-cao-danh-gia-${period.label}.${format}` };
}
