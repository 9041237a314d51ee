// Implementation's sections of the leadership dashboard: tasks by status and by
// schedule (with the roll-up and how it was computed), overdue tasks by agency,
// and alerts (overdue tasks, stalled projects). Registered in module.ts.
import { formatDate, formatNumber } from '../../kernel/i18n/index.ts';
import { SampleBadge, Table } from '../../kernel/ui/components.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { CappedNote } from '../dashboard/capped-note.tsx';
import { type DashboardFilters, firstRows, type SectionContext } from '../dashboard/registry.ts';
import { todayIn } from '../notifications/daily-job.ts';
import { isStalled, projectsOf } from '../projects/dashboard.tsx';
import {
  agencyNameMap,
  leafTasks,
  listTaskFigures,
  type TaskFigures,
  taskTitles,
  toRollupTask,
} from './queries.ts';
import {
  daysOverdue,
  type Rollup,
  rollUp,
  SCHEDULE_STATUSES,
  type ScheduleStatus,
  scheduleStatus,
} from './rules.ts';
import { TASK_STATUSES, type TaskStatus } from './schema.ts';

const READ_ALL = { kind: 'all', write: false, review: false } as const;
const vietnamese = new Intl.Collator('vi');

type Scheduled = TaskFigures & { schedule: ScheduleStatus };

/** Every task (leaders' view), narrowed to the agency filter (lead or coordinating). */
async function scheduledTasks(ctx: SectionContext, today: string): Promise<Scheduled[]> {
  return ctx.shared(`implementation.scheduledTasks.${today}`, async () => {
    // Every task: the list's first 100,000 only, as before, left the rest out of every count.
    const items = await listTaskFigures(ctx.db, READ_ALL, { today, agency: ctx.filters.agencyId });
    const thresholds = { atRiskGap: ctx.config.statusAtRiskGap, lateGap: ctx.config.statusLateGap };
    // The rows are this load's own: the schedule is added to each in place (a copy of every
    // row cost three times the rule itself at national scale).
    const scheduled = items as Scheduled[];
    for (const r of scheduled) r.schedule = scheduleStatus(r, today, thresholds).status;
    return scheduled;
  });
}

const count = <K extends string>(keys: readonly K[], of: (k: K) => number) =>
  Object.fromEntries(keys.map((k) => [k, of(k)])) as Record<K, number>;

function dashHref(filters: DashboardFilters, agencyId: number, locale: string) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, agencyId }))
    if (v !== undefined && v !== '') q.set(k, String(v));
  if (locale === 'en') q.set('lang', 'en');
  return `/dashboard?${q}`;
}

export function rollupHow(t: PageContext['t'], locale: PageContext['locale'], r: Rollup): string {
  if (r.progress === null) return t('ws.rollup.none');
  return `${formatNumber(locale, r.progress, 1)}% — ${t('ws.rollup.how', {
    counted: r.counted,
    total: r.total,
    coverage: formatNumber(locale, r.weightCoverage ?? 0, 1),
    unreported: r.unreported,
    cancelled: r.cancelled,
  })}`;
}

// ---- tasks by status ----

type StatusData = {
  today: string;
  total: number;
  byStatus: Record<TaskStatus, number>;
  bySchedule: Record<ScheduleStatus, number>;
  unreported: number;
  rollup: Rollup;
};

