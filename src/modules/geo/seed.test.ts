import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { queryRows } from '../../kernel/db/query.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { loadBoundaries } from './dataset.ts';
import {
  countAdminUnits,
  getAdminUnit,
  listAdminUnits,
  predecessorsOf,
  successorsOf,
  todayInVietnam,
} from './queries.ts';
import {
  COMMUNE_LEGAL_BASIS,
  DISTRICT_LINEAGE_NOTE,
  mappingDifferences,
  NEW_PROVINCE_ID,
  PROVINCE_LEGAL_BASIS,
  seedGeo,
} from './seed.ts';

type TableCounts = { units: number; lineage: number; lastUpdate: string };

async function tableCounts(database: TestDatabase): Promise<TableCounts> {
  const rows = await queryRows<{ units: number; lineage: number; last_update: string }>(
    database.db,
    sql`
    select (select count(*)::int from admin_units) as units,
           (select count(*)::int from admin_unit_lineage) as lineage,
           (select max(updated_at)::text from admin_units) as last_update`,
  );
  const row = rows[0]!;
  return { units: Number(row.units), lineage: Number(row.lineage), lastUpdate: row.last_update };
}

describe('geo seed', () => {
  let database: TestDatabase;
  const runs: { counts: SeedCounts; tables: TableCounts }[] = [];

  before(async () => {
    database = await freshDatabase();
    for (let i = 0; i < 2; i++) {
      const counts = await database.db.transaction((tx) => seedGeo(tx));
      runs.push({ counts, tables: await tableCounts(database) });
    }
  });

  after(async () => {
    await database.drop();
  });

  test('seeding twice gives the same counts and leaves unchanged rows alone', () => {
    assert.deepEqual(runs[1], runs[0]);
    assert.deepEqual(runs[0]?.counts, {
      'geo.provinces': 3,
      'geo.districts': 17,
      'geo.communesPre2025': 280,
      'geo.communes2025': 92,
      'geo.lineageProvince': 2,
      'geo.lineageDistrict': 98,
      'geo.lineageCommune': 283,
    });
    assert.equal(runs[0]?.tables.units, 3 + 17 + 280 + 92);
    assert.equal(runs[0]?.tables.lineage, 2 + 98 + 283);
  });

  test('counts units per level and vintage', async () => {
    assert.deepEqual(await countAdminUnits(database.db), [
      { level: 'province', validFrom: null, validTo: '2025-06-30', count: 2 },
      { level: 'province', validFrom: '2025-07-01', validTo: null, count: 1 },
      { level: 'district', validFrom: null, validTo: '2025-06-30', count: 17 },
      { level: 'commune', validFrom: null, validTo: '2025-06-30', count: 280 },
      { level: 'commune', validFrom: '2025-07-01', validTo: null, count: 92 },
    ]);
  });

  test('lineage links each level to the level of 2025', async () => {
    const rows = await queryRows<{ from_level: string; to_level: string; n: number }>(
      database.db,
      sql`
      select p.level as from_level, s.level as to_level, count(*)::int as n
      from admin_unit_lineage l
      join admin_units p on p.id = l.predecessor_id
      join admin_units s on s.id = l.successor_id
      group by 1, 2 order by 1, 2`,
    );
    assert.deepEqual(
      rows.map((r) => [r.from_level, r.to_level, Number(r.n)]),
      [
        ['commune', 'commune', 283],
        ['district', 'commune', 98],
        ['province', 'province', 2],
      ],
    );
  });

  test('a pre-2025 commune split between two 2025 wards is partial in both', async () => {
    const successors = await successorsOf(database.db, 'commune-05461-pre2025');
    assert.equal((await getAdminUnit(database.db, 'commune-05461-pre2025'))?.fullNameVi, 'Phường Gia Sàng');
    assert.deepEqual(
      successors.map((s) => [s.unit.id, s.unit.fullNameVi, s.share]),
      [
        ['commune-05467-2025', 'Phường Gia Sàng', 'partial'],
        ['commune-05443-2025', 'Phường Phan Đình Phùng', 'partial'],
      ],
    );
    for (const s of successors) {
      assert.equal(s.legalBasis, COMMUNE_LEGAL_BASIS);
      assert.equal(s.effectiveDate, '2025-07-01');
      assert.equal(s.derived, null);
      assert.deepEqual(s.sources, ['https://github.com/dvhcvn/20250701']);
    }
  });

  test('a reused code keeps the two vintages apart, and full merges are full', async () => {
    assert.equal((await getAdminUnit(database.db, 'commune-05809-pre2025'))?.fullNameVi, 'Xã Cù Vân');
    assert.equal((await getAdminUnit(database.db, 'commune-05809-2025'))?.fullNameVi, 'Xã An Khánh');
    const communes = (await predecessorsOf(database.db, 'commune-05809-2025')).filter(
      (p) => p.unit.level === 'commune',
    );
    assert.deepEqual(
      communes.map((p) => [p.unit.id, p.unit.fullNameVi, p.share]),
      [
        ['commune-05824-pre2025', 'Xã An Khánh', 'full'],
        ['commune-05809-pre2025', 'Xã Cù Vân', 'full'],
        ['commune-05812-pre2025', 'Xã Hà Thượng', 'full'],
      ],
    );
  });

  test('district lineage is derived from the communes and is partial', async () => {
    const successors = await successorsOf(database.db, 'district-171');
    assert.ok(successors.some((s) => s.unit.id === 'commune-05809-2025'));
    for (const s of successors) {
      assert.equal(s.share, 'partial');
      assert.equal(s.derived, DISTRICT_LINEAGE_NOTE);
      assert.equal(s.unit.validFrom, '2025-07-01');
    }
    const predecessorDistricts = (await predecessorsOf(database.db, 'commune-05809-2025')).filter(
      (p) => p.unit.level === 'district',
    );
    assert.deepEqual(
      predecessorDistricts.map((p) => p.unit.fullNameVi),
      ['Huyện Đại Từ'],
    );
  });

  test('both old provinces passed fully into the new province', async () => {
    const predecessors = await predecessorsOf(database.db, NEW_PROVINCE_ID);
    assert.deepEqual(
      predecessors.map((p) => [p.unit.id, p.share, p.legalBasis]),
      [
        ['province-06-pre2025', 'full', PROVINCE_LEGAL_BASIS],
        ['province-19-pre2025', 'full', PROVINCE_LEGAL_BASIS],
      ],
    );
  });

  test('units carry the columns and properties of the dataset', async () => {
    const district = await getAdminUnit(database.db, 'district-164');
    assert.equal(district?.parentId, 'province-19-pre2025');
    assert.equal(district?.typeEn, 'provincial city');
    assert.equal(district?.areaKm2, 171.17);
    assert.equal(district?.geometry?.type, 'Polygon');
    assert.match(String(district?.properties.boundary_note), /422\/NQ-UBTVQH14/);

    const ward = await getAdminUnit(database.db, 'commune-01843-2025');
    assert.equal(ward?.parentId, NEW_PROVINCE_ID);
    assert.equal(ward?.geometry?.type, 'Point');
    assert.equal(ward?.properties.point_reliable, false);
    assert.equal(Array.isArray(ward?.properties.merged_from), true);

    const township = (await listAdminUnits(database.db, { level: 'commune' })).find(
      (u) => u.typeVi === 'Thị trấn',
    );
    assert.equal(township?.typeEn, 'township');
    assert.match(township?.nameEn ?? '', / Township$/);
    assert.equal(township?.geometry, null);

    assert.equal(await getAdminUnit(database.db, 'commune-99999-2025'), null);
  });

  test('lists units by parent, by validity date, in Vietnamese order', async () => {
    assert.equal((await listAdminUnits(database.db, { parentId: 'district-164' })).length, 32);
    assert.equal(
      (await listAdminUnits(database.db, { level: 'commune', current: true, asOf: '2025-06-30' })).length,
      280,
    );
    const current = await listAdminUnits(database.db, {
      level: 'commune',
      current: true,
      asOf: '2026-01-01',
    });
    assert.equal(current.length, 92);
    assert.ok(current.every((u) => u.parentId === NEW_PROVINCE_ID));
    const names = current.map((u) => u.nameVi);
    assert.deepEqual(names, [...names].sort(new Intl.Collator('vi').compare));
    // Đ sorts after every D, which a code-point or root-collation order does not guarantee.
    const firstD = names.findIndex((n) => n.startsWith('Đ'));
    assert.ok(firstD > names.findLastIndex((n) => n.startsWith('D')));
    assert.match(todayInVietnam(), /^\d{4}-\d{2}-\d{2}$/);
  });

  test('every unit and every lineage link has a source URL', async () => {
    const rows = await queryRows<{ bad: number }>(
      database.db,
      sql`
      select count(*)::int as bad from (
        select sources from admin_units union all select sources from admin_unit_lineage
      ) s
      where jsonb_array_length(sources) = 0
         or exists (select 1 from jsonb_array_elements_text(sources) u where u !~ '^https?://')`,
    );
    assert.equal(Number(rows[0]?.bad), 0);
  });

  test('the two directions of the 2025 mapping agree, and a difference is reported', () => {
    const data = loadBoundaries();
    assert.deepEqual(mappingDifferences(data), []);
    const [first, ...rest] = data.communesPre2025;
    assert.ok(first);
    const edited = {
      ...first,
      new_communes_2025: first.new_communes_2025.map((s) => ({ ...s, share: 'partial' as const })),
    };
    assert.equal(mappingDifferences({ ...data, communesPre2025: [edited, ...rest] }).length, 2);
  });
});
