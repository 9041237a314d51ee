import { z } from 'zod';
import { PROJECT_STAGES } from './schema.ts';

export const projectListQuery = z.object({
  sector: z.string().trim().max(100).optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  open: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(200).optional(),
});

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const inquiryBody = z.object({
  name: z.string().trim().min(1, 'projects.error.nameRequired').max(200),
  organisation: z.preprocess(blank, z.string().trim().max(300).optional()),
  email: z.email('projects.error.emailInvalid').max(320),
  phone: z.preprocess(blank, z.string().trim().max(50).optional()),
  message: z.string().trim().min(1, 'projects.error.messageRequired').max(5000),
  consent: z.preprocess(
    (v) => v === true || v === 'true' || v === 'on' || v === '1',
    z.literal(true, 'projects.error.consentRequired'),
  ),
});
export type InquiryInput = z.infer<typeof inquiryBody>;
