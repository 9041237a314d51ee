import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';
import { adminUnits } from '../geo/schema.ts';

export const AGENCY_KINDS = ['provincial_body', 'department', 'commune', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Provincial bodies, departments and communes; `parentId` makes the hierarchy that scopes editors. */
export const agencies = pgTable(
  'agencies',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull(),
    nameVi: text().notNull(),
    nameEn: text(),
    shortName: text(),
    kind: text().$type<AgencyKind>().notNull(),
    parentId: integer().references((): AnyPgColumn => agencies.id),
    adminUnitId: text().references(() => adminUnits.id),
    email: text(),
    phone: text(),
    notes: text(),
    active: boolean().notNull().default(true),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('agencies_code_uq').on(t.code),
    index('agencies_parent_idx').on(t.parentId),
    check('agencies_kind_chk', sql`${t.kind} in ('provincial_body','department','commune','other')`),
    check('agencies_not_own_parent_chk', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);
