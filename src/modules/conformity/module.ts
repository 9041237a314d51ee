import type { AppModule } from '../../kernel/module.ts';
import { conformityApi } from './api.ts';
import { conformityMessages } from './messages.ts';
import { conformityPages } from './page-routes.ts';
import { seedConformity } from './seed.ts';

export const conformityModule: AppModule = {
  name: 'conformity',
  messages: conformityMessages,
  nav: [
    {
      href: '/conformity',
      labelKey: 'conformity.nav',
      roles: ['admin', 'planner', 'agency_editor', 'agency_viewer', 'leader'],
      area: 'staff',
      order: 40,
    },
    {
      href: '/admin/conformity',
      labelKey: 'conformity.admin.title',
      roles: ['admin'],
      area: 'staff',
      order: 42,
    },
  ],
  routes: async (app, deps) => {
    await conformityApi(app, deps);
    await conformityPages(app, deps);
  },
  seed: (db) => seedConformity(db),
};
