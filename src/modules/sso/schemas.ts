import { z } from 'zod';
import { blankToUndefined } from '../../kernel/http/forms.ts';
import { ROLES } from '../accounts/schema.ts';

export const mappingBody = z
  .object({
    claim: z.string().trim().min(1, 'sso.error.claim').max(100).meta({ example: 'groups' }),
    value: z.string().trim().min(1, 'sso.error.value').max(300).meta({ example: 'so-xay-dung-bien-tap' }),
    role: z.enum(ROLES, 'sso.error.role'),
    agencyId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
    position: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(10_000).default(0)),
  })
  .meta({
    example: {
      claim: 'groups',
      value: 'so-xay-dung-bien-tap',
      role: 'agency_editor',
      agencyId: 8,
      position: 10,
    },
  });
export type MappingInput = z.infer<typeof mappingBody>;
