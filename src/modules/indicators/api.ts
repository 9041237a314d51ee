// JSON API of the indicators: public reading (with each target's status and the numbers
// behind it), observation entry for authorised users, spreadsheet export.
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { weightCodeOf } from './additive.ts';
import {
  DRAFT_SORTS,
  type IndicatorSummary,
  type IndicatorView,
  indicatorByCode,
  loadIndicatorView,
  loadIndicatorViews,
  OBSERVATION_SORTS,
  pageDrafts,
  pageIndicatorSummaries,
  pageObservations,
} from './queries.ts';
import { INDICATOR_CATEGORIES, OBSERVATION_STATUSES } from './schema.ts';
import {
  INT4_MAX,
  indicatorBody,
  indicatorPageQuery,
  observationBody,
  reviewBody,
  targetBody,
} from './schemas.ts';
import { indicatorsTable, observationsTable, tablesToXlsx, tableToCsv, XLSX_TYPE } from './spreadsheet.ts';
import { DIRECTIONS, INDICATOR_KINDS, TARGET_STATUSES } from './status.ts';
import { thresholdsOf } from './thresholds.ts';
import {
  deleteTarget,
  recordObservation,
  reviewObservation,
  saveTarget,
  updateIndicator,
} from './use-cases.ts';

const point = z.object({ year: z.number().int(), value: z.number() });
const statusResult = z
  .object({
    status: z.enum(TARGET_STATUSES),
    reason: z
      .string()
      .describe(
        'Why: target_met, pace_ratio, mean_ratio, prorata_ratio, single_observation, no_observations…',
      ),
    method: z.enum(['cagr', 'linear', 'mean_growth', 'cumulative', 'none']),
    goal: z.number().nullable(),
    base: point.nullable(),
    latest: point.nullable(),
    achievedRate: z
      .number()
      .nullable()
      .describe('Pace so far: a fraction per year for cagr, % for mean_growth, units/year otherwise'),
    requiredRate: z.number().nullable(),
    ratio: z.number().nullable(),
    requiredRateNow: z
      .number()
      .nullable()
      .describe('Pace needed from the latest value to meet the target in its year'),
    projection: point.nullable().describe('Value in the target year if the observed trend continues'),
    yearsObserved: z.array(z.number().int()),
    yearsMissing: z.array(z.number().int()),
    thresholds: z.object({ onTrack: z.number(), needsAcceleration: z.number() }),
  })
  .describe('How the status was computed (see docs/monitoring-method.md)');

const target = z.object({
  year: z.number().int(),
  periodStart: z.number().int().nullable(),
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  comparator: z.string(),
  note: z.string().nullable(),
  sources: z.array(z.string()),
  result: statusResult,
});

const observation = z.object({
  id: z.number().int(),
  year: z.number().int(),
  quarter: z.number().int().describe('0 = the whole year'),
  adminUnitId: z.string(),
  value: z.number(),
  status: z.enum(OBSERVATION_STATUSES),
  note: z.string().nullable(),
  sources: z.array(z.string()),
  isSample: z.boolean(),
  rowVersion: z.number().int(),
});

const summary = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  category: z.enum(INDICATOR_CATEGORIES),
  direction: z.enum(DIRECTIONS),
  kind: z.enum(INDICATOR_KINDS),
  plan: z.object({ code: z.string(), nameVi: z.string() }),
  responsibleAgency: z.object({ id: z.number().int(), nameVi: z.string() }).nullable(),
  status: z.enum(TARGET_STATUSES).describe('Status of the headline target (the latest one)'),
  latest: point.nullable(),
  isSample: z.boolean(),
  sources: z.array(z.string()),
});

const detail = summary.extend({
  baseline: z.object({
    year: z.number().int().nullable(),
    value: z.number().nullable(),
    note: z.string().nullable(),
  }),
  adminUnitId: z.string(),
  additive: z
    .boolean()
    .describe('values by place add up (summed when rolled up); if not, a weighted mean or no roll-up'),
  weightIndicator: z.string().nullable().describe('code of the additive indicator weighing the mean'),
  scopeNote: z.string().nullable(),
  notes: z.string().nullable(),
  dataSource: z.string().nullable(),
  targets: z.array(target),
  observations: z.array(observation),
});

function summaryOf(v: IndicatorSummary): z.infer<typeof summary> {
  const i = v.indicator;
  return {
    code: i.code,
    nameVi: i.nameVi,
    nameEn: i.nameEn,
    unit: i.unit,
    category: i.category,
    direction: i.direction,
    kind: i.kind,
    plan: { code: v.plan.code, nameVi: v.plan.nameVi },
    responsibleAgency: v.agency ? { id: v.agency.id, nameVi: v.agency.nameVi } : null,
    status: v.status,
    latest: v.series.at(-1) ?? null,
    isSample: i.isSample,
    sources: i.sources,
  };
}

