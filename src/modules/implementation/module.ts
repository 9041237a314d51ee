import type { AppModule } from '../../kernel/module.ts';
import { implementationApi } from './api.ts';
import { implementationMessages } from './messages.ts';

export const implementationModule: AppModule = {
  name: 'implementation',
  messages: implementationMessages,
  routes: async (app, deps) => {
    await implementationApi(app, deps);
  },
};
