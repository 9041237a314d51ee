// The retention job: once a day (in Vietnam time) removes contact data older than
// PERSONAL_DATA_RETENTION_DAYS. Safe to run in several processes: each run only
// clears what is still there, in one transaction.
import type { Config } from '../../kernel/config/index.ts';
import type { Db } from '../../kernel/db/types.ts';
import { systemActor } from '../../kernel/http/context.ts';
import { applyRetention } from './use-cases.ts';

export function startRetentionJob(
  db: Db,
  config: Pick<Config, 'personalDataRetentionDays' | 'dailyJobIntervalMinutes'>,
  log: { error(o: unknown, msg: string): void; info(o: unknown, msg: string): void },
): () => void {
  if (config.personalDataRetentionDays <= 0 || config.dailyJobIntervalMinutes <= 0) return () => {};
  let lastDay = '';
  const tick = async () => {
    const day = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    if (day === lastDay) return;
    lastDay = day;
    try {
      const result = await applyRetention(db, systemActor('retention-job'), config.personalDataRetentionDays);
      if (result && result.total > 0) log.info(result, 'personal data past its retention period removed');
    } catch (err) {
      lastDay = '';
      log.error({ err }, 'retention job failed');
    }
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, config.dailyJobIntervalMinutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
