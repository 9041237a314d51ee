// Runs the deadline job once for a given day against a server database, in its
// own process, and prints the result as JSON (used by the concurrency test).
//   tsx test/reliability/daily-job-process.ts <postgres-url> <yyyy-mm-dd>

import { loadConfig } from '../../src/kernel/config/index.ts';
import { openDatabase } from '../../src/kernel/db/engine.ts';
import { runDeadlineJob } from '../../src/modules/notifications/daily-job.ts';

const [url, day] = process.argv.slice(2);
if (!url || !day) throw new Error('usage: daily-job-process.ts <postgres-url> <day>');
const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
try {
  const result = await runDeadlineJob(database.db, loadConfig({}), day);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await database.close();
}
