// Use cases for user accounts. Each writes its audit row in the same transaction.
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  textSort,
  timestampSort,
} from '../../kernel/http/collection.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { conflict, invalid, notFound } from '../../kernel/http/errors.ts';
import { agencies } from '../agencies/schema.ts';
import { recordAudit } from '../audit/record.ts';
import { generateOneTimePassword, hashPassword, verifyPassword } from './passwords.ts';
import { apiTokens, type Role, sessions, users } from './schema.ts';
import type { CreateUserInput, UpdateUserInput } from './schemas.ts';

export type UserRow = typeof users.$inferSelect;

/** What may leave the server about a user: never the password hash. */
export function publicUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    agencyId: u.agencyId,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    rowVersion: u.rowVersion,
  };
}

export function toCurrentUser(u: UserRow): CurrentUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    agencyId: u.agencyId,
    mustChangePassword: u.mustChangePassword,
  };
}

const AGENCY_ROLES: readonly Role[] = ['agency_editor', 'agency_viewer'];

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return u;
}

export async function getUser(db: DbOrTx, id: number): Promise<UserRow> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u) throw notFound();
  return u;
}

export type UserListFilter = { q?: string; role?: Role; agencyId?: number; active?: boolean };

function userConditions(filter: UserListFilter) {
  return [
    filter.q ? or(ilike(users.email, `%${filter.q}%`), ilike(users.displayName, `%${filter.q}%`)) : undefined,
    filter.role ? eq(users.role, filter.role) : undefined,
    filter.agencyId ? eq(users.agencyId, filter.agencyId) : undefined,
    filter.active === undefined ? undefined : eq(users.active, filter.active),
  ].filter((c) => c !== undefined);
}

export async function listUsers(db: DbOrTx, filter: UserListFilter = {}) {
  const conditions = userConditions(filter);
  return db
    .select({ user: users, agencyName: agencies.nameVi })
    .from(users)
    .leftJoin(agencies, eq(users.agencyId, agencies.id))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.email));
}

export const USER_SORTS = ['email', 'name', 'created'] as const;
const USER_COLLECTION: CollectionSpec<UserRow, (typeof USER_SORTS)[number]> = {
  sorts: {
    email: {
      expr: sql`lower(${users.email})`,
      fold: (v) => sql`lower(${v})`,
      value: (u) => u.email,
      type: 'text',
    },
    name: textSort(users.displayName, (u) => u.displayName),
    created: timestampSort(users.createdAt, (u) => u.createdAt),
  },
  id: { expr: users.id, value: (u) => u.id, type: 'int' },
};

/** One page of the user accounts, filtered and sorted in SQL. */
export async function pageUsers(
  db: DbOrTx,
  q: CollectionParams<(typeof USER_SORTS)[number]> & UserListFilter,
) {
  const k = keyset(USER_COLLECTION, q);
  const rows = await db
    .select()
    .from(users)
    .where(and(...userConditions(q), k.after))
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

async function checkRoleAgency(db: DbOrTx, role: Role, agencyId: number | undefined): Promise<number | null> {
  if (agencyId !== undefined) {
    const [a] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId));
    if (!a) throw invalid([{ field: 'agencyId', message: 'accounts.error.agencyUnknown' }]);
  }
  if (AGENCY_ROLES.includes(role) && agencyId === undefined) {
    throw invalid([{ field: 'agencyId', message: 'accounts.error.agencyRequired' }]);
  }
  return agencyId ?? null;
}

export type CreatedUser = { user: UserRow; oneTimePassword: string | null };

/**
 * Creates an account. Without a password a one-time password is generated and
 * the user must change it at first sign-in.
 */
export async function createUser(
  db: DbOrTx,
  actor: Actor,
  input: CreateUserInput & { password?: string },
): Promise<CreatedUser> {
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) {
      throw invalid([{ field: 'email', message: 'accounts.error.emailTaken' }]);
    }
    const agencyId = await checkRoleAgency(tx, input.role, input.agencyId);
    const oneTimePassword = input.password ? null : generateOneTimePassword();
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email.trim().toLowerCase(),
        displayName: input.displayName,
        role: input.role,
        agencyId,
        passwordHash: await hashPassword(input.password ?? oneTimePassword!),
        mustChangePassword: oneTimePassword !== null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'user',
      entityId: user!.id,
      after: publicUser(user!),
    });
    return { user: user!, oneTimePassword };
  });
}

