// Built-in layers (read from the geo module's units) and the default rules.
// The rules are a starting point the province is expected to review: they are
// this software's defaults, not a legal classification.
import type { Db } from '../../kernel/db/types.ts';
import { upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { SOURCE_DVHCVN, SOURCE_OPEN_ADMIN_DATA } from '../geo/dataset.ts';
import type { Rule } from './engine.ts';
import { conformityLayers, conformityRules } from './schema.ts';

export const BUILTIN = {
  districts: 'geo:districts-pre2025',
  provinces: 'geo:provinces-pre2025',
  communes2025: 'geo:communes-2025-points',
} as const;

const BUILTIN_LAYERS: (typeof conformityLayers.$inferInsert)[] = [
  {
    id: 'admin-districts-pre2025',
    type: 'admin_units_old',
    nameVi: 'Huyện, thành phố trước 01/07/2025',
    nameEn: 'Districts before 1 July 2025',
    source: 'dvhcvn (gis.chinhphu.vn, GSO)',
    builtin: BUILTIN.districts,
    sources: [SOURCE_DVHCVN],
  },
  {
    id: 'admin-provinces-pre2025',
    type: 'admin_units_old',
    nameVi: 'Tỉnh trước 01/07/2025 (Thái Nguyên, Bắc Kạn)',
    nameEn: 'Provinces before 1 July 2025 (Thái Nguyên, Bắc Kạn)',
    source: 'dvhcvn (gis.chinhphu.vn, GSO)',
    builtin: BUILTIN.provinces,
    sources: [SOURCE_DVHCVN],
  },
  {
    id: 'admin-communes-2025',
    type: 'admin_units_new',
    nameVi: 'Xã, phường từ 01/07/2025 (điểm trung tâm)',
    nameEn: 'Communes from 1 July 2025 (centre points)',
    source: 'open-admin-data/vietnam-administrative-divisions',
    builtin: BUILTIN.communes2025,
    sources: [SOURCE_OPEN_ADMIN_DATA],
  },
];

export const DEFAULT_RULES: Rule[] = [
  {
    layerType: 'admin_units_old',
    outcome: 'compatible',
    reasonVi: 'Chỉ để biết địa bàn (đơn vị hành chính trước sắp xếp).',
    reasonEn: 'For information: the administrative units before the reorganisation.',
  },
  {
    layerType: 'admin_units_new',
    outcome: 'compatible',
    reasonVi: 'Chỉ để biết địa bàn (xã, phường từ 01/07/2025).',
    reasonEn: 'For information: the communes from 1 July 2025.',
  },
  {
    layerType: 'zone',
    outcome: 'needs_review',
    reasonVi: 'Nằm trong phân vùng của quy hoạch tỉnh: cần đối chiếu chức năng của phân vùng.',
    reasonEn: 'Inside a zone of the provincial plan: check the zone’s intended use.',
  },
  {
    layerType: 'industrial_park',
    outcome: 'needs_review',
    reasonVi: 'Chồng lấn khu, cụm công nghiệp: cần ý kiến của Ban quản lý các khu công nghiệp.',
    reasonEn: 'Overlaps an industrial park or cluster: ask the industrial parks authority.',
  },
  {
    layerType: 'urban_area',
    outcome: 'needs_review',
    reasonVi: 'Nằm trong đô thị: cần đối chiếu quy hoạch chung, quy hoạch phân khu.',
    reasonEn: 'Inside an urban area: check the master and zoning plans.',
  },
  {
    layerType: 'infrastructure_corridor',
    outcome: 'conflict',
    reasonVi:
      'Nằm trong hành lang bảo vệ công trình hạ tầng: không được xây dựng nếu chưa được cơ quan quản lý chấp thuận.',
    reasonEn: 'Inside an infrastructure protection corridor: no building without the operator’s approval.',
  },
  {
    layerType: 'protected',
    outcome: 'conflict',
    reasonVi: 'Chồng lấn khu vực được bảo vệ (rừng, di tích, nguồn nước…).',
    reasonEn: 'Overlaps a protected area (forest, heritage site, water source…).',
  },
  {
    layerType: 'restricted',
    outcome: 'conflict',
    reasonVi: 'Chồng lấn khu vực hạn chế phát triển.',
    reasonEn: 'Overlaps an area where development is restricted.',
  },
  {
    layerType: 'custom',
    outcome: 'needs_review',
    reasonVi: 'Chồng lấn lớp dữ liệu do quản trị viên nạp: cần xem xét.',
    reasonEn: 'Overlaps a layer loaded by an administrator: to be reviewed.',
  },
];

export async function seedConformity(db: Db): Promise<SeedCounts> {
  const { set, setWhere } = upsertChanged(conformityLayers, [
    'type',
    'nameVi',
    'nameEn',
    'source',
    'builtin',
    'sources',
  ]);
  await db.insert(conformityLayers).values(BUILTIN_LAYERS).onConflictDoUpdate({
    target: conformityLayers.id,
    set,
    setWhere,
  });
  // Rules are the administrators' once seeded: only missing ones are added.
  await db.insert(conformityRules).values(DEFAULT_RULES).onConflictDoNothing();
  return { 'conformity.builtinLayers': BUILTIN_LAYERS.length, 'conformity.rules': DEFAULT_RULES.length };
}
