// Webhooks against a receiver started inside the test: signature, retry after a 500, log, replay.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { agencies } from '../agencies/schema.ts';
import { comments } from '../engagement/schema.ts';
import { adminUnits } from '../geo/schema.ts';
import { programmes, tasks } from '../implementation/schema.ts';
import { indicatorObservations, indicators, indicatorTargets } from '../indicators/schema.ts';
import { plans } from '../plan/schema.ts';
import { targetStatusSnapshot, targetStatusWebhooks } from './bridges.ts';
import { deliverWebhooks, verifySignature } from './delivery.ts';
import { emitEvent } from './events.ts';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from './schema.ts';
import { isPrivateAddress, targetProblem } from './targets.ts';

type Received = { headers: http.IncomingHttpHeaders; body: string };

describe('webhooks', () => {
  let t: TestApp;
  let admin: Session;
  let planner: Session;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: Received[] = [];
  let answers: number[] = [];

  before(async () => {
    // The receiver listens on 127.0.0.1: private targets allowed, as WEBHOOK_ALLOW_PRIVATE=true does.
    t = await startTestApp({ config: { webhookAllowPrivate: true } });
    admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
    planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = answers.shift() ?? 200;
        res
          .writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
          .end(status === 200 ? 'ok' : 'lỗi máy chủ');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/quyhoach/hook`;
  });
  after(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await t.close();
  });

  test('only admins register, and bad input is refused in the user’s language', async () => {
    const payload = { url: receiverUrl, events: ['task.status_changed'] };
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: planner.headers(),
      payload,
    });
    assert.equal(denied.statusCode, 403);
    const badUrl = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers({ 'accept-language': 'vi' }),
      payload: { url: 'ftp://example.test/x', events: ['task.status_changed'] },
    });
    assert.equal(badUrl.statusCode, 400);
    assert.match(badUrl.body, /Nhập một địa chỉ http:\/\/ hoặc https:\/\/ hợp lệ/);
    const noEvents = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers(),
      payload: { url: receiverUrl, events: [] },
    });
    assert.equal(noEvents.statusCode, 400);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: admin.headers() });
    assert.deepEqual((list.json() as { items: unknown[] }).items, []);
  });

  test('a delivery is signed, retried after a 500 with backoff, logged, and replayable', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers(),
      payload: {
        url: receiverUrl,
        description: 'Hệ thống thông tin quy hoạch quốc gia (thử)',
        events: ['task.status_changed'],
      },
    });
    assert.equal(created.statusCode, 201);
    const { subscription, secret } = created.json() as { subscription: { id: number }; secret: string };
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{40,}$/);
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: admin.headers() });
    assert.equal(listed.body.includes(secret), false, 'the secret is shown only once');

    const data = {
      taskId: 12,
      title: 'Lập quy hoạch chung đô thị Phổ Yên',
      from: 'not_started',
      to: 'in_progress',
    };
    assert.equal(await emitEvent(t.database.db, 'task.status_changed', data), 1);
    assert.equal(await emitEvent(t.database.db, 'comment.answered', { commentId: 1 }), 0, 'not subscribed');

    answers = [500];
    const t0 = new Date('2026-06-01T02:00:00Z');
    assert.deepEqual(await deliverWebhooks(t.database.db, { now: t0, allowPrivate: true }), {
      delivered: 0,
      failed: 1,
    });
    const deliveries = async () =>
      (
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/webhooks/${subscription.id}/deliveries`,
            headers: admin.headers(),
          })
        ).json() as {
          items: {
            id: number;
            status: string;
            attempts: number;
            lastStatusCode: number | null;
            nextAttemptAt: string | null;
            replayOfId: number | null;
          }[];
        }
      ).items;
    let [d] = await deliveries();
    assert.equal(d?.status, 'pending');
    assert.equal(d?.attempts, 1);
    assert.equal(d?.lastStatusCode, 500);
    assert.equal(d?.nextAttemptAt, '2026-06-01T02:00:30.000Z');

    assert.deepEqual(
      await deliverWebhooks(t.database.db, { now: new Date(t0.getTime() + 10_000), allowPrivate: true }),
      {
        delivered: 0,
        failed: 0,
      },
    );
    assert.deepEqual(
      await deliverWebhooks(t.database.db, { now: new Date(t0.getTime() + 31_000), allowPrivate: true }),
      {
        delivered: 1,
        failed: 0,
      },
    );
    [d] = await deliveries();
    assert.equal(d?.status, 'delivered');
    assert.equal(d?.attempts, 2);

    assert.equal(received.length, 2);
    for (const r of received) {
      const ts = String(r.headers['x-quyhoach-timestamp']);
      const sig = String(r.headers['x-quyhoach-signature']);
      const expected = `sha256=${crypto.createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`;
      assert.equal(sig, expected);
      assert.equal(verifySignature(secret, ts, r.body, sig), true);
      assert.equal(verifySignature(secret, ts, r.body.replace('Phổ Yên', 'Phú Bình'), sig), false);
      assert.equal(verifySignature('whsec_khac', ts, r.body, sig), false);
      assert.equal(r.headers['x-quyhoach-event'], 'task.status_changed');
      assert.equal(r.headers['x-quyhoach-delivery'], String(d?.id));
      const body = JSON.parse(r.body) as {
        id: number;
        event: string;
        data: typeof data;
        replayOf: number | null;
      };
      assert.deepEqual(body.data, data);
      assert.equal(body.event, 'task.status_changed');
      assert.equal(body.replayOf, null);
    }

    const log = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhook-deliveries/${d!.id}/attempts`,
      headers: admin.headers(),
    });
    const attempts = (
      log.json() as { items: { statusCode: number; error: string | null; responseSnippet: string }[] }
    ).items;
    assert.deepEqual(
      attempts.map((a) => [a.statusCode, a.error, a.responseSnippet]),
      [
        [500, 'HTTP 500', 'lỗi máy chủ'],
        [200, null, 'ok'],
      ],
    );

    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhook-deliveries/${d!.id}/replay`,
      headers: admin.headers(),
    });
    assert.equal(replay.statusCode, 201);
    assert.equal((replay.json() as { replayOfId: number }).replayOfId, d!.id);
    assert.deepEqual(await deliverWebhooks(t.database.db, { allowPrivate: true }), {
      delivered: 1,
      failed: 0,
    });
    const third = JSON.parse(received[2]!.body) as { replayOf: number; data: typeof data };
    assert.equal(third.replayOf, d!.id);
    assert.deepEqual(third.data, data);

    const paused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${subscription.id}/active`,
      headers: admin.headers(),
      payload: { active: false },
    });
    assert.equal(paused.statusCode, 200);
    assert.equal(await emitEvent(t.database.db, 'task.status_changed', data), 0);

    const audit = (await t.database.db.execute(
      `select action, entity from audit_log where entity like 'webhook%' order by id` as never,
    )) as unknown as { rows: { action: string; entity: string }[] };
    assert.deepEqual(
      audit.rows.map((r) => `${r.action} ${r.entity}`),
      ['create webhook_subscription', 'replay webhook_delivery', 'deactivate webhook_subscription'],
    );
    const row = (await t.database.db.execute(
      `select after from audit_log where action = 'create' and entity = 'webhook_subscription'` as never,
    )) as unknown as { rows: { after: unknown }[] };
    assert.equal(
      JSON.stringify(row.rows[0]?.after).includes(secret),
      false,
      'the audit log never holds the secret',
    );
  });

  test('a receiver that keeps failing is given up after the last attempt', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers(),
      payload: { url: 'http://127.0.0.1:1/khong-nghe', events: ['comment.answered'] },
    });
    assert.equal(created.statusCode, 201);
    await emitEvent(t.database.db, 'comment.answered', { commentId: 3 });
    let now = new Date('2026-06-02T00:00:00Z');
    for (let i = 0; i < 3; i += 1) {
      const r = await deliverWebhooks(t.database.db, { now, maxAttempts: 3, allowPrivate: true });
      assert.equal(r.failed, 1);
      now = new Date(now.getTime() + 24 * 3_600_000);
    }
    assert.deepEqual(await deliverWebhooks(t.database.db, { now, maxAttempts: 3, allowPrivate: true }), {
      delivered: 0,
      failed: 0,
    });
  });

  test('task status changes, approved reports and answered comments raise their events', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers(),
      payload: {
        url: receiverUrl,
        events: ['report.approved', 'task.status_changed', 'comment.answered', 'target.status_changed'],
      },
    });
    assert.equal(created.statusCode, 201);
    const subId = (created.json() as { subscription: { id: number } }).subscription.id;
    const [agency] = await t.database.db
      .insert(agencies)
      .values({ code: 'SKHDT', nameVi: 'Sở Kế hoạch và Đầu tư', kind: 'department' })
      .returning();
    const [programme] = await t.database.db
      .insert(programmes)
      .values({ code: 'CT-THU', title: 'Chương trình thử', isSample: true })
      .returning();
    const [task] = await t.database.db
      .insert(tasks)
      .values({
        programmeId: programme!.id,
        title: 'Rà soát quy hoạch vùng huyện',
        leadAgencyId: agency!.id,
        isPublic: true,
        isSample: true,
      })
      .returning();
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${task!.id}`,
      headers: planner.headers(),
      payload: { status: 'in_progress', rowVersion: 1 },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    const report = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${task!.id}/reports`,
      headers: planner.headers(),
      payload: { period: '2026-Q2', progress: 100, narrative: 'Đã hoàn thành rà soát.' },
    });
    assert.equal(report.statusCode, 201, report.body);
    const r = report.json() as { id: number; rowVersion: number };
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${r.id}/approve`,
      headers: planner.headers(),
      payload: { rowVersion: r.rowVersion },
    });
    assert.equal(approve.statusCode, 200, approve.body);
    const [comment] = await t.database.db
      .insert(comments)
      .values({
        targetType: 'section',
        targetId: 1,
        body: 'Khi nào có tuyến xe buýt?',
        authorName: 'Lê Văn Dũng',
        authorEmail: 'dung@example.test',
        pseudonym: 'Bạn đọc #77',
        state: 'approved',
        isSample: true,
      })
      .returning();
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${comment!.id}/reply`,
      headers: planner.headers(),
      payload: { body: 'Dự kiến năm 2027.' },
    });
    assert.equal(reply.statusCode, 200, reply.body);

    const list = (
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/webhooks/${subId}/deliveries`,
          headers: admin.headers(),
        })
      ).json() as {
        items: { event: string; payload: Record<string, unknown> }[];
      }
    ).items.reverse();
    assert.deepEqual(
      list.map((d) => d.event),
      ['task.status_changed', 'report.approved', 'task.status_changed', 'comment.answered'],
    );
    assert.deepEqual(list[0]!.payload.status, { from: 'not_started', to: 'in_progress' });
    assert.equal(list[1]!.payload.reportId, r.id);
    assert.deepEqual(list[2]!.payload.status, { from: 'in_progress', to: 'done' });
    assert.equal(list[3]!.payload.reply, 'Dự kiến năm 2027.');
    const answered = JSON.stringify(list[3]!.payload);
    assert.equal(answered.includes('Lê Văn Dũng') || answered.includes('dung@example.test'), false);
  });

  test('a target whose status changes with new approved data raises target.status_changed', async () => {
    const db = t.database.db;
    const [plan] = await db
      .insert(plans)
      .values({
        code: 'QH-THU',
        nameVi: 'Quy hoạch thử',
        provinceCode: '19',
        provinceNameVi: 'Thái Nguyên',
        periodStart: 2021,
        periodEnd: 2030,
        status: 'approved',
        isSample: true,
      })
      .returning();
    await db.insert(adminUnits).values({
      id: 'p19-thu',
      code: '19',
      level: 'province',
      typeVi: 'Tỉnh',
      typeEn: 'Province',
      nameVi: 'Thái Nguyên',
      fullNameVi: 'Tỉnh Thái Nguyên',
      nameEn: 'Thai Nguyen',
      nameAscii: 'Thai Nguyen',
    });
    const [ind] = await db
      .insert(indicators)
      .values({
        code: 'CT-THU-1',
        nameVi: 'Tỷ lệ đô thị hoá (thử)',
        unit: '%',
        category: 'urban',
        direction: 'higher',
        kind: 'level',
        baselineYear: 2020,
        baselineValue: 30,
        planId: plan!.id,
        adminUnitId: 'p19-thu',
        isSample: true,
      })
      .returning();
    const [target] = await db
      .insert(indicatorTargets)
      .values({ indicatorId: ind!.id, year: 2030, value: 50, comparator: 'gte', isSample: true })
      .returning();
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers(),
      payload: { url: receiverUrl, events: ['target.status_changed'] },
    });
    const subId = (sub.json() as { subscription: { id: number } }).subscription.id;
    const changed = await db.transaction(async (tx) => {
      const before = await targetStatusSnapshot(tx, ['CT-THU-1']);
      await tx.insert(indicatorObservations).values({
        indicatorId: ind!.id,
        year: 2024,
        adminUnitId: 'p19-thu',
        value: 49,
        status: 'approved',
        isSample: true,
      });
      return targetStatusWebhooks(tx, before);
    });
    assert.equal(changed, 1);
    const rows = (await db.execute(
      `select payload from webhook_deliveries where event = 'target.status_changed' and subscription_id = ${subId}` as never,
    )) as unknown as { rows: { payload: { targetId: number; status: { from: string; to: string } } }[] };
    assert.equal(rows.rows.length, 1);
    assert.equal(rows.rows[0]!.payload.targetId, target!.id);
    assert.equal(rows.rows[0]!.payload.status.from, 'no_data');
    assert.notEqual(rows.rows[0]!.payload.status.to, 'no_data');
    const unchanged = await db.transaction(async (tx) =>
      targetStatusWebhooks(tx, await targetStatusSnapshot(tx, ['CT-THU-1'])),
    );
    assert.equal(unchanged, 0);
  });

  test('the admin page lists addresses and the log, and explains a form error', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/webhooks', headers: admin.headers() });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(receiverUrl));
    assert.match(page.body, /Nhật ký gửi/);
    assert.match(page.body, /Đã gửi/);
    const form = await t.app.inject({
      method: 'POST',
      url: '/admin/webhooks',
      headers: admin.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams({
        _csrf: admin.csrfToken,
        url: 'https://vi-du.example.vn/hook',
      }).toString(),
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /Chọn ít nhất một sự kiện/);
    assert.ok(form.body.includes('value="https://vi-du.example.vn/hook"'), 'the typed URL is kept');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/admin/webhooks',
      headers: admin.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: `_csrf=${encodeURIComponent(admin.csrfToken)}&url=${encodeURIComponent('https://vi-du.example.vn/hook')}&events=report.approved&events=target.status_changed`,
    });
    assert.equal(ok.statusCode, 201);
    assert.match(ok.body, /whsec_/);
    const anon = await t.app.inject({ method: 'GET', url: '/admin/webhooks' });
    assert.equal(anon.statusCode, 303);
  });
});

