// Hostile files against every importer: random bytes, damaged spreadsheets,
// zips that lie about their size, escape their folder or hold too many entries,
// wrong encodings (UTF-16, TCVN3), spreadsheet formulas, oversized uploads.
// Each gets a clear 4xx with a message and changes nothing. And what is not
// hostile — Vietnamese number formats — is read as the user meant.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { agencies } from '../../src/modules/agencies/schema.ts';
import { GeometryProblem } from '../../src/modules/conformity/geometry.ts';
import { inspectZip, MAX_ZIP_ENTRIES, readUpload } from '../../src/modules/conformity/upload.ts';
import { ImportRefused, looksLegacyVietnamese, readTable } from '../../src/modules/implementation/import.ts';
import { parseNumber } from '../../src/modules/indicators/schemas.ts';
import { parseImport } from '../../src/modules/indicators/spreadsheet.ts';
import { readAmountsXlsx } from '../../src/modules/landuse/xlsx.ts';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../helpers/app.ts';

const RUNS = 25;
const SEED = 20261126;

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A real zip whose central directory claims each entry unpacks to 4 GB. */
function lyingZip(): Uint8Array {
  const zip = zipSync({ 'site.shp': new Uint8Array(100), 'site.dbf': new Uint8Array(100) });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
  }
  return zip;
}

const TCVN3 = Buffer.from(
  'title,lead_agency,due_date\nX\xe2y d\xf6ng \xa7\xb8i h\xe4c,SXD,2026-12-31\n',
  'latin1',
);
const UTF16 = Buffer.concat([
  Buffer.from([0xff, 0xfe]),
  Buffer.from('title,lead_agency\nXây dựng,SXD\n', 'utf16le'),
]);

/** Files nobody should be able to import: random, truncated, mislabelled, hostile. */
const hostileFile = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 4096 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 2000 }).map((s) => Buffer.from(s)),
  fc.constantFrom(
    Buffer.from(''),
    Buffer.from('PK\u0003\u0004 not really a zip'),
    Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature"}]}'),
    Buffer.from('<kml><Placemark><Polygon><coordinates>a,b</coordinates></Polygon></Placemark>'),
    Buffer.from('=cmd|"/c calc"!A1,=HYPERLINK("http://evil")\n'),
    TCVN3,
    UTF16,
    Buffer.from(lyingZip()),
    Buffer.from(zipSync({ '../../etc/evil.shp': new Uint8Array([1, 2, 3]) })),
    Buffer.from(
      zipSync(
        Object.fromEntries(
          Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`f${i}.txt`, new Uint8Array([1])]),
        ),
      ),
    ),
  ),
);

describe('importer parsers: hostile bytes end in a clear refusal, never a crash', () => {
  test('conformity: GeoJSON / KML / Shapefile zip reader throws only its own problems', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileFile,
        fc.constantFrom('site.geojson', 'site.kml', 'site.zip', 'site'),
        async (b, name) => {
          try {
            await readUpload(name, b);
          } catch (error) {
            assert.ok(error instanceof GeometryProblem, `${name}: ${String(error)}`);
          }
        },
      ),
      { numRuns: RUNS * 4, seed: SEED },
    );
  });

  test('conformity: a zip bomb (declared 4 GB), a path escape and too many entries are refused unopened', () => {
    assert.throws(
      () => inspectZip(lyingZip()),
      (e: GeometryProblem) => e.key === 'conformity.upload.zipSize',
    );
    assert.throws(
      () => inspectZip(zipSync({ '../evil.shp': new Uint8Array([1]) })),
      (e: GeometryProblem) => e.key === 'conformity.upload.zipPath',
    );
    const many = Object.fromEntries(
      Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`f${i}.txt`, new Uint8Array([1])]),
    );
    assert.throws(
      () => inspectZip(zipSync(many)),
      (e: GeometryProblem) => e.key === 'conformity.upload.zipEntries',
    );
  });

  test('tasks import: CSV/XLSX reader refuses with ImportRefused only; legacy encodings are named', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, fc.constantFrom('tasks.csv', 'tasks.xlsx'), async (b, name) => {
        try {
          await readTable(name, b);
        } catch (error) {
          assert.ok(error instanceof ImportRefused, `${name}: ${String(error)}`);
          assert.ok(error.statusCode >= 400 && error.statusCode < 500);
        }
      }),
      { numRuns: RUNS * 4, seed: SEED },
    );
    await assert.rejects(readTable('t.csv', UTF16), (e: ImportRefused) =>
      /legacyEncoding|encoding/i.test(e.messageKey),
    );
    const decoded = TCVN3.toString('latin1');
    assert.ok(looksLegacyVietnamese(decoded), 'TCVN3 text is recognised');
    assert.ok(!looksLegacyVietnamese('Xây dựng Đại học Thái Nguyên, Nguyễn Văn A'), 'Unicode text is not');
  });

  test('indicator import: any bytes give rows with errors, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, async (b) => {
        const rows = await parseImport(b, 'vi');
        assert.ok(Array.isArray(rows));
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  });

  test('land-use plan reader: any bytes give problems by row, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, async (b) => {
        const read = await readAmountsXlsx(b, new Map([['19', 'P19']]), new Set(['LUA']));
        assert.ok(Array.isArray(read.problems));
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  });

  test('numbers: Vietnamese (1.234,5) and English (1234.5) writing read as the same value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 99 }),
        (whole, cents) => {
          const value = whole + cents / 100;
          const vi = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2 }).format(value);
          const en = value.toFixed(2);
          assert.equal(parseNumber(vi), Number(en), `${vi}`);
          assert.equal(parseNumber(en), Number(en), `${en}`);
        },
      ),
      { numRuns: 500, seed: SEED },
    );
    assert.equal(parseNumber('1.370.000'), 1_370_000);
    assert.equal(parseNumber('1,5'), 1.5);
    assert.equal(parseNumber('abc'), 'abc', 'not a number: left for the validator to refuse');
  });
});

