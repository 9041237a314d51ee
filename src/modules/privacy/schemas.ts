import { z } from 'zod';

const checkbox = (v: unknown) => v === true || v === 'true' || v === 'on' || v === '1';

export const emailBody = z
  .object({ email: z.email('privacy.error.email').max(320) })
  .meta({ example: { email: 'nguyen.van.an@example.com' } });
// An extended schema does not inherit the example: the erasure gets its own.
export const eraseBody = emailBody
  .extend({
    confirm: z.preprocess(checkbox, z.literal(true, 'privacy.error.confirm')),
  })
  .meta({ example: { email: 'nguyen.van.an@example.com', confirm: true } });
