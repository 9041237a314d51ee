import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { placeAndDate } from './model.ts';

let t: TestApp;
let planner: Session;
let leader: Session;
let editor: Session;

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  leader = await login(t.app, (await createTestUser(t.database, 'leader')).email);
  editor = await login(t.app, (await createTestUser(t.database, 'agency_editor', { agencyId: 1 })).email);
});
after(async () => {
  await t.close();
});

/** The visible text of word/document.xml (runs joined). */
function docxText(buffer: Buffer): string {
  const files = unzipSync(new Uint8Array(buffer));
  const xml = strFromU8(files['word/document.xml']!);
  return xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
}

test('place and date in the Decree 30 form', () => {
  assert.equal(placeAndDate('Thái Nguyên', '2026-01-05'), 'Thái Nguyên, ngày 05 tháng 01 năm 2026');
  assert.equal(placeAndDate('Thái Nguyên', '2026-11-20'), 'Thái Nguyên, ngày 20 tháng 11 năm 2026');
});

test('only planners, leaders and administrators get the report; a bad period is 400', async () => {
  const url = '/api/v1/reports/assessment?period=2025&format=docx';
  assert.equal((await t.app.inject({ url })).statusCode, 401);
  assert.equal((await t.app.inject({ url, headers: editor.headers() })).statusCode, 403);
  assert.equal(
    (await t.app.inject({ url: '/api/v1/reports/assessment?period=20x5', headers: leader.headers() }))
      .statusCode,
    400,
  );
  assert.equal(
    (await t.app.inject({ url: '/api/v1/reports/assessment?period=2030-2021', headers: leader.headers() }))
      .statusCode,
    400,
  );
});

test('a planner saves the narrative; the DOCX is a valid document with the national heading, the narrative and the indicator table', async () => {
  const before = await countRows(t.database, 'audit_log');
  const save = await t.app.inject({
    method: 'POST',
    url: '/reports/assessment/2025',
    headers: { cookie: planner.cookie, accept: 'text/html' },
    payload: {
      _csrf: planner.csrfToken,
      p_issuingBody: 'SỞ TÀI CHÍNH',
      p_number: '123/BC-STC',
      p_date: '2026-01-05',
      n_problems: 'Tăng trưởng GRDP năm 2023 thấp hơn kế hoạch.',
      n_bogus: 'bỏ qua',
    },
  });
  assert.equal(save.statusCode, 303, save.body);
  assert.equal(await countRows(t.database, 'audit_log'), before + 1);
  // A leader may read but not write.
  const byLeader = await t.app.inject({
    method: 'POST',
    url: '/reports/assessment/2025',
    headers: { cookie: leader.cookie },
    payload: { _csrf: leader.csrfToken, n_problems: 'x' },
  });
  assert.equal(byLeader.statusCode, 403);

  const res = await t.app.inject({
    url: '/api/v1/reports/assessment?period=2025&format=docx',
    headers: leader.headers(),
  });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /wordprocessingml/);
  const text = docxText(res.rawPayload);
  assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(text, /Độc lập - Tự do - Hạnh phúc/);
  assert.match(text, /Số: 123\/BC-STC/);
  assert.match(text, /Thái Nguyên, ngày 05 tháng 01 năm 2026/);
  assert.match(text, /II\. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU/);
  assert.match(text, /Tốc độ tăng trưởng GRDP bình quân/);
  assert.match(text, /Cần đẩy nhanh/);
  assert.match(text, /Tăng trưởng GRDP năm 2023 thấp hơn kế hoạch\./);
  // Contributed by the implementation module (no task of the sample programme falls in 2025).
  assert.match(text, /Chưa có nhiệm vụ nào của kế hoạch thực hiện trong kỳ 2025/);
  assert.doesNotMatch(text, /bỏ qua/);
  const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!);
  assert.match(xml, /<w:tbl>/);
  assert.match(xml, /w:ascii="Times New Roman"/);
  // A4, left margin 30 mm = 1701 twips
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(xml, /w:left="1701"/);
});

test('the PDF carries correctly encoded Vietnamese text', async () => {
  const res = await t.app.inject({
    url: '/api/v1/reports/assessment?period=2025&format=pdf',
    headers: planner.headers(),
  });
  assert.equal(res.statusCode, 200);
  assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-pdf-'));
  const file = path.join(dir, 'r.pdf');
  fs.writeFileSync(file, res.rawPayload);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
  fs.rmSync(dir, { recursive: true });
  assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(text, /Độc lập - Tự do - Hạnh phúc/);
  assert.match(text, /Đánh giá tình hình thực hiện Quy hoạch tỉnh Thái Nguyên/);
  assert.match(text, /Trong kỳ có 30 chỉ tiêu/);
  assert.match(text, /TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN/);
});

test('the XLSX annex holds every table of the report', async () => {
  const res = await t.app.inject({
    url: '/api/v1/reports/assessment?period=2025&format=xlsx',
    headers: planner.headers(),
  });
  assert.equal(res.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  // The indicators' table and the priority projects' table.
  assert.equal(wb.worksheets.length, 2);
  const ws = wb.worksheets[0]!;
  assert.equal(ws.rowCount, 31);
  assert.equal(ws.getRow(1).getCell(2).value, 'Chỉ tiêu');
});

test('the report page offers downloads and the narrative form', async () => {
  const page = await t.app.inject({
    url: '/reports/assessment?period=2025',
    headers: { cookie: planner.cookie },
  });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="\/reports\/assessment\/2025\/report\.docx"/);
  assert.match(page.body, /TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN/);
  const docx = await t.app.inject({
    url: '/reports/assessment/2025/report.docx',
    headers: { cookie: leader.cookie },
  });
  assert.equal(docx.statusCode, 200);
  assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
});
