import { z } from 'zod';
import { WEBHOOK_EVENTS } from './schema.ts';

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url('webhooks.error.url')
  .refine((u) => /^https?:\/\//i.test(u), 'webhooks.error.url');

export const createSubscriptionBody = z
  .object({
    url: httpUrl.meta({ example: 'https://he-thong-quoc-gia.example.vn/quyhoach/hook' }),
    description: z.string().trim().max(500).optional(),
    events: z
      .array(z.enum(WEBHOOK_EVENTS))
      .min(1, 'webhooks.error.events')
      .meta({ example: ['report.approved', 'task.status_changed'] }),
  })
  .meta({
    example: {
      url: 'https://he-thong-quoc-gia.example.vn/quyhoach/hook',
      description: 'Đồng bộ tiến độ nhiệm vụ sang hệ thống báo cáo (ví dụ)',
      events: ['report.approved', 'task.status_changed'],
    },
  });
export type CreateSubscriptionInput = z.infer<typeof createSubscriptionBody>;

/** The page form: one checkbox per event arrives as a string or a list. */
export const createSubscriptionForm = createSubscriptionBody.extend({
  description: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v) => v || undefined),
  events: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'webhooks.error.events'),
  ),
});

export const setActiveBody = z.object({ active: z.boolean() }).meta({ example: { active: false } });
