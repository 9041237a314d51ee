import assert from 'node:assert/strict';
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
import { pdfFonts, pdfText } from '../../../test/helpers/pdf.ts';
import { placeAndDate } from './model.ts';
import { pdfFont } from './render-pdf.ts';

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

test('the DOCX follows Decree 30/2020: Times New Roman 13–14, A4 margins, underlined motto, page numbers from page 2', async () => {
  const res = await t.app.inject({
    url: '/api/v1/reports/assessment?period=2025&format=docx',
    headers: planner.headers(),
  });
  assert.equal(res.statusCode, 200);
  const files = unzipSync(new Uint8Array(res.rawPayload));
  const xml = strFromU8(files['word/document.xml']!);
  const styles = strFromU8(files['word/styles.xml']!);
  // The document's default font and size: Times New Roman for Latin and Vietnamese letters, 14 pt.
  const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
  assert.match(defaults, /w:ascii="Times New Roman"/);
  assert.match(defaults, /w:hAnsi="Times New Roman"/);
  const size = Number(/<w:sz w:val="(\d+)"/.exec(defaults)![1]) / 2;
  assert.ok(size >= 13 && size <= 14, `default size ${size} pt`);
  // Every run names Times New Roman.
  const runFonts = [...xml.matchAll(/<w:rFonts w:ascii="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(runFonts.length > 20 && runFonts.every((f) => f === 'Times New Roman'));
  // A4 and the decree's margins (top 20–25, bottom 20–25, left 30–35, right 15–20 mm).
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
  const mar = /<w:pgMar ([^>]*)\/>/.exec(xml)![1]!;
  const mmOf = (side: string) => (Number(new RegExp(`w:${side}="(\\d+)"`).exec(mar)![1]) * 25.4) / 1440;
  const within = (side: string, lo: number, hi: number) => {
    const v = mmOf(side);
    assert.ok(v >= lo - 0.05 && v <= hi + 0.05, `${side} margin ${v} mm`);
  };
  within('top', 20, 25);
  within('bottom', 20, 25);
  within('left', 30, 35);
  within('right', 15, 20);
  // The motto is bold and underlined (a solid line as long as the motto); no drawn underscores.
  const motto = /<w:r>(?:(?!<\/w:r>)[\s\S])*Độc lập - Tự do - Hạnh phúc<\/w:t><\/w:r>/.exec(xml)![0];
  assert.match(motto, /<w:b\/>/);
  assert.match(motto, /<w:u w:val="single"/);
  assert.doesNotMatch(xml, /___/);
  // The issuing body in capitals, with a solid line under it; the line under the title.
  assert.match(xml, /SỞ TÀI CHÍNH/);
  assert.ok((xml.match(/<w:bottom w:val="single"/g) ?? []).length >= 2);
  // Page numbers: a PAGE field in the header, not on the first page.
  assert.match(xml, /<w:titlePg\/>/);
  const headers = Object.keys(files).filter((f) => /^word\/header\d+\.xml$/.test(f));
  assert.ok(headers.some((f) => /PAGE/.test(strFromU8(files[f]!))));
});

test('the PDF carries correctly encoded Vietnamese text', async () => {
  const res = await t.app.inject({
    url: '/api/v1/reports/assessment?period=2025&format=pdf',
    headers: planner.headers(),
  });
  assert.equal(res.statusCode, 200);
  assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(res.rawPayload);
  // The heading lines are each on one line.
  assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(text, /Độc lập - Tự do - Hạnh phúc/);
  assert.match(text, /Thái Nguyên, ngày 05 tháng 01 năm 2026/);
  assert.match(text, /Đánh giá tình hình thực hiện Quy hoạch tỉnh Thái Nguyên/);
  assert.match(text, /Trong kỳ có 30 chỉ tiêu/);
  assert.match(text, /TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN/);
  // A Times-like serif face when one is installed (else Roboto), embedded.
  const family = pdfFont().family;
  assert.ok(
    pdfFonts(res.rawPayload).some((f) => f.startsWith(family)),
    pdfFonts(res.rawPayload).join(),
  );
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
