// Spreadsheets of indicator data: the import template, reading a filled-in file
// row by row, and exports (XLSX, and CSV in UTF-8 with a BOM so Excel shows Vietnamese).
import ExcelJS from 'exceljs';
import { issueMessage } from '../../kernel/http/error-handler.ts';
import type { Locale } from '../../kernel/i18n/index.ts';
import type { IndicatorView } from './queries.ts';
import { observationBody } from './schemas.ts';
import type { RowError } from './use-cases.ts';
import { type CellValue, openXlsx, readFirstSheet } from './xlsx-reader.ts';

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

function cellText(value: CellValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value.trim() : String(value);
}

export type ParsedRow = {
  row: number;
  data?: {
    indicatorCode: string;
  } & ReturnType<typeof observationBody.parse>;
  errors: RowError[];
};

const COLUMN_OF_FIELD: Record<string, string> = {
  year: 'year',
  quarter: 'quarter',
  adminUnitId: 'admin_unit_id',
  value: 'value',
  status: 'status',
  note: 'note',
  sources: 'source_url',
};

const fileError = (row: number, message: string, column = ''): ParsedRow => ({
  row,
  errors: [{ row, column, message }],
});

/** Checks one data row of the sheet: the observation's fields, with errors by column. */
function parseRow(rowNumber: number, get: (name: string) => string, locale: Locale): ParsedRow | null {
  if (rowNumber === 2 && get('indicator_code') === HEADERS_VI.indicator_code) return null;
  // Template rows left without a value are skipped: only filled-in rows count.
  if (get('value') === '' && get('year') === '') return null;
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
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      errors.push({
        row: rowNumber,
        column: COLUMN_OF_FIELD[key] ?? key,
        message: issueMessage(locale, issue as never),
      });
    }
  }
  return {
    row: rowNumber,
    data: parsed.success && code ? { indicatorCode: code, ...parsed.data } : undefined,
    errors,
  };
}

/** A reader that gives nothing for this long is stuck on a damaged file. */
const STALL_MS = 30_000;

class Stalled extends Error {}

/** The iterator's items, failing with Stalled when the next one takes longer than `ms`. */
async function* guarded<T>(iterable: AsyncIterable<T>, ms: number): AsyncGenerator<T> {
  const it = iterable[Symbol.asyncIterator]();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Stalled()), ms);
    });
    try {
      const next = await Promise.race([it.next(), stalled]);
      if (next.done) return;
      yield next.value;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Reads the first sheet of an XLSX file (a path, or the bytes) as a stream, one checked row
 * at a time, so a million-row file never sits in memory. Row 1 names the columns (the
 * template's row 1); row numbers are the sheet's. A file that is not a readable XLSX gives
 * an error row (row 0), never an exception; reading stops there.
 */
export async function* readImport(input: string | Buffer, locale: Locale): AsyncGenerator<ParsedRow> {
  const archive = await openXlsx(input);
  if (!archive) {
    yield fileError(0, 'indicators.error.notXlsx');
    return;
  }
  try {
    let col: Map<string, number> | null = null;
    // Only the first sheet holds data (the template's second lists the indicators).
    for await (const rows of guarded(readFirstSheet(archive), STALL_MS)) {
      for (const r of rows) {
        const cells = r.values;
        if (col === null) {
          col = new Map();
          if (r.number === 1)
            cells.forEach((v, i) => {
              const h = cellText(v);
              if (h) col!.set(h, i);
            });
          const missing = ['indicator_code', 'year', 'value'].filter((c) => !col!.has(c));
          if (missing.length) {
            yield {
              row: 1,
              errors: missing.map((c) => ({
                row: 1,
                column: c,
                message: 'indicators.error.missingColumn',
              })),
            };
            return;
          }
          if (r.number === 1) continue;
        }
        const columns = col;
        const parsed = parseRow(
          r.number,
          (name) => {
            const i = columns.get(name);
            return i === undefined ? '' : cellText(cells[i]);
          },
          locale,
        );
        if (parsed) yield parsed;
      }
    }
  } catch {
    yield fileError(0, 'indicators.error.notXlsx');
  } finally {
    await archive.close();
  }
}

/** The whole file's rows at once: for small files and tests (the route streams with readImport). */
export async function parseImport(buffer: Buffer, locale: Locale): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of readImport(buffer, locale)) rows.push(row);
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
