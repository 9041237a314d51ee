// JSON API: news, documents and readers' comments (post, moderate, answer).
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { getComment, moderateComment, publicComment, replyToComment, submitComment } from './comments.ts';
import {
  COMMENT_SORTS,
  DOCUMENT_SORTS,
  NEWS_SORTS,
  pageApprovedComments,
  pageDocuments,
  pageNews,
} from './queries.ts';
import { COMMENT_TARGETS } from './schema.ts';
import { commentBody, rejectBody, replyBody } from './schemas.ts';

const commentOut = z.object({
  id: z.number().int(),
  targetType: z.enum(COMMENT_TARGETS),
  targetId: z.number().int(),
  author: z.string().describe('A pseudonym; the name and email are never published'),
  body: z.string(),
  status: z.enum(['received', 'answered']),
  createdAt: z.string(),
  reply: z
    .object({ body: z.string(), agencyId: z.number().int().nullable(), repliedAt: z.string().nullable() })
    .nullable(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

/** Who moderates comments, and who gives the official reply (its agency scope is checked by the use case). */
export const MODERATORS = ['moderator', 'admin'] as const;
export const REPLIERS = ['planner', 'admin', 'agency_editor'] as const;

export const COMMENT_RATE_LIMIT = { max: 5, timeWindow: '10 minutes' };

export async function engagementApi(app: App, { db }: AppDeps): Promise<void> {
  app.get(
    '/api/v1/news',
    {
      config: { access: 'public' },
      schema: {
        tags: ['news'],
        summary: 'Published news, newest first; sortable, filtered by `q`, paged with `cursor`',
        querystring: collectionQuery({
          sorts: NEWS_SORTS,
          defaultSort: '-published',
          filters: {
            q: z
              .string()
              .trim()
              .min(1)
              .max(200)
              .optional()
              .describe('Words of the title or summary, diacritics ignored')
              .meta({ example: 'khu cong nghiep' }),
          },
        }),
        response: {
          200: collectionResponse(
            z.object({
              slug: z.string(),
              titleVi: z.string(),
              summaryVi: z.string().nullable(),
              publishedAt: z.string().nullable(),
              sources: z.array(z.string()),
              isSample: z.boolean(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const page = await pageNews(db, request.query);
      return {
        items: page.items.map((p) => ({ ...p, publishedAt: p.publishedAt?.toISOString() ?? null })),
        nextCursor: page.nextCursor,
      };
    },
  );
  app.get(
    '/api/v1/documents',
    {
      config: { access: 'public' },
      schema: {
        tags: ['news'],
        summary:
          'The document library (number null = not known, never invented), newest first; sortable, filtered, paged with `cursor`',
        querystring: collectionQuery({
          sorts: DOCUMENT_SORTS,
          defaultSort: '-issued',
          filters: {
            docType: z.string().trim().max(50).optional().meta({ example: 'decision' }),
            effectStatus: z.string().trim().max(50).optional().meta({ example: 'in_force' }),
            planCode: z
              .string()
              .trim()
              .max(100)
              .optional()
              .describe('Documents of one plan')
              .meta({ example: 'TN-2021-2030' }),
          },
        }),
        response: {
          200: collectionResponse(
            z.object({
              code: z.string(),
              number: z.string().nullable(),
              docType: z.string(),
              titleVi: z.string().nullable(),
              issuerVi: z.string().nullable(),
              issuedOn: z.string().nullable(),
              effectStatus: z.string(),
              summaryVi: z.string().nullable(),
              sources: z.array(z.string()),
            }),
          ),
        },
      },
    },
    async (request) => pageDocuments(db, request.query),
  );
  app.get(
    '/api/v1/comments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['comments'],
        summary:
          'Published comments on a section, an item or a news post, with official answers; oldest first, paged with `cursor`',
        querystring: collectionQuery({
          sorts: COMMENT_SORTS,
          defaultSort: 'created',
          filters: {
            targetType: z.enum(COMMENT_TARGETS).meta({ example: 'section' }),
            targetId: z.coerce.number().int().positive().meta({ example: 1 }),
            answered: z.enum(['true', 'false']).optional().describe('Only answered (or unanswered) comments'),
          },
        }),
        response: { 200: collectionResponse(commentOut) },
      },
    },
    async (request) => {
      const page = await pageApprovedComments(db, request.query);
      return { items: page.items.map(publicComment), nextCursor: page.nextCursor };
    },
  );
  app.post(
    '/api/v1/comments',
    {
      config: { access: 'public', rateLimit: COMMENT_RATE_LIMIT },
      schema: {
        tags: ['comments'],
        summary:
          'Send a comment (published after moderation). An email needs consent=true (Law 91/2025); `website` is a honeypot and must stay empty. Rate-limited per IP.',
        body: commentBody,
        response: {
          201: z.object({ id: z.number().int(), status: z.literal('received'), author: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const c = await submitComment(db, actorOf(request), request.body, request.ip);
      return reply.code(201).send({ id: c.id, status: 'received' as const, author: c.pseudonym });
    },
  );
  const moderators = { access: MODERATORS };
  app.post(
    '/api/v1/comments/:id/approve',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: 'Approve a comment (moderators)',
        params: idParams,
        response: { 200: commentOut },
      },
    },
    async (request) =>
      publicComment(
        await moderateComment(db, actorOf(request), request.user, request.params.id, { state: 'approved' }),
      ),
  );
  app.post(
    '/api/v1/comments/:id/reject',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: 'Reject a comment with a reason (moderators)',
        params: idParams,
        body: rejectBody,
        response: { 200: z.object({ id: z.number().int(), state: z.string() }) },
      },
    },
    async (request) => {
      const c = await moderateComment(db, actorOf(request), request.user, request.params.id, {
        state: 'rejected',
        reason: request.body.reason,
      });
      return { id: c.id, state: c.state };
    },
  );
  app.post(
    '/api/v1/comments/:id/reply',
    {
      config: { access: REPLIERS },
      schema: {
        tags: ['comments'],
        summary: 'Official answer (planners; agency editors for items of their agency)',
        params: idParams,
        body: replyBody,
        response: { 200: commentOut },
      },
    },
    async (request) => {
      await getComment(db, request.params.id);
      return publicComment(
        await replyToComment(db, actorOf(request), request.user, request.params.id, request.body.body),
      );
    },
  );
}
