// Reads of programmes, tasks and reports, with the reader's scope applied.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  textSort,
  timestampSort,
} from '../../kernel/http/collection.ts';
import { forbidden, notFound } from '../../kernel/http/errors.ts';
import { agencies } from '../agencies/schema.ts';
import { type ImplScope, mayReadTask } from './policy.ts';
import { type Rollup, type RollupTask, rollUp } from './rules.ts';
import { type LinkType, programmes, progressReports, reportFiles, taskEvents, tasks } from './schema.ts';
import type { TASK_SORTS, TaskListQuery } from './schemas.ts';

type TaskSort = (typeof TASK_SORTS)[number];

export type TaskRow = typeof tasks.$inferSelect;
export type ProgrammeRow = typeof programmes.$inferSelect;
export type ReportRow = typeof progressReports.$inferSelect;

export type TaskDetail = TaskRow & {
  coordinatingAgencyIds: number[];
  communeIds: string[];
  links: { type: LinkType; key: string }[];
};

/** Coordinating agencies, communes and links of the given tasks: one round trip for the three tables. */
export async function taskExtras(db: DbOrTx, ids: number[]) {
  const coordinators = new Map<number, number[]>();
  const communes = new Map<number, string[]>();
  const links = new Map<number, { type: LinkType; key: string }[]>();
  if (ids.length === 0) return { coordinators, communes, links };
  const rows = await queryRows<{
    part: 'coordinator' | 'commune' | 'link';
    taskId: number;
    value: string;
    linkType: LinkType | null;
  }>(
    db,
    sql`with ids as (select value::int as id from json_array_elements_text(${JSON.stringify(ids)}::json))
        select 'coordinator' as part, task_id as "taskId", agency_id::text as value, null as "linkType"
          from task_coordinators where task_id in (select id from ids)
        union all
        select 'commune', task_id, admin_unit_id, null from task_communes where task_id in (select id from ids)
        union all
        select 'link', task_id, target_key, target_type from task_links where task_id in (select id from ids)
        order by 1, 2, 3`,
  );
  const add = <T>(map: Map<number, T[]>, taskId: number, item: T) => {
    const list = map.get(taskId);
    if (list) list.push(item);
    else map.set(taskId, [item]);
  };
  for (const r of rows) {
    if (r.part === 'coordinator') add(coordinators, r.taskId, Number(r.value));
    else if (r.part === 'commune') add(communes, r.taskId, r.value);
    else add(links, r.taskId, { type: r.linkType!, key: r.value });
  }
  return { coordinators, communes, links };
}

export async function getTaskDetail(db: DbOrTx, id: number): Promise<TaskDetail> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  if (!row) throw notFound();
  const x = await taskExtras(db, [id]);
  return {
    ...row,
    coordinatingAgencyIds: x.coordinators.get(id) ?? [],
    communeIds: x.communes.get(id) ?? [],
    links: x.links.get(id) ?? [],
  };
}

/** A task the reader may see: 404 if it does not exist, 403 if it is another agency's private task. */
export async function readableTask(db: DbOrTx, scope: ImplScope, id: number): Promise<TaskDetail> {
  const task = await getTaskDetail(db, id);
  if (!mayReadTask(scope, { ...task, coordinatorIds: task.coordinatingAgencyIds })) {
    if (scope.kind === 'public') throw notFound();
    throw forbidden();
  }
  return task;
}

/** SQL condition: what the scope may read. */
function visibleCondition(scope: ImplScope) {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'public')
    return sql`(${tasks.isPublic} and exists (select 1 from programmes p where p.id = ${tasks.programmeId} and p.is_public))`;
  const ids = [...scope.ids];
  if (ids.length === 0) return sql`${tasks.isPublic}`;
  const list = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  return sql`(${tasks.isPublic} or ${tasks.leadAgencyId} in (${list}) or exists (select 1 from task_coordinators c where c.task_id = ${tasks.id} and c.agency_id in (${list})))`;
}

type TaskFilter = Partial<TaskListQuery> & {
  today: string;
  dueBefore?: string;
  onlyLedBy?: ReadonlySet<number>;
};

