// The benchmark's peer: Directus, a general-purpose REST layer over an existing SQL
// database, put over the same PostgreSQL database and data as QuyHoạch and asked the
// same questions (a filtered, sorted, paginated task list; counts and average progress
// grouped by status).
//
// Directus is installed from npm into a temporary folder (reused when already there),
// bootstrapped against the given database — it adds its own directus_* tables and
// never alters ours — and started on 127.0.0.1 with its cache, rate limiters and
// telemetry off. Our existing tables need no registration: Directus introspects the
// schema, and the admin role reads every table that has a primary key (tables
// without one are ignored, with a warning). Requests authenticate with a static
// token set on the admin user.
//
// Version: the newest Directus whose engines.node accepts Node 20. 11.3.5 says
// ">=18.0.0"; from 11.4.0 on (and every 12.x) it says ">=22". Its licence is
// BUSL-1.1 (not open source): we only install and run it locally to compare.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const DIRECTUS_VERSION = '11.3.5';

export type Peer = {
  name: string;
  version: string;
  baseUrl: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
  /** A human-readable account of the setup: versions, folders, environment, timings. */
  setup: string;
  /** Milliseconds spent installing (0 when the install was reused), bootstrapping and starting. */
  timings: { installMs: number; bootstrapMs: number; startMs: number };
  /** The environment Directus ran with (the database password and secrets masked). */
  env: Record<string, string>;
};

export type StartOptions = {
  /** postgres://… of the database to serve; Directus adds its directus_* tables there. */
  databaseUrl: string;
  port: number;
  /** Where Directus is installed; default os.tmpdir()/qh-directus-<version>. Kept after stop(). */
  workDir?: string;
  log?: (line: string) => void;
  /** The static admin token; default a fixed bench token (the server listens on 127.0.0.1 only). */
  token?: string;
  /** Directus's database pool size; default 10, as QuyHoạch's own pool. */
  poolMax?: number;
};

const ADMIN_EMAIL = 'bench@example.com'; // Directus rejects the .invalid top-level domain
const ADMIN_PASSWORD = 'qh-bench-directus-password';
const DEFAULT_TOKEN = 'qh-bench-directus-admin-token';

/** The REST paths (with query) answering the benchmark's two questions. */
export function directusRequests(
  agencyId: number,
  opts: { status?: string; page?: number; pageSize?: number } = {},
): { taskList: string; groupedCounts: string } {
  const status = opts.status ?? 'in_progress';
  const pageSize = opts.pageSize ?? 20;
  const offset = ((opts.page ?? 1) - 1) * pageSize;
  // Sorted by due date then id, as our own list; meta=filter_count asks for the
  // total too, which our list also returns.
  const taskList =
    `/items/tasks?filter[lead_agency_id][_eq]=${agencyId}&filter[status][_eq]=${encodeURIComponent(status)}` +
    `&sort=due_date,id&limit=${pageSize}&offset=${offset}` +
    '&fields=id,code,title,status,progress,due_date&meta=filter_count';
  const groupedCounts = '/items/tasks?aggregate[count]=*&aggregate[avg]=progress&groupBy[]=status';
  return { taskList, groupedCounts };
}

