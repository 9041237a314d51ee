import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addDays,
  daysOverdue,
  expectedProgress,
  mayTransition,
  milestoneErrors,
  nextState,
  progressForStatus,
  type RollupTask,
  rollUp,
  scheduleStatus,
  statusForProgress,
} from './rules.ts';

const task = (over: Partial<RollupTask>): RollupTask => ({
  id: 1,
  weight: 1,
  progress: 0,
  status: 'in_progress',
  reported: true,
  ...over,
});

describe('roll-up', () => {
  test('weights: Σ(w·p)/Σw', () => {
    const r = rollUp([task({ weight: 3, progress: 100 }), task({ weight: 1, progress: 0 })]);
    assert.equal(r.progress, 75);
    assert.equal(r.counted, 2);
    assert.equal(r.weightCoverage, 100);
  });

  test('tasks without an approved report are left out, not counted as 0', () => {
    const r = rollUp([task({ weight: 1, progress: 40 }), task({ weight: 1, progress: 0, reported: false })]);
    assert.equal(r.progress, 40);
    assert.equal(r.unreported, 1);
    assert.equal(r.counted, 1);
    assert.equal(r.weightCoverage, 50);
  });

  test('a done task counts as 100% even without a report', () => {
    const r = rollUp([task({ status: 'done', progress: 0, reported: false }), task({ progress: 50 })]);
    assert.equal(r.progress, 75);
    assert.equal(r.unreported, 0);
  });

  test('cancelled tasks never count, whatever their progress', () => {
    const r = rollUp([task({ progress: 20 }), task({ status: 'cancelled', progress: 90, weight: 5 })]);
    assert.equal(r.progress, 20);
    assert.equal(r.cancelled, 1);
    assert.equal(r.weightCoverage, 100);
  });

  test('no counted task → null (shown as "chưa có dữ liệu"), never 0', () => {
    assert.equal(rollUp([]).progress, null);
    assert.equal(rollUp([task({ reported: false })]).progress, null);
    assert.equal(rollUp([task({ weight: 0, progress: 50 })]).progress, null);
  });
});

