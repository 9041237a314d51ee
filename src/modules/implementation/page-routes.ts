// Workspace pages under /workspace and the outbox under /admin/outbox.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import MarkdownIt from 'markdown-it';
import { h } from 'preact';
import { z } from 'zod';
import { enforceCsrfOnParsedForm } from '../../kernel/http/csrf.ts';
import { AppError, type FieldError, forbidden, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { agencyChoices } from '../agencies/queries.ts';
import { runDeadlineJob, todayIn } from '../notifications/daily-job.ts';
import { listOutbox } from '../notifications/outbox.ts';
import { readMultipart, registerMultipart, reportDepsOf } from './api.ts';
import { ImportRefused, importRows, readTable } from './import.ts';
import {
  type FormValues,
  type ImportErrorRow,
  ImportPage,
  MethodPage,
  MyTasksPage,
  OutboxPage,
  ProgrammeListPage,
  ProgrammePage,
  ReviewQueuePage,
  type Sched,
  TaskEditPage,
  type TaskFormChoices,
  TaskListPage,
  TaskPage,
  taskFormValues,
  type Values,
} from './pages.tsx';
import { implScopeOf, mayManageProgrammes, mayReview, mayWriteTask } from './policy.ts';
import {
  PUBLIC_VIEWS,
  PublicGroupPage,
  PublicGroupsPage,
  PublicPlanPage,
  type PublicView,
} from './public-pages.tsx';
import {
  byAgency,
  byCommune,
  byPlanItem,
  type PublicTask,
  projectsWhere,
  publicTasks,
} from './public-views.ts';
import {
  agencyNameMap,
  communeChoices,
  filesOfReports,
  getProgramme,
  getReport,
  linkChoices,
  listProgrammes,
  listTasks,
  programmeRollup,
  readableTask,
  reportsAwaitingReview,
  returnedReportsFor,
  type TaskRow,
  taskReports,
  taskTimeline,
} from './queries.ts';
import { addDays, scheduleStatus } from './rules.ts';
import { reportFiles, TASK_STATUSES, type TaskStatus } from './schema.ts';
import {
  createProgrammeBody,
  createTaskBody,
  editFormToUpdate,
  editTaskBody,
  reportBody,
  returnBody,
  reviewBody,
  taskFormInput,
  taskListQuery,
} from './schemas.ts';
import {
  approveReport,
  bulkAssign,
  bulkSetStatus,
  createProgramme,
  createReport,
  createTask,
  returnReport,
  reviseReport,
  updateTask,
} from './use-cases.ts';

const STAFF = { access: ['admin', 'planner', 'agency_editor', 'agency_viewer', 'leader'] as const };
const WRITERS = { access: ['admin', 'planner', 'agency_editor'] as const };
const REVIEWERS = { access: ['admin', 'planner'] as const };
const idParams = z.object({ id: z.coerce.number().int().positive() });
const METHOD_DOC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../docs/implementation-method.md',
);

function textValues(body: unknown): Values {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string'),
  ) as Values;
}

/** Form fields as posted: strings, and string lists for multi-selects. */
function formValuesOf(body: unknown): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

function translated(request: FastifyRequest, fields: FieldError[]): FieldError[] {
  return fields.map((f) => ({ field: f.field, message: request.t(f.message) }));
}

/** Errors on milestone N (a line of the milestones box) name the box and the line. */
function onMilestoneBox(request: FastifyRequest, fields: FieldError[]): FieldError[] {
  const out: FieldError[] = [];
  for (const f of fields) {
    const m = /^milestones\.(\d+)/.exec(f.field);
    const e = m
      ? {
          field: 'milestones',
          message: request.t('ws.field.milestoneLine', { n: Number(m[1]) + 1, message: f.message }),
        }
      : f;
    if (!out.some((x) => x.field === e.field)) out.push(e);
  }
  return out;
}

