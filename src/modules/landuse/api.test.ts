import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';

let t: TestApp;
let admin: Session;
let planner: Session;
let communes: { id: string; code: string }[];

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  const r = (await t.database.db.execute(
    `select id, code from admin_units where level = 'commune' and valid_to is null order by code limit 3`,
  )) as unknown as { rows: { id: string; code: string }[] };
  communes = r.rows;
});
after(async () => {
  await t.close();
});

async function xlsx(header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('KH');
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(session: Session, url: string, fields: Record<string, string>, file: Buffer) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  fd.set('file', new Blob([new Uint8Array(file)]), 'ke-hoach.xlsx');
  const req = new Request('http://x/', { method: 'POST', body: fd });
  return t.app.inject({
    method: 'POST',
    url,
    headers: session.headers({ 'content-type': req.headers.get('content-type')! }),
    payload: Buffer.from(await req.arrayBuffer()),
  });
}

type Cell = { communeId: string; category: string; differenceHa: number };

describe('land-use quota check', () => {
  test('a plan over one commune’s quota in one category is flagged for exactly that commune and category', async () => {
    const [a, b, c] = communes as [(typeof communes)[0], (typeof communes)[0], (typeof communes)[0]];
    // Quotas for the test: set by an administrator through the import (commune level, 2026–2030).
    const quotas = await xlsx(
      ['Mã xã', 'Tên', 'LUA', 'ODT'],
      [
        [a.code, 'A', 100, 20],
        [b.code, 'B', 50, 10],
        [c.code, 'C', 70, 5],
      ],
    );
    const imported = await upload(
      admin,
      '/api/v1/landuse/quotas/import',
      { level: 'commune', period: '2026-2030' },
      quotas,
    );
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal((imported.json() as { imported: number }).imported, 6);

    const plan = await xlsx(
      ['Mã xã', 'Tên xã', 'LUA (ha)', 'ODT'],
      [
        [a.code, 'A', 90, 20],
        [b.code, 'B', 50, '12,5'],
        [c.code, 'C', 70, 4],
      ],
    );
    const res = await upload(
      planner,
      '/api/v1/landuse/checks',
      { title: 'KH thử', period: '2026-2030' },
      plan,
    );
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { id: number; exceedanceCount: number; result: { exceedances: Cell[] } };
    assert.deepEqual(
      body.result.exceedances.map((x) => [x.communeId, x.category, x.differenceHa]),
      [[b.id, 'ODT', 2.5]],
    );

    const page = await t.app.inject({
      method: 'GET',
      url: `/landuse/checks/${body.id}`,
      headers: { cookie: planner.cookie },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Vượt chỉ tiêu/);
    const file = await t.app.inject({
      method: 'GET',
      url: `/landuse/checks/${body.id}.xlsx`,
      headers: { cookie: planner.cookie },
    });
    assert.equal(file.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const over = wb.getWorksheet('Vượt chỉ tiêu')!;
    assert.equal(over.rowCount, 2, 'one header row and one exceedance');
    assert.match(String(over.getRow(2).getCell(2).value), /^ODT/);
  });

  test('unknown communes and categories are refused row by row', async () => {
    const plan = await xlsx(['Mã xã', 'Tên', 'XYZ', 'LUA'], [['99999', 'Không có', 1, 2]]);
    const res = await upload(planner, '/api/v1/landuse/checks', { period: '2026-2030' }, plan);
    assert.equal(res.statusCode, 400);
    const fields = (res.json() as { error: { fields: { message: string }[] } }).error.fields
      .map((f) => f.message)
      .join(' | ');
    assert.match(fields, /XYZ/);
    assert.match(fields, /99999/);
  });

  test('a plan by the old communes is rolled up into the new ones through the lineage before the check', async () => {
    // Old Phường Gia Sàng (05461) was split between Phan Đình Phùng (05443) and the new Gia Sàng
    // (05467), no ratio recorded: with the default rule each takes half.
    const quotas = await xlsx(
      ['Mã xã', 'Tên', 'LUA'],
      [
        ['05443', 'Phan Đình Phùng', 40],
        ['05467', 'Gia Sàng', 60],
      ],
    );
    const imported = await upload(
      admin,
      '/api/v1/landuse/quotas/import',
      { level: 'commune', period: '2031-2040' },
      quotas,
    );
    assert.equal(imported.statusCode, 200, imported.body);
    const plan = await xlsx(['Mã xã', 'Tên', 'LUA'], [['05461', 'Gia Sàng (cũ)', 100]]);
    const res = await upload(
      planner,
      '/api/v1/landuse/checks',
      { title: 'KH theo xã cũ', period: '2031-2040', units: 'old' },
      plan,
    );
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { id: number; result: { exceedances: Cell[]; units: string } };
    assert.equal(body.result.units, 'old');
    assert.deepEqual(
      body.result.exceedances.map((x) => [x.communeId, x.category, x.differenceHa]),
      [['commune-05443-2025', 'LUA', 10]],
    );
    const page = await t.app.inject({
      url: `/landuse/checks/${body.id}`,
      headers: { cookie: planner.cookie },
    });
    assert.match(page.body, /được lập theo xã, phường cũ/);

    // The same rows read as new communes are a different plan: 05461 is not a 2025 code.
    const asNew = await upload(planner, '/api/v1/landuse/checks', { period: '2031-2040' }, plan);
    assert.equal(asNew.statusCode, 400);
    const unknownOld = await upload(
      planner,
      '/api/v1/landuse/checks',
      { period: '2031-2040', units: 'old' },
      await xlsx(['Mã xã', 'Tên', 'LUA'], [['99999', 'Không có', 1]]),
    );
    assert.equal(unknownOld.statusCode, 400);
    assert.match(unknownOld.body, /xã, phường cũ/);
  });

  test('only administrators import quotas', async () => {
    const res = await upload(
      planner,
      '/api/v1/landuse/quotas/import',
      { level: 'commune', period: '2026-2030' },
      await xlsx(['a'], []),
    );
    assert.equal(res.statusCode, 403);
  });
});
