import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertColumns, type PendingRow, SeenObservations } from './import-batch.ts';
import type { IndicatorRow } from './queries.ts';

const indicator = { id: 7, code: 'grdp_growth' } as IndicatorRow;
const row = (n: number, extra: Partial<PendingRow> = {}): PendingRow => ({
  row: n,
  indicator,
  year: 2024,
  quarter: n % 5,
  adminUnitId: '19',
  value: n + 0.5,
  status: 'approved',
  note: null,
  sources: [],
  ...extra,
});

test('rows go to the INSERT as one array per column, notes and sources as entered', () => {
  const rows = [row(2), row(3, { note: 'Ghi chú "trích dẫn", {ngoặc}', sources: ['https://example.org/a'] })];
  assert.deepEqual(insertColumns(rows), {
    i: '{7,7}',
    y: '{2024,2024}',
    q: '{2,3}',
    u: '{"19","19"}',
    v: '{2.5,3.5}',
    s: '{"approved","approved"}',
    n: '{NULL,"Ghi chú \\"trích dẫn\\", {ngoặc}"}',
    src: '{"[]","[\\"https://example.org/a\\"]"}',
  });
});

test('an observation is seen once per indicator, year, quarter and unit', () => {
  const seen = new SeenObservations(300);
  assert.equal(seen.add(7, 2024, 0, 299), true);
  assert.equal(seen.add(7, 2024, 0, 299), false, 'the same row twice');
  assert.equal(seen.add(7, 2024, 0, 298), true, 'another unit');
  assert.equal(seen.add(7, 2024, 1, 299), true, 'another quarter');
  assert.equal(seen.add(7, 2025, 0, 299), true, 'another year');
  assert.equal(seen.add(8, 2024, 0, 299), true, 'another indicator');
  assert.equal(seen.add(7, 2100, 4, 0), true);
  assert.equal(seen.add(7, 1900, 0, 0), true, 'the first and last periods do not meet');
});