export function detailOf(v: IndicatorView, weightIndicator: string | null): z.infer<typeof detail> {
  const i = v.indicator;
  return {
    ...summaryOf(v),
    baseline: { year: i.baselineYear, value: i.baselineValue, note: i.baselineNote },
    adminUnitId: i.adminUnitId,
    additive: i.additive,
    weightIndicator,
    scopeNote: i.scopeNote,
    notes: i.notes,
    dataSource: i.dataSource,
    targets: v.targets.map((t) => ({
      year: t.year,
      periodStart: t.periodStart,
      value: t.value,
      min: t.minValue,
      max: t.maxValue,
      comparator: t.comparator,
      note: t.note,
      sources: t.sources,
      result: t.result,
    })),
    observations: v.observations.map((o) => ({
      id: o.id,
      year: o.year,
      quarter: o.quarter,
      adminUnitId: o.adminUnitId,
      value: o.value,
      status: o.status,
      note: o.note,
      sources: o.sources,
      isSample: o.isSample,
      rowVersion: o.rowVersion,
    })),
  };
}

const codeParams = z.object({ code: z.string().min(1).max(100) });
const id = z.coerce.number().int().positive().max(INT4_MAX);
const PLANNERS = { access: ['admin', 'planner'] as const };
const STAFF = new Set(['admin', 'planner', 'leader', 'agency_editor', 'agency_viewer']);

