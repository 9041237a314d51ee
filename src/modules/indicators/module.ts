import type { AppModule } from '../../kernel/module.ts';
import { registerDashboardSection } from '../dashboard/registry.ts';
import { registerReportSource } from '../reports/registry.ts';
import { indicatorsApi } from './api.ts';
import { indicatorByPlaceApi } from './by-place-routes.ts';
import { agenciesSection, alertsSection, communesSection, statusSection } from './dashboard.tsx';
import { indicatorEditPages } from './edit-routes.ts';
import { indicatorsMessages } from './messages.ts';
import { indicatorsPages } from './page-routes.ts';
import { indicatorReportSource } from './report.ts';
import { seedSampleObservations } from './samples.ts';
import { seedIndicators } from './seed.ts';

export const indicatorsModule: AppModule = {
  name: 'indicators',
  messages: indicatorsMessages,
  nav: [
    { href: '/indicators', labelKey: 'indicators.nav', area: 'public', order: 30 },
    {
      href: '/indicators/drafts',
      labelKey: 'indicators.drafts.nav',
      roles: ['planner', 'admin'],
      area: 'staff',
      order: 35,
    },
  ],
  routes: async (app, deps) => {
    await indicatorsApi(app, deps);
    await indicatorByPlaceApi(app, deps);
    await indicatorsPages(app, deps);
    await indicatorEditPages(app, deps);
  },
  seed: async (db) => ({ ...(await seedIndicators(db)), ...(await seedSampleObservations(db)) }),
};

registerDashboardSection(statusSection);
registerDashboardSection(alertsSection);
registerDashboardSection(agenciesSection);
registerDashboardSection(communesSection);
registerReportSource('indicator_status', indicatorReportSource);
