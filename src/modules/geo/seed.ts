// Loads the Thái Nguyên boundaries (provinces, pre-2025 districts and communes,
// 2025 communes) and how each pre-2025 unit passed into the 2025 units.
import type { Db } from '../../kernel/db/types.ts';
import { chunks, upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import {
  type Boundaries,
  type Commune2025Feature,
  type CommunePre2025,
  type DistrictFeature,
  loadBoundaries,
  type ProvinceFeature,
  SOURCE_DVHCVN,
  SOURCE_MAPPING_2025,
  SOURCE_OPEN_ADMIN_DATA,
} from './dataset.ts';
import { adminUnitLineage, adminUnits, type LineageShare } from './schema.ts';

type AdminUnitRow = typeof adminUnits.$inferInsert;
type LineageRow = typeof adminUnitLineage.$inferInsert;

export const NEW_PROVINCE_ID = 'province-19-2025';
const PRE2025_VALID_TO = '2025-06-30';
const REORGANISATION_DATE = '2025-07-01';
export const COMMUNE_LEGAL_BASIS = 'Nghị quyết 1683/NQ-UBTVQH15 ngày 16/6/2025';
export const PROVINCE_LEGAL_BASIS = 'Nghị quyết 202/2025/QH15 ngày 12/6/2025';
export const DISTRICT_LINEAGE_NOTE = 'derived from commune lineage';
// The pages that report Resolution 202/2025/QH15 (datasets/thai-nguyen-2021-2030/SOURCES.md).
export const PROVINCE_MERGER_SOURCES: readonly string[] = [
  'https://vnexpress.net/quoc-hoi-chot-ca-nuoc-con-34-tinh-thanh-pho-4897740.html',
  'https://news.laodong.vn/thoi-su/bi-thu-bac-kan-viet-tam-thu-truoc-ngay-sap-nhap-voi-thai-nguyen-1527842.ldo',
];

const TYPE_EN: Record<string, string> = {
  Tỉnh: 'province',
  'Thành phố': 'provincial city',
  Huyện: 'district',
  Xã: 'commune',
  Phường: 'ward',
  'Thị trấn': 'township',
};

// The dataset's own convention for English names: "<ascii> Commune / Ward / …".
const NAME_EN_SUFFIX: Record<string, string> = { Xã: 'Commune', Phường: 'Ward', 'Thị trấn': 'Township' };

// Feature properties that become columns (or are implied by them) rather than `properties`.
const COLUMN_PROPERTIES = new Set([
  'feature_id',
  'code',
  'name_vi',
  'full_name_vi',
  'name_en',
  'name_ascii',
  'admin_level',
  'level',
  'type_vi',
  'type_en',
  'valid_from',
  'valid_to',
  'area_km2',
  'district_code',
  'new_communes_2025',
]);

export const pre2025CommuneId = (code: string) => `commune-${code}-pre2025`;
export const commune2025Id = (code: string) => `commune-${code}-2025`;
const districtId = (code: string) => `district-${code}`;
const oldProvinceId = (code: string) => `province-${code}-pre2025`;

function typeEn(typeVi: string): string {
  const en = TYPE_EN[typeVi];
  if (!en) throw new Error(`No English name for the unit type "${typeVi}"`);
  return en;
}

function extraProperties(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !COLUMN_PROPERTIES.has(k)));
}

function provinceRow(f: ProvinceFeature): AdminUnitRow {
  const p = f.properties;
  return {
    id: f.id,
    code: p.code,
    level: 'province',
    typeVi: 'Tỉnh',
    typeEn: typeEn('Tỉnh'),
    nameVi: p.name_vi,
    fullNameVi: p.full_name_vi,
    nameEn: p.name_en,
    nameAscii: p.name_ascii,
    parentId: null,
    validFrom: p.valid_from ?? null,
    validTo: p.valid_to ?? null,
    areaKm2: p.area_km2 ?? null,
    geometry: f.geometry,
    properties: extraProperties(p),
    sources: [SOURCE_DVHCVN],
  };
}