export async function updateUser(
  db: DbOrTx,
  actor: Actor,
  id: number,
  input: UpdateUserInput,
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const before = await getUser(tx, id);
    const agencyId = await checkRoleAgency(tx, input.role, input.agencyId);
    const [after] = await tx
      .update(users)
      .set({
        displayName: input.displayName,
        role: input.role,
        agencyId,
        rowVersion: sql`${users.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, id), eq(users.rowVersion, input.rowVersion)))
      .returning();
    if (!after) throw conflict();
    if (before.role !== after.role || before.agencyId !== after.agencyId) {
      // A change of rights takes effect now, not when old sessions expire.
      await tx.delete(sessions).where(eq(sessions.userId, id));
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      before: publicUser(before),
      after: publicUser(after),
    });
    return after;
  });
}

/** Deactivating ends the user's sessions and API tokens; the account and its history stay. */
export async function setUserActive(db: DbOrTx, actor: Actor, id: number, active: boolean): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const before = await getUser(tx, id);
    if (!active && actor.userId === id)
      throw invalid([{ field: 'active', message: 'accounts.error.cannotDeactivateSelf' }]);
    const [after] = await tx
      .update(users)
      .set({ active, rowVersion: sql`${users.rowVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (!active) {
      await tx.delete(sessions).where(eq(sessions.userId, id));
      await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.userId, id), sql`${apiTokens.revokedAt} is null`));
    }
    await recordAudit(tx, actor, {
      action: active ? 'activate' : 'deactivate',
      entity: 'user',
      entityId: id,
      before: publicUser(before),
      after: publicUser(after!),
    });
    return after!;
  });
}

/** Sets a new one-time password (or the given one) and signs the user out everywhere. */
export async function resetPassword(
  db: DbOrTx,
  actor: Actor,
  id: number,
  password?: string,
): Promise<{ user: UserRow; oneTimePassword: string | null }> {
  return db.transaction(async (tx) => {
    const before = await getUser(tx, id);
    const oneTimePassword = password ? null : generateOneTimePassword();
    const [after] = await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(password ?? oneTimePassword!),
        mustChangePassword: oneTimePassword !== null,
        failedLogins: 0,
        lockedUntil: null,
        rowVersion: sql`${users.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await recordAudit(tx, actor, {
      action: 'reset_password',
      entity: 'user',
      entityId: id,
      before: publicUser(before),
      after: publicUser(after!),
    });
    return { user: after!, oneTimePassword };
  });
}

/** The user's own change; other sessions end, the current one stays. */
export async function changeOwnPassword(
  db: DbOrTx,
  actor: Actor,
  input: { userId: number; currentPassword: string; newPassword: string; keepSessionId: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getUser(tx, input.userId);
    if (!(await verifyPassword(before.passwordHash, input.currentPassword))) {
      throw invalid([{ field: 'currentPassword', message: 'accounts.error.currentPasswordWrong' }]);
    }
    if (input.currentPassword === input.newPassword) {
      throw invalid([{ field: 'newPassword', message: 'accounts.error.passwordUnchanged' }]);
    }
    const [after] = await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(input.newPassword),
        mustChangePassword: false,
        rowVersion: sql`${users.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, input.userId))
      .returning();
    await tx
      .delete(sessions)
      .where(
        input.keepSessionId
          ? and(eq(sessions.userId, input.userId), sql`${sessions.id} <> ${input.keepSessionId}`)
          : eq(sessions.userId, input.userId),
      );
    await recordAudit(tx, actor, {
      action: 'change_password',
      entity: 'user',
      entityId: input.userId,
      before: publicUser(before),
      after: publicUser(after!),
    });
  });
}
