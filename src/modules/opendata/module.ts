import type { AppModule } from '../../kernel/module.ts';
import { opendataMessages } from './messages.ts';
import { opendataRoutes } from './routes.ts';

export const opendataModule: AppModule = {
  name: 'opendata',
  messages: opendataMessages,
  nav: [{ href: '/du-lieu-mo', labelKey: 'opendata.nav', area: 'public', order: 90 }],
  routes: opendataRoutes,
};