describe('schedule status', () => {
  const th = { atRiskGap: 10, lateGap: 25 };
  const base = { status: 'in_progress' as const, startDate: '2026-01-01', dueDate: '2026-01-11' };

  test('expected progress is linear between start and due', () => {
    assert.equal(expectedProgress('2026-01-01', '2026-01-11', '2025-12-31'), 0);
    assert.equal(expectedProgress('2026-01-01', '2026-01-11', '2026-01-01'), 0);
    assert.equal(expectedProgress('2026-01-01', '2026-01-11', '2026-01-06'), 50);
    assert.equal(expectedProgress('2026-01-01', '2026-01-11', '2026-01-11'), 100);
    assert.equal(expectedProgress(null, '2026-01-11', '2026-01-06'), null);
  });

  test('milestones bend the line: straight through each milestone, in date order', () => {
    // Start 1 Jan, due 11 Jan; 20% by 9 Jan (a slow start, a fast end).
    const ms = [{ date: '2026-01-09', progress: 20 }];
    assert.equal(expectedProgress('2026-01-01', '2026-01-11', '2026-01-05', ms), 10);
    assert.equal(expectedProgress('2026-01-01', '2026-01-11', '2026-01-09', ms), 20);
    assert.equal(expectedProgress('2026-01-01', '2026-01-11', '2026-01-10', ms), 60);
    assert.equal(expectedProgress('2026-01-01', '2026-01-11', '2026-01-11', ms), 100);
    // Given out of order, read in date order.
    const two = [
      { date: '2026-01-09', progress: 80 },
      { date: '2026-01-03', progress: 10 },
    ];
    assert.equal(expectedProgress('2026-01-01', '2026-01-11', '2026-01-06', two), 45); // 10 + 70 × 3/6
    // A task 15% done on 5 Jan: late on the straight line (gap 35), on track with the milestone (gap -5).
    const at = { ...base, progress: 15 };
    assert.equal(scheduleStatus(at, '2026-01-06', th).status, 'late');
    assert.equal(scheduleStatus({ ...at, milestones: ms }, '2026-01-05', th).status, 'on_track');
  });

  test('milestones outside the dates or going down are refused, by position', () => {
    assert.deepEqual(
      milestoneErrors('2026-01-01', '2026-01-11', [
        { date: '2026-01-05', progress: 50 },
        { date: '2026-01-08', progress: 40 },
        { date: '2026-01-11', progress: 90 },
        { date: '2026-01-02', progress: 10 },
      ]),
      [1, 2],
    );
    assert.deepEqual(milestoneErrors(null, '2026-01-11', [{ date: '2026-01-05', progress: 5 }]), [0]);
    assert.deepEqual(milestoneErrors('2026-01-01', '2026-01-11', []), []);
  });

  test('gap exactly at the at-risk threshold is on track; just above is at risk', () => {
    assert.equal(scheduleStatus({ ...base, progress: 40 }, '2026-01-06', th).status, 'on_track');
    assert.equal(scheduleStatus({ ...base, progress: 39.9 }, '2026-01-06', th).status, 'at_risk');
  });

  test('gap exactly at the late threshold is at risk; just above is late', () => {
    assert.equal(scheduleStatus({ ...base, progress: 25 }, '2026-01-06', th).status, 'at_risk');
    assert.equal(scheduleStatus({ ...base, progress: 24.9 }, '2026-01-06', th).status, 'late');
  });

  test('on the due date it is not overdue yet; the day after it is', () => {
    assert.equal(scheduleStatus({ ...base, progress: 95 }, '2026-01-11', th).status, 'on_track');
    assert.equal(scheduleStatus({ ...base, progress: 95 }, '2026-01-12', th).status, 'overdue');
    assert.equal(daysOverdue('2026-01-11', '2026-01-11'), 0);
    assert.equal(daysOverdue('2026-01-11', '2026-01-25'), 14);
  });

  test('done, cancelled and suspended tasks are not judged on schedule', () => {
    assert.equal(scheduleStatus({ ...base, progress: 100 }, '2026-02-01', th).status, 'done');
    assert.equal(
      scheduleStatus({ ...base, status: 'cancelled', progress: 0 }, '2026-02-01', th).status,
      'not_applicable',
    );
    assert.equal(
      scheduleStatus({ ...base, status: 'suspended', progress: 0 }, '2026-02-01', th).status,
      'not_applicable',
    );
  });

  test('thresholds come from configuration', () => {
    assert.equal(
      scheduleStatus({ ...base, progress: 40 }, '2026-01-06', { atRiskGap: 5, lateGap: 8 }).status,
      'late',
    );
  });

  test('addDays crosses months and years', () => {
    assert.equal(addDays('2026-12-30', 3), '2027-01-02');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });
});

describe('report workflow', () => {
  test('draft → submitted → returned → submitted → approved', () => {
    assert.equal(nextState('draft', 'submit'), 'submitted');
    assert.equal(nextState('submitted', 'return'), 'returned');
    assert.equal(nextState('returned', 'submit'), 'submitted');
    assert.equal(nextState('submitted', 'approve'), 'approved');
  });

  test('an approved report is final; a draft cannot be approved', () => {
    for (const a of ['submit', 'approve', 'return', 'edit'] as const)
      assert.equal(mayTransition('approved', a), false);
    assert.equal(mayTransition('draft', 'approve'), false);
    assert.equal(mayTransition('returned', 'approve'), false);
  });
});

describe('status and progress stay consistent', () => {
  test('done sets 100; other statuses keep progress', () => {
    assert.equal(progressForStatus({ progress: 40 }, 'done'), 100);
    assert.equal(progressForStatus({ progress: 40 }, 'delayed'), 40);
    assert.equal(progressForStatus({ progress: 40 }, 'cancelled'), 40);
  });

  test('contradictions are refused', () => {
    assert.equal(progressForStatus({ progress: 40 }, 'not_started'), null);
    assert.equal(progressForStatus({ progress: 100 }, 'in_progress'), null);
  });

  test('an approved report moves the status along', () => {
    assert.equal(statusForProgress('not_started', 10), 'in_progress');
    assert.equal(statusForProgress('in_progress', 100), 'done');
    assert.equal(statusForProgress('delayed', 50), 'delayed');
  });
});
