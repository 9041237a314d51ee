// Planners' pages: edit an indicator and its targets; approve or reject draft observations.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, type FieldError, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { agencyChoices } from '../agencies/queries.ts';
import { weightChoices } from './additive.ts';
import {
  DraftsPage,
  type FormValues,
  INDICATOR_FIELDS,
  IndicatorEditPage,
  indicatorValues,
  TARGET_FIELDS,
  TargetFormPage,
  targetValues,
} from './edit-pages.tsx';
import { listDrafts, loadIndicatorView } from './queries.ts';
import { INT4_MAX, indicatorBody, reviewBody, targetBody } from './schemas.ts';
import { thresholdsOf } from './thresholds.ts';
import { deleteTarget, reviewObservation, saveTarget, updateIndicator } from './use-cases.ts';

const PLANNERS = { access: ['admin', 'planner'] as const };
const hidden = { hide: true };
const codeParams = z.object({ code: z.string().min(1).max(100) });
const id = z.coerce.number().int().positive().max(INT4_MAX);
const targetParams = codeParams.extend({ id });
const idParams = z.object({ id });

function submitted(body: unknown, fields: readonly string[]): FormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const k of fields) if (typeof b[k] === 'string') values[k] = b[k];
  return values;
}

/** What a failed use case means for the form: field errors (400) or a message (409, 404…). */
function formFailure(request: FastifyRequest, error: unknown): { errors: FieldError[]; message?: string } {
  if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
  if (error.statusCode === 401 || error.statusCode === 403 || error.statusCode === 404) throw error;
  return {
    errors: error.fields.map((f) => ({ field: f.field, message: request.t(f.message) })),
    message: error.fields.length ? undefined : request.t(error.messageKey),
  };
}

