// Loads the built-in dataset (the real Thái Nguyên plan and boundaries) through
// each module's seed. Idempotent: a second run leaves the same counts.
import type { Db } from './kernel/db/types.ts';
import type { Actor } from './kernel/http/context.ts';
import type { SeedCounts } from './kernel/module.ts';
import { recordAudit } from './modules/audit/record.ts';
import { modules } from './modules/index.ts';

export async function seedAll(db: Db, actor: Actor): Promise<SeedCounts> {
  return db.transaction(async (tx) => {
    const counts: SeedCounts = {};
    for (const m of modules) {
      if (!m.seed) continue;
      Object.assign(counts, await m.seed(tx, actor));
    }
    await recordAudit(tx, actor, {
      action: 'seed',
      entity: 'dataset',
      entityId: 'thai-nguyen-2021-2030',
      after: counts,
    });
    return counts;
  });
}
