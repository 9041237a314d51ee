// Text that PostgreSQL cannot store (a NUL character) is refused up front with a
// 400, instead of failing deep inside a query as a 500.
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value as Record<string, unknown>).some(
    ([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1),
  );
}

export async function refuseUnstorableText(request: FastifyRequest): Promise<void> {
  if (containsNul(request.query) || containsNul(request.params) || containsNul(request.body)) {
    throw new AppError(400, 'bad_request', 'error.nul_character');
  }
}
