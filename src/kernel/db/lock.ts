// PGlite lets any number of processes open one data folder and then loses
// writes, so the folder is taken by a lock file that names its holder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'quyhoach.lock';

type LockInfo = { pid: number; host: string; command: string; startedAt: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid} (${holder.command}, started ${holder.startedAt} on ${holder.host}). ` +
        'Stop that process first, or point DATA_DIR at another folder.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** A lock is stale when its holder ran on this host and is gone (e.g. killed by SIGKILL). */
function isStale(info: LockInfo | undefined): boolean {
  if (!info || typeof info.pid !== 'number') return true;
  if (info.host !== os.hostname()) return false;
  return info.pid !== process.pid && !isAlive(info.pid);
}

export type DataDirLock = { release(): void; recoveredStale: boolean };

export function acquireDataDirLock(dataDir: string, command = process.argv.slice(1).join(' ')): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    command,
    startedAt: new Date().toISOString(),
  };
  let recoveredStale = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(file);
        if (current?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      return { release, recoveredStale };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(file);
      if (!isStale(holder)) throw new DataDirLockedError(dataDir, holder!);
      fs.rmSync(file, { force: true });
      recoveredStale = true;
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