/** The tasks a reader may see that match the list's filters (shared by the list and its summary). */
function taskConditions(scope: ImplScope, q: TaskFilter) {
  const conds = [visibleCondition(scope)];
  if (q.programme) conds.push(eq(tasks.programmeId, q.programme));
  if (q.agency)
    conds.push(
      // Two index lookups OR-ed as bitmaps (lead agency; ids of the tasks it coordinates, read
      // once): the other filters then AND their own bitmaps in, so only the agency's rows are
      // read. An OR with EXISTS read every task; a union of ids matched every row of the status.
      sql`(${tasks.leadAgencyId} = ${q.agency} or ${tasks.id} = any(array(
        select c.task_id from task_coordinators c where c.agency_id = ${q.agency})))`,
    );
  if (q.onlyLedBy) {
    const ids = [...q.onlyLedBy];
    conds.push(ids.length ? inArray(tasks.leadAgencyId, ids) : sql`false`);
  }
  if (q.status) conds.push(eq(tasks.status, q.status));
  if (q.overdue === 'true')
    conds.push(
      sql`${tasks.dueDate} < ${q.today} and ${tasks.progress} < 100 and ${tasks.status} not in ('done','cancelled','suspended')`,
    );
  if (q.overdue === 'false')
    conds.push(
      sql`not (${tasks.dueDate} is not null and ${tasks.dueDate} < ${q.today} and ${tasks.progress} < 100 and ${tasks.status} not in ('done','cancelled','suspended'))`,
    );
  if (q.dueBefore)
    conds.push(
      sql`${tasks.dueDate} >= ${q.today} and ${tasks.dueDate} <= ${q.dueBefore} and ${tasks.status} not in ('done','cancelled')`,
    );
  if (q.commune)
    conds.push(
      // A 2025 commune or a pre-2025 commune/district: the unit itself and the units it became or came from.
      // As a set from two indexes (whole-province tasks, the communes' tasks): an OR with EXISTS
      // read every task (236 ms over 204,000 tasks; 0.2 ms this way).
      sql`${tasks.id} in (select t2.id from tasks t2 where t2.whole_province
        union all select tc.task_id from task_communes tc where tc.admin_unit_id in (
        select ${q.commune}::text
        union select l.successor_id from admin_unit_lineage l where l.predecessor_id = ${q.commune}
        union select l.predecessor_id from admin_unit_lineage l where l.successor_id = ${q.commune}))`,
    );
  if (q.q) conds.push(sql`unaccent(lower(${tasks.title})) like unaccent(lower(${`%${q.q}%`}))`);
  return and(...conds);
}

/** How the task list sorts, over the whole list (the id breaks ties). */
export const TASK_COLLECTION: CollectionSpec<TaskRow, TaskSort> = {
  sorts: {
    due: { expr: tasks.dueDate, value: (t) => t.dueDate, type: 'date', nullable: true },
    title: textSort(tasks.title, (t) => t.title),
    progress: { expr: tasks.progress, value: (t) => t.progress, type: 'float8' },
    updated: timestampSort(tasks.updatedAt, (t) => t.updatedAt),
  },
  id: { expr: tasks.id, value: (t) => t.id, type: 'int' },
};

