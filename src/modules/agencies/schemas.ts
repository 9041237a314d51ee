// Input of the agency register, shared by the JSON API and the admin forms.
// A blank optional field (as forms send it) clears the value; an absent one
// (as a PATCH may omit it) leaves it unchanged.
import { z } from 'zod';
import { collectionQuery } from '../../kernel/http/collection.ts';
import { AGENCY_SORTS } from './queries.ts';
import { AGENCY_KINDS } from './schema.ts';

function blankToNull(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Forms send numbers as text. */
function toIdOrNull(value: unknown): unknown {
  const v = blankToNull(value);
  return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
}

const optionalText = (max: number) => z.preprocess(blankToNull, z.string().max(max).nullable().optional());

export const agencyCode = z
  .string()
  .trim()
  .min(1, 'agencies.error.codeRequired')
  .max(50, 'agencies.error.codeTooLong')
  .regex(/^[\p{L}\p{N}._-]*$/u, 'agencies.error.codeFormat');

const nameVi = z.string().trim().min(1, 'agencies.error.nameViRequired').max(300);
const kind = z.enum(AGENCY_KINDS, 'agencies.error.kindInvalid');
const parentId = z.preprocess(
  toIdOrNull,
  z
    .number('agencies.error.parentUnknown')
    .int()
    .positive('agencies.error.parentUnknown')
    .nullable()
    .optional(),
);
const email = z.preprocess(
  blankToNull,
  z.email('agencies.error.emailInvalid').max(320).nullable().optional(),
);

const fields = {
  nameEn: optionalText(300),
  shortName: optionalText(100),
  parentId,
  adminUnitId: optionalText(50),
  email,
  phone: optionalText(50),
};

export const createAgencyBody = z.object({ code: agencyCode, nameVi, kind, ...fields }).meta({
  example: {
    code: 'TTDL-SKHCN-19',
    nameVi: 'Trung tâm Dữ liệu và Chuyển đổi số (ví dụ)',
    nameEn: 'Data and Digital Transformation Centre (example)',
    shortName: 'TTDL-CĐS',
    kind: 'other',
    parentId: 9,
    email: 'ttdl-cds@example.com',
  },
});

export const updateAgencyBody = z
  .object({
    code: agencyCode.optional(),
    nameVi: nameVi.optional(),
    kind: kind.optional(),
    ...fields,
    rowVersion: z.coerce.number('agencies.error.rowVersion').int().positive('agencies.error.rowVersion'),
  })
  .meta({
    example: {
      nameEn: 'Department of Construction',
      shortName: 'SXD',
      email: 'vanphong.sxd@example.com',
      rowVersion: 1,
    },
  });

export const setAgencyActiveBody = z
  .object({ rowVersion: z.coerce.number().int().positive('agencies.error.rowVersion').optional() })
  // Fastify hands an absent body to the validator as null.
  .nullish()
  .meta({ example: { rowVersion: 1 } });

export const agencyListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(AGENCY_KINDS).optional(),
  active: z.enum(['true', 'false']).optional(),
  /** Only this agency and the agencies below it. */
  under: z.coerce.number().int().positive().optional(),
  /** `tree`: parents before children, with depth; `flat`: by name. */
  view: z.enum(['flat', 'tree']).default('flat'),
});

/** The API's agency list: the same filters, sorted and paged (the tree view comes whole). */
export const agencyPageQuery = collectionQuery({
  sorts: AGENCY_SORTS,
  defaultSort: 'name',
  filters: {
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Part of the code or name, diacritics ignored')
      .meta({ example: 'so tai chinh' }),
    kind: z.enum(AGENCY_KINDS).optional(),
    active: z.enum(['true', 'false']).optional().meta({ example: 'true' }),
    under: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .describe('Only this agency and those below it')
      .meta({ example: 1 }),
    view: z
      .enum(['flat', 'tree'])
      .default('flat')
      .describe(
        '`tree`: the whole hierarchy, parents before children with depth (not paged: nextCursor is null)',
      ),
  },
});

export type CreateAgencyInput = z.infer<typeof createAgencyBody>;
export type UpdateAgencyInput = z.infer<typeof updateAgencyBody>;
