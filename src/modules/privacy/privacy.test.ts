import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, like } from 'drizzle-orm';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { systemActor } from '../../kernel/http/context.ts';
import { auditLog } from '../audit/schema.ts';
import { comments } from '../engagement/schema.ts';
import { follows } from '../implementation/schema.ts';
import { outbox } from '../notifications/schema.ts';
import { planItems } from '../plan/schema.ts';
import { projectInquiries, projects } from '../projects/schema.ts';
import { ERASED_MARK } from './registry.ts';
import { applyRetention } from './use-cases.ts';

const EMAIL = 'Nguoi.Dan@Example.vn';

describe('personal data: consent, export, erasure, retention', () => {
  let t: TestApp;
  let admin: Session;
  let planner: Session;
  let commentId: number;

  before(async () => {
    t = await startTestApp({ seeded: true });
    admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
    planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    const [item] = await t.database.db.select().from(planItems).limit(1);
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      payload: {
        targetType: 'item',
        targetId: item!.id,
        body: 'Đề nghị làm rõ ranh giới khu này.',
        name: 'Nguyễn Văn Dân',
        email: EMAIL,
        consent: true,
      },
    });
    assert.equal(c.statusCode, 201, c.body);
    commentId = c.json().id;
    const [project] = await t.database.db.select().from(projects).limit(1);
    await t.database.db
      .update(projects)
      .set({ isPublic: true, openForInvestment: true })
      .where(eq(projects.id, project!.id));
    const q = await t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project!.id}/inquiries`,
      payload: {
        name: 'Nguyễn Văn Dân',
        organisation: 'Công ty Mẫu',
        email: EMAIL.toLowerCase(),
        phone: '0912 345 678',
        message: 'Xin thông tin về suất đầu tư.',
        consent: true,
      },
    });
    assert.ok([200, 201].includes(q.statusCode), q.body);
    await t.database.db.insert(follows).values({
      targetType: 'project',
      targetId: project!.id,
      email: EMAIL.toLowerCase(),
      token: 'privacy-test-token',
      consentText: 'Tôi đồng ý nhận thư báo',
      consentAt: new Date(),
    });
  });
  after(async () => t.close());

  test('consent is recorded with its time and the version of the notice agreed to', async () => {
    const [c] = await t.database.db.select().from(comments).where(eq(comments.id, commentId));
    assert.ok(c!.consentAt instanceof Date);
    assert.match(c!.consentVersion ?? '', /^\d{4}-\d{2}-\d{2}$/);
    const [q] = await t.database.db.select().from(projectInquiries);
    assert.ok(q!.consentAt instanceof Date);
    assert.equal(q!.consentVersion, c!.consentVersion);
  });

  test('only administrators may export or erase', async () => {
    for (const url of ['/api/v1/privacy/export', '/api/v1/privacy/erase']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: planner.headers(),
        payload: { email: EMAIL },
      });
      assert.equal(res.statusCode, 403);
      const anon = await t.app.inject({ method: 'POST', url, payload: { email: EMAIL } });
      assert.equal(anon.statusCode, 401);
    }
  });

  test('the export lists every record holding the email, whatever its case', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/export',
      headers: admin.headers(),
      payload: { email: EMAIL.toUpperCase() },
    });
    assert.equal(res.statusCode, 200, res.body);
    const data = res.json() as { sources: { key: string; records: Record<string, unknown>[] }[] };
    const by = Object.fromEntries(data.sources.map((s) => [s.key, s.records]));
    assert.equal(by.comments?.length, 1);
    assert.equal(by.comments?.[0]?.name, 'Nguyễn Văn Dân');
    assert.equal(by.project_inquiries?.length, 1);
    assert.equal(by.project_inquiries?.[0]?.phone, '0912 345 678');
    assert.ok((by.outbox?.length ?? 0) >= 1, 'the inquiry notification quotes the email');
    assert.equal(by.follows?.length, 1);
  });

  test('erasure without the confirmation box is refused with a message; nothing changes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/privacy/erase',
      headers: admin.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams({ _csrf: admin.csrfToken, email: EMAIL }).toString(),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Đánh dấu ô xác nhận/);
    const [c] = await t.database.db.select().from(comments).where(eq(comments.id, commentId));
    assert.equal(c!.authorEmail, EMAIL);
  });

  test('erasure removes name, email, phone and quotes; the comment stays under its pseudonym; the audit keeps no email', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/privacy/erase',
      headers: admin.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams({ _csrf: admin.csrfToken, email: EMAIL, confirm: 'on' }).toString(),
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Đã xoá dữ liệu cá nhân của nguoi\.dan@example\.vn/);
    const [c] = await t.database.db.select().from(comments).where(eq(comments.id, commentId));
    assert.equal(c!.authorEmail, null);
    assert.equal(c!.authorName, null);
    assert.equal(c!.body, 'Đề nghị làm rõ ranh giới khu này.');
    assert.match(c!.pseudonym, /\S/);
    const [q] = await t.database.db.select().from(projectInquiries);
    assert.equal(q!.email, ERASED_MARK);
    assert.equal(q!.phone, null);
    assert.deepEqual(await t.database.db.select().from(follows), []);
    const quoting = await t.database.db.select().from(outbox).where(like(outbox.body, '%example.vn%'));
    assert.deepEqual(quoting, []);
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'personal_data'));
    assert.ok(entries.some((e) => e.action === 'erase'));
    assert.ok(!JSON.stringify(entries).toLowerCase().includes('example.vn'));
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/export',
      headers: admin.headers(),
      payload: { email: EMAIL },
    });
    assert.ok(again.json().sources.every((s: { records: unknown[] }) => s.records.length === 0));
  });

  test('retention removes contact data older than the period, and nothing when switched off', async () => {
    const [item] = await t.database.db.select().from(planItems).limit(1);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      payload: {
        targetType: 'item',
        targetId: item!.id,
        body: 'Ý kiến cũ.',
        email: 'cu@example.vn',
        consent: true,
      },
    });
    assert.equal(await applyRetention(t.database.db, systemActor('test'), 0), null);
    const soon = await applyRetention(t.database.db, systemActor('test'), 1095);
    assert.equal(soon?.counts.comments, 0, 'nothing is that old yet');
    const later = new Date(Date.now() + 1096 * 86_400_000);
    const expired = await applyRetention(t.database.db, systemActor('test'), 1095, later);
    assert.ok((expired?.counts.comments ?? 0) >= 1);
    const left = await t.database.db.select().from(comments).where(like(comments.authorEmail, '%@%'));
    assert.deepEqual(left, []);
  });
});
