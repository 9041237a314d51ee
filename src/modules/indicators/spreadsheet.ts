// Spreadsheets of indicator data: the import template, reading a filled-in file
// row by row, and exports (XLSX, and CSV in UTF-8 with a BOM so Excel shows Vietnamese).
import ExcelJS from 'exceljs';
import { issueMessage } from '../../kernel/http/error-handler.ts';
import type { Locale } from '../../kernel/i18n/index.ts';
import type { IndicatorView } from './queries.ts';
import { observationBody } from './schemas.ts';
import type { RowError } from './use-cases.ts';

export const IMPORT_COLUMNS = [
  'indicator_code',
  'year',
  'quarter',
  'admin_unit_id',
  'value',
  'status',
  'note',
  'source_url',
] as const;

const HEADERS_VI: Record<(typeof IMPORT_COLUMNS)[number], string> = {
  indicator_code: 'Mã chỉ tiêu',
  year: 'Năm',
  quarter: 'Quý (0 = cả năm)',
  admin_unit_id: 'Mã đơn vị hành chính (để trống = toàn tỉnh)',
  value: 'Giá trị',
  status: 'Trạng thái (draft/approved)',
  note: 'Ghi chú',
  source_url: 'Nguồn (URL)',
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The template: row 1 the machine column names, row 2 their Vietnamese meaning, then one row per indicator. */
export async function importTemplate(views: readonly IndicatorView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('so_lieu');
  ws.addRow([...IMPORT_COLUMNS]);
  ws.addRow(IMPORT_COLUMNS.map((c) => HEADERS_VI[c]));
  ws.getRow(1).font = { bold: true };
  ws.getRow(2).font = { italic: true };
  for (const v of views)
    ws.addRow([v.indicator.code, null, 0, v.indicator.adminUnitId, null, 'draft', null, null]);
  ws.columns.forEach((c) => {
    c.width = 22;
  });
  const ref = wb.addWorksheet('chi_tieu');
  ref.addRow(['indicator_code', 'Tên chỉ tiêu', 'Đơn vị tính']);
  for (const v of views) ref.addRow([v.indicator.code, v.indicator.nameVi, v.indicator.unit]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value) return String(value.hyperlink);
    if (value instanceof Date) return value.toISOString();
  }
  return String(value).trim();
}

export type ParsedRow = {
  row: number;
  data?: {
    indicatorCode: string;
  } & ReturnType<typeof observationBody.parse>;
  errors: RowError[];
};

/** Reads the first sheet; the header row names the columns (the template's row 1). Row numbers are the sheet's. */
export async function parseImport(buffer: Buffer, locale: Locale): Promise<ParsedRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return [{ row: 0, errors: [{ row: 0, column: '', message: 'indicators.error.notXlsx' }] }];
  }
  const ws = wb.worksheets[0];
  if (!ws) return [{ row: 0, errors: [{ row: 0, column: '', message: 'indicators.error.emptyFile' }] }];
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => cellText(v));
  const col = new Map<string, number>();
  header.forEach((h, i) => {
    if (h) col.set(h, i);
  });
  const missing = ['indicator_code', 'year', 'value'].filter((c) => !col.has(c));
  if (missing.length)
    return [
      {
        row: 1,
        errors: missing.map((c) => ({ row: 1, column: c, message: 'indicators.error.missingColumn' })),
      },
    ];
  const rows: ParsedRow[] = [];
  ws.eachRow((r, rowNumber) => {
    if (rowNumber === 1) return;
    const get = (name: string) => {
      const i = col.get(name);
      return i === undefined ? '' : cellText(r.getCell(i).value);
    };
    if (rowNumber === 2 && get('indicator_code') === HEADERS_VI.indicator_code) return;
    // Template rows left without a value are skipped: only filled-in rows count.
    if (get('value') === '' && get('year') === '') return;
    const code = get('indicator_code');
    const parsed = observationBody.safeParse({
      year: get('year'),
      quarter: get('quarter'),
      adminUnitId: get('admin_unit_id'),
      value: get('value'),
      status: get('status'),
      note: get('note'),
      sources: get('source_url'),
    });
    const errors: RowError[] = [];
    if (!code)
      errors.push({ row: rowNumber, column: 'indicator_code', message: 'indicators.error.codeRequired' });
    const columnOf: Record<string, string> = {
      year: 'year',
      quarter: 'quarter',
      adminUnitId: 'admin_unit_id',
      value: 'value',
      status: 'status',
      note: 'note',
      sources: 'source_url',
    };
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        errors.push({
          row: rowNumber,
          column: columnOf[key] ?? key,
          message: issueMessage(locale, issue as never),
        });
      }
    }
    rows.push({
      row: rowNumber,
      data: parsed.success && code ? { indicatorCode: code, ...parsed.data } : undefined,
      errors,
    });
  });
  return rows;
}

export type Table = { name: string; headers: string[]; rows: (string | number | null)[][] };

export async function tablesToXlsx(tables: readonly Table[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31).replace(/[\\/*?:[\]]/g, ' '));
    ws.addRow(t.headers);
    ws.getRow(1).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 20;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvCell(v: string | number | null): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (comma-separated, dot decimals) in UTF-8 with a byte-order mark. */
export function tableToCsv(table: Table): string {
  const lines = [table.headers, ...table.rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One row per observation, for the exports and the per-indicator CSV. */
export function observationsTable(views: readonly IndicatorView[]): Table {
  return {
    name: 'observations',
    headers: [
      'indicator_code',
      'indicator_name_vi',
      'unit',
      'year',
      'quarter',
      'admin_unit_id',
      'value',
      'status',
      'note',
      'sources',
      'is_sample',
    ],
    rows: views.flatMap((v) =>
      v.observations.map((o) => [
        v.indicator.code,
        v.indicator.nameVi,
        v.indicator.unit,
        o.year,
        o.quarter,
        o.adminUnitId,
        o.value,
        o.status,
        o.note,
        o.sources.join(' '),
        o.isSample ? 'true' : 'false',
      ]),
    ),
  };
}

export function indicatorsTable(views: readonly IndicatorView[]): Table {
  return {
    name: 'indicators',
    headers: [
      'code',
      'name_vi',
      'name_en',
      'unit',
      'category',
      'direction',
      'kind',
      'plan',
      'baseline_year',
      'baseline_value',
      'target_year',
      'target_period_start',
      'target_value',
      'target_min',
      'target_max',
      'latest_year',
      'latest_value',
      'status',
      'ratio',
      'required_rate_now',
      'projection',
      'sources',
    ],
    rows: views.map((v) => {
      const t = v.headline;
      const r = t?.result;
      return [
        v.indicator.code,
        v.indicator.nameVi,
        v.indicator.nameEn,
        v.indicator.unit,
        v.indicator.category,
        v.indicator.direction,
        v.indicator.kind,
        v.plan.code,
        v.indicator.baselineYear,
        v.indicator.baselineValue,
        t?.year ?? null,
        t?.periodStart ?? null,
        t?.value ?? null,
        t?.minValue ?? null,
        t?.maxValue ?? null,
        v.series.at(-1)?.year ?? null,
        v.series.at(-1)?.value ?? null,
        v.status,
        r?.ratio ?? null,
        r?.requiredRateNow ?? null,
        r?.projection?.value ?? null,
        v.indicator.sources.join(' '),
      ];
    }),
  };
}
