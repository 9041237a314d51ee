import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { countRows, createTestUser, startTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { agencies } from '../agencies/schema.ts';
import { projects } from './schema.ts';
import { seedProjects } from './seed.ts';

describe('priority projects', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ seeded: true });
  });
  after(async () => t.close());

  test('the seeded projects keep their sources and the "unverified" flag, and the page shows it', async () => {
    const res = await t.app.inject({ url: '/api/v1/projects' });
    assert.equal(res.statusCode, 200);
    const items = res.json().items as {
      code: string;
      inDecision1029: string;
      sources: string[];
      totalInvestmentVnd: number | null;
      stage: string | null;
    }[];
    assert.equal(items.length, 10);
    assert.ok(
      items.every((p) => p.inDecision1029 === 'unverified' && p.sources.length > 0 && p.stage === null),
    );
    const svd = items.find((p) => p.code === 'prj_svd_thai_nguyen')!;
    assert.equal(svd.totalInvestmentVnd, 536_000_000_000);
    assert.equal(items.find((p) => p.code === 'prj_vanh_dai_5_tn')!.totalInvestmentVnd, null);
    const page = await t.app.inject({ url: '/du-an' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Chưa xác minh/);
    assert.equal(await seedProjects(t.database.db).then(() => countRows(t.database, 'projects')), 10);
  });

  test('an investor inquiry reaches the responsible agency and its outbox', async () => {
    const [agency] = await t.database.db
      .insert(agencies)
      .values({
        code: 'SKHDT-T',
        nameVi: 'Sở Tài chính (thử)',
        kind: 'department',
        email: 'stc@example.test',
      })
      .returning();
    await createTestUser(t.database, 'agency_viewer', { agencyId: agency!.id, email: 'viewer@example.test' });
    const [p] = await t.database.db
      .update(projects)
      .set({ openForInvestment: true, responsibleAgencyId: agency!.id })
      .where(eq(projects.code, 'prj_kcn_yen_binh_3'))
      .returning();
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${p!.id}/inquiries`,
      payload: { name: 'A', email: 'x@y.test', message: 'Hỏi', consent: false },
    });
    assert.equal(bad.statusCode, 400);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${p!.id}/inquiries`,
      payload: {
        name: 'Nguyễn Văn A',
        organisation: 'Công ty X',
        email: 'a@x.test',
        message: 'Xin thông tin quỹ đất',
        consent: true,
      },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const rows = (
      (await t.database.db.execute(
        'select recipient, subject from outbox order by id' as never,
      )) as unknown as {
        rows: { recipient: string; subject: string }[];
      }
    ).rows;
    assert.deepEqual(rows.map((r) => r.recipient).sort(), ['stc@example.test', 'viewer@example.test']);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${p!.id + 100}/inquiries`,
      payload: { name: 'A', email: 'x@y.test', message: 'Hỏi', consent: true },
    });
    assert.equal(closed.statusCode, 404);
  });
});
