// Readers' comments: received (pending) → approved or rejected by a moderator;
// an official reply from the agency responsible for the item (or a planner)
// makes it "answered". Personal data: an email is kept only with explicit
// consent (Law 91/2025/QH15 on personal data protection); the public sees a pseudonym.
import crypto from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { preparedPerDb } from '../../kernel/db/prepared.ts';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { badRequest, conflict, forbidden, invalid, notFound } from '../../kernel/http/errors.ts';
import { canWriteForAgency } from '../agencies/scope.ts';
import { recordAudit } from '../audit/record.ts';
import { planItems, planSections } from '../plan/schema.ts';
import { type CommentTarget, comments, newsPosts } from './schema.ts';
import type { CommentInput } from './schemas.ts';

export type Comment = typeof comments.$inferSelect;

/**
 * The version of the consent notice shown next to the checkbox (messages 'comments.consent').
 * Change it whenever that text changes, so each consent records what was agreed to.
 */
export const COMMENT_CONSENT_VERSION = '2026-11-26';

/** Rule: an email may be kept only with explicit consent; a filled honeypot is a bot. */
export function commentProblems(
  input: Pick<CommentInput, 'email' | 'consent' | 'website'>,
): 'consent' | 'spam' | null {
  if (input.website && input.website.trim() !== '') return 'spam';
  if (input.email && !input.consent) return 'consent';
  return null;
}

/** The public status of a comment. */
export function commentStatus(c: Pick<Comment, 'replyBody'>): 'received' | 'answered' {
  return c.replyBody ? 'answered' : 'received';
}

export function pseudonymFor(seed: string): string {
  const n = Number.parseInt(crypto.createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) % 9000;
  return `Bạn đọc #${n + 1000}`;
}

async function targetExists(tx: DbOrTx, type: CommentTarget, id: number): Promise<boolean> {
  const table = type === 'section' ? planSections : type === 'item' ? planItems : newsPosts;
  const [row] = await tx.select({ id: table.id }).from(table).where(eq(table.id, id));
  return row !== undefined;
}

export async function submitComment(
  db: DbOrTx,
  actor: Actor,
  input: CommentInput,
  ip: string,
): Promise<Comment> {
  const problem = commentProblems(input);
  if (problem === 'consent')
    throw invalid([{ field: 'consent', message: 'engagement.error.consentRequired' }]);
  if (problem === 'spam') throw badRequest('engagement.error.spam');
  return db.transaction(async (tx) => {
    if (!(await targetExists(tx, input.targetType, input.targetId)))
      throw invalid([{ field: 'targetId', message: 'engagement.error.target' }]);
    const ipHash = crypto.createHash('sha256').update(`qh-comment:${ip}`).digest('hex').slice(0, 32);
    const [created] = await tx
      .insert(comments)
      .values({
        targetType: input.targetType,
        targetId: input.targetId,
        body: input.body,
        authorName: input.name ?? null,
        authorEmail: input.email ?? null,
        consentAt: input.email && input.consent ? new Date() : null,
        consentVersion: input.email && input.consent ? COMMENT_CONSENT_VERSION : null,
        pseudonym: pseudonymFor(`${ipHash}:${Date.now()}:${Math.random()}`),
        ipHash,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'comment',
      entityId: created!.id,
      after: { ...created, authorEmail: created!.authorEmail ? '(given, with consent)' : null },
    });
    return created!;
  });
}

export function mayModerate(user: CurrentUser | null): boolean {
  return user !== null && (user.role === 'moderator' || user.role === 'admin');
}

export async function moderateComment(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  decision: { state: 'approved' } | { state: 'rejected'; reason: string },
): Promise<Comment> {
  if (!mayModerate(user)) throw forbidden();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(comments).where(eq(comments.id, id));
    if (!before) throw notFound();
    if (before.state !== 'pending') throw conflict('engagement.error.alreadyModerated');
    const [after] = await tx
      .update(comments)
      .set({
        state: decision.state,
        rejectReason: decision.state === 'rejected' ? decision.reason : null,
        moderatedBy: user!.id,
        moderatedAt: new Date(),
        rowVersion: before.rowVersion + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(comments.id, id), eq(comments.rowVersion, before.rowVersion)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, actor, {
      action: decision.state === 'approved' ? 'approve' : 'reject',
      entity: 'comment',
      entityId: id,
      before: { state: before.state },
      after: { state: after.state, rejectReason: after.rejectReason },
    });
    return after;
  });
}

