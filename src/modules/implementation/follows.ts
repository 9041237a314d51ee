// Following a public task or project. A citizen gives an email and ticks an
// explicit, unticked-by-default consent (Law 91/2025/QH15 on personal data); a
// confirmation link is sent; once confirmed, every status change of the item
// queues an email in the outbox. Each email carries an unfollow link that deletes
// the record. Only enqueue() of the outbox is used (delivery belongs to it).
import crypto from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { configuredPublicBaseUrl } from '../../kernel/http/pages.ts';
import { translate } from '../../kernel/i18n/index.ts';
import { recordAudit } from '../audit/record.ts';
import { enqueue } from '../notifications/outbox.ts';
import { projects } from '../projects/schema.ts';
import { type FollowTarget, follows, programmes, type TaskStatus, tasks } from './schema.ts';

export const followBody = z.object({
  targetType: z.enum(['task', 'project']),
  targetId: z.coerce.number().int().positive(),
  /** Named apart from other forms' fields: a page may hold the follow form beside another form. */
  followEmail: z.string().trim().toLowerCase().max(254).email('follow.error.email'),
  followConsent: z.literal('on', 'follow.error.consent'),
});
export type FollowInput = z.infer<typeof followBody>;

export type FollowItem = { type: FollowTarget; id: number; title: string; path: string };

export const itemPath = (type: FollowTarget, id: number) =>
  type === 'task' ? `/ke-hoach-thuc-hien/nhiem-vu/${id}` : `/du-an/${id}`;

/** The public item to follow, or null unless it exists and is public. */
export async function findFollowable(db: DbOrTx, type: FollowTarget, id: number): Promise<FollowItem | null> {
  if (type === 'task') {
    const [row] = await db
      .select({ title: tasks.title, isPublic: tasks.isPublic, programmePublic: programmes.isPublic })
      .from(tasks)
      .innerJoin(programmes, eq(programmes.id, tasks.programmeId))
      .where(eq(tasks.id, id));
    return row?.isPublic && row.programmePublic
      ? { type, id, title: row.title, path: itemPath(type, id) }
      : null;
  }
  const [row] = await db
    .select({ title: projects.nameVi, isPublic: projects.isPublic })
    .from(projects)
    .where(eq(projects.id, id));
  return row?.isPublic ? { type, id, title: row.title, path: itemPath(type, id) } : null;
}

async function followableItem(db: DbOrTx, type: FollowTarget, id: number): Promise<FollowItem> {
  const item = await findFollowable(db, type, id);
  if (!item) throw notFound();
  return item;
}

const link = (path: string) => `${configuredPublicBaseUrl()}${path}`;
const kindVi = (type: FollowTarget) => (type === 'task' ? 'nhiệm vụ' : 'dự án');

/**
 * Records a follow (not yet confirmed) and queues the confirmation email. Asking
 * again for the same item and address sends the link again; the answer never
 * says whether the address was already following.
 */
export async function followItem(
  db: DbOrTx,
  actor: Actor,
  input: FollowInput,
  /** The consent wording as shown to the citizen, in their language. */
  consentText: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const item = await followableItem(tx, input.targetType, input.targetId);
    const [existing] = await tx
      .select()
      .from(follows)
      .where(
        and(
          eq(follows.targetType, item.type),
          eq(follows.targetId, item.id),
          eq(follows.email, input.followEmail),
        ),
      );
    if (existing?.confirmedAt) return;
    const row =
      existing ??
      (
        await tx
          .insert(follows)
          .values({
            targetType: item.type,
            targetId: item.id,
            email: input.followEmail,
            token: crypto.randomBytes(24).toString('base64url'),
            consentText,
            consentAt: new Date(),
          })
          .returning()
      )[0]!;
    await enqueue(tx, {
      recipient: row.email,
      kind: 'follow_confirm',
      dedupeKey: `follow-confirm:${row.id}:${new Date().toISOString().slice(0, 10)}`,
      subject: `Xác nhận theo dõi ${kindVi(item.type)} "${item.title}"`,
      body:
        `Có người (có thể là bạn) đã đăng ký nhận thông báo về ${kindVi(item.type)} "${item.title}" bằng địa chỉ này.\n\n` +
        `Để xác nhận, mở liên kết: ${link(`/theo-doi/xac-nhan/${row.token}`)}\n\n` +
        `Nếu không phải bạn, hãy bỏ qua thư này: không có thông báo nào được gửi khi chưa xác nhận.\n` +
        `Hủy và xóa địa chỉ: ${link(`/theo-doi/huy/${row.token}`)}`,
    });
    if (!existing)
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'follow',
        entityId: row.id,
        after: { targetType: item.type, targetId: item.id },
      });
  });
}

