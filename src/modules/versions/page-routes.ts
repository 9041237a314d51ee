// Public pages of plan versions under /phien-ban-quy-hoach; planners start a new version.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, type FieldError, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { getPlan } from '../plan/queries.ts';
import { ComparePage, VERSIONS_PATH, VersionPage, VersionsIndexPage, versionPath } from './pages.tsx';
import { getVersion, plansWithVersions } from './queries.ts';
import { compareQuery, newVersionBody } from './schemas.ts';
import { compareVersions, createVersion, mayCreateVersion } from './use-cases.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const lang = (request: FastifyRequest) => (request.locale === 'en' ? '?lang=en' : '');

export async function versionsPages(app: App, { db }: AppDeps): Promise<void> {
  const renderIndex = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; errorPlanId?: number; values?: Record<string, string> } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      h(VersionsIndexPage, {
        ctx: pageContext(request, reply),
        plans: await plansWithVersions(db),
        canCreate: mayCreateVersion(request.user),
        ...extra,
      }),
      status,
    );

  app.get(VERSIONS_PATH, { config: { access: 'public' }, schema: { hide: true } }, (request, reply) =>
    renderIndex(request, reply),
  );

  app.post(
    `${VERSIONS_PATH}/ke-hoach/:id`,
    { config: { access: ['planner', 'admin'] }, schema: { hide: true } },
    async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        Object.entries(body).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf',
        ),
      );
      const form = parseForm(newVersionBody, body, request.locale);
      if (!form.ok) return renderIndex(request, reply, { errors: form.errors, errorPlanId: id, values }, 400);
      try {
        const row = await createVersion(db, actorOf(request), request.user, id, form.data);
        const q = lang(request);
        return reply.redirect(`${versionPath(row.id)}${q ? `${q}&` : '?'}created=1`, 303);
      } catch (e) {
        if (e instanceof AppError && e.statusCode === 409)
          return renderIndex(
            request,
            reply,
            { errors: [{ field: 'labelVi', message: request.t(e.messageKey) }], errorPlanId: id, values },
            409,
          );
        throw e;
      }
    },
  );

  app.get(
    `${VERSIONS_PATH}/so-sanh`,
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const versions = (await plansWithVersions(db)).flatMap((p) => p.versions);
      const ctx = pageContext(request, reply);
      const q = request.query as Record<string, unknown>;
      if (q.from === undefined && q.to === undefined)
        return sendPage(reply, h(ComparePage, { ctx, versions }));
      const parsed = compareQuery.safeParse(q);
      if (!parsed.success)
        return sendPage(
          reply,
          h(ComparePage, { ctx, versions, message: request.t('versions.error.choose') }),
          400,
        );
      try {
        const r = await compareVersions(db, parsed.data.from, parsed.data.to);
        return sendPage(reply, h(ComparePage, { ctx, versions, ...r }));
      } catch (e) {
        if (!(e instanceof AppError) || e.statusCode >= 500) throw e;
        return sendPage(
          reply,
          h(ComparePage, { ctx, versions, message: request.t(e.messageKey, e.params) }),
          e.statusCode,
        );
      }
    },
  );

  app.get(
    `${VERSIONS_PATH}/:id`,
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const v = await getVersion(db, id);
      if (!v) throw notFound();
      const plan = await getPlan(db, v.planId);
      const previous = v.previousVersionId ? await getVersion(db, v.previousVersionId) : null;
      const planName = plan ? (request.locale === 'en' && plan.nameEn ? plan.nameEn : plan.nameVi) : '';
      return sendPage(
        reply,
        h(VersionPage, {
          ctx: pageContext(request, reply),
          v,
          planName,
          previous,
          created: (request.query as Record<string, unknown>).created === '1',
        }),
      );
    },
  );
}
