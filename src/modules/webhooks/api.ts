// Admin API for webhooks: subscriptions, their deliveries and attempts, replay.
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import {
  ATTEMPT_SORTS,
  apiAttempt,
  apiDelivery,
  DELIVERY_SORTS,
  getSubscription,
  pageAttempts,
  pageDeliveries,
  pageSubscriptions,
  publicSubscription,
  SUBSCRIPTION_SORTS,
} from './queries.ts';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from './schema.ts';
import { createSubscriptionBody, setActiveBody } from './schemas.ts';
import { createSubscription, replayDelivery, setSubscriptionActive } from './use-cases.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });

const subscriptionSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    active: z.boolean(),
    rowVersion: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('A webhook subscription (its secret is shown only when it is created)');

const deliverySchema = z.object({
  id: z.number().int(),
  subscriptionId: z.number().int(),
  event: z.enum(WEBHOOK_EVENTS),
  payload: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  replayOfId: z.number().int().nullable(),
  createdAt: z.string(),
});

const attemptSchema = z.object({
  id: z.number().int(),
  deliveryId: z.number().int(),
  attemptedAt: z.string(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  responseSnippet: z.string().nullable(),
  durationMs: z.number().int(),
});

export async function webhooksApi(app: App, { db, config }: AppDeps): Promise<void> {
  const admin = { access: ['admin'] as const };
  const tags = ['webhooks'];

  app.get(
    '/api/v1/webhooks',
    {
      config: admin,
      schema: {
        tags,
        summary: 'List webhook subscriptions, oldest first; filtered, paged with `cursor`',
        querystring: collectionQuery({
          sorts: SUBSCRIPTION_SORTS,
          defaultSort: 'created',
          filters: {
            active: z.enum(['true', 'false']).optional().meta({ example: 'true' }),
            event: z
              .enum(WEBHOOK_EVENTS)
              .optional()
              .describe('Subscriptions to this event')
              .meta({ example: 'report.approved' }),
          },
        }),
        response: { 200: collectionResponse(subscriptionSchema) },
      },
    },
    async (request) => {
      const page = await pageSubscriptions(db, request.query);
      return { items: page.items.map(publicSubscription), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/webhooks',
    {
      config: admin,
      schema: {
        tags,
        summary:
          'Register a URL for events; returns the HMAC-SHA256 signing secret once. A URL on a private address (loopback, ' +
          'RFC 1918, link-local, CGNAT, fc00::/7, or a name resolving to one) is refused with 400 unless WEBHOOK_ALLOW_PRIVATE=true. ' +
          'Deliveries are POSTed as JSON with ' +
          'X-QuyHoach-Signature: sha256=hex(HMAC(secret, "<X-QuyHoach-Timestamp>.<body>"))',
        body: createSubscriptionBody,
        response: { 201: z.object({ subscription: subscriptionSchema, secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const r = await createSubscription(db, actorOf(request), request.body, {
        allowPrivate: config.webhookAllowPrivate,
      });
      return reply.code(201).send({ subscription: publicSubscription(r.subscription), secret: r.secret });
    },
  );

  app.post(
    '/api/v1/webhooks/:id/active',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Pause or resume a subscription',
        params: idParams,
        body: setActiveBody,
        response: { 200: subscriptionSchema },
      },
    },
    async (request) =>
      publicSubscription(
        await setSubscriptionActive(db, actorOf(request), request.params.id, request.body.active),
      ),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: admin,
      schema: {
        tags,
        summary: 'The deliveries to a subscription, newest first; filtered, paged with `cursor`',
        params: idParams,
        querystring: collectionQuery({
          sorts: DELIVERY_SORTS,
          defaultSort: '-created',
          defaultLimit: 100,
          filters: {
            status: z.enum(DELIVERY_STATUSES).optional().meta({ example: 'failed' }),
            event: z.enum(WEBHOOK_EVENTS).optional().meta({ example: 'task.status_changed' }),
          },
        }),
        response: { 200: collectionResponse(deliverySchema) },
      },
    },
    async (request) => {
      await getSubscription(db, request.params.id);
      const page = await pageDeliveries(db, request.params.id, request.query);
      return { items: page.items.map(apiDelivery), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/webhook-deliveries/:id/attempts',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Every attempt of a delivery, with the receiver’s answer; oldest first, paged with `cursor`',
        params: idParams,
        querystring: collectionQuery({ sorts: ATTEMPT_SORTS, defaultSort: 'attempted', filters: {} }),
        response: { 200: collectionResponse(attemptSchema) },
      },
    },
    async (request) => {
      const page = await pageAttempts(db, request.params.id, request.query);
      return { items: page.items.map(apiAttempt), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/webhook-deliveries/:id/replay',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Send a delivery again (queued as a new delivery naming the one it replays)',
        params: idParams,
        response: { 201: deliverySchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(apiDelivery(await replayDelivery(db, actorOf(request), request.params.id))),
  );
}