async function byToken(db: DbOrTx, token: string) {
  const [row] = await db.select().from(follows).where(eq(follows.token, token));
  if (!row) throw notFound();
  return row;
}

/** The follow behind a link, with its item (for the confirm and unfollow pages). */
export async function followByToken(db: DbOrTx, token: string) {
  const row = await byToken(db, token);
  const item = await findFollowable(db, row.targetType, row.targetId);
  return { row, item };
}

export async function confirmFollow(db: DbOrTx, actor: Actor, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await byToken(tx, token);
    if (row.confirmedAt) return;
    await tx.update(follows).set({ confirmedAt: new Date() }).where(eq(follows.id, row.id));
    await recordAudit(tx, actor, { action: 'confirm', entity: 'follow', entityId: row.id });
  });
}

/** Unfollow: the record (and so the address) is deleted. */
export async function unfollow(db: DbOrTx, actor: Actor, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await byToken(tx, token);
    await tx.delete(follows).where(eq(follows.id, row.id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'follow',
      entityId: row.id,
      before: { targetType: row.targetType, targetId: row.targetId },
    });
  });
}

/**
 * Queues, in the caller's transaction, one email per confirmed follower of an
 * item whose status changed. `eventKey` makes the message unique per change.
 */
export async function notifyFollowers(
  tx: DbOrTx,
  item: { type: FollowTarget; id: number; title: string },
  change: { from: string; to: string },
  eventKey: string,
): Promise<number> {
  const rows = await tx
    .select()
    .from(follows)
    .where(
      and(eq(follows.targetType, item.type), eq(follows.targetId, item.id), isNotNull(follows.confirmedAt)),
    );
  for (const f of rows)
    await enqueue(tx, {
      recipient: f.email,
      kind: 'status_change',
      dedupeKey: `follow-status:${item.type}:${item.id}:${eventKey}:${f.id}`,
      subject: `${kindVi(item.type)[0]!.toUpperCase()}${kindVi(item.type).slice(1)} "${item.title}": ${change.to}`,
      body:
        `Trạng thái của ${kindVi(item.type)} "${item.title}" đã thay đổi: ${change.from} → ${change.to}.\n\n` +
        `Xem chi tiết: ${link(itemPath(item.type, item.id))}\n\n` +
        `Bạn nhận thư này vì đã đăng ký theo dõi. Hủy theo dõi và xóa địa chỉ: ${link(`/theo-doi/huy/${f.token}`)}`,
    });
  return rows.length;
}

/** Followers of a public task hear of a status change (statuses in Vietnamese, as all outbox mail). */
export async function notifyTaskStatus(
  tx: DbOrTx,
  taskId: number,
  change: { from: TaskStatus; to: TaskStatus },
  eventKey: string,
): Promise<number> {
  if (change.from === change.to) return 0;
  const item = await findFollowable(tx, 'task', taskId);
  if (!item) return 0;
  return notifyFollowers(
    tx,
    item,
    { from: translate('vi', `ws.status.${change.from}`), to: translate('vi', `ws.status.${change.to}`) },
    eventKey,
  );
}
