// Input and output shapes of plan versions, shared by the API and the page forms.
import { z } from 'zod';
import { blankToUndefined } from '../../kernel/http/forms.ts';
import { parseNumber } from '../indicators/schemas.ts';
import { COMPARATORS } from '../indicators/status.ts';

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const newVersionBody = z
  .object({
    labelVi: z.string().trim().min(1, 'versions.error.label').max(200),
    labelEn: optionalText(200),
    legalGroundVi: optionalText(2000),
    decisionType: optionalText(100),
    decisionNumber: optionalText(100),
    decisionDate: z.preprocess(blankToUndefined, z.iso.date('versions.error.date').optional()),
    decisionIssuerVi: optionalText(200),
    doubtsVi: optionalText(2000),
  })
  .meta({
    example: {
      labelVi: 'Bản điều chỉnh ví dụ (nháp)',
      labelEn: 'Example adjustment (draft)',
      legalGroundVi: 'Ví dụ: rà soát quy hoạch sau khi sắp xếp đơn vị hành chính năm 2025.',
      doubtsVi: 'Chưa có quyết định phê duyệt; số hiệu và ngày ban hành để trống.',
    },
  });
export type NewVersionInput = z.infer<typeof newVersionBody>;

export const compareQuery = z.object({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
});

export const versionSummarySchema = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  recordPlanId: z.number().int().nullable(),
  versionNumber: z.number().int(),
  previousVersionId: z.number().int().nullable(),
  kind: z.enum(['original', 'adjustment']),
  status: z.enum(['draft', 'adopted', 'approved']),
  labelVi: z.string(),
  labelEn: z.string().nullable(),
  legalGroundVi: z.string().nullable(),
  decisionType: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decisionIssuerVi: z.string().nullable(),
  doubtsVi: z.string().nullable(),
  counts: z.object({
    targets: z.number().int(),
    items: z.number().int(),
    projects: z.number().int(),
    sections: z.number().int(),
  }),
  sources: z.array(z.string()),
  isSample: z.boolean(),
  rowVersion: z.number().int().describe('send it back with an edit of a draft version'),
  createdAt: z.string(),
});

const targetValue = z.object({
  key: z.string(),
  year: z.number().int(),
  periodStart: z.number().int().nullable(),
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  comparator: z.string(),
  unit: z.string(),
  note: z.string().nullable(),
  sources: z.array(z.string()),
});

export const comparisonSchema = z.object({
  from: versionSummarySchema,
  to: versionSummarySchema,
  targets: z.array(
    z.object({
      key: z.string(),
      nameVi: z.string(),
      nameEn: z.string().nullable(),
      change: z.enum(['added', 'removed', 'changed']),
      from: targetValue.nullable(),
      to: targetValue.nullable(),
    }),
  ),
  items: z.array(
    z.object({
      key: z.string(),
      kind: z.string(),
      nameVi: z.string(),
      nameEn: z.string().nullable(),
      change: z.enum(['added', 'removed', 'resized']),
      fromAreaHa: z.number().nullable(),
      toAreaHa: z.number().nullable(),
    }),
  ),
  projects: z.array(
    z.object({
      key: z.string(),
      nameVi: z.string(),
      nameEn: z.string().nullable(),
      change: z.enum(['added', 'removed']),
    }),
  ),
  sections: z.array(
    z.object({
      key: z.string(),
      titleVi: z.string(),
      titleEn: z.string().nullable(),
      change: z.enum(['added', 'removed', 'changed']),
      parts: z.array(
        z.object({ value: z.string(), added: z.boolean().optional(), removed: z.boolean().optional() }),
      ),
    }),
  ),
  unchanged: z.object({
    targets: z.number().int(),
    items: z.number().int(),
    projects: z.number().int(),
    sections: z.number().int(),
  }),
});

const rowVersion = z.preprocess(
  parseNumber,
  z
    .number('versions.error.rowVersion')
    .int('versions.error.rowVersion')
    .positive('versions.error.rowVersion'),
);
const optionalNumber = z.preprocess(
  parseNumber,
  z.number('versions.error.number').finite('versions.error.number').optional(),
);

/** A planner's change of one target in a draft version: its value (or band), comparator and note. */
export const versionTargetBody = z
  .object({
    rowVersion,
    value: optionalNumber,
    min: optionalNumber,
    max: optionalNumber,
    comparator: z.enum(COMPARATORS, 'versions.error.comparator'),
    note: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    const issue = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.comparator === 'between') {
      if (v.min === undefined) issue('min', 'versions.error.bandNeeded');
      if (v.max === undefined) issue('max', 'versions.error.bandNeeded');
    } else if (v.value === undefined && v.min === undefined && v.max === undefined)
      issue('value', 'versions.error.targetValue');
    if (v.min !== undefined && v.max !== undefined && v.min > v.max) issue('max', 'versions.error.band');
  })
  .meta({
    example: {
      rowVersion: 1,
      value: 10,
      comparator: 'gte',
      note: 'Giá trị ví dụ trong bản nháp, chưa được phê duyệt.',
    },
  });
export type VersionTargetInput = z.infer<typeof versionTargetBody>;

/** A planner's change of one section's text in a draft version. */
export const versionSectionBody = z
  .object({
    rowVersion,
    titleVi: z.string('versions.error.title').trim().min(1, 'versions.error.title').max(500),
    bodyVi: z.string('versions.error.body').trim().min(1, 'versions.error.body').max(200_000),
  })
  .meta({
    example: {
      rowVersion: 1,
      titleVi: 'Phương án phát triển hạ tầng số (ví dụ)',
      bodyVi: 'Nội dung ví dụ của mục trong bản nháp điều chỉnh.',
    },
  });
export type VersionSectionInput = z.infer<typeof versionSectionBody>;
