import type { AppModule } from '../../kernel/module.ts';
import { agenciesApi } from './api.ts';
import { agenciesMessages } from './messages.ts';
import { agenciesPages } from './page-routes.ts';
import { seedAgencies } from './seed.ts';

export const agenciesModule: AppModule = {
  name: 'agencies',
  messages: agenciesMessages,
  nav: [
    {
      href: '/admin/agencies',
      labelKey: 'agencies.nav',
      roles: ['admin', 'agency_editor'],
      area: 'staff',
      order: 20,
    },
  ],
  routes: async (app, deps) => {
    await agenciesApi(app, deps);
    await agenciesPages(app, deps);
  },
  seed: (db) => seedAgencies(db),
};
