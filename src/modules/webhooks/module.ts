import type { AppModule } from '../../kernel/module.ts';
import { webhooksApi } from './api.ts';
import { webhooksMessages } from './messages.ts';
import { webhooksPages } from './page-routes.ts';

export const webhooksModule: AppModule = {
  name: 'webhooks',
  messages: webhooksMessages,
  nav: [{ href: '/admin/webhooks', labelKey: 'webhooks.nav', area: 'staff', roles: ['admin'], order: 90 }],
  routes: async (app, deps) => {
    await webhooksApi(app, deps);
    await webhooksPages(app, deps);
  },
};
