// Read-only queries on administrative units, for pages and APIs.
import { and, eq, getTableColumns, gte, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { type AdminLevel, adminUnitLineage, adminUnits, type LineageShare } from './schema.ts';

export type AdminUnit = typeof adminUnits.$inferSelect;

// PostgreSQL 15 has no "unicode" collation and PGlite has no "vi-x-icu", so
// Vietnamese order (a < ă < â, d < đ) is applied here, the same on both engines.
const vietnamese = new Intl.Collator('vi');

type Named = { nameVi: string; id: string };

function byNameVi<T>(rows: T[], unitOf: (row: T) => Named): T[] {
  return rows.sort((a, b) => {
    const [x, y] = [unitOf(a), unitOf(b)];
    return vietnamese.compare(x.nameVi, y.nameVi) || x.id.localeCompare(y.id);
  });
}

/** Today's date where the units are (validity dates are Vietnamese legal dates). */
export function todayInVietnam(now = new Date()): string {
  return vietnamDay.format(now);
}
const vietnamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

export type ListAdminUnitsOptions = {
  level?: AdminLevel;
  /** Only units valid on `asOf` (default: today in Vietnam). */
  current?: boolean;
  asOf?: string;
  parentId?: string;
};

function unitConditions(options: ListAdminUnitsOptions): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (options.level) conditions.push(eq(adminUnits.level, options.level));
  if (options.parentId) conditions.push(eq(adminUnits.parentId, options.parentId));
  if (options.current) {
    const day = options.asOf ?? todayInVietnam();
    conditions.push(or(isNull(adminUnits.validFrom), lte(adminUnits.validFrom, day)));
    conditions.push(or(isNull(adminUnits.validTo), gte(adminUnits.validTo, day)));
  }
  return and(...conditions);
}

export async function listAdminUnits(db: DbOrTx, options: ListAdminUnitsOptions = {}): Promise<AdminUnit[]> {
  const rows = await db.select().from(adminUnits).where(unitConditions(options));
  return byNameVi(rows, (u) => u);
}

export type AdminUnitFeature = Pick<
  AdminUnit,
  'id' | 'code' | 'level' | 'nameVi' | 'fullNameVi' | 'nameEn' | 'validFrom' | 'validTo' | 'geometry'
>;

/**
 * The units with a geometry, in the order of listAdminUnits, with only what a map shows: not
 * their properties and sources (the larger part of a commune's row, parsed for nothing).
 */
export async function listAdminUnitFeatures(
  db: DbOrTx,
  options: ListAdminUnitsOptions = {},
): Promise<AdminUnitFeature[]> {
  const u = adminUnits;
  const rows = await db
    .select({
      id: u.id,
      code: u.code,
      level: u.level,
      nameVi: u.nameVi,
      fullNameVi: u.fullNameVi,
      nameEn: u.nameEn,
      validFrom: u.validFrom,
      validTo: u.validTo,
      geometry: u.geometry,
    })
    .from(u)
    .where(and(unitConditions(options), isNotNull(u.geometry)));
  return byNameVi(rows, (r) => r);
}

export async function getAdminUnit(db: DbOrTx, id: string): Promise<AdminUnit | null> {
  const [row] = await db.select().from(adminUnits).where(eq(adminUnits.id, id));
  return row ?? null;
}

/** A unit at the other end of a lineage link, with how it passed. */
export type LinkedUnit = {
  unit: AdminUnit;
  share: LineageShare;
  shareRatio: number | null;
  effectiveDate: string;
  legalBasis: string | null;
  derived: string | null;
  sources: string[];
};

const linkColumns = {
  share: adminUnitLineage.share,
  shareRatio: adminUnitLineage.shareRatio,
  effectiveDate: adminUnitLineage.effectiveDate,
  legalBasis: adminUnitLineage.legalBasis,
  derived: adminUnitLineage.derived,
  sources: adminUnitLineage.sources,
};

async function linkedUnits(
  db: DbOrTx,
  direction: 'successors' | 'predecessors',
  id: string,
): Promise<LinkedUnit[]> {
  const [from, to] =
    direction === 'successors'
      ? [adminUnitLineage.predecessorId, adminUnitLineage.successorId]
      : [adminUnitLineage.successorId, adminUnitLineage.predecessorId];
  const rows = await db
    .select({ unit: getTableColumns(adminUnits), ...linkColumns })
    .from(adminUnitLineage)
    .innerJoin(adminUnits, eq(adminUnits.id, to))
    .where(eq(from, id));
  return byNameVi(rows, (r) => r.unit);
}

/** The 2025 units that took over all or part of `id`. */
export function successorsOf(db: DbOrTx, id: string): Promise<LinkedUnit[]> {
  return linkedUnits(db, 'successors', id);
}

/** The pre-2025 units that `id` was formed from. */
export function predecessorsOf(db: DbOrTx, id: string): Promise<LinkedUnit[]> {
  return linkedUnits(db, 'predecessors', id);
}

export type AdminUnitCount = {
  level: AdminLevel;
  validFrom: string | null;
  validTo: string | null;
  count: number;
};

const LEVEL_ORDER: Record<AdminLevel, number> = { province: 0, district: 1, commune: 2 };

/** Units per level and vintage (a vintage is one pair of validity dates). */
export async function countAdminUnits(db: DbOrTx): Promise<AdminUnitCount[]> {
  const rows = await db
    .select({
      level: adminUnits.level,
      validFrom: adminUnits.validFrom,
      validTo: adminUnits.validTo,
      count: sql<number>`count(*)::int`,
    })
    .from(adminUnits)
    .groupBy(adminUnits.level, adminUnits.validFrom, adminUnits.validTo);
  return rows.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      (a.validFrom ?? '').localeCompare(b.validFrom ?? '') ||
      (a.validTo ?? '').localeCompare(b.validTo ?? ''),
  );
}
