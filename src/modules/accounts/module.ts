import type { AppModule } from '../../kernel/module.ts';
import { accountsAdminMessages } from './admin-messages.ts';
import { accountsAdminPages } from './admin-routes.ts';
import { accountsApi } from './api.ts';
import { accountsMessages } from './messages.ts';
import { accountsPages } from './page-routes.ts';

export const accountsModule: AppModule = {
  name: 'accounts',
  messages: {
    vi: { ...accountsMessages.vi, ...accountsAdminMessages.vi },
    en: { ...accountsMessages.en, ...accountsAdminMessages.en },
  },
  nav: [
    { href: '/admin', labelKey: 'layout.admin', roles: ['admin', 'planner'], area: 'staff', order: 10 },
    { href: '/admin/users', labelKey: 'accounts.admin.nav', roles: ['admin'], area: 'staff', order: 30 },
  ],
  routes: async (app, deps) => {
    await accountsApi(app, deps);
    await accountsPages(app, deps);
    await accountsAdminPages(app, deps);
  },
};
