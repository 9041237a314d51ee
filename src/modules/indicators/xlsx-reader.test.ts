// The streaming XLSX reader: what a user typed comes out, from files written by exceljs
// (in memory, and its streaming writer with shared strings) and from hand-made packages
// with the parts other spreadsheet programs write; damaged files are refused, never thrown.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import ExcelJS from 'exceljs';
import { strToU8, type ZipOptions, zipSync } from 'fflate';
import { IMPORT_COLUMNS, parseImport, readImport } from './spreadsheet.ts';
import { type CellValue, MAX_COLUMN, openXlsx, readFirstSheet } from './xlsx-reader.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-xlsx-reader-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Row = { number: number; cells: Record<number, CellValue> };

/** The first sheet's rows, each with its cells by column number (absent cells absent). */
async function sheetRows(input: string | Buffer): Promise<Row[]> {
  const archive = await openXlsx(input);
  assert.ok(archive, 'the file passes the zip checks');
  const rows: Row[] = [];
  try {
    for await (const batch of readFirstSheet(archive))
      for (const r of batch) rows.push({ number: r.number, cells: { ...r.values } });
  } finally {
    await archive.close();
  }
  return rows;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A package of the given parts; `stored` ones are not compressed (zip method 0). */
function pkg(parts: Record<string, string>, stored: readonly string[] = []): Buffer {
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const [name, text] of Object.entries(parts))
    files[name] = [strToU8(text), { level: stored.includes(name) ? 0 : 6 }];
  return Buffer.from(zipSync(files));
}

