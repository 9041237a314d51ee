import { h } from 'preact';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { AppModule } from '../../kernel/module.ts';
import { mapLayers } from '../plan/map-layers.ts';
import { listItemLinks, listPlansWithContents } from '../plan/queries.ts';
import { homeBlocks } from './blocks.ts';
import { homeMessages } from './messages.ts';
import { DataSourcesPage, HomePage } from './pages.tsx';

/** The plan shown on the home page: the newest approved version for the province, else the newest. */
function featuredPlan<P extends { status: string; provinceCode: string; versionNumber: number }>(
  plans: P[],
  provinceCode: string,
): P | null {
  const own = plans.filter((p) => p.provinceCode === provinceCode);
  const approved = own
    .filter((p) => p.status === 'approved')
    .sort((a, b) => b.versionNumber - a.versionNumber);
  return approved[0] ?? own[0] ?? null;
}

export const homeModule: AppModule = {
  name: 'home',
  messages: homeMessages,
  nav: [{ href: '/', labelKey: 'home.nav', area: 'public', order: 0 }],
  routes: async (app, { db, config }) => {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      // The blocks' reads go while the plans are read: the page waits for the slowest, not the sum.
      const [{ plans, contents }, extra] = await Promise.all([
        listPlansWithContents(db),
        Promise.all(homeBlocks().map((block) => block(request, reply))),
      ]);
      const featured = featuredPlan(plans, config.provinceCode);
      const items = contents ? await listItemLinks(db, contents.id) : [];
      return sendPage(
        reply,
        h(HomePage, {
          ctx: pageContext(request, reply),
          featured,
          plans,
          contents,
          items,
          extra,
          mapLayers: mapLayers(),
        }),
      );
    });
    app.get('/about/data', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
      sendPage(reply, h(DataSourcesPage, { ctx: pageContext(request, reply) })),
    );
  },
};