export async function implementationPages(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const thresholds = { atRiskGap: config.statusAtRiskGap, lateGap: config.statusLateGap };
  const reportDeps = reportDepsOf(deps);
  const maxMb = config.uploadMaxMb;

  const schedulesOf = (rows: TaskRow[], today: string) =>
    new Map<number, Sched>(rows.map((r) => [r.id, scheduleStatus(r, today, thresholds)]));
  const agencyOptions = async () =>
    (await agencyChoices(db, { activeOnly: true })).map((o) => ({ value: o.value, label: o.label }));
  const taskChoices = async (): Promise<TaskFormChoices> => ({
    agencies: await agencyOptions(),
    communes: await communeChoices(db),
    links: await linkChoices(db),
  });

  app.get('/workspace', { config: STAFF, schema: { hide: true } }, async (request, reply) => {
    const scope = await implScopeOf(db, request.user);
    const today = todayIn();
    const onlyLedBy = scope.kind === 'agency' ? scope.ids : undefined;
    const base = { today, onlyLedBy, pageSize: 200 };
    const overdue = (await listTasks(db, scope, { ...base, overdue: 'true' })).items;
    const dueSoon = (
      await listTasks(db, scope, { ...base, dueBefore: addDays(today, config.reminderDaysBefore) })
    ).items;
    const returned = scope.kind === 'agency' ? await returnedReportsFor(db, scope.ids) : [];
    const all = [...overdue, ...dueSoon];
    return sendPage(
      reply,
      h(MyTasksPage, {
        ctx: pageContext(request, reply),
        overdue,
        dueSoon,
        all,
        returned,
        reminderDays: config.reminderDaysBefore,
        schedules: schedulesOf(all, today),
        agencyNames: await agencyNameMap(db),
      }),
    );
  });

  async function filteredTasks(request: FastifyRequest) {
    const parsed = taskListQuery.strip().safeParse(request.query ?? {});
    const q = parsed.success ? parsed.data : taskListQuery.parse({});
    const scope = await implScopeOf(db, request.user);
    const today = todayIn();
    const result = await listTasks(db, scope, { ...q, today, pageSize: q.pageSize });
    return { q, scope, today, ...result };
  }

  const renderTaskList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; errors?: FieldError[] } = {},
    status = 200,
  ) => {
    const { q, scope, today, items, total } = await filteredTasks(request);
    const programmes = await listProgrammes(db, scope);
    return sendPage(
      reply,
      h(TaskListPage, {
        ctx: pageContext(request, reply),
        rows: items,
        total,
        filter: Object.fromEntries(
          Object.entries(q).map(([k, v]) => [k, v === undefined ? undefined : String(v)]),
        ),
        agencyOptions: await agencyOptions(),
        programmeOptions: programmes.map((p) => ({ value: p.id, label: `${p.code} — ${p.title}` })),
        schedules: schedulesOf(items, today),
        agencyNames: await agencyNameMap(db),
        canBulk: scope.kind === 'all' ? scope.write : scope.kind === 'agency' && scope.write,
        canAssign: mayManageProgrammes(scope),
        ...extra,
      }),
      status,
    );
  };

  app.get('/workspace/tasks', { config: STAFF, schema: { hide: true } }, async (request, reply) => {
    const notice = (request.query as Record<string, string>)?.bulk;
    return renderTaskList(request, reply, {
      notice: notice ? request.t('ws.bulk.done', { n: Number(notice) || 0 }) : undefined,
    });
  });

  app.get('/workspace/tasks.xlsx', { config: STAFF, schema: { hide: true } }, async (request, reply) => {
    const { items, today } = await filteredTasks(request);
    const names = await agencyNameMap(db);
    const t = request.t;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(t('ws.mine.all'));
    ws.columns = [
      { header: 'ID', key: 'id', width: 8 },
      { header: t('ws.field.title'), key: 'title', width: 50 },
      { header: t('ws.field.leadAgency'), key: 'agency', width: 30 },
      { header: t('ws.field.startDate'), key: 'start', width: 12 },
      { header: t('ws.field.dueDate'), key: 'due', width: 12 },
      { header: t('ws.field.status'), key: 'status', width: 16 },
      { header: t('ws.field.progress'), key: 'progress', width: 10 },
      { header: t('ws.field.schedule'), key: 'schedule', width: 16 },
      { header: t('ws.field.product'), key: 'product', width: 40 },
    ];
    for (const r of items)
      ws.addRow({
        id: r.id,
        title: r.title,
        agency: names.get(r.leadAgencyId) ?? '',
        start: r.startDate ?? '',
        due: r.dueDate ?? '',
        status: t(`ws.status.${r.status}`),
        progress: r.reportedAt === null && r.status !== 'done' ? t('ws.unreported') : r.progress,
        schedule: t(`ws.schedule.${scheduleStatus(r, today, thresholds).status}`),
        product: r.product ?? '',
      });
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="nhiem-vu-${today}.xlsx"`)
      .send(buf);
  });

  app.post('/workspace/tasks/bulk', { config: WRITERS, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ids = (Array.isArray(body.ids) ? body.ids : body.ids ? [body.ids] : [])
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    const status =
      typeof body.status === 'string' && TASK_STATUSES.includes(body.status as TaskStatus) ? body.status : '';
    const lead =
      typeof body.leadAgencyId === 'string' && /^\d+$/.test(body.leadAgencyId)
        ? Number(body.leadAgencyId)
        : 0;
    try {
      if (status) await bulkSetStatus(db, actorOf(request), request.user!, ids, status as TaskStatus);
      if (lead) await bulkAssign(db, actorOf(request), request.user!, ids, lead);
    } catch (err) {
      if (err instanceof AppError && err.fields.length)
        return renderTaskList(request, reply, { errors: translated(request, err.fields) }, 400);
      throw err;
    }
    return reply.redirect(`/workspace/tasks?bulk=${ids.length}`, 303);
  });

  const renderProgrammes = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Values; errors?: FieldError[] } = {},
    status = 200,
  ) => {
    const scope = await implScopeOf(db, request.user);
    const rows = [];
    for (const p of await listProgrammes(db, scope))
      rows.push({ ...p, rollup: (await programmeRollup(db, scope, p.id)).rollup });
    return sendPage(
      reply,
      h(ProgrammeListPage, {
        ctx: pageContext(request, reply),
        rows,
        canCreate: mayManageProgrammes(scope),
        ...extra,
      }),
      status,
    );
  };

  app.get('/workspace/programmes', { config: STAFF, schema: { hide: true } }, (request, reply) =>
    renderProgrammes(request, reply),
  );

  app.post('/workspace/programmes', { config: REVIEWERS, schema: { hide: true } }, async (request, reply) => {
    const values = textValues(request.body);
    const form = parseForm(
      createProgrammeBody,
      { ...values, isPublic: values.isPublic ?? 'false' },
      request.locale,
    );
    if (!form.ok) return renderProgrammes(request, reply, { values, errors: form.errors }, 400);
    try {
      const p = await createProgramme(db, actorOf(request), request.user!, form.data);
      return reply.redirect(`/workspace/programmes/${p.id}?created=1`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fields.length)
        return renderProgrammes(request, reply, { values, errors: translated(request, err.fields) }, 400);
      throw err;
    }
  });

  const renderProgramme = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { values?: FormValues; errors?: FieldError[]; notice?: string } = {},
    status = 200,
  ) => {
    const scope = await implScopeOf(db, request.user);
    const programme = await getProgramme(db, scope, id);
    const canAddTask = mayManageProgrammes(scope);
    const { rollup, tasks } = await programmeRollup(db, scope, id);
    const today = todayIn();
    return sendPage(
      reply,
      h(ProgrammePage, {
        ctx: pageContext(request, reply),
        programme,
        rollup,
        tasks,
        today,
        schedules: schedulesOf(tasks, today),
        agencyNames: await agencyNameMap(db),
        choices: canAddTask
          ? await taskChoices()
          : {
              agencies: [],
              communes: [],
              links: { plan_section: [], breakthrough: [], sector: [], indicator: [], project: [] },
            },
        canAddTask,
        canImport: scope.kind === 'all' ? scope.write : scope.kind === 'agency' && scope.write,
        ...extra,
      }),
      status,
    );
  };

  app.get(
    '/workspace/programmes/:id',
    { config: STAFF, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const q = (request.query ?? {}) as Record<string, string>;
      const notice = q.created
        ? request.t('ws.programme.created')
        : q.task
          ? request.t('ws.task.created')
          : q.imported !== undefined
            ? request.t('ws.import.done', { n: Number(q.imported) || 0 })
            : undefined;
      return renderProgramme(request, reply, request.params.id, { notice });
    },
  );

  app.post(
    '/workspace/programmes/:id/tasks',
    { config: REVIEWERS, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const values = formValuesOf(request.body);
      const input = { ...taskFormInput(values), programmeId: request.params.id };
      const form = parseForm(createTaskBody, input, request.locale);
      if (!form.ok)
        return renderProgramme(
          request,
          reply,
          request.params.id,
          { values, errors: onMilestoneBox(request, form.errors) },
          400,
        );
      try {
        await createTask(db, actorOf(request), request.user!, form.data);
        return reply.redirect(`/workspace/programmes/${request.params.id}?task=1`, 303);
      } catch (err) {
        if (err instanceof AppError && err.fields.length)
          return renderProgramme(
            request,
            reply,
            request.params.id,
            { values, errors: onMilestoneBox(request, translated(request, err.fields)) },
            400,
          );
        throw err;
      }
    },
  );

  const renderTask = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { notice?: string; formValues?: Values; formErrors?: FieldError[]; formMessage?: string } = {},
    status = 200,
  ) => {
    const scope = await implScopeOf(db, request.user);
    const task = await readableTask(db, scope, id);
    const programme = await getProgramme(db, { kind: 'all', write: false, review: false }, task.programmeId);
    const reports = await taskReports(db, id);
    const files = await filesOfReports(
      db,
      reports.map((r) => r.id),
    );
    return sendPage(
      reply,
      h(TaskPage, {
        ctx: pageContext(request, reply),
        task,
        programme,
        schedule: scheduleStatus(task, todayIn(), thresholds),
        agencyNames: await agencyNameMap(db),
        events: await taskTimeline(db, id),
        reports: reports.map((r) => ({ ...r, files: files.filter((f) => f.reportId === r.id) })),
        canReport: mayWriteTask(scope, task),
        canReview: mayReview(scope),
        canEdit: mayWriteTask(scope, task),
        maxMb,
        ...extra,
      }),
      status,
    );
  };

  const NOTICES: Record<string, string> = {
    sent: 'ws.report.sent',
    approved: 'ws.report.approved',
    returned: 'ws.report.returnedNotice',
    saved: 'common.saved',
  };
  app.get(
    '/workspace/tasks/:id',
    { config: STAFF, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const q = (request.query ?? {}) as Record<string, string>;
      const key = Object.keys(NOTICES).find((k) => q[k] === '1');
      return renderTask(request, reply, request.params.id, {
        notice: key ? request.t(NOTICES[key]!) : undefined,
      });
    },
  );

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { values?: FormValues; errors?: FieldError[]; stale?: boolean } = {},
    status = 200,
  ) => {
    const scope = await implScopeOf(db, request.user);
    const task = await readableTask(db, scope, id);
    if (!mayWriteTask(scope, task)) throw forbidden();
    const programme = await getProgramme(db, { kind: 'all', write: false, review: false }, task.programmeId);
    return sendPage(
      reply,
      h(TaskEditPage, {
        ctx: pageContext(request, reply),
        task,
        programme,
        values: extra.values ?? taskFormValues(task),
        choices: await taskChoices(),
        errors: extra.errors,
        stale: extra.stale,
      }),
      status,
    );
  };

  app.get(
    '/workspace/tasks/:id/edit',
    { config: WRITERS, schema: { hide: true, params: idParams } },
    (request, reply) => renderEdit(request, reply, request.params.id),
  );

  app.post(
    '/workspace/tasks/:id/edit',
    { config: WRITERS, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const id = request.params.id;
      const values = formValuesOf(request.body);
      const form = parseForm(editTaskBody, taskFormInput(values), request.locale);
      if (!form.ok)
        return renderEdit(request, reply, id, { values, errors: onMilestoneBox(request, form.errors) }, 400);
      try {
        await updateTask(db, actorOf(request), request.user!, id, editFormToUpdate(form.data));
      } catch (err) {
        if (err instanceof AppError && err.fields.length)
          return renderEdit(
            request,
            reply,
            id,
            { values, errors: onMilestoneBox(request, translated(request, err.fields)) },
            400,
          );
        // Someone changed the task since this form was read: keep what the user typed, say so, write nothing.
        if (err instanceof AppError && err.statusCode === 409)
          return renderEdit(request, reply, id, { values, stale: true }, 409);
        throw err;
      }
      return reply.redirect(`/workspace/tasks/${id}?saved=1`, 303);
    },
  );

  const renderImport = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { kind?: 'tasks' | 'progress'; message?: string; errors?: ImportErrorRow[] } = {},
    status = 200,
  ) => {
    const scope = await implScopeOf(db, request.user);
    const programme = await getProgramme(db, scope, id);
    const canImportTasks = mayManageProgrammes(scope);
    return sendPage(
      reply,
      h(ImportPage, {
        ctx: pageContext(request, reply),
        programme,
        kind: extra.kind ?? (canImportTasks ? 'tasks' : 'progress'),
        canImportTasks,
        message: extra.message,
        errors: extra.errors,
      }),
      status,
    );
  };

  app.get(
    '/workspace/programmes/:id/import',
    { config: WRITERS, schema: { hide: true, params: idParams } },
    (request, reply) => renderImport(request, reply, request.params.id),
  );

  // Report forms post files: multipart, parsed in this scope; the CSRF token is checked after parsing.
  await app.register(async (scoped) => {
    const s = scoped as App;
    await registerMultipart(s, deps);
    const handle = async (
      request: FastifyRequest,
      reply: FastifyReply,
      taskId: number,
      write: (
        input: z.infer<typeof reportBody>,
        files: { fileName: string; bytes: Buffer }[],
        v: Values,
      ) => Promise<void>,
    ) => {
      const { fields, files } = await readMultipart(request);
      enforceCsrfOnParsedForm(request, fields._csrf);
      const form = parseForm(reportBody, fields, request.locale);
      if (!form.ok)
        return renderTask(request, reply, taskId, { formValues: fields, formErrors: form.errors }, 400);
      try {
        await write(form.data, files, fields);
      } catch (err) {
        if (err instanceof AppError && err.fields.length)
          return renderTask(
            request,
            reply,
            taskId,
            { formValues: fields, formErrors: translated(request, err.fields) },
            err.statusCode,
          );
        if (err instanceof AppError && err.statusCode === 409)
          return renderTask(
            request,
            reply,
            taskId,
            { formValues: fields, formMessage: request.t(err.messageKey) },
            409,
          );
        throw err;
      }
      return reply.redirect(`/workspace/tasks/${taskId}?${form.data.submit ? 'sent' : 'saved'}=1`, 303);
    };
    s.post(
      '/workspace/programmes/:id/import',
      { config: { ...WRITERS, csrfExempt: true }, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const id = request.params.id;
        const { fields, files } = await readMultipart(request);
        enforceCsrfOnParsedForm(request, fields._csrf);
        const kind = fields.kind === 'progress' ? 'progress' : 'tasks';
        try {
          if (files.length !== 1 || files[0]!.bytes.length === 0)
            throw new ImportRefused('implementation.import.unreadable');
          const rows = await readTable(files[0]!.fileName, files[0]!.bytes);
          const n = await importRows(db, actorOf(request), request.user!, kind, id, rows);
          return reply.redirect(`/workspace/programmes/${id}?imported=${n}`, 303);
        } catch (err) {
          if (!(err instanceof ImportRefused)) throw err;
          return renderImport(
            request,
            reply,
            id,
            {
              kind,
              message: request.t(err.messageKey, err.params),
              errors: err.errors.map((e) => ({
                ...e,
                message: request.t(`implementation.import.err.${e.message}`),
              })),
            },
            400,
          );
        }
      },
    );
    s.post(
      '/workspace/tasks/:id/reports',
      { config: { ...WRITERS, csrfExempt: true }, schema: { hide: true, params: idParams } },
      async (request, reply) =>
        handle(request, reply, request.params.id, async (input, files) => {
          await createReport(
            db,
            reportDeps,
            actorOf(request),
            request.user!,
            request.params.id,
            input,
            files,
          );
        }),
    );
    s.post(
      '/workspace/reports/:id/revise',
      { config: { ...WRITERS, csrfExempt: true }, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const report = await getReport(db, request.params.id);
        return handle(request, reply, report.taskId, async (input, files, v) => {
          await reviseReport(
            db,
            reportDeps,
            actorOf(request),
            request.user!,
            report.id,
            { ...input, rowVersion: Number(v.rowVersion) || 0 },
            files,
          );
        });
      },
    );
  });

  for (const action of ['approve', 'return'] as const) {
    app.post(
      `/workspace/reports/:id/${action}`,
      { config: REVIEWERS, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const report = await getReport(db, request.params.id);
        const body = textValues(request.body);
        const form = parseForm(action === 'approve' ? reviewBody : returnBody, body, request.locale);
        if (!form.ok)
          return renderTask(
            request,
            reply,
            report.taskId,
            { formMessage: form.errors.map((e) => e.message).join(' ') },
            400,
          );
        try {
          if (action === 'approve')
            await approveReport(db, actorOf(request), request.user!, report.id, {
              ...form.data,
              acceptDueDate: body.acceptDueDate === 'true',
            });
          else
            await returnReport(
              db,
              actorOf(request),
              request.user!,
              report.id,
              form.data as { rowVersion: number; comment: string },
            );
        } catch (err) {
          if (err instanceof AppError && err.statusCode === 409)
            return renderTask(request, reply, report.taskId, { formMessage: request.t(err.messageKey) }, 409);
          throw err;
        }
        return reply.redirect(
          `/workspace/tasks/${report.taskId}?${action === 'approve' ? 'approved' : 'returned'}=1`,
          303,
        );
      },
    );
  }

  app.get('/workspace/reports', { config: REVIEWERS, schema: { hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      h(ReviewQueuePage, { ctx: pageContext(request, reply), rows: await reportsAwaitingReview(db) }),
    ),
  );

  app.get(
    '/workspace/files/:id',
    { config: STAFF, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { eq } = await import('drizzle-orm');
      const [file] = await db.select().from(reportFiles).where(eq(reportFiles.id, request.params.id));
      if (!file) throw notFound();
      const report = await getReport(db, file.reportId);
      await readableTask(db, await implScopeOf(db, request.user), report.taskId);
      const bytes = await reportDeps.storage.get(file.storageKey);
      return reply
        .header('content-type', file.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(bytes);
    },
  );

  const md = new MarkdownIt();
  app.get(
    '/workspace/method',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const html = md.render(fs.readFileSync(METHOD_DOC, 'utf8'));
      return sendPage(reply, h(MethodPage, { ctx: pageContext(request, reply), html }));
    },
  );

  app.get(
    '/ke-hoach-thuc-hien',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const scope = { kind: 'public' } as const;
      const today = todayIn();
      const items = [];
      const all: TaskRow[] = [];
      for (const p of await listProgrammes(db, scope)) {
        const { rollup, tasks } = await programmeRollup(db, scope, p.id);
        items.push({ programme: p, rollup, tasks });
        all.push(...tasks);
      }
      return sendPage(
        reply,
        h(PublicPlanPage, {
          ctx: pageContext(request, reply),
          programmes: items,
          schedules: schedulesOf(all, today),
          agencyNames: await agencyNameMap(db),
        }),
      );
    },
  );

  const viewParams = z.object({ view: z.enum(PUBLIC_VIEWS) });
  const groupsOf = async (view: PublicView, all: PublicTask[]) =>
    view === 'co-quan'
      ? byAgency(db, all)
      : view === 'xa'
        ? byCommune(db, all)
        : byPlanItem(db, all, view === 'dot-pha' ? 'breakthrough' : 'sector');

  app.get(
    '/ke-hoach-thuc-hien/:view',
    { config: { access: 'public' }, schema: { hide: true, params: viewParams } },
    async (request, reply) => {
      const all = await publicTasks(db, todayIn());
      const groups = await groupsOf(request.params.view, all);
      return sendPage(
        reply,
        h(PublicGroupsPage, { ctx: pageContext(request, reply), view: request.params.view, groups }),
      );
    },
  );

  app.get(
    '/ke-hoach-thuc-hien/:view/:key',
    {
      config: { access: 'public' },
      schema: { hide: true, params: viewParams.extend({ key: z.string().min(1).max(100) }) },
    },
    async (request, reply) => {
      const { view, key } = request.params;
      const today = todayIn();
      const all = await publicTasks(db, today);
      const group = (await groupsOf(view, all)).find((g) => g.key === key);
      if (!group) throw notFound();
      const projects =
        view === 'co-quan'
          ? await projectsWhere(db, { agencyId: Number(key) })
          : view === 'xa'
            ? await projectsWhere(db, { communeId: key })
            : null;
      return sendPage(
        reply,
        h(PublicGroupPage, {
          ctx: pageContext(request, reply),
          view,
          group,
          projects,
          schedules: schedulesOf(all, today),
          agencyNames: await agencyNameMap(db),
        }),
      );
    },
  );

  app.get(
    '/admin/outbox',
    { config: { access: ['admin'] }, schema: { hide: true } },
    async (request, reply) => {
      const q = (request.query ?? {}) as Record<string, string>;
      const notice =
        q.ran !== undefined
          ? request.t('ws.outbox.ran', { n: Number(q.ran) || 0 })
          : q.already
            ? request.t('ws.outbox.already')
            : undefined;
      return sendPage(
        reply,
        h(OutboxPage, { ctx: pageContext(request, reply), rows: await listOutbox(db), notice }),
      );
    },
  );

  app.post(
    '/admin/outbox/run',
    { config: { access: ['admin'] }, schema: { hide: true } },
    async (_request, reply) => {
      const result = await runDeadlineJob(db, config, todayIn());
      return reply.redirect(
        result.ran ? `/admin/outbox?ran=${result.queued}` : '/admin/outbox?already=1',
        303,
      );
    },
  );
}
