// Input of the plan-contents use cases, shared by the API and the forms.
import { z } from 'zod';
import { SECTION_KINDS } from './schema.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());

export const sectionBody = z
  .object({
    titleVi: z.string().trim().min(1, 'plan.error.titleRequired').max(300),
    titleEn: optionalText(300),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'plan.error.slug')
      .max(120),
    kind: z.enum(SECTION_KINDS),
    parentId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
    position: z.preprocess(blank, z.coerce.number().int().min(0).max(10_000).optional()),
    bodyVi: z.string().max(100_000).default(''),
    bodyEn: optionalText(100_000),
    sources: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(/\s+/)
              .map((s) => s.trim())
              .filter(Boolean)
          : v,
      z
        .array(z.url({ protocol: /^https?$/, message: 'plan.error.sourceUrl' }))
        .max(50)
        .default([]),
    ),
  })
  .meta({
    example: {
      titleVi: 'Phương án phát triển hạ tầng số (ví dụ)',
      titleEn: 'Digital infrastructure development (example)',
      slug: 'vi-du-ha-tang-so',
      kind: 'chapter',
      parentId: 1,
      position: 5,
      bodyVi: 'Nội dung ví dụ của mục, viết bằng **Markdown**.',
      sources: ['https://example.com/tai-lieu-nguon'],
    },
  });
export type SectionInput = z.infer<typeof sectionBody>;

// An extended schema does not inherit the example: the update gets its own.
export const updateSectionBody = sectionBody
  .extend({
    rowVersion: z.coerce.number().int().positive(),
  })
  .meta({
    example: {
      titleVi: 'Phương án phát triển hạ tầng số (ví dụ)',
      slug: 'vi-du-ha-tang-so',
      kind: 'chapter',
      bodyVi: 'Nội dung ví dụ đã được biên tập lại.',
      sources: ['https://example.com/tai-lieu-nguon'],
      rowVersion: 2,
    },
  });
export type UpdateSectionInput = z.infer<typeof updateSectionBody>;

export const itemFillBody = z.object({
  nameVi: z.string().trim().min(1, 'plan.error.titleRequired').max(300),
  nameEn: optionalText(300),
  summaryVi: z.string().trim().max(20_000).default(''),
  summaryEn: optionalText(20_000),
  sources: sectionBody.shape.sources,
  /** The agency that answers readers' comments on the item; empty = the planning authority. */
  responsibleAgencyId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  rowVersion: z.coerce.number().int().positive(),
});
export type ItemFillInput = z.infer<typeof itemFillBody>;

/** A publication event of the plan (publication duty: within 15 days of approval). */
export const publicationEventBody = z.object({
  approvalDate: z.preprocess(blank, z.iso.date('plan.error.date').optional()),
  publicationDate: z.preprocess(blank, z.iso.date('plan.error.date').optional()),
  channels: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.string().max(300)).max(30).default([]),
  ),
  note: optionalText(2000),
  sources: sectionBody.shape.sources,
});
export type PublicationEventInput = z.infer<typeof publicationEventBody>;
