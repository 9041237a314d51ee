import type { AppModule } from '../../kernel/module.ts';
import { reportsMessages } from './messages.ts';
import { reportsRoutes } from './routes.ts';
import { seedReports } from './seed.ts';

export const reportsModule: AppModule = {
  name: 'reports',
  messages: reportsMessages,
  nav: [
    {
      href: '/reports/assessment',
      labelKey: 'reports.nav',
      roles: ['planner', 'leader', 'admin'],
      area: 'staff',
      order: 6,
    },
  ],
  routes: reportsRoutes,
  seed: (db) => seedReports(db),
};
