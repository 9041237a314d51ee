import type { AppModule } from '../../kernel/module.ts';
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
  ],
  routes: async (app, deps) => {
    await planApi(app, deps);
    await planPages(app, deps);
  },
  seed: (db) => seedPlans(db),
};
