// The leadership dashboard: GET /dashboard (page), GET /api/v1/dashboard (figures),
// GET /dashboard/export/:section.xlsx (each section's tables).
import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { versionedMemo } from '../../kernel/db/versioned-memo.ts';
import { type SerializedJson, sendSerializedJson, serializeJson } from '../../kernel/http/caching.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { dataVersion } from '../audit/queries.ts';
import { tablesToXlsx, XLSX_TYPE } from '../indicators/spreadsheet.ts';
import { todayIn } from '../notifications/daily-job.ts';
import { DashboardPage } from './pages.tsx';
import {
  DASHBOARD_LIST_ROWS,
  type DashboardFilters,
  type DashboardSection,
  dashboardSections,
  sharedLoads,
} from './registry.ts';

const VIEWERS = { access: ['leader', 'planner', 'admin'] as const };

export const dashboardQuery = z.object({
  category: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(50).optional()),
  agencyId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
  measure: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional()),
  commune: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional()),
  units: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['new', 'old']).optional().describe('views by place: new (2025) or old (pre-2025) units'),
  ),
});

function filtersOf(query: unknown): DashboardFilters {
  const parsed = dashboardQuery.safeParse(query ?? {});
  return parsed.success ? parsed.data : {};
}

type Loaded = { section: DashboardSection; data: unknown }[];

export async function dashboardRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  // The figures are the same for every leader until the data or the day changes: they are
  // kept per data version (the newest audit id), day, language and filters. RESPONSE_CACHE_MB=0
  // turns this off with the other answer caches.
  const entries = config.responseCacheMb > 0 ? 64 : 0;
  const figures = versionedMemo<Loaded>(entries);
  const answers = versionedMemo<SerializedJson>(entries);
  const memoKey = async (request: FastifyRequest, filters: DashboardFilters) =>
    [await dataVersion(db), todayIn(), request.locale, JSON.stringify(filters)].join('|');
  const loadAll = (request: FastifyRequest, filters: DashboardFilters, key: string): Promise<Loaded> =>
    figures(key, () => {
      const shared = sharedLoads();
      const listLimit = DASHBOARD_LIST_ROWS;
      return Promise.all(
        dashboardSections().map(async (section) => ({
          section,
          data: await section.load({ db, config, filters, t: request.t, shared, listLimit }),
        })),
      );
    });

  app.get('/dashboard', { config: VIEWERS, schema: { hide: true } }, async (request, reply) => {
    const filters = filtersOf(request.query);
    const loaded = await loadAll(request, filters, await memoKey(request, filters));
    return sendPage(reply, h(DashboardPage, { ctx: pageContext(request, reply), filters, loaded }));
  });

  app.get(
    '/api/v1/dashboard',
    {
      config: VIEWERS,
      schema: {
        tags: ['dashboard'],
        summary:
          "The leadership dashboard's figures: one entry per section (contributed by the modules), each with its tables. " +
          'Filters drill down by category, responsible agency, the measure shown by commune, and one commune; ' +
          '`units` shows the measure by the 2025 communes (new, default) or the pre-2025 units (old).',
        querystring: dashboardQuery,
        response: {
          200: z.object({
            filters: z.object({
              category: z.string().optional(),
              agencyId: z.number().optional(),
              measure: z.string().optional(),
              commune: z.string().optional(),
              units: z.enum(['new', 'old']).optional(),
            }),
            sections: z.array(
              z.object({
                key: z.string(),
                title: z.string(),
                data: z.unknown(),
                tables: z.array(
                  z.object({
                    key: z.string(),
                    title: z.string(),
                    headers: z.array(z.string()),
                    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const filters = request.query;
      const key = await memoKey(request, filters);
      // The answer is kept serialized with its ETag: at national scale it is about a megabyte,
      // and turning the figures into JSON again for every leader cost more than computing them once.
      const answer = await answers(key, async () => {
        const loaded = await loadAll(request, filters, key);
        return serializeJson({
          filters,
          sections: loaded.map(({ section, data }) => ({
            key: section.key,
            title: request.t(section.titleKey),
            data,
            tables: section.tables(data, request.t),
          })),
        });
      });
      return sendSerializedJson(request, reply, answer);
    },
  );

  app.get(
    '/dashboard/export/:section',
    {
      config: VIEWERS,
      schema: { hide: true, params: z.object({ section: z.string().regex(/^[a-z_]+\.xlsx$/) }) },
    },
    async (request, reply) => {
      const key = request.params.section.replace(/\.xlsx$/, '');
      const section = dashboardSections().find((s) => s.key === key);
      if (!section) throw notFound();
      const filters = filtersOf(request.query);
      const data = await section.load({
        db,
        config,
        filters,
        t: request.t,
        shared: sharedLoads(),
        listLimit: null,
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="bang-dieu-khien-${key}.xlsx"`)
        .send(
          await tablesToXlsx(
            section.tables(data, request.t).map((t) => ({ name: t.title, headers: t.headers, rows: t.rows })),
          ),
        );
    },
  );
}
