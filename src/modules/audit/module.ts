import type { AppModule } from '../../kernel/module.ts';
import { auditApi } from './api.ts';
import { auditMessages } from './messages.ts';
import { auditPages } from './page-routes.ts';

export const auditModule: AppModule = {
  name: 'audit',
  messages: auditMessages,
  nav: [{ href: '/admin/audit', labelKey: 'audit.nav', roles: ['admin'], area: 'staff', order: 90 }],
  routes: async (app, deps) => {
    await auditApi(app, deps);
    await auditPages(app, deps);
  },
};
