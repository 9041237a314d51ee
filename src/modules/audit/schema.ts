import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Append-only record of every change: who, when, which entity, before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer(),
    actorLabel: text().notNull(),
    via: text().$type<'web' | 'api' | 'cli' | 'system'>().notNull(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    ip: text(),
    /** Hash of the previous row: the rows form a chain that `quyhoach audit verify` checks. */
    prevHash: text(),
    /** SHA-256 over this row's content and prevHash. */
    hash: text().notNull(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorUserId),
    index('audit_log_at_idx').on(t.at),
  ],
);
