// JSON API of implementation management: public read of visible items,
// authorised writes under the same rules as the pages (policy.ts).
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import { invalid } from '../../kernel/http/errors.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { todayIn } from '../notifications/daily-job.ts';
import { ImportRefused, importRows, readTable } from './import.ts';
import { implScopeOf } from './policy.ts';
import {
  getProgramme,
  getReport,
  listTasks,
  PROGRAMME_SORTS,
  pageProgrammes,
  programmeRollup,
  readableTask,
  summariseTasks,
  type TaskRow,
  taskExtras,
} from './queries.ts';
import { scheduleStatus } from './rules.ts';
import { LINK_TYPES, REPORT_STATES, TASK_STATUSES } from './schema.ts';
import {
  createProgrammeBody,
  createTaskBody,
  reportBody,
  returnBody,
  reviewBody,
  taskListQuery,
  updateTaskBody,
} from './schemas.ts';
import { filesystemStorage } from './storage.ts';
import {
  approveReport,
  createProgramme,
  createReport,
  createTask,
  type ReportDeps,
  returnReport,
  type UploadedFile,
  updateTask,
} from './use-cases.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });

const rollupSchema = z
  .object({
    progress: z.number().nullable().describe('Weighted mean progress of the counted tasks; null = no data'),
    total: z.number().int(),
    counted: z.number().int(),
    unreported: z.number().int().describe('Tasks with no approved report ("chưa báo cáo"), left out'),
    cancelled: z.number().int().describe('Cancelled tasks, left out'),
    zeroWeight: z.number().int(),
    countedWeight: z.number(),
    weightCoverage: z.number().nullable(),
  })
  .describe('See docs/implementation-method.md');

const programmeSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  description: z.string().nullable(),
  leadAgencyId: z.number().int().nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  isPublic: z.boolean(),
  isSample: z.boolean(),
  rowVersion: z.number().int(),
});

const taskSchema = z.object({
  id: z.number().int(),
  programmeId: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  leadAgencyId: z.number().int(),
  coordinatingAgencyIds: z.array(z.number().int()),
  wholeProvince: z.boolean(),
  communeIds: z.array(z.string()),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  product: z.string().nullable(),
  budget: z.object({
    central: z.number().nullable(),
    local: z.number().nullable(),
    oda: z.number().nullable(),
    nonBudget: z.number().nullable(),
    ppp: z.number().nullable(),
    other: z.number().nullable(),
  }),
  weight: z.number(),
  milestones: z
    .array(z.object({ date: z.string(), progress: z.number() }))
    .describe('Points the expected-progress line passes through; none = straight from start to due date'),
  status: z.enum(TASK_STATUSES),
  progress: z.number(),
  reported: z.boolean().describe('False: no approved report yet ("chưa báo cáo")'),
  spent: z.number().nullable(),
  schedule: z.object({
    status: z.enum(['on_track', 'at_risk', 'late', 'overdue', 'done', 'not_applicable']),
    expected: z.number().nullable(),
    gap: z.number().nullable(),
  }),
  links: z.array(z.object({ type: z.enum(LINK_TYPES), key: z.string() })),
  isPublic: z.boolean(),
  isSample: z.boolean(),
  rowVersion: z.number().int().describe('Send it back with a change; a stale one gets 409'),
  updatedAt: z.string(),
});

const reportSchema = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  period: z.string(),
  progress: z.number(),
  narrative: z.string(),
  spend: z.number().nullable(),
  risks: z.string().nullable(),
  requestedDueDate: z.string().nullable(),
  dueDateReason: z.string().nullable(),
  dueDateAccepted: z.boolean().nullable(),
  state: z.enum(REPORT_STATES),
  reviewComment: z.string().nullable(),
  isSample: z.boolean(),
  rowVersion: z.number().int(),
});

type Extras = Awaited<ReturnType<typeof taskExtras>>;

export function publicTask(
  t: TaskRow & {
    coordinatingAgencyIds?: number[];
    communeIds?: string[];
    links?: { type: never; key: string }[];
  },
  extras: Extras | null,
  thresholds: { atRiskGap: number; lateGap: number },
  today: string,
) {
  return {
    id: t.id,
    programmeId: t.programmeId,
    parentId: t.parentId,
    code: t.code,
    title: t.title,
    description: t.description,
    leadAgencyId: t.leadAgencyId,
    coordinatingAgencyIds: t.coordinatingAgencyIds ?? extras?.coordinators.get(t.id) ?? [],
    wholeProvince: t.wholeProvince,
    communeIds: t.communeIds ?? extras?.communes.get(t.id) ?? [],
    startDate: t.startDate,
    dueDate: t.dueDate,
    product: t.product,
    budget: {
      central: t.budgetCentral,
      local: t.budgetLocal,
      oda: t.budgetOda,
      nonBudget: t.budgetNonBudget,
      ppp: t.budgetPpp,
      other: t.budgetOther,
    },
    weight: t.weight,
    milestones: t.milestones,
    status: t.status,
    progress: t.progress,
    reported: t.reportedAt !== null,
    spent: t.spent,
    schedule: scheduleStatus(t, today, thresholds),
    links: t.links ?? extras?.links.get(t.id) ?? [],
    isPublic: t.isPublic,
    isSample: t.isSample,
    rowVersion: t.rowVersion,
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function reportDepsOf(deps: AppDeps): ReportDeps {
  return {
    storage: filesystemStorage(path.join(deps.config.dataDir, 'files')),
    maxFileBytes: deps.config.uploadMaxMb * 1024 * 1024,
  };
}

/** Reads a multipart body (fields as text, files as buffers) into the report input. */
export async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(body)) {
    const values = Array.isArray(v) ? v : [v];
    for (const item of values) {
      if (Buffer.isBuffer(item)) {
        const names = (request as unknown as { fileNames?: Map<Buffer, string> }).fileNames;
        const fileName = names?.get(item) ?? 'file';
        if (item.length > 0) files.push({ fileName, bytes: item });
      } else if (typeof item === 'string') fields[k] = item;
    }
  }
  return { fields, files };
}

