// Public pages of plan versions under /phien-ban-quy-hoach; planners start a new version.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, conflict, type FieldError, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { getPlan } from '../plan/queries.ts';
import {
  ComparePage,
  type EditValues,
  sectionFormValues,
  targetFormValues,
  VERSIONS_PATH,
  VersionPage,
  VersionSectionPage,
  VersionsIndexPage,
  VersionTargetPage,
  versionPath,
} from './pages.tsx';
import { getVersion, type PlanVersion, plansWithVersions } from './queries.ts';
import { compareQuery, newVersionBody, versionSectionBody, versionTargetBody } from './schemas.ts';
import {
  compareVersions,
  createVersion,
  editVersionSection,
  editVersionTarget,
  mayCreateVersion,
  mayEditVersion,
} from './use-cases.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const entryParams = z.object({ id: z.coerce.number().int().positive(), key: z.string().min(1).max(300) });
const PLANNERS = { access: ['planner', 'admin'] as const };

/** The form's fields as sent (strings only), to show them back with the errors. */
function submitted(body: unknown, fields: readonly string[]): EditValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const values: EditValues = {};
  for (const k of fields) if (typeof b[k] === 'string') values[k] = b[k];
  return values;
}
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
          saved: (request.query as Record<string, unknown>).saved === '1',
          canEdit: mayEditVersion(request.user, v),
          isEditor: mayCreateVersion(request.user),
        }),
      );
    },
  );

  // ---- editing a draft version: one target, one section (planners, administrators) ----

  type Extra = { values?: EditValues; errors?: FieldError[]; message?: string };
  type Part = {
    path: string;
    fields: readonly string[];
    page(
      request: FastifyRequest,
      reply: FastifyReply,
      v: PlanVersion,
      key: string,
      extra: Extra,
      status?: number,
    ): FastifyReply;
    /** field errors, or null when saved */
    save(request: FastifyRequest, id: number, key: string, values: EditValues): Promise<FieldError[] | null>;
  };
  const parts: Part[] = [
    {
      path: 'chi-tieu',
      fields: ['rowVersion', 'value', 'min', 'max', 'comparator', 'note'],
      page: (
        request: FastifyRequest,
        reply: FastifyReply,
        v: PlanVersion,
        key: string,
        extra: Extra,
        status = 200,
      ) => {
        const target = v.snapshot.targets.find((x) => x.key === key);
        if (!target) throw notFound('versions.error.entryNotFound');
        const values = extra.values ?? targetFormValues(v, target);
        const ctx = pageContext(request, reply);
        return sendPage(reply, h(VersionTargetPage, { ctx, v, target, ...extra, values }), status);
      },
      save: async (request: FastifyRequest, id: number, key: string, values: EditValues) => {
        const form = parseForm(versionTargetBody, values, request.locale);
        if (!form.ok) return form.errors;
        await editVersionTarget(db, actorOf(request), request.user, id, key, form.data);
        return null;
      },
    },
    {
      path: 'muc',
      fields: ['rowVersion', 'titleVi', 'bodyVi'],
      page: (
        request: FastifyRequest,
        reply: FastifyReply,
        v: PlanVersion,
        key: string,
        extra: Extra,
        status = 200,
      ) => {
        const section = v.snapshot.sections.find((x) => x.key === key);
        if (!section) throw notFound('versions.error.entryNotFound');
        const values = extra.values ?? sectionFormValues(v, section);
        const ctx = pageContext(request, reply);
        return sendPage(reply, h(VersionSectionPage, { ctx, v, section, ...extra, values }), status);
      },
      save: async (request: FastifyRequest, id: number, key: string, values: EditValues) => {
        const form = parseForm(versionSectionBody, values, request.locale);
        if (!form.ok) return form.errors;
        await editVersionSection(db, actorOf(request), request.user, id, key, form.data);
        return null;
      },
    },
  ];

  for (const part of parts) {
    const url = `${VERSIONS_PATH}/:id/${part.path}/:key`;
    const load = async (id: number) => {
      const v = await getVersion(db, id);
      if (!v) throw notFound('versions.error.notFound');
      return v;
    };
    app.get(
      url,
      { config: PLANNERS, schema: { hide: true, params: entryParams } },
      async (request, reply) => {
        const v = await load(request.params.id);
        // An adopted or approved version is read-only: its form is not offered.
        if (v.status !== 'draft') throw conflict('versions.error.notDraft', { status: v.status });
        return part.page(request, reply, v, request.params.key, {});
      },
    );
    app.post(
      url,
      { config: PLANNERS, schema: { hide: true, params: entryParams } },
      async (request, reply) => {
        const { id, key } = request.params;
        const values = submitted(request.body, part.fields);
        try {
          const errors = await part.save(request, id, key, values);
          if (errors) return part.page(request, reply, await load(id), key, { values, errors }, 400);
        } catch (e) {
          // No longer a draft: the error page says so. Stale: the form again, from what is stored now.
          if (!(e instanceof AppError) || e.messageKey !== 'versions.error.stale') throw e;
          const message = request.t(e.messageKey, e.params);
          return part.page(request, reply, await load(id), key, { message }, 409);
        }
        const q = lang(request);
        return reply.redirect(`${versionPath(id)}${q ? `${q}&` : '?'}saved=1`, 303);
      },
    );
  }
}
