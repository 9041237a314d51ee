// Page forms validate with the same zod schemas as the API, and get their
// errors back per field in the user's language.
import type { z } from 'zod';
import type { Locale } from '../i18n/index.ts';
import { issueMessage } from './error-handler.ts';
import type { FieldError } from './errors.ts';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  locale: Locale,
): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (!errors.some((e) => e.field === field)) errors.push({ field, message: issueMessage(locale, issue) });
  }
  return { ok: false, errors };
}

/** Empty form fields arrive as ''; optional inputs treat them as absent. */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}
