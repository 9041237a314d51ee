import type { AppModule } from '../../kernel/module.ts';
import { lineageAdminRoutes } from './admin-routes.ts';
import { geoApi } from './api.ts';
import { geoMessages } from './messages.ts';
import { seedGeo } from './seed.ts';

export const geoModule: AppModule = {
  name: 'geo',
  messages: geoMessages,
  nav: [{ href: '/admin/lineage', labelKey: 'geo.lineage.nav', roles: ['admin'], area: 'staff', order: 43 }],
  routes: async (app, deps) => {
    await geoApi(app, deps);
    await lineageAdminRoutes(app, deps);
  },
  seed: (db) => seedGeo(db),
};
