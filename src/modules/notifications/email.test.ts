// E-mail delivery of the outbox against an SMTP server started inside the test.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { deliverOutbox, enqueue, nextAttemptAfter, smtpMailer } from './outbox.ts';
import { outbox } from './schema.ts';

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) in a header value. */
function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r?\n[ \t]+/g, ' ').replace(/\?=\s+=\?/g, '?==?');
  return unfolded.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
    (_m, charset: string, enc: string, text: string) => {
      assert.equal(charset.toLowerCase(), 'utf-8');
      if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => `%${h}`);
      return decodeURIComponent(bytes);
    },
  );
}

type Received = { headers: Map<string, string>; body: string; rawBody: string };

function parseMessage(raw: string): Received {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const rawBody = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split(/\r\n(?![ \t])/)) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const cte = headers.get('content-transfer-encoding')?.toLowerCase();
  assert.equal(cte, 'base64', 'the body is base64 so no mail relay can mangle the Vietnamese');
  const body = Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8');
  return { headers, body, rawBody };
}

describe('outbox e-mail delivery by SMTP', () => {
  let database: TestDatabase;
  let server: SMTPServer;
  let url: string;
  const received: { to: string[]; raw: string }[] = [];
  let refuseNext = 0;

  before(async () => {
    database = await freshDatabase();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (refuseNext > 0) {
            refuseNext -= 1;
            const err = new Error('Hộp thư tạm thời bận') as Error & { responseCode: number };
            err.responseCode = 451;
            callback(err);
            return;
          }
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('latin1'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    url = `smtp://127.0.0.1:${port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.drop();
  });

  test('retries with exponential backoff, then delivers the Vietnamese message intact', async () => {
    const subject = 'Nhắc hạn: nhiệm vụ "Cải tạo đường ĐT.261 – đoạn Phổ Yên" đến hạn ngày 15/06/2026';
    const body =
      'Nhiệm vụ "Cải tạo đường ĐT.261" đến hạn hoàn thành ngày 15/06/2026 (tiến độ đã báo cáo: 40%).\n' +
      'Vui lòng cập nhật báo cáo tiến độ: https://quyhoach.example/workspace/tasks/7\nTrân trọng — Sở Kế hoạch và Đầu tư';
    assert.equal(
      await enqueue(database.db, {
        recipient: 'so-xay-dung@example.test',
        subject,
        body,
        kind: 'reminder_before',
        dedupeKey: 'smtp-test-1',
      }),
      true,
    );
    const mailer = await smtpMailer(url, 'QuyHoạch Thái Nguyên <no-reply@quyhoach.invalid>');
    const t0 = new Date('2026-06-08T01:00:00Z');
    try {
      refuseNext = 1;
      assert.deepEqual(await deliverOutbox(database.db, mailer, { now: t0, retryBaseMs: 60_000 }), {
        sent: 0,
        failed: 1,
      });
      let [row] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, 'smtp-test-1'));
      assert.equal(row?.status, 'pending');
      assert.equal(row?.attempts, 1);
      assert.match(row?.lastError ?? '', /451/);
      assert.equal(row?.nextAttemptAt?.toISOString(), '2026-06-08T01:01:00.000Z');
      assert.equal(received.length, 0);

      // Not yet due: nothing is tried.
      const early = new Date(t0.getTime() + 30_000);
      assert.deepEqual(await deliverOutbox(database.db, mailer, { now: early, retryBaseMs: 60_000 }), {
        sent: 0,
        failed: 0,
      });

      // Second failure doubles the wait.
      refuseNext = 1;
      const t1 = new Date(t0.getTime() + 61_000);
      await deliverOutbox(database.db, mailer, { now: t1, retryBaseMs: 60_000 });
      [row] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, 'smtp-test-1'));
      assert.equal(row?.attempts, 2);
      assert.equal(row?.nextAttemptAt?.getTime(), t1.getTime() + 120_000);

      const t2 = new Date(t1.getTime() + 121_000);
      assert.deepEqual(await deliverOutbox(database.db, mailer, { now: t2, retryBaseMs: 60_000 }), {
        sent: 1,
        failed: 0,
      });
      [row] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, 'smtp-test-1'));
      assert.equal(row?.status, 'sent');
      assert.equal(row?.attempts, 3);
      assert.equal(row?.nextAttemptAt, null);
    } finally {
      mailer.close?.();
    }

    assert.equal(received.length, 1);
    const mail = received[0]!;
    assert.deepEqual(mail.to, ['so-xay-dung@example.test']);
    const msg = parseMessage(mail.raw);
    assert.match(msg.headers.get('content-type') ?? '', /text\/plain; charset=utf-8/i);
    assert.equal(decodeHeader(msg.headers.get('subject') ?? ''), subject);
    assert.equal(
      decodeHeader(msg.headers.get('from') ?? ''),
      'QuyHoạch Thái Nguyên <no-reply@quyhoach.invalid>',
    );
    assert.equal(msg.body.replace(/\r\n/g, '\n'), body);
    // Raw bytes on the wire are 7-bit: no Vietnamese letter travels unencoded.
    assert.doesNotMatch(mail.raw, /[\u0080-\uffff]/);
  });

  test('gives up after the last attempt and keeps the error for the administrator', async () => {
    await enqueue(database.db, {
      recipient: 'khong-ton-tai@example.test',
      subject: 'Quá hạn',
      body: 'Nội dung',
      kind: 'overdue',
      dedupeKey: 'smtp-test-2',
    });
    const failing = { send: async () => Promise.reject(new Error('Kết nối bị từ chối')) };
    let now = new Date('2026-06-09T00:00:00Z');
    for (let i = 0; i < 3; i += 1) {
      await deliverOutbox(database.db, failing, { now, maxAttempts: 3 });
      now = new Date(now.getTime() + 24 * 3_600_000);
    }
    const [row] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, 'smtp-test-2'));
    assert.equal(row?.status, 'failed');
    assert.equal(row?.attempts, 3);
    assert.equal(row?.lastError, 'Kết nối bị từ chối');
    assert.deepEqual(await deliverOutbox(database.db, failing, { now, maxAttempts: 3 }), {
      sent: 0,
      failed: 0,
    });
  });

  test('backoff doubles from one minute and is capped at six hours', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const waits = [1, 2, 3, 4, 12].map((n) => (nextAttemptAfter(n, now).getTime() - now.getTime()) / 60_000);
    assert.deepEqual(waits, [1, 2, 4, 8, 360]);
  });
});