/** Installs Directus into `dir` unless it is already there; returns the milliseconds spent (0 if reused). */
export async function installDirectus(dir: string, log: (l: string) => void = () => {}): Promise<number> {
  if (await installedVersion(dir)) return 0;
  const started = performance.now();
  // Installed in a staging folder then renamed, so a killed install never looks finished.
  const staging = `${dir}.partial-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  await writeFile(
    path.join(staging, 'package.json'),
    `${JSON.stringify({ name: 'qh-directus-peer', private: true }, null, 2)}\n`,
  );
  log(`installing directus@${DIRECTUS_VERSION} into ${dir} …`);
  const r = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--save-exact', `directus@${DIRECTUS_VERSION}`],
    { cwd: staging, env: process.env },
  );
  await writeFile(path.join(staging, 'install.log'), r.output);
  if (r.code !== 0) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`npm install directus@${DIRECTUS_VERSION} failed (exit ${r.code}):\n${tail(r.output)}`);
  }
  try {
    await rename(staging, dir);
  } catch (e) {
    // Someone else finished the same install first: use theirs.
    await rm(staging, { recursive: true, force: true });
    if (!(await installedVersion(dir))) throw e;
  }
  if (!(await installedVersion(dir)))
    throw new Error(`directus@${DIRECTUS_VERSION} is not in ${dir} after install`);
  return performance.now() - started;
}

async function installedVersion(dir: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(path.join(dir, 'node_modules/directus/package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version === DIRECTUS_VERSION && existsSync(cliPath(dir)) ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

async function packageVersion(dir: string, name: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}

/**
 * Directus's own command line, without the `directus` wrapper: the wrapper only adds
 * an update check against the npm registry before importing this same file.
 */
function cliPath(dir: string): string {
  return path.join(dir, 'node_modules/@directus/api/dist/cli/run.js');
}

export async function startDirectus(opts: StartOptions): Promise<Peer> {
  const log = opts.log ?? (() => {});
  const dir = opts.workDir ?? path.join(os.tmpdir(), `qh-directus-${DIRECTUS_VERSION}`);
  const token = opts.token ?? DEFAULT_TOKEN;
  const baseUrl = `http://127.0.0.1:${opts.port}`;

  const installMs = await installDirectus(dir, log);
  if (!(await portIsFree(opts.port))) throw new Error(`port ${opts.port} on 127.0.0.1 is already in use`);

  // Per-run folders (uploads, extensions), removed by stop(); the install is kept.
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'qh-directus-run-'));
  await mkdir(path.join(runDir, 'uploads'));
  await mkdir(path.join(runDir, 'extensions'));

  const env: Record<string, string> = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(opts.port),
    PUBLIC_URL: baseUrl,
    DB_CLIENT: 'pg',
    DB_CONNECTION_STRING: opts.databaseUrl,
    DB_POOL__MIN: '0',
    DB_POOL__MAX: String(opts.poolMax ?? 10),
    SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ADMIN_TOKEN: token,
    CACHE_ENABLED: 'false',
    CACHE_SCHEMA: 'true', // the schema snapshot in memory, as any running Directus has
    RATE_LIMITER_ENABLED: 'false',
    RATE_LIMITER_GLOBAL_ENABLED: 'false',
    RATE_LIMITER_REGISTRATION_ENABLED: 'false',
    PRESSURE_LIMITER_ENABLED: 'false', // else it answers 503 when its event loop is busy
    LOG_LEVEL: 'warn',
    LOG_STYLE: 'raw',
    TELEMETRY: 'false',
    SERVE_APP: 'false',
    WEBSOCKETS_ENABLED: 'false',
    EMAIL_VERIFY_SETUP: 'false',
    STORAGE_LOCATIONS: 'local',
    STORAGE_LOCAL_ROOT: path.join(runDir, 'uploads'),
    EXTENSIONS_PATH: path.join(runDir, 'extensions'),
    // No .env file is read: the configuration is all here.
    CONFIG_PATH: path.join(runDir, 'none.env'),
  };
  // A minimal environment: Directus reads many variable names (PORT, HOST, KEY, DB_*, …)
  // and must not pick up the caller's.
  const base: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const v = process.env[k];
    if (v !== undefined) base[k] = v;
  }
  const childEnv = { ...base, ...env };

  const cleanupRunDir = () => rm(runDir, { recursive: true, force: true });
  try {
    let started = performance.now();
    const boot = await run(process.execPath, [cliPath(dir), 'bootstrap'], { cwd: dir, env: childEnv });
    const bootstrapMs = performance.now() - started;
    for (const line of boot.output.split('\n')) if (line.trim()) log(`[directus bootstrap] ${line}`);
    if (boot.code !== 0)
      throw new Error(`directus bootstrap failed (exit ${boot.code}):\n${tail(boot.output)}`);

    started = performance.now();
    const server = spawnServer(dir, childEnv, log);
    try {
      await waitForHealth(baseUrl, server, 120_000);
      await ensureToken(baseUrl, token);
    } catch (e) {
      await server.kill();
      throw e;
    }
    const startMs = performance.now() - started;

    const nodeVersion = process.version;
    const apiVersion = await packageVersion(dir, '@directus/api');
    const pgVersion = await postgresVersion(opts.databaseUrl);
    const shownEnv = maskEnv(env);
    const setup = [
      `Directus ${DIRECTUS_VERSION} (npm directus@${DIRECTUS_VERSION}, @directus/api ${apiVersion}, licence BUSL-1.1) on Node ${nodeVersion}, PostgreSQL ${pgVersion}`,
      `installed in ${dir} (${installMs === 0 ? 'reused' : `npm install ${(installMs / 1000).toFixed(1)} s`}); bootstrap ${(bootstrapMs / 1000).toFixed(1)} s; start until /server/health ${(startMs / 1000).toFixed(1)} s`,
      `started as: node ${cliPath(dir)} start (cwd ${dir}), one process, listening on ${baseUrl}`,
      `env: ${Object.entries(shownEnv)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
      'auth: static token on the admin user (Authorization: Bearer …); our tables are read as introspected, unregistered',
    ].join('\n');

    let stopped = false;
    return {
      name: 'Directus',
      version: DIRECTUS_VERSION,
      baseUrl,
      headers: { authorization: `Bearer ${token}` },
      setup,
      timings: { installMs, bootstrapMs, startMs },
      env: shownEnv,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.kill();
        await cleanupRunDir();
      },
    };
  } catch (e) {
    await cleanupRunDir();
    throw e;
  }
}

type Server = { child: ChildProcess; output: () => string; kill(): Promise<void> };

/** Starts `directus start` in its own process group, so that stop() ends the whole tree. */
function spawnServer(dir: string, env: Record<string, string>, log: (l: string) => void): Server {
  const child = spawn(process.execPath, [cliPath(dir), 'start'], {
    cwd: dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (c: Buffer) => {
    const text = c.toString();
    output = (output + text).slice(-20_000);
    for (const line of text.split('\n')) if (line.trim()) log(`[directus] ${line}`);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  // If the caller dies without stop(), the server must not outlive it.
  const onExit = () => signalGroup('SIGKILL');
  process.once('exit', onExit);
  return {
    child,
    output: () => output,
    async kill() {
      process.removeListener('exit', onExit);
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      // Anything the server left in its group (it starts none today) goes too.
      signalGroup('SIGKILL');
    },
  };
}

async function waitForHealth(baseUrl: string, server: Server, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(
        `directus start exited (${server.child.exitCode ?? server.child.signalCode}):\n${tail(server.output())}`,
      );
    try {
      const r = await fetch(`${baseUrl}/server/health`, { signal: AbortSignal.timeout(2_000) });
      const body = (await r.json()) as { status?: string };
      if (r.ok && body.status === 'ok') return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`directus did not answer /server/health in ${timeoutMs} ms:\n${tail(server.output())}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Bootstrap sets ADMIN_TOKEN only when it creates the admin user; on a database that
 * Directus was installed in before, the token is set now, through the API.
 */
async function ensureToken(baseUrl: string, token: string): Promise<void> {
  const me = await fetch(`${baseUrl}/users/me?fields=id`, { headers: { authorization: `Bearer ${token}` } });
  await me.body?.cancel();
  if (me.ok) return;
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  const body = (await login.json()) as { data?: { access_token?: string } };
  const access = body.data?.access_token;
  if (!login.ok || !access)
    throw new Error(
      `the static token is refused and ${ADMIN_EMAIL} cannot log in (HTTP ${login.status}): this database has a Directus install of another admin; use a fresh copy of the database`,
    );
  const patch = await fetch(`${baseUrl}/users/me`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  await patch.body?.cancel();
  if (!patch.ok) throw new Error(`setting the static token failed: HTTP ${patch.status}`);
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const r = await client.query<{ server_version: string }>('show server_version');
    return r.rows[0]?.server_version ?? '?';
  } catch {
    return '?';
  } finally {
    await client.end().catch(() => {});
  }
}

/** The two answers checked against the same questions asked in SQL. */
export async function verifyDirectus(
  peer: Pick<Peer, 'baseUrl' | 'headers'>,
  db: { query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> },
  agencyId: number,
): Promise<string[]> {
  const problems: string[] = [];
  const req = directusRequests(agencyId);
  const get = async (p: string) => {
    const r = await fetch(peer.baseUrl + p, { headers: peer.headers });
    if (!r.ok) throw new Error(`GET ${p}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as { data: Record<string, unknown>[]; meta?: { filter_count?: number | string } };
  };

  const list = await get(req.taskList);
  const expected = await db.query(
    `select id from tasks where lead_agency_id = $1 and status = 'in_progress'
     order by due_date asc nulls last, id asc limit 20`,
    [agencyId],
  );
  const total = await db.query(
    `select count(*)::int as n from tasks where lead_agency_id = $1 and status = 'in_progress'`,
    [agencyId],
  );
  const gotIds = list.data.map((r) => Number(r.id)).join(',');
  const wantIds = expected.rows.map((r) => Number(r.id)).join(',');
  if (gotIds !== wantIds) problems.push(`task list ids differ: directus [${gotIds}] sql [${wantIds}]`);
  if (Number(list.meta?.filter_count) !== Number(total.rows[0]?.n))
    problems.push(`task list total differs: directus ${list.meta?.filter_count} sql ${total.rows[0]?.n}`);

  const groups = await get(req.groupedCounts);
  const sqlGroups = await db.query(
    'select status, count(*)::int as n, avg(progress)::float8 as avg from tasks group by status',
  );
  const byStatus = new Map(groups.data.map((g) => [String(g.status), g]));
  if (groups.data.length !== sqlGroups.rows.length)
    problems.push(`group count differs: directus ${groups.data.length} sql ${sqlGroups.rows.length}`);
  for (const row of sqlGroups.rows) {
    const g = byStatus.get(String(row.status));
    const avg = (g?.avg as { progress?: number | string } | undefined)?.progress;
    if (!g) problems.push(`status ${row.status} missing from directus`);
    else if (Number(g.count) !== Number(row.n))
      problems.push(`count for ${row.status}: directus ${g.count} sql ${row.n}`);
    else if (Math.abs(Number(avg) - Number(row.avg)) > 1e-9)
      problems.push(`avg progress for ${row.status}: directus ${avg} sql ${row.avg}`);
  }
  return problems;
}

function maskEnv(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k === 'SECRET' || k === 'ADMIN_PASSWORD') out[k] = '***';
    else if (k === 'DB_CONNECTION_STRING') out[k] = v.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
    else out[k] = v;
  }
  return out;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
