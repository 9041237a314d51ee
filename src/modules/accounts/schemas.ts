import { z } from 'zod';
import { blankToUndefined } from '../../kernel/http/forms.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import { ROLES, TOKEN_SCOPES } from './schema.ts';

export const loginBody = z
  .object({
    email: z.string().trim().min(1, 'accounts.error.emailRequired').max(320),
    password: z.string().min(1, 'accounts.error.passwordRequired').max(1000),
  })
  .meta({ example: { email: 'chuyenvien.khth@example.com', password: 'mat-khau-cua-ban' } });

const optionalAgencyId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

export const createUserBody = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email('accounts.error.emailInvalid').max(320)),
    displayName: z.string().trim().min(1, 'accounts.error.displayNameRequired').max(200),
    role: z.enum(ROLES, 'accounts.error.roleInvalid'),
    agencyId: optionalAgencyId,
  })
  .meta({
    example: {
      email: 'tran.thi.hoa@example.com',
      displayName: 'Trần Thị Hoa',
      role: 'agency_editor',
      agencyId: 8,
    },
  });

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1, 'accounts.error.displayNameRequired').max(200),
    role: z.enum(ROLES, 'accounts.error.roleInvalid'),
    agencyId: optionalAgencyId,
    rowVersion: z.coerce.number().int().positive(),
  })
  .meta({
    example: { displayName: 'Trần Thị Hoa', role: 'agency_viewer', agencyId: 8, rowVersion: 2 },
  });

export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, 'accounts.error.passwordTooShort')
  .max(200, 'accounts.error.passwordTooLong');

export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1, 'accounts.error.passwordRequired').max(1000),
    newPassword,
    confirmPassword: z.string().optional(),
  })
  .refine((v) => v.confirmPassword === undefined || v.confirmPassword === v.newPassword, {
    path: ['confirmPassword'],
    message: 'accounts.error.passwordMismatch',
  })
  .meta({
    example: {
      currentPassword: 'mat-khau-hien-tai',
      newPassword: 'mat-khau-moi-du-dai',
      confirmPassword: 'mat-khau-moi-du-dai',
    },
  });

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).default(['read']),
  })
  .meta({ example: { name: 'Đồng bộ số liệu sang cổng dữ liệu mở của tỉnh', scopes: ['read'] } });

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
