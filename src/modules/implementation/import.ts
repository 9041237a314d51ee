// Import of tasks and of progress updates from XLSX or CSV (UTF-8). Every row is
// validated; errors are listed by row and column; nothing is written unless
// every row is valid (one transaction). Files in a legacy Vietnamese encoding
// (TCVN3/ABC, VNI) are refused with a message that says so.
import { parse } from 'csv-parse/sync';
import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { AppError, forbidden } from '../../kernel/http/errors.ts';
import { agencies } from '../agencies/schema.ts';
import { recordAudit } from '../audit/record.ts';
import { notifyTaskStatus } from './follows.ts';
import { implScopeOf, mayManageProgrammes, mayWriteTask } from './policy.ts';
import { statusForProgress } from './rules.ts';
import { programmes, tasks } from './schema.ts';
import { recordTaskEvent } from './timeline.ts';

export type ImportError = { row: number; column: string; message: string };
export type ImportKind = 'tasks' | 'progress';

export class ImportRefused extends AppError {
  constructor(
    messageKey: string,
    readonly errors: ImportError[] = [],
  ) {
    super(400, 'import_refused', messageKey, { n: errors.length });
  }
}

/**
 * Legacy Vietnamese encodings. TCVN3 (ABC) and VNI put Vietnamese letters on
 * bytes that, read as Latin-1/Windows-1252 (or invalid UTF-8), show as symbols
 * (TCVN3: "Ng­êi", "§¹i", "¸"…) or as letter+mark pairs (VNI: "Vieät", "Nguyeãn").
 * Looks for those patterns in text that is valid Unicode.
 */
export function looksLegacyVietnamese(text: string): boolean {
  const tcvn3 = text.match(/[\u00A1-\u00BF\u00AD]/g)?.length ?? 0;
  // VNI marks that never occur in Unicode Vietnamese (ä ö ü ë ï ñ ø û å), right after a letter.
  const vni = text.match(/\p{L}[äöüëïñøûåÄÖÜËÏÑØÛÅ]/gu)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return false;
  return tcvn3 + vni >= 2 && (tcvn3 + vni) / letters > 0.01;
}

function decodeUtf8(bytes: Buffer): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new ImportRefused('implementation.import.legacyEncoding');
  }
}

