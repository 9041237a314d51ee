import type { AppModule } from '../../kernel/module.ts';
import { registerDashboardSection } from '../dashboard/registry.ts';
import { registerReportSource } from '../reports/registry.ts';
import { implementationApi } from './api.ts';
import { alertsSection, overdueByAgencySection, tasksStatusSection } from './dashboard.tsx';
import { dashboardMessages } from './dashboard-messages.ts';
import { followRoutes } from './follow-routes.ts';
import { implementationMessages } from './messages.ts';
import { implementationPages } from './page-routes.ts';
import { implementationReportSource } from './report.ts';
import { seedImplementationSamples } from './seed.ts';
import { workspaceMessages } from './workspace-messages.ts';

export const implementationModule: AppModule = {
  name: 'implementation',
  messages: {
    vi: { ...implementationMessages.vi, ...workspaceMessages.vi, ...dashboardMessages.vi },
    en: { ...implementationMessages.en, ...workspaceMessages.en, ...dashboardMessages.en },
  },
  nav: [
    { href: '/ke-hoach-thuc-hien', labelKey: 'ws.public.title', area: 'public', order: 35 },
    {
      href: '/workspace',
      labelKey: 'ws.nav.mine',
      roles: ['admin', 'planner', 'agency_editor', 'agency_viewer', 'leader'],
      area: 'staff',
      order: 20,
    },
    {
      href: '/workspace/programmes',
      labelKey: 'ws.nav.programmes',
      roles: ['admin', 'planner', 'agency_editor', 'agency_viewer', 'leader'],
      area: 'staff',
      order: 21,
    },
    {
      href: '/workspace/reports',
      labelKey: 'ws.nav.review',
      roles: ['admin', 'planner'],
      area: 'staff',
      order: 22,
    },
    {
      href: '/admin/outbox',
      labelKey: 'implementation.nav.outbox',
      roles: ['admin'],
      area: 'staff',
      order: 60,
    },
  ],
  seed: (db) => seedImplementationSamples(db),
  routes: async (app, deps) => {
    await implementationApi(app, deps);
    await implementationPages(app, deps);
    await followRoutes(app, deps);
  },
};

registerDashboardSection(tasksStatusSection);
registerDashboardSection(overdueByAgencySection);
registerDashboardSection(alertsSection);
registerReportSource('implementation_progress', implementationReportSource);
