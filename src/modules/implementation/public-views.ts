// Public views of the implementation plan by agency, commune, breakthrough and
// sector. Every group's number is the roll-up rule of rules.ts over the group's
// public leaf tasks; which tasks belong to a group is stated in docs/implementation-method.md §7.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { agencyNameMap, leafTasks, listTasks, type TaskRow, taskExtras, toRollupTask } from './queries.ts';
import { type Rollup, rollUp } from './rules.ts';
import type { LinkType } from './schema.ts';

export type PublicTask = TaskRow & {
  coordinatingAgencyIds: number[];
  communeIds: string[];
  links: { type: LinkType; key: string }[];
};

export type TaskGroup = {
  key: string;
  label: string;
  /** Tasks in the group that its number counts (e.g. the tasks an agency leads). */
  tasks: PublicTask[];
  /** Tasks shown with the group but not counted (e.g. tasks it only coordinates). */
  related: PublicTask[];
  rollup: Rollup;
};

/** Every public task of a public programme, with its agencies, communes and links. */
export async function publicTasks(db: DbOrTx, today: string): Promise<PublicTask[]> {
  const { items } = await listTasks(db, { kind: 'public' }, { today, pageSize: 100_000 });
  const x = await taskExtras(
    db,
    items.map((r) => r.id),
  );
  return items.map((r) => ({
    ...r,
    coordinatingAgencyIds: x.coordinators.get(r.id) ?? [],
    communeIds: x.communes.get(r.id) ?? [],
    links: x.links.get(r.id) ?? [],
  }));
}

/**
 * Roll-up of one group: over the leaf tasks of the whole public plan that are in
 * the group (a parent task never counts beside its children).
 */
export function groupOf(
  key: string,
  label: string,
  all: readonly PublicTask[],
  counted: readonly PublicTask[],
  related: readonly PublicTask[] = [],
): TaskGroup {
  const leaves = new Set(leafTasks(all).map((t) => t.id));
  return {
    key,
    label,
    tasks: [...counted],
    related: related.filter((t) => !counted.includes(t)),
    rollup: rollUp(counted.filter((t) => leaves.has(t.id)).map(toRollupTask)),
  };
}

/** The order of localeCompare(…, 'vi'), with one collator instead of one per comparison. */
const vietnamese = new Intl.Collator('vi');

/** Agencies: the number counts the tasks an agency leads; tasks it coordinates are listed beside. */
export async function byAgency(db: DbOrTx, all: readonly PublicTask[]): Promise<TaskGroup[]> {
  const names = await agencyNameMap(db);
  const ids = new Set(all.flatMap((t) => [t.leadAgencyId, ...t.coordinatingAgencyIds]));
  return [...ids]
    .map((id) =>
      groupOf(
        String(id),
        names.get(id) ?? String(id),
        all,
        all.filter((t) => t.leadAgencyId === id),
        all.filter((t) => t.coordinatingAgencyIds.includes(id)),
      ),
    )
    .sort((a, b) => vietnamese.compare(a.label, b.label));
}

/**
 * Communes: the number counts the tasks placed in the commune; whole-province
 * tasks are not repeated in every commune (they are listed beside, not counted).
 */
export async function byCommune(db: DbOrTx, all: readonly PublicTask[]): Promise<TaskGroup[]> {
  const ids = [...new Set(all.flatMap((t) => t.communeIds))];
  if (ids.length === 0) return [];
  const names = new Map(
    (
      await queryRows<{ id: string; name: string }>(
        db,
        sql`select id, full_name_vi as name from admin_units where id in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      )
    ).map((r) => [r.id, r.name]),
  );
  const province = all.filter((t) => t.wholeProvince);
  return ids
    .map((id) =>
      groupOf(
        id,
        names.get(id) ?? id,
        all,
        all.filter((t) => t.communeIds.includes(id)),
        province,
      ),
    )
    .sort((a, b) => vietnamese.compare(a.label, b.label));
}

/**
 * Breakthroughs or sectors (plan items): every item of the kind is listed, even
 * with no task yet; the number counts the tasks linked to the item.
 */
export async function byPlanItem(
  db: DbOrTx,
  all: readonly PublicTask[],
  kind: 'breakthrough' | 'sector',
): Promise<TaskGroup[]> {
  const items = await queryRows<{ code: string; name: string }>(
    db,
    sql`select code, name_vi as name from plan_items where kind = ${kind} order by position, id`,
  );
  return items.map((i) =>
    groupOf(
      i.code,
      i.name,
      all,
      all.filter((t) => t.links.some((l) => l.type === kind && l.key === i.code)),
    ),
  );
}

/** Public projects that concern a commune or that an agency is responsible for. */
export async function projectsWhere(
  db: DbOrTx,
  where: { agencyId: number } | { communeId: string },
): Promise<{ id: number; nameVi: string; stage: string | null; isSample: boolean }[]> {
  const cond =
    'agencyId' in where
      ? sql`responsible_agency_id = ${where.agencyId}`
      : sql`admin_unit_ids @> ${JSON.stringify([where.communeId])}::jsonb`;
  return queryRows(
    db,
    sql`select id, name_vi as "nameVi", stage, is_sample as "isSample" from projects where is_public and ${cond} order by name_vi`,
  );
}
