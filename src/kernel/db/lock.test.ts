import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from './lock.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-lock-'));
  dirs.push(d);
  return d;
}
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

test('a second holder of the same data folder is refused with the first holder named', () => {
  const dir = tempDir();
  const lock = acquireDataDirLock(dir, 'quyhoach serve');
  try {
    assert.throws(
      () => acquireDataDirLock(dir),
      (err: unknown) => err instanceof DataDirLockedError && err.message.includes(`process ${process.pid}`),
    );
  } finally {
    lock.release();
  }
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false, 'released lock file is removed');
});

test('a second process opening the same data folder exits with a clear message', async () => {
  const dir = tempDir();
  const lock = acquireDataDirLock(dir, 'test holder');
  try {
    const cli = path.resolve(import.meta.dirname, '../../../bin/quyhoach.js');
    const child = spawn(process.execPath, [cli, 'migrate', '--data', dir], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`in use by process ${process.pid}`));
  } finally {
    lock.release();
  }
});

test('a stale lock left by a killed process is detected and cleared', () => {
  const dir = tempDir();
  const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
  fs.writeFileSync(
    path.join(dir, LOCK_FILE),
    JSON.stringify({
      pid: dead,
      host: os.hostname(),
      command: 'crashed',
      startedAt: new Date().toISOString(),
    }),
  );
  const lock = acquireDataDirLock(dir);
  assert.equal(lock.recoveredStale, true);
  lock.release();
});
