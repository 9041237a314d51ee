// Use cases of implementation management. Each checks the policy, validates,
// writes, records its audit row and its timeline line in one transaction.
import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { badRequest, conflict, type FieldError, forbidden, invalid } from '../../kernel/http/errors.ts';
import { agencies } from '../agencies/schema.ts';
import { recordAudit } from '../audit/record.ts';
import { adminUnits } from '../geo/schema.ts';
import { notifyTaskStatus } from './follows.ts';
import { implScopeOf, mayManageProgrammes, mayReview, mayWriteTask } from './policy.ts';
import { getReport, getTaskDetail, type ReportRow, readableTask, type TaskDetail } from './queries.ts';
import { mayTransition, milestoneErrors, progressForStatus, statusForProgress } from './rules.ts';
import {
  programmes,
  progressReports,
  reportFiles,
  type TaskStatus,
  taskCommunes,
  taskCoordinators,
  taskLinks,
  tasks,
} from './schema.ts';
import type { CreateProgrammeInput, CreateTaskInput, ReportInput, UpdateTaskInput } from './schemas.ts';
import { type FileStorage, newStorageKey, sniffFileType } from './storage.ts';
import { recordTaskEvent } from './timeline.ts';

async function missingAgencies(tx: DbOrTx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, ids));
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((i) => !found.has(i));
}

async function missingUnits(tx: DbOrTx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: adminUnits.id }).from(adminUnits).where(inArray(adminUnits.id, ids));
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((i) => !found.has(i));
}

function budgetColumns(b: Partial<Record<string, number | undefined>> | undefined) {
  if (!b) return {};
  return {
    budgetCentral: b.central ?? null,
    budgetLocal: b.local ?? null,
    budgetOda: b.oda ?? null,
    budgetNonBudget: b.nonBudget ?? null,
    budgetPpp: b.ppp ?? null,
    budgetOther: b.other ?? null,
  };
}

/** Adds a programme (planners and administrators). */
export async function createProgramme(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  input: CreateProgrammeInput,
) {
  return db.transaction(async (tx) => {
    if (!mayManageProgrammes(await implScopeOf(tx, user))) throw forbidden();
    const errors: FieldError[] = [];
    const [dup] = await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.code, input.code));
    if (dup) errors.push({ field: 'code', message: 'implementation.error.codeTaken' });
    if (input.leadAgencyId && (await missingAgencies(tx, [input.leadAgencyId])).length)
      errors.push({ field: 'leadAgencyId', message: 'implementation.error.agencyUnknown' });
    if (input.startDate && input.dueDate && input.startDate > input.dueDate)
      errors.push({ field: 'dueDate', message: 'implementation.error.dueBeforeStart' });
    if (errors.length) throw invalid(errors);
    const [row] = await tx
      .insert(programmes)
      .values({
        code: input.code,
        title: input.title,
        titleEn: input.titleEn ?? null,
        description: input.description ?? null,
        leadAgencyId: input.leadAgencyId ?? null,
        startDate: input.startDate ?? null,
        dueDate: input.dueDate ?? null,
        isPublic: input.isPublic,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'programme', entityId: row!.id, after: row });
    return row!;
  });
}

async function writeTaskRelations(
  tx: DbOrTx,
  taskId: number,
  rel: { coordinatingAgencyIds?: number[]; communeIds?: string[]; links?: { type: string; key: string }[] },
) {
  if (rel.coordinatingAgencyIds) {
    await tx.delete(taskCoordinators).where(eq(taskCoordinators.taskId, taskId));
    const ids = [...new Set(rel.coordinatingAgencyIds)];
    if (ids.length) await tx.insert(taskCoordinators).values(ids.map((agencyId) => ({ taskId, agencyId })));
  }
  if (rel.communeIds) {
    await tx.delete(taskCommunes).where(eq(taskCommunes.taskId, taskId));
    const ids = [...new Set(rel.communeIds)];
    if (ids.length) await tx.insert(taskCommunes).values(ids.map((adminUnitId) => ({ taskId, adminUnitId })));
  }
  if (rel.links) {
    await tx.delete(taskLinks).where(eq(taskLinks.taskId, taskId));
    const seen = new Set<string>();
    const rows = rel.links.filter((l) => !seen.has(`${l.type}:${l.key}`) && seen.add(`${l.type}:${l.key}`));
    if (rows.length)
      await tx
        .insert(taskLinks)
        .values(rows.map((l) => ({ taskId, targetType: l.type as 'project', targetKey: l.key })));
  }
}

