// Turns other modules' changes into webhook events. Each function is called by
// the owning module, in the transaction of the change, with one line.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Comment } from '../engagement/comments.ts';
import { tasks } from '../implementation/schema.ts';
import type { TaskEventKind } from '../implementation/timeline.ts';
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
