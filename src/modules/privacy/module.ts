import type { AppModule } from '../../kernel/module.ts';
import { privacyMessages } from './messages.ts';
import { privacyRoutes } from './routes.ts';

export const privacyModule: AppModule = {
  name: 'privacy',
  messages: privacyMessages,
  nav: [{ href: '/admin/privacy', labelKey: 'privacy.nav', area: 'staff', roles: ['admin'], order: 90 }],
  routes: privacyRoutes,
};
