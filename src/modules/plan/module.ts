import type { AppModule } from '../../kernel/module.ts';
import { seedPlans } from './seed.ts';

export const planModule: AppModule = {
  name: 'plan',
  seed: (db) => seedPlans(db),
};
