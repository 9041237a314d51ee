// JSON API of the agency register: anyone may read it; administrators (and
// agency editors, within their own agency's subtree) may change it.
import { z } from 'zod';
import { collectionResponse } from '../../kernel/http/collection.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { agencyAncestors, getAgency, listAgencies, pageAgencies, publicAgency } from './queries.ts';
import { AGENCY_KINDS } from './schema.ts';
import { agencyPageQuery, createAgencyBody, setAgencyActiveBody, updateAgencyBody } from './schemas.ts';
import { createAgency, setAgencyActive, updateAgency } from './use-cases.ts';

const agencySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  shortName: z.string().nullable(),
  kind: z.enum(AGENCY_KINDS),
  parentId: z.number().int().nullable(),
  adminUnitId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  isSample: z.boolean().describe('True for demonstration records the province has not confirmed'),
  sources: z.array(z.string()),
  rowVersion: z.number().int().describe('Send it back with a change; a stale one gets 409'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const agencyRef = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const writers = { access: ['admin', 'agency_editor'] as const };

export async function agenciesApi(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const tags = ['agencies'];

  app.get(
    '/api/v1/agencies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'List agencies (provincial bodies, departments, communes), sorted and paged with `cursor`; `view=tree` gives the whole hierarchy, parents first with depth',
        querystring: agencyPageQuery,
        response: {
          200: collectionResponse(agencySchema.extend({ depth: z.number().int(), matches: z.boolean() })),
        },
      },
    },
    async (request) => {
      const { q, kind, active, under, view } = request.query;
      const filter = { q, kind, under, active: active === undefined ? undefined : active === 'true' };
      if (view === 'tree') {
        const rows = await listAgencies(db, filter, view);
        return {
          items: rows.map((r) => ({ ...publicAgency(r.agency), depth: r.depth, matches: r.matches })),
          nextCursor: null,
        };
      }
      const page = await pageAgencies(db, { ...request.query, ...filter });
      return {
        items: page.items.map((r) => ({ ...publicAgency(r.agency), depth: r.depth, matches: true })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One agency, with the agencies above it (top-level first)',
        params: idParams,
        response: { 200: agencySchema.extend({ ancestors: z.array(agencyRef) }) },
      },
    },
    async (request) => {
      const agency = await getAgency(db, request.params.id);
      return { ...publicAgency(agency), ancestors: await agencyAncestors(db, agency) };
    },
  );

  app.post(
    '/api/v1/agencies',
    {
      config: writers,
      schema: {
        tags,
        summary: 'Add an agency (administrators; agency editors only under an agency in their own subtree)',
        body: createAgencyBody,
        response: { 201: agencySchema },
      },
    },
    async (request, reply) => {
      const created = await createAgency(db, actorOf(request), request.user!, request.body);
      return reply.code(201).send(publicAgency(created));
    },
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      config: writers,
      schema: {
        tags,
        summary:
          'Change an agency (send the rowVersion you read; a stale one gets 409). ' +
          'Agency editors may change only agencies in their own subtree.',
        params: idParams,
        body: updateAgencyBody,
        response: { 200: agencySchema },
      },
    },
    async (request) =>
      publicAgency(await updateAgency(db, actorOf(request), request.user!, request.params.id, request.body)),
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/api/v1/agencies/:id/${action}`,
      {
        config: writers,
        schema: {
          tags,
          summary:
            action === 'deactivate'
              ? 'Deactivate an agency (refused while active units are below it)'
              : 'Activate an agency again',
          params: idParams,
          body: setAgencyActiveBody,
          response: { 200: agencySchema },
        },
      },
      async (request) =>
        publicAgency(
          await setAgencyActive(
            db,
            actorOf(request),
            request.user!,
            request.params.id,
            active,
            request.body?.rowVersion,
          ),
        ),
    );
  }
}