export const tasksStatusSection = {
  key: 'impl_tasks_status',
  order: 50,
  titleKey: 'impl.dash.status',
  async load(ctx: SectionContext): Promise<StatusData> {
    const today = todayIn();
    const rows = await scheduledTasks(ctx, today);
    // One pass over the tasks (two hundred thousand at national scale), not one per status.
    const byStatus = count(TASK_STATUSES, () => 0);
    const bySchedule = count(SCHEDULE_STATUSES, () => 0);
    let unreported = 0;
    for (const r of rows) {
      byStatus[r.status]++;
      bySchedule[r.schedule]++;
      if (r.reportedAt === null && r.status !== 'done') unreported++;
    }
    return {
      today,
      total: rows.length,
      byStatus,
      bySchedule,
      unreported,
      rollup: rollUp(leafTasks(rows).map(toRollupTask)),
    };
  },
  render(ctx: PageContext, d: StatusData) {
    const t = ctx.t;
    return (
      <>
        <p>
          <strong>{t('ws.rollup.label')}:</strong> {rollupHow(t, ctx.locale, d.rollup)}{' '}
          <a href="/workspace/method">{t('ws.rollup.method')}</a>
        </p>
        <div class="dashboard-grid">
          {TASK_STATUSES.map((s) => (
            <div class="dashboard-tile" key={s}>
              <span>{t(`ws.status.${s}`)}</span>
              <strong>{d.byStatus[s]}</strong>
            </div>
          ))}
        </div>
        <Table
          caption={t('impl.dash.bySchedule', { date: formatDate(d.today) })}
          rows={[...SCHEDULE_STATUSES]}
          rowKey={(s) => s}
          columns={[
            { header: t('ws.field.schedule'), cell: (s) => t(`ws.schedule.${s}`) },
            { header: t('impl.dash.tasks'), cell: (s) => d.bySchedule[s], numeric: true },
          ]}
        />
        <p>{t('impl.dash.unreported', { n: d.unreported, total: d.total })}</p>
      </>
    );
  },
  tables(d: StatusData, t: PageContext['t']) {
    return [
      {
        key: 'by_status',
        title: t('impl.dash.status'),
        headers: ['status', t('ws.field.status'), 'count'],
        rows: TASK_STATUSES.map((s) => [s, t(`ws.status.${s}`), d.byStatus[s]]),
      },
      {
        key: 'by_schedule',
        title: t('impl.dash.bySchedule', { date: d.today }),
        headers: ['schedule', t('ws.field.schedule'), 'count'],
        rows: SCHEDULE_STATUSES.map((s) => [s, t(`ws.schedule.${s}`), d.bySchedule[s]]),
      },
      {
        key: 'rollup',
        title: t('ws.rollup.label'),
        headers: ['progress', 'counted', 'total', 'unreported', 'cancelled', 'weight_coverage'],
        rows: [
          [
            d.rollup.progress,
            d.rollup.counted,
            d.rollup.total,
            d.rollup.unreported,
            d.rollup.cancelled,
            d.rollup.weightCoverage,
          ],
        ],
      },
    ];
  },
};

// ---- overdue tasks by agency ----

type AgencyRow = {
  agencyId: number;
  name: string;
  total: number;
  overdue: number;
  late: number;
  atRisk: number;
  unreported: number;
};

type AgencyData = { agencies: AgencyRow[]; total: number };

export const overdueByAgencySection = {
  key: 'impl_overdue_agencies',
  order: 60,
  titleKey: 'impl.dash.byAgency',
  async load(ctx: SectionContext): Promise<AgencyData> {
    const rows = await scheduledTasks(ctx, todayIn());
    const names = await agencyNameMap(ctx.db);
    const groups = new Map<number, Scheduled[]>();
    for (const r of rows) {
      const group = groups.get(r.leadAgencyId);
      if (group) group.push(r);
      else groups.set(r.leadAgencyId, [r]);
    }
    const agencies = [...groups.entries()]
      .map(([agencyId, rs]) => {
        const row = { agencyId, name: names.get(agencyId) ?? String(agencyId), total: rs.length };
        let [overdue, late, atRisk, unreported] = [0, 0, 0, 0];
        for (const r of rs) {
          if (r.schedule === 'overdue') overdue++;
          else if (r.schedule === 'late') late++;
          else if (r.schedule === 'at_risk') atRisk++;
          if (r.reportedAt === null && r.status !== 'done') unreported++;
        }
        return { ...row, overdue, late, atRisk, unreported };
      })
      .sort((a, b) => b.overdue - a.overdue || b.late - a.late || vietnamese.compare(a.name, b.name));
    return { agencies: firstRows(agencies, ctx), total: agencies.length };
  },
  render(ctx: PageContext, d: AgencyData, filters: DashboardFilters) {
    const t = ctx.t;
    return (
      <>
        <Table
          caption={t('impl.dash.byAgency')}
          rows={d.agencies}
          rowKey={(r) => r.agencyId}
          empty={t('layout.noData')}
          columns={[
            {
              header: t('ws.field.leadAgency'),
              cell: (r) => <a href={dashHref(filters, r.agencyId, ctx.locale)}>{r.name}</a>,
            },
            { header: t('ws.schedule.overdue'), cell: (r) => r.overdue, numeric: true },
            { header: t('ws.schedule.late'), cell: (r) => r.late, numeric: true },
            { header: t('ws.schedule.at_risk'), cell: (r) => r.atRisk, numeric: true },
            { header: t('ws.unreported'), cell: (r) => r.unreported, numeric: true },
            { header: t('impl.dash.tasks'), cell: (r) => r.total, numeric: true },
          ]}
        />
        <CappedNote ctx={ctx} shown={d.agencies.length} total={d.total} />
      </>
    );
  },
  tables(d: AgencyData, t: PageContext['t']) {
    return [
      {
        key: 'by_agency',
        title: t('impl.dash.byAgency'),
        headers: ['agency_id', t('ws.field.leadAgency'), 'overdue', 'late', 'at_risk', 'unreported', 'total'],
        rows: d.agencies.map((r) => [r.agencyId, r.name, r.overdue, r.late, r.atRisk, r.unreported, r.total]),
      },
    ];
  },
};

// ---- alerts ----

