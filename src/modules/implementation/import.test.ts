import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { agencies } from '../agencies/schema.ts';
import { looksLegacyVietnamese } from './import.ts';

function upload(fileName: string, bytes: Buffer, kind = 'tasks', extra: Record<string, string> = {}) {
  const boundary = `----qhimport${Date.now()}`;
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const payload = Buffer.concat([
    ...Object.entries(extra).map(([k, v]) => field(k, v)),
    field('kind', kind),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('import of tasks and progress', () => {
  let t: TestApp;
  let planner: Session;
  let programmeId: number;

  before(async () => {
    t = await startTestApp();
    await t.database.db.insert(agencies).values({ code: 'SXD', nameVi: 'Sở Xây dựng', kind: 'department' });
    planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    const p = await t.app.inject({
      method: 'POST',
      url: '/api/v1/programmes',
      headers: planner.headers(),
      payload: { code: 'CT-IMP', title: 'Nhập thử' },
    });
    programmeId = p.json().id;
  });
  after(async () => t.close());

  const post = (fileName: string, bytes: Buffer, kind = 'tasks') => {
    const u = upload(fileName, bytes, kind);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/import`,
      headers: planner.headers({ 'content-type': u.contentType }),
      payload: u.payload,
    });
  };

  function csv(bad: Set<number>): Buffer {
    const lines = ['title,lead_agency,start_date,due_date,product,weight,public'];
    for (let i = 1; i <= 1000; i += 1) {
      const agency = bad.has(i) && i % 3 === 0 ? 'KHONG-CO' : 'SXD';
      const due = bad.has(i) && i % 3 === 1 ? '2026-13-45' : '2027-06-30';
      const weight = bad.has(i) && i % 3 === 2 ? '-1' : '1';
      lines.push(`"Nhiệm vụ số ${i}, đợt 1",${agency},2026-01-01,${due},Báo cáo,${weight},có`);
    }
    return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  }

  test('3 bad rows among 1,000 import nothing and are named by row and column; the fixed file imports all', async () => {
    const res = await post('nhiem-vu.csv', csv(new Set([10, 500, 999])));
    assert.equal(res.statusCode, 400, res.body);
    const rows = res.json().rows as { row: number; column: string; message: string }[];
    // File rows: the header is row 1, so data row i is file row i + 1.
    assert.deepEqual(
      rows.map((r) => [r.row, r.column]),
      [
        [11, 'due_date'],
        [501, 'weight'],
        [1000, 'lead_agency'],
      ],
    );
    assert.match(res.json().error.message, /Không nhập dòng nào: có 3 lỗi/);
    assert.equal(await countRows(t.database, 'tasks'), 0);

    const fixed = await post('nhiem-vu.csv', csv(new Set()));
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.equal(fixed.json().imported, 1000);
    assert.equal(await countRows(t.database, 'tasks'), 1000);
  });

  test('an XLSX progress update sets progress and marks the tasks reported', async () => {
    const list = await t.app.inject({
      url: `/api/v1/tasks?programme=${programmeId}&pageSize=2`,
      headers: planner.headers(),
    });
    const ids = list.json().items.map((x: { id: number }) => x.id) as number[];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tiến độ');
    ws.addRow(['task_id', 'progress']);
    ws.addRow([ids[0], 30]);
    ws.addRow([ids[1], '100']);
    const res = await post('tien-do.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 'progress');
    assert.equal(res.statusCode, 200, res.body);
    const one = (await t.app.inject({ url: `/api/v1/tasks/${ids[1]}`, headers: planner.headers() })).json();
    assert.equal(one.progress, 100);
    assert.equal(one.status, 'done');
    assert.equal(one.reported, true);
  });

  test('a file in a legacy encoding is refused with a message that says so', async () => {
    // "Người thực hiện" typed in TCVN3 (ABC) and saved as bytes: not valid UTF-8.
    const tcvn3Bytes = Buffer.from([
      0x4e, 0x67, 0xad, 0xea, 0x69, 0x20, 0x74, 0xde, 0x63, 0x20, 0x68, 0x69, 0xd6, 0x6e,
    ]);
    const raw = await post(
      'cu.csv',
      Buffer.concat([
        Buffer.from('title,lead_agency,due_date\n'),
        tcvn3Bytes,
        Buffer.from(',SXD,2027-01-01\n'),
      ]),
    );
    assert.equal(raw.statusCode, 400);
    assert.match(raw.json().error.message, /TCVN3/);
    // The same text after a wrong "conversion" into UTF-8 (as Latin-1): still legacy.
    const mojibake = `title,lead_agency,due_date\n${'Ng­êi thùc hiÖn, §¹i häc, Tr­êng'.repeat(3)},SXD,2027-01-01\n`;
    const converted = await post('cu2.csv', Buffer.from(mojibake, 'utf8'));
    assert.equal(converted.statusCode, 400);
    assert.match(converted.json().error.message, /bảng mã cũ/);
    assert.equal(await countRows(t.database, 'tasks'), 1000);
  });

  test('legacy detection does not flag real Vietnamese', () => {
    assert.equal(looksLegacyVietnamese('Người thực hiện: Sở Xây dựng tỉnh Thái Nguyên, Đại học'), false);
    assert.equal(looksLegacyVietnamese('Vieät Nam, Nguyeãn Vaên Aø, Thaùi Nguyeân'), true);
  });

  test('the import page: a plain multipart form; errors listed by row and column; success goes back to the programme', async () => {
    const page = await t.app.inject({
      url: `/workspace/programmes/${programmeId}/import`,
      headers: { cookie: planner.cookie },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form[^>]*enctype="multipart\/form-data"[^>]*data-module="upload-progress"/);
    assert.match(page.body, /<progress id="import-progress"/);
    const programme = await t.app.inject({
      url: `/workspace/programmes/${programmeId}`,
      headers: { cookie: planner.cookie },
    });
    assert.match(programme.body, new RegExp(`href="/workspace/programmes/${programmeId}/import"`));
    const send = (bytes: Buffer, csrf = planner.csrfToken) => {
      const u = upload('trang.csv', bytes, 'tasks', { _csrf: csrf });
      return t.app.inject({
        method: 'POST',
        url: `/workspace/programmes/${programmeId}/import`,
        headers: { cookie: planner.cookie, 'content-type': u.contentType, accept: 'text/html' },
        payload: u.payload,
      });
    };
    const before = await countRows(t.database, 'tasks');
    const bad = await send(
      Buffer.from(
        'title,lead_agency,due_date\nNhiệm vụ tốt,SXD,2027-01-01\nNhiệm vụ lỗi,KHONG-CO,2027-01-01\n',
      ),
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Không nhập dòng nào: có 1 lỗi/);
    assert.match(
      bad.body,
      /<td class="num">3<\/td><td>lead_agency<\/td><td>Không có cơ quan mang mã này<\/td>/,
    );
    assert.equal(await countRows(t.database, 'tasks'), before);
    assert.equal(
      (await send(Buffer.from('title,lead_agency,due_date\nx,SXD,2027-01-01\n'), 'sai')).statusCode,
      403,
    );
    const ok = await send(Buffer.from('title,lead_agency,due_date\nNhiệm vụ từ trang,SXD,2027-01-01\n'));
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(ok.headers.location, `/workspace/programmes/${programmeId}?imported=1`);
    const after = await t.app.inject({
      url: ok.headers.location as string,
      headers: { cookie: planner.cookie },
    });
    assert.match(after.body, /Đã nhập 1 dòng\./);
    assert.equal(await countRows(t.database, 'tasks'), before + 1);
  });
});
