// Seeds the plan's contents from datasets/thai-nguyen-2021-2030: the typed items
// (industrial parks and clusters, urban areas, zones, infrastructure, sectors,
// 6 empty breakthrough places) and a section tree built only from what the data
// holds. Every item keeps its source URLs; unknown stays empty. Idempotent.
import { pointOnFeature } from '@turf/turf';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../kernel/db/types.ts';
import { upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { readDataset } from '../geo/dataset.ts';
import { adminUnits } from '../geo/schema.ts';
import { foldVietnamese } from '../search/normalize.ts';
import { upsertSearchDocuments } from '../search/register.ts';
import { itemPath, plainName, sectionPath } from './paths.ts';
import { type ItemKind, planItems, planSectionItems, planSections, plans } from './schema.ts';

type Rec = Record<string, unknown> & { code: string; name_vi: string; name_en?: string };
type ItemRow = typeof planItems.$inferInsert;
type SectionSeed = {
  code: string;
  parent?: string;
  kind: 'part' | 'chapter' | 'article';
  slug: string;
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn?: string;
  sources: string[];
  items?: string[];
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const uniq = (xs: (string | null | undefined)[]): string[] => [
  ...new Set(xs.filter((x): x is string => !!x)),
];
const slugOf = (code: string) => code.replace(/_/g, '-').toLowerCase();

function sourcesOf(r: Record<string, unknown>): string[] {
  return uniq([
    str(r.source),
    ...strs(r.additional_sources),
    ...strs(r.sources),
    str(r.current_status_source),
  ]).filter((u) => /^https?:\/\//.test(u));
}

type District = { id: string; nameVi: string; geometry: unknown };

/** "TP Sông Công", "Huyện Phú Bình", "Thành phố Thái Nguyên" → the pre-2025 district of that name. */
function districtsFor(names: string[], districts: District[]): District[] {
  const found: District[] = [];
  for (const raw of names) {
    const name = foldVietnamese(
      raw
        .replace(/\(.*\)/, '')
        .replace(/^(TP|Thành phố|Huyện|Thị xã|TX)\s+/i, '')
        .trim(),
    );
    const d = districts.find((x) => foldVietnamese(x.nameVi) === name);
    if (d && !found.includes(d)) found.push(d);
  }
  return found;
}

function placeOf(names: string[], districts: District[]) {
  const ds = districtsFor(names, districts);
  const first = ds[0];
  if (!first?.geometry) return { adminUnitIds: ds.map((d) => d.id), geometry: null, placeNote: null };
  const p = pointOnFeature(first.geometry as Parameters<typeof pointOnFeature>[0]);
  const [x, y] = p.geometry.coordinates as [number, number];
  return {
    adminUnitIds: ds.map((d) => d.id),
    geometry: {
      type: 'Point' as const,
      coordinates: [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4] as [number, number],
    },
    placeNote: `district:${first.id}`,
  };
}

const fmtHa = (v: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(v);

function item(planId: number, kind: ItemKind, position: number, r: Rec, fields: Partial<ItemRow>): ItemRow {
  const { code, name_vi, name_en, source, additional_sources, sources, ...details } = r;
  return {
    planId,
    kind,
    code,
    slug: slugOf(code),
    position,
    nameVi: name_vi,
    nameEn: name_en ?? null,
    subtype: null,
    summaryVi: null,
    summaryEn: null,
    areaHa: null,
    urbanClass: null,
    targetYear: null,
    statusVi: null,
    locationVi: [],
    adminUnitIds: [],
    geometry: null,
    placeNote: null,
    isPlaceholder: false,
    details,
    sources: sourcesOf(r),
    isSample: false,
    ...fields,
  };
}

export async function seedPlanContents(db: Db, planCode: string): Promise<SeedCounts> {
  const [plan] = await db.select().from(plans).where(eq(plans.code, planCode));
  if (!plan) throw new Error(`plan ${planCode} missing`);
  const districts = (await db
    .select({ id: adminUnits.id, nameVi: adminUnits.nameVi, geometry: adminUnits.geometry })
    .from(adminUnits)
    .where(eq(adminUnits.level, 'district'))) as District[];

  const dir = 'thai-nguyen-2021-2030';
  const parks = readDataset(`${dir}/industrial_parks.json`, z.any()) as {
    summary: Record<string, unknown> & {
      industrial_parks_total_2030: Record<string, unknown>;
      industrial_clusters_total_2030: Record<string, unknown>;
    };
    industrial_parks: Rec[];
    industrial_clusters: Rec[];
  };
  const urban = readDataset(`${dir}/urban_areas.json`, z.any()) as {
    planned_total_2030: number;
    planned_breakdown_2030: Record<string, number>;
    records: Rec[];
  };
  const zones = readDataset(`${dir}/zones.json`, z.any()) as { records: Rec[] };
  const infra = readDataset(`${dir}/infrastructure.json`, z.any()) as { records: Rec[] };
  const sectors = readDataset(`${dir}/sectors.json`, z.any()) as { records: Rec[] };
  const breakthroughs = readDataset(`${dir}/breakthroughs.json`, z.any()) as {
    records: unknown[];
    note: string;
  };
  const planFile = readDataset(`${dir}/plan.json`, z.any()) as Record<string, Record<string, unknown>>;

  const rows: ItemRow[] = [];
  parks.industrial_parks.forEach((r, i) => {
    const loc = strs(r.location_vi);
    const area = num(r.area_ha);
    rows.push(
      item(plan.id, 'industrial_park', i, r, {
        subtype: str(r.type),
        areaHa: area,
        statusVi: str(r.group_vi),
        locationVi: loc,
        summaryVi: [
          area !== null ? `Diện tích quy hoạch: ${fmtHa(area)} ha.` : null,
          loc.length ? `Vị trí: ${loc.join(', ')}.` : null,
        ]
          .filter(Boolean)
          .join(' '),
        ...placeOf(loc, districts),
      }),
    );
  });
  parks.industrial_clusters.forEach((r, i) => {
    const loc = strs(r.location_vi);
    const area = num(r.area_ha);
    rows.push(
      item(plan.id, 'industrial_cluster', i, r, {
        subtype: 'CCN',
        areaHa: area,
        locationVi: loc,
        summaryVi: [
          area !== null ? `Diện tích: ${fmtHa(area)} ha.` : null,
          loc.length ? `Vị trí: ${loc.join(', ')}.` : null,
        ]
          .filter(Boolean)
          .join(' '),
        ...placeOf(loc, districts),
      }),
    );
  });
  urban.records.forEach((r, i) => {
    const placeNames = uniq([
      str(r.district_vi),
      r.kind_vi === 'thành phố trực thuộc tỉnh' ? r.name_vi : null,
    ]);
    rows.push(
      item(plan.id, 'urban_area', i, r, {
        subtype: str(r.kind_vi),
        urbanClass: str(r.planned_class),
        targetYear: num(r.target_year),
        statusVi: str(r.current_status),
        locationVi: placeNames,
        summaryVi: [str(r.current_status), ...strs(r.extra_vi)].filter(Boolean).join('. '),
        ...placeOf(placeNames, districts),
      }),
    );
  });
  zones.records.forEach((r, i) => {
    const loc = strs(r.location_vi);
    rows.push(
      item(plan.id, 'zone', i, r, {
        subtype: str(r.zone_type),
        areaHa: num(r.area_ha),
        locationVi: loc,
        summaryVi: [str(r.description_vi), str(r.detail_vi)].filter(Boolean).join(' '),
        ...placeOf(loc, districts),
      }),
    );
  });
  infra.records.forEach((r, i) => {
    const loc = strs(r.location_vi);
    rows.push(
      item(plan.id, 'infrastructure', i, r, {
        subtype: str(r.category),
        areaHa: num(r.area_ha),
        statusVi: str(r.status),
        locationVi: loc,
        summaryVi: strs(r.facts_vi).join(' '),
        ...placeOf(loc, districts),
      }),
    );
  });
  sectors.records.forEach((r, i) => {
    rows.push(
      item(plan.id, 'sector', i, r, {
        summaryVi: strs(r.directions_vi).join('. '),
        summaryEn: strs(r.directions_en).join('. ') || null,
      }),
    );
  });
  if (breakthroughs.records.length === 0) {
    for (let n = 1; n <= 6; n++) {
      rows.push({
        ...item(
          plan.id,
          'breakthrough',
          n,
          {
            code: `dot_pha_${n}`,
            name_vi: `Đột phá ${n} — chưa có dữ liệu`,
            name_en: `Breakthrough ${n} — no data yet`,
          },
          {},
        ),
        isPlaceholder: true,
        details: { dataset_note: breakthroughs.note },
      });
    }
  }

  const { set, setWhere } = upsertChanged(
    planItems,
    [
      'kind',
      'slug',
      'position',
      'nameVi',
      'nameEn',
      'subtype',
      'summaryVi',
      'summaryEn',
      'areaHa',
      'urbanClass',
      'targetYear',
      'statusVi',
      'locationVi',
      'adminUnitIds',
      'geometry',
      'placeNote',
      'details',
      'sources',
      'isSample',
    ],
    { bumpRowVersion: true },
  );
  // Placeholders a planner has filled in are left alone by a re-seed.
  const seedRows = rows.filter((r) => !r.isPlaceholder);
  for (let i = 0; i < seedRows.length; i += 100) {
    await db
      .insert(planItems)
      .values(seedRows.slice(i, i + 100))
      .onConflictDoUpdate({ target: [planItems.planId, planItems.code], set, setWhere });
  }
  const placeholders = rows.filter((r) => r.isPlaceholder);
  if (placeholders.length) await db.insert(planItems).values(placeholders).onConflictDoNothing();

  const written = await db.select().from(planItems).where(eq(planItems.planId, plan.id));
  const idByCode = new Map(written.map((w) => [w.code, w.id]));
  const codesOfKind = (k: ItemKind) =>
    written
      .filter((w) => w.kind === k)
      .sort((a, b) => a.position - b.position)
      .map((w) => w.code);

  // ---- the section tree, from what the data holds
  const goals = planFile.goals as Record<string, unknown>;
  const approval = planFile.approval_decision as Record<string, unknown>;
  const task = planFile.planning_task_decision as Record<string, unknown>;
  const impl = planFile.implementation_plan_decision as Record<string, unknown>;
  const scope = planFile.scope_at_approval as Record<string, unknown>;
  const ipTotal = parks.summary.industrial_parks_total_2030;
  const ccTotal = parks.summary.industrial_clusters_total_2030;
  const bullet = (xs: string[]) => xs.map((x) => `- ${x}`).join('\n');
  const urbanSources = uniq(
    urban.records.flatMap((r) => [str(r.source), ...strs(r.additional_sources)]),
  ).slice(0, 3);

  const sections: SectionSeed[] = [
    {
      code: 'thong-tin-chung',
      kind: 'part',
      slug: 'thong-tin-chung',
      titleVi: 'Phần I. Thông tin chung về quy hoạch',
      titleEn: 'Part I. About the plan',
      bodyVi: [
        `**${str(approval.title_vi)}** — ${str(approval.type_vi)} số ${str(approval.number)} ngày ${String(approval.date).split('-').reverse().join('/')} của ${str(approval.issuer_vi)}, người ký: ${str(approval.signer)} (${str(approval.signer_title_vi)}).`,
        '',
        `Nhiệm vụ lập quy hoạch: Quyết định ${str(task.number)} (năm ${String(task.year)}).`,
        '',
        `Kế hoạch thực hiện quy hoạch: Quyết định ${str(impl.number)} ngày ${String(impl.date).split('-').reverse().join('/')} — ${str(impl.title_vi)}.`,
        '',
        `Phạm vi lập quy hoạch: diện tích tự nhiên ${fmtHa(Number(scope.natural_area_ha))} ha; ${String(scope.district_level_units_count)} đơn vị hành chính cấp huyện (trước năm 2025).`,
      ].join('\n'),
      bodyEn: `Decision ${str(approval.number)} of the Prime Minister approved the provincial master plan; Decision ${str(impl.number)} issued its implementation plan.`,
      sources: uniq([
        ...strs(approval.sources),
        ...strs(task.sources),
        ...strs(impl.sources),
        ...strs(scope.sources),
      ]),
    },
    {
      code: 'muc-tieu',
      kind: 'part',
      slug: 'muc-tieu',
      titleVi: 'Phần II. Mục tiêu phát triển',
      titleEn: 'Part II. Development goals',
      bodyVi: str(goals.overall_vi) ?? '',
      bodyEn: str(goals.overall_en) ?? undefined,
      sources: strs(goals.sources),
    },
    {
      code: 'muc-tieu-2025',
      parent: 'muc-tieu',
      kind: 'article',
      slug: 'muc-tieu-den-2025',
      titleVi: 'Mục tiêu đến năm 2025',
      titleEn: 'Goals to 2025',
      bodyVi: bullet(strs(goals.by_2025_vi)),
      sources: strs(goals.sources),
    },
    {
      code: 'muc-tieu-2030',
      parent: 'muc-tieu',
      kind: 'article',
      slug: 'muc-tieu-den-2030',
      titleVi: 'Mục tiêu đến năm 2030',
      titleEn: 'Goals to 2030',
      bodyVi: bullet(strs(goals.by_2030_vi)),
      sources: strs(goals.sources),
    },
    {
      code: 'tam-nhin-2050',
      parent: 'muc-tieu',
      kind: 'article',
      slug: 'tam-nhin-den-2050',
      titleVi: 'Tầm nhìn đến năm 2050',
      titleEn: 'Vision to 2050',
      bodyVi: bullet(strs(goals.by_2050_vi)),
      sources: strs(goals.sources),
    },
    {
      code: 'dot-pha',
      kind: 'part',
      slug: 'cac-khau-dot-pha',
      titleVi: 'Phần III. Các khâu đột phá',
      titleEn: 'Part III. Development breakthroughs',
      bodyVi:
        'Quy hoạch xác định 6 khâu đột phá phát triển. **Chưa có dữ liệu:** danh sách các khâu đột phá chưa được thu thập từ nguồn công khai; cơ quan lập quy hoạch sẽ bổ sung.',
      bodyEn:
        'The plan sets 6 development breakthroughs. **No data yet:** their list has not been collected from a public source.',
      sources: [],
      items: codesOfKind('breakthrough'),
    },
    {
      code: 'nganh',
      kind: 'part',
      slug: 'phuong-huong-phat-trien-nganh',
      titleVi: 'Phần IV. Phương hướng phát triển các ngành',
      titleEn: 'Part IV. Sector directions',
      bodyVi: 'Phương hướng phát triển các ngành quan trọng theo quy hoạch.',
      sources: [],
      items: codesOfKind('sector'),
    },
    ...sectors.records.map<SectionSeed>((r) => ({
      code: `nganh-${slugOf(r.code)}`,
      parent: 'nganh',
      kind: 'article',
      slug: `nganh-${slugOf(r.code)}`,
      titleVi: r.name_vi,
      titleEn: r.name_en ?? r.name_vi,
      bodyVi: bullet(strs(r.directions_vi)),
      bodyEn: bullet(strs(r.directions_en)) || undefined,
      sources: sourcesOf(r),
      items: [r.code],
    })),
    {
      code: 'do-thi',
      kind: 'part',
      slug: 'he-thong-do-thi',
      titleVi: 'Phần V. Hệ thống đô thị',
      titleEn: 'Part V. Urban system',
      bodyVi: `Đến năm 2030 có ${urban.planned_total_2030} đô thị: ${Object.entries(
        urban.planned_breakdown_2030,
      )
        .map(([k, v]) => `${v} đô thị ${k.replace('loai_', 'loại ')}`)
        .join(', ')}. Danh sách dưới đây có ${urban.records.length} đô thị đã được nêu tên trong nguồn.`,
      sources: urbanSources,
      items: codesOfKind('urban_area'),
    },
    {
      code: 'khu-cong-nghiep',
      kind: 'part',
      slug: 'khu-cong-nghiep-cum-cong-nghiep',
      titleVi: 'Phần VI. Khu công nghiệp, cụm công nghiệp',
      titleEn: 'Part VI. Industrial parks and clusters',
      bodyVi: [
        `Đến năm 2030: ${String(ipTotal.count_ip)} khu công nghiệp và ${String(ipTotal.count_it_park)} khu công nghệ thông tin tập trung, tổng diện tích ${fmtHa(Number(ipTotal.area_ha))} ha.`,
        '',
        `${String(ccTotal.count)} cụm công nghiệp, tổng diện tích ${fmtHa(Number(ccTotal.area_ha))} ha (${String(ccTotal.new_clusters)} cụm mới).`,
        '',
        str(parks.summary.policy_vi) ?? '',
      ].join('\n'),
      sources: uniq([
        str(ipTotal.source),
        ...strs(ipTotal.additional_sources),
        str(ccTotal.source),
        ...strs(ccTotal.additional_sources),
      ]),
      items: [...codesOfKind('industrial_park'), ...codesOfKind('industrial_cluster')],
    },
    {
      code: 'khu-chuc-nang',
      kind: 'part',
      slug: 'cac-khu-chuc-nang',
      titleVi: 'Phần VII. Các khu chức năng',
      titleEn: 'Part VII. Functional zones',
      bodyVi:
        'Cực tăng trưởng, khu vực động lực, khu du lịch, di tích và tổ hợp chức năng được nêu trong các nguồn.',
      sources: [],
      items: codesOfKind('zone'),
    },
    {
      code: 'ha-tang',
      kind: 'part',
      slug: 'ket-cau-ha-tang',
      titleVi: 'Phần VIII. Kết cấu hạ tầng',
      titleEn: 'Part VIII. Infrastructure',
      bodyVi: 'Các công trình hạ tầng kỹ thuật và xã hội được nêu trong các nguồn.',
      sources: [],
      items: codesOfKind('infrastructure'),
    },
    {
      code: 'vung-lien-huyen',
      kind: 'part',
      slug: 'vung-lien-huyen',
      titleVi: 'Phần IX. Phương án phát triển vùng liên huyện',
      titleEn: 'Part IX. Inter-district regions',
      bodyVi: '**Chưa có dữ liệu.**',
      bodyEn: '**No data yet.**',
      sources: [],
    },
    {
      code: 'giai-phap',
      kind: 'part',
      slug: 'giai-phap-thuc-hien',
      titleVi: 'Phần X. Giải pháp thực hiện quy hoạch',
      titleEn: 'Part X. Implementation solutions',
      bodyVi: `Kế hoạch thực hiện quy hoạch được ban hành kèm Quyết định ${str(impl.number)}. Nội dung chi tiết các nhóm giải pháp: **chưa có dữ liệu.**`,
      sources: strs(impl.sources),
    },
  ];

  const sectionKeys = [
    'planId',
    'parentId',
    'kind',
    'slug',
    'position',
    'titleVi',
    'titleEn',
    'bodyVi',
    'bodyEn',
    'sources',
  ] as const;
  const sSet = upsertChanged(planSections, sectionKeys, { bumpRowVersion: true });
  const sectionIds = new Map<string, number>();
  const positions = new Map<string, number>();
  for (const s of sections) {
    const parentKey = s.parent ?? '';
    const position = positions.get(parentKey) ?? 0;
    positions.set(parentKey, position + 1);
    const parentId = s.parent ? (sectionIds.get(s.parent) ?? null) : null;
    const [row] = await db
      .insert(planSections)
      .values({
        planId: plan.id,
        parentId,
        kind: s.kind,
        slug: s.slug,
        position,
        titleVi: s.titleVi,
        titleEn: s.titleEn,
        bodyVi: s.bodyVi,
        bodyEn: s.bodyEn ?? null,
        status: 'published',
        publishedAt: new Date(`${String(approval.date)}T00:00:00Z`),
        seedCode: `${planCode}:${s.code}`,
        sources: s.sources,
      })
      .onConflictDoUpdate({ target: planSections.seedCode, set: sSet.set, setWhere: sSet.setWhere })
      .returning({ id: planSections.id });
    const id =
      row?.id ??
      (
        await db
          .select({ id: planSections.id })
          .from(planSections)
          .where(eq(planSections.seedCode, `${planCode}:${s.code}`))
      )[0]!.id;
    sectionIds.set(s.code, id);
    const itemIds = (s.items ?? []).map((c) => idByCode.get(c)).filter((x): x is number => x !== undefined);
    if (itemIds.length) {
      await db
        .insert(planSectionItems)
        .values(itemIds.map((itemId) => ({ sectionId: id, itemId })))
        .onConflictDoNothing();
    }
  }

  // ---- search index
  const allSections = await db
    .select()
    .from(planSections)
    .where(and(eq(planSections.planId, plan.id), eq(planSections.status, 'published')));
  await upsertSearchDocuments(db, [
    ...allSections.map((s) => ({
      type: 'section',
      key: String(s.id),
      title: s.titleVi,
      titleEn: s.titleEn,
      body: s.bodyVi.replace(/[*_#>`-]/g, ' '),
      url: sectionPath(s.slug),
    })),
    ...written.map((w) => ({
      type: w.kind,
      key: String(w.id),
      title: plainName(w.nameVi),
      titleEn: w.nameEn,
      body: [w.nameVi, w.summaryVi, w.locationVi.join(', '), w.statusVi].filter(Boolean).join(' '),
      url: itemPath(w.kind, w.slug),
      boost: w.isPlaceholder ? 0 : 2,
    })),
  ]);
  void inArray;
  return { 'plan.items': written.length, 'plan.sections': sections.length };
}
