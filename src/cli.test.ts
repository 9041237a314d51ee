// The `quyhoach` command as an operator runs it: a real process on a real data
// folder (PGlite) or, with TEST_DATABASE_URL, a fresh server database.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { emptyPostgresDatabase, testEngine } from '../test/helpers/db.ts';

const CLI = path.resolve(import.meta.dirname, '../bin/quyhoach.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-cli-'));
const cleanups: (() => Promise<void>)[] = [];

type Target = { env: Record<string, string> };
async function newTarget(name: string): Promise<Target> {
  if (testEngine === 'postgres') {
    const db = await emptyPostgresDatabase();
    cleanups.push(db.drop);
    return { env: { DATABASE_URL: db.url, DATA_DIR: path.join(tmp, name) } };
  }
  return { env: { DATABASE_URL: '', DATA_DIR: path.join(tmp, name) } };
}

function cli(
  target: Target,
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...target.env, LOG_LEVEL: 'silent' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.stdin.end(stdin ?? '');
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

let source: Target;
before(async () => {
  source = await newTarget('source');
});
after(async () => {
  for (const c of cleanups) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('migrate, then seed twice: the second run reports the same counts', async () => {
  const migrated = await cli(source, ['migrate']);
  assert.equal(migrated.code, 0, migrated.err);
  const first = await cli(source, ['seed']);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /geo\.communes2025\s+92/);
  const second = await cli(source, ['seed']);
  assert.equal(second.code, 0, second.err);
  assert.equal(second.out, first.out);
});

test('user add prints a one-time password; --password-stdin takes a chosen one', async () => {
  const otp = await cli(source, ['user', 'add', '--email', 'Admin@Example.test', '--role', 'admin']);
  assert.equal(otp.code, 0, otp.err);
  assert.match(otp.out, /Created user admin@example\.test/);
  assert.match(otp.out, /One-time password: [a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/);
  const chosen = await cli(
    source,
    ['user', 'add', '--email', 'lead@example.test', '--role', 'leader', '--password-stdin'],
    'mot-mat-khau-du-dai\n',
  );
  assert.equal(chosen.code, 0, chosen.err);
  assert.doesNotMatch(chosen.out, /One-time password/);
  const dup = await cli(source, ['user', 'add', '--email', 'admin@example.test', '--role', 'admin']);
  assert.equal(dup.code, 1);
  assert.match(dup.err, /already has an account/);
  const noAgency = await cli(source, [
    'user',
    'add',
    '--email',
    'ed@example.test',
    '--role',
    'agency_editor',
  ]);
  assert.equal(noAgency.code, 1);
  assert.match(noAgency.err, /needs an agency/);
  const list = await cli(source, ['user', 'list']);
  assert.match(list.out, /admin@example\.test\tadmin/);
  const token = await cli(source, ['token', 'create', '--user', 'admin@example.test', '--name', 'ci']);
  assert.equal(token.code, 0, token.err);
  assert.match(token.out.trim(), /^qh_[A-Za-z0-9_-]{20,}$/);
});

test('backup, then restore into an empty database; a non-empty one is refused without --force', async () => {
  const file = path.join(tmp, 'backup.jsonl.gz');
  const backup = await cli(source, ['backup', file]);
  assert.equal(backup.code, 0, backup.err);
  const target = await newTarget('target');
  const restored = await cli(target, ['restore', file]);
  assert.equal(restored.code, 0, restored.err);
  const again = await cli(target, ['restore', file]);
  assert.equal(again.code, 1);
  assert.match(again.err, /not empty/);
  const forced = await cli(target, ['restore', file, '--force']);
  assert.equal(forced.code, 0, forced.err);
  // The restored database answers like the source: same users, same seed counts.
  assert.equal((await cli(target, ['user', 'list'])).out, (await cli(source, ['user', 'list'])).out);
  assert.equal((await cli(target, ['seed'])).out, (await cli(source, ['seed'])).out);
  // The audit chain survives the move.
  const verified = await cli(target, ['audit', 'verify']);
  assert.equal(verified.code, 0, verified.err);
  assert.match(verified.out, /Audit log intact: \d+ rows/);
});

test('bad configuration is refused with a clear message', async () => {
  const r = await cli({ env: { DATABASE_URL: 'mysql://x', DATA_DIR: tmp } }, ['migrate']);
  assert.equal(r.code, 1);
  assert.match(r.err, /DATABASE_URL must start with postgres/);
});
