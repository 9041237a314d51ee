// Input of the indicators module, shared by the JSON API, the entry form and the spreadsheet import.
import { z } from 'zod';
import { INDICATOR_CATEGORIES, OBSERVATION_STATUSES } from './schema.ts';
import { TARGET_STATUSES } from './status.ts';

function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** Accepts 1.234,5 and 1.370.000 (Vietnamese) as well as 1234.5. */
export function parseNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const s = value.trim().replace(/\s/g, '');
  if (s === '') return undefined;
  // A comma means Vietnamese writing (1.234,5); several dots are thousands (1.370.000); one dot is a decimal point.
  const normalised = s.includes(',')
    ? s.replace(/\./g, '').replace(',', '.')
    : (s.match(/\./g) ?? []).length > 1
      ? s.replace(/\./g, '')
      : s;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : value;
}

const int = (min: number, max: number, key: string) =>
  z.preprocess(parseNumber, z.number(key).int(key).min(min, key).max(max, key));

export const observationBody = z.object({
  year: int(1900, 2100, 'indicators.error.year'),
  quarter: z.preprocess(blankToUndefined, int(0, 4, 'indicators.error.quarter').optional()),
  adminUnitId: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  value: z.preprocess(parseNumber, z.number('indicators.error.value').finite('indicators.error.value')),
  status: z.preprocess(blankToUndefined, z.enum(OBSERVATION_STATUSES, 'indicators.error.status').optional()),
  note: z.preprocess(blankToUndefined, z.string().trim().max(2000).optional()),
  sources: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : v),
    z.array(z.url('indicators.error.source')).max(20).optional(),
  ),
  rowVersion: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
});
export type ObservationInput = z.infer<typeof observationBody>;

export const indicatorListQuery = z.object({
  category: z.preprocess(blankToUndefined, z.enum(INDICATOR_CATEGORIES).optional()),
  plan: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  status: z.preprocess(blankToUndefined, z.enum(TARGET_STATUSES).optional()),
  q: z.preprocess(blankToUndefined, z.string().max(200).optional()),
});
