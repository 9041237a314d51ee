import { z } from 'zod';

const checkbox = (v: unknown) => v === true || v === 'true' || v === 'on' || v === '1';

export const emailBody = z.object({ email: z.email('privacy.error.email').max(320) });
export const eraseBody = emailBody.extend({
  confirm: z.preprocess(checkbox, z.literal(true, 'privacy.error.confirm')),
});
