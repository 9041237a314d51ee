import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { taskEvents } from './schema.ts';

export type TaskEventKind =
  | 'created'
  | 'updated'
  | 'status_changed'
  | 'report_created'
  | 'report_submitted'
  | 'report_approved'
  | 'report_returned'
  | 'imported'
  | 'reminder_sent'
  | 'overdue_notice'
  | 'escalated';

/** One line of a task's timeline; written in the same transaction as the change. */
export async function recordTaskEvent(
  tx: DbOrTx,
  actor: Actor,
  taskId: number,
  kind: TaskEventKind,
  details: Record<string, unknown> = {},
  reportId?: number,
): Promise<void> {
  await tx.insert(taskEvents).values({
    taskId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    kind,
    reportId: reportId ?? null,
    details,
  });
  await (await import('../webhooks/bridges.ts')).taskEventWebhooks(tx, taskId, kind, details, reportId);
}
