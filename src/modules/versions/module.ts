import type { AppModule } from '../../kernel/module.ts';
import { versionsApi } from './api.ts';
import { versionsMessages } from './messages.ts';
import { versionsPages } from './page-routes.ts';
import { seedVersions } from './seed.ts';

export const versionsModule: AppModule = {
  name: 'versions',
  messages: versionsMessages,
  nav: [{ href: '/phien-ban-quy-hoach', labelKey: 'versions.nav', area: 'public', order: 15 }],
  routes: async (app, deps) => {
    await versionsApi(app, deps);
    await versionsPages(app, deps);
  },
  seed: (db) => seedVersions(db),
};
