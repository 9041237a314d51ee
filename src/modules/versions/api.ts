// JSON API of plan versions: list a plan's versions, read one, compare two
// (public); start a new version (planners, administrators).
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import { notFound } from '../../kernel/http/errors.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { getPlan } from '../plan/queries.ts';
import { getVersion, pageVersions, rootPlanId, VERSION_SORTS, versionSummary } from './queries.ts';
import { VERSION_KINDS } from './schema.ts';
import {
  compareQuery,
  comparisonSchema,
  newVersionBody,
  versionSectionBody,
  versionSummarySchema,
  versionTargetBody,
} from './schemas.ts';
import { compareVersions, createVersion, editVersionSection, editVersionTarget } from './use-cases.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export async function versionsApi(app: App, { db }: AppDeps): Promise<void> {
  const tags = ['plan versions'];

  app.get(
    '/api/v1/plans/:id/versions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Versions of a plan (the approved original and each adjustment) with legal ground and decision; any record of the plan’s chain may be given',
        params: idParams,
        querystring: collectionQuery({
          sorts: VERSION_SORTS,
          defaultSort: 'number',
          filters: { kind: z.enum(VERSION_KINDS).optional().meta({ example: 'adjustment' }) },
        }),
        response: {
          200: collectionResponse(versionSummarySchema, {
            planId: z.number().int(),
            planNameVi: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const root = await rootPlanId(db, request.params.id);
      const plan = root === null ? null : await getPlan(db, root);
      if (!plan) throw notFound();
      const page = await pageVersions(db, plan.id, request.query);
      return {
        planId: plan.id,
        planNameVi: plan.nameVi,
        items: page.items.map(versionSummary),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/api/v1/plans/:id/versions',
    {
      config: { access: ['planner', 'admin'] },
      schema: {
        tags,
        summary: 'Start a new version of a plan: a draft copy of its latest version (audited)',
        params: idParams,
        body: newVersionBody,
        response: { 201: versionSummarySchema },
      },
    },
    async (request, reply) => {
      const row = await createVersion(db, actorOf(request), request.user, request.params.id, request.body);
      return reply.code(201).send(versionSummary(row));
    },
  );

  app.get(
    '/api/v1/plan-versions/compare',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Differences between two versions: targets changed, zones and items added/removed/resized, projects added/removed, sections changed (word diff)',
        querystring: compareQuery,
        response: { 200: comparisonSchema },
      },
    },
    async (request) => {
      const { from, to, comparison } = await compareVersions(db, request.query.from, request.query.to);
      return { from: versionSummary(from), to: versionSummary(to), ...comparison };
    },
  );

  app.get(
    '/api/v1/plan-versions/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One version with its snapshot (targets, items, projects, sections)',
        params: idParams,
        response: {
          200: versionSummarySchema.extend({ snapshot: z.record(z.string(), z.array(z.unknown())) }),
        },
      },
    },
    async (request) => {
      const v = await getVersion(db, request.params.id);
      if (!v) throw notFound();
      return { ...versionSummary(v), snapshot: v.snapshot };
    },
  );

  const entryParams = z.object({ id: z.coerce.number().int().positive(), key: z.string().min(1).max(300) });
  const draftOnly =
    'Only a draft version can be edited: an adopted or approved one is read-only (409). Send the rowVersion read; ' +
    'a stale one is refused with 409. Planners and administrators; audited.';

  app.put(
    '/api/v1/plan-versions/:id/targets/:key',
    {
      config: { access: ['planner', 'admin'] },
      schema: {
        tags,
        summary: `Change a target of a draft version (value or band, comparator, note). ${draftOnly}`,
        params: entryParams,
        body: versionTargetBody,
        response: { 200: versionSummarySchema },
      },
    },
    async (request) =>
      versionSummary(
        await editVersionTarget(
          db,
          actorOf(request),
          request.user,
          request.params.id,
          request.params.key,
          request.body,
        ),
      ),
  );

  app.put(
    '/api/v1/plan-versions/:id/sections/:key',
    {
      config: { access: ['planner', 'admin'] },
      schema: {
        tags,
        summary: `Change the title and text of a section of a draft version. ${draftOnly}`,
        params: entryParams,
        body: versionSectionBody,
        response: { 200: versionSummarySchema },
      },
    },
    async (request) =>
      versionSummary(
        await editVersionSection(
          db,
          actorOf(request),
          request.user,
          request.params.id,
          request.params.key,
          request.body,
        ),
      ),
  );
}
