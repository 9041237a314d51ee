// GET /api/v1/indicators/{code}/by-place: an indicator's figures by place, in the
// 2025 units or the pre-2025 ones, with where each figure came from (by-place.ts).
import { z } from 'zod';
import type { App, AppDeps } from '../../kernel/module.ts';
import { indicatorByPlace, PLACE_VINTAGES } from './by-place.ts';
import { indicatorByCode } from './queries.ts';

const query = z.object({
  units: z.enum(PLACE_VINTAGES).default('new').describe('new: the 2025 communes; old: pre-2025 units'),
  year: z.coerce.number().int().min(1900).max(2100).optional().describe('default: the latest year'),
});

const row = z.object({
  unitId: z.string(),
  name: z.string(),
  level: z.string(),
  value: z.number().nullable(),
  refused: z
    .enum(['no_weight', 'crosses', 'incomplete'])
    .nullable()
    .describe(
      'why there is no value: no_weight (not additive, no weight), crosses (a 2025 unit lies across old districts), incomplete',
    ),
  direct: z.boolean().describe('recorded under this unit itself'),
  isSample: z.boolean(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  from: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      ratio: z.number(),
      recorded: z.number(),
      weight: z.number().nullable(),
    }),
  ),
});

export async function indicatorByPlaceApi(app: App, { db }: AppDeps): Promise<void> {
  app.get(
    '/api/v1/indicators/:code/by-place',
    {
      config: { access: 'public' },
      schema: {
        tags: ['indicators'],
        summary:
          "An indicator's approved figures by place for one year, in the 2025 units or the pre-2025 ones. Figures recorded " +
          'under the other vintage are rolled up through the lineage: summed when the indicator is additive, a weighted mean ' +
          'when it is not and has a weighting indicator, refused otherwise (docs/reorganisation.md)',
        params: z.object({ code: z.string().min(1).max(100) }),
        querystring: query,
        response: {
          200: z.object({
            code: z.string(),
            units: z.enum(PLACE_VINTAGES),
            year: z.number().int().nullable(),
            years: z.array(z.number().int()),
            additive: z.boolean(),
            weight: z
              .object({ code: z.string(), nameVi: z.string(), nameEn: z.string().nullable() })
              .nullable(),
            rule: z.enum(['equal', 'unassigned']),
            rows: z.array(row),
            unassigned: z.array(z.object({ unitId: z.string(), name: z.string(), value: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      const indicator = await indicatorByCode(db, request.params.code);
      const { units, year } = request.query;
      const r = await indicatorByPlace(db, indicator, { vintage: units, year });
      const { vintage: _v, ...rest } = r;
      return { code: indicator.code, units, ...rest };
    },
  );
}
