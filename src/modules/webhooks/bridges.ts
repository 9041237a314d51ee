// Turns other modules' changes into webhook events. Each function is called by
// the owning module, in the transaction of the change, with one line.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Comment } from '../engagement/comments.ts';
import { tasks } from '../implementation/schema.ts';
import type { TaskEventKind } from '../implementation/timeline.ts';
import { loadIndicatorViews } from '../indicators/queries.ts';
import type { Thresholds } from '../indicators/status.ts';
import { emitEvent } from './events.ts';

type Change<T> = { from: T; to: T };

/** From a task timeline line: report.approved, and task.status_changed when the status moved. */
export async function taskEventWebhooks(
  tx: DbOrTx,
  taskId: number,
  kind: TaskEventKind,
  details: Record<string, unknown>,
  reportId?: number,
): Promise<void> {
  if (kind !== 'status_changed' && kind !== 'updated' && kind !== 'report_approved') return;
  const changes = (details.changes ?? {}) as { status?: Change<string>; progress?: Change<number> };
  if (kind !== 'report_approved' && !changes.status) return;
  const [task] = await tx
    .select({
      id: tasks.id,
      code: tasks.code,
      title: tasks.title,
      programmeId: tasks.programmeId,
      isPublic: tasks.isPublic,
      status: tasks.status,
      progress: tasks.progress,
    })
    .from(tasks)
    .where(eq(tasks.id, taskId));
  if (!task) return;
  const about = {
    taskId: task.id,
    taskCode: task.code,
    taskTitle: task.title,
    programmeId: task.programmeId,
    isPublic: task.isPublic,
  };
  if (kind === 'report_approved')
    await emitEvent(tx, 'report.approved', {
      reportId: reportId ?? null,
      ...about,
      period: details.period ?? null,
      progress: changes.progress ?? null,
    });
  if (changes.status)
    await emitEvent(tx, 'task.status_changed', { ...about, status: changes.status, progress: task.progress });
}

/** An official answer to a reader's comment: the answer and what it is about, never the reader's identity. */
export async function commentAnsweredWebhook(tx: DbOrTx, c: Comment): Promise<void> {
  await emitEvent(tx, 'comment.answered', {
    commentId: c.id,
    targetType: c.targetType,
    targetId: c.targetId,
    author: c.pseudonym,
    body: c.body,
    reply: c.replyBody,
    replyAgencyId: c.replyAgencyId,
    repliedAt: c.repliedAt?.toISOString() ?? null,
  });
}

export type TargetStatusSnapshot = Map<number, { status: string; indicatorCode: string; year: number }>;

/** The public status of every target of these indicators (approved data only), to compare after a change. */
export async function targetStatusSnapshot(
  tx: DbOrTx,
  indicatorCodes: readonly string[],
  thresholds?: Thresholds,
): Promise<TargetStatusSnapshot> {
  const codes = new Set(indicatorCodes);
  const views = await loadIndicatorViews(tx, { codes: [...codes] }, { thresholds, seriesOnly: true });
  const out: TargetStatusSnapshot = new Map();
  for (const v of views)
    if (codes.has(v.indicator.code))
      for (const t of v.targets)
        out.set(t.id, { status: t.result.status, indicatorCode: v.indicator.code, year: t.year });
  return out;
}

/**
 * target.status_changed for each target whose status differs from `before`.
 * The indicators module calls it as: `const before = await targetStatusSnapshot(tx, codes)`
 * before writing observations, and `await targetStatusWebhooks(tx, before)` after.
 */
export async function targetStatusWebhooks(
  tx: DbOrTx,
  before: TargetStatusSnapshot,
  thresholds?: Thresholds,
): Promise<number> {
  const codes = [...new Set([...before.values()].map((b) => b.indicatorCode))];
  const after = await targetStatusSnapshot(tx, codes, thresholds);
  let n = 0;
  for (const [targetId, now] of after) {
    const was = before.get(targetId);
    if (!was || was.status === now.status) continue;
    await emitEvent(tx, 'target.status_changed', {
      targetId,
      indicatorCode: now.indicatorCode,
      year: now.year,
      status: { from: was.status, to: now.status },
    });
    n += 1;
  }
  return n;
}
