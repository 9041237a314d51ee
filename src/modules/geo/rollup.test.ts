import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { type LineageLink, rollUp, rollUpFromDb } from './rollup.ts';

describe('rolling pre-2025 values up into the 2025 communes (pure)', () => {
  const links: LineageLink[] = [
    { predecessorId: 'old-a', successorId: 'new-x', share: 'full', shareRatio: null },
    { predecessorId: 'old-b', successorId: 'new-x', share: 'partial', shareRatio: null },
    { predecessorId: 'old-b', successorId: 'new-y', share: 'partial', shareRatio: null },
    { predecessorId: 'old-c', successorId: 'new-y', share: 'partial', shareRatio: 0.7 },
    { predecessorId: 'old-c', successorId: 'new-z', share: 'partial', shareRatio: null },
  ];
  const values = [
    { unitId: 'old-a', value: 100 },
    { unitId: 'old-b', value: 50 },
    { unitId: 'old-c', value: 10 },
  ];

  test('full passes everything; partial uses share_ratio, the rest split equally', () => {
    const r = rollUp(values, links);
    assert.deepEqual(
      r.values.map((v) => [v.unitId, Math.round(v.value * 1000) / 1000]),
      [
        ['new-x', 125],
        ['new-y', 32],
        ['new-z', 3],
      ],
    );
    assert.deepEqual(r.unassigned, []);
  });

  test('with the `unassigned` default the parts without a ratio are left out and reported', () => {
    const r = rollUp(values, links, 'unassigned');
    assert.deepEqual(
      r.values.map((v) => [v.unitId, Math.round(v.value * 1000) / 1000]),
      [
        ['new-x', 100],
        ['new-y', 7],
      ],
    );
    assert.deepEqual(
      r.unassigned.map((u) => [u.fromId, Math.round(u.value * 1000) / 1000]),
      [
        ['old-b', 50],
        ['old-c', 3],
      ],
    );
  });
});

describe('rolling up through the real lineage', () => {
  let database: TestDatabase;
  before(async () => {
    database = await freshDatabase({ seeded: true });
  });
  after(async () => {
    await database.drop();
  });

  test('Phường Gia Sàng (05461) was split between Phan Đình Phùng and the new Gia Sàng: half each by default', async () => {
    const r = await rollUpFromDb(database.db, [{ unitId: 'commune-05461-pre2025', value: 1000 }]);
    assert.deepEqual(
      r.values.map((v) => [v.unitId, v.value]),
      [
        ['commune-05443-2025', 500],
        ['commune-05467-2025', 500],
      ],
    );
  });
});
