// JSON API of the plan: plans, their contents tree, typed items, and items as
// GeoJSON. Anyone may read published contents; planners change them.
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import { notFound } from '../../kernel/http/errors.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { itemPath, plainName, sectionPagePath } from './paths.ts';
import { listPublicationEvents, publicationDelay } from './publication.ts';
import {
  getPlan,
  ITEM_SORTS,
  listItems,
  PLAN_SORTS,
  type PlanItem,
  pageItems,
  pagePlans,
  type SectionNode,
  sectionTree,
} from './queries.ts';
import { ITEM_KINDS } from './schema.ts';
import { sectionBody, updateSectionBody } from './schemas.ts';
import { createSection, setSectionStatus, updateSection } from './use-cases.ts';

const planSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  provinceCode: z.string(),
  periodStart: z.number().int(),
  periodEnd: z.number().int(),
  visionYear: z.number().int().nullable(),
  status: z.string(),
  versionNumber: z.number().int(),
  previousVersionId: z.number().int().nullable(),
  decisionType: z.string().nullable(),
  decisionNumber: z.string().nullable().describe('null when not known (never invented)'),
  decisionDate: z.string().nullable(),
  decisionIssuerVi: z.string().nullable(),
  summaryVi: z.string().nullable(),
  summaryEn: z.string().nullable(),
  sources: z.array(z.string()),
});

type SectionOut = {
  id: number;
  kind: string;
  slug: string;
  url: string;
  titleVi: string;
  titleEn: string | null;
  bodyVi: string;
  status: string;
  rowVersion: number;
  sources: string[];
  itemIds: number[];
  children: SectionOut[];
};
const sectionSchema: z.ZodType<SectionOut> = z.lazy(() =>
  z.object({
    id: z.number().int(),
    kind: z.string(),
    slug: z.string(),
    url: z.string(),
    titleVi: z.string(),
    titleEn: z.string().nullable(),
    bodyVi: z.string().describe('Markdown'),
    status: z.string(),
    rowVersion: z.number().int(),
    sources: z.array(z.string()),
    itemIds: z.array(z.number().int()),
    children: z.array(sectionSchema),
  }),
);
// Named, so the OpenAPI document carries the recursive schema as a component its references resolve to.
z.globalRegistry.add(sectionSchema, { id: 'PlanSection' });

const sectionOut = (n: SectionNode): SectionOut => ({
  id: n.id,
  kind: n.kind,
  slug: n.slug,
  url: sectionPagePath(n.slug),
  titleVi: n.titleVi,
  titleEn: n.titleEn,
  bodyVi: n.bodyVi,
  status: n.status,
  rowVersion: n.rowVersion,
  sources: n.sources,
  itemIds: n.itemIds,
  children: n.children.map(sectionOut),
});

const itemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(ITEM_KINDS),
  code: z.string(),
  url: z.string(),
  nameVi: z.string(),
  plainNameVi: z.string(),
  nameEn: z.string().nullable(),
  subtype: z.string().nullable(),
  summaryVi: z.string().nullable(),
  areaHa: z.number().nullable(),
  urbanClass: z.string().nullable(),
  targetYear: z.number().int().nullable(),
  statusVi: z.string().nullable(),
  locationVi: z.array(z.string()),
  adminUnitIds: z.array(z.string()),
  placeNote: z
    .string()
    .nullable()
    .describe('Where the point comes from, e.g. district:district-172 (approximate)'),
  isPlaceholder: z.boolean(),
  sources: z.array(z.string()),
});

export const itemOut = (i: PlanItem) => ({
  id: i.id,
  kind: i.kind,
  code: i.code,
  url: itemPath(i.kind, i.slug),
  nameVi: i.nameVi,
  plainNameVi: plainName(i.nameVi),
  nameEn: i.nameEn,
  subtype: i.subtype,
  summaryVi: i.summaryVi,
  areaHa: i.areaHa === null ? null : Number(i.areaHa),
  urbanClass: i.urbanClass,
  targetYear: i.targetYear,
  statusVi: i.statusVi,
  locationVi: i.locationVi,
  adminUnitIds: i.adminUnitIds,
  placeNote: i.placeNote,
  isPlaceholder: i.isPlaceholder,
  sources: i.sources,
});

const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]),
      geometry: z.object({ type: z.string(), coordinates: z.unknown() }),
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
});

export { featureCollection };

const idParams = z.object({ id: z.coerce.number().int().positive() });

