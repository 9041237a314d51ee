import { z } from 'zod';
import { collectionQuery } from '../../kernel/http/collection.ts';
import { PROJECT_SORTS } from './queries.ts';
import { PROJECT_STAGES } from './schema.ts';

const projectFilters = {
  sector: z.string().trim().max(100).optional().meta({ example: 'Công nghiệp' }),
  stage: z.enum(PROJECT_STAGES).optional(),
  open: z.enum(['true', 'false']).optional().describe('Open for investment').meta({ example: 'true' }),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Part of the name, diacritics ignored')
    .meta({ example: 'khu cong nghiep' }),
};

export const projectListQuery = collectionQuery({
  sorts: PROJECT_SORTS,
  defaultSort: 'name',
  filters: projectFilters,
});

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const inquiryBody = z
  .object({
    name: z.string().trim().min(1, 'projects.error.nameRequired').max(200),
    organisation: z.preprocess(blank, z.string().trim().max(300).optional()),
    email: z.email('projects.error.emailInvalid').max(320),
    phone: z.preprocess(blank, z.string().trim().max(50).optional()),
    message: z.string().trim().min(1, 'projects.error.messageRequired').max(5000),
    consent: z.preprocess(
      (v) => v === true || v === 'true' || v === 'on' || v === '1',
      z.literal(true, 'projects.error.consentRequired'),
    ),
  })
  .meta({
    example: {
      name: 'Nguyễn Văn An',
      organisation: 'Công ty Cổ phần Ví Dụ',
      email: 'nguyen.van.an@example.com',
      message:
        'Công ty chúng tôi quan tâm đến dự án và đề nghị được cung cấp thông tin về quỹ đất, hạ tầng kết nối và thủ tục đăng ký đầu tư.',
      consent: true,
    },
  });
export type InquiryInput = z.infer<typeof inquiryBody>;

const optNumber = (s: z.ZodNumber) =>
  z.preprocess((v) => (v === '' ? null : v), z.coerce.number().pipe(s).nullable().optional());
const percent = z
  .number('projects.error.percent')
  .min(0, 'projects.error.percent')
  .max(100, 'projects.error.percent');
const vnd = z.number('projects.error.amount').int('projects.error.amount').min(0, 'projects.error.amount');

/**
 * A change to a project's implementation figures. Carries the rowVersion it read;
 * an absent field is kept, null (or a blank form field) clears it.
 */
export const updateProjectBody = z
  .object({
    stage: z.preprocess((v) => (v === '' ? null : v), z.enum(PROJECT_STAGES).nullable().optional()),
    plannedProgress: optNumber(percent),
    actualProgress: optNumber(percent),
    plannedDisbursementVnd: optNumber(vnd),
    actualDisbursementVnd: optNumber(vnd),
    statusNote: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(2000).nullable().optional()),
    openForInvestment: z.preprocess(
      (v) => (v === 'on' || v === 'true' ? true : v === 'false' ? false : v),
      z.boolean().optional(),
    ),
    responsibleAgencyId: z.preprocess(
      (v) => (v === '' ? null : v),
      z.coerce.number().int().positive().nullable().optional(),
    ),
    rowVersion: z.coerce.number('projects.error.rowVersion').int().positive('projects.error.rowVersion'),
  })
  .meta({
    example: {
      stage: 'under_construction',
      plannedProgress: 60,
      actualProgress: 45,
      plannedDisbursementVnd: 120000000000,
      actualDisbursementVnd: 85000000000,
      statusNote: 'Số liệu ví dụ: chậm bàn giao mặt bằng một đoạn tuyến.',
      rowVersion: 4,
    },
  });
export type UpdateProjectInput = z.infer<typeof updateProjectBody>;
