// Implementation's part of the assessment report (template key "implementation_progress"):
// the programmes with their roll-up and how it was computed, then every task whose
// dates overlap the report period with its product, due date, progress and schedule status.
// Progress is as last approved (there is no snapshot per period); the text says as of when.
import { formatDate, formatNumber } from '../../kernel/i18n/index.ts';
import { todayIn } from '../notifications/daily-job.ts';
import type { ReportSource } from '../reports/registry.ts';
import { rollupHow } from './dashboard.tsx';
import {
  agencyNameMap,
  leafTasks,
  listProgrammes,
  listTasks,
  type TaskRow,
  toRollupTask,
} from './queries.ts';
import { daysOverdue, rollUp, type ScheduleStatus, scheduleStatus } from './rules.ts';

/** Which tasks a reader must see first. */
const SCHEDULE_RANK: Record<ScheduleStatus, number> = {
  overdue: 0,
  late: 1,
  at_risk: 2,
  on_track: 3,
  not_applicable: 4,
  done: 5,
};

const READ_ALL = { kind: 'all', write: false, review: false } as const;

/** A task belongs to the period when its dates overlap it (a task without dates always does). */
export function inPeriod(task: Pick<TaskRow, 'startDate' | 'dueDate'>, from: number, to: number): boolean {
  if (task.startDate && task.startDate > `${to}-12-31`) return false;
  if (task.dueDate && task.dueDate < `${from}-01-01`) return false;
  return true;
}

export const implementationReportSource: ReportSource = async ({ db, config, period, t }) => {
  const today = todayIn();
  const periodEnd = `${period.to}-12-31`;
  const asOf = today < periodEnd ? today : periodEnd;
  const thresholds = { atRiskGap: config.statusAtRiskGap, lateGap: config.statusLateGap };
  const { items } = await listTasks(db, READ_ALL, { today, pageSize: 100_000 });
  const tasks = items.filter((r) => inPeriod(r, period.from, period.to));
  const names = await agencyNameMap(db);
  const programmes = (await listProgrammes(db, READ_ALL))
    .map((p) => {
      const own = tasks.filter((r) => r.programmeId === p.id);
      return { p, own, rollup: rollUp(leafTasks(own).map(toRollupTask)) };
    })
    .filter((x) => x.own.length > 0);
  const overall = rollUp(leafTasks(tasks).map(toRollupTask));
  const sched = tasks.map((r) => scheduleStatus(r, asOf, thresholds).status);
  const overdue = sched.filter((s) => s === 'overdue').length;
  const pct = (v: number | null) => (v === null ? '' : `${formatNumber('vi', v, 1)}%`);
  const sample = (name: string, isSample: boolean) => (isSample ? `${name} (dữ liệu mẫu)` : name);
  const paragraphs =
    tasks.length === 0
      ? [t('impl.report.none', { period: period.label })]
      : [
          t('impl.report.summary', {
            programmes: programmes.length,
            tasks: tasks.length,
            done: tasks.filter((r) => r.status === 'done').length,
            overdue,
            asOf: formatDate(asOf),
          }),
          `${t('ws.rollup.label')}: ${rollupHow(t, 'vi', overall)}`,
        ];
  if (tasks.some((r) => r.isSample)) paragraphs.push(t('impl.report.sample'));
  if (tasks.length === 0) return { paragraphs, tables: [] };
  return {
    paragraphs,
    tables: [
      {
        title: t('impl.report.programmes'),
        headers: ['TT', 'Chương trình', 'Số nhiệm vụ', 'Tiến độ chung', 'Cách tính'],
        rows: programmes.map((x, i) => [
          i + 1,
          sample(`${x.p.code} — ${x.p.title}`, x.p.isSample),
          x.own.length,
          x.rollup.progress === null ? t('ws.unreported') : pct(x.rollup.progress),
          rollupHow(t, 'vi', x.rollup),
        ]),
      },
      {
        title: t('impl.report.tasks'),
        headers: ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Sản phẩm', 'Hạn hoàn thành', 'Tiến độ', 'Đánh giá'],
        rows: tasks.map((r, i) => [
          i + 1,
          sample(r.title, r.isSample),
          names.get(r.leadAgencyId) ?? '',
          r.product ?? '',
          formatDate(r.dueDate),
          r.reportedAt === null && r.status !== 'done' ? t('ws.unreported') : pct(r.progress),
          t(`ws.schedule.${sched[i]}`),
        ]),
        // The body of a long report keeps the tasks behind schedule, the most overdue first.
        priority: tasks.map((r, i) => SCHEDULE_RANK[sched[i]!] * 1e6 - daysOverdue(r.dueDate, asOf)),
      },
    ],
  };
};
