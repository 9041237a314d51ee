// Loads the three plan records of datasets/thai-nguyen-2021-2030/plan.json: the
// approved Thái Nguyên and Bắc Kạn plans, and the 2026 post-merger adjustment.
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../kernel/db/types.ts';
import { upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { readDataset } from '../geo/dataset.ts';
import { seedPlanContents } from './contents-seed.ts';
import { seedPublicationEvents } from './publication.ts';
import { planLinks, plans } from './schema.ts';

type PlanRow = typeof plans.$inferInsert;

export const PLAN_CODES = {
  thaiNguyen: 'tn-2021-2030-qd222',
  bacKan: 'bk-2021-2030-qd1288',
  adjustment2026: 'tn-2021-2030-dieu-chinh-2026',
} as const;

const sources = z.array(z.url()).min(1);
const sourced = z.looseObject({ sources });
const isoDate = z.iso.date();

const planFileSchema = z.looseObject({
  name_vi: z.string().min(1),
  name_en: z.string().min(1),
  province_vi: z.string().min(1),
  dataset_note: z.string(),
  period: z.object({ start_year: z.number().int(), end_year: z.number().int() }),
  vision_year: z.number().int(),
  approval_decision: sourced.extend({
    number: z.string().min(1),
    date: isoDate,
    type_vi: z.string().min(1),
    issuer_vi: z.string().min(1),
    issuer_en: z.string().min(1),
    signer: z.string().min(1),
    signer_title_vi: z.string().min(1),
    title_vi: z.string().min(1),
  }),
  planning_task_decision: sourced,
  implementation_plan_decision: sourced,
  preparation: sourced,
  goals: sourced.extend({ overall_vi: z.string().min(1), overall_en: z.string().min(1) }),
  scope_at_approval: sourced,
  milestones: z.array(z.looseObject({ date: isoDate, event_vi: z.string(), sources })),
  reorganisation_2025: sourced,
  plan_adjustment_after_merger: sourced.extend({ status_vi: z.string().min(1), note: z.string() }),
  related_plans: z.array(
    z.looseObject({
      name_vi: z.string().min(1),
      name_en: z.string().min(1),
      approval_decision: z.object({ number: z.string().min(1), date: isoDate, signer: z.string().min(1) }),
      goal_2030_vi: z.string().min(1),
      sources,
      note: z.string(),
    }),
  ),
  gaps: z.array(z.string()),
});

type PlanFile = z.infer<typeof planFileSchema>;

const BAC_KAN_DECISION = '1288/QĐ-TTg';
const ADJUSTMENT_DATE = '2026-02-04';

const union = (...lists: string[][]): string[] => [...new Set(lists.flat())];

function thaiNguyenPlan(data: PlanFile): PlanRow {
  const d = data.approval_decision;
  return {
    code: PLAN_CODES.thaiNguyen,
    nameVi: data.name_vi,
    nameEn: data.name_en,
    provinceCode: '19',
    provinceNameVi: data.province_vi,
    periodStart: data.period.start_year,
    periodEnd: data.period.end_year,
    visionYear: data.vision_year,
    status: 'approved',
    versionNumber: 1,
    versionLabelVi: 'Bản phê duyệt năm 2023',
    previousVersionId: null,
    decisionType: d.type_vi,
    decisionNumber: d.number,
    decisionDate: d.date,
    decisionIssuerVi: d.issuer_vi,
    decisionIssuerEn: d.issuer_en,
    decisionSigner: d.signer,
    decisionSignerTitleVi: d.signer_title_vi,
    decisionTitleVi: d.title_vi,
    summaryVi: data.goals.overall_vi,
    summaryEn: data.goals.overall_en,
    facts: {
      approval_decision: d,
      goals: data.goals,
      scope_at_approval: data.scope_at_approval,
      implementation_plan_decision: data.implementation_plan_decision,
      planning_task_decision: data.planning_task_decision,
      preparation: data.preparation,
      milestones: data.milestones,
      gaps: data.gaps,
    },
    notes: data.dataset_note,
    sources: union(d.sources, data.planning_task_decision.sources, data.implementation_plan_decision.sources),
    isSample: false,
  };
}

function bacKanPlan(data: PlanFile): PlanRow {
  const bk = data.related_plans.find((p) => p.approval_decision.number === BAC_KAN_DECISION);
  if (!bk) throw new Error(`plan.json has no related plan approved by ${BAC_KAN_DECISION}`);
  const { name_vi, name_en, ...facts } = bk;
  return {
    code: PLAN_CODES.bacKan,
    nameVi: name_vi,
    nameEn: name_en,
    provinceCode: '06',
    provinceNameVi: 'Bắc Kạn',
    // As in the plan's name: "thời kỳ 2021 - 2030, tầm nhìn đến năm 2050".
    periodStart: 2021,
    periodEnd: 2030,
    visionYear: 2050,
    status: 'approved',
    versionNumber: 1,
    versionLabelVi: 'Bản phê duyệt năm 2023',
    previousVersionId: null,
    decisionType: 'Quyết định',
    decisionNumber: bk.approval_decision.number,
    decisionDate: bk.approval_decision.date,
    // The "QĐ-TTg" symbol is the Prime Minister's; the signer's title and the decision's title were not captured.
    decisionIssuerVi: 'Thủ tướng Chính phủ',
    decisionIssuerEn: 'Prime Minister',
    decisionSigner: bk.approval_decision.signer,
    decisionSignerTitleVi: null,
    decisionTitleVi: null,
    summaryVi: bk.goal_2030_vi,
    summaryEn: null,
    facts,
    notes: [
      'Chưa có dữ liệu: trích yếu của Quyết định 1288/QĐ-TTg và chức vụ người ký chưa được thu thập;',
      'cơ quan ban hành suy ra từ ký hiệu QĐ-TTg.',
      bk.note,
    ].join(' '),
    sources: [...bk.sources],
    isSample: false,
  };
}

function adjustmentPlan(data: PlanFile, previousVersionId: number): PlanRow {
  const adj = data.plan_adjustment_after_merger;
  const adoption = data.milestones.find((m) => m.date === ADJUSTMENT_DATE);
  if (!adoption) throw new Error(`plan.json has no milestone on ${ADJUSTMENT_DATE}`);
  return {
    code: PLAN_CODES.adjustment2026,
    nameVi: `Điều chỉnh ${data.name_vi}`,
    nameEn: `Adjustment of the ${data.name_en}`,
    provinceCode: '19',
    provinceNameVi: data.province_vi,
    periodStart: data.period.start_year,
    periodEnd: data.period.end_year,
    visionYear: data.vision_year,
    status: 'adopted',
    versionNumber: 2,
    versionLabelVi: 'Bản điều chỉnh năm 2026 (sau hợp nhất tỉnh)',
    previousVersionId,
    decisionType: 'Nghị quyết',
    // Never invent: the resolution's number, signer and title were not captured.
    decisionNumber: null,
    decisionDate: ADJUSTMENT_DATE,
    decisionIssuerVi: 'Hội đồng nhân dân tỉnh Thái Nguyên',
    decisionIssuerEn: "Thai Nguyen Provincial People's Council",
    decisionSigner: null,
    decisionSignerTitleVi: null,
    decisionTitleVi: null,
    summaryVi: adj.status_vi,
    summaryEn:
      "The 14th-term Thai Nguyen Provincial People's Council adopted the resolution adjusting the provincial " +
      'master plan for 2021-2030 with a vision to 2050 (thematic session of 4 February 2026).',
    facts: {
      plan_adjustment_after_merger: adj,
      adoption_milestone: adoption,
      reorganisation_2025: data.reorganisation_2025,
    },
    notes: [
      'Chưa có dữ liệu: số hiệu Nghị quyết của HĐND tỉnh thông qua điều chỉnh quy hoạch và cấp phê duyệt',
      'bản điều chỉnh (HĐND tỉnh hay Thủ tướng Chính phủ) chưa được thu thập.',
      adj.note,
    ].join(' '),
    sources: union(adj.sources, adoption.sources),
    isSample: false,
  };
}

async function upsertPlans(db: Db, rows: PlanRow[]): Promise<Map<string, number>> {
  const { set, setWhere } = upsertChanged(
    plans,
    [
      'nameVi',
      'nameEn',
      'provinceCode',
      'provinceNameVi',
      'periodStart',
      'periodEnd',
      'visionYear',
      'status',
      'versionNumber',
      'versionLabelVi',
      'previousVersionId',
      'decisionType',
      'decisionNumber',
      'decisionDate',
      'decisionIssuerVi',
      'decisionIssuerEn',
      'decisionSigner',
      'decisionSignerTitleVi',
      'decisionTitleVi',
      'summaryVi',
      'summaryEn',
      'facts',
      'notes',
      'sources',
      'isSample',
    ],
    { bumpRowVersion: true },
  );
  await db.insert(plans).values(rows).onConflictDoUpdate({ target: plans.code, set, setWhere });
  const codes = rows.map((r) => r.code);
  const written = await db
    .select({ id: plans.id, code: plans.code })
    .from(plans)
    .where(inArray(plans.code, codes));
  return new Map(written.map((r) => [r.code, r.id]));
}

function idOf(ids: Map<string, number>, code: string): number {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`Plan ${code} was not written`);
  return id;
}

