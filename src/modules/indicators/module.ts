import type { AppModule } from '../../kernel/module.ts';
import { seedIndicators } from './seed.ts';

export const indicatorsModule: AppModule = {
  name: 'indicators',
  seed: (db) => seedIndicators(db),
};
