// The spreadsheet import at size: streamed, written in batches in one transaction, all or
// nothing; replacing stored values (audited one by one); the template's round trip.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { queryRows } from '../../kernel/db/query.ts';
import { AppError } from '../../kernel/http/errors.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import { IMPORT_COLUMNS, readImport } from './spreadsheet.ts';
import { IMPORT_BATCH_ROWS, IMPORT_MAX_ERRORS, importObservations } from './use-cases.ts';

let t: TestApp;
let planner: Session;
let plannerUser: Awaited<ReturnType<typeof createTestUser>>;
let codes: string[];

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  plannerUser = await createTestUser(t.database, 'planner');
  planner = await login(t.app, plannerUser.email);
  codes = (
    await queryRows<{ code: string }>(t.database.db, sql`select code from indicators order by code`)
  ).map((r) => r.code);
});
after(async () => {
  await t.close();
});

const HEADER = [...IMPORT_COLUMNS];
type Cell = string | number | null;

async function workbook(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('so_lieu');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `n` draft rows, each a different indicator, year and quarter, from `firstYear` (before any seeded value). */
function draftRows(n: number, firstYear: number, value: (i: number) => Cell = (i) => i / 10): Cell[][] {
  return Array.from({ length: n }, (_, i) => {
    const k = Math.floor(i / codes.length);
    return [
      codes[i % codes.length]!,
      firstYear + Math.floor(k / 5),
      k % 5,
      null,
      value(i),
      'draft',
      null,
      null,
    ];
  });
}

async function upload(file: Buffer, session: Session = planner) {
  const boundary = '----quyhoachimport';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${session.csrfToken}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="so-lieu.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return t.app.inject({
    method: 'POST',
    url: '/indicators/import',
    headers: {
      cookie: session.cookie,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      accept: 'application/json',
    },
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

type Refusal = {
  error: { message: string; fields: { field: string; message: string }[]; errorCount: number };
};

const importedEntries = async () =>
  queryRows<{ after: { rows: number; inserted: number; replaced: number } }>(
    t.database.db,
    sql`select after from audit_log where action = 'indicator_observation.import' order by id`,
  );

test('the template round trip: download, fill in two rows, upload; the rows left empty are skipped', async () => {
  const tpl = await t.app.inject({
    url: '/indicators/import/template.xlsx',
    headers: { cookie: planner.cookie },
  });
  assert.equal(tpl.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const byCode = new Map<string, number>();
  ws.eachRow((r, n) => {
    if (n > 2) byCode.set(String(r.getCell(1).value), n);
  });
  assert.equal(byCode.size, codes.length, 'one row per indicator');
  for (const [code, value] of [
    ['population', '1.500.000'],
    ['urbanization_rate', '40,5'],
  ] as const) {
    const r = ws.getRow(byCode.get(code)!);
    r.getCell(2).value = 1999;
    r.getCell(5).value = value;
    r.getCell(6).value = 'draft';
  }
  const before_ = await countRows(t.database, 'indicator_observations');
  const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { written: 2 });
  assert.equal(await countRows(t.database, 'indicator_observations'), before_ + 2);
  const [saved] = await queryRows<{ value: number; status: string }>(
    t.database.db,
    sql`select o.value::float as value, o.status from indicator_observations o join indicators i on i.id = o.indicator_id
        where i.code = 'urbanization_rate' and o.year = 1999`,
  );
  assert.deepEqual(saved, { value: 40.5, status: 'draft' });
});

test(`a bad row late in a 5,000-row file (after ${Math.floor(4_990 / IMPORT_BATCH_ROWS)} batches were written) leaves nothing written`, async () => {
  const rows = draftRows(5_000, 1950);
  rows[4_990 - 2] = [codes[0]!, 1949, 0, null, 'không phải số', 'draft', null, null];
  const observations = await countRows(t.database, 'indicator_observations');
  const audits = await countRows(t.database, 'audit_log');
  const res = await upload(await workbook(rows));
  assert.equal(res.statusCode, 400, res.body);
  const body = res.json() as Refusal;
  assert.deepEqual(
    body.error.fields.map((f) => f.field),
    ['row4990.value'],
  );
  assert.match(body.error.fields[0]!.message, /^Dòng 4990, cột value: /);
  assert.equal(body.error.errorCount, 1);
  assert.equal(await countRows(t.database, 'indicator_observations'), observations);
  assert.equal(await countRows(t.database, 'audit_log'), audits);

  // The same file put right is imported whole, in several batches.
  rows[4_990 - 2] = [codes[0]!, 1949, 0, null, 1, 'draft', null, null];
  const ok = await upload(await workbook(rows));
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), { written: 5_000 });
  assert.equal(await countRows(t.database, 'indicator_observations'), observations + 5_000);
  const entry = (await importedEntries()).at(-1)?.after;
  assert.deepEqual([entry?.rows, entry?.inserted, entry?.replaced], [5_000, 5_000, 0]);
});

