// Loads the agencies of the new Thái Nguyên province: its People's Committee,
// one People's Committee per 2025 commune, and sample provincial departments.
import { eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/types.ts';
import { chunks } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import {
  type Commune2025Feature,
  loadBoundaries,
  SOURCE_MAPPING_2025,
  SOURCE_OPEN_ADMIN_DATA,
} from '../geo/dataset.ts';
import { NEW_PROVINCE_ID, PROVINCE_MERGER_SOURCES } from '../geo/seed.ts';
import { agencies } from './schema.ts';

type AgencyRow = typeof agencies.$inferInsert;

export const PROVINCIAL_COMMITTEE_CODE = 'UBND-19';

// Full text of Resolution 1683/NQ-UBTVQH15, which set up the 92 communes of 2025.
const RESOLUTION_1683_SOURCE =
  'https://www.vietnam.vn/en/toan-van-nghi-quyet-so-1683-nq-ubtvqh15-sap-xep-cac-dvhc-cap-xa-cua-tinh-thai-nguyen-nam-2025';

// A provincial council's page listing the 12 departments Decree 45/2025/NĐ-CP
// organises in every province.
const DECREE_45_SOURCES = [
  'http://hdnd.dongnai.gov.vn/Pages/glp-quydinhmoivecoquanchuyenmonthu-glpnd-34299-glpnc-4-glpsite-1.html',
];

/**
 * Sample records: the departments Decree 45/2025/NĐ-CP requires in every
 * province. The province must confirm its actual list (it may also have
 * province-specific departments, and later decrees may change the list).
 */
const SAMPLE_DEPARTMENTS: readonly { code: string; nameVi: string; nameEn: string }[] = [
  { code: 'VPUBND-19', nameVi: 'Văn phòng UBND tỉnh', nameEn: "Office of the Provincial People's Committee" },
  { code: 'SNV-19', nameVi: 'Sở Nội vụ', nameEn: 'Department of Home Affairs' },
  { code: 'STP-19', nameVi: 'Sở Tư pháp', nameEn: 'Department of Justice' },
  { code: 'STC-19', nameVi: 'Sở Tài chính', nameEn: 'Department of Finance' },
  { code: 'SCT-19', nameVi: 'Sở Công Thương', nameEn: 'Department of Industry and Trade' },
  {
    code: 'SNNMT-19',
    nameVi: 'Sở Nông nghiệp và Môi trường',
    nameEn: 'Department of Agriculture and Environment',
  },
  { code: 'SXD-19', nameVi: 'Sở Xây dựng', nameEn: 'Department of Construction' },
  { code: 'SKHCN-19', nameVi: 'Sở Khoa học và Công nghệ', nameEn: 'Department of Science and Technology' },
  {
    code: 'SVHTTDL-19',
    nameVi: 'Sở Văn hóa, Thể thao và Du lịch',
    nameEn: 'Department of Culture, Sports and Tourism',
  },
  { code: 'SGDDT-19', nameVi: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training' },
  { code: 'SYT-19', nameVi: 'Sở Y tế', nameEn: 'Department of Health' },
  { code: 'TTT-19', nameVi: 'Thanh tra tỉnh', nameEn: 'Provincial Inspectorate' },
];

function provincialCommittee(): AgencyRow {
  return {
    code: PROVINCIAL_COMMITTEE_CODE,
    nameVi: 'UBND tỉnh Thái Nguyên',
    nameEn: "Thai Nguyen Provincial People's Committee",
    kind: 'provincial_body',
    parentId: null,
    adminUnitId: NEW_PROVINCE_ID,
    sources: [...PROVINCE_MERGER_SOURCES],
    isSample: false,
  };
}

/** "UBND xã An Khánh", "UBND phường Gia Sàng": the unit type is lower-case after "UBND". */
export function communeCommitteeName(typeVi: string, nameVi: string): string {
  return `UBND ${typeVi.toLocaleLowerCase('vi')} ${nameVi}`;
}

function communeCommittee(f: Commune2025Feature, parentId: number): AgencyRow {
  const p = f.properties;
  return {
    code: `UBND-${p.code}`,
    nameVi: communeCommitteeName(p.type_vi, p.name_vi),
    nameEn: `People's Committee of ${p.name_en}`,
    kind: 'commune',
    parentId,
    adminUnitId: f.id,
    sources: [SOURCE_OPEN_ADMIN_DATA, SOURCE_MAPPING_2025, RESOLUTION_1683_SOURCE],
    isSample: false,
  };
}

function sampleDepartment(d: (typeof SAMPLE_DEPARTMENTS)[number], parentId: number): AgencyRow {
  return {
    ...d,
    kind: 'department',
    parentId,
    adminUnitId: NEW_PROVINCE_ID,
    sources: [...DECREE_45_SOURCES],
    isSample: true,
    notes:
      'Dữ liệu mẫu: danh sách sở chung theo Nghị định 45/2025/NĐ-CP; tỉnh cần xác nhận tên và cơ cấu thực tế.',
  };
}

/**
 * Inserts the agencies that are not there yet. Once loaded, agencies belong to
 * the administrators: a later seed never reverts their edits.
 */
async function insertMissingAgencies(db: Db, rows: AgencyRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db.insert(agencies).values(batch).onConflictDoNothing({ target: agencies.code });
  }
}

export async function seedAgencies(db: Db): Promise<SeedCounts> {
  const { communes2025 } = loadBoundaries();
  await insertMissingAgencies(db, [provincialCommittee()]);
  const [province] = await db
    .select({ id: agencies.id })
    .from(agencies)
    .where(eq(agencies.code, PROVINCIAL_COMMITTEE_CODE));
  if (!province) throw new Error(`${PROVINCIAL_COMMITTEE_CODE} was not written`);
  const communes = communes2025.map((f) => communeCommittee(f, province.id));
  const departments = SAMPLE_DEPARTMENTS.map((d) => sampleDepartment(d, province.id));
  await insertMissingAgencies(db, [...departments, ...communes]);
  return {
    'agencies.provincial': 1,
    'agencies.departmentsSample': departments.length,
    'agencies.communes': communes.length,
  };
}
