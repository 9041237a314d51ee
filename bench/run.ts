// The benchmark harness: `npm run bench -- [options]`
//   --smoke                 a quick run that keeps the harness working (CI): smoke data, PGlite, 1 s per scenario
//   --scale province|national   (default province)
//   --engines pglite,postgres   (default: both at province scale, postgres at national)
//   --seconds N --rounds N      measured seconds per round; A B A B rounds for compared pairs (default 10, 2)
//   --peer                      also Directus over the same PostgreSQL database (installed from npm)
//   --import-rows N             rows for the XLSX import scenario (default 1,000,000; smoke 2,000; 0 leaves it out)
// It starts the app itself (`quyhoach serve` as a child process, caching on, then off), drives it on
// loopback with 50 connections, and writes bench/results/<date>-<scale>.json and the table in
// bench/README.md. Data comes from `npm run bench:data` (generated here when missing).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runCli, startServerProcess } from '../test/helpers/server-process.ts';
import type { Scale } from './data.ts';
import { benchImport } from './import.ts';
import { alternate, type LoadResult, load, merge } from './lib/load.ts';
import { type Row, writeReadme } from './lib/readme.ts';
import { directusRequests, startDirectus } from './peer/directus.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const smoke = flag('smoke');
const withPeer = flag('peer');
const scale: Scale = smoke ? 'smoke' : (arg('scale', 'province') as Scale);
const engines = arg(
  'engines',
  smoke ? 'pglite' : scale === 'national' ? 'postgres' : 'pglite,postgres',
).split(',');
const seconds = Number(arg('seconds', smoke ? '1' : '10'));
const rounds = Number(arg('rounds', smoke ? '1' : '2'));
const warmup = smoke ? 0.5 : 3;
const importRows = Number(arg('import-rows', smoke ? '2000' : '1000000'));
const pgBase = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const here = import.meta.dirname;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function ensurePostgresDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${pgBase}/postgres` });
  await admin.connect();
  try {
    const r = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return `${pgBase}/${name}`;
}

async function prepareData(engine: string): Promise<Record<string, string>> {
  const env =
    engine === 'postgres'
      ? { DATABASE_URL: await ensurePostgresDatabase(`qh_bench_${scale}`), DATA_DIR: os.tmpdir() }
      : { DATABASE_URL: '', DATA_DIR: path.join(os.tmpdir(), `qh-bench-pglite-${scale}`) };
  const target = engine === 'postgres' ? ['--database-url', env.DATABASE_URL] : ['--data-dir', env.DATA_DIR];
  log(`data: ${scale} on ${engine}`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'data-cli.ts'), '--scale', scale, ...target],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench:data exited ${code}`))));
  });
  return env;
}

async function adminToken(env: Record<string, string>): Promise<string> {
  const email = 'bench@example.test';
  await runCli(
    env,
    ['user', 'add', '--email', email, '--role', 'admin', '--password-stdin'],
    'mat-khau-do-hieu-nang-1\n',
  );
  const r = await runCli(env, [
    'token',
    'create',
    '--user',
    email,
    '--name',
    `bench ${Date.now()}`,
    '--scope',
    'read,write',
  ]);
  if (r.code !== 0) throw new Error(`token create failed: ${r.err}`);
  return r.out.trim().split('\n').pop()!;
}

function startCeiling(port: number, file: string, contentType: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    path.join(here, 'ceiling.ts'),
    String(port),
    file,
    contentType,
  ]);
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`ceiling exited ${code}`)));
  });
}

const freePort = () => 33000 + Math.floor(Math.random() * 2000);

type Scenario = { name: string; path: string; auth?: boolean; ceiling?: boolean };

/** The app's ids the scenarios need, read through its own API. */
async function discover(base: string) {
  // Tasks open to reports (a done or cancelled task refuses them), across agencies.
  const tasks = (await (await fetch(`${base}/api/v1/tasks?status=in_progress&pageSize=500`)).json()) as {
    items?: { id: number; leadAgencyId: number }[];
  };
  const items = tasks.items ?? [];
  // The agency leading the most of them: its filtered list has pages to turn.
  const led = new Map<number, number>();
  for (const t of items) led.set(t.leadAgencyId, (led.get(t.leadAgencyId) ?? 0) + 1);
  const [agencyId] = [...led.entries()].sort((a, b) => b[1] - a[1])[0] ?? [1];
  return { agencyId, taskIds: items.map((t) => t.id) };
}