test('importing again replaces the stored values: version bumped, each replaced value audited with before and after', async () => {
  const first = await upload(await workbook(draftRows(300, 1900, (i) => 1000 + i)));
  assert.equal(first.statusCode, 200, first.body);
  const audits = await countRows(t.database, 'audit_log');
  const second = await upload(await workbook(draftRows(300, 1900, (i) => 2000 + i)));
  assert.equal(second.statusCode, 200, second.body);
  assert.deepEqual(second.json(), { written: 300 });
  const [stored] = await queryRows<{ n: number; low: number; versions: number[] }>(
    t.database.db,
    sql`select count(*)::int as n, min(value)::float as low, array_agg(distinct row_version) as versions
        from indicator_observations where year between 1900 and 1901`,
  );
  assert.deepEqual(stored, { n: 300, low: 2000, versions: [2] });
  const updates = await queryRows<{
    before: { value: number };
    after: { value: number; rowVersion: number };
  }>(
    t.database.db,
    sql`select before, after from audit_log where action = 'indicator_observation.update'
        and (after->>'value')::float >= 2000`,
  );
  assert.equal(updates.length, 300);
  assert.ok(updates.every((u) => u.after.value - u.before.value === 1000 && u.after.rowVersion === 2));
  assert.equal(
    await countRows(t.database, 'audit_log'),
    audits + 301,
    'one per replaced value, one for the import',
  );
  const entry = (await importedEntries()).at(-1)?.after;
  assert.deepEqual([entry?.rows, entry?.inserted, entry?.replaced], [300, 0, 300]);
  assert.deepEqual(await verifyAuditChain(t.database.db), {
    ok: true,
    rows: await countRows(t.database, 'audit_log'),
  });
});

test('an agency editor may not replace an approved value: a row error, nothing written', async () => {
  const code = codes[1]!;
  await t.database.db.execute(sql`update indicators set responsible_agency_id = 1 where code = ${code}`);
  const editor = await login(
    t.app,
    (await createTestUser(t.database, 'agency_editor', { agencyId: 1 })).email,
  );
  const approved = await upload(await workbook([[code, 1940, 0, null, 5, 'approved', null, null]]));
  assert.equal(approved.statusCode, 200, approved.body);
  const before_ = await countRows(t.database, 'indicator_observations');
  const res = await upload(
    await workbook([
      [code, 1941, 0, null, 6, 'approved', null, null],
      [code, 1940, 0, null, 7, 'approved', null, null],
    ]),
    editor,
  );
  assert.equal(res.statusCode, 400, res.body);
  const fields = (res.json() as Refusal).error.fields;
  assert.deepEqual(
    fields.map((f) => f.field),
    ['row3.value'],
  );
  assert.match(fields[0]!.message, /quy hoạch/);
  assert.equal(await countRows(t.database, 'indicator_observations'), before_);
  // A new value of theirs is kept as a draft, whatever the file says.
  const ok = await upload(await workbook([[code, 1941, 0, null, 6, 'approved', null, null]]), editor);
  assert.equal(ok.statusCode, 200, ok.body);
  const [row] = await queryRows<{ status: string }>(
    t.database.db,
    sql`select o.status from indicator_observations o join indicators i on i.id = o.indicator_id
        where i.code = ${code} and o.year = 1941`,
  );
  assert.equal(row?.status, 'draft');
});

test(`a file with many bad rows lists the first ${IMPORT_MAX_ERRORS} and says how many there are`, async () => {
  const res = await upload(await workbook(draftRows(150, 1990, () => 'x')));
  assert.equal(res.statusCode, 400);
  const body = res.json() as Refusal;
  assert.equal(body.error.fields.length, IMPORT_MAX_ERRORS);
  assert.equal(body.error.errorCount, 150);
  assert.match(body.error.message, /150 lỗi/);
  assert.equal(body.error.fields[0]!.field, 'row2.value');
});

test('the use case: a row repeated in a later batch is refused at its row, and nothing is written', async () => {
  const rows = draftRows(250, 1990);
  rows.push(rows[3]!);
  const file = await workbook(rows);
  const before_ = await countRows(t.database, 'indicator_observations');
  const actor = { userId: plannerUser.id, label: plannerUser.email, via: 'web' as const };
  await assert.rejects(
    importObservations(t.database.db, actor, plannerUser, readImport(file, 'vi'), { batchRows: 50 }),
    (e: AppError) => {
      assert.ok(e instanceof AppError);
      assert.deepEqual(e.fields, [{ field: 'row252.year', message: 'indicators.error.duplicateRow' }]);
      return true;
    },
  );
  assert.equal(await countRows(t.database, 'indicator_observations'), before_);
  await assert.rejects(
    importObservations(t.database.db, actor, plannerUser, []),
    (e: AppError) => e.fields[0]?.message === 'indicators.error.emptyFile',
  );
});
