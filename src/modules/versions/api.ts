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
import { compareQuery, comparisonSchema, newVersionBody, versionSummarySchema } from './schemas.ts';
import { compareVersions, createVersion } from './use-cases.ts';

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
}