const workbookXml = (sheets: { name: string; rId: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="${s.rId}"/>`)
    .join('')}</sheets></workbook>`;

const relsXml = (rels: { id: string; type: string; target: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels
    .map((r) => `<Relationship Id="${r.id}" Type="${REL_NS}/${r.type}" Target="${r.target}"/>`)
    .join('')}</Relationships>`;

const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="A1"/><sheetData>${rows}</sheetData></worksheet>`;

/** The value as JSON would carry it: the schema's optional fields left unset are not compared. */
const withoutUndefined = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const HEADER = [...IMPORT_COLUMNS];

test('exceljs in memory: strings, numbers, gaps, booleans, formulas, rich text, hyperlinks, errors', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('so_lieu');
  ws.addRow(['Mã', 'Giá trị', null, 'Ghi chú']);
  ws.addRow(['  dan_so  ', 1_370_000.5, null, 'Số liệu "tạm" <ước tính> & bổ sung']);
  ws.addRow([true, { formula: 'B2*2', result: 2_741_001 }, { formula: 'A1&"x"', result: 'Mãx' }]);
  ws.addRow([
    { richText: [{ text: 'Thái ' }, { font: { bold: true }, text: 'Nguyên' }] },
    { text: 'nguồn', hyperlink: 'https://example.org/x' },
    { error: '#N/A' },
    false,
  ]);
  ws.getCell('F7').value = 7;
  wb.addWorksheet('chi_tieu').addRow(['second sheet, not read']);
  const rows = await sheetRows(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.deepEqual(rows, [
    { number: 1, cells: { 1: 'Mã', 2: 'Giá trị', 4: 'Ghi chú' } },
    { number: 2, cells: { 1: '  dan_so  ', 2: 1_370_000.5, 4: 'Số liệu "tạm" <ước tính> & bổ sung' } },
    { number: 3, cells: { 1: true, 2: 2_741_001, 3: 'Mãx' } },
    { number: 4, cells: { 1: 'Thái Nguyên', 2: 'nguồn', 3: '#N/A', 4: false } },
    { number: 7, cells: { 6: 7 } },
  ]);
});

test('exceljs streaming writer with shared strings, read from a path: the first sheet, every row', async () => {
  const file = path.join(tmp, 'streamed.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('so_lieu');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < 3_000; i++)
    ws.addRow([
      `code_${i % 7}`,
      2021 + (i % 5),
      i % 5,
      null,
      i / 10,
      'approved',
      i === 42 ? 'Đã kiểm tra' : null,
      null,
    ]).commit();
  ws.commit();
  const other = wb.addWorksheet('chi_tieu');
  other.addRow(['indicator_code', 'Tên chỉ tiêu']).commit();
  other.commit();
  await wb.commit();

  const rows = await sheetRows(file);
  assert.equal(rows.length, 3_001);
  assert.deepEqual(rows[0], { number: 1, cells: Object.fromEntries(HEADER.map((h, i) => [i + 1, h])) });
  assert.deepEqual(rows[43], {
    number: 44,
    cells: { 1: 'code_0', 2: 2023, 3: 2, 5: 4.2, 6: 'approved', 7: 'Đã kiểm tra' },
  });
  assert.deepEqual(rows.at(-1), {
    number: 3_001,
    cells: { 1: 'code_3', 2: 2025, 3: 4, 5: 299.9, 6: 'approved' },
  });

  const parsed = await importedRows(file);
  assert.equal(parsed.length, 3_000);
  assert.deepEqual(
    parsed.filter((r) => r.errors.length),
    [],
  );
  assert.deepEqual(withoutUndefined(parsed[42]), {
    row: 44,
    data: {
      indicatorCode: 'code_0',
      year: 2023,
      quarter: 2,
      value: 4.2,
      status: 'approved',
      note: 'Đã kiểm tra',
      sources: [],
    },
    errors: [],
  });
});

/** A package whose first sheet in workbook.xml is sheet2.xml, with the parts other programs write. */
function handMade(sheet2: string, options: { stored?: string[] } = {}): Buffer {
  return pkg(
    {
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      'xl/workbook.xml': workbookXml([
        { name: 'dữ liệu', rId: 'rId7' },
        { name: 'khác', rId: 'rId1' },
      ]),
      'xl/_rels/workbook.xml.rels': relsXml([
        { id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' },
        { id: 'rId7', type: 'worksheet', target: '/xl/worksheets/sheet2.xml' },
        { id: 'rId9', type: 'sharedStrings', target: 'strings/shared.xml' },
      ]),
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row>',
      ),
      'xl/worksheets/sheet2.xml': sheet2,
      'xl/strings/shared.xml': `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="${NS}" count="3" uniqueCount="3">
  <si><t>indicator_code</t></si>
  <si><r><rPr><b/></rPr><t xml:space="preserve">Hà </t></r><r><t>Nội</t></r><rPh sb="0" eb="2"><t>ハノイ</t></rPh><phoneticPr fontId="1"/></si>
  <si><t>dòng 1_x000D_
dòng 2</t></si>
</sst>`,
    },
    options.stored,
  );
}

const HAND_MADE_SHEET = sheetXml(`
  <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>year</t></is></c></row>
  <row r="3" spans="1:9">
    <c r="A3" t="s"><v>1</v></c>
    <c r="C3"><f>1+1</f><v>2</v></c>
    <c r="E3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>
    <c r="F3" t="b"><v>1</v></c>
    <c r="G3" t="e"><f>1/0</f><v>#DIV/0!</v></c>
    <c r="I3" t="d"><v>2025-06-30T00:00:00Z</v></c>
  </row>
  <row>
    <c t="inlineStr"><is><r><t>Bắc </t></r><r><rPr><i/></rPr><t>Kạn</t></r><rPh><t>x</t></rPh></is></c>
    <c s="3"/>
    <c><v>1.5E-3</v></c>
    <c r="F4" t="s"><v>2</v></c>
    <c><v>-7</v></c>
  </row>
  <row r="10"><c r="B10" t="b"><v>0</v></c><c r="AA10"><v>26</v></c></row>
  <row><c><v>11</v></c></row>`);

test('hand-made: the first sheet of workbook.xml, shared strings (rich, phonetic left out), inline strings, formulas, types, gaps, missing r', async () => {
  for (const stored of [[], ['xl/worksheets/sheet2.xml', 'xl/strings/shared.xml']]) {
    const rows = await sheetRows(handMade(HAND_MADE_SHEET, { stored }));
    assert.deepEqual(
      rows,
      [
        { number: 1, cells: { 1: 'indicator_code', 3: 'year' } },
        {
          number: 3,
          cells: { 1: 'Hà Nội', 3: 2, 5: 'ab', 6: true, 7: '#DIV/0!', 9: '2025-06-30T00:00:00Z' },
        },
        { number: 4, cells: { 1: 'Bắc Kạn', 3: 0.0015, 6: 'dòng 1\r\ndòng 2', 7: -7 } },
        { number: 10, cells: { 2: false, 27: 26 } },
        { number: 11, cells: { 1: 11 } },
      ],
      stored.length ? 'entries stored without compression' : 'deflated entries',
    );
  }
});

test('without relationships the lowest-numbered sheet is read; prefixed element names are read too', async () => {
  const prefixed = `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>hai</x:t></x:is></x:c><x:c r="C2"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const file = pkg({
    'xl/workbook.xml': workbookXml([{ name: 'a', rId: 'rId1' }]),
    'xl/worksheets/sheet10.xml': sheetXml('<row r="1"><c r="A1"><v>10</v></c></row>'),
    'xl/worksheets/sheet2.xml': prefixed,
  });
  assert.deepEqual(await sheetRows(file), [{ number: 2, cells: { 2: 'hai', 3: 3 } }]);
});

test('text is decoded whole where a chunk ends in the middle of a character', async () => {
  // Three-byte and two-byte characters over several 64 kB text pieces and 256 kB inflated chunks.
  const words = ['Nguyễn', 'Thái Nguyên', 'Đồng Hỷ', 'Phổ Yên', '€'];
  const rows = Array.from(
    { length: 20_000 },
    (_, i) =>
      `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${words[i % words.length]}${'ữ'.repeat(i % 3)}</t></is></c></row>`,
  ).join('');
  for (const stored of [[], ['xl/worksheets/sheet1.xml']]) {
    const file = pkg(
      { 'xl/workbook.xml': workbookXml([]), 'xl/worksheets/sheet1.xml': sheetXml(rows) },
      stored,
    );
    const read = await sheetRows(file);
    assert.equal(read.length, 20_000);
    read.forEach((r, i) => {
      assert.equal(r.cells[1], `${words[i % words.length]}${'ữ'.repeat(i % 3)}`, `row ${i + 1}`);
    });
  }
});

test('readImport on a hand-made file: header by name, values trimmed, numbers as text', async () => {
  const file = pkg({
    'xl/workbook.xml': workbookXml([{ name: 's', rId: 'rId1' }]),
    'xl/_rels/workbook.xml.rels': relsXml([
      { id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' },
    ]),
    'xl/worksheets/sheet1.xml': sheetXml(
      `<row r="1">${HEADER.map((h) => `<c t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>
       <row r="2"><c t="inlineStr"><is><t> population </t></is></c><c><v>2024</v></c><c/><c/><c t="str"><f>A1</f><v> 1.234,5 </v></c></row>
       <row r="4"><c t="inlineStr"><is><t>population</t></is></c><c><v>2025</v></c><c><v>2</v></c><c/><c><v>7.25</v></c><c t="inlineStr"><is><t>approved</t></is></c></row>`,
    ),
  });
  assert.deepEqual(withoutUndefined(await parseImport(file, 'vi')), [
    { row: 2, data: { indicatorCode: 'population', year: 2024, value: 1234.5, sources: [] }, errors: [] },
    {
      row: 4,
      data: {
        indicatorCode: 'population',
        year: 2025,
        quarter: 2,
        value: 7.25,
        status: 'approved',
        sources: [],
      },
      errors: [],
    },
  ]);
});

/** readImport's rows, from a path or the bytes. */
async function importedRows(input: string | Buffer) {
  const rows = [];
  for await (const r of readImport(input, 'vi')) rows.push(r);
  return rows;
}

const NOT_XLSX = [{ row: 0, errors: [{ row: 0, column: '', message: 'indicators.error.notXlsx' }] }];

test('a damaged file gives the notXlsx row, never an exception nor a hang', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('so_lieu');
  ws.addRow(HEADER);
  for (let i = 0; i < 2_000; i++) ws.addRow([`code_${i}`, 2024, 0, null, i, 'draft', `ghi chú ${i}`, null]);
  const good = Buffer.from(await wb.xlsx.writeBuffer());
  assert.equal((await parseImport(good, 'vi')).length, 2_000);

  const truncated = good.subarray(0, Math.floor(good.length * 0.6));
  assert.deepEqual(await parseImport(truncated, 'vi'), NOT_XLSX);
  const truncatedFile = path.join(tmp, 'truncated.xlsx');
  fs.writeFileSync(truncatedFile, truncated);
  assert.deepEqual(await parseImport(fs.readFileSync(truncatedFile), 'vi'), NOT_XLSX);
  assert.deepEqual(await importedRows(truncatedFile), NOT_XLSX);

  // Bytes changed in the middle of the compressed sheet: the zip directory is intact.
  const corrupted = Buffer.from(good);
  const archive = await openXlsx(good);
  const sheet = archive!.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  await archive!.close();
  corrupted.fill(0x55, sheet.dataStart + 200, sheet.dataStart + 260);
  assert.deepEqual(await parseImport(corrupted, 'vi'), NOT_XLSX);

  for (const bytes of [
    Buffer.alloc(0),
    Buffer.from('PK\u0003\u0004 not really a zip'),
    Buffer.from('a,b\n1,2\n'),
  ])
    assert.deepEqual(await parseImport(bytes, 'vi'), NOT_XLSX);
  assert.deepEqual(await importedRows(path.join(tmp, 'no-such-file.xlsx')), NOT_XLSX);
});

test('a well-zipped package with broken or hostile XML gives the notXlsx row', async () => {
  const withSheet = (sheet: string) =>
    pkg({ 'xl/workbook.xml': workbookXml([]), 'xl/worksheets/sheet1.xml': sheet });
  const header = `<row r="1">${HEADER.map((h) => `<c t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;
  for (const sheet of [
    sheetXml(`${header}<row r="2"><c><v>1</v></row>`),
    sheetXml(header).slice(0, -20),
    `${sheetXml(header)}<extra/>`,
    sheetXml(`${header}<row r="2"><c r="XFE2"><v>1</v></c></row>`),
    sheetXml(`${header}<row r="2"><c r="A2" t="str"><v>&bogus;</v></c></row>`),
  ])
    assert.deepEqual(await parseImport(withSheet(sheet), 'vi'), NOT_XLSX, sheet.slice(-80));
  assert.equal(MAX_COLUMN, 16_384);
  assert.deepEqual(
    await parseImport(
      pkg({ 'xl/workbook.xml': '<workbook', 'xl/worksheets/sheet1.xml': sheetXml(header) }),
      'vi',
    ),
    NOT_XLSX,
  );
});

test('a reader left early releases the file', async () => {
  const file = path.join(tmp, 'early.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('so_lieu');
  ws.addRow(HEADER);
  for (let i = 0; i < 5_000; i++) ws.addRow([`code_${i}`, 2024, 0, null, i, 'draft', null, null]);
  await wb.xlsx.writeFile(file);
  const openFiles = () =>
    fs.existsSync('/proc/self/fd')
      ? fs.readdirSync('/proc/self/fd').filter((fd) => {
          try {
            return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
          } catch {
            return false;
          }
        }).length
      : 0;
  let seen = 0;
  for await (const _row of readImport(file, 'vi')) if (++seen === 10) break;
  assert.equal(seen, 10);
  assert.equal(openFiles(), 0, 'the file is closed');
});
