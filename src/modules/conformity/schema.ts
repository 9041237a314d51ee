import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';
import { users } from '../accounts/schema.ts';
import type { GeoJsonGeometry } from '../geo/schema.ts';
import type { LayerType, Outcome } from './engine.ts';

/**
 * A plan layer a site is checked against. Built-in layers (`builtin` set) read
 * their features from the geo module's administrative units; the others hold
 * their own features, loaded by an administrator.
 */
export const conformityLayers = pgTable(
  'conformity_layers',
  {
    id: text().primaryKey(),
    type: text().$type<LayerType>().notNull(),
    nameVi: text().notNull(),
    nameEn: text(),
    /** Where the layer comes from (a decision, a survey, a URL), as a reader sees it. */
    source: text(),
    builtin: text(),
    bufferMeters: numeric({ mode: 'number' }).notNull().default(0),
    active: boolean().notNull().default(true),
    ...provenance,
    ...rowVersion,
    ...timestamps,
  },
  (t) => [
    check(
      'conformity_layers_type_chk',
      sql`${t.type} in ('admin_units_old','admin_units_new','zone','industrial_park','urban_area','infrastructure_corridor','protected','restricted','custom')`,
    ),
    check('conformity_layers_buffer_chk', sql`${t.bufferMeters} >= 0`),
  ],
);

export const conformityFeatures = pgTable(
  'conformity_features',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    layerId: text()
      .notNull()
      .references(() => conformityLayers.id, { onDelete: 'cascade' }),
    nameVi: text().notNull(),
    nameEn: text(),
    geometry: jsonb().$type<GeoJsonGeometry>().notNull(),
    properties: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('conformity_features_layer_idx').on(t.layerId)],
);

/** What a touched layer means for a site, per layer type; administrators edit it. */
export const conformityRules = pgTable(
  'conformity_rules',
  {
    layerType: text().$type<LayerType>().primaryKey(),
    outcome: text().$type<Outcome>().notNull(),
    reasonVi: text().notNull(),
    reasonEn: text().notNull(),
    ...rowVersion,
    ...timestamps,
  },
  (t) => [
    check('conformity_rules_outcome_chk', sql`${t.outcome} in ('compatible','needs_review','conflict')`),
  ],
);

/** A check that was run: the site (WGS84), the report as it was then, who asked and when. */
export const conformityChecks = pgTable(
  'conformity_checks',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    title: text().notNull(),
    inputFormat: text().notNull(),
    inputCrs: text().notNull(),
    site: jsonb().$type<GeoJsonGeometry>().notNull(),
    siteAreaHa: numeric({ mode: 'number' }).notNull(),
    overall: text().$type<Outcome>().notNull(),
    report: jsonb().$type<Record<string, unknown>>().notNull(),
    requestedBy: integer().references(() => users.id),
    requestedByLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conformity_checks_created_idx').on(t.createdAt)],
);
