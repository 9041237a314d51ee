import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { asStoredJson, type ChainedContent, chainHash, lockChainHead } from './chain.ts';
import { auditLog } from './schema.ts';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
};

/**
 * Writes one audit row. Call it with the same transaction as the change, so a
 * change without its audit row (or the reverse) cannot be committed.
 */
export function recordAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  return recordAudits(tx, actor, [entry]);
}

/**
 * Writes many audit rows at once (a bulk import's per-record entries): one chain lock,
 * the hashes chained in order here, multi-row inserts. Same transaction rule as recordAudit.
 */
export async function recordAudits(tx: DbOrTx, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // Millisecond precision, so the stored time hashes the same when read back.
  const at = new Date();
  // A savepoint inside the caller's transaction (or a transaction of its own), so the chain
  // lock is held until the change and its audit rows commit together.
  await tx.transaction(async (inner) => {
    let prevHash = await lockChainHead(inner);
    const rows = entries.map((entry) => {
      const content = chainedContent(actor, entry, at);
      const hash = chainHash(prevHash, content);
      const row = { ...content, prevHash, hash };
      prevHash = hash;
      return row;
    });
    // Identity values follow the VALUES order, so the ids keep the chain's order.
    for (let i = 0; i < rows.length; i += 500) await inner.insert(auditLog).values(rows.slice(i, i + 500));
  });
}

function chainedContent(actor: Actor, entry: AuditEntry, at: Date): ChainedContent {
  return {
    at,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    via: actor.via,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: entry.before === undefined ? null : asStoredJson(stripSecrets(entry.before)),
    after: entry.after === undefined ? null : asStoredJson(stripSecrets(entry.after)),
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
  };
}

const SECRET_KEYS = new Set([
  'passwordHash',
  'password_hash',
  'tokenHash',
  'token_hash',
  'csrfToken',
  'password',
]);

/** Audit rows must never hold password hashes or token secrets. */
function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEYS.has(k))
        .map(([k, v]) => [k, stripSecrets(v)]),
    );
  }
  return value;
}
