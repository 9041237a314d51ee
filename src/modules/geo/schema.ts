import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';

export const ADMIN_LEVELS = ['province', 'district', 'commune'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

/**
 * Administrative units of every vintage. Official codes are reused across
 * reorganisations (05809 was Xã Cù Vân before 2025 and is Xã An Khánh after),
 * so the key is a stable id and `code` + validity dates identify the unit.
 */
export const adminUnits = pgTable(
  'admin_units',
  {
    id: text().primaryKey(),
    code: text().notNull(),
    level: text().$type<AdminLevel>().notNull(),
    typeVi: text().notNull(),
    typeEn: text().notNull(),
    nameVi: text().notNull(),
    fullNameVi: text().notNull(),
    nameEn: text().notNull(),
    nameAscii: text().notNull(),
    parentId: text(),
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    areaKm2: numeric({ mode: 'number' }),
    geometry: jsonb().$type<GeoJsonGeometry | null>(),
    properties: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ...provenance,
    ...timestamps,
  },
  (t) => [
    index('admin_units_code_idx').on(t.code),
    index('admin_units_parent_idx').on(t.parentId),
    check('admin_units_level_chk', sql`${t.level} in ('province','district','commune')`),
  ],
);

export const LINEAGE_SHARES = ['full', 'partial'] as const;
export type LineageShare = (typeof LINEAGE_SHARES)[number];

/** How a pre-2025 unit passed into a 2025 unit (all or part of it). */
export const adminUnitLineage = pgTable(
  'admin_unit_lineage',
  {
    predecessorId: text()
      .notNull()
      .references(() => adminUnits.id),
    successorId: text()
      .notNull()
      .references(() => adminUnits.id),
    share: text().$type<LineageShare>().notNull(),
    /** Fraction of the predecessor's data attributed to the successor; null = documented default. */
    shareRatio: numeric({ mode: 'number' }),
    effectiveDate: date({ mode: 'string' }).notNull(),
    legalBasis: text(),
    derived: text(),
    ...provenance,
  },
  (t) => [
    primaryKey({ columns: [t.predecessorId, t.successorId] }),
    index('admin_unit_lineage_successor_idx').on(t.successorId),
    check('admin_unit_lineage_share_chk', sql`${t.share} in ('full','partial')`),
  ],
);

/**
 * How the part of a split (partial) predecessor's value that no recorded
 * share_ratio covers is attributed (docs/reorganisation.md): `equal` — split
 * equally among the successors without a ratio; `unassigned` — left out and reported.
 */
export const DEFAULT_SHARE_RULES = ['equal', 'unassigned'] as const;
export type DefaultShareRule = (typeof DEFAULT_SHARE_RULES)[number];

/** The administrators' lineage settings: one row (id 1). */
export const lineageSettings = pgTable(
  'lineage_settings',
  {
    id: integer().primaryKey().default(1),
    defaultShareRule: text().$type<DefaultShareRule>().notNull().default('equal'),
    ...rowVersion,
    ...timestamps,
  },
  (t) => [
    check('lineage_settings_singleton_chk', sql`${t.id} = 1`),
    check('lineage_settings_rule_chk', sql`${t.defaultShareRule} in ('equal','unassigned')`),
  ],
);

export type GeoJsonGeometry = {
  type: 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
};