export async function indicatorsApi(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const tags = ['indicators'];
  const thresholds = thresholdsOf(config);

  app.get(
    '/api/v1/indicators',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'List indicators with the status of their headline target (filters: category, plan version, status, q); sorted, paged with `cursor`',
        querystring: indicatorPageQuery,
        response: { 200: collectionResponse(summary) },
      },
    },
    async (request) => {
      const page = await pageIndicatorSummaries(db, request.query, { thresholds });
      return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/indicators/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'One indicator: targets, observations, and for each target its status with the numbers used and the projection. ' +
          'Staff also see draft observations (not used for the status).',
        params: codeParams,
        response: { 200: detail },
      },
    },
    async (request) => {
      const view = await loadIndicatorView(db, request.params.code, {
        thresholds,
        includeDrafts: Boolean(request.user && STAFF.has(request.user.role)),
      });
      return detailOf(view, await weightCodeOf(db, view.indicator));
    },
  );

  app.get(
    '/api/v1/indicators/:code/observations',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'The observations of one indicator, oldest period first; filtered by unit, years and quarter, paged with `cursor`. ' +
          'Staff also see drafts (not used for the status).',
        params: codeParams,
        querystring: collectionQuery({
          sorts: OBSERVATION_SORTS,
          defaultSort: 'period',
          filters: {
            unit: z.string().max(50).optional().describe('Administrative unit id').meta({ example: '19' }),
            from: z.coerce
              .number()
              .int()
              .min(1900)
              .max(2200)
              .optional()
              .describe('From this year')
              .meta({ example: 2021 }),
            to: z.coerce
              .number()
              .int()
              .min(1900)
              .max(2200)
              .optional()
              .describe('Up to this year')
              .meta({ example: 2030 }),
            quarter: z.coerce
              .number()
              .int()
              .min(0)
              .max(4)
              .optional()
              .describe('0 = whole-year figures')
              .meta({ example: 0 }),
          },
        }),
        response: { 200: collectionResponse(observation) },
      },
    },
    async (request) => {
      const indicator = await indicatorByCode(db, request.params.code);
      const page = await pageObservations(db, indicator.id, {
        ...request.query,
        includeDrafts: Boolean(request.user && STAFF.has(request.user.role)),
      });
      return {
        items: page.items.map((o) => ({
          id: o.id,
          year: o.year,
          quarter: o.quarter,
          adminUnitId: o.adminUnitId,
          value: o.value,
          status: o.status,
          note: o.note,
          sources: o.sources,
          isSample: o.isSample,
          rowVersion: o.rowVersion,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/api/v1/indicators/:code/observations',
    {
      config: { access: ['admin', 'planner', 'agency_editor'] },
      schema: {
        tags,
        summary:
          'Record an observation (planners, administrators, or an agency editor of the responsible agency; ' +
          "an agency editor's value stays a draft until a planner approves it). The same year, quarter and unit " +
          'replaces the value; send rowVersion to guard against a concurrent change (stale → 409).',
        params: codeParams,
        body: observationBody,
        response: { 201: observation },
      },
    },
    async (request, reply) => {
      const saved = await recordObservation(
        db,
        actorOf(request),
        request.user!,
        request.params.code,
        request.body,
      );
      return reply.code(201).send({ ...saved });
    },
  );

  app.get(
    '/api/v1/indicators/export',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'All indicators and their approved observations: XLSX (two sheets) or CSV (UTF-8 with BOM)',
        querystring: z.object({
          format: z.enum(['xlsx', 'csv']).default('xlsx'),
          table: z.enum(['indicators', 'observations']).default('observations'),
        }),
      },
    },
    async (request, reply) => {
      const views = await loadIndicatorViews(db, {}, { thresholds });
      if (request.query.format === 'csv') {
        const table =
          request.query.table === 'indicators' ? indicatorsTable(views) : observationsTable(views);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="chi-tieu-${table.name}.csv"`)
          .send(tableToCsv(table));
      }
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="chi-tieu.xlsx"')
        .send(await tablesToXlsx([indicatorsTable(views), observationsTable(views)]));
    },
  );

  // ---- planners: edit indicators and targets, review drafts ----

  app.put(
    '/api/v1/indicators/:code',
    {
      config: PLANNERS,
      schema: {
        tags,
        summary:
          "Change an indicator's description, baseline, responsible agency and sources (planners, administrators). " +
          'Send the rowVersion read; a stale one is refused with 409.',
        params: codeParams,
        body: indicatorBody,
        response: { 200: detail },
      },
    },
    async (request) => {
      await updateIndicator(db, actorOf(request), request.user!, request.params.code, request.body);
      const view = await loadIndicatorView(db, request.params.code, { thresholds, includeDrafts: true });
      return detailOf(view, await weightCodeOf(db, view.indicator));
    },
  );

  app.post(
    '/api/v1/indicators/:code/targets',
    {
      config: PLANNERS,
      schema: {
        tags,
        summary: 'Add a target to an indicator (planners, administrators)',
        params: codeParams,
        body: targetBody,
        response: { 201: z.object({ id: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const saved = await saveTarget(db, actorOf(request), request.user!, request.params.code, request.body);
      return reply.code(201).send({ id: saved.id });
    },
  );

  app.put(
    '/api/v1/indicators/:code/targets/:id',
    {
      config: PLANNERS,
      schema: {
        tags,
        summary: "Change one of an indicator's targets (planners, administrators)",
        params: codeParams.extend({ id }),
        body: targetBody,
        response: { 200: z.object({ id: z.number().int() }) },
      },
    },
    async (request) => {
      const { code, id: targetId } = request.params;
      const saved = await saveTarget(db, actorOf(request), request.user!, code, request.body, targetId);
      return { id: saved.id };
    },
  );

  app.delete(
    '/api/v1/indicators/:code/targets/:id',
    {
      config: PLANNERS,
      schema: {
        tags,
        summary: 'Delete a target (planners, administrators)',
        params: codeParams.extend({ id }),
        // Documented: without it the document promised a 200 the route never sends.
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteTarget(db, actorOf(request), request.user!, request.params.code, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/indicator-drafts',
    {
      config: PLANNERS,
      schema: {
        tags,
        summary:
          'Draft observations waiting for review, oldest first (planners, administrators); paged with `cursor`',
        querystring: collectionQuery({
          sorts: DRAFT_SORTS,
          defaultSort: 'created',
          filters: {
            indicator: z
              .string()
              .max(100)
              .optional()
              .describe('Indicator code')
              .meta({ example: 'grdp-growth' }),
          },
        }),
        response: {
          200: collectionResponse(
            observation.extend({ indicatorCode: z.string(), enteredBy: z.string().nullable() }),
          ),
        },
      },
    },
    async (request) => {
      const page = await pageDrafts(db, request.query);
      return {
        items: page.items.map((d) => ({
          ...d.observation,
          indicatorCode: d.indicator.code,
          enteredBy: d.enteredBy,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  for (const decision of ['approve', 'reject'] as const)
    app.post(
      `/api/v1/indicator-drafts/:id/${decision}`,
      {
        config: PLANNERS,
        schema: {
          tags,
          summary:
            decision === 'approve'
              ? 'Approve a draft observation: it then counts in the status. Send the rowVersion read (stale → 409).'
              : 'Reject a draft observation: it is removed, the audit log keeps it and the reason, and whoever entered it is told.',
          params: z.object({ id }),
          body: reviewBody,
        },
      },
      async (request, reply) => {
        const saved = await reviewObservation(
          db,
          actorOf(request),
          request.user!,
          request.params.id,
          decision,
          request.body,
        );
        return saved ? reply.send({ ...saved }) : reply.code(204).send();
      },
    );
}
