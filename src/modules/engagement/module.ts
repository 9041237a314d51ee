import { h } from 'preact';
import { pageContext } from '../../kernel/http/pages.ts';
import type { AppModule } from '../../kernel/module.ts';
import { registerHomeBlock } from '../home/blocks.ts';
import { registerContentHook } from '../plan/hooks.ts';
import { engagementAdminRoutes } from './admin-routes.ts';
import { engagementApi } from './api.ts';
import { engagementMessages } from './messages.ts';
import { engagementHooks, engagementPages } from './page-routes.ts';
import { NewsList } from './pages.tsx';
import { listNews } from './queries.ts';
import { seedEngagement } from './seed.ts';

export const engagementModule: AppModule = {
  name: 'engagement',
  messages: engagementMessages,
  nav: [
    { href: '/tin-tuc', labelKey: 'news.nav', area: 'public', order: 40 },
    { href: '/van-ban', labelKey: 'docs.nav', area: 'public', order: 50 },
    {
      href: '/admin/y-kien',
      labelKey: 'comments.moderation',
      area: 'staff',
      roles: ['moderator', 'admin', 'planner', 'agency_editor'],
      order: 30,
    },
    {
      href: '/admin/tin-tuc',
      labelKey: 'staff.news.title',
      area: 'staff',
      roles: ['planner', 'admin'],
      order: 31,
    },
    {
      href: '/admin/van-ban',
      labelKey: 'staff.docs.title',
      area: 'staff',
      roles: ['planner', 'admin'],
      order: 32,
    },
  ],
  routes: async (app, deps) => {
    await engagementApi(app, deps);
    await engagementPages(app, deps);
    await engagementAdminRoutes(app, deps);
    registerContentHook({
      afterTarget: async (request, reply, target) =>
        engagementHooks.commentsBlock?.(request, reply, target) ?? null,
      sitemapPaths: async () => [
        '/tin-tuc',
        '/van-ban',
        ...(await listNews(deps.db)).map((p) => `/tin-tuc/${p.slug}`),
      ],
    });
    registerHomeBlock(async (request, reply) => {
      const posts = await listNews(deps.db, 3);
      if (posts.length === 0) return null;
      const ctx = pageContext(request, reply);
      return h('section', { 'aria-labelledby': 'news-h' }, [
        h('h2', { id: 'news-h' }, ctx.t('news.latest')),
        h(NewsList, { ctx, posts }),
        h('p', {}, h('a', { href: '/tin-tuc' }, ctx.t('news.title'))),
      ]);
    });
  },
  seed: (db) => seedEngagement(db),
};
