import type { AppModule } from '../../kernel/module.ts';
import { planAdminRoutes } from './admin-routes.ts';
import { planApi } from './api.ts';
import { planMessages } from './messages.ts';
import { planPages } from './page-routes.ts';
import { seedPlans } from './seed.ts';

export const planModule: AppModule = {
  name: 'plan',
  messages: planMessages,
  nav: [
    { href: '/quy-hoach', labelKey: 'plan.nav.contents', area: 'public', order: 10 },
    { href: '/khu-cong-nghiep', labelKey: 'plan.nav.parks', area: 'public', order: 20 },
    { href: '/ban-do', labelKey: 'map.nav', area: 'public', order: 30 },
    {
      href: '/admin/plan',
      labelKey: 'plan.edit.manage',
      area: 'staff',
      roles: ['planner', 'admin'],
      order: 25,
    },
  ],
  routes: async (app, deps) => {
    await planApi(app, deps);
    await planPages(app, deps);
    await planAdminRoutes(app, deps);
  },
  seed: (db) => seedPlans(db),
};