function districtRow(f: DistrictFeature): AdminUnitRow {
  const p = f.properties;
  return {
    id: f.id,
    code: p.code,
    level: 'district',
    typeVi: p.type_vi,
    typeEn: p.type_en,
    nameVi: p.name_vi,
    fullNameVi: p.full_name_vi,
    nameEn: p.name_en,
    nameAscii: p.name_ascii,
    parentId: oldProvinceId(p.old_province_code),
    validFrom: p.valid_from ?? null,
    validTo: p.valid_to ?? PRE2025_VALID_TO,
    areaKm2: p.area_km2 ?? null,
    geometry: f.geometry,
    properties: extraProperties(p),
    sources: [SOURCE_DVHCVN],
  };
}

function communePre2025Row(c: CommunePre2025): AdminUnitRow {
  const suffix = NAME_EN_SUFFIX[c.type_vi];
  if (!suffix) throw new Error(`Unknown commune type "${c.type_vi}" for ${c.code}`);
  return {
    id: pre2025CommuneId(c.code),
    code: c.code,
    level: 'commune',
    typeVi: c.type_vi,
    typeEn: typeEn(c.type_vi),
    nameVi: c.name_vi,
    fullNameVi: c.full_name_vi,
    nameEn: `${c.name_ascii} ${suffix}`,
    nameAscii: c.name_ascii,
    parentId: districtId(c.district_code),
    validFrom: null,
    validTo: c.valid_to ?? PRE2025_VALID_TO,
    areaKm2: null,
    geometry: null,
    properties: extraProperties(c),
    sources: [SOURCE_DVHCVN],
  };
}

function commune2025Row(f: Commune2025Feature): AdminUnitRow {
  const p = f.properties;
  return {
    id: f.id,
    code: p.code,
    level: 'commune',
    typeVi: p.type_vi,
    typeEn: p.type_en,
    nameVi: p.name_vi,
    fullNameVi: p.full_name_vi,
    nameEn: p.name_en,
    nameAscii: p.name_ascii,
    parentId: NEW_PROVINCE_ID,
    validFrom: p.valid_from ?? REORGANISATION_DATE,
    validTo: null,
    areaKm2: null,
    geometry: f.geometry,
    properties: extraProperties(p),
    sources: [SOURCE_OPEN_ADMIN_DATA, SOURCE_MAPPING_2025],
  };
}

/**
 * The two directions of the 2025 mapping (each old commune's successors, each
 * new commune's `merged_from`) come from one upstream file; any difference
 * means the dataset was edited inconsistently.
 */
export function mappingDifferences(data: Pick<Boundaries, 'communes2025' | 'communesPre2025'>): string[] {
  const forward = new Set(
    data.communesPre2025.flatMap((c) => c.new_communes_2025.map((s) => `${c.code}→${s.code} ${s.share}`)),
  );
  const backward = new Set(
    data.communes2025.flatMap((f) =>
      f.properties.merged_from.map((m) => `${m.code}→${f.properties.code} ${m.share}`),
    ),
  );
  return [
    ...[...forward].filter((k) => !backward.has(k)).map((k) => `only in the pre-2025 list: ${k}`),
    ...[...backward].filter((k) => !forward.has(k)).map((k) => `only in merged_from: ${k}`),
  ];
}

function communeLineage(data: Boundaries): LineageRow[] {
  const ids2025 = new Set(data.communes2025.map((f) => f.id));
  return data.communesPre2025.flatMap((c) =>
    c.new_communes_2025.map((s) => {
      const successorId = commune2025Id(s.code);
      if (!ids2025.has(successorId)) throw new Error(`${c.code} names an unknown 2025 commune ${s.code}`);
      return {
        predecessorId: pre2025CommuneId(c.code),
        successorId,
        share: s.share,
        effectiveDate: REORGANISATION_DATE,
        legalBasis: COMMUNE_LEGAL_BASIS,
        derived: null,
        sources: [SOURCE_MAPPING_2025],
      };
    }),
  );
}

/**
 * A district passed wholly into a 2025 commune only if all its communes went
 * fully into that one commune and that commune took nothing from elsewhere.
 */
function districtShare(
  districtCode: string,
  successor: Commune2025Feature,
  communes: CommunePre2025[],
): LineageShare {
  const successorWhollyFromDistrict = successor.properties.merged_from.every(
    (m) => m.old_district_code === districtCode && m.share === 'full',
  );
  const districtWhollyIntoSuccessor = communes.every(
    (c) =>
      c.new_communes_2025.length === 1 &&
      c.new_communes_2025[0]?.code === successor.properties.code &&
      c.new_communes_2025[0].share === 'full',
  );
  return successorWhollyFromDistrict && districtWhollyIntoSuccessor ? 'full' : 'partial';
}

