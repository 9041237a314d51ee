// Writes the upgrade-test fixture: a backup of a database as the named release
// left it (migrations, the seeded Thái Nguyên data, a user, a comment, a token).
// Run it on the release's commit, before its first later migration lands:
//   npx tsx scripts/release-fixture.ts 0.1.0
// and record the release's last migration in migrations/releases.json.
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../src/kernel/db/backup.ts';
import { openDatabase } from '../src/kernel/db/engine.ts';
import { systemActor } from '../src/kernel/http/context.ts';
import { createUser } from '../src/modules/accounts/users.ts';
import { seedAll } from '../src/seed.ts';

const release = process.argv[2];
if (!release) throw new Error('usage: tsx scripts/release-fixture.ts <release>');
const database = await openDatabase({ kind: 'pglite-memory' });
await database.migrate();
const actor = systemActor('release-fixture');
await seedAll(database.db, actor);
await createUser(database.db, actor, {
  email: 'quan-tri@example.test',
  displayName: 'Quản trị (mẫu nâng cấp)',
  role: 'admin',
  password: 'mat-khau-nang-cap-1',
});
const file = path.join(import.meta.dirname, '..', 'test', 'fixtures', `release-${release}.backup.gz`);
fs.mkdirSync(path.dirname(file), { recursive: true });
const summary = await backupDatabase(database, file);
await database.close();
console.log(`${file}: ${summary.totalRows} rows, ${summary.bytes} bytes`);
