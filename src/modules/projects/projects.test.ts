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

  test('the map layer: a project known by its 2025 commune is a point at that commune; district-only ones are not drawn', async () => {
    const res = await t.app.inject('/api/v1/projects/map');
    assert.equal(res.statusCode, 200);
    const fc = res.json() as {
      features: { geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    const byUrl = new Map(fc.features.map((f) => [f.properties.url, f]));
    const list = (await t.app.inject('/api/v1/projects')).json().items as { id: number; code: string }[];
    const idOf = (code: string) => list.find((p) => p.code === code)!.id;
    // "xã Điềm Thụy (mới)": the 2025 commune's point, flagged approximate.
    const thuongDinh = byUrl.get(`/du-an/${idOf('prj_kcn_thuong_dinh')}`);
    assert.ok(thuongDinh, 'Thượng Đình park project drawn');
    assert.equal(thuongDinh.geometry.type, 'Point');
    assert.equal(thuongDinh.properties.approximate, true);
    assert.equal(thuongDinh.properties.placeUnitId, 'commune-05941-2025');
    const areas = (await t.app.inject('/api/v1/areas?level=commune&current=true')).json() as {
      features: { id: string; geometry: { coordinates: number[] } }[];
    };
    assert.deepEqual(
      thuongDinh.geometry.coordinates,
      areas.features.find((f) => f.id === 'commune-05941-2025')!.geometry.coordinates,
    );
    // "xã Phúc Trìu" (before 2025) passed wholly into Đại Phúc.
    assert.equal(
      byUrl.get(`/du-an/${idOf('prj_svd_thai_nguyen')}`)?.properties.placeUnitId,
      'commune-05488-2025',
    );
    // Named only by district, or not at all: no invented point.
    assert.equal(byUrl.has(`/du-an/${idOf('prj_kcn_yen_binh_3')}`), false);
    assert.equal(byUrl.has(`/du-an/${idOf('prj_bac_son_keo_dai')}`), false);
    assert.ok(fc.features.every((f) => f.geometry.type === 'Point'));
    // The map page lists the layer, with its table (also without JavaScript).
    const page = await t.app.inject('/ban-do');
    assert.match(page.body, /value="projects" checked/);
    assert.match(page.body, /<summary>Dự án trọng điểm \(10\)<\/summary>/);
    assert.match(page.body, /vị trí gần đúng/);
    const en = await t.app.inject('/ban-do?lang=en');
    assert.match(en.body, /<summary>Priority projects \(10\)<\/summary>/);
  });

  test('projects are found by the search, filtered by type "project"', async () => {
    const res = await t.app.inject('/api/v1/search?q=san+van+dong+thai+nguyen&type=project');
    assert.equal(res.statusCode, 200);
    const hits = res.json().hits as { type: string; title: string; url: string }[];
    assert.equal(hits[0]?.title, 'Sân vận động Thái Nguyên');
    assert.ok(hits.every((h) => h.type === 'project'));
    const page = await t.app.inject('/tim-kiem?q=khu+cong+nghiep+yen+binh+3');
    assert.match(page.body, /<option value="project"[^>]*>Dự án trọng điểm \(\d+\)<\/option>/);
    assert.match(page.body, /<option value="indicator"[^>]*>Chỉ tiêu/);
    const en = await t.app.inject('/tim-kiem?q=xyzzyq&lang=en');
    assert.match(en.body, /<option value="project"[^>]*>Priority projects<\/option>/);
    assert.match(en.body, /<option value="indicator"[^>]*>Indicators \(targets\)<\/option>/);
  });
});
