import { z } from 'zod';
import type { App, AppDeps } from '../../kernel/module.ts';
import { search } from './queries.ts';

export const searchQuery = z.object({
  q: z.string().max(200).default(''),
  type: z
    .string()
    .max(40)
    .regex(/^[a-z_]*$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export async function searchApi(app: App, { db }: AppDeps): Promise<void> {
  app.get(
    '/api/v1/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary:
          'Search sections, parks, urban areas, zones, news, documents… Diacritics-insensitive, tolerant of one wrong letter, ranked; ' +
          'titleHtml/snippetHtml are escaped HTML with <mark> around matches',
        querystring: searchQuery,
        response: {
          200: z.object({
            query: z.string(),
            total: z.number().int(),
            countsByType: z.record(z.string(), z.number().int()),
            hits: z.array(
              z.object({
                type: z.string(),
                key: z.string(),
                title: z.string(),
                titleEn: z.string().nullable(),
                url: z.string(),
                score: z.number(),
                titleHtml: z.string(),
                snippetHtml: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) =>
      search(db, request.query.q, { type: request.query.type || undefined, limit: request.query.limit }),
  );
}
