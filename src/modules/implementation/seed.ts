// Sample data (isSample: true, shown with the "Dữ liệu mẫu" badge) so the
// workspace is not empty in a demo. The real task list of Decision 1029/QĐ-TTg
// could not be read (see datasets/thai-nguyen-2021-2030/SOURCES.md): none of
// these records is presented as the province's. Loaded once; idempotent.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../kernel/db/types.ts';
import type { SeedCounts } from '../../kernel/module.ts';
import { agencies } from '../agencies/schema.ts';
import { programmes, progressReports, taskEvents, tasks } from './schema.ts';

const CODE = 'MAU-CT-01';

export async function seedImplementationSamples(db: Db): Promise<SeedCounts> {
  const [existing] = await db.select().from(programmes).where(eq(programmes.code, CODE));
  if (existing) return { 'implementation.samplePrograms': 1 };
  const codes = ['SXD-19', 'SNNMT-19', 'SCT-19'];
  const rows = await db
    .select({ id: agencies.id, code: agencies.code })
    .from(agencies)
    .where(inArray(agencies.code, codes));
  const id = new Map(rows.map((r) => [r.code, r.id]));
  if (codes.some((c) => !id.has(c))) return { 'implementation.samplePrograms': 0 };
  const [programme] = await db
    .insert(programmes)
    .values({
      code: CODE,
      title: 'Chương trình mẫu: rà soát các quy hoạch cho đồng bộ với Quy hoạch tỉnh',
      titleEn: 'Sample programme: aligning other plans with the provincial plan',
      description:
        'Dữ liệu mẫu để minh họa cách theo dõi thực hiện. Không phải danh mục nhiệm vụ chính thức của tỉnh.',
      leadAgencyId: id.get('SXD-19')!,
      startDate: '2026-01-01',
      dueDate: '2027-12-31',
      isPublic: true,
      isSample: true,
    })
    .returning();
  const sample = { programmeId: programme!.id, isSample: true, isPublic: true };
  const created = await db
    .insert(tasks)
    .values([
      {
        ...sample,
        title: 'Rà soát quy hoạch chung các đô thị (mẫu)',
        leadAgencyId: id.get('SXD-19')!,
        wholeProvince: true,
        startDate: '2026-01-01',
        dueDate: '2027-06-30',
        product: 'Báo cáo rà soát trình UBND tỉnh',
        weight: 2,
        status: 'in_progress',
        progress: 35,
        reportedAt: new Date('2026-10-05T03:00:00Z'),
      },
      {
        ...sample,
        title: 'Rà soát quy hoạch sử dụng đất cấp xã (mẫu)',
        leadAgencyId: id.get('SNNMT-19')!,
        wholeProvince: true,
        startDate: '2026-02-01',
        dueDate: '2026-09-30',
        product: 'Danh mục điều chỉnh quy hoạch sử dụng đất',
        weight: 1,
        status: 'in_progress',
      },
      {
        ...sample,
        title: 'Đề án phát triển cụm công nghiệp (mẫu)',
        leadAgencyId: id.get('SCT-19')!,
        wholeProvince: true,
        startDate: '2026-03-01',
        dueDate: '2027-12-31',
        product: 'Quyết định phê duyệt đề án',
        weight: 1,
      },
    ])
    .returning();
  const [first] = created;
  const [report] = await db
    .insert(progressReports)
    .values({
      taskId: first!.id,
      period: '2026-Q3',
      progress: 35,
      narrative: 'Báo cáo mẫu: đã rà soát 12/34 đô thị.',
      state: 'approved',
      submittedAt: new Date('2026-10-01T03:00:00Z'),
      reviewedAt: new Date('2026-10-05T03:00:00Z'),
      isSample: true,
    })
    .returning();
  for (const t of created)
    await db
      .insert(taskEvents)
      .values({ taskId: t.id, actorLabel: 'seed', kind: 'created', details: { sample: true } });
  await db.insert(taskEvents).values({
    taskId: first!.id,
    actorLabel: 'seed',
    kind: 'report_approved',
    reportId: report!.id,
    details: { period: '2026-Q3', changes: { progress: { from: 0, to: 35 } }, sample: true },
  });
  return { 'implementation.samplePrograms': 1 };
}
