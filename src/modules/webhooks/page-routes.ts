import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { type WebhookFormValues, WebhooksPage } from './pages.tsx';
import { listDeliveries, listSubscriptions } from './queries.ts';
import { createSubscriptionForm } from './schemas.ts';
import { createSubscription, replayDelivery, setSubscriptionActive } from './use-cases.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const NOTICES: Record<string, string> = {
  paused: 'webhooks.pausedNotice',
  resumed: 'webhooks.resumedNotice',
  replayed: 'webhooks.replayedNotice',
};

export async function webhooksPages(app: App, { db, config }: AppDeps): Promise<void> {
  const admin = { access: ['admin'] as const };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      newSecret?: string;
      notice?: string;
      values?: WebhookFormValues;
      errors?: { field: string; message: string }[];
    } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      h(WebhooksPage, {
        ctx: pageContext(request, reply),
        subscriptions: await listSubscriptions(db),
        deliveries: await listDeliveries(db, { limit: 100 }),
        ...extra,
      }),
      status,
    );

  app.get('/admin/webhooks', { config: admin, schema: { hide: true } }, async (request, reply) => {
    const done = (request.query as Record<string, unknown>).done;
    const key = typeof done === 'string' ? NOTICES[done] : undefined;
    return render(request, reply, { notice: key ? request.t(key) : undefined });
  });

  app.post('/admin/webhooks', { config: admin, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(createSubscriptionForm, body, request.locale);
    const events = body.events === undefined ? [] : [body.events].flat().map(String);
    const values = { url: String(body.url ?? ''), description: String(body.description ?? ''), events };
    if (!form.ok) return render(request, reply, { values, errors: form.errors }, 400);
    try {
      const r = await createSubscription(db, actorOf(request), form.data, {
        allowPrivate: config.webhookAllowPrivate,
      });
      return render(request, reply, { newSecret: r.secret }, 201);
    } catch (error) {
      // A refused address is shown next to the field, with what was typed kept.
      if (!(error instanceof AppError) || error.fields.length === 0) throw error;
      const errors = error.fields.map((f) => ({ field: f.field, message: request.t(f.message) }));
      return render(request, reply, { values, errors }, 400);
    }
  });

  for (const [action, active] of [
    ['pause', false],
    ['resume', true],
  ] as const) {
    app.post(
      `/admin/webhooks/:id/${action}`,
      { config: admin, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        await setSubscriptionActive(db, actorOf(request), request.params.id, active);
        return reply.redirect(`/admin/webhooks?done=${active ? 'resumed' : 'paused'}`, 303);
      },
    );
  }

  app.post(
    '/admin/webhooks/deliveries/:id/replay',
    { config: admin, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      await replayDelivery(db, actorOf(request), request.params.id);
      return reply.redirect('/admin/webhooks?done=replayed', 303);
    },
  );
}
