import type { AppModule } from '../../kernel/module.ts';
import { landuseApi } from './api.ts';
import { landuseMessages } from './messages.ts';
import { landusePages } from './page-routes.ts';
import { seedLanduse } from './seed.ts';

export const landuseModule: AppModule = {
  name: 'landuse',
  messages: landuseMessages,
  nav: [
    {
      href: '/landuse',
      labelKey: 'landuse.nav',
      roles: ['admin', 'planner', 'agency_editor', 'agency_viewer', 'leader'],
      area: 'staff',
      order: 41,
    },
  ],
  routes: async (app, deps) => {
    await landuseApi(app, deps);
    await landusePages(app, deps);
  },
  seed: (db) => seedLanduse(db),
};
