import type { AppModule } from '../../kernel/module.ts';
import { geoApi } from './api.ts';
import { seedGeo } from './seed.ts';

export const geoModule: AppModule = {
  name: 'geo',
  routes: (app, deps) => geoApi(app, deps),
  seed: (db) => seedGeo(db),
};
