// Tamper evidence: every audit row carries a SHA-256 over its content and the
// previous row's hash. Changing, deleting or inserting a row in the database
// breaks the chain at that point, and `quyhoach audit verify` names it.
import crypto from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { auditLog } from './schema.ts';

/** Serialises audit writes so each row sees the true previous hash (held until commit). */
const CHAIN_LOCK_KEY = 7263002;

export type ChainedContent = {
  at: Date;
  actorUserId: number | null;
  actorLabel: string;
  via: 'web' | 'api' | 'cli' | 'system';
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
};

/** JSON with object keys sorted at every level, so jsonb's own key order does not matter. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** As stored: what jsonb gives back is the JSON form of what was written. */
export function asStoredJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

export function chainHash(prevHash: string | null, row: ChainedContent): string {
  const content = canonical({
    prevHash,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    via: row.via,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: asStoredJson(row.before),
    after: asStoredJson(row.after),
    requestId: row.requestId,
    ip: row.ip,
  });
  return crypto.createHash('sha256').update(content).digest('hex');
}

/** Takes the chain lock for this transaction and returns the hash of the last row. */
export async function lockChainHead(tx: DbOrTx): Promise<string | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return last?.hash ?? null;
}

export type ChainVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAt: number; reason: 'content_changed' | 'link_broken' };

/** Walks the whole log in id order; reports the first row whose hash or link does not match. */
export async function verifyAuditChain(db: DbOrTx, pageSize = 1000): Promise<ChainVerification> {
  let previous: string | null = null;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(pageSize);
    if (page.length === 0) return { ok: true, rows };
    for (const row of page) {
      rows += 1;
      if (row.prevHash !== previous) return { ok: false, rows, brokenAt: row.id, reason: 'link_broken' };
      if (chainHash(row.prevHash, row) !== row.hash) {
        return { ok: false, rows, brokenAt: row.id, reason: 'content_changed' };
      }
      previous = row.hash;
      lastId = row.id;
    }
  }
}
