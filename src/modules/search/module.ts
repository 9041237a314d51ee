import { h } from 'preact';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { AppModule } from '../../kernel/module.ts';
import { searchApi, searchQuery } from './api.ts';
import { searchMessages } from './messages.ts';
import { SearchPage } from './pages.tsx';
import { search } from './queries.ts';
import { SEARCH_TYPES } from './register.ts';

export const searchModule: AppModule = {
  name: 'search',
  messages: searchMessages,
  nav: [{ href: '/tim-kiem', labelKey: 'search.title', area: 'public', order: 90 }],
  routes: async (app, deps) => {
    await searchApi(app, deps);
    app.get('/tim-kiem', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const parsed = searchQuery.safeParse(request.query ?? {});
      const q = parsed.success ? parsed.data.q.trim() : '';
      const type = parsed.success && parsed.data.type ? parsed.data.type : undefined;
      const result = q ? await search(deps.db, q, { type, limit: 50 }) : null;
      return sendPage(
        reply,
        h(SearchPage, { ctx: pageContext(request, reply), q, type, result, types: [...SEARCH_TYPES] }),
      );
    });
  },
};
