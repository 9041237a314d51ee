// Seeds the document library with the plan's real decisions (each linking to its
// public source; an unknown number stays empty) and news posts from the dated
// milestones of plan.json (each with its source). Idempotent.
import { z } from 'zod';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { upsertChanged } from '../../kernel/db/upsert.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { readDataset } from '../geo/dataset.ts';
import { upsertSearchDocuments } from '../search/register.ts';
import { documentSearchDocument, newsSearchDocument } from './publishing.ts';
import { legalDocuments, newsPosts } from './schema.ts';

type Doc = typeof legalDocuments.$inferInsert;
const src = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && /^https?:/.test(x)) : [];

function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

export async function seedEngagement(db: DbOrTx): Promise<SeedCounts> {
  const plan = readDataset('thai-nguyen-2021-2030/plan.json', z.any()) as Record<
    string,
    Record<string, unknown>
  > & {
    milestones: { date: string; event_vi: string; sources: string[] }[];
    related_plans: Record<string, unknown>[];
  };
  const a = plan.approval_decision ?? {};
  const impl = plan.implementation_plan_decision ?? {};
  const task = plan.planning_task_decision ?? {};
  const adj = plan.plan_adjustment_after_merger ?? {};
  const bk =
    plan.related_plans.find((p) => (p.approval_decision as { number: string }).number === '1288/QĐ-TTg') ??
    {};
  const bkImpl = (bk.implementation_plan ?? {}) as { number?: string; date?: string };
  const adoption = plan.milestones.find((m) => m.date === '2026-02-04');
  const docs: Doc[] = [
    {
      code: 'qd-222-2023',
      number: String(a.number),
      docType: 'Quyết định',
      titleVi: String(a.title_vi),
      titleEn: plan.name_en ? `Approval of the ${String(plan.name_en)}` : null,
      issuerVi: String(a.issuer_vi),
      issuerEn: a.issuer_en ? String(a.issuer_en) : null,
      signer: String(a.signer),
      issuedOn: String(a.date),
      effectStatus: 'in_force',
      summaryVi: 'Phê duyệt Quy hoạch tỉnh Thái Nguyên thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.',
      summaryEn: 'Approves the Thái Nguyên provincial master plan for 2021–2030, with a vision to 2050.',
      fileUrl: src(a.sources)[0] ?? null,
      planCode: 'tn-2021-2030-qd222',
      sources: src(a.sources),
    },
    {
      code: 'qd-1029-2024',
      number: String(impl.number),
      docType: 'Quyết định',
      titleVi: String(impl.title_vi),
      titleEn: impl.title_en ? String(impl.title_en) : null,
      issuerVi: String(impl.issuer_vi),
      signer: String(impl.signer),
      issuedOn: String(impl.date),
      effectStatus: 'in_force',
      summaryVi:
        `Ban hành Kế hoạch thực hiện Quy hoạch tỉnh Thái Nguyên. Căn cứ: ${String(impl.basis ?? '')}`.trim(),
      fileUrl: src(impl.sources)[0] ?? null,
      planCode: 'tn-2021-2030-qd222',
      sources: src(impl.sources),
    },
    {
      code: 'qd-664-2020',
      number: String(task.number),
      docType: 'Quyết định',
      titleVi: String(task.title_vi),
      issuerVi: 'Thủ tướng Chính phủ',
      signer: String(task.signer),
      issuedOn: null,
      effectStatus: 'in_force',
      summaryVi: 'Phê duyệt nhiệm vụ lập quy hoạch (ngày ban hành: chưa có dữ liệu).',
      fileUrl: null,
      planCode: 'tn-2021-2030-qd222',
      sources: src(task.sources),
    },
    {
      code: 'qd-1288-2023',
      number: '1288/QĐ-TTg',
      docType: 'Quyết định',
      titleVi: String(bk.name_vi ?? '') ? `Phê duyệt ${String(bk.name_vi)}` : null,
      titleEn: bk.name_en ? `Approval of the ${String(bk.name_en)}` : null,
      issuerVi: 'Thủ tướng Chính phủ',
      signer: String((bk.approval_decision as { signer?: string } | undefined)?.signer ?? '') || null,
      issuedOn: (bk.approval_decision as { date?: string } | undefined)?.date ?? null,
      effectStatus: 'in_force',
      summaryVi:
        'Quy hoạch tỉnh Bắc Kạn; còn hiệu lực trên địa bàn tỉnh Bắc Kạn cũ đến khi quy hoạch điều chỉnh thay thế.',
      summaryEn:
        'The Bắc Kạn provincial plan; in force on the territory of the former Bắc Kạn province until the adjusted plan replaces it.',
      fileUrl: src(bk.sources)[0] ?? null,
      planCode: 'bk-2021-2030-qd1288',
      sources: src(bk.sources),
    },
    {
      code: 'qd-872-2024',
      number: bkImpl.number ?? null,
      docType: 'Quyết định',
      titleVi: 'Kế hoạch thực hiện Quy hoạch tỉnh Bắc Kạn thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
      issuerVi: 'Thủ tướng Chính phủ',
      signer: null,
      issuedOn: bkImpl.date ?? null,
      effectStatus: 'in_force',
      summaryVi: null,
      fileUrl: null,
      planCode: 'bk-2021-2030-qd1288',
      sources: src(bk.sources),
    },
    {
      code: 'nq-hdnd-dieu-chinh-2026',
      number: null,
      docType: 'Nghị quyết',
      titleVi:
        'Nghị quyết của HĐND tỉnh Thái Nguyên về điều chỉnh Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
      issuerVi: 'Hội đồng nhân dân tỉnh Thái Nguyên',
      signer: null,
      issuedOn: adoption?.date ?? '2026-02-04',
      effectStatus: 'adopted',
      summaryVi: String(adj.status_vi ?? ''),
      fileUrl: null,
      planCode: 'tn-2021-2030-dieu-chinh-2026',
      sources: [...new Set([...src(adj.sources), ...src(adoption?.sources)])],
    },
  ];
  const { set, setWhere } = upsertChanged(
    legalDocuments,
    [
      'number',
      'docType',
      'titleVi',
      'titleEn',
      'issuerVi',
      'issuerEn',
      'signer',
      'issuedOn',
      'effectStatus',
      'summaryVi',
      'summaryEn',
      'fileUrl',
      'planCode',
      'sources',
    ],
    { bumpRowVersion: true },
  );
  const writtenDocs = await db
    .insert(legalDocuments)
    .values(docs)
    .onConflictDoUpdate({ target: legalDocuments.code, set, setWhere })
    .returning();

  const posts = plan.milestones.map((m) => ({
    slug: `${m.date}-${slugify(m.event_vi)}`.slice(0, 100),
    titleVi: m.event_vi.split(';')[0]!.trim(),
    summaryVi: m.event_vi,
    bodyVi: m.event_vi,
    publishedAt: new Date(`${m.date}T08:00:00+07:00`),
    sources: m.sources,
  }));
  const n = upsertChanged(newsPosts, ['titleVi', 'summaryVi', 'bodyVi', 'publishedAt', 'sources'], {
    bumpRowVersion: true,
  });
  await db
    .insert(newsPosts)
    .values(posts)
    .onConflictDoUpdate({ target: newsPosts.slug, set: n.set, setWhere: n.setWhere });
  const allPosts = await db.select().from(newsPosts);
  const allDocs = writtenDocs.length ? await db.select().from(legalDocuments) : [];
  await upsertSearchDocuments(db, [
    ...allPosts.filter((p) => p.publishedAt).map(newsSearchDocument),
    ...allDocs.map(documentSearchDocument),
  ]);
  return { 'engagement.documents': docs.length, 'engagement.news': posts.length };
}
