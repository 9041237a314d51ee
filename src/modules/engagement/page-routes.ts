// Public pages: news (with newer/older and an Atom feed), documents, the comment
// form; staff pages: moderation and official answers.

import { inArray } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import { h } from 'preact';
import { z } from 'zod';
import type { Access } from '../../kernel/http/context.ts';
import { AppError, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { baseUrlOf, pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { Layout } from '../../kernel/ui/layout.tsx';
import { actorOf } from '../accounts/authenticate.ts';
import { agencies } from '../agencies/schema.ts';
import { itemPath, sectionPagePath } from '../plan/paths.ts';
import { planItems, planSections } from '../plan/schema.ts';
import { COMMENT_RATE_LIMIT, MODERATORS, REPLIERS } from './api.ts';
import {
  approvedAwaitingReply,
  approvedComments,
  type Comment,
  mayModerate,
  mayReply,
  moderateComment,
  pendingComments,
  replyToComment,
  submitComment,
} from './comments.ts';
import { CommentsBlock, DocumentsPage, ModerationPage, NewsListPage, NewsPage } from './pages.tsx';
import { getNews, listDocuments, listNews, newsNeighbours } from './queries.ts';
import { newsPosts } from './schema.ts';
import { commentBody, rejectBody, replyBody } from './schemas.ts';

const safeBack = (v: unknown) =>
  typeof v === 'string' && /^\/(?!\/)[^\s]*$/.test(v) ? v.split('#')[0]! : '/';

export async function engagementPages(app: App, { db }: AppDeps): Promise<void> {
  const pub = { config: { access: 'public' as const } };

  app.get('/tin-tuc', { ...pub, schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, h(NewsListPage, { ctx: pageContext(request, reply), posts: await listNews(db) })),
  );

  app.get('/tin-tuc/feed.xml', { ...pub, schema: { hide: true } }, async (request, reply) => {
    const base = baseUrlOf(request);
    const posts = await listNews(db, 30);
    const feed = new Feed({
      title: 'Tin tức quy hoạch tỉnh',
      description: 'Tin tức, thông báo về quy hoạch tỉnh',
      id: `${base}/tin-tuc`,
      link: `${base}/tin-tuc`,
      language: 'vi',
      copyright: 'AGPL-3.0-or-later; dữ liệu theo nguồn ghi kèm',
      updated: posts[0]?.publishedAt ?? new Date(0),
      feedLinks: { atom: `${base}/tin-tuc/feed.xml` },
    });
    for (const p of posts)
      feed.addItem({
        title: p.titleVi,
        id: `${base}/tin-tuc/${p.slug}`,
        link: `${base}/tin-tuc/${p.slug}`,
        description: p.summaryVi ?? '',
        content: p.bodyVi,
        date: p.publishedAt ?? new Date(0),
      });
    return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1());
  });

  app.get(
    '/tin-tuc/:slug',
    { ...pub, schema: { hide: true, params: z.object({ slug: z.string().max(120) }) } },
    async (request, reply) => {
      const post = await getNews(db, request.params.slug);
      if (!post) throw notFound();
      const { newer, older } = await newsNeighbours(db, post);
      const after = await commentsBlock(request, reply, { type: 'news', id: post.id });
      return sendPage(reply, h(NewsPage, { ctx: pageContext(request, reply), post, newer, older, after }));
    },
  );

  app.get('/van-ban', { ...pub, schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, h(DocumentsPage, { ctx: pageContext(request, reply), docs: await listDocuments(db) })),
  );

  async function commentsBlock(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { type: 'section' | 'item' | 'news'; id: number },
  ) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const list = await approvedComments(db, target.type, target.id);
    const agencyIds = [
      ...new Set(list.map((c) => c.replyAgencyId).filter((id): id is number => id !== null)),
    ];
    const names = agencyIds.length
      ? await db
          .select({ id: agencies.id, nameVi: agencies.nameVi, nameEn: agencies.nameEn })
          .from(agencies)
          .where(inArray(agencies.id, agencyIds))
      : [];
    return h(CommentsBlock, {
      ctx: pageContext(request, reply),
      target,
      comments: list,
      replyAgencies: new Map(names.map((a) => [a.id, a])),
      back: request.url.split('?')[0] ?? '/',
      form: query.gui === '1' ? { notice: request.t('comments.received') } : undefined,
    });
  }
  engagementHooks.commentsBlock = commentsBlock;

  app.post(
    '/y-kien',
    { config: { access: 'public', rateLimit: COMMENT_RATE_LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const back = safeBack(body.back);
      const values = Object.fromEntries(
        ['body', 'name', 'email', 'consent'].map((k) => [
          k,
          typeof body[k] === 'string' ? (body[k] as string) : '',
        ]),
      );
      const target = { type: String(body.targetType ?? 'item'), id: Number(body.targetId) || 0 };
      const renderError = (errors: { field: string; message: string }[], status: number) => {
        const ctx = pageContext(request, reply);
        return sendPage(
          reply,
          h(Layout, {
            ctx,
            meta: { title: request.t('comments.form'), noindex: true },
            children: [
              h('h1', {}, request.t('comments.form')),
              h('p', {}, h('a', { href: back }, request.t('common.back'))),
              h(CommentsBlock, { ctx, target, comments: [], back, form: { values, errors } }),
            ],
          }),
          status,
        );
      };
      const form = parseForm(commentBody, body, request.locale);
      if (!form.ok) return renderError(form.errors, 400);
      try {
        await submitComment(db, actorOf(request), form.data, request.ip);
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 400) {
          const fields = err.fields.length ? err.fields : [{ field: 'body', message: err.messageKey }];
          return renderError(
            fields.map((f) => ({ field: f.field, message: request.t(f.message) })),
            400,
          );
        }
        throw err;
      }
      return reply.redirect(`${back}?gui=1#y-kien`, 303);
    },
  );

  // ---- staff
  const staff = { access: ['moderator', 'admin', 'planner', 'agency_editor'] as const };
  async function targetUrls(list: Comment[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const { eq } = await import('drizzle-orm');
    for (const c of list) {
      const key = `${c.targetType}:${c.targetId}`;
      if (out.has(key)) continue;
      if (c.targetType === 'section') {
        const [s] = await db
          .select({ slug: planSections.slug })
          .from(planSections)
          .where(eq(planSections.id, c.targetId));
        out.set(key, s ? sectionPagePath(s.slug) : '/');
      } else if (c.targetType === 'item') {
        const [i] = await db
          .select({ kind: planItems.kind, slug: planItems.slug })
          .from(planItems)
          .where(eq(planItems.id, c.targetId));
        out.set(key, i ? itemPath(i.kind, i.slug) : '/');
      } else {
        const [n] = await db
          .select({ slug: newsPosts.slug })
          .from(newsPosts)
          .where(eq(newsPosts.id, c.targetId));
        out.set(key, n ? `/tin-tuc/${n.slug}` : '/');
      }
    }
    return out;
  }
  async function renderModeration(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; message?: string } = {},
    status = 200,
  ) {
    const canModerate = mayModerate(request.user);
    const pending = canModerate ? await pendingComments(db) : [];
    // Each officer sees the comments they may answer (an agency editor: those on their agency's items).
    const awaiting = [];
    if (request.user?.role !== 'moderator')
      for (const c of await approvedAwaitingReply(db))
        if (await mayReply(db, request.user, c)) awaiting.push(c);
    const urls = await targetUrls([...pending, ...awaiting]);
    return sendPage(
      reply,
      h(ModerationPage, {
        ctx: pageContext(request, reply),
        pending,
        awaiting,
        canModerate,
        targetUrl: (c: Comment) => urls.get(`${c.targetType}:${c.targetId}`) ?? '/',
        ...extra,
      }),
      status,
    );
  }
  app.get('/admin/y-kien', { config: staff, schema: { hide: true } }, async (request, reply) => {
    const q = (request.query ?? {}) as Record<string, unknown>;
    return renderModeration(request, reply, {
      notice: q.done === '1' ? request.t('comments.done') : undefined,
    });
  });
  const idParams = z.object({ id: z.coerce.number().int().positive() });
  const act = (
    path: string,
    access: Access,
    run: (request: FastifyRequest & { params: { id: number } }) => Promise<unknown>,
  ) =>
    app.post(
      path,
      { config: { access }, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        try {
          await run(request as FastifyRequest & { params: { id: number } });
        } catch (err) {
          if (
            !(err instanceof AppError) ||
            err.statusCode >= 500 ||
            err.statusCode === 403 ||
            err.statusCode === 404
          )
            throw err;
          const message = err.fields.length ? request.t(err.fields[0]!.message) : request.t(err.messageKey);
          return renderModeration(request, reply, { message }, err.statusCode);
        }
        return reply.redirect('/admin/y-kien?done=1', 303);
      },
    );
  act('/admin/y-kien/:id/approve', MODERATORS, (r) =>
    moderateComment(db, actorOf(r), r.user, r.params.id, { state: 'approved' }),
  );
  act('/admin/y-kien/:id/reject', MODERATORS, async (r) => {
    const form = parseForm(rejectBody, r.body, r.locale);
    if (!form.ok) throw new AppError(400, 'validation_failed', 'engagement.error.reason');
    return moderateComment(db, actorOf(r), r.user, r.params.id, {
      state: 'rejected',
      reason: form.data.reason,
    });
  });
  act('/admin/y-kien/:id/reply', REPLIERS, async (r) => {
    const form = parseForm(replyBody, r.body, r.locale);
    if (!form.ok) throw new AppError(400, 'validation_failed', 'engagement.error.bodyShort');
    return replyToComment(db, actorOf(r), r.user, r.params.id, form.data.body);
  });
}

/** Set when the routes are registered; used by the plan module's content hook. */
export const engagementHooks: {
  commentsBlock?: (
    request: FastifyRequest,
    reply: FastifyReply,
    target: { type: 'section' | 'item' | 'news'; id: number },
  ) => Promise<preact.ComponentChildren>;
} = {};