/** The agency responsible for what a comment is about (null: the planning authority). */
async function responsibleAgency(tx: DbOrTx, c: Comment): Promise<number | null> {
  if (c.targetType !== 'item') return null;
  const [item] = await tx
    .select({ a: planItems.responsibleAgencyId })
    .from(planItems)
    .where(eq(planItems.id, c.targetId));
  return item?.a ?? null;
}

/** Rule: planners (and admins) may answer any comment; an agency editor only on items of their agency. */
export async function mayReply(tx: DbOrTx, user: CurrentUser | null, c: Comment): Promise<boolean> {
  if (!user) return false;
  if (user.role === 'planner' || user.role === 'admin') return true;
  if (user.role !== 'agency_editor') return false;
  const agency = await responsibleAgency(tx, c);
  return agency !== null && (await canWriteForAgency(tx, user, agency));
}

export async function replyToComment(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  body: string,
): Promise<Comment> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(comments).where(eq(comments.id, id));
    if (!before) throw notFound();
    if (!(await mayReply(tx, user, before))) throw forbidden();
    if (before.state !== 'approved') throw conflict('engagement.error.notApproved');
    const [after] = await tx
      .update(comments)
      .set({
        replyBody: body,
        replyAgencyId: (await responsibleAgency(tx, before)) ?? user!.agencyId ?? null,
        replyBy: user!.id,
        repliedAt: new Date(),
        rowVersion: before.rowVersion + 1,
        updatedAt: new Date(),
      })
      .where(eq(comments.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'reply',
      entity: 'comment',
      entityId: id,
      before: { replyBody: before.replyBody },
      after: { replyBody: body },
    });
    await (await import('../webhooks/bridges.ts')).commentAnsweredWebhook(tx, after!);
    return after!;
  });
}

const approvedCommentsQuery = preparedPerDb((db, name) =>
  db
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.targetType, sql.placeholder('type')),
        eq(comments.targetId, sql.placeholder('id')),
        eq(comments.state, 'approved'),
      ),
    )
    .orderBy(comments.createdAt, comments.id)
    .prepare(name),
);

export function approvedComments(db: DbOrTx, type: CommentTarget, id: number): Promise<Comment[]> {
  return approvedCommentsQuery(db).execute({ type, id });
}

export function pendingComments(db: DbOrTx): Promise<Comment[]> {
  return db.select().from(comments).where(eq(comments.state, 'pending')).orderBy(desc(comments.createdAt));
}

export function approvedAwaitingReply(db: DbOrTx): Promise<Comment[]> {
  return db
    .select()
    .from(comments)
    .where(and(eq(comments.state, 'approved'), sql`${comments.replyBody} is null`))
    .orderBy(desc(comments.createdAt));
}

export async function getComment(db: DbOrTx, id: number): Promise<Comment> {
  const [row] = await db.select().from(comments).where(eq(comments.id, id));
  if (!row) throw notFound();
  return row;
}

/** Approved comments per target (for counts on lists). */
export async function commentCounts(
  db: DbOrTx,
  type: CommentTarget,
): Promise<Map<number, { total: number; answered: number }>> {
  const rows = await queryRows<{ target_id: number; total: number; answered: number }>(
    db,
    sql`select target_id, count(*)::int as total, count(reply_body)::int as answered
        from comments where target_type = ${type} and state = 'approved' group by target_id`,
  );
  return new Map(
    rows.map((r) => [Number(r.target_id), { total: Number(r.total), answered: Number(r.answered) }]),
  );
}

/** Public shape: never the email, the name, or the IP hash. */
export function publicComment(c: Comment) {
  return {
    id: c.id,
    targetType: c.targetType,
    targetId: c.targetId,
    author: c.pseudonym,
    body: c.body,
    status: commentStatus(c),
    createdAt: c.createdAt.toISOString(),
    reply: c.replyBody
      ? { body: c.replyBody, agencyId: c.replyAgencyId, repliedAt: c.repliedAt?.toISOString() ?? null }
      : null,
  };
}
