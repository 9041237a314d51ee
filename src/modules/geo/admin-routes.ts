// Administrators' routes of the lineage settings: the page under /admin/lineage
// and the same changes through the API.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, type FieldError } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { LINEAGE_ADMIN_PATH, LineageAdminPage } from './admin-pages.tsx';
import {
  defaultShareBody,
  partialLinksOf,
  partialPredecessors,
  setDefaultShareRule,
  setShareRatios,
  shareRatiosBody,
} from './lineage-admin.ts';
import { defaultShareRule } from './rollup.ts';

const admins = { access: ['admin'] as const };
const predecessorParams = z.object({ id: z.string().min(1).max(100) });
const linkSchema = z.object({
  successorId: z.string(),
  successorName: z.string(),
  successorCode: z.string(),
  shareRatio: z.number().nullable(),
});

export async function lineageAdminRoutes(app: App, { db }: AppDeps): Promise<void> {
  const tags = ['administration'];

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      predecessorId?: string;
      values?: Record<string, string>;
      errors?: FieldError[];
      message?: string;
      notice?: string;
    } = {},
    status = 200,
  ) => {
    const predecessors = await partialPredecessors(db);
    const chosen = predecessors.find((p) => p.id === extra.predecessorId);
    const links = chosen ? await partialLinksOf(db, chosen.id) : [];
    const ratioCount = (
      (await db.execute(
        "select count(*)::int as n from admin_unit_lineage where share = 'partial' and share_ratio is not null",
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]?.n;
    return sendPage(
      reply,
      h(LineageAdminPage, {
        ctx: pageContext(request, reply),
        rule: await defaultShareRule(db),
        predecessors,
        ratioCount: Number(ratioCount ?? 0),
        selected: chosen ? { id: chosen.id, name: chosen.name, links } : undefined,
        values: extra.values,
        errors: extra.errors,
        message: extra.message,
        notice: extra.notice,
      }),
      status,
    );
  };
  const translated = (request: FastifyRequest, e: AppError) =>
    e.fields.map((f) => ({ field: f.field, message: request.t(f.message) }));

  app.get(LINEAGE_ADMIN_PATH, { config: admins, schema: { hide: true } }, (request, reply) => {
    const q = (request.query ?? {}) as Record<string, unknown>;
    return render(request, reply, {
      predecessorId: typeof q.predecessor === 'string' ? q.predecessor : undefined,
      notice: q.saved === '1' ? request.t('geo.lineage.saved') : undefined,
    });
  });

  app.post(
    `${LINEAGE_ADMIN_PATH}/default-share`,
    { config: admins, schema: { hide: true } },
    async (request, reply) => {
      const form = parseForm(defaultShareBody, request.body, request.locale);
      if (!form.ok) return render(request, reply, { errors: form.errors }, 400);
      await setDefaultShareRule(db, actorOf(request), form.data.defaultShareRule);
      return reply.redirect(`${LINEAGE_ADMIN_PATH}?saved=1`, 303);
    },
  );

  app.post(
    `${LINEAGE_ADMIN_PATH}/predecessors/:id`,
    { config: admins, schema: { hide: true } },
    async (request, reply) => {
      const { id } = predecessorParams.parse(request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        Object.entries(body).filter(
          (e): e is [string, string] => e[0].startsWith('ratio:') && typeof e[1] === 'string',
        ),
      );
      const entries = Object.entries(values);
      const form = parseForm(
        shareRatiosBody,
        { shares: entries.map(([k, v]) => ({ successorId: k.slice('ratio:'.length), shareRatio: v })) },
        request.locale,
      );
      // Field errors point at the input they are about.
      const fieldOf = (field: string) => {
        const m = /^shares\.(\d+)\./.exec(field);
        const entry = m ? entries[Number(m[1])] : undefined;
        return entry ? entry[0] : field === 'shares' && entries[0] ? entries[0][0] : field;
      };
      if (!form.ok)
        return render(
          request,
          reply,
          { predecessorId: id, values, errors: form.errors.map((e) => ({ ...e, field: fieldOf(e.field) })) },
          400,
        );
      try {
        await setShareRatios(db, actorOf(request), id, form.data);
      } catch (e) {
        if (!(e instanceof AppError) || e.statusCode >= 500) throw e;
        const errors = translated(request, e).map((f) => ({ ...f, field: fieldOf(f.field) }));
        return render(
          request,
          reply,
          { predecessorId: id, values, errors, message: errors.length ? undefined : request.t(e.messageKey) },
          e.statusCode,
        );
      }
      return reply.redirect(`${LINEAGE_ADMIN_PATH}?predecessor=${encodeURIComponent(id)}&saved=1`, 303);
    },
  );

  app.get(
    '/api/v1/admin/lineage/settings',
    {
      config: admins,
      schema: {
        tags,
        summary: 'The default rule for the part of a split unit’s value that no share_ratio covers',
        response: { 200: defaultShareBody },
      },
    },
    async () => ({ defaultShareRule: await defaultShareRule(db) }),
  );

  app.put(
    '/api/v1/admin/lineage/settings',
    {
      config: admins,
      schema: {
        tags,
        summary:
          'Set the default rule for partial lineage links: `equal` (split equally) or `unassigned` (left out, reported); audited',
        body: defaultShareBody,
        response: { 200: defaultShareBody },
      },
    },
    async (request) => setDefaultShareRule(db, actorOf(request), request.body.defaultShareRule),
  );

  app.put(
    '/api/v1/admin/lineage/predecessors/:id/shares',
    {
      config: admins,
      schema: {
        tags,
        summary:
          'Set the share_ratio (0–1, null = default rule) of a split pre-2025 unit’s links; the recorded ratios may not exceed 1 in total; audited',
        params: predecessorParams,
        body: shareRatiosBody,
        response: { 200: z.object({ items: z.array(linkSchema) }) },
      },
    },
    async (request) => ({
      items: await setShareRatios(db, actorOf(request), request.params.id, request.body),
    }),
  );
}
