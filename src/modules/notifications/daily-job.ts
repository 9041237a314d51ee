// The daily deadline job: reminders N days before a due date, a notice when it
// passes, escalation to planners and leaders after M days overdue.
// It runs at most once per day across every app process on one database: the
// job_runs(job, day) row is inserted in the same transaction as the work, so a
// second process either waits and finds the row, or finds it at once.
// After downtime it catches up: the conditions are ranges ("due within N days",
// "overdue by ≥ M days"), and every message has a dedupe key, so one run for
// today sends what the missed days would have sent, once.
import { and, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { Config } from '../../kernel/config/index.ts';
import type { Db, DbOrTx } from '../../kernel/db/types.ts';
import { systemActor } from '../../kernel/http/context.ts';
import { formatDate } from '../../kernel/i18n/index.ts';
import { users } from '../accounts/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { recordAudit } from '../audit/record.ts';
import { addDays, daysOverdue } from '../implementation/rules.ts';
import { tasks } from '../implementation/schema.ts';
import { recordTaskEvent } from '../implementation/timeline.ts';
import { enqueue } from './outbox.ts';
import { jobRuns } from './schema.ts';

export const DEADLINE_JOB = 'deadlines';

export type JobResult = { ran: boolean; day: string; queued: number };

type Recipient = { email: string; userId: number | null };

async function agencyRecipients(tx: DbOrTx, agencyId: number): Promise<Recipient[]> {
  const out: Recipient[] = [];
  const [agency] = await tx.select({ email: agencies.email }).from(agencies).where(eq(agencies.id, agencyId));
  if (agency?.email) out.push({ email: agency.email, userId: null });
  const editors = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.agencyId, agencyId), eq(users.active, true), eq(users.role, 'agency_editor')));
  for (const u of editors) out.push({ email: u.email, userId: u.id });
  return out;
}

async function escalationRecipients(tx: DbOrTx): Promise<Recipient[]> {
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.role, ['planner', 'leader']), eq(users.active, true)));
  return rows.map((u) => ({ email: u.email, userId: u.id }));
}

export function todayIn(now = new Date()): string {
  // Days follow Vietnam time (UTC+7), the province's working day.
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Runs the deadline job for `day` unless it already ran that day. */
export async function runDeadlineJob(
  db: Db,
  config: Pick<Config, 'reminderDaysBefore' | 'escalationDaysOverdue' | 'publicUrl'>,
  day: string,
): Promise<JobResult> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(jobRuns)
      .values({ job: DEADLINE_JOB, day })
      .onConflictDoNothing()
      .returning({ day: jobRuns.day });
    if (claimed.length === 0) return { ran: false, day, queued: 0 };
    const actor = systemActor('deadline-job');
    const base = config.publicUrl ?? '';
    const open = await tx
      .select()
      .from(tasks)
      .where(
        and(
          isNotNull(tasks.dueDate),
          notInArray(tasks.status, ['done', 'cancelled', 'suspended']),
          sql`${tasks.progress} < 100`,
          sql`${tasks.dueDate} <= ${addDays(day, config.reminderDaysBefore)}`,
        ),
      );
    let queued = 0;
    const escalateTo = await escalationRecipients(tx);
    for (const t of open) {
      const due = t.dueDate!;
      const late = daysOverdue(due, day);
      const link = `${base}/workspace/tasks/${t.id}`;
      let kind: 'reminder_before' | 'overdue' | 'escalation';
      if (late === 0 && due >= day) kind = 'reminder_before';
      else kind = 'overdue';
      const sends: {
        kind: string;
        to: Recipient[];
        subject: string;
        body: string;
        event: 'reminder_sent' | 'overdue_notice' | 'escalated';
      }[] = [];
      const to = await agencyRecipients(tx, t.leadAgencyId);
      if (kind === 'reminder_before') {
        sends.push({
          kind,
          to,
          event: 'reminder_sent',
          subject: `Nhắc hạn: nhiệm vụ "${t.title}" đến hạn ngày ${formatDate(due)}`,
          body: `Nhiệm vụ "${t.title}" đến hạn hoàn thành ngày ${formatDate(due)} (tiến độ đã báo cáo: ${t.progress}%).\nVui lòng cập nhật báo cáo tiến độ: ${link}`,
        });
      } else {
        sends.push({
          kind: 'overdue',
          to,
          event: 'overdue_notice',
          subject: `Quá hạn: nhiệm vụ "${t.title}" đã quá hạn ngày ${formatDate(due)}`,
          body: `Nhiệm vụ "${t.title}" đã quá hạn hoàn thành (hạn ${formatDate(due)}, quá ${late} ngày; tiến độ đã báo cáo: ${t.progress}%).\nVui lòng báo cáo tiến độ hoặc đề nghị điều chỉnh thời hạn: ${link}`,
        });
        if (late >= config.escalationDaysOverdue) {
          sends.push({
            kind: 'escalation',
            to: escalateTo,
            event: 'escalated',
            subject: `Báo cáo lãnh đạo: nhiệm vụ "${t.title}" quá hạn ${late} ngày`,
            body: `Nhiệm vụ "${t.title}" đã quá hạn ${late} ngày (hạn ${formatDate(due)}; tiến độ đã báo cáo: ${t.progress}%).\nChi tiết: ${link}`,
          });
        }
      }
      for (const s of sends) {
        let any = false;
        for (const r of s.to) {
          const added = await enqueue(tx, {
            recipient: r.email,
            recipientUserId: r.userId,
            subject: s.subject,
            body: s.body,
            kind: s.kind,
            dedupeKey: `${s.kind}:task:${t.id}:${due}:${r.email.toLowerCase()}`,
          });
          if (added) {
            queued += 1;
            any = true;
          }
        }
        if (any) await recordTaskEvent(tx, actor, t.id, s.event, { dueDate: due, daysOverdue: late });
      }
    }
    await tx
      .update(jobRuns)
      .set({ summary: `queued ${queued}` })
      .where(and(eq(jobRuns.job, DEADLINE_JOB), eq(jobRuns.day, day)));
    await recordAudit(tx, actor, {
      action: 'run',
      entity: 'job',
      entityId: `${DEADLINE_JOB}:${day}`,
      after: { queued },
    });
    return { ran: true, day, queued };
  });
}

/** Started by the server: checks every few minutes whether today's run is due, and sends pending mail. */
export function startDailyJobs(
  db: Db,
  config: Config,
  log: { error(o: unknown, msg: string): void; info(o: unknown, msg: string): void },
): () => void {
  if (config.dailyJobIntervalMinutes <= 0) return () => {};
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await runDeadlineJob(db, config, todayIn());
      if (result.ran) log.info(result, 'deadline job ran');
      if (config.smtpUrl) {
        const { smtpMailer, deliverOutbox } = await import('./outbox.ts');
        const mailer = await smtpMailer(config.smtpUrl, config.mailFrom);
        try {
          const sent = await deliverOutbox(db, mailer);
          if (sent.sent || sent.failed) log.info(sent, 'outbox delivered');
        } finally {
          mailer.close?.();
        }
      }
    } catch (err) {
      log.error({ err }, 'deadline job failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, config.dailyJobIntervalMinutes * 60_000);
  timer.unref();
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
