import type { AppModule } from '../../kernel/module.ts';
import { projectsApi } from './api.ts';
import { projectsMessages } from './messages.ts';
import { projectsPages } from './page-routes.ts';
import { seedProjects } from './seed.ts';

export const projectsModule: AppModule = {
  name: 'projects',
  messages: projectsMessages,
  nav: [{ href: '/du-an', labelKey: 'projects.nav', area: 'public', order: 40 }],
  routes: async (app, deps) => {
    await projectsApi(app, deps);
    await projectsPages(app, deps);
  },
  seed: (db) => seedProjects(db),
};