async function relationErrors(
  tx: DbOrTx,
  input: { leadAgencyId?: number; coordinatingAgencyIds?: number[]; communeIds?: string[] },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.leadAgencyId !== undefined && (await missingAgencies(tx, [input.leadAgencyId])).length)
    errors.push({ field: 'leadAgencyId', message: 'implementation.error.agencyUnknown' });
  if (input.coordinatingAgencyIds && (await missingAgencies(tx, input.coordinatingAgencyIds)).length)
    errors.push({ field: 'coordinatingAgencyIds', message: 'implementation.error.agencyUnknown' });
  if (input.communeIds && (await missingUnits(tx, input.communeIds)).length)
    errors.push({ field: 'communeIds', message: 'implementation.error.communeUnknown' });
  return errors;
}

/** Adds a task. An agency editor may add tasks only with a lead agency in its own subtree. */
export async function createTask(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  input: CreateTaskInput,
  extra: { isSample?: boolean } = {},
): Promise<TaskDetail> {
  return db.transaction(async (tx) => {
    const scope = await implScopeOf(tx, user);
    if (!mayWriteTask(scope, { leadAgencyId: input.leadAgencyId })) throw forbidden();
    const errors = await relationErrors(tx, input);
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, input.programmeId));
    if (!programme) errors.push({ field: 'programmeId', message: 'implementation.error.programmeUnknown' });
    if (input.parentId) {
      const [parent] = await tx.select().from(tasks).where(eq(tasks.id, input.parentId));
      if (!parent || parent.programmeId !== input.programmeId)
        errors.push({ field: 'parentId', message: 'implementation.error.parentUnknown' });
    }
    for (const i of milestoneErrors(input.startDate ?? null, input.dueDate ?? null, input.milestones))
      errors.push({ field: `milestones.${i}`, message: 'implementation.error.milestone' });
    if (errors.length) throw invalid(errors);
    const [row] = await tx
      .insert(tasks)
      .values({
        programmeId: input.programmeId,
        parentId: input.parentId ?? null,
        code: input.code ?? null,
        title: input.title,
        description: input.description ?? null,
        leadAgencyId: input.leadAgencyId,
        wholeProvince: input.wholeProvince,
        startDate: input.startDate ?? null,
        dueDate: input.dueDate ?? null,
        product: input.product ?? null,
        ...budgetColumns(input.budget),
        weight: input.weight,
        milestones: input.milestones,
        isPublic: input.isPublic,
        isSample: extra.isSample ?? false,
      })
      .returning();
    await writeTaskRelations(tx, row!.id, input);
    const detail = await getTaskDetail(tx, row!.id);
    await recordAudit(tx, actor, { action: 'create', entity: 'task', entityId: row!.id, after: detail });
    await recordTaskEvent(tx, actor, row!.id, 'created', { title: row!.title });
    return detail;
  });
}

const TRACKED: (keyof TaskDetail)[] = [
  'title',
  'description',
  'leadAgencyId',
  'wholeProvince',
  'startDate',
  'dueDate',
  'product',
  'budgetCentral',
  'budgetLocal',
  'budgetOda',
  'budgetNonBudget',
  'budgetPpp',
  'budgetOther',
  'weight',
  'milestones',
  'status',
  'progress',
  'isPublic',
  'coordinatingAgencyIds',
  'communeIds',
  'links',
];

function changedFields(before: TaskDetail, after: TaskDetail) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of TRACKED) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = { from: before[k], to: after[k] };
  }
  return out;
}

/**
 * Changes a task. The caller sends the rowVersion it read; if someone changed
 * the task since, nothing is written and the caller gets 409. A status change
 * follows the status/progress rule (rules.ts progressForStatus).
 */
