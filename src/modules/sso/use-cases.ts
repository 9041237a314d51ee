// Single sign-on: who the provider says the person is → a local user with the
// role and agency the admins' rules give; and the rules themselves.
import crypto from 'node:crypto';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Config } from '../../kernel/config/index.ts';
import type { Db, DbOrTx } from '../../kernel/db/types.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { AppError, invalid, notFound } from '../../kernel/http/errors.ts';
import { users } from '../accounts/schema.ts';
import { type LoginResult, startSession } from '../accounts/sessions.ts';
import { createUser, findUserByEmail, getUser } from '../accounts/users.ts';
import { agencies } from '../agencies/schema.ts';
import { recordAudit } from '../audit/record.ts';
import { resolveRole } from './mapping.ts';
import { ssoIdentities, ssoLoginStates, ssoRoleMappings } from './schema.ts';
import type { MappingInput } from './schemas.ts';

const STATE_TTL_MS = 10 * 60_000;

export const ssoRefused = (key: string) => new AppError(403, 'sso_refused', key);

export async function saveLoginState(
  db: DbOrTx,
  s: { state: string; codeVerifier: string; nonce: string; next: string },
): Promise<void> {
  await db.delete(ssoLoginStates).where(lt(ssoLoginStates.expiresAt, new Date()));
  await db.insert(ssoLoginStates).values({ ...s, expiresAt: new Date(Date.now() + STATE_TTL_MS) });
}

/** The sign-in in progress for `state`, removed as it is read (a state works once). */
export async function takeLoginState(db: DbOrTx, state: string) {
  const [row] = await db.delete(ssoLoginStates).where(eq(ssoLoginStates.state, state)).returning();
  if (!row || row.expiresAt < new Date()) return null;
  return row;
}

export function listMappings(db: DbOrTx) {
  return db.select().from(ssoRoleMappings).orderBy(asc(ssoRoleMappings.position), asc(ssoRoleMappings.id));
}

/**
 * Signs in the person the provider vouched for: their linked account, else the
 * account with their (verified) e-mail, else a new account — only when a rule
 * gives them a role. A matching rule also updates role and agency each time.
 */
export async function signInWithClaims(
  db: Db,
  config: Pick<Config, 'sessionTtlHours'>,
  issuer: string,
  claims: Record<string, unknown>,
  meta: { ip?: string; userAgent?: string; requestId?: string },
  options: { endSessionUrl?: string | null } = {},
): Promise<LoginResult> {
  const subject = String(claims.sub ?? '');
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const actor: Actor = { userId: null, label: `sso:${email || subject}`.slice(0, 320), via: 'web', ...meta };
  return db.transaction(async (tx) => {
    const mapped = resolveRole(claims, await listMappings(tx));
    const [identity] = await tx
      .select()
      .from(ssoIdentities)
      .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)));
    let user = identity ? await getUser(tx, identity.userId) : undefined;
    if (!user && email && claims.email_verified !== false) user = await findUserByEmail(tx, email);
    if (!user) {
      if (!mapped) throw ssoRefused('sso.error.noRole');
      if (!email) throw ssoRefused('sso.error.noEmail');
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
      user = (
        await createUser(tx, actor, {
          email,
          displayName: name.slice(0, 200),
          role: mapped.role,
          agencyId: mapped.agencyId ?? undefined,
          password: crypto.randomBytes(32).toString('base64url'),
        })
      ).user;
    }
    if (!user.active) throw ssoRefused('sso.error.inactive');
    if (!identity)
      await tx.insert(ssoIdentities).values({ issuer, subject, userId: user.id, lastLoginAt: new Date() });
    else
      await tx
        .update(ssoIdentities)
        .set({ lastLoginAt: new Date() })
        .where(eq(ssoIdentities.id, identity.id));
    if (mapped && (mapped.role !== user.role || mapped.agencyId !== user.agencyId)) {
      const before = { role: user.role, agencyId: user.agencyId };
      [user] = await tx
        .update(users)
        .set({
          role: mapped.role,
          agencyId: mapped.agencyId,
          rowVersion: sql`${users.rowVersion} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(users.id, user.id))
        .returning();
      await recordAudit(
        tx,
        { ...actor, userId: user!.id },
        { action: 'sso_role', entity: 'user', entityId: user!.id, before, after: mapped },
      );
    }
    return startSession(
      tx,
      config,
      user!,
      { ...actor, userId: user!.id, label: user!.email },
      meta,
      'login_sso',
      { issuer, subject },
      { endSessionUrl: options.endSessionUrl },
    );
  });
}

export async function addMapping(db: Db, actor: Actor, input: MappingInput) {
  return db.transaction(async (tx) => {
    const needsAgency = input.role === 'agency_editor' || input.role === 'agency_viewer';
    if (needsAgency && !input.agencyId)
      throw invalid([{ field: 'agencyId', message: 'sso.error.agencyRequired' }]);
    if (input.agencyId) {
      const [a] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, input.agencyId));
      if (!a) throw invalid([{ field: 'agencyId', message: 'sso.error.agencyUnknown' }]);
    }
    const [row] = await tx
      .insert(ssoRoleMappings)
      .values({ ...input, agencyId: input.agencyId ?? null })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'sso_role_mapping',
      entityId: row!.id,
      after: row,
    });
    return row!;
  });
}

export async function deleteMapping(db: Db, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(ssoRoleMappings).where(eq(ssoRoleMappings.id, id)).returning();
    if (!row) throw notFound();
    await recordAudit(tx, actor, { action: 'delete', entity: 'sso_role_mapping', entityId: id, before: row });
  });
}
