// Assembles a report from its template, the planners' draft and the contributed
// sources, into one neutral model that the DOCX, PDF and XLSX writers all render.
import type { Config } from '../../kernel/config/index.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Translate } from '../../kernel/i18n/index.ts';
import { type ReportPeriod, type ReportTable, reportSource } from './registry.ts';
import type { ReportTemplateDefinition } from './template.ts';

export type ReportModel = {
  nationalTitle: string;
  motto: string;
  issuingParent: string;
  issuingBody: string;
  number: string;
  placeAndDate: string;
  documentKind: string;
  title: string;
  sections: { key: string; heading: string; paragraphs: string[]; tables: BodyTable[] }[];
  /** Every table in full, for the XLSX annex. */
  annex: ReportTable[];
  signerTitle: string;
  signerName: string;
  recipients: string[];
  font: ReportTemplateDefinition['font'];
  marginsMm: ReportTemplateDefinition['marginsMm'];
};

/** "Thái Nguyên, ngày 05 tháng 01 năm 2026"; without a date, blanks to fill in by hand. */
export function placeAndDate(place: string, isoDate: string | undefined): string {
  const m = isoDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate) : null;
  // Decree 30: days below 10 and months below 3 take a leading zero.
  if (m) {
    const month = Number(m[2]) < 3 ? m[2] : String(Number(m[2]));
    return `${place}, ngày ${m[3]} tháng ${month} năm ${m[1]}`;
  }
  return `${place}, ngày      tháng      năm ${new Date().getFullYear()}`;
}

/**
 * The most rows a table prints in the report's body. A province's synthetic or real task list
 * can run to thousands of rows: printed whole it made a 150-page PDF that took 14 s to lay out
 * and nobody reads. The body shows the rows that matter most; the annex (XLSX) has all.
 */
export const BODY_ROWS = 200;

/** A table as printed in the body: maybe its most important rows only, with a note saying so. */
export type BodyTable = ReportTable & { note?: string };

/** The body's part of a table: every row when it is short, else the BODY_ROWS that matter most. */
export function bodyTable(table: ReportTable, t: Translate, limit = BODY_ROWS): BodyTable {
  if (table.rows.length <= limit) return table;
  const rank = table.priority ?? [];
  const kept = table.rows
    .map((_, i) => i)
    .sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0) || a - b)
    .slice(0, limit);
  return {
    title: table.title,
    headers: table.headers,
    rows: kept.map((i) => table.rows[i] ?? []),
    note: t(table.priority ? 'reports.table.bodyPriority' : 'reports.table.bodyFirst', {
      shown: limit,
      total: table.rows.length,
    }),
  };
}

const upper = (v: string | undefined) => (v ?? '').toLocaleUpperCase('vi');

export async function buildReport(args: {
  db: DbOrTx;
  config: Config;
  t: Translate;
  definition: ReportTemplateDefinition;
  period: ReportPeriod;
  particulars: Record<string, string>;
  narratives: Record<string, string>;
}): Promise<ReportModel> {
  const { definition: d, period, t } = args;
  const p = { ...d.defaults, ...Object.fromEntries(Object.entries(args.particulars).filter(([, v]) => v)) };
  const sections: ReportModel['sections'] = [];
  const annex: ReportTable[] = [];
  for (const s of d.sections) {
    if (s.kind === 'narrative') {
      const text = args.narratives[s.key]?.trim();
      sections.push({
        key: s.key,
        heading: s.headingVi,
        paragraphs: text
          ? text
              .split(/\n\s*\n|\r?\n/)
              .map((x) => x.trim())
              .filter(Boolean)
          : [t('reports.empty.narrative')],
        tables: [],
      });
      continue;
    }
    const source = s.source ? reportSource(s.source) : undefined;
    if (!source) {
      sections.push({
        key: s.key,
        heading: s.headingVi,
        paragraphs: [t('reports.empty.source')],
        tables: [],
      });
      continue;
    }
    const content = await source({ db: args.db, config: args.config, period, t });
    const extra = args.narratives[s.key]?.trim();
    sections.push({
      key: s.key,
      heading: s.headingVi,
      paragraphs: [...content.paragraphs, ...(extra ? [extra] : [])],
      tables: content.tables.map((tb) => bodyTable(tb, t)),
    });
    annex.push(...content.tables);
  }
  return {
    nationalTitle: d.nationalTitle,
    motto: d.motto,
    // Decree 30: the issuing bodies and the signer's title are written in capitals.
    issuingParent: upper(p.issuingParent),
    issuingBody: upper(p.issuingBody),
    number: `Số: ${p.number ?? ''}`,
    placeAndDate: placeAndDate(p.place ?? '', p.date),
    documentKind: d.documentKindVi,
    title: d.titleVi.replace('{period}', period.label),
    sections,
    annex,
    signerTitle: upper(p.signerTitle),
    signerName: p.signerName ?? '',
    recipients: d.recipientsVi,
    font: d.font,
    marginsMm: d.marginsMm,
  };
}

/** The printed length of a line of capitals in a Times-like face, roughly (0.68 em a letter). */
export function textLengthMm(text: string, sizePt: number): number {
  return (text.length * sizePt * 0.68 * 25.4) / 72;
}

/** The annex: every table in full. */
export function reportTables(model: ReportModel): ReportTable[] {
  return model.annex;
}
