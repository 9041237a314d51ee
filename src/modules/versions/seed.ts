// The plan versions of the built-in dataset: the old Thái Nguyên plan
// (222/QĐ-TTg), the old Bắc Kạn plan (1288/QĐ-TTg) and the 2026 adjustment of
// the Thái Nguyên plan after the merger. The 2026 version starts as a copy of
// 222/QĐ-TTg; the adjusted targets of indicators.json (plan_version
// `dieu_chinh_2026`) are laid over it with their sources and doubts. Nothing
// else is changed: what the sources do not say about the adjustment stays as
// it was, marked "carried over". Idempotent.
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../kernel/db/types.ts';
import { upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { readDataset } from '../geo/dataset.ts';
import { plans } from '../plan/schema.ts';
import { PLAN_CODES } from '../plan/seed.ts';
import { planVersions } from './schema.ts';
import {
  copySnapshot,
  type SectionSnap,
  type Snapshot,
  snapshotOfPlan,
  type TargetSnap,
  targetKey,
} from './snapshot.ts';

export const VERSION_CODES = {
  thaiNguyen222: 'tn-qd222-v1',
  bacKan1288: 'bk-qd1288-v1',
  adjustment2026: 'tn-dieu-chinh-2026-v2',
} as const;

/**
 * Adjusted targets that revise a target of 222/QĐ-TTg: the same measure in the
 * same unit, over a new period. GRDP growth was 8–8,5 %/năm over 2021–2030 and is
 * ≥ 10,5 %/năm over 2026–2030 in the sources on the 2026 session. Other adjusted
 * targets measure something 222/QĐ-TTg did not target (or in another unit) and
 * are shown as added.
 */
const REVISES: Record<string, string> = { grdp_growth_2026_2030: 'grdp_growth' };

const sources = z.array(z.url());
const planFile = z.looseObject({
  planning_task_decision: z.looseObject({ number: z.string(), year: z.number().int(), sources }),
  goals: z.looseObject({ sources }),
  reorganisation_2025: z.looseObject({ legal_basis_province: z.string(), sources }),
  plan_adjustment_after_merger: z.looseObject({ headline_goal_vi: z.string(), note: z.string(), sources }),
  related_plans: z.array(
    z.looseObject({
      approval_decision: z.looseObject({ number: z.string() }),
      hdnd_resolution: z.string().optional(),
      goal_2030_vi: z.string(),
      other_vi: z.array(z.string()).optional(),
      targets_2030: z
        .array(
          z.object({
            code: z.string(),
            name_vi: z.string(),
            value: z.union([
              z.number(),
              z.object({ min: z.number().optional(), max: z.number().optional() }),
            ]),
            comparator: z.enum(['gt', 'gte', 'approx', 'lt', 'lte']).optional(),
            unit: z.string(),
          }),
        )
        .default([]),
      sources,
      note: z.string().optional(),
    }),
  ),
});
type PlanFile = z.infer<typeof planFile>;

function bacKanSnapshot(data: PlanFile): Snapshot {
  const bk = data.related_plans.find((p) => p.approval_decision.number === '1288/QĐ-TTg');
  if (!bk) return { targets: [], items: [], projects: [], sections: [] };
  const targets: TargetSnap[] = bk.targets_2030.map((t) => {
    const band = typeof t.value === 'object' ? t.value : null;
    return {
      key: targetKey(t.code, 2030, null),
      code: t.code,
      nameVi: t.name_vi,
      nameEn: null,
      unit: t.unit,
      year: 2030,
      periodStart: null,
      value: band ? null : (t.value as number),
      min: band?.min ?? null,
      max: band?.max ?? null,
      comparator: t.comparator ?? 'eq',
      note: bk.note ?? null,
      sources: bk.sources,
    };
  });
  const sections: SectionSnap[] = [
    {
      key: 'muc-tieu-den-2030',
      titleVi: 'Mục tiêu đến năm 2030',
      titleEn: 'Goals to 2030',
      bodyVi: [bk.goal_2030_vi, ...(bk.other_vi ?? []).map((x) => `- ${x}`)].join('\n'),
      sources: bk.sources,
    },
  ];
  return { targets, items: [], projects: [], sections };
}

/** The 2026 adjustment: a copy of 222/QĐ-TTg with the adjusted targets and goal laid over it. */
function adjustmentSnapshot(previous: Snapshot, adjusted: Snapshot, data: PlanFile): Snapshot {
  const base = copySnapshot(previous);
  const revised = new Set<string>();
  const targets: TargetSnap[] = adjusted.targets.map((t) => {
    const oldCode = REVISES[t.code];
    const old = oldCode ? base.targets.find((b) => b.code === oldCode) : undefined;
    if (old) revised.add(old.key);
    return old ? { ...t, supersedes: old.key } : t;
  });
  const adj = data.plan_adjustment_after_merger;
  const goal: SectionSnap = {
    key: 'muc-tieu-dieu-chinh-2026',
    titleVi: 'Mục tiêu theo bản điều chỉnh năm 2026',
    titleEn: 'Goals of the 2026 adjustment',
    bodyVi: adj.headline_goal_vi,
    note: adj.note,
    sources: adj.sources,
  };
  return {
    targets: [...base.targets.filter((t) => !revised.has(t.key)), ...targets],
    items: base.items,
    projects: base.projects,
    sections: [...base.sections, goal],
  };
}

type VersionRow = typeof planVersions.$inferInsert;

/**
 * A version is a record of what the plan said: its snapshot is written once. A
 * re-seed (`quyhoach seed`) updates the decision, legal ground and doubts, not the
 * snapshot, so contents planners edited since are not read into an approved version.
 */
async function upsertVersion(db: Db, row: VersionRow): Promise<number> {
  const keys = Object.keys(row).filter((k) => k !== 'seedCode' && k !== 'snapshot') as (keyof VersionRow &
    string)[];
  const { set, setWhere } = upsertChanged(planVersions, keys, { bumpRowVersion: true });
  await db
    .insert(planVersions)
    .values(row)
    .onConflictDoUpdate({ target: planVersions.seedCode, set, setWhere });
  const [saved] = await db
    .select({ id: planVersions.id })
    .from(planVersions)
    .where(eq(planVersions.seedCode, row.seedCode!));
  return saved!.id;
}

export async function seedVersions(db: Db): Promise<SeedCounts> {
  const data = readDataset('thai-nguyen-2021-2030/plan.json', planFile);
  const rows = await db
    .select()
    .from(plans)
    .where(inArray(plans.code, Object.values(PLAN_CODES)));
  const plan = (code: string) => {
    const p = rows.find((r) => r.code === code);
    if (!p) throw new Error(`plan ${code} missing: the plan module seeds before versions`);
    return p;
  };
  const tn = plan(PLAN_CODES.thaiNguyen);
  const bk = plan(PLAN_CODES.bacKan);
  const adj = plan(PLAN_CODES.adjustment2026);
  const decision = (p: typeof tn) => ({
    decisionType: p.decisionType,
    decisionNumber: p.decisionNumber,
    decisionDate: p.decisionDate,
    decisionIssuerVi: p.decisionIssuerVi,
  });

  const tnSnapshot = await snapshotOfPlan(db, tn.id, { withProjects: true });
  const task = data.planning_task_decision;
  const v1 = await upsertVersion(db, {
    seedCode: VERSION_CODES.thaiNguyen222,
    planId: tn.id,
    recordPlanId: tn.id,
    versionNumber: 1,
    previousVersionId: null,
    kind: 'original',
    status: 'approved',
    labelVi: `Quy hoạch được phê duyệt (${tn.decisionNumber})`,
    labelEn: `Approved plan (${tn.decisionNumber})`,
    legalGroundVi: `Nhiệm vụ lập quy hoạch được phê duyệt tại Quyết định ${task.number} (năm ${task.year}).`,
    legalGroundEn: `Planning task approved by Decision ${task.number} (${task.year}).`,
    ...decision(tn),
    doubtsVi: tn.notes,
    doubtsEn: null,
    snapshot: tnSnapshot,
    sources: [...new Set([...tn.sources, ...task.sources])],
    isSample: false,
  });

  const bkPlan = data.related_plans.find((p) => p.approval_decision.number === '1288/QĐ-TTg');
  await upsertVersion(db, {
    seedCode: VERSION_CODES.bacKan1288,
    planId: bk.id,
    recordPlanId: bk.id,
    versionNumber: 1,
    previousVersionId: null,
    kind: 'original',
    status: 'approved',
    labelVi: `Quy hoạch được phê duyệt (${bk.decisionNumber})`,
    labelEn: `Approved plan (${bk.decisionNumber})`,
    legalGroundVi: bkPlan?.hdnd_resolution ? `Thông qua tại ${bkPlan.hdnd_resolution}.` : null,
    legalGroundEn: null,
    ...decision(bk),
    doubtsVi: bk.notes,
    doubtsEn: null,
    snapshot: bacKanSnapshot(data),
    sources: bk.sources,
    isSample: false,
  });

  const adjusted = await snapshotOfPlan(db, adj.id, { withProjects: false });
  const reorg = data.reorganisation_2025;
  await upsertVersion(db, {
    seedCode: VERSION_CODES.adjustment2026,
    planId: tn.id,
    recordPlanId: adj.id,
    versionNumber: 2,
    previousVersionId: v1,
    kind: 'adjustment',
    status: 'adopted',
    labelVi: adj.versionLabelVi ?? 'Bản điều chỉnh năm 2026',
    labelEn: 'Adjustment of 2026 (after the merger of the provinces)',
    legalGroundVi: `Hợp nhất tỉnh Bắc Kạn và tỉnh Thái Nguyên từ 01/07/2025 theo ${reorg.legal_basis_province}.`,
    legalGroundEn: 'Merger of Bac Kan and Thai Nguyen provinces from 1 July 2025 (Resolution 202/2025/QH15).',
    ...decision(adj),
    doubtsVi: [
      adj.notes,
      'Những chỉ tiêu, khu, dự án và nội dung mà nguồn về bản điều chỉnh không nhắc tới được chép nguyên từ bản 222/QĐ-TTg (đánh dấu "chép từ bản trước"); nguồn không cho biết bản điều chỉnh giữ hay thay đổi chúng.',
      'Chỉ tiêu tăng trưởng GRDP 2026–2030 được coi là sửa chỉ tiêu tăng trưởng GRDP 2021–2030 của bản 222/QĐ-TTg (cùng đại lượng, cùng đơn vị, giai đoạn mới).',
    ]
      .filter(Boolean)
      .join(' '),
    doubtsEn:
      'Targets, zones, projects and texts the sources on the adjustment do not mention are copied from 222/QĐ-TTg ("carried over"); the sources do not say whether the adjustment keeps them. The 2026–2030 GRDP growth target is taken as the revision of the 2021–2030 GRDP growth target of 222/QĐ-TTg (same measure and unit, new period).',
    snapshot: adjustmentSnapshot(tnSnapshot, adjusted, data),
    sources: [...new Set([...adj.sources, ...reorg.sources])],
    isSample: false,
  });
  return { 'versions.versions': 3 };
}
