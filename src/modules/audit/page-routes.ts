// /admin/audit: the change log for administrators. Read-only.
import { h } from 'preact';
import { z } from 'zod';
import { blankToUndefined, parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { type AuditFormValues, AuditPage } from './pages.tsx';
import {
  type AuditFilter,
  addDays,
  auditEntities,
  listAudit,
  parseVietnameseDate,
  startOfVietnamDay,
} from './queries.ts';

const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const vietnameseDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .refine((v) => parseVietnameseDate(v) !== null, 'audit.error.dateFormat')
    .optional(),
);

function dayStart(value: string): Date {
  const d = parseVietnameseDate(value)!;
  return startOfVietnamDay(d.year, d.month, d.day);
}

/** The filter form: dates as dd/mm/yyyy, both inclusive, in Vietnam time. */
export const auditFilterForm = z
  .object({
    entity: text(100),
    entityId: text(200),
    actor: text(320),
    from: vietnameseDate,
    to: vietnameseDate,
    cursor: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  })
  .refine((v) => !v.from || !v.to || dayStart(v.from) <= dayStart(v.to), {
    path: ['to'],
    message: 'audit.error.dateOrder',
  });

const FIELDS = ['entity', 'entityId', 'actor', 'from', 'to'] as const;

export async function auditPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;

  app.get(
    '/admin/audit',
    { config: { access: ['admin'] }, schema: { hide: true } },
    async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const values: AuditFormValues = {};
      for (const f of FIELDS) if (typeof query[f] === 'string') values[f] = query[f] as string;
      const entities = await auditEntities(db);
      const form = parseForm(auditFilterForm, query, request.locale);
      if (!form.ok) {
        return sendPage(
          reply,
          h(AuditPage, { ctx: pageContext(request, reply), values, errors: form.errors, entities, rows: [] }),
          400,
        );
      }
      const f = form.data;
      const isUserNumber = f.actor !== undefined && /^\d+$/.test(f.actor);
      const filter: AuditFilter = {
        entity: f.entity,
        entityId: f.entityId,
        userId: isUserNumber ? Number(f.actor) : undefined,
        actor: isUserNumber ? undefined : f.actor,
        from: f.from ? dayStart(f.from) : undefined,
        until: f.to ? addDays(dayStart(f.to), 1) : undefined,
        cursor: f.cursor,
      };
      const page = await listAudit(db, filter);
      const kept = new URLSearchParams();
      for (const key of FIELDS) {
        const v = f[key];
        if (v) kept.set(key, v);
      }
      const href = (params: URLSearchParams) => `/admin/audit${params.size ? `?${params.toString()}` : ''}`;
      const older = new URLSearchParams(kept);
      if (page.nextCursor !== null) older.set('cursor', String(page.nextCursor));
      return sendPage(
        reply,
        h(AuditPage, {
          ctx: pageContext(request, reply),
          values,
          entities,
          rows: page.items,
          olderHref: page.nextCursor === null ? undefined : href(older),
          newestHref: f.cursor === undefined ? undefined : href(kept),
        }),
      );
    },
  );
}
