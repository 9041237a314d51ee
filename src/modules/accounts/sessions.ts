// Sign-in, sign-out and the server-side sessions behind the cookie.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Config } from '../../kernel/config/index.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { newToken } from '../../kernel/http/csrf.ts';
import { AppError } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { sessions, users } from './schema.ts';
import { newSessionSecret, sha256 } from './tokens.ts';
import { findUserByEmail, type UserRow } from './users.ts';

export const SESSION_COOKIE = 'qh_session';

/** The same answer for an unknown email, a wrong password, a locked or deactivated account. */
export const loginFailed = () => new AppError(401, 'invalid_credentials', 'accounts.error.loginFailed');

export type LoginResult = {
  user: UserRow;
  sessionSecret: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
};

type LoginPolicy = Pick<Config, 'sessionTtlHours' | 'loginLockoutThreshold' | 'loginLockoutMinutes'>;

export async function login(
  db: DbOrTx,
  config: LoginPolicy,
  input: { email: string; password: string; ip?: string; userAgent?: string; requestId?: string },
): Promise<LoginResult> {
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const actor: Actor = {
    userId: user?.id ?? null,
    label: input.email.slice(0, 320),
    via: 'web',
    ip: input.ip,
    requestId: input.requestId,
  };
  if (!user) throw loginFailed();
  const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
  if (!ok || !user.active || locked) {
    if (!ok) await recordFailedLogin(db, actor, user, config);
    throw loginFailed();
  }
  return db.transaction((tx) =>
    startSession(tx, config, user, { ...actor, userId: user.id, label: user.email }, input, 'login'),
  );
}

/**
 * Opens a session for a user who has proved who they are (password, or single
 * sign-on): resets failed sign-ins, drops expired sessions, audits `action`.
 */
export async function startSession(
  tx: DbOrTx,
  config: Pick<Config, 'sessionTtlHours'>,
  user: UserRow,
  actor: Actor,
  meta: { ip?: string; userAgent?: string },
  action: string,
  auditAfter?: unknown,
  options: { endSessionUrl?: string | null } = {},
): Promise<LoginResult> {
  const sessionSecret = newSessionSecret();
  const sessionId = sha256(sessionSecret);
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + config.sessionTtlHours * 3600_000);
  await tx.insert(sessions).values({
    id: sessionId,
    userId: user.id,
    csrfToken,
    expiresAt,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    endSessionUrl: options.endSessionUrl ?? null,
  });
  const [after] = await tx
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(eq(users.id, user.id))
    .returning();
  await tx.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, new Date())));
  await recordAudit(tx, actor, { action, entity: 'user', entityId: user.id, after: auditAfter });
  return { user: after!, sessionSecret, sessionId, csrfToken, expiresAt };
}

async function recordFailedLogin(
  db: DbOrTx,
  actor: Actor,
  user: UserRow,
  config: LoginPolicy,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({
        failedLogins: sql`${users.failedLogins} + 1`,
        lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${config.loginLockoutThreshold}
          then now() + make_interval(mins => ${config.loginLockoutMinutes}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
    await recordAudit(tx, actor, {
      action: 'login_failed',
      entity: 'user',
      entityId: user.id,
      after: { failedLogins: after?.failedLogins, lockedUntil: after?.lockedUntil?.toISOString() ?? null },
    });
  });
}

/**
 * Ends a session. Returns where signing out continues when the session was opened through an
 * identity provider (its end-session URL, so the person is signed out there too), else null.
 */
export async function logout(
  db: DbOrTx,
  actor: Actor,
  sessionId: string,
): Promise<{ continueAt: string | null }> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(eq(sessions.id, sessionId))
      .returning({ userId: sessions.userId, endSessionUrl: sessions.endSessionUrl });
    if (deleted[0])
      await recordAudit(tx, actor, {
        action: 'logout',
        entity: 'user',
        entityId: deleted[0].userId,
        after: deleted[0].endSessionUrl ? { atProvider: true } : undefined,
      });
    return { continueAt: deleted[0]?.endSessionUrl ?? null };
  });
}

export type ResolvedSession = { user: UserRow; sessionId: string; csrfToken: string };

/** The live session for a cookie secret, or null. Expiry slides, written at most every 5 minutes. */
export async function resolveSession(
  db: DbOrTx,
  secret: string,
  ttlHours: number,
): Promise<ResolvedSession | null> {
  const id = sha256(secret);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date()), eq(users.active, true)));
  if (!row) return null;
  if (Date.now() - row.session.lastSeenAt.getTime() > 5 * 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + ttlHours * 3600_000) })
      .where(eq(sessions.id, id));
  }
  return { user: row.user, sessionId: id, csrfToken: row.session.csrfToken };
}