function scenarios(agencyId: number): Scenario[] {
  return [
    { name: 'home page', path: '/', ceiling: true },
    { name: 'plan section page', path: '/quy-hoach/muc-tieu-den-2030', ceiling: true },
    { name: 'indicator page', path: '/indicators/grdp_growth', ceiling: true },
    { name: 'search (vi)', path: `/api/v1/search?q=${encodeURIComponent('khu công nghiệp')}` },
    { name: 'search (no diacritics)', path: '/api/v1/search?q=khu%20cong%20nghiep%20yen%20binh' },
    { name: 'search (place)', path: `/api/v1/search?q=${encodeURIComponent('Phổ Yên')}` },
    { name: 'communes GeoJSON', path: '/api/v1/areas?level=commune&current=true', ceiling: true },
    { name: 'dashboard API', path: '/api/v1/dashboard', auth: true },
    {
      name: 'agency task list',
      path: `/api/v1/tasks?agency=${agencyId}&status=in_progress&sort=due&page=2&pageSize=20`,
    },
    { name: 'task summary by status', path: '/api/v1/tasks/summary' },
  ];
}

/**
 * Waits until the server answers its health check quickly: requests still in flight when a load
 * run ends are finished by the server afterwards and must not slow the next scenario.
 */
async function settle(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (performance.now() - started < 50) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function measureScenario(
  base: string,
  s: Scenario,
  headers: Record<string, string>,
  withCeiling: boolean,
) {
  await settle(base);
  const url = `${base}${s.path}`;
  const h = s.auth ? headers : {};
  const first = await fetch(url, { headers: h });
  if (!first.ok) throw new Error(`${s.path} answered ${first.status}`);
  const bytes = Buffer.from(await first.arrayBuffer());
  await load({ url, seconds: warmup, headers: h });
  const app = () => load({ url, seconds, headers: h });
  if (!withCeiling) return { result: merge(await sequence(rounds, app)) };
  const file = path.join(os.tmpdir(), `qh-ceiling-${process.pid}.bin`);
  fs.writeFileSync(file, bytes);
  const port = freePort();
  const ceiling = await startCeiling(port, file, first.headers.get('content-type') ?? 'text/html');
  try {
    const bare = () => load({ url: `http://127.0.0.1:${port}/`, seconds });
    await load({ url: `http://127.0.0.1:${port}/`, seconds: warmup });
    const [result, ceilingResult] = await alternate(rounds, app, bare);
    return { result, ceiling: ceilingResult };
  } finally {
    ceiling.kill();
  }
}

async function sequence(n: number, f: () => Promise<LoadResult>): Promise<LoadResult[]> {
  const out: LoadResult[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

/** Report submission: progress reports on the agency's tasks, each request a new task-period. */
async function measureWrite(base: string, token: string, taskIds: number[]): Promise<LoadResult> {
  const stamp = Date.now() % 9000;
  return load({
    url: base,
    seconds,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: (n) => ({
      path: `/api/v1/tasks/${taskIds[n % taskIds.length]}/reports`,
      body: JSON.stringify({
        period: `${2000 + ((stamp + Math.floor(n / taskIds.length)) % 99)}-${String(1 + (n % 12)).padStart(2, '0')}`,
        progress: n % 101,
        narrative: `Báo cáo đo hiệu năng ${n} [tổng hợp]`,
        submit: false,
      }),
    }),
  });
}

/**
 * The same two questions to our API and to Directus over the same database, alternately. Both
 * answer as an administrator (who sees every task), so neither is answered from a cache.
 */
async function measureAgainstPeer(
  base: string,
  headers: Record<string, string>,
  databaseUrl: string,
  agencyId: number,
): Promise<Row[]> {
  log('  peer: Directus');
  const peer = await startDirectus({ databaseUrl, port: freePort(), log });
  peerSetup = peer.setup;
  try {
    const theirs = directusRequests(agencyId);
    const pairs = [
      {
        scenario: 'agency task list (admin)',
        ours: `/api/v1/tasks?agency=${agencyId}&status=in_progress&sort=due&page=1&pageSize=20`,
        theirs: theirs.taskList,
      },
      {
        scenario: 'task summary by status (admin)',
        ours: '/api/v1/tasks/summary',
        theirs: theirs.groupedCounts,
      },
    ];
    const out: Row[] = [];
    for (const p of pairs) {
      log(`  ${p.scenario} vs Directus`);
      const ours = () => load({ url: `${base}${p.ours}`, seconds, headers });
      const other = () => load({ url: `${peer.baseUrl}${p.theirs}`, seconds, headers: peer.headers });
      await load({ url: `${base}${p.ours}`, seconds: warmup, headers });
      await load({ url: `${peer.baseUrl}${p.theirs}`, seconds: warmup, headers: peer.headers });
      const [a, b] = await alternate(rounds, ours, other);
      out.push({
        engine: 'postgres',
        cache: 'off',
        scenario: p.scenario,
        route: p.ours,
        result: a,
        peer: { ...b, system: peer.name },
      });
    }
    return out;
  } finally {
    await peer.stop();
  }
}

let peerSetup: string | undefined;

async function timeAssessmentReport(base: string, token: string): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const format of ['docx', 'pdf', 'xlsx']) {
    const started = performance.now();
    const r = await fetch(`${base}/api/v1/reports/assessment?period=2025&format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!r.ok) throw new Error(`assessment report ${format}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
    figures[`${format}Seconds`] = Math.round((performance.now() - started) / 10) / 100;
  }
  return figures;
}

async function runEngine(engine: string, rows: Row[]) {
  const env = await prepareData(engine);
  const token = await adminToken(env);
  for (const cache of smoke ? (['on'] as const) : (['on', 'off'] as const)) {
    const port = freePort();
    const serverEnv = {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DAILY_JOB_INTERVAL_MINUTES: '0',
      WEBHOOK_INTERVAL_SECONDS: '0',
      RESPONSE_CACHE_MB: cache === 'on' ? '64' : '0',
    };
    log(`server: ${engine}, response cache ${cache}`);
    const server = await startServerProcess(serverEnv);
    const base = `http://127.0.0.1:${port}`;
    try {
      const { agencyId, taskIds } = await discover(base);
      const headers = { authorization: `Bearer ${token}` };
      for (const s of scenarios(agencyId)) {
        // The dashboard without its memo computes per request: 50 at once at national scale would hold
        // 50 copies of every task. Its cold cost is timed one request at a time (docs/scaling.md).
        if (cache === 'off' && s.auth) continue;
        log(`  ${s.name}`);
        const m = await measureScenario(base, s, headers, cache === 'on' && !!s.ceiling);
        rows.push({ engine, cache, scenario: s.name, route: s.path, ...m });
      }
      if (cache === 'off' && withPeer && engine === 'postgres') {
        rows.push(...(await measureAgainstPeer(base, headers, env.DATABASE_URL!, agencyId)));
      }
      if (cache === 'on') {
        await settle(base);
        log('  report submission');
        rows.push({
          engine,
          cache,
          scenario: 'report submission (write)',
          route: 'POST /api/v1/tasks/:id/reports',
          result: await measureWrite(base, token, taskIds),
        });
        await settle(base);
        log('  assessment report');
        const figures = await timeAssessmentReport(base, token);
        rows.push({
          engine,
          cache,
          scenario: 'assessment report',
          route: '/api/v1/reports/assessment',
          result: empty(),
          figures,
        });
      }
    } finally {
      server.child.kill();
      await new Promise((r) => server.child.once('exit', r));
    }
  }
}

const empty = (): LoadResult => ({
  requests: 0,
  seconds: 0,
  reqPerSec: 0,
  p50: 0,
  p95: 0,
  p99: 0,
  errors: 0,
  non2xx: 0,
});

/** The XLSX import through the real route, on its own server (its peak RSS is the importer's). */
async function measureImport(engine: string, databaseUrl: string | undefined): Promise<Row> {
  log(`import: ${importRows.toLocaleString('en')} observations on ${engine}`);
  const r = await benchImport({ databaseUrl, rows: importRows, log });
  return {
    engine,
    cache: 'off',
    scenario: 'XLSX import of observations',
    route: 'POST /indicators/import',
    result: empty(),
    figures: {
      rows: r.rows,
      seconds: r.seconds,
      rowsPerSecond: r.rowsPerSecond,
      peakRssMb: r.peakRssMb,
      fileMb: r.fileMb,
    },
  };
}

const rows: Row[] = [];
const started = Date.now();
// Other work on the machine lowers every figure: the load average is kept with the results.
const loadBefore = os.loadavg()[0]!;
for (const engine of engines) {
  await runEngine(engine, rows);
  // At full size on the server engine (the target is for PostgreSQL); the smoke run checks it works.
  // `--import-rows 0` leaves the import out (it takes a minute at full size).
  if (importRows === 0) continue;
  if (engine === 'postgres') rows.push(await measureImport(engine, `${pgBase}/qh_bench_${scale}`));
  else if (smoke) rows.push(await measureImport(engine, undefined));
}
const result = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  scale,
  seconds,
  rounds,
  connections: 50,
  loadAverage: {
    before: Math.round(loadBefore * 100) / 100,
    after: Math.round(os.loadavg()[0]! * 100) / 100,
  },
  peerSetup,
  rows,
};
// Smoke results only show the harness works: they stay out of the repository.
const outDir = smoke ? fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-smoke-')) : path.join(here, 'results');
fs.mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `${result.date.slice(0, 10)}-${scale}.json`);
fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
if (!smoke) writeReadme(outDir, path.join(here, 'README.md'));
console.log(
  `bench: ${rows.length} results in ${Math.round((Date.now() - started) / 1000)} s → ${path.relative(process.cwd(), outFile)}`,
);
for (const r of rows)
  console.log(
    `${r.engine.padEnd(8)} cache ${r.cache.padEnd(3)} ${r.scenario.padEnd(28)} ${String(r.result.reqPerSec).padStart(8)} req/s  p95 ${r.result.p95} ms  p99 ${r.result.p99} ms  errors ${r.result.errors + r.result.non2xx}` +
      (r.ceiling
        ? `  ceiling ${r.ceiling.reqPerSec} (×${(r.result.reqPerSec / r.ceiling.reqPerSec).toFixed(2)})`
        : '') +
      (r.figures ? `  ${JSON.stringify(r.figures)}` : ''),
  );