export async function planApi(app: App, { db }: AppDeps): Promise<void> {
  const tags = ['plan'];
  app.get(
    '/api/v1/plans',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The plan versions, most recently decided first; paged with `cursor`',
        querystring: collectionQuery({
          sorts: PLAN_SORTS,
          defaultSort: '-decision',
          filters: {
            province: z
              .string()
              .regex(/^\d{2}$/)
              .optional()
              .describe('Official 2-digit province code')
              .meta({ example: '19' }),
          },
        }),
        response: { 200: collectionResponse(planSchema) },
      },
    },
    async (request) => pagePlans(db, request.query),
  );

  app.get(
    '/api/v1/plans/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'One plan with its published sections tree and publication events (late = more than 15 days)',
        params: idParams,
        response: {
          200: planSchema.extend({
            sections: z.array(sectionSchema),
            publicationEvents: z.array(
              z.object({
                approvalDate: z.string().nullable(),
                publicationDate: z.string().nullable(),
                channels: z.array(z.string()),
                daysAfterApproval: z.number().int().nullable(),
                late: z.boolean().nullable(),
                sources: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const plan = await getPlan(db, request.params.id);
      if (!plan) throw notFound();
      const includeDrafts = request.user?.role === 'planner' || request.user?.role === 'admin';
      const events = await listPublicationEvents(db, plan.id);
      return {
        ...plan,
        sections: (await sectionTree(db, plan.id, { includeDrafts })).map(sectionOut),
        publicationEvents: events.map((e) => {
          const d = publicationDelay(e.approvalDate, e.publicationDate);
          return {
            approvalDate: e.approvalDate,
            publicationDate: e.publicationDate,
            channels: e.channels,
            daysAfterApproval: d?.days ?? null,
            late: d?.late ?? null,
            sources: e.sources,
          };
        }),
      };
    },
  );

  app.get(
    '/api/v1/plans/:id/items',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          "Typed items of a plan (industrial parks, urban areas, zones…), in the plan's order; filtered, sorted, paged with `cursor`",
        params: idParams,
        querystring: collectionQuery({
          sorts: ITEM_SORTS,
          defaultSort: 'position',
          filters: {
            kind: z.enum(ITEM_KINDS).optional().meta({ example: 'industrial_park' }),
            urbanClass: z
              .string()
              .max(20)
              .optional()
              .describe('Urban class (đô thị loại)')
              .meta({ example: 'I' }),
            subtype: z.string().max(100).optional(),
          },
        }),
        response: { 200: collectionResponse(itemSchema) },
      },
    },
    async (request) => {
      const page = await pageItems(db, request.params.id, request.query);
      return { items: page.items.map(itemOut), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/zones',
    {
      config: { access: 'public' },
      schema: {
        tags: ['map'],
        summary:
          'Plan items that have a place, as a GeoJSON FeatureCollection of points (type = item kind). ' +
          'Points placed by district are approximate (see placeNote); no shape is invented.',
        querystring: z.object({
          type: z.enum(ITEM_KINDS).optional(),
          plan: z.coerce.number().int().optional(),
        }),
        response: { 200: featureCollection },
      },
    },
    async (request) => {
      const { contentsPlan } = await import('./queries.ts');
      const plan = request.query.plan ? await getPlan(db, request.query.plan) : await contentsPlan(db);
      if (!plan) return { type: 'FeatureCollection' as const, features: [] };
      const items = await listItems(db, plan.id, { kind: request.query.type });
      return {
        type: 'FeatureCollection' as const,
        features: items
          .filter((i) => i.geometry)
          .map((i) => ({
            type: 'Feature' as const,
            id: i.id,
            geometry: i.geometry!,
            properties: {
              kind: i.kind,
              name: plainName(i.nameVi),
              url: itemPath(i.kind, i.slug),
              areaHa: i.areaHa === null ? null : Number(i.areaHa),
              urbanClass: i.urbanClass,
              placeNote: i.placeNote,
            },
          })),
      };
    },
  );

  const planners = { access: ['planner', 'admin'] as const };
  app.post(
    '/api/v1/plans/:id/sections',
    {
      config: planners,
      schema: {
        tags,
        summary: 'Add a section (as a draft)',
        params: idParams,
        body: sectionBody,
        response: { 201: sectionSchema },
      },
    },
    async (request, reply) => {
      const s = await createSection(db, actorOf(request), request.user, request.params.id, request.body);
      return reply.code(201).send(sectionOut({ ...s, children: [], itemIds: [] }));
    },
  );
  app.patch(
    '/api/v1/sections/:id',
    {
      config: planners,
      schema: {
        tags,
        summary: 'Change a section (send the rowVersion you read; stale → 409)',
        params: idParams,
        body: updateSectionBody,
        response: { 200: sectionSchema },
      },
    },
    async (request) => {
      const s = await updateSection(db, actorOf(request), request.user, request.params.id, request.body);
      return sectionOut({ ...s, children: [], itemIds: [] });
    },
  );
  for (const [action, status] of [
    ['publish', 'published'],
    ['unpublish', 'draft'],
  ] as const) {
    app.post(
      `/api/v1/sections/:id/${action}`,
      {
        config: planners,
        schema: {
          tags,
          summary: `${action === 'publish' ? 'Publish' : 'Unpublish'} a section`,
          params: idParams,
          response: { 200: sectionSchema },
        },
      },
      async (request) => {
        const s = await setSectionStatus(db, actorOf(request), request.user, request.params.id, status);
        return sectionOut({ ...s, children: [], itemIds: [] });
      },
    );
  }
}
