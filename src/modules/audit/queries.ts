// Reading the audit log: newest first, filtered, paged by id (a cursor stays
// correct while new rows arrive). The log is append-only; nothing here writes.

import { and, desc, eq, gte, ilike, lt, type SQL, sql } from 'drizzle-orm';
import { coalescedRead } from '../../kernel/db/coalesced-read.ts';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { auditLog } from './schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export type AuditFilter = {
  entity?: string;
  entityId?: string;
  /** The acting user's id. */
  userId?: number;
  /** Part of the actor's label (an email, "system", "cli:…"). */
  actor?: string;
  /** From this instant, inclusive. */
  from?: Date;
  /** Up to this instant, exclusive. */
  until?: Date;
  /** Only rows older than this id (the previous page's `nextCursor`). */
  cursor?: number;
  limit?: number;
};

export const AUDIT_PAGE_SIZE = 50;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function publicAuditRow(r: AuditRow) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorLabel: r.actorLabel,
    via: r.via,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId,
    ip: r.ip,
  };
}

export async function listAudit(
  db: DbOrTx,
  filter: AuditFilter = {},
): Promise<{ items: AuditRow[]; nextCursor: number | null }> {
  const limit = Math.max(1, Math.min(filter.limit ?? AUDIT_PAGE_SIZE, 500));
  const conditions: (SQL | undefined)[] = [
    filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.userId !== undefined ? eq(auditLog.actorUserId, filter.userId) : undefined,
    filter.actor ? ilike(auditLog.actorLabel, `%${escapeLike(filter.actor)}%`) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.until ? lt(auditLog.at, filter.until) : undefined,
    filter.cursor !== undefined ? lt(auditLog.id, filter.cursor) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}

/** The kinds of record the log holds, for the filter (a skip scan over the entity index). */
export async function auditEntities(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ entity: string }>(
    db,
    sql`
    with recursive e(entity) as (
      (select entity from audit_log order by entity limit 1)
      union all
      select (select a.entity from audit_log a where a.entity > e.entity order by a.entity limit 1)
      from e where e.entity is not null
    )
    select entity from e where entity is not null`,
  );
  return rows.map((r) => r.entity);
}

// Dates in filters are days in Vietnam (UTC+7): a day runs from 00:00 there.
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** 00:00 in Vietnam on the given calendar day. */
export function startOfVietnamDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - VIETNAM_OFFSET_MS);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** dd/mm/yyyy (also d/m/yyyy) as a real calendar day, or null. */
export function parseVietnameseDate(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return { year, month, day };
}

/** YYYY-MM-DD as a real calendar day, or null. */
export function parseIsoDay(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  return parseVietnameseDate(`${m[3]}/${m[2]}/${m[1]}`);
}

/**
 * The newest audit id: every change is audited in its own transaction, so this is a
 * data version all app processes agree on (the response cache keys on it).
 */
const versionReaders = new WeakMap<DbOrTx, () => Promise<string>>();

/**
 * The data version the caches are keyed on: the newest audit id, read fresh for each caller
 * (concurrent callers share a read that started after they asked: kernel/db/coalesced-read.ts).
 */
export function dataVersion(db: DbOrTx): Promise<string> {
  let read = versionReaders.get(db);
  if (!read) {
    read = coalescedRead(() => latestAuditId(db));
    versionReaders.set(db, read);
  }
  return read();
}

export async function latestAuditId(db: DbOrTx): Promise<string> {
  const [row] = await queryRows<{ id: string | null }>(db, sql`select max(id)::text as id from audit_log`);
  return row?.id ?? '0';
}
