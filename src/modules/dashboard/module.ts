import type { AppModule } from '../../kernel/module.ts';
import { dashboardMessages } from './messages.ts';
import { dashboardRoutes } from './page-routes.ts';

export const dashboardModule: AppModule = {
  name: 'dashboard',
  messages: dashboardMessages,
  nav: [
    {
      href: '/dashboard',
      labelKey: 'dashboard.nav',
      roles: ['leader', 'planner', 'admin'],
      area: 'staff',
      order: 5,
    },
  ],
  routes: dashboardRoutes,
};
