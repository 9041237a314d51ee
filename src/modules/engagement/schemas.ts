import { z } from 'zod';
import { sectionBody } from '../plan/schemas.ts';
import { COMMENT_TARGETS } from './schema.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const checkbox = (v: unknown) => v === true || v === 'true' || v === 'on' || v === '1';

export const commentBody = z
  .object({
    targetType: z.enum(COMMENT_TARGETS),
    targetId: z.coerce.number().int().positive(),
    body: z.string().trim().min(3, 'engagement.error.bodyShort').max(4000, 'engagement.error.bodyLong'),
    name: z.preprocess(blank, z.string().trim().max(120).optional()),
    email: z.preprocess(blank, z.email('engagement.error.email').max(200).optional()),
    consent: z.preprocess(checkbox, z.boolean()).default(false),
    /** Honeypot: people leave it empty (it is hidden); bots fill it. */
    website: z.string().max(500).optional(),
    /** Where the form came from, to go back there (pages only). */
    back: z.string().max(300).optional(),
  })
  .meta({
    example: {
      targetType: 'section',
      targetId: 1,
      body: 'Đề nghị bổ sung bản đồ minh họa các tuyến giao thông kết nối với xã tôi đang sinh sống.',
      name: 'Nguyễn Văn An',
      email: 'nguyen.van.an@example.com',
      consent: true,
    },
  });
export type CommentInput = z.infer<typeof commentBody>;

export const rejectBody = z
  .object({ reason: z.string().trim().min(3, 'engagement.error.reason').max(1000) })
  .meta({ example: { reason: 'Nội dung không liên quan đến quy hoạch tỉnh.' } });
export const replyBody = z
  .object({ body: z.string().trim().min(3, 'engagement.error.bodyShort').max(8000) })
  .meta({
    example: {
      body: 'Cảm ơn ông/bà đã góp ý. Cơ quan chúng tôi sẽ xem xét bổ sung bản đồ minh họa khi cập nhật nội dung này.',
    },
  });

// ---- staff: news posts and the document library

const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());
/** One http(s) address per line, as on the plan's forms. */
const urlList = sectionBody.shape.sources;
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'staff.error.slug')
  .max(100);
const rowVersion = z.coerce.number().int().positive();

export const newsBody = z.object({
  slug,
  titleVi: z.string().trim().min(1, 'staff.error.titleRequired').max(300),
  titleEn: optionalText(300),
  summaryVi: optionalText(1000),
  summaryEn: optionalText(1000),
  bodyVi: z.string().trim().min(1, 'staff.error.bodyRequired').max(50_000),
  bodyEn: optionalText(50_000),
  sources: urlList,
});
export type NewsInput = z.infer<typeof newsBody>;
export const updateNewsBody = newsBody.extend({ rowVersion });
export type UpdateNewsInput = z.infer<typeof updateNewsBody>;

export const EFFECT_STATUSES = ['in_force', 'adopted', 'expired'] as const;

export const documentBody = z.object({
  code: slug,
  number: optionalText(100),
  docType: z.string().trim().min(1, 'staff.error.docTypeRequired').max(100),
  titleVi: optionalText(1000),
  titleEn: optionalText(1000),
  issuerVi: optionalText(300),
  issuerEn: optionalText(300),
  signer: optionalText(200),
  issuedOn: z.preprocess(blank, z.iso.date('staff.error.date').optional()),
  effectStatus: z.enum(EFFECT_STATUSES),
  summaryVi: optionalText(5000),
  summaryEn: optionalText(5000),
  fileUrl: z.preprocess(blank, z.url({ protocol: /^https?$/, message: 'plan.error.sourceUrl' }).optional()),
  sources: urlList,
});
export type DocumentInput = z.infer<typeof documentBody>;
export const updateDocumentBody = documentBody.extend({ rowVersion });
export type UpdateDocumentInput = z.infer<typeof updateDocumentBody>;