export async function listTasks(
  db: DbOrTx,
  scope: ImplScope,
  q: TaskFilter,
): Promise<{ items: TaskRow[]; total: number; nextCursor: string | null }> {
  const where = taskConditions(scope, q);
  const limit = q.limit ?? q.pageSize ?? 50;
  const page = keyset(TASK_COLLECTION, { sort: q.sort ?? 'due', cursor: q.cursor, limit });
  // Without a cursor the older page number still works (an offset over the same order).
  const offset = q.cursor ? 0 : ((q.page ?? 1) - 1) * limit;
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from tasks where ${where}`,
  );
  const rows = await db
    .select()
    .from(tasks)
    .where(and(where, page.after))
    .orderBy(...page.orderBy)
    .limit(page.fetch)
    .offset(offset);
  return { ...page.page(rows), total: Number(count?.n ?? 0) };
}

/**
 * What the leaders' dashboard computes from each task: schedule, roll-up, alerts. Titles are
 * read only for the tasks it lists (taskTitles).
 */
export type TaskFigures = Pick<
  TaskRow,
  | 'id'
  | 'parentId'
  | 'leadAgencyId'
  | 'status'
  | 'progress'
  | 'weight'
  | 'startDate'
  | 'dueDate'
  | 'milestones'
  | 'isSample'
> & {
  /** When an approved report last set the progress, as text; null: not reported. */
  reportedAt: string | null;
};

/**
 * Every task the list's filters select, in the list's default order (due date, then id), with
 * only the columns the dashboard uses and no page limit. Plain rows: at national scale (204,000
 * tasks) mapping them through the query builder cost several times the query itself.
 */
export async function listTaskFigures(db: DbOrTx, scope: ImplScope, q: TaskFilter): Promise<TaskFigures[]> {
  return queryRows<TaskFigures>(
    db,
    sql`select id, parent_id as "parentId", lead_agency_id as "leadAgencyId", status, progress, weight,
               start_date::text as "startDate", due_date::text as "dueDate", milestones,
               reported_at::text as "reportedAt", is_sample as "isSample"
        from tasks where ${taskConditions(scope, q)}
        order by due_date asc nulls last, id`,
  );
}

/** The titles of the given tasks. */
export async function taskTitles(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: tasks.id, title: tasks.title })
    .from(tasks)
    .where(inArray(tasks.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export type StatusSummary = { status: string; count: number; averageProgress: number | null };

/** Counts and average progress by status over the tasks the list's filters select. */
export async function summariseTasks(db: DbOrTx, scope: ImplScope, q: TaskFilter): Promise<StatusSummary[]> {
  const rows = await queryRows<{ status: string; n: number; avg: string | null }>(
    db,
    sql`select status, count(*)::int as n, round(avg(progress)::numeric, 1)::text as avg
        from tasks where ${taskConditions(scope, q)} group by status order by status`,
  );
  return rows.map((r) => ({
    status: r.status,
    count: Number(r.n),
    averageProgress: r.avg === null ? null : Number(r.avg),
  }));
}

export async function listProgrammes(db: DbOrTx, scope: ImplScope): Promise<ProgrammeRow[]> {
  const rows = await db
    .select()
    .from(programmes)
    .where(scope.kind === 'public' ? eq(programmes.isPublic, true) : undefined);
  const coll = new Intl.Collator('vi');
  return rows.sort((a, b) => coll.compare(a.code, b.code));
}

export const PROGRAMME_SORTS = ['code', 'title', 'due'] as const;
const PROGRAMME_COLLECTION: CollectionSpec<ProgrammeRow, (typeof PROGRAMME_SORTS)[number]> = {
  sorts: {
    code: { expr: programmes.code, value: (p) => p.code, type: 'text' },
    title: textSort(programmes.title, (p) => p.title),
    due: { expr: programmes.dueDate, value: (p) => p.dueDate, type: 'date', nullable: true },
  },
  id: { expr: programmes.id, value: (p) => p.id, type: 'int' },
};

/** One page of the programmes the reader may see. */
export async function pageProgrammes(
  db: DbOrTx,
  scope: ImplScope,
  q: CollectionParams<(typeof PROGRAMME_SORTS)[number]> & { agency?: number | undefined },
) {
  const k = keyset(PROGRAMME_COLLECTION, q);
  const rows = await db
    .select()
    .from(programmes)
    .where(
      and(
        scope.kind === 'public' ? eq(programmes.isPublic, true) : undefined,
        q.agency ? eq(programmes.leadAgencyId, q.agency) : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

export async function getProgramme(db: DbOrTx, scope: ImplScope, id: number): Promise<ProgrammeRow> {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id));
  if (!row || (scope.kind === 'public' && !row.isPublic)) throw notFound();
  return row;
}

export const toRollupTask = (
  t: Pick<TaskRow, 'id' | 'weight' | 'progress' | 'status'> & { reportedAt: Date | string | null },
): RollupTask => ({
  id: t.id,
  weight: t.weight,
  progress: t.progress,
  status: t.status,
  reported: t.reportedAt !== null,
});

/**
 * Roll-up over top-level tasks only when sub-tasks exist? No: over the leaf
 * tasks (a parent's own progress would count its children twice).
 */
export function leafTasks<T extends Pick<TaskRow, 'id' | 'parentId'>>(rows: readonly T[]): T[] {
  const parents = new Set(rows.map((r) => r.parentId).filter((p): p is number => p !== null));
  return rows.filter((r) => !parents.has(r.id));
}

export async function programmeRollup(
  db: DbOrTx,
  scope: ImplScope,
  programmeId: number,
): Promise<{ rollup: Rollup; tasks: TaskRow[] }> {
  const { items } = await listTasks(db, scope, {
    programme: programmeId,
    today: '1970-01-01',
    pageSize: 500,
  });
  return { rollup: rollUp(leafTasks(items).map(toRollupTask)), tasks: items };
}

export async function taskTimeline(db: DbOrTx, taskId: number) {
  return db
    .select()
    .from(taskEvents)
    .where(eq(taskEvents.taskId, taskId))
    .orderBy(desc(taskEvents.at), desc(taskEvents.id));
}

export async function taskReports(db: DbOrTx, taskId: number): Promise<ReportRow[]> {
  return db
    .select()
    .from(progressReports)
    .where(eq(progressReports.taskId, taskId))
    .orderBy(desc(progressReports.id));
}

export async function getReport(db: DbOrTx, id: number): Promise<ReportRow> {
  const [row] = await db.select().from(progressReports).where(eq(progressReports.id, id));
  if (!row) throw notFound();
  return row;
}

export async function filesOfReports(db: DbOrTx, reportIds: number[]) {
  if (reportIds.length === 0) return [];
  return db
    .select()
    .from(reportFiles)
    .where(inArray(reportFiles.reportId, reportIds))
    .orderBy(asc(reportFiles.id));
}

export async function agencyNameMap(db: DbOrTx): Promise<Map<number, string>> {
  const rows = await db.select({ id: agencies.id, nameVi: agencies.nameVi }).from(agencies);
  return new Map(rows.map((r) => [r.id, r.nameVi]));
}

export async function reportsAwaitingReview(db: DbOrTx): Promise<(ReportRow & { taskTitle: string })[]> {
  const rows = await db
    .select({ r: progressReports, taskTitle: tasks.title })
    .from(progressReports)
    .innerJoin(tasks, eq(tasks.id, progressReports.taskId))
    .where(eq(progressReports.state, 'submitted'))
    .orderBy(asc(progressReports.submittedAt));
  return rows.map((x) => ({ ...x.r, taskTitle: x.taskTitle }));
}

export async function returnedReportsFor(db: DbOrTx, agencyIds: ReadonlySet<number>) {
  const ids = [...agencyIds];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ r: progressReports, taskTitle: tasks.title })
    .from(progressReports)
    .innerJoin(tasks, eq(tasks.id, progressReports.taskId))
    .where(and(eq(progressReports.state, 'returned'), inArray(tasks.leadAgencyId, ids)));
  return rows.map((x) => ({ ...x.r, taskTitle: x.taskTitle }));
}

export type Choice = { value: string; label: string };
export type LinkChoices = Record<LinkType, Choice[]>;

const collator = new Intl.Collator('vi');

/** Communes in force today (the place of a task). */
export async function communeChoices(db: DbOrTx): Promise<Choice[]> {
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, full_name_vi as name from admin_units where level = 'commune' and valid_to is null`,
  );
  return rows.sort((a, b) => collator.compare(a.name, b.name)).map((r) => ({ value: r.id, label: r.name }));
}