export async function updateTask(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  id: number,
  input: UpdateTaskInput,
): Promise<TaskDetail> {
  return db.transaction(async (tx) => {
    const scope = await implScopeOf(tx, user);
    const before = await readableTask(tx, scope, id);
    if (!mayWriteTask(scope, before)) throw forbidden();
    if (input.leadAgencyId !== undefined && !mayWriteTask(scope, { leadAgencyId: input.leadAgencyId }))
      throw forbidden();
    const errors = await relationErrors(tx, input);
    const start = input.startDate !== undefined ? input.startDate : before.startDate;
    const due = input.dueDate !== undefined ? input.dueDate : before.dueDate;
    if (start && due && start > due)
      errors.push({ field: 'dueDate', message: 'implementation.error.dueBeforeStart' });
    const milestones = input.milestones ?? before.milestones;
    if (input.milestones !== undefined || input.startDate !== undefined || input.dueDate !== undefined)
      for (const i of milestoneErrors(start, due, milestones))
        errors.push({ field: `milestones.${i}`, message: 'implementation.error.milestone' });
    let progress = before.progress;
    if (input.status && input.status !== before.status) {
      const p = progressForStatus(before, input.status);
      if (p === null)
        errors.push({ field: 'status', message: 'implementation.error.statusContradictsProgress' });
      else progress = p;
    }
    if (errors.length) throw invalid(errors);
    const [updated] = await tx
      .update(tasks)
      .set({
        title: input.title,
        description: input.description,
        leadAgencyId: input.leadAgencyId,
        wholeProvince: input.wholeProvince,
        startDate: input.startDate,
        dueDate: input.dueDate,
        product: input.product,
        ...budgetColumns(input.budget),
        weight: input.weight,
        milestones: input.milestones,
        status: input.status,
        progress,
        isPublic: input.isPublic,
        rowVersion: sql`${tasks.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(tasks.id, id), eq(tasks.rowVersion, input.rowVersion)))
      .returning();
    if (!updated) throw conflict('implementation.error.staleTask');
    await writeTaskRelations(tx, id, input);
    const after = await getTaskDetail(tx, id);
    const changes = changedFields(before, after);
    await recordAudit(tx, actor, { action: 'update', entity: 'task', entityId: id, before, after });
    await recordTaskEvent(tx, actor, id, changes.status ? 'status_changed' : 'updated', { changes });
    await notifyTaskStatus(tx, id, { from: before.status, to: after.status }, `v${updated.rowVersion}`);
    return after;
  });
}

/**
 * Bulk status change: every task or none. Each task follows the status/progress
 * rule; a task where the rule refuses the change makes the whole batch fail,
 * naming the task.
 */
export async function bulkSetStatus(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  ids: number[],
  status: TaskStatus,
) {
  return db.transaction(async (tx) => {
    const scope = await implScopeOf(tx, user);
    const errors: FieldError[] = [];
    for (const id of ids) {
      const before = await readableTask(tx, scope, id);
      if (!mayWriteTask(scope, before)) throw forbidden();
      if (before.status === status) continue;
      const progress = progressForStatus(before, status);
      if (progress === null) {
        errors.push({ field: `task.${id}`, message: 'implementation.error.statusContradictsProgress' });
        continue;
      }
      const [changed] = await tx
        .update(tasks)
        .set({ status, progress, rowVersion: sql`${tasks.rowVersion} + 1`, updatedAt: new Date() })
        .where(eq(tasks.id, id))
        .returning({ rowVersion: tasks.rowVersion });
      await notifyTaskStatus(tx, id, { from: before.status, to: status }, `v${changed!.rowVersion}`);
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'task',
        entityId: id,
        before: { status: before.status, progress: before.progress },
        after: { status, progress },
      });
      await recordTaskEvent(tx, actor, id, 'status_changed', {
        changes: {
          status: { from: before.status, to: status },
          progress: { from: before.progress, to: progress },
        },
        bulk: true,
      });
    }
    if (errors.length) throw invalid(errors);
    return ids.length;
  });
}

/** Bulk assignment of a lead agency (planners and administrators). */
export async function bulkAssign(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  ids: number[],
  leadAgencyId: number,
) {
  return db.transaction(async (tx) => {
    const scope = await implScopeOf(tx, user);
    if (!mayManageProgrammes(scope)) throw forbidden();
    if ((await missingAgencies(tx, [leadAgencyId])).length)
      throw invalid([{ field: 'leadAgencyId', message: 'implementation.error.agencyUnknown' }]);
    for (const id of ids) {
      const before = await readableTask(tx, scope, id);
      if (before.leadAgencyId === leadAgencyId) continue;
      await tx
        .update(tasks)
        .set({ leadAgencyId, rowVersion: sql`${tasks.rowVersion} + 1`, updatedAt: new Date() })
        .where(eq(tasks.id, id));
      await recordAudit(tx, actor, {
        action: 'assign',
        entity: 'task',
        entityId: id,
        before: { leadAgencyId: before.leadAgencyId },
        after: { leadAgencyId },
      });
      await recordTaskEvent(tx, actor, id, 'updated', {
        changes: { leadAgencyId: { from: before.leadAgencyId, to: leadAgencyId } },
        bulk: true,
      });
    }
    return ids.length;
  });
}

// ---------------------------------------------------------------- reports

export type UploadedFile = { fileName: string; bytes: Buffer };

export type ReportDeps = { storage: FileStorage; maxFileBytes: number };

function checkFiles(files: UploadedFile[], maxBytes: number) {
  const errors: FieldError[] = [];
  const typed = files.map((f, i) => {
    if (f.bytes.length === 0 || f.bytes.length > maxBytes) {
      errors.push({ field: `files.${i}`, message: 'implementation.error.fileSize' });
      return null;
    }
    const type = sniffFileType(f.bytes, f.fileName);
    if (!type) errors.push({ field: `files.${i}`, message: 'implementation.error.fileType' });
    return type;
  });
  if (errors.length) throw invalid(errors);
  return typed.map((t) => t!);
}

async function storeFiles(
  tx: DbOrTx,
  deps: ReportDeps,
  reportId: number,
  files: UploadedFile[],
  userId: number,
) {
  const types = checkFiles(files, deps.maxFileBytes);
  const stored: string[] = [];
  try {
    for (const [i, f] of files.entries()) {
      const key = newStorageKey(types[i]!.ext);
      await deps.storage.put(key, f.bytes);
      stored.push(key);
      await tx.insert(reportFiles).values({
        reportId,
        storageKey: key,
        fileName: f.fileName.slice(0, 255),
        mediaType: types[i]!.mediaType,
        size: f.bytes.length,
        sha256: crypto.createHash('sha256').update(f.bytes).digest('hex'),
        uploadedBy: userId,
      });
    }
  } catch (err) {
    await Promise.all(stored.map((k) => deps.storage.remove(k).catch(() => {})));
    throw err;
  }
  return stored;
}

/**
 * An agency editor (of the task's lead agency subtree) or a planner reports on a
 * task for a period; `submit` sends it for review at once, otherwise it stays a draft.
 */
export async function createReport(
  db: DbOrTx,
  deps: ReportDeps,
  actor: Actor,
  user: CurrentUser,
  taskId: number,
  input: ReportInput,
  files: UploadedFile[] = [],
  extra: { isSample?: boolean } = {},
): Promise<ReportRow> {
  checkFiles(files, deps.maxFileBytes);
  return db.transaction(async (tx) => {
    const scope = await implScopeOf(tx, user);
    const task = await readableTask(tx, scope, taskId);
    if (!mayWriteTask(scope, task)) throw forbidden();
    if (task.status === 'cancelled') throw badRequest('implementation.error.taskCancelled');
    const now = new Date();
    const [report] = await tx
      .insert(progressReports)
      .values({
        taskId,
        period: input.period,
        progress: input.progress,
        narrative: input.narrative,
        spend: input.spend ?? null,
        risks: input.risks ?? null,
        requestedDueDate: input.requestedDueDate ?? null,
        dueDateReason: input.dueDateReason ?? null,
        state: input.submit ? 'submitted' : 'draft',
        submittedAt: input.submit ? now : null,
        authorUserId: user.id,
        isSample: extra.isSample ?? false,
      })
      .returning();
    await storeFiles(tx, deps, report!.id, files, user.id);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'progress_report',
      entityId: report!.id,
      after: report,
    });
    await recordTaskEvent(
      tx,
      actor,
      taskId,
      input.submit ? 'report_submitted' : 'report_created',
      {
        period: input.period,
        progress: input.progress,
        files: files.length,
      },
      report!.id,
    );
    return report!;
  });
}

/** Changes a draft or returned report and (optionally) submits it again. */
export async function reviseReport(
  db: DbOrTx,
  deps: ReportDeps,
  actor: Actor,
  user: CurrentUser,
  reportId: number,
  input: ReportInput & { rowVersion: number },
  files: UploadedFile[] = [],
): Promise<ReportRow> {
  checkFiles(files, deps.maxFileBytes);
  return db.transaction(async (tx) => {
    const scope = await implScopeOf(tx, user);
    const before = await getReport(tx, reportId);
    const task = await readableTask(tx, scope, before.taskId);
    if (!mayWriteTask(scope, task)) throw forbidden();
    if (!mayTransition(before.state, 'edit')) throw conflict('implementation.error.reportState');
    const [after] = await tx
      .update(progressReports)
      .set({
        period: input.period,
        progress: input.progress,
        narrative: input.narrative,
        spend: input.spend ?? null,
        risks: input.risks ?? null,
        requestedDueDate: input.requestedDueDate ?? null,
        dueDateReason: input.dueDateReason ?? null,
        state: input.submit ? 'submitted' : before.state,
        submittedAt: input.submit ? new Date() : before.submittedAt,
        rowVersion: sql`${progressReports.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(progressReports.id, reportId),
          eq(progressReports.rowVersion, input.rowVersion),
          inArray(progressReports.state, ['draft', 'returned']),
        ),
      )
      .returning();
    if (!after) throw conflict('implementation.error.staleReport');
    await storeFiles(tx, deps, reportId, files, user.id);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'progress_report',
      entityId: reportId,
      before,
      after,
    });
    await recordTaskEvent(
      tx,
      actor,
      before.taskId,
      input.submit ? 'report_submitted' : 'report_created',
      { period: after.period, progress: after.progress, resubmitted: before.state === 'returned' },
      reportId,
    );
    return after;
  });
}

