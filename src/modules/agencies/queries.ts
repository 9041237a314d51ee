// Read-only queries on the agency register, for the API and the admin pages.
// The register is small (a province has a few hundred agencies at most), so the
// hierarchy is assembled in memory, the same way on both engines.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  foldedText,
  keyset,
  textSort,
  timestampSort,
} from '../../kernel/http/collection.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { adminUnits } from '../geo/schema.ts';
import { AGENCY_KINDS, type AgencyKind, agencies } from './schema.ts';

export type AgencyRow = typeof agencies.$inferSelect;

/** What the API shows of an agency. */
export function publicAgency(a: AgencyRow) {
  return {
    id: a.id,
    code: a.code,
    nameVi: a.nameVi,
    nameEn: a.nameEn,
    shortName: a.shortName,
    kind: a.kind,
    parentId: a.parentId,
    adminUnitId: a.adminUnitId,
    email: a.email,
    phone: a.phone,
    active: a.active,
    isSample: a.isSample,
    sources: a.sources,
    rowVersion: a.rowVersion,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

const vietnamese = new Intl.Collator('vi');

/** Lower case without diacritics, so "so tai chinh" finds "Sở Tài chính". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

// Under one parent: provincial bodies, then departments, other units, communes; each by name.
const KIND_ORDER: Record<AgencyKind, number> = { provincial_body: 0, department: 1, other: 2, commune: 3 };

function bySiblingOrder(a: AgencyRow, b: AgencyRow): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || vietnamese.compare(a.nameVi, b.nameVi) || a.id - b.id;
}

export type AgencyFilter = {
  q?: string;
  kind?: AgencyKind;
  active?: boolean;
  /** Only this agency and those below it. */
  under?: number;
};

export type AgencyListItem = {
  agency: AgencyRow;
  /** 0 for a top-level agency (or for `under` itself), +1 for each level below. */
  depth: number;
  parentName: string | null;
  /** False for an ancestor shown in the tree only to place a matching agency. */
  matches: boolean;
};

function matcher(filter: AgencyFilter): (a: AgencyRow) => boolean {
  const q = filter.q ? foldForSearch(filter.q.trim()) : '';
  return (a) => {
    if (filter.kind && a.kind !== filter.kind) return false;
    if (filter.active !== undefined && a.active !== filter.active) return false;
    if (!q) return true;
    return [a.code, a.nameVi, a.nameEn, a.shortName].some((s) => s && foldForSearch(s).includes(q));
  };
}

/**
 * Agencies matching the filter. `flat`: sorted by name. `tree`: each parent
 * before its children, with depth; ancestors of a match are kept (marked
 * `matches: false`) so a match is always shown in its place.
 */
export async function listAgencies(
  db: DbOrTx,
  filter: AgencyFilter = {},
  view: 'flat' | 'tree' = 'flat',
): Promise<AgencyListItem[]> {
  const all = await db.select().from(agencies);
  const byId = new Map(all.map((a) => [a.id, a]));
  const children = new Map<number | null, AgencyRow[]>();
  for (const a of all) {
    // An agency whose parent is missing is shown at the top rather than lost.
    const parent = a.parentId !== null && byId.has(a.parentId) ? a.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(a);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort(bySiblingOrder);

  const matches = matcher(filter);
  const roots =
    filter.under === undefined ? (children.get(null) ?? []) : [byId.get(filter.under)].filter((a) => !!a);
  const parentName = (a: AgencyRow) => (a.parentId === null ? null : (byId.get(a.parentId)?.nameVi ?? null));

  const out: AgencyListItem[] = [];
  const seen = new Set<number>();
  // Depth-first; returns whether the subtree holds a match. `seen` guards against bad data loops.
  const visit = (a: AgencyRow, depth: number, into: AgencyListItem[]): boolean => {
    if (seen.has(a.id)) return false;
    seen.add(a.id);
    const own = matches(a);
    const below: AgencyListItem[] = [];
    let any = false;
    for (const child of children.get(a.id) ?? []) any = visit(child, depth + 1, below) || any;
    if (own || any) into.push({ agency: a, depth, parentName: parentName(a), matches: own }, ...below);
    return own || any;
  };
  for (const root of roots) visit(root, 0, out);

  if (view === 'tree') return out;
  return out
    .filter((item) => item.matches)
    .sort((x, y) => vietnamese.compare(x.agency.nameVi, y.agency.nameVi) || x.agency.id - y.agency.id);
}

export const AGENCY_SORTS = ['name', 'code', 'updated'] as const;
const AGENCY_COLLECTION: CollectionSpec<AgencyRow, (typeof AGENCY_SORTS)[number]> = {
  sorts: {
    name: textSort(agencies.nameVi, (a) => a.nameVi),
    code: { expr: agencies.code, value: (a) => a.code, type: 'text' },
    updated: timestampSort(agencies.updatedAt, (a) => a.updatedAt),
  },
  id: { expr: agencies.id, value: (a) => a.id, type: 'int' },
};

/** One page of the flat agency list, filtered and sorted in SQL. */
export async function pageAgencies(
  db: DbOrTx,
  q: CollectionParams<(typeof AGENCY_SORTS)[number]> & AgencyFilter,
) {
  const k = keyset(AGENCY_COLLECTION, q);
  const words = q.q ? `%${foldForSearch(q.q.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db
    .select()
    .from(agencies)
    .where(
      and(
        q.kind ? eq(agencies.kind, q.kind) : undefined,
        q.active !== undefined ? eq(agencies.active, q.active) : undefined,
        q.under !== undefined
          ? sql`${agencies.id} in (with recursive sub(id) as (
              select ${q.under}::int union select a.id from agencies a join sub on a.parent_id = sub.id)
              select id from sub)`
          : undefined,
        words
          ? or(
              ...[agencies.code, agencies.nameVi, agencies.nameEn, agencies.shortName].map(
                (c) => sql`${foldedText(sql`coalesce(${c}, '')`)} like ${words}`,
              ),
            )
          : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  const page = k.page(rows);
  // The depth in the hierarchy, as in the tree (the register is small: read the links whole).
  const links = await db.select({ id: agencies.id, parentId: agencies.parentId }).from(agencies);
  const parentOf = new Map(links.map((l) => [l.id, l.parentId]));
  const depthOf = (id: number) => {
    let depth = 0;
    const seen = new Set([id]);
    for (let p = parentOf.get(id); p != null && parentOf.has(p) && !seen.has(p); p = parentOf.get(p)) {
      seen.add(p);
      depth++;
    }
    return depth;
  };
  // With `under`, depth counts from that agency (0), as the tree does.
  const base = q.under !== undefined ? depthOf(q.under) : 0;
  return {
    items: page.items.map((a) => ({ agency: a, depth: depthOf(a.id) - base })),
    nextCursor: page.nextCursor,
  };
}

export async function getAgency(db: DbOrTx, id: number): Promise<AgencyRow> {
  const [a] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!a) throw notFound();
  return a;
}

export type AgencyRef = { id: number; code: string; nameVi: string; nameEn: string | null };

/** The agencies above this one, top-level first. */
export async function agencyAncestors(db: DbOrTx, agency: AgencyRow): Promise<AgencyRef[]> {
  const path: AgencyRef[] = [];
  const seen = new Set([agency.id]);
  let next = agency.parentId;
  while (next !== null && !seen.has(next)) {
    seen.add(next);
    const [parent] = await db
      .select({
        id: agencies.id,
        code: agencies.code,
        nameVi: agencies.nameVi,
        nameEn: agencies.nameEn,
        parentId: agencies.parentId,
      })
      .from(agencies)
      .where(eq(agencies.id, next));
    if (!parent) break;
    path.unshift({ id: parent.id, code: parent.code, nameVi: parent.nameVi, nameEn: parent.nameEn });
    next = parent.parentId;
  }
  return path;
}

/** Agencies (with their depth) as choices for a select, indented to show the hierarchy. */
export async function agencyChoices(
  db: DbOrTx,
  options: { under?: number; activeOnly?: boolean; exclude?: ReadonlySet<number> } = {},
): Promise<{ value: number; label: string }[]> {
  const rows = await listAgencies(db, { under: options.under }, 'tree');
  return rows
    .filter((r) => (!options.activeOnly || r.agency.active) && !options.exclude?.has(r.agency.id))
    .map((r) => ({ value: r.agency.id, label: `${'\u00a0\u00a0\u00a0'.repeat(r.depth)}${r.agency.nameVi}` }));
}

/** Names of some agencies, by id. */
export async function agencyNames(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: agencies.id, nameVi: agencies.nameVi })
    .from(agencies)
    .where(inArray(agencies.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.nameVi]));
}

/** Current administrative units an agency may be attached to, province first. */
export async function adminUnitChoices(db: DbOrTx): Promise<{ value: string; label: string }[]> {
  const rows = await db
    .select({
      id: adminUnits.id,
      level: adminUnits.level,
      fullNameVi: adminUnits.fullNameVi,
      validTo: adminUnits.validTo,
    })
    .from(adminUnits)
    .orderBy(asc(adminUnits.level));
  const levelOrder = { province: 0, district: 1, commune: 2 } as const;
  return rows
    .filter((u) => u.validTo === null)
    .sort(
      (a, b) => levelOrder[a.level] - levelOrder[b.level] || vietnamese.compare(a.fullNameVi, b.fullNameVi),
    )
    .map((u) => ({ value: u.id, label: u.fullNameVi }));
}

export const agencyKinds = AGENCY_KINDS;
