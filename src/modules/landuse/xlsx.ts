// Reading a land-use plan or quota table from XLSX (first sheet: row 1 holds
// "Mã xã" / commune code, name, then one column per category code; values in
// ha) and writing the check result as XLSX.
import ExcelJS from 'exceljs';
import type { Amounts, QuotaCheckResult } from './check.ts';

export type SheetProblem = { row: number; key: string; params?: Record<string, string | number> };

export type ReadTable = { amounts: Amounts; problems: SheetProblem[] };

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return cellText(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((p) => p.text).join('');
  return String(v).trim();
}

function cellNumber(v: ExcelJS.CellValue): number | null | 'bad' {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && 'result' in v) return cellNumber(v.result as ExcelJS.CellValue);
  const s = String(v).trim().replace(/\s/g, '');
  if (!s) return null;
  // Vietnamese notation 1.234,5 as well as 1234.5
  const normal = /,\d+$/.test(s) ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  const n = Number(normal);
  return Number.isFinite(n) ? n : 'bad';
}

/**
 * `unitByCode` maps a commune (or province) code to the unit id; unknown codes,
 * unknown categories, negative or non-numeric values are reported by row.
 */
export async function readAmountsXlsx(
  bytes: Uint8Array,
  unitByCode: Map<string, string>,
  categories: Set<string>,
): Promise<ReadTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { amounts: {}, problems: [{ row: 0, key: 'landuse.xlsx.unreadable' }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { amounts: {}, problems: [{ row: 0, key: 'landuse.xlsx.noSheet' }] };
  const problems: SheetProblem[] = [];
  const header = ws.getRow(1);
  const columns: { col: number; code: string }[] = [];
  header.eachCell((cell, col) => {
    if (col <= 2) return;
    const code = (cellText(cell.value).split(/[\s(]/)[0] ?? '').toUpperCase();
    if (!code) return;
    if (!categories.has(code))
      problems.push({ row: 1, key: 'landuse.xlsx.unknownCategory', params: { code } });
    else columns.push({ col, code });
  });
  if (columns.length === 0) problems.push({ row: 1, key: 'landuse.xlsx.noCategories' });
  const amounts: Amounts = {};
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const code = cellText(row.getCell(1).value);
    if (!code) return;
    const unitId = unitByCode.get(code) ?? unitByCode.get(code.padStart(5, '0'));
    if (!unitId) {
      problems.push({ row: rowNumber, key: 'landuse.xlsx.unknownUnit', params: { code } });
      return;
    }
    if (amounts[unitId]) {
      problems.push({ row: rowNumber, key: 'landuse.xlsx.duplicateUnit', params: { code } });
      return;
    }
    const values: Record<string, number> = {};
    for (const { col, code: cat } of columns) {
      const n = cellNumber(row.getCell(col).value);
      if (n === null) continue;
      if (n === 'bad' || n < 0) {
        problems.push({ row: rowNumber, key: 'landuse.xlsx.badNumber', params: { code: cat } });
        continue;
      }
      values[cat] = n;
    }
    amounts[unitId] = values;
  });
  return { amounts, problems };
}

type Names = { unit: (id: string) => string; category: (code: string) => string; t: (k: string) => string };

export async function resultXlsx(result: QuotaCheckResult, names: Names): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'QuyHoạch';
  const status = (s: string) => names.t(`landuse.status.${s}`);
  const add = (title: string, headers: string[], rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(title);
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  };
  const h = (k: string) => names.t(`landuse.col.${k}`);
  add(
    names.t('landuse.sheet.byCategory'),
    [
      h('category'),
      h('planned'),
      h('communeQuotas'),
      h('difference'),
      h('status'),
      h('provinceQuota'),
      h('provinceDifference'),
    ],
    result.byCategory.map((c) => {
      const p = result.provinceByCategory.find((x) => x.key === c.key);
      return [
        names.category(c.key),
        c.plannedHa,
        c.quotaHa,
        c.differenceHa,
        status(c.status),
        p?.quotaHa ?? null,
        p?.differenceHa ?? null,
      ];
    }),
  );
  add(
    names.t('landuse.sheet.byCommune'),
    [h('commune'), h('planned'), h('quota'), h('difference'), h('status')],
    result.byCommune.map((c) => [
      names.unit(c.key),
      c.plannedHa,
      c.quotaHa,
      c.differenceHa,
      status(c.status),
    ]),
  );
  const cellRows = (list: typeof result.cells) =>
    list.map((c) => [
      names.unit(c.communeId),
      names.category(c.category),
      c.plannedHa,
      c.quotaHa,
      c.differenceHa,
      status(c.status),
    ]);
  const cellHeaders = [h('commune'), h('category'), h('planned'), h('quota'), h('difference'), h('status')];
  add(names.t('landuse.sheet.exceedances'), cellHeaders, cellRows(result.exceedances));
  add(names.t('landuse.sheet.cells'), cellHeaders, cellRows(result.cells));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A blank plan template: the communes (code, name) and the category columns. */
export async function templateXlsx(
  communes: { code: string; nameVi: string }[],
  categories: string[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kế hoạch');
  ws.addRow(['Mã xã', 'Tên xã', ...categories]).font = { bold: true };
  for (const c of communes) ws.addRow([c.code, c.nameVi]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