/** Rows as objects keyed by lower-cased header; row numbers as in the file (header = 1). */
export async function readTable(fileName: string, bytes: Buffer): Promise<Record<string, string>[]> {
  const isXlsx = bytes[0] === 0x50 && bytes[1] === 0x4b;
  let matrix: string[][];
  if (isXlsx) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new ImportRefused('implementation.import.unreadable');
    }
    const ws = wb.worksheets[0];
    matrix = [];
    ws?.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value;
        cells[c - 1] =
          v === null || v === undefined
            ? ''
            : v instanceof Date
              ? v.toISOString().slice(0, 10)
              : typeof v === 'object' && 'text' in v
                ? String((v as { text: unknown }).text)
                : typeof v === 'object' && 'result' in v
                  ? String((v as { result: unknown }).result)
                  : String(v);
      });
      matrix[n - 1] = cells;
    });
    matrix = Array.from(matrix, (r) => r ?? []);
  } else if (/\.(csv|txt)$/i.test(fileName) || !isXlsx) {
    const text = decodeUtf8(bytes);
    try {
      matrix = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
    } catch {
      throw new ImportRefused('implementation.import.unreadable');
    }
  } else throw new ImportRefused('implementation.import.unreadable');
  const all = matrix.flat().join(' ');
  if (looksLegacyVietnamese(all)) throw new ImportRefused('implementation.import.legacyEncoding');
  const header = (matrix[0] ?? []).map((h) => h.trim().toLowerCase());
  if (header.length === 0) throw new ImportRefused('implementation.import.empty');
  return matrix
    .slice(1)
    .map((cells) => Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? '').trim()])));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function validDate(s: string) {
  return DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

export const TASK_COLUMNS = [
  'title',
  'lead_agency',
  'start_date',
  'due_date',
  'product',
  'weight',
  'public',
] as const;
export const PROGRESS_COLUMNS = ['task_id', 'progress'] as const;

/** Validates and writes every row, or nothing. Returns the number of rows written. */
export async function importRows(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  kind: ImportKind,
  programmeId: number,
  rows: Record<string, string>[],
): Promise<number> {
  return db.transaction(async (tx) => {
    const scope = await implScopeOf(tx, user);
    if (kind === 'tasks' && !mayManageProgrammes(scope)) throw forbidden();
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, programmeId));
    if (!programme) throw new ImportRefused('implementation.error.programmeUnknown');
    const errors: ImportError[] = [];
    const needed = kind === 'tasks' ? ['title', 'lead_agency', 'due_date'] : [...PROGRESS_COLUMNS];
    const present = new Set(Object.keys(rows[0] ?? {}));
    for (const c of needed)
      if (rows.length && !present.has(c)) errors.push({ row: 1, column: c, message: 'missingColumn' });
    if (rows.length === 0) throw new ImportRefused('implementation.import.empty');
    if (errors.length) throw new ImportRefused('implementation.import.invalid', errors);
    const fileRow = (i: number) => i + 2;
    if (kind === 'tasks') {
      const codes = new Map(
        (await tx.select({ id: agencies.id, code: agencies.code }).from(agencies)).map((a) => [
          a.code.toLowerCase(),
          a.id,
        ]),
      );
      const values: (typeof tasks.$inferInsert)[] = [];
      rows.forEach((r, i) => {
        const row = fileRow(i);
        const err = (column: string, message: string) => errors.push({ row, column, message });
        if (!r.title) err('title', 'required');
        else if (r.title.length > 500) err('title', 'tooLong');
        const agencyId = codes.get((r.lead_agency ?? '').toLowerCase());
        if (!agencyId) err('lead_agency', 'agencyUnknown');
        if (r.start_date && !validDate(r.start_date)) err('start_date', 'date');
        if (!r.due_date || !validDate(r.due_date)) err('due_date', 'date');
        if (
          r.start_date &&
          r.due_date &&
          validDate(r.start_date) &&
          validDate(r.due_date) &&
          r.start_date > r.due_date
        )
          err('due_date', 'dueBeforeStart');
        const weight = r.weight ? Number(r.weight.replace(',', '.')) : 1;
        if (!Number.isFinite(weight) || weight < 0) err('weight', 'weight');
        values.push({
          programmeId,
          title: r.title ?? '',
          leadAgencyId: agencyId ?? 0,
          startDate: r.start_date || null,
          dueDate: r.due_date || null,
          product: r.product || null,
          weight,
          isPublic: ['1', 'true', 'có', 'co', 'x', 'yes'].includes((r.public ?? '').toLowerCase()),
        });
      });
      if (errors.length) throw new ImportRefused('implementation.import.invalid', errors);
      for (let i = 0; i < values.length; i += 200) {
        const inserted = await tx
          .insert(tasks)
          .values(values.slice(i, i + 200))
          .returning({ id: tasks.id });
        for (const t of inserted) await recordTaskEvent(tx, actor, t.id, 'imported', { kind });
      }
    } else {
      const ids = rows.map((r) => Number(r.task_id)).filter((n) => Number.isInteger(n) && n > 0);
      const found = new Map(
        (ids.length ? await tx.select().from(tasks).where(inArray(tasks.id, ids)) : []).map((t) => [t.id, t]),
      );
      rows.forEach((r, i) => {
        const row = fileRow(i);
        const t = found.get(Number(r.task_id));
        if (!t || t.programmeId !== programmeId)
          errors.push({ row, column: 'task_id', message: 'taskUnknown' });
        else if (!mayWriteTask(scope, t)) errors.push({ row, column: 'task_id', message: 'forbidden' });
        const p = Number((r.progress ?? '').replace(',', '.').replace('%', ''));
        if (r.progress === '' || !Number.isFinite(p) || p < 0 || p > 100)
          errors.push({ row, column: 'progress', message: 'progress' });
      });
      if (errors.length) throw new ImportRefused('implementation.import.invalid', errors);
      for (const r of rows) {
        const t = found.get(Number(r.task_id))!;
        const progress = Number(r.progress!.replace(',', '.').replace('%', ''));
        const status = t.status === 'cancelled' ? t.status : statusForProgress(t.status, progress);
        const [changed] = await tx
          .update(tasks)
          .set({
            progress,
            status,
            reportedAt: new Date(),
            rowVersion: sql`${tasks.rowVersion} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(tasks.id, t.id))
          .returning({ rowVersion: tasks.rowVersion });
        await notifyTaskStatus(tx, t.id, { from: t.status, to: status }, `v${changed!.rowVersion}`);
        await recordTaskEvent(tx, actor, t.id, 'imported', {
          changes: { progress: { from: t.progress, to: progress } },
        });
      }
    }
    await recordAudit(tx, actor, {
      action: 'import',
      entity: 'programme',
      entityId: programmeId,
      after: { kind, rows: rows.length },
    });
    return rows.length;
  });
}
