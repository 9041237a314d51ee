// The audit log over the API: read-only, for administrators. There is no route
// that changes or deletes audit rows, by design.
import { z } from 'zod';
import { invalid } from '../../kernel/http/errors.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { addDays, listAudit, parseIsoDay, publicAuditRow, startOfVietnamDay } from './queries.ts';

const isoDateTime = z.iso.datetime({ offset: true });

/** YYYY-MM-DD (a day in Vietnam) or a full ISO 8601 instant. */
const isoWhen = z
  .string()
  .trim()
  .refine((v) => parseIsoDay(v) !== null || isoDateTime.safeParse(v).success, 'audit.error.isoDate');

/** The first instant a bound covers; `to` is inclusive, so a day includes all of it. */
function lowerBound(text: string): Date {
  const day = parseIsoDay(text);
  return day ? startOfVietnamDay(day.year, day.month, day.day) : new Date(text);
}

function upperBoundExclusive(text: string): Date {
  const day = parseIsoDay(text);
  return day
    ? addDays(startOfVietnamDay(day.year, day.month, day.day), 1)
    : new Date(new Date(text).getTime() + 1);
}

export const auditQuery = z.object({
  entity: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(200).optional(),
  userId: z.coerce.number().int().positive().optional().describe('The acting user'),
  actor: z.string().trim().max(320).optional().describe('Part of the actor label (email, "system", "cli:…")'),
  from: isoWhen.optional().describe('YYYY-MM-DD (Vietnam time) or an ISO 8601 instant; inclusive'),
  to: isoWhen
    .optional()
    .describe('YYYY-MM-DD (through the end of that day, Vietnam time) or an ISO 8601 instant; inclusive'),
  cursor: z.coerce.number().int().positive().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorLabel: z.string(),
  via: z.enum(['web', 'api', 'cli', 'system']),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export async function auditApi(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  app.get(
    '/api/v1/audit',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first; page with `cursor` = the previous `nextCursor`',
        querystring: auditQuery,
        response: {
          200: z.object({ items: z.array(auditRowSchema), nextCursor: z.number().int().nullable() }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const from = q.from ? lowerBound(q.from) : undefined;
      const until = q.to ? upperBoundExclusive(q.to) : undefined;
      if (from && until && from >= until) throw invalid([{ field: 'to', message: 'audit.error.dateOrder' }]);
      const page = await listAudit(db, {
        entity: q.entity || undefined,
        entityId: q.entityId || undefined,
        userId: q.userId,
        actor: q.actor || undefined,
        from,
        until,
        cursor: q.cursor,
        limit: q.limit,
      });
      return { items: page.items.map(publicAuditRow), nextCursor: page.nextCursor };
    },
  );
}
