// Input of the indicators module, shared by the JSON API, the entry form and the spreadsheet import.
import { z } from 'zod';
import { collectionQuery } from '../../kernel/http/collection.ts';
import { INDICATOR_SORTS } from './queries.ts';
import { INDICATOR_CATEGORIES, OBSERVATION_STATUSES } from './schema.ts';
import { COMPARATORS, DIRECTIONS, INDICATOR_KINDS, TARGET_STATUSES } from './status.ts';

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

export const observationBody = z
  .object({
    year: int(1900, 2100, 'indicators.error.year'),
    quarter: z.preprocess(blankToUndefined, int(0, 4, 'indicators.error.quarter').optional()),
    adminUnitId: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
    value: z.preprocess(parseNumber, z.number('indicators.error.value').finite('indicators.error.value')),
    status: z.preprocess(
      blankToUndefined,
      z.enum(OBSERVATION_STATUSES, 'indicators.error.status').optional(),
    ),
    note: z.preprocess(blankToUndefined, z.string().trim().max(2000).optional()),
    sources: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : v),
      z.array(z.url('indicators.error.source')).max(20).optional(),
    ),
    rowVersion: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  })
  .meta({
    example: {
      year: 2025,
      quarter: 4,
      value: 7.8,
      status: 'draft',
      note: 'Số liệu ví dụ, không phải số liệu thống kê chính thức.',
      sources: ['https://example.com/nien-giam-thong-ke'],
    },
  });
export type ObservationInput = z.infer<typeof observationBody>;

const indicatorFilters = {
  category: z.preprocess(blankToUndefined, z.enum(INDICATOR_CATEGORIES).optional()),
  plan: z
    .preprocess(blankToUndefined, z.string().max(100).optional())
    .describe('Plan code')
    .meta({ example: 'TN-2021-2030' }),
  status: z
    .preprocess(blankToUndefined, z.enum(TARGET_STATUSES).optional())
    .describe('Status of the headline target'),
  q: z
    .preprocess(blankToUndefined, z.string().max(200).optional())
    .describe('Part of the code or name')
    .meta({ example: 'grdp' }),
};

/** The filters of the indicator list (pages and exports). */
export const indicatorListQuery = z.object(indicatorFilters);

/** The API's indicator list: the filters, sorted and paged (kernel/http/collection.ts). */
export const indicatorPageQuery = collectionQuery({
  sorts: INDICATOR_SORTS,
  defaultSort: 'order',
  filters: indicatorFilters,
});

/** Largest value of a PostgreSQL integer column. */
export const INT4_MAX = 2_147_483_647;

const optionalNumber = z.preprocess(
  parseNumber,
  z.number('indicators.error.number').finite('indicators.error.number').optional(),
);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const version = z.preprocess(
  parseNumber,
  z.number('indicators.error.rowVersion').int('indicators.error.rowVersion').positive().max(INT4_MAX),
);

/** A planner's edit of an indicator's description (not its code or plan version). */
export const indicatorBody = z
  .object({
    nameVi: z.string('indicators.error.nameVi').trim().min(1, 'indicators.error.nameVi').max(500),
    nameEn: optionalText(500),
    unit: z.string('indicators.error.unit').trim().min(1, 'indicators.error.unit').max(50),
    category: z.enum(INDICATOR_CATEGORIES, 'indicators.error.category'),
    direction: z.enum(DIRECTIONS, 'indicators.error.direction'),
    kind: z.enum(INDICATOR_KINDS, 'indicators.error.kind'),
    /** Values by place add up (sum) or not (weighted mean, or no roll-up). Absent: unchanged. */
    additive: z.preprocess(
      (v) => (v === 'true' ? true : v === 'false' ? false : blankToUndefined(v)),
      z.boolean('indicators.error.additive').optional(),
    ),
    /** The code of the additive indicator weighing a non-additive one's mean; null or '': none; absent: unchanged. */
    weightIndicator: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
      z.string('indicators.error.weight').trim().max(100).nullable().optional(),
    ),
    baselineYear: z.preprocess(blankToUndefined, int(1900, 2100, 'indicators.error.year').optional()),
    baselineValue: optionalNumber,
    baselineNote: optionalText(2000),
    responsibleAgencyId: z.preprocess(
      parseNumber,
      z
        .number('indicators.error.agency')
        .int('indicators.error.agency')
        .positive()
        .max(INT4_MAX, 'indicators.error.agency')
        .optional(),
    ),
    dataSource: optionalText(1000),
    scopeNote: optionalText(2000),
    notes: optionalText(4000),
    sources: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : v),
      z.array(z.url('indicators.error.source')).max(20).optional(),
    ),
    rowVersion: version,
  })
  .superRefine((v, ctx) => {
    // A baseline is a year and a value together; either alone cannot be used by the status method.
    if ((v.baselineYear === undefined) !== (v.baselineValue === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [v.baselineYear === undefined ? 'baselineYear' : 'baselineValue'],
        message: 'indicators.error.baselinePair',
      });
  })
  .meta({
    example: {
      nameVi: 'Tỷ lệ đô thị hóa',
      nameEn: 'Urbanization rate',
      unit: '%',
      category: 'urban',
      direction: 'higher',
      kind: 'rate',
      additive: false,
      responsibleAgencyId: 8,
      dataSource: 'Niên giám thống kê tỉnh',
      notes: 'Ví dụ cập nhật phần mô tả chỉ tiêu.',
      rowVersion: 1,
    },
  });
export type IndicatorInput = z.infer<typeof indicatorBody>;

/** A target: a value, or a band (min and/or max), for a year or a period ending in that year. */
export const targetBody = z
  .object({
    year: int(1900, 2100, 'indicators.error.year'),
    periodStart: z.preprocess(blankToUndefined, int(1900, 2100, 'indicators.error.year').optional()),
    value: optionalNumber,
    minValue: optionalNumber,
    maxValue: optionalNumber,
    comparator: z.enum(COMPARATORS, 'indicators.error.comparator'),
    note: optionalText(2000),
    sources: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : v),
      z.array(z.url('indicators.error.source')).max(20).optional(),
    ),
  })
  .superRefine((v, ctx) => {
    const issue = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.periodStart !== undefined && v.periodStart > v.year)
      issue('periodStart', 'indicators.error.period');
    if (v.comparator === 'between') {
      if (v.minValue === undefined) issue('minValue', 'indicators.error.bandNeeded');
      if (v.maxValue === undefined) issue('maxValue', 'indicators.error.bandNeeded');
    } else if (v.value === undefined && v.minValue === undefined && v.maxValue === undefined)
      issue('value', 'indicators.error.targetValue');
    if (v.minValue !== undefined && v.maxValue !== undefined && v.minValue > v.maxValue)
      issue('maxValue', 'indicators.error.band');
  })
  .meta({
    example: {
      year: 2030,
      periodStart: 2026,
      minValue: 9,
      maxValue: 10,
      comparator: 'between',
      note: 'Giá trị ví dụ, không phải chỉ tiêu đã được phê duyệt.',
    },
  });
export type TargetInput = z.infer<typeof targetBody>;

/** Approving or rejecting a draft observation: the version the reviewer saw, and why (for a rejection). */
export const reviewBody = z
  .object({
    rowVersion: version,
    reason: optionalText(1000),
  })
  .meta({
    example: { rowVersion: 1, reason: 'Số liệu chưa khớp với niên giám thống kê; đề nghị kiểm tra lại.' },
  });
