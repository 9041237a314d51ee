import type { AppModule } from '../../kernel/module.ts';
import { ssoMessages } from './messages.ts';
import { ssoRoutes } from './routes.ts';

export const ssoModule: AppModule = {
  name: 'sso',
  messages: ssoMessages,
  nav: [{ href: '/admin/sso', labelKey: 'sso.nav', area: 'staff', roles: ['admin'], order: 91 }],
  routes: ssoRoutes,
};
