// Pure domain rules of implementation management: roll-up, schedule status,
// the report workflow and how status and progress stay consistent.
// No database, no framework: plain data in, plain data out. See docs/implementation-method.md.
import type { ReportState, TaskStatus } from './schema.ts';

// ---------------------------------------------------------------- roll-up

export type RollupTask = {
  id: number;
  weight: number;
  progress: number;
  status: TaskStatus;
  /** False when no approved report (or import) ever set the progress: "chưa báo cáo". */
  reported: boolean;
};

export type Rollup = {
  /** Weighted mean progress of the counted tasks, 0–100; null when no task counts. */
  progress: number | null;
  total: number;
  counted: number;
  /** Tasks without an approved report, left out of the mean. */
  unreported: number;
  /** Cancelled tasks, left out of the mean. */
  cancelled: number;
  /** Tasks with weight 0 (they count, but move nothing). */
  zeroWeight: number;
  countedWeight: number;
  /** Share of the (non-cancelled) weight that the number rests on, 0–100; null if no weight. */
  weightCoverage: number | null;
};

/**
 * Rule: progress = Σ(weight × progress) / Σ(weight) over the tasks that count.
 * A cancelled task never counts. A task with no approved report counts only if
 * it is marked done (done means 100% whether reported or not); otherwise it is
 * left out and reported as "chưa báo cáo" — never counted as 0.
 */
