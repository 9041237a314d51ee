// Column helpers shared by every module's schema, so timestamps, sources and
// optimistic-locking versions look the same in every table.
import { boolean, integer, jsonb, timestamp } from 'drizzle-orm/pg-core';

export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** Incremented on every update; a stale version in a write gets 409. */
export const rowVersion = {
  rowVersion: integer().notNull().default(1),
};

/** Where a fact comes from: public URLs, and whether the record is demo-only. */
export const provenance = {
  sources: jsonb().$type<string[]>().notNull().default([]),
  isSample: boolean().notNull().default(false),
};
