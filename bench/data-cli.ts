// `npm run bench:data -- --scale smoke|province|national [--database-url postgres://…] [--data-dir DIR]`
// Migrates and seeds the chosen database (the real plan first: the synthetic rows hang off its
// plan, communes and items), then writes the scale's synthetic records with a progress bar.
import { loadConfig } from '../src/kernel/config/index.ts';
import { openConfiguredDatabase } from '../src/kernel/db/engine.ts';
import { runCli } from '../test/helpers/server-process.ts';
import { generate, SCALES, type Scale } from './data.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const scale = arg('scale', 'province') as Scale;
if (!(scale in SCALES)) {
  console.error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  process.exit(2);
}
const env = {
  DATABASE_URL: arg('database-url', process.env.DATABASE_URL ?? ''),
  DATA_DIR: arg('data-dir', process.env.DATA_DIR ?? './data'),
};
for (const step of [['migrate'], ['seed']]) {
  const r = await runCli(env, step);
  if (r.code !== 0) {
    console.error(`quyhoach ${step[0]} failed:\n${r.err || r.out}`);
    process.exit(1);
  }
}
const database = await openConfiguredDatabase(loadConfig({ ...process.env, ...env }));
try {
  const { rows, ms } = await generate(database, scale);
  console.log(
    rows === 0
      ? `${scale}: already generated in ${database.location}`
      : `${scale}: ${rows.toLocaleString('en')} generated rows in ${(ms / 1000).toFixed(1)} s (${database.location})`,
  );
} finally {
  await database.close();
}
// Seeding again indexes the new sections, projects and indicators for search (idempotent).
const reindex = await runCli(env, ['seed']);
if (reindex.code !== 0) {
  console.error(`quyhoach seed failed:\n${reindex.err || reindex.out}`);
  process.exit(1);
}
