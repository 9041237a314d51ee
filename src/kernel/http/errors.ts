// Errors that mean something to the user: a status, a stable code and a
// message key translated into the user's language when the response is sent.
export type FieldError = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(messageKey);
  }
}

export const badRequest = (messageKey = 'error.bad_request', params?: Record<string, string | number>) =>
  new AppError(400, 'bad_request', messageKey, params);
/** Field-level problems, shown next to each field on forms and listed in API errors. */
export const invalid = (fields: FieldError[], messageKey = 'error.validation') =>
  new AppError(400, 'validation_failed', messageKey, {}, fields);
export const unauthorized = (messageKey = 'error.unauthorized') =>
  new AppError(401, 'unauthorized', messageKey);
export const forbidden = (messageKey = 'error.forbidden') => new AppError(403, 'forbidden', messageKey);
export const notFound = (messageKey = 'error.not_found') => new AppError(404, 'not_found', messageKey);
export const conflict = (messageKey = 'error.conflict', params?: Record<string, string | number>) =>
  new AppError(409, 'conflict', messageKey, params);
