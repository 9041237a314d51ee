import { z } from 'zod';
import { collectionResponse } from '../../kernel/http/collection.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { getProject, listProjects, type ProjectRow, pageProjects, projectPlaces } from './queries.ts';
import { PROJECT_STAGES, VERIFICATION } from './schema.ts';
import { inquiryBody, projectListQuery, updateProjectBody } from './schemas.ts';
import { submitInquiry, updateProject } from './use-cases.ts';

const projectSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string().nullable(),
    sector: z.string().nullable(),
    locationText: z.array(z.string()).describe('Place as the sources name it'),
    adminUnitIds: z.array(z.string()),
    geometry: z.record(z.string(), z.unknown()).nullable(),
    scale: z.string().nullable(),
    totalInvestmentVnd: z.number().nullable(),
    investmentNote: z.string().nullable(),
    capitalBySource: z.record(z.string(), z.number()),
    capitalSourceNote: z.string().nullable(),
    investor: z.string().nullable(),
    periodStart: z.number().int().nullable(),
    periodEnd: z.number().int().nullable(),
    stage: z.enum(PROJECT_STAGES).nullable(),
    statusNote: z.string().nullable(),
    plannedProgress: z.number().nullable(),
    actualProgress: z.number().nullable(),
    plannedDisbursementVnd: z.number().nullable(),
    actualDisbursementVnd: z.number().nullable(),
    planProvision: z.string().nullable(),
    inDecision1029: z
      .enum(VERIFICATION)
      .describe(
        'Whether the project is in the Decision 1029/QĐ-TTg appendix; "unverified": press-reported only',
      ),
    openForInvestment: z.boolean(),
    responsibleAgencyId: z.number().int().nullable(),
    note: z.string().nullable(),
    sources: z.array(z.string()),
    isSample: z.boolean(),
    rowVersion: z.number().int().describe('Send it back with a PATCH; a stale one gets 409'),
  })
  .describe('A priority project, modelled after OC4IDS');

export function publicProject(p: ProjectRow) {
  return {
    ...p,
    inDecision1029: p.inDecision1029 as (typeof VERIFICATION)[number],
    capitalBySource: p.capitalBySource as Record<string, number>,
  };
}

export async function projectsApi(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const tags = ['projects'];
  app.get(
    '/api/v1/projects',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Priority projects (with their sources and verification flag); filtered, sorted over the whole list, paged with `cursor`',
        querystring: projectListQuery,
        response: { 200: collectionResponse(projectSchema) },
      },
    },
    async (request) => {
      const page = await pageProjects(db, request.query);
      return { items: page.items.map(publicProject), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/api/v1/projects/map',
    {
      config: { access: 'public' },
      schema: {
        tags: ['map'],
        summary:
          'Priority projects as a GeoJSON FeatureCollection: a project with its own geometry is drawn with it; one known only by ' +
          'its 2025 commune is a point at that commune (approximate=true); one known only by district is left out',
        response: {
          200: z.object({
            type: z.literal('FeatureCollection'),
            features: z.array(
              z.object({
                type: z.literal('Feature'),
                id: z.number().int(),
                geometry: z.record(z.string(), z.unknown()),
                properties: z.object({
                  name: z.string(),
                  nameEn: z.string().nullable(),
                  url: z.string(),
                  approximate: z.boolean(),
                  placeUnitId: z.string().nullable(),
                }),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const rows = await listProjects(db);
      const places = await projectPlaces(db, rows);
      const features = [];
      for (const p of rows) {
        const place = places.get(p.id);
        if (!place || place.kind === 'none') continue;
        features.push({
          type: 'Feature' as const,
          id: p.id,
          geometry: place.geometry as Record<string, unknown>,
          properties: {
            name: p.nameVi,
            nameEn: p.nameEn,
            url: `/du-an/${p.id}`,
            approximate: place.kind === 'commune',
            placeUnitId: place.kind === 'commune' ? place.unitId : null,
          },
        });
      }
      return { type: 'FeatureCollection' as const, features };
    },
  );
  app.get(
    '/api/v1/projects/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One priority project',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: projectSchema },
      },
    },
    async (request) => publicProject(await getProject(db, request.params.id)),
  );
  app.patch(
    '/api/v1/projects/:id',
    {
      config: { access: ['admin', 'planner', 'agency_editor'] },
      schema: {
        tags,
        summary:
          "Change a project's stage, physical progress and disbursement (planners; agency editors for their agency's projects). " +
          'Carries the rowVersion it read: a stale version gets 409 and nothing is written.',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: updateProjectBody,
        response: { 200: projectSchema },
      },
    },
    async (request) =>
      publicProject(
        await updateProject(db, actorOf(request), request.user!, request.params.id, request.body),
      ),
  );
  app.post(
    '/api/v1/projects/:id/inquiries',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Investor inquiry about a project open for investment (reaches the responsible agency)',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: inquiryBody,
        response: { 201: z.object({ id: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const row = await submitInquiry(db, actorOf(request), request.params.id, request.body);
      return reply.code(201).send({ id: row.id });
    },
  );
}