describe('importer routes: hostile files get a 4xx and change nothing', () => {
  let t: TestApp;
  let planner: Session;
  let admin: Session;
  let programmeId: number;

  before(async () => {
    t = await startTestApp({ seeded: true, config: { uploadMaxMb: 1 } });
    await t.database.db.insert(agencies).values({ code: 'IMP-A', nameVi: 'Sở thử nhập', kind: 'department' });
    planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
    const p = await t.app.inject({
      method: 'POST',
      url: '/api/v1/programmes',
      headers: planner.headers(),
      payload: { code: 'IMP-01', title: 'Chương trình thử nhập' },
    });
    programmeId = p.json().id;
  });
  after(async () => t.close());

  function multipart(fields: Record<string, string>, file: Buffer, name: string) {
    const boundary = `----imp${Math.random().toString(16).slice(2)}`;
    const head = Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('');
    const payload = Buffer.concat([
      Buffer.from(
        `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
  }

  const ROUTES = [
    {
      url: () => `/api/v1/programmes/${programmeId}/import`,
      who: () => planner,
      fields: () => ({ kind: 'tasks' }),
      name: 'tasks.csv',
      tables: ['tasks', 'task_events'],
    },
    {
      url: () => '/indicators/import',
      who: () => planner,
      fields: () => ({ _csrf: planner.csrfToken }),
      name: 'chi-tieu.xlsx',
      tables: ['indicator_observations'],
    },
    {
      url: () => '/api/v1/conformity/checks',
      who: () => planner,
      fields: () => ({}),
      name: 'site.zip',
      tables: ['conformity_checks'],
    },
    {
      url: () => '/api/v1/conformity/layers',
      who: () => admin,
      fields: () => ({ name: 'Lớp thử', layerType: 'protected' }),
      name: 'layer.geojson',
      tables: ['conformity_layers', 'conformity_features'],
    },
    {
      url: () => '/api/v1/landuse/checks',
      who: () => planner,
      fields: () => ({ period: '2021-2030' }),
      name: 'ke-hoach.xlsx',
      tables: ['land_plan_checks'],
    },
    {
      url: () => '/api/v1/landuse/quotas/import',
      who: () => admin,
      fields: () => ({ level: 'commune', period: '2021-2030' }),
      name: 'chi-tieu.xlsx',
      tables: ['land_quotas'],
    },
  ];

  for (const route of ROUTES) {
    test(`${route.url().replace(/\d+/, ':id')}: hostile files → 4xx with a message, no rows written`, async () => {
      const counts = async () => Promise.all(route.tables.map((name) => countRows(t.database, name)));
      const start = await counts();
      await fc.assert(
        fc.asyncProperty(hostileFile, async (file) => {
          const m = multipart(route.fields(), file, route.name);
          const res = await t.app.inject({
            method: 'POST',
            url: route.url(),
            headers: route.who().headers({ 'content-type': m.contentType, accept: 'application/json' }),
            payload: m.payload,
          });
          assert.ok(
            res.statusCode >= 400 && res.statusCode < 500,
            `${res.statusCode}: ${res.body.slice(0, 300)}`,
          );
          assert.match(res.body, /[a-zà-ỹ]{3,}/i, 'the answer says what is wrong');
        }),
        { numRuns: RUNS, seed: SEED },
      );
      const oversized = multipart(route.fields(), Buffer.alloc(1.5 * 1024 * 1024, 0x41), route.name);
      const big = await t.app.inject({
        method: 'POST',
        url: route.url(),
        headers: route.who().headers({ 'content-type': oversized.contentType, accept: 'application/json' }),
        payload: oversized.payload,
      });
      assert.equal(big.statusCode, 413, big.body.slice(0, 300));
      assert.deepEqual(await counts(), start);
    });
  }

  test('a valid spreadsheet with a bad row among good ones imports nothing (all or nothing)', async () => {
    const before_ = await countRows(t.database, 'tasks');
    const file = await xlsxOf([
      ['title', 'lead_agency', 'due_date'],
      ['Nhiệm vụ tốt', 'IMP-A', '2026-12-31'],
      ['Nhiệm vụ sai ngày', 'IMP-A', '31/02/2026'],
    ]);
    const m = multipart({ kind: 'tasks' }, file, 'tasks.xlsx');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/import`,
      headers: planner.headers({ 'content-type': m.contentType }),
      payload: m.payload,
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /"row":3/);
    assert.equal(await countRows(t.database, 'tasks'), before_);
  });
});