export async function indicatorEditPages(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const options = { thresholds: thresholdsOf(config), includeDrafts: true };

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    extra: { values?: FormValues; errors?: FieldError[]; message?: string; notice?: string } = {},
    status = 200,
  ) => {
    const view = await loadIndicatorView(db, code, options);
    const weights = await weightChoices(db, view.indicator);
    const weightCode = weights.find((w) => w.id === view.indicator.weightIndicatorId)?.code;
    return sendPage(
      reply,
      h(IndicatorEditPage, {
        ctx: pageContext(request, reply),
        view,
        agencies: await agencyChoices(db, { activeOnly: true }),
        weights,
        ...extra,
        values: extra.values ?? indicatorValues(view.indicator, weightCode),
      }),
      status,
    );
  };

  app.get(
    '/indicators/:code/edit',
    { config: PLANNERS, schema: { ...hidden, params: codeParams } },
    async (request, reply) => {
      const saved = (request.query as Record<string, unknown>)?.saved;
      const notice =
        saved === '1'
          ? request.t('indicators.edit.saved')
          : saved === 'target'
            ? request.t('indicators.target.saved')
            : saved === 'deleted'
              ? request.t('indicators.target.deleted')
              : undefined;
      return renderEdit(request, reply, request.params.code, { notice });
    },
  );

  app.post(
    '/indicators/:code/edit',
    { config: PLANNERS, schema: { ...hidden, params: codeParams } },
    async (request, reply) => {
      const { code } = request.params;
      const values = submitted(request.body, INDICATOR_FIELDS);
      const form = parseForm(indicatorBody, values, request.locale);
      if (!form.ok) return renderEdit(request, reply, code, { values, errors: form.errors }, 400);
      try {
        await updateIndicator(db, actorOf(request), request.user!, code, form.data);
      } catch (error) {
        const failure = formFailure(request, error);
        return renderEdit(request, reply, code, { values, ...failure }, (error as AppError).statusCode);
      }
      return reply.redirect(`/indicators/${encodeURIComponent(code)}/edit?saved=1`, 303);
    },
  );

  const renderTarget = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    targetId: number | undefined,
    extra: { values?: FormValues; errors?: FieldError[]; message?: string } = {},
    status = 200,
  ) => {
    const view = await loadIndicatorView(db, code, options);
    let values = extra.values;
    if (!values) {
      const target = targetId === undefined ? undefined : view.targets.find((tg) => tg.id === targetId);
      if (targetId !== undefined && !target) throw notFound();
      values = target ? targetValues(target) : {};
    }
    return sendPage(
      reply,
      h(TargetFormPage, { ctx: pageContext(request, reply), view, targetId, ...extra, values }),
      status,
    );
  };

  const submitTarget = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    targetId: number | undefined,
  ) => {
    const values = submitted(request.body, TARGET_FIELDS);
    const form = parseForm(targetBody, values, request.locale);
    if (!form.ok) return renderTarget(request, reply, code, targetId, { values, errors: form.errors }, 400);
    try {
      await saveTarget(db, actorOf(request), request.user!, code, form.data, targetId);
    } catch (error) {
      const failure = formFailure(request, error);
      return renderTarget(
        request,
        reply,
        code,
        targetId,
        { values, ...failure },
        (error as AppError).statusCode,
      );
    }
    return reply.redirect(`/indicators/${encodeURIComponent(code)}/edit?saved=target`, 303);
  };

  app.get(
    '/indicators/:code/targets/new',
    { config: PLANNERS, schema: { ...hidden, params: codeParams } },
    async (request, reply) => renderTarget(request, reply, request.params.code, undefined),
  );
  app.post(
    '/indicators/:code/targets',
    { config: PLANNERS, schema: { ...hidden, params: codeParams } },
    async (request, reply) => submitTarget(request, reply, request.params.code, undefined),
  );
  app.get(
    '/indicators/:code/targets/:id',
    { config: PLANNERS, schema: { ...hidden, params: targetParams } },
    async (request, reply) => renderTarget(request, reply, request.params.code, request.params.id),
  );
  app.post(
    '/indicators/:code/targets/:id',
    { config: PLANNERS, schema: { ...hidden, params: targetParams } },
    async (request, reply) => submitTarget(request, reply, request.params.code, request.params.id),
  );
  app.post(
    '/indicators/:code/targets/:id/delete',
    { config: PLANNERS, schema: { ...hidden, params: targetParams } },
    async (request, reply) => {
      const { code, id } = request.params;
      await deleteTarget(db, actorOf(request), request.user!, code, id);
      return reply.redirect(`/indicators/${encodeURIComponent(code)}/edit?saved=deleted`, 303);
    },
  );

  // ---- draft observations ----

  const renderDrafts = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; message?: string } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      h(DraftsPage, { ctx: pageContext(request, reply), rows: await listDrafts(db), ...extra }),
      status,
    );

  app.get('/indicators/drafts', { config: PLANNERS, schema: hidden }, async (request, reply) => {
    const done = (request.query as Record<string, unknown>)?.done;
    const notice =
      done === 'approved' || done === 'rejected' ? request.t(`indicators.drafts.${done}`) : undefined;
    return renderDrafts(request, reply, { notice });
  });

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/indicators/drafts/:id/${decision}`,
      { config: PLANNERS, schema: { ...hidden, params: idParams } },
      async (request, reply) => {
        const form = parseForm(reviewBody, request.body, request.locale);
        if (!form.ok)
          return renderDrafts(request, reply, { message: form.errors.map((e) => e.message).join(' ') }, 400);
        try {
          await reviewObservation(
            db,
            actorOf(request),
            request.user!,
            request.params.id,
            decision,
            form.data,
          );
        } catch (error) {
          const failure = formFailure(request, error);
          return renderDrafts(request, reply, { message: failure.message }, (error as AppError).statusCode);
        }
        return reply.redirect(
          `/indicators/drafts?done=${decision === 'approve' ? 'approved' : 'rejected'}`,
          303,
        );
      },
    );
  }
}
