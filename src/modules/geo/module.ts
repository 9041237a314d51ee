import type { AppModule } from '../../kernel/module.ts';
import { seedGeo } from './seed.ts';

export const geoModule: AppModule = {
  name: 'geo',
  seed: (db) => seedGeo(db),
};