type AlertsData = {
  lateGap: number;
  overdueTotal: number;
  stalledTotal: number;
  overdue: {
    id: number;
    title: string;
    agency: string;
    dueDate: string | null;
    days: number;
    progress: number | null;
    isSample: boolean;
  }[];
  stalled: {
    id: number;
    code: string;
    nameVi: string;
    plannedProgress: number;
    actualProgress: number;
    isSample: boolean;
  }[];
};

export const alertsSection = {
  key: 'impl_alerts',
  order: 80,
  titleKey: 'impl.dash.alerts',
  async load(ctx: SectionContext): Promise<AlertsData> {
    const today = todayIn();
    const names = await agencyNameMap(ctx.db);
    const overdueTasks = (await scheduledTasks(ctx, today)).filter((r) => r.schedule === 'overdue');
    // The tasks come in due-date order, so the first are the most overdue: only the rows shown
    // are turned into list entries (at national scale, tens of thousands are overdue).
    const shown = firstRows(overdueTasks, ctx);
    const titles = await taskTitles(
      ctx.db,
      shown.map((r) => r.id),
    );
    const overdue = shown.map((r) => ({
      id: r.id,
      title: titles.get(r.id) ?? '',
      agency: names.get(r.leadAgencyId) ?? '',
      dueDate: r.dueDate,
      days: daysOverdue(r.dueDate, today),
      progress: r.reportedAt === null ? null : r.progress,
      isSample: r.isSample,
    }));
    const lateGap = ctx.config.statusLateGap;
    const stalledProjects = (await projectsOf(ctx)).filter((p) => isStalled(p, lateGap));
    const stalled = firstRows(stalledProjects, ctx).map((p) => ({
      id: p.id,
      code: p.code,
      nameVi: p.nameVi,
      plannedProgress: p.plannedProgress ?? 0,
      actualProgress: p.actualProgress ?? 0,
      isSample: p.isSample,
    }));
    return {
      lateGap,
      overdue,
      overdueTotal: overdueTasks.length,
      stalled,
      stalledTotal: stalledProjects.length,
    };
  },
  render(ctx: PageContext, d: AlertsData) {
    const t = ctx.t;
    const pct = (v: number | null) =>
      v === null ? t('ws.unreported') : `${formatNumber(ctx.locale, v, 1)}%`;
    return (
      <>
        <Table
          caption={t('impl.dash.overdueTasks')}
          rows={d.overdue}
          rowKey={(r) => r.id}
          empty={t('impl.dash.noOverdue')}
          columns={[
            {
              header: t('ws.field.title'),
              cell: (r) => (
                <>
                  <a href={`/workspace/tasks/${r.id}`}>{r.title}</a>{' '}
                  {r.isSample ? <SampleBadge ctx={ctx} /> : null}
                </>
              ),
            },
            { header: t('ws.field.leadAgency'), cell: (r) => r.agency },
            { header: t('ws.field.dueDate'), cell: (r) => formatDate(r.dueDate) },
            { header: t('impl.dash.daysOverdue'), cell: (r) => r.days, numeric: true },
            { header: t('ws.field.progress'), cell: (r) => pct(r.progress), numeric: true },
          ]}
        />
        <CappedNote ctx={ctx} shown={d.overdue.length} total={d.overdueTotal} />
        <Table
          caption={t('projects.dash.stalled', { gap: d.lateGap })}
          rows={d.stalled}
          rowKey={(r) => r.id}
          empty={t('impl.dash.noStalled')}
          columns={[
            {
              header: t('projects.col.name'),
              cell: (r) => (
                <>
                  <a href={`/du-an/${r.id}`}>{r.nameVi}</a> {r.isSample ? <SampleBadge ctx={ctx} /> : null}
                </>
              ),
            },
            { header: t('impl.dash.planned'), cell: (r) => pct(r.plannedProgress), numeric: true },
            { header: t('impl.dash.actual'), cell: (r) => pct(r.actualProgress), numeric: true },
          ]}
        />
        <CappedNote ctx={ctx} shown={d.stalled.length} total={d.stalledTotal} />
      </>
    );
  },
  tables(d: AlertsData, t: PageContext['t']) {
    return [
      {
        key: 'overdue_tasks',
        title: t('impl.dash.overdueTasks'),
        headers: [
          'task_id',
          t('ws.field.title'),
          t('ws.field.leadAgency'),
          'due_date',
          'days_overdue',
          'progress',
        ],
        rows: d.overdue.map((r) => [r.id, r.title, r.agency, r.dueDate, r.days, r.progress]),
      },
      {
        key: 'stalled_projects',
        title: t('projects.dash.stalled', { gap: d.lateGap }),
        headers: ['code', t('projects.col.name'), 'planned_progress', 'actual_progress'],
        rows: d.stalled.map((r) => [r.code, r.nameVi, r.plannedProgress, r.actualProgress]),
      },
    ];
  },
};