function districtLineage(data: Boundaries): LineageRow[] {
  const byCode = new Map(data.communes2025.map((f) => [f.properties.code, f]));
  return data.districts.flatMap((d) => {
    const communes = data.communesPre2025.filter((c) => c.district_code === d.properties.code);
    const successorCodes = [...new Set(communes.flatMap((c) => c.new_communes_2025.map((s) => s.code)))];
    return successorCodes.map((code) => {
      const successor = byCode.get(code);
      if (!successor)
        throw new Error(`District ${d.properties.code} passes into an unknown 2025 commune ${code}`);
      return {
        predecessorId: d.id,
        successorId: successor.id,
        share: districtShare(d.properties.code, successor, communes),
        effectiveDate: REORGANISATION_DATE,
        legalBasis: COMMUNE_LEGAL_BASIS,
        derived: DISTRICT_LINEAGE_NOTE,
        sources: [SOURCE_MAPPING_2025, SOURCE_DVHCVN],
      };
    });
  });
}

function provinceLineage(data: Boundaries): LineageRow[] {
  return data.provinces
    .filter((p) => p.id !== NEW_PROVINCE_ID)
    .map((p) => ({
      predecessorId: p.id,
      successorId: NEW_PROVINCE_ID,
      share: 'full' as const,
      effectiveDate: REORGANISATION_DATE,
      legalBasis: PROVINCE_LEGAL_BASIS,
      derived: null,
      sources: [...PROVINCE_MERGER_SOURCES],
    }));
}

async function upsertUnits(db: Db, rows: AdminUnitRow[]): Promise<void> {
  const { set, setWhere } = upsertChanged(adminUnits, [
    'code',
    'level',
    'typeVi',
    'typeEn',
    'nameVi',
    'fullNameVi',
    'nameEn',
    'nameAscii',
    'parentId',
    'validFrom',
    'validTo',
    'areaKm2',
    'geometry',
    'properties',
    'sources',
    'isSample',
  ]);
  for (const batch of chunks(rows)) {
    await db.insert(adminUnits).values(batch).onConflictDoUpdate({ target: adminUnits.id, set, setWhere });
  }
}

async function upsertLineage(db: Db, rows: LineageRow[]): Promise<void> {
  const { set, setWhere } = upsertChanged(adminUnitLineage, [
    'share',
    'shareRatio',
    'effectiveDate',
    'legalBasis',
    'derived',
    'sources',
    'isSample',
  ]);
  for (const batch of chunks(rows)) {
    await db
      .insert(adminUnitLineage)
      .values(batch)
      .onConflictDoUpdate({
        target: [adminUnitLineage.predecessorId, adminUnitLineage.successorId],
        set,
        setWhere,
      });
  }
}

export async function seedGeo(db: Db): Promise<SeedCounts> {
  const data = loadBoundaries();
  const differences = mappingDifferences(data);
  if (differences.length > 0) {
    throw new Error(`The 2025 commune mapping disagrees with itself:\n${differences.join('\n')}`);
  }
  if (!data.provinces.some((p) => p.id === NEW_PROVINCE_ID)) throw new Error(`${NEW_PROVINCE_ID} is missing`);

  const units = [
    ...data.provinces.map(provinceRow),
    ...data.districts.map(districtRow),
    ...data.communesPre2025.map(communePre2025Row),
    ...data.communes2025.map(commune2025Row),
  ];
  const lineage = {
    commune: communeLineage(data),
    district: districtLineage(data),
    province: provinceLineage(data),
  };
  await upsertUnits(db, units);
  await upsertLineage(db, [...lineage.province, ...lineage.district, ...lineage.commune]);
  return {
    'geo.provinces': data.provinces.length,
    'geo.districts': data.districts.length,
    'geo.communesPre2025': data.communesPre2025.length,
    'geo.communes2025': data.communes2025.length,
    'geo.lineageProvince': lineage.province.length,
    'geo.lineageDistrict': lineage.district.length,
    'geo.lineageCommune': lineage.commune.length,
  };
}