export async function seedPlans(db: Db): Promise<SeedCounts> {
  const data = readDataset('thai-nguyen-2021-2030/plan.json', planFileSchema);
  const approved = await upsertPlans(db, [thaiNguyenPlan(data), bacKanPlan(data)]);
  const adjusted = await upsertPlans(db, [adjustmentPlan(data, idOf(approved, PLAN_CODES.thaiNguyen))]);
  const adjustmentId = idOf(adjusted, PLAN_CODES.adjustment2026);
  const link = {
    planId: adjustmentId,
    otherPlanId: idOf(approved, PLAN_CODES.bacKan),
    kind: 'incorporates' as const,
    note: 'Tỉnh Bắc Kạn hợp nhất vào tỉnh Thái Nguyên từ 01/07/2025 (Nghị quyết 202/2025/QH15); bản điều chỉnh 2026 là quy hoạch của tỉnh Thái Nguyên sau hợp nhất.',
  };
  const { set, setWhere } = upsertChanged(planLinks, ['note']);
  await db
    .insert(planLinks)
    .values(link)
    .onConflictDoUpdate({ target: [planLinks.planId, planLinks.otherPlanId, planLinks.kind], set, setWhere });
  const contents = await seedPlanContents(db, PLAN_CODES.thaiNguyen);
  const events = await seedPublicationEvents(
    db,
    idOf(approved, PLAN_CODES.thaiNguyen),
    data.approval_decision.date,
    data.milestones,
  );
  return {
    'plan.plans': approved.size + adjusted.size,
    'plan.links': 1,
    ...contents,
    'plan.publicationEvents': events,
  };
}
