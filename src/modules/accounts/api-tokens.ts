// API tokens for integrations: shown once, stored as SHA-256, scoped, revocable.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { versionedMemo } from '../../kernel/db/versioned-memo.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  timestampSort,
} from '../../kernel/http/collection.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { dataVersion } from '../audit/queries.ts';
import { recordAudit } from '../audit/record.ts';
import { apiTokens, type TokenScope, users } from './schema.ts';
import { newApiTokenSecret, sha256 } from './tokens.ts';
import type { UserRow } from './users.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export function publicToken(t: ApiTokenRow) {
  return {
    id: t.id,
    userId: t.userId,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiToken(
  db: DbOrTx,
  actor: Actor,
  input: { userId: number; name: string; scopes: TokenScope[]; expiresAt?: Date },
): Promise<{ token: ApiTokenRow; secret: string }> {
  return db.transaction(async (tx) => {
    const secret = newApiTokenSecret();
    const [token] = await tx
      .insert(apiTokens)
      .values({
        userId: input.userId,
        name: input.name,
        prefix: secret.slice(0, 8),
        tokenHash: sha256(secret),
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'api_token',
      entityId: token!.id,
      after: publicToken(token!),
    });
    return { token: token!, secret };
  });
}

export async function revokeApiToken(
  db: DbOrTx,
  actor: Actor,
  id: number,
  ownerId?: number,
): Promise<ApiTokenRow> {
  return db.transaction(async (tx) => {
    const where =
      ownerId === undefined ? eq(apiTokens.id, id) : and(eq(apiTokens.id, id), eq(apiTokens.userId, ownerId));
    const [before] = await tx.select().from(apiTokens).where(where);
    if (!before) throw notFound();
    const [after] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      before: publicToken(before),
      after: publicToken(after!),
    });
    return after!;
  });
}

export async function listApiTokens(db: DbOrTx, userId: number): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

export const TOKEN_SORTS = ['created', 'lastUsed'] as const;
const TOKEN_COLLECTION: CollectionSpec<ApiTokenRow, (typeof TOKEN_SORTS)[number]> = {
  sorts: {
    created: timestampSort(apiTokens.createdAt, (t) => t.createdAt),
    lastUsed: timestampSort(apiTokens.lastUsedAt, (t) => t.lastUsedAt, true),
  },
  id: { expr: apiTokens.id, value: (t) => t.id, type: 'int' },
};

/** One page of a user's own tokens. */
export async function pageApiTokens(
  db: DbOrTx,
  userId: number,
  q: CollectionParams<(typeof TOKEN_SORTS)[number]> & { active?: 'true' | 'false' | undefined },
) {
  const k = keyset(TOKEN_COLLECTION, q);
  const rows = await db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, userId),
        q.active === 'true'
          ? isNull(apiTokens.revokedAt)
          : q.active === 'false'
            ? sql`${apiTokens.revokedAt} is not null`
            : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

/** What a token grants, as read from the database. */
type TokenGrant = {
  tokenId: number;
  user: UserRow;
  scopes: TokenScope[];
  expiresAt: Date | null;
  /** When this process last wrote last_used_at (ms), or when the database says it was used. */
  lastUsedAt: number;
};

async function readGrant(db: DbOrTx, tokenHash: string): Promise<TokenGrant | null> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.active, true)));
  if (!row) return null;
  return {
    tokenId: row.token.id,
    user: row.user,
    scopes: row.token.scopes,
    expiresAt: row.token.expiresAt,
    lastUsedAt: row.token.lastUsedAt?.getTime() ?? 0,
  };
}

export type ApiTokenResolver = (secret: string) => Promise<{ user: UserRow; scopes: TokenScope[] } | null>;

/** How many tokens' grants a process keeps (integrations are few; a miss is one lookup). */
const GRANTS_KEPT = 1_000;

/**
 * Resolves a bearer secret to its active user and scopes, or null; last_used_at is written at
 * most once a minute. Grants are kept under the data version (kernel/db/versioned-memo.ts):
 * revoking a token, deactivating its user or changing the user's role is audited, which changes
 * the version, so the next request on any process reads the token again. An integration's calls
 * then cost a version read shared with concurrent requests, not a token lookup each.
 */
export function apiTokenResolver(db: DbOrTx): ApiTokenResolver {
  const grants = versionedMemo<{ grant: TokenGrant | null }>(GRANTS_KEPT);
  return async (secret) => {
    const tokenHash = sha256(secret);
    const { grant } = await grants(`${await dataVersion(db)}|${tokenHash}`, async () => ({
      grant: await readGrant(db, tokenHash),
    }));
    const now = Date.now();
    if (!grant || (grant.expiresAt !== null && grant.expiresAt.getTime() <= now)) return null;
    if (now - grant.lastUsedAt > 60_000) {
      // Kept on the shared grant: this write is not audited and leaves the version as it is.
      grant.lastUsedAt = now;
      await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, grant.tokenId));
    }
    return { user: grant.user, scopes: grant.scopes };
  };
}
