// Spreadsheets of indicator data: the import template, reading a filled-in file
// row by row, and exports (XLSX, and CSV in UTF-8 with a BOM so Excel shows Vietnamese).
import fs from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
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

/** Declared unpacked size above which a file is refused unread (a million rows unpack to about 250 MB). */
export const MAX_XLSX_UNPACKED = 1024 * 1024 * 1024;
/** A reader that gives nothing for this long is stuck on a damaged file. */
const STALL_MS = 30_000;

/**
 * Checks the zip before the streaming reader sees it, and unpacks nothing into memory: an
 * XLSX names xl/workbook.xml and a sheet in its directory, each entry inflates without error
 * to the size the directory declares, and all of them to no more than MAX_XLSX_UNPACKED. The
 * streaming reader cannot be trusted with a damaged file: on a cut or corrupted entry it
 * waits for ever instead of failing. (Inflating twice costs about a second per million rows.)
 */
async function checkXlsx(input: string | Buffer): Promise<boolean> {
  const size = Buffer.isBuffer(input) ? input.length : (await fs.promises.stat(input)).size;
  const handle = Buffer.isBuffer(input) ? null : await fs.promises.open(input, 'r');
  const read = async (position: number, length: number): Promise<Buffer> => {
    if (!handle) return (input as Buffer).subarray(position, position + length);
    const out = Buffer.alloc(length);
    const { bytesRead } = await handle.read(out, 0, length, position);
    return out.subarray(0, bytesRead);
  };
  const inflatedSize = async (start: number, length: number): Promise<number> => {
    let bytes = 0;
    await pipeline(
      handle
        ? handle.createReadStream({ start, end: start + length - 1, autoClose: false })
        : Readable.from([(input as Buffer).subarray(start, start + length)]),
      zlib.createInflateRaw(),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(bytes > MAX_XLSX_UNPACKED ? new Error('too large') : null);
        },
      }),
    );
    return bytes;
  };
  try {
    if (size < 22 || (await read(0, 4)).readUInt32LE(0) !== 0x04034b50) return false;
    // The end-of-directory record: the last 22 bytes, or before a comment of up to 64 kB.
    const tailStart = Math.max(0, size - 22 - 0xffff);
    const tail = await read(tailStart, size - tailStart);
    let end = -1;
    for (let i = tail.length - 22; i >= 0 && end < 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) end = i;
    if (end < 0) return false;
    const dirSize = tail.readUInt32LE(end + 12);
    const dirOffset = tail.readUInt32LE(end + 16);
    if (dirOffset + dirSize > tailStart + end || dirSize > 16 * 1024 * 1024) return false;
    const dir = await read(dirOffset, dirSize);
    const entries: { name: string; method: number; packed: number; unpacked: number; offset: number }[] = [];
    for (let i = 0; i < dir.length; ) {
      if (i + 46 > dir.length || dir.readUInt32LE(i) !== 0x02014b50) return false;
      const nameLength = dir.readUInt16LE(i + 28);
      entries.push({
        name: dir.toString('utf8', i + 46, i + 46 + nameLength),
        method: dir.readUInt16LE(i + 10),
        packed: dir.readUInt32LE(i + 20),
        unpacked: dir.readUInt32LE(i + 24),
        offset: dir.readUInt32LE(i + 42),
      });
      i += 46 + nameLength + dir.readUInt16LE(i + 30) + dir.readUInt16LE(i + 32);
    }
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) return false;
    if (!entries.some((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))) return false;
    if (entries.reduce((n, e) => n + e.unpacked, 0) > MAX_XLSX_UNPACKED) return false;
    for (const e of entries) {
      const local = await read(e.offset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return false;
      const start = e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (start + e.packed > dirOffset) return false;
      if (e.method === 0 ? e.packed !== e.unpacked : e.method !== 8) return false;
      if (e.method === 8 && (await inflatedSize(start, e.packed)) !== e.unpacked) return false;
    }
    return true;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

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
  if (!(await checkXlsx(input))) {
    yield fileError(0, 'indicators.error.notXlsx');
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Buffer.isBuffer(input) ? Readable.from([input]) : input,
    { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' },
  );
  let sheets = 0;
  try {
    // The reader is always read to its end (never left early): it spools a sheet stored
    // before the shared strings to a temporary file and removes that file only when done.
    for await (const sheet of guarded(reader, STALL_MS)) {
      // Only the first sheet holds data (the template's second lists the indicators).
      if (sheets++ > 0) continue;
      let col: Map<string, number> | null = null;
      let headerMissing = false;
      const batches = { [Symbol.asyncIterator]: () => sheet.parse() } as AsyncIterable<
        { eventType: string; value: unknown }[]
      >;
      for await (const events of guarded(batches, STALL_MS)) {
        if (headerMissing) continue;
        for (const { eventType, value } of events) {
          if (eventType !== 'row') continue;
          const r = value as ExcelJS.Row;
          const cells = r.values as ExcelJS.CellValue[];
          if (col === null) {
            col = new Map();
            if (r.number === 1)
              cells.forEach((v, i) => {
                const h = cellText(v);
                if (h) col!.set(h, i);
              });
            const missing = ['indicator_code', 'year', 'value'].filter((c) => !col!.has(c));
            if (missing.length) {
              headerMissing = true;
              yield {
                row: 1,
                errors: missing.map((c) => ({
                  row: 1,
                  column: c,
                  message: 'indicators.error.missingColumn',
                })),
              };
              break;
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
    }
  } catch {
    yield fileError(0, 'indicators.error.notXlsx');
    return;
  }
  if (sheets === 0) yield fileError(0, 'indicators.error.notXlsx');
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