/**
 * A planner approves a submitted report; only now does the task change
 * (progress, spend, status by rules.ts statusForProgress, and the due date when
 * one was requested and the planner accepts it). The state change is a
 * conditional update: of two planners approving at once, exactly one succeeds.
 */
export async function approveReport(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  reportId: number,
  input: { rowVersion: number; comment?: string; acceptDueDate?: boolean },
): Promise<ReportRow> {
  return db.transaction(async (tx) => {
    if (!mayReview(await implScopeOf(tx, user))) throw forbidden();
    const before = await getReport(tx, reportId);
    if (!mayTransition(before.state, 'approve')) throw conflict('implementation.error.reportState');
    const acceptDue = before.requestedDueDate ? input.acceptDueDate !== false : null;
    const [after] = await tx
      .update(progressReports)
      .set({
        state: 'approved',
        reviewComment: input.comment ?? null,
        reviewerUserId: user.id,
        reviewedAt: new Date(),
        dueDateAccepted: acceptDue,
        rowVersion: sql`${progressReports.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(progressReports.id, reportId),
          eq(progressReports.state, 'submitted'),
          eq(progressReports.rowVersion, input.rowVersion),
        ),
      )
      .returning();
    if (!after) throw conflict('implementation.error.staleReport');
    const task = await getTaskDetail(tx, before.taskId);
    const status = task.status === 'cancelled' ? task.status : statusForProgress(task.status, after.progress);
    const dueDate = acceptDue && after.requestedDueDate ? after.requestedDueDate : task.dueDate;
    await tx
      .update(tasks)
      .set({
        progress: after.progress,
        spent: after.spend ?? task.spent,
        status,
        dueDate,
        reportedAt: new Date(),
        rowVersion: sql`${tasks.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(tasks.id, task.id));
    await recordAudit(tx, actor, {
      action: 'approve',
      entity: 'progress_report',
      entityId: reportId,
      before,
      after,
    });
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'task',
      entityId: task.id,
      before: { progress: task.progress, status: task.status, dueDate: task.dueDate, spent: task.spent },
      after: { progress: after.progress, status, dueDate, spent: after.spend ?? task.spent },
    });
    await recordTaskEvent(
      tx,
      actor,
      task.id,
      'report_approved',
      {
        period: after.period,
        changes: {
          progress: { from: task.progress, to: after.progress },
          ...(status !== task.status ? { status: { from: task.status, to: status } } : {}),
          ...(dueDate !== task.dueDate ? { dueDate: { from: task.dueDate, to: dueDate } } : {}),
        },
        comment: input.comment ?? null,
      },
      reportId,
    );
    await notifyTaskStatus(tx, task.id, { from: task.status, to: status }, `report${reportId}`);
    return after;
  });
}

/** A planner returns a submitted report with a comment; the task does not change. */
export async function returnReport(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  reportId: number,
  input: { rowVersion: number; comment: string },
): Promise<ReportRow> {
  return db.transaction(async (tx) => {
    if (!mayReview(await implScopeOf(tx, user))) throw forbidden();
    const before = await getReport(tx, reportId);
    if (!mayTransition(before.state, 'return')) throw conflict('implementation.error.reportState');
    const [after] = await tx
      .update(progressReports)
      .set({
        state: 'returned',
        reviewComment: input.comment,
        reviewerUserId: user.id,
        reviewedAt: new Date(),
        rowVersion: sql`${progressReports.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(progressReports.id, reportId),
          eq(progressReports.state, 'submitted'),
          eq(progressReports.rowVersion, input.rowVersion),
        ),
      )
      .returning();
    if (!after) throw conflict('implementation.error.staleReport');
    await recordAudit(tx, actor, {
      action: 'return',
      entity: 'progress_report',
      entityId: reportId,
      before,
      after,
    });
    await recordTaskEvent(
      tx,
      actor,
      before.taskId,
      'report_returned',
      { period: after.period, comment: input.comment },
      reportId,
    );
    return after;
  });
}