describe('webhook targets on private addresses (the default: refused)', () => {
  let t: TestApp;
  let admin: Session;
  let receiver: http.Server;
  let port = 0;
  let hits = 0;

  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
    receiver = http.createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await t.close();
  });

  test('loopback, private, link-local, CGNAT, metadata and unique-local addresses are private', () => {
    for (const a of [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.254',
      '0.0.0.0',
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '[::1]',
    ])
      assert.equal(isPrivateAddress(a), true, a);
    for (const a of [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '113.160.0.1',
      '2001:4860:4860::8888',
    ])
      assert.equal(isPrivateAddress(a), false, a);
  });

  test('a name is checked on every address it resolves to', async () => {
    const lookup = (answers: string[]) => async () => answers.map((address) => ({ address, family: 4 }));
    assert.equal(
      await targetProblem('https://he-thong.example.vn/hook', {
        allowPrivate: false,
        lookup: lookup(['8.8.8.8']),
      }),
      null,
    );
    assert.equal(
      await targetProblem('https://he-thong.example.vn/hook', {
        allowPrivate: false,
        lookup: lookup(['8.8.8.8', '10.0.0.5']),
      }),
      'private',
    );
    const fails = async () => {
      throw new Error('ENOTFOUND');
    };
    assert.equal(
      await targetProblem('https://khong-co.example.vn/', { allowPrivate: false, lookup: fails }),
      'unresolvable',
    );
    assert.equal(await targetProblem('http://10.0.0.5/hook', { allowPrivate: true }), null);
  });

  test('registering a private address is refused with a message saying why (vi, en)', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      'http://10.0.0.7/hook',
      'http://192.168.1.20/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.1.1/hook',
      'http://0.0.0.0/hook',
      'http://[::1]/hook',
      'http://[fc00::1]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      `http://localhost:${port}/hook`,
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: admin.headers(),
        payload: { url, events: ['report.approved'] },
      });
      assert.equal(res.statusCode, 400, url);
      const body = res.json() as { error: { fields: { field: string; message: string }[] } };
      assert.equal(body.error.fields[0]?.field, 'url');
      assert.match(body.error.fields[0]!.message, /Không gửi webhook đến địa chỉ nội bộ/, url);
    }
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers({ 'accept-language': 'en' }),
      payload: { url: 'http://10.0.0.7/hook', events: ['report.approved'] },
    });
    assert.match(en.body, /cannot be sent to internal addresses/);
    // A public address is accepted (an IP literal: no name to resolve in the test).
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers(),
      payload: { url: 'https://8.8.8.8/quyhoach', events: ['report.approved'] },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${(ok.json() as { subscription: { id: number } }).subscription.id}/active`,
      headers: admin.headers(),
      payload: { active: false },
    });
  });

  test('the admin page shows the refusal next to the address, keeping what was typed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/webhooks',
      headers: admin.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: `_csrf=${encodeURIComponent(admin.csrfToken)}&url=${encodeURIComponent('http://192.168.0.10/hook')}&events=report.approved`,
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Không gửi webhook đến địa chỉ nội bộ/);
    assert.ok(res.body.includes('value="http://192.168.0.10/hook"'));
  });

  test('a delivery to a name that now resolves to a private address is refused before connecting', async () => {
    // As after DNS rebinding, or a row written before this rule: the check runs again at delivery.
    const rows = await t.database.db
      .insert(webhookSubscriptions)
      .values([
        { url: `http://localhost:${port}/hook`, events: ['comment.answered'], secret: 'whsec_test' },
        { url: `http://127.0.0.1:${port}/hook`, events: ['comment.answered'], secret: 'whsec_test' },
      ])
      .returning();
    await emitEvent(t.database.db, 'comment.answered', { commentId: 1 });
    const r = await deliverWebhooks(t.database.db);
    assert.deepEqual(r, { delivered: 0, failed: 2 });
    assert.equal(hits, 0, 'the receiver on 127.0.0.1 was never reached');
    for (const sub of rows) {
      const [d] = await t.database.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.subscriptionId, sub.id));
      assert.equal(d?.status, 'pending', 'retried later, in case the name is fixed');
      assert.match(String(d?.lastError), /refused: .* private address/);
      const attempts = await t.database.db
        .select()
        .from(webhookAttempts)
        .where(eq(webhookAttempts.deliveryId, d!.id));
      assert.equal(attempts[0]?.statusCode, null);
    }
  });
});