/** Registers @fastify/multipart for this module: fields and files come as key/values, file names kept aside. */
export async function registerMultipart(app: App, deps: AppDeps) {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: deps.config.uploadMaxMb * 1024 * 1024, files: 10, fields: 50 },
    async onFile(part) {
      const buf = await part.toBuffer();
      const req = this as unknown as FastifyRequest & { fileNames?: Map<Buffer, string> };
      req.fileNames ??= new Map();
      req.fileNames.set(buf, part.filename);
      (part as unknown as { value: Buffer }).value = buf;
    },
  });
}

export async function implementationApi(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const tags = ['implementation'];
  const thresholds = { atRiskGap: config.statusAtRiskGap, lateGap: config.statusLateGap };
  const reportDeps = reportDepsOf(deps);

  app.get(
    '/api/v1/programmes',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'List programmes of the implementation plan, each with its roll-up; sorted, paged with `cursor`',
        querystring: collectionQuery({
          sorts: PROGRAMME_SORTS,
          defaultSort: 'code',
          filters: {
            agency: z.coerce
              .number()
              .int()
              .positive()
              .optional()
              .describe('Lead agency id')
              .meta({ example: 3 }),
          },
        }),
        response: { 200: collectionResponse(programmeSchema.extend({ rollup: rollupSchema })) },
      },
    },
    async (request) => {
      const scope = await implScopeOf(db, request.user);
      const page = await pageProgrammes(db, scope, request.query);
      const items = [];
      for (const p of page.items)
        items.push({ ...p, rollup: (await programmeRollup(db, scope, p.id)).rollup });
      return { items, nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/programmes/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One programme with its roll-up (tasks the reader may see)',
        params: idParams,
        response: { 200: programmeSchema.extend({ rollup: rollupSchema }) },
      },
    },
    async (request) => {
      const scope = await implScopeOf(db, request.user);
      const p = await getProgramme(db, scope, request.params.id);
      return { ...p, rollup: (await programmeRollup(db, scope, p.id)).rollup };
    },
  );

  app.post(
    '/api/v1/programmes',
    {
      config: { access: ['admin', 'planner'] },
      schema: {
        tags,
        summary: 'Add a programme (planners)',
        body: createProgrammeBody,
        response: { 201: programmeSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createProgramme(db, actorOf(request), request.user!, request.body)),
  );

  app.get(
    '/api/v1/tasks',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'List tasks the reader may see (anonymous: public tasks). Filters: programme, agency (lead or coordinating), status, overdue, commune, q; sorted over the whole list; page with `cursor` = the previous `nextCursor`',
        querystring: taskListQuery,
        response: {
          200: collectionResponse(taskSchema, {
            total: z.number().int().describe('Tasks matching the filters'),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const scope = await implScopeOf(db, request.user);
      const today = todayIn();
      const { items, total, nextCursor } = await listTasks(db, scope, { ...request.query, today });
      const extras = await taskExtras(
        db,
        items.map((t) => t.id),
      );
      return {
        items: items.map((t) => publicTask(t, extras, thresholds, today)),
        nextCursor,
        total,
        page: request.query.page,
        pageSize: request.query.limit ?? request.query.pageSize ?? 50,
      };
    },
  );

  app.get(
    '/api/v1/tasks/summary',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Counts and average progress by status over the tasks the reader may see, with the same filters as the task list',
        querystring: taskListQuery.omit({
          sort: true,
          page: true,
          pageSize: true,
          limit: true,
          cursor: true,
        }),
        response: {
          200: z.object({
            byStatus: z.array(
              z.object({
                status: z.string(),
                count: z.number().int(),
                averageProgress: z.number().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      byStatus: await summariseTasks(db, await implScopeOf(db, request.user), {
        ...request.query,
        today: todayIn(),
      }),
    }),
  );

  app.post(
    '/api/v1/tasks',
    {
      config: { access: ['admin', 'planner', 'agency_editor'] },
      schema: {
        tags,
        summary: 'Add a task (agency editors: only with a lead agency in their own subtree)',
        body: createTaskBody,
        response: { 201: taskSchema },
      },
    },
    async (request, reply) => {
      const t = await createTask(db, actorOf(request), request.user!, request.body);
      return reply.code(201).send(publicTask(t as never, null, thresholds, todayIn()));
    },
  );

  app.get(
    '/api/v1/tasks/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "One task (another agency's private task: 403; anonymous: 404)",
        params: idParams,
        response: { 200: taskSchema },
      },
    },
    async (request) => {
      const t = await readableTask(db, await implScopeOf(db, request.user), request.params.id);
      return publicTask(t as never, null, thresholds, todayIn());
    },
  );

  app.patch(
    '/api/v1/tasks/:id',
    {
      config: { access: ['admin', 'planner', 'agency_editor'] },
      schema: {
        tags,
        summary:
          'Change a task: send the rowVersion you read; if someone changed it since, 409 and nothing is written',
        params: idParams,
        body: updateTaskBody,
        response: { 200: taskSchema },
      },
    },
    async (request) => {
      const t = await updateTask(db, actorOf(request), request.user!, request.params.id, request.body);
      return publicTask(t as never, null, thresholds, todayIn());
    },
  );

  await app.register(async (scoped) => {
    await registerMultipart(scoped as App, deps);
    (scoped as App).post(
      '/api/v1/tasks/:id/reports',
      {
        config: { access: ['admin', 'planner', 'agency_editor'] },
        schema: {
          tags,
          summary:
            'Report progress on a task for a period (JSON, or multipart/form-data with evidence files in `files`: PDF, images, office files). `submit=false` keeps a draft',
          params: idParams,
          response: { 201: reportSchema },
        },
      },
      async (request, reply) => {
        let raw: unknown = request.body;
        let files: UploadedFile[] = [];
        if ((request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
          const parsed = await readMultipart(request);
          raw = parsed.fields;
          files = parsed.files;
        }
        const input = reportBody.safeParse(raw ?? {});
        if (!input.success)
          throw invalid(
            input.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })),
          );
        const report = await createReport(
          db,
          reportDeps,
          actorOf(request),
          request.user!,
          request.params.id,
          input.data,
          files,
        );
        return reply.code(201).send(report);
      },
    );
  });

  await app.register(async (scoped) => {
    await registerMultipart(scoped as App, deps);
    (scoped as App).post(
      '/api/v1/programmes/:id/import',
      {
        config: { access: ['admin', 'planner', 'agency_editor'] },
        schema: {
          tags,
          summary:
            'Import tasks (kind=tasks: title, lead_agency, start_date, due_date, product, weight, public) or progress updates (kind=progress: task_id, progress) from one XLSX or CSV (UTF-8) file in `file`. All rows or none; errors by row and column',
          params: idParams,
          response: {
            200: z.object({ imported: z.number().int() }),
            // Also the shape of the generic 400 (bad parameters), which has no rows.
            400: z.object({
              error: z.object({
                code: z.string(),
                message: z.string(),
                fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
              }),
              rows: z
                .array(z.object({ row: z.number().int(), column: z.string(), message: z.string() }))
                .optional(),
            }),
          },
        },
      },
      async (request, reply) => {
        const { fields, files } = await readMultipart(request);
        const kind = fields.kind === 'progress' ? 'progress' : 'tasks';
        try {
          if (files.length !== 1) throw new ImportRefused('implementation.import.unreadable');
          const rows = await readTable(files[0]!.fileName, files[0]!.bytes);
          const imported = await importRows(
            db,
            actorOf(request),
            request.user!,
            kind,
            request.params.id,
            rows,
          );
          return { imported };
        } catch (err) {
          if (!(err instanceof ImportRefused)) throw err;
          return reply.code(400).send({
            error: { code: err.code, message: request.t(err.messageKey, err.params) },
            rows: err.errors.map((e) => ({
              ...e,
              message: request.t(`implementation.import.err.${e.message}`),
            })),
          });
        }
      },
    );
  });

  app.get(
    '/api/v1/reports/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'One progress report (readers of its task)',
        params: idParams,
        response: { 200: reportSchema },
      },
    },
    async (request) => {
      const report = await getReport(db, request.params.id);
      await readableTask(db, await implScopeOf(db, request.user), report.taskId);
      return report;
    },
  );

  app.post(
    '/api/v1/reports/:id/approve',
    {
      config: { access: ['admin', 'planner'] },
      schema: {
        tags,
        summary:
          'Approve a submitted report (send its rowVersion); the task takes its progress, spend and, if requested and acceptDueDate is not false, the new due date',
        params: idParams,
        body: reviewBody,
        response: { 200: reportSchema },
      },
    },
    async (request) => approveReport(db, actorOf(request), request.user!, request.params.id, request.body),
  );

  app.post(
    '/api/v1/reports/:id/return',
    {
      config: { access: ['admin', 'planner'] },
      schema: {
        tags,
        summary: 'Return a submitted report to its author with a comment; the task does not change',
        params: idParams,
        body: returnBody,
        response: { 200: reportSchema },
      },
    },
    async (request) => returnReport(db, actorOf(request), request.user!, request.params.id, request.body),
  );
}