export function rollUp(tasks: readonly RollupTask[]): Rollup {
  let weighted = 0;
  let countedWeight = 0;
  let liveWeight = 0;
  let counted = 0;
  let unreported = 0;
  let cancelled = 0;
  let zeroWeight = 0;
  for (const t of tasks) {
    if (t.status === 'cancelled') {
      cancelled += 1;
      continue;
    }
    const w = Math.max(0, t.weight);
    liveWeight += w;
    const progress = t.status === 'done' ? 100 : t.progress;
    if (!t.reported && t.status !== 'done') {
      unreported += 1;
      continue;
    }
    counted += 1;
    if (w === 0) zeroWeight += 1;
    weighted += w * progress;
    countedWeight += w;
  }
  return {
    progress: countedWeight > 0 ? round1(weighted / countedWeight) : null,
    total: tasks.length,
    counted,
    unreported,
    cancelled,
    zeroWeight,
    countedWeight: round1(countedWeight),
    weightCoverage: liveWeight > 0 ? round1((100 * countedWeight) / liveWeight) : null,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------- schedule status

export const SCHEDULE_STATUSES = [
  'on_track',
  'at_risk',
  'late',
  'overdue',
  'done',
  'not_applicable',
] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

export type Thresholds = { atRiskGap: number; lateGap: number };

const DAY = 86_400_000;

// Parsing a date is the costly step of the schedule rule, and a task list repeats few dates
// (today, due dates, start dates): each date's day number is kept, up to a bound.
const dayNumbers = new Map<string, number>();

function dayNumber(isoDate: string): number {
  let n = dayNumbers.get(isoDate);
  if (n === undefined) {
    n = Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY);
    if (dayNumbers.size >= 20_000) dayNumbers.clear();
    dayNumbers.set(isoDate, n);
  }
  return n;
}

/** A point the plan of a task passes through: by `date`, `progress` % should be reached. */
export type Milestone = { date: string; progress: number };

/**
 * Expected progress at `today`: 0 before the start, 100 from the due date on,
 * linear in between (start and due day inclusive of the line's ends). Milestones
 * inside (start, due) bend the line: it runs straight from (start, 0) through
 * each milestone, in date order, to (due, 100). Null without both dates.
 */
export function expectedProgress(
  startDate: string | null,
  dueDate: string | null,
  today: string,
  milestones: readonly Milestone[] = [],
): number | null {
  if (!startDate || !dueDate) return null;
  const s = dayNumber(startDate);
  const d = dayNumber(dueDate);
  const t = dayNumber(today);
  if (t >= d) return 100;
  if (t <= s) return 0;
  const points: [number, number][] = [
    [s, 0],
    ...milestones
      .map((m): [number, number] => [dayNumber(m.date), m.progress])
      .filter(([day]) => day > s && day < d)
      .sort((a, b) => a[0] - b[0]),
    [d, 100],
  ];
  for (let i = 1; i < points.length; i += 1) {
    const [x1, y1] = points[i]!;
    if (t > x1) continue;
    const [x0, y0] = points[i - 1]!;
    return round1(y0 + ((y1 - y0) * (t - x0)) / (x1 - x0));
  }
  return 100;
}

/** Milestones must lie strictly between the start and due dates, and never go down. */
export function milestoneErrors(
  startDate: string | null,
  dueDate: string | null,
  milestones: readonly Milestone[],
): number[] {
  const bad: number[] = [];
  const sorted = milestones.map((m, i) => ({ ...m, i })).sort((a, b) => a.date.localeCompare(b.date));
  let last = 0;
  for (const m of sorted) {
    const outside = !startDate || !dueDate || m.date <= startDate || m.date >= dueDate;
    if (outside || m.progress < last || m.progress < 0 || m.progress > 100) bad.push(m.i);
    else last = m.progress;
  }
  return bad.sort((a, b) => a - b);
}

/**
 * Schedule status of a task at `today` (expected progress by the line of expectedProgress, milestones included):
 * - done / cancelled / suspended → done / not_applicable;
 * - past the due date and not 100% → overdue;
 * - gap = expected − reported: gap ≤ atRiskGap → on_track; ≤ lateGap → at_risk; above → late.
 * The boundaries belong to the better status (a gap of exactly 10 with atRiskGap 10 is on track).
 */
export function scheduleStatus(
  task: {
    status: TaskStatus;
    progress: number;
    startDate: string | null;
    dueDate: string | null;
    milestones?: readonly Milestone[];
  },
  today: string,
  thresholds: Thresholds,
): { status: ScheduleStatus; expected: number | null; gap: number | null } {
  if (task.status === 'done' || task.progress >= 100) return { status: 'done', expected: null, gap: null };
  if (task.status === 'cancelled' || task.status === 'suspended')
    return { status: 'not_applicable', expected: null, gap: null };
  if (task.dueDate && dayNumber(today) > dayNumber(task.dueDate))
    return { status: 'overdue', expected: 100, gap: round1(100 - task.progress) };
  const expected = expectedProgress(task.startDate, task.dueDate, today, task.milestones);
  if (expected === null) return { status: 'not_applicable', expected: null, gap: null };
  const gap = round1(expected - task.progress);
  if (gap <= thresholds.atRiskGap) return { status: 'on_track', expected, gap };
  if (gap <= thresholds.lateGap) return { status: 'at_risk', expected, gap };
  return { status: 'late', expected, gap };
}

/** Days past the due date (0 when not overdue). */
export function daysOverdue(dueDate: string | null, today: string): number {
  if (!dueDate) return 0;
  return Math.max(0, dayNumber(today) - dayNumber(dueDate));
}

export function addDays(isoDate: string, days: number): string {
  return new Date((dayNumber(isoDate) + days) * DAY).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- report workflow

export type ReportAction = 'submit' | 'approve' | 'return' | 'edit';

/** Which report states allow which action: draft → submitted → approved | returned → (edit) → submitted … */
const ALLOWED: Record<ReportAction, readonly ReportState[]> = {
  edit: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  approve: ['submitted'],
  return: ['submitted'],
};

export function mayTransition(state: ReportState, action: ReportAction): boolean {
  return ALLOWED[action].includes(state);
}

export function nextState(state: ReportState, action: ReportAction): ReportState | null {
  if (!mayTransition(state, action)) return null;
  switch (action) {
    case 'submit':
      return 'submitted';
    case 'approve':
      return 'approved';
    case 'return':
      return 'returned';
    case 'edit':
      return state;
  }
}

/** A report period: a month "2026-03" or a quarter "2026-Q1". */
export const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

// ---------------------------------------------------------------- status ↔ progress

/**
 * Progress after a status change (bulk or single). Rule: a status never invents
 * progress except "done" (= 100%). Other statuses keep the reported progress;
 * moving a 100% task away from done is refused (it would contradict its report),
 * and "not_started" is only allowed while progress is 0.
 * Returns null when the change is refused.
 */
export function progressForStatus(current: { progress: number }, status: TaskStatus): number | null {
  if (status === 'done') return 100;
  if (current.progress >= 100 && status !== 'cancelled' && status !== 'suspended') return null;
  if (status === 'not_started' && current.progress > 0) return null;
  return current.progress;
}

/** Status after an approved report sets progress: 100 → done; >0 from not_started → in_progress. */
export function statusForProgress(status: TaskStatus, progress: number): TaskStatus {
  if (progress >= 100) return 'done';
  if (status === 'not_started' && progress > 0) return 'in_progress';
  if (status === 'done') return 'in_progress';
  return status;
}
