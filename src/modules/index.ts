// Every module of the product, in seed order (a module's seed may rely on those before it).
import type { AppModule } from '../kernel/module.ts';
import { accountsModule } from './accounts/module.ts';
import { agenciesModule } from './agencies/module.ts';
import { auditModule } from './audit/module.ts';
import { conformityModule } from './conformity/module.ts';
import { dashboardModule } from './dashboard/module.ts';
import { engagementModule } from './engagement/module.ts';
import { geoModule } from './geo/module.ts';
import { homeModule } from './home/module.ts';
import { implementationModule } from './implementation/module.ts';
import { indicatorsModule } from './indicators/module.ts';
import { landuseModule } from './landuse/module.ts';
import { opendataModule } from './opendata/module.ts';
import { planModule } from './plan/module.ts';
import { privacyModule } from './privacy/module.ts';
import { projectsModule } from './projects/module.ts';
import { reportsModule } from './reports/module.ts';
import { searchModule } from './search/module.ts';
import { ssoModule } from './sso/module.ts';
import { versionsModule } from './versions/module.ts';
import { webhooksModule } from './webhooks/module.ts';

export const modules: AppModule[] = [
  searchModule,
  geoModule,
  agenciesModule,
  planModule,
  projectsModule,
  engagementModule,
  accountsModule,
  indicatorsModule,
  versionsModule,
  auditModule,
  implementationModule,
  conformityModule,
  landuseModule,
  homeModule,
  dashboardModule,
  reportsModule,
  opendataModule,
  webhooksModule,
  ssoModule,
  privacyModule,
];
