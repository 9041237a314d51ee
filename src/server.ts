// Starts the whole product: opens (and if needed creates, migrates and seeds)
// the database, then serves pages, API and assets.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './kernel/config/index.ts';
import { type Database, isEmptyDatabase, openConfiguredDatabase } from './kernel/db/engine.ts';
import { systemActor } from './kernel/http/context.ts';
import { startDailyJobs } from './modules/notifications/daily-job.ts';
import { startRetentionJob } from './modules/privacy/job.ts';
import { startWebhookWorker } from './modules/webhooks/delivery.ts';
import { seedAll } from './seed.ts';

export type RunningServer = { app: FastifyInstance; database: Database; url: string; stop(): Promise<void> };

export async function prepareDatabase(config: Config, log: (msg: string) => void): Promise<Database> {
  const database = await openConfiguredDatabase(config);
  try {
    if (database.lock?.recoveredStale)
      log('Recovered a stale lock left by a process that is no longer running.');
    await database.migrate();
    if (config.seedOnStart && (await isEmptyDatabase(database.db))) {
      log('Empty database: loading the built-in Thái Nguyên dataset…');
      const counts = await seedAll(database.db, systemActor('first-start'));
      log(
        `Seeded: ${Object.entries(counts)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`,
      );
    }
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

export async function startServer(config: Config): Promise<RunningServer> {
  const database = await prepareDatabase(config, (m) => console.log(m));
  const app = await buildApp({ config, database });
  const stopDaily = startDailyJobs(database.db, config, app.log);
  const stopRetention = startRetentionJob(database.db, config, app.log);
  const stopJobs = () => {
    stopDaily();
    stopRetention();
  };
  const stopWebhooks = startWebhookWorker(database.db, config.webhookIntervalSeconds, app.log, {
    allowPrivate: config.webhookAllowPrivate,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    stopJobs();
    stopWebhooks();
    await app.close();
    await database.close();
  };
  try {
    const address = await app.listen({ port: config.port, host: config.host });
    const shown = config.host === '0.0.0.0' ? address.replace('0.0.0.0', 'localhost') : address;
    return { app, database, url: shown, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
