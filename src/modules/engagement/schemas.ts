import { z } from 'zod';
import { COMMENT_TARGETS } from './schema.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const checkbox = (v: unknown) => v === true || v === 'true' || v === 'on' || v === '1';

export const commentBody = z.object({
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
});
export type CommentInput = z.infer<typeof commentBody>;

export const rejectBody = z.object({ reason: z.string().trim().min(3, 'engagement.error.reason').max(1000) });
export const replyBody = z.object({ body: z.string().trim().min(3, 'engagement.error.bodyShort').max(8000) });
