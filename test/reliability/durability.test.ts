// Durability: the server is killed (SIGKILL) in the middle of a stream of writes.
// After a restart every write that was answered 2xx is there, each with its audit
// row, the audit chain is intact, and on PGlite the lock left by the crash is recovered.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { emptyPostgresDatabase, testEngine } from '../helpers/db.ts';
import { type Env, runCli as run, startServerProcess as startServer } from '../helpers/server-process.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-durable-'));
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test(`writes answered 2xx survive SIGKILL (${testEngine})`, async () => {
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const env: Env = {
    DATA_DIR: path.join(tmp, 'data'),
    DATABASE_URL: '',
    PORT: port,
    HOST: '127.0.0.1',
    SEED_ON_START: 'false',
    LOG_LEVEL: 'warn',
  };
  if (testEngine === 'postgres') {
    const db = await emptyPostgresDatabase();
    cleanups.push(db.drop);
    env.DATABASE_URL = db.url;
  }
  assert.equal((await run(env, ['migrate'])).code, 0);
  const added = await run(
    env,
    ['user', 'add', '--email', 'admin@example.test', '--role', 'admin', '--password-stdin'],
    'mat-khau-du-dai-1\n',
  );
  assert.equal(added.code, 0, added.err);
  const token = (
    await run(env, [
      'token',
      'create',
      '--user',
      'admin@example.test',
      '--name',
      'w',
      '--scope',
      'read,write',
    ])
  ).out.trim();
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const server = await startServer(env);
  const acknowledged: string[] = [];
  let attempted = 0;
  let killed = false;
  const writer = async (lane: number) => {
    for (let i = 0; ; i++) {
      const code = `D-${lane}-${i}`;
      attempted++;
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/agencies`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ code, nameVi: `Đơn vị ${code}`, kind: 'other' }),
        });
        if (r.status === 201) acknowledged.push(code);
        else if (!killed) assert.fail(`unexpected ${r.status}: ${await r.text()}`);
      } catch {
        if (killed) return;
        throw new Error('request failed before the kill');
      }
      if (!killed && acknowledged.length >= 60) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all([0, 1, 2, 3].map(writer));
  await new Promise<void>((r) =>
    server.child.exitCode !== null || server.child.signalCode ? r() : server.child.once('exit', () => r()),
  );
  assert.ok(acknowledged.length >= 60);

  const restarted = await startServer(env);
  try {
    if (testEngine === 'pglite') assert.match(restarted.output(), /Recovered a stale lock/);
    const list = await fetch(`http://127.0.0.1:${port}/api/v1/agencies?view=flat&limit=500`, {
      headers: auth,
    });
    const body = (await list.json()) as { items: { code: string }[] };
    const present = new Set(body.items.map((a) => a.code));
    const lost = acknowledged.filter((c) => !present.has(c));
    assert.deepEqual(lost, [], `acknowledged but lost after the crash (${acknowledged.length} acknowledged)`);
    // No half-written record: each agency that exists has exactly its audit row.
    const audit = await fetch(`http://127.0.0.1:${port}/api/v1/audit?entity=agency&limit=200`, {
      headers: auth,
    });
    const auditBody = (await audit.json()) as { items: { action: string; entityId: string }[] };
    const created = auditBody.items.filter((r) => r.action === 'create').length;
    const written = body.items.filter((a) => a.code.startsWith('D-')).length;
    assert.equal(created, written);
    console.log(
      `# durability (${testEngine}): attempted ${attempted}, acknowledged ${acknowledged.length}, found ${written}`,
    );
  } finally {
    restarted.child.kill('SIGTERM');
    await new Promise((r) => restarted.child.once('exit', r));
  }
  const verified = await run(env, ['audit', 'verify']);
  assert.equal(verified.code, 0, verified.err);
});
