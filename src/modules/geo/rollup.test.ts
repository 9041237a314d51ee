import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import {
  type LineageLink,
  type MeasureRow,
  rollIntoOldDistricts,
  rollUp,
  rollUpFromDb,
  rollUpMeasure,
} from './rollup.ts';

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

describe('additive and non-additive measures (pure, hand-computed)', () => {
  // old-a passed wholly into new-x; old-b was split between new-x and new-y with no ratio
  // (0.5 each by the equal rule); old-c gave 0.7 to new-y and the remaining 0.3 to new-z.
  const links: LineageLink[] = [
    { predecessorId: 'old-a', successorId: 'new-x', share: 'full', shareRatio: null },
    { predecessorId: 'old-b', successorId: 'new-x', share: 'partial', shareRatio: null },
    { predecessorId: 'old-b', successorId: 'new-y', share: 'partial', shareRatio: null },
    { predecessorId: 'old-c', successorId: 'new-y', share: 'partial', shareRatio: 0.7 },
    { predecessorId: 'old-c', successorId: 'new-z', share: 'partial', shareRatio: null },
  ];
  const round = (rows: MeasureRow[]) =>
    rows.map((r) => [r.unitId, r.value === null ? null : Math.round(r.value * 1e6) / 1e6, r.refused]);

  test('an additive measure (people) is summed: recorded × ratio', () => {
    const people = [
      { unitId: 'old-a', value: 100 },
      { unitId: 'old-b', value: 50 },
      { unitId: 'old-c', value: 10 },
    ];
    const r = rollUpMeasure(people, links, 'equal', { additive: true });
    // new-x = 100 + 50 × 0.5 = 125; new-y = 50 × 0.5 + 10 × 0.7 = 32; new-z = 10 × 0.3 = 3
    assert.deepEqual(round(r.rows), [
      ['new-x', 125, null],
      ['new-y', 32, null],
      ['new-z', 3, null],
    ]);
  });

  const rates = [
    { unitId: 'old-a', value: 80 },
    { unitId: 'old-b', value: 40 },
    { unitId: 'old-c', value: 60 },
  ];

  test('a rate (% of schools at national standard) is a mean weighted by the schools, never a sum', () => {
    const schools = new Map([
      ['old-a', 10],
      ['old-b', 20],
      ['old-c', 5],
    ]);
    const r = rollUpMeasure(rates, links, 'equal', { additive: false, weights: schools });
    // new-x = (80·10·1 + 40·20·0.5) / (10·1 + 20·0.5) = 1200 / 20 = 60
    // new-y = (40·20·0.5 + 60·5·0.7) / (20·0.5 + 5·0.7) = 610 / 13.5 = 45.185185…
    // new-z has one contribution: the rate of old-c, 60
    assert.deepEqual(round(r.rows), [
      ['new-x', 60, null],
      ['new-y', 45.185185, null],
      ['new-z', 60, null],
    ]);
    const x = r.rows[0]!;
    assert.deepEqual(
      x.contributions.map((c) => [c.fromId, c.ratio, c.recorded, c.weight]),
      [
        ['old-a', 1, 80, 10],
        ['old-b', 0.5, 40, 20],
      ],
    );
  });

  test('without a weight a rate made of several units cannot be rolled up; one unit keeps its rate', () => {
    const none = rollUpMeasure(rates, links, 'equal', { additive: false, weights: new Map() });
    assert.deepEqual(round(none.rows), [
      ['new-x', null, 'no_weight'],
      ['new-y', null, 'no_weight'],
      ['new-z', 60, null],
    ]);
    // One weight missing (old-c) refuses only the units it contributes to with others.
    const partial = rollUpMeasure(rates, links, 'equal', {
      additive: false,
      weights: new Map([
        ['old-a', 10],
        ['old-b', 20],
      ]),
    });
    assert.deepEqual(round(partial.rows), [
      ['new-x', 60, null],
      ['new-y', null, 'no_weight'],
      ['new-z', 60, null],
    ]);
  });

  test('a value recorded under the 2025 unit itself is taken as it is', () => {
    const r = rollUpMeasure(
      [
        { unitId: 'old-a', value: 100 },
        { unitId: 'new-x', value: 70 },
      ],
      links,
      'equal',
      { additive: true },
    );
    assert.deepEqual(round(r.rows), [['new-x', 70, null]]);
  });

  test('back into the old districts: only where every 2025 unit of the district lies wholly in it', () => {
    // D1 = {c1, c2} became N1 (c1 and part of c2) and N2 (the rest of c2): both wholly in D1.
    // N3 was made of c3 (D2) and c5 (D3): it crosses. D4 = {c6, c7} became N4 and N5; N5 has no value.
    const districtOf = new Map([
      ['c1', 'D1'],
      ['c2', 'D1'],
      ['c3', 'D2'],
      ['c4', 'D2'],
      ['c5', 'D3'],
      ['c6', 'D4'],
      ['c7', 'D4'],
    ]);
    const commune = (predecessorId: string, successorId: string) => ({ predecessorId, successorId });
    const communeLinks = [
      commune('c1', 'N1'),
      commune('c2', 'N1'),
      commune('c2', 'N2'),
      commune('c3', 'N3'),
      commune('c4', 'N3'),
      commune('c5', 'N3'),
      commune('c6', 'N4'),
      commune('c7', 'N5'),
    ];
    const people = [
      { unitId: 'N1', value: 100 },
      { unitId: 'N2', value: 50 },
      { unitId: 'N3', value: 30 },
      { unitId: 'N4', value: 20 },
    ];
    assert.deepEqual(round(rollIntoOldDistricts(people, communeLinks, districtOf, { additive: true })), [
      ['D1', 150, null],
      ['D2', null, 'crosses'],
      ['D3', null, 'crosses'],
      ['D4', null, 'incomplete'],
    ]);
    // A rate: (80·10 + 40·30) / (10 + 30) = 50
    const d1 = rollIntoOldDistricts(
      [
        { unitId: 'N1', value: 80 },
        { unitId: 'N2', value: 40 },
      ],
      communeLinks,
      districtOf,
      {
        additive: false,
        weights: new Map([
          ['N1', 10],
          ['N2', 30],
        ]),
      },
    );
    assert.deepEqual(round(d1), [['D1', 50, null]]);
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
