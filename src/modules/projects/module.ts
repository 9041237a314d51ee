import type { AppModule } from '../../kernel/module.ts';
import { registerDashboardSection } from '../dashboard/registry.ts';
import { registerReportSource } from '../reports/registry.ts';
import { projectsApi } from './api.ts';
import { portfolioSection } from './dashboard.tsx';
import { projectsMessages } from './messages.ts';
import { projectsPages } from './page-routes.ts';
import { projectsReportSource } from './report.ts';
import { seedProjects } from './seed.ts';

export const projectsModule: AppModule = {
  name: 'projects',
  messages: projectsMessages,
  nav: [
    { href: '/du-an', labelKey: 'projects.nav', area: 'public', order: 40 },
    {
      href: '/workspace/projects',
      labelKey: 'projects.staff.title',
      roles: ['admin', 'planner', 'agency_editor', 'agency_viewer', 'leader'],
      area: 'staff',
      order: 23,
    },
  ],
  routes: async (app, deps) => {
    await projectsApi(app, deps);
    await projectsPages(app, deps);
  },
  seed: (db) => seedProjects(db),
};

registerDashboardSection(portfolioSection);
registerReportSource('priority_projects', projectsReportSource);