/**
 * What a task may serve, as choices keyed the way task_links stores them:
 * published plan sections by slug, breakthroughs and sectors (plan items) by code,
 * indicators by code, projects by code.
 */
export async function linkChoices(db: DbOrTx): Promise<LinkChoices> {
  const sections = await queryRows<{ slug: string; title: string; depth: number }>(
    db,
    sql`with recursive s as (
          select id, slug, title_vi as title, position, 0 as depth, lpad(position::text, 6, '0') || lpad(id::text, 8, '0') as path
          from plan_sections where parent_id is null and status = 'published'
          union all
          select c.id, c.slug, c.title_vi, c.position, s.depth + 1, s.path || lpad(c.position::text, 6, '0') || lpad(c.id::text, 8, '0')
          from plan_sections c join s on c.parent_id = s.id where c.status = 'published')
        select slug, title, depth from s order by path`,
  );
  const items = await queryRows<{ code: string; name: string; kind: string }>(
    db,
    sql`select code, name_vi as name, kind from plan_items where kind in ('breakthrough', 'sector') order by position, id`,
  );
  const indicators = await queryRows<{ code: string; name: string }>(
    db,
    sql`select code, name_vi as name from indicators order by code`,
  );
  const projects = await queryRows<{ code: string; name: string }>(
    db,
    sql`select code, name_vi as name from projects where is_public order by name_vi`,
  );
  const plain = (rows: { code: string; name: string }[]) =>
    rows.map((r) => ({ value: r.code, label: r.name }));
  return {
    plan_section: sections.map((r) => ({
      value: r.slug,
      label: `${'\u00a0\u00a0'.repeat(r.depth)}${r.title}`,
    })),
    breakthrough: plain(items.filter((i) => i.kind === 'breakthrough')),
    sector: plain(items.filter((i) => i.kind === 'sector')),
    indicator: plain(indicators),
    project: plain(projects).sort((a, b) => collator.compare(a.label, b.label)),
  };
}
