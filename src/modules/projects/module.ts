import { translate } from '../../kernel/i18n/index.ts';
import type { AppModule } from '../../kernel/module.ts';
import { registerDashboardSection } from '../dashboard/registry.ts';
import { registerMapLayer } from '../plan/map-layers.ts';
import { registerReportSource } from '../reports/registry.ts';
import { projectsApi } from './api.ts';
import { portfolioSection } from './dashboard.tsx';
import { projectsMessages } from './messages.ts';
import { projectsPages } from './page-routes.ts';
import { listProjects, projectPlaces } from './queries.ts';
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
    registerMapLayer({
      id: 'projects',
      labelKey: 'projects.nav',
      url: '/api/v1/projects/map',
      kind: 'circle',
      color: '#8d6e00',
      radius: 6,
      defaultOn: true,
      home: true,
      listPath: '/du-an',
      tableRows: async (locale) => {
        const rows = await listProjects(deps.db);
        const places = await projectPlaces(deps.db, rows);
        return rows.map((p) => {
          const place = places.get(p.id);
          const where =
            place?.kind === 'commune'
              ? translate(locale, 'projects.map.atCommune', { unit: place.unitName })
              : place?.kind === 'geometry'
                ? ''
                : translate(locale, 'projects.map.notDrawn');
          return {
            id: p.id,
            name: locale === 'en' && p.nameEn ? p.nameEn : p.nameVi,
            url: `/du-an/${p.id}`,
            detail: [p.locationText.join(', '), where].filter(Boolean).join(' — '),
          };
        });
      },
    });
  },
  seed: (db) => seedProjects(db),
};

registerDashboardSection(portfolioSection);
registerReportSource('priority_projects', projectsReportSource);
