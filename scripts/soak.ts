// Soak: the real server (`quyhoach serve`, seeded) under mixed reads and writes
// on loopback for a bounded time at about half its measured maximum throughput.
// Reports 5xx, throughput, latency, the server's RSS after warm-up and at the
// end, and (on PostgreSQL) the server connections before and after.
//   npm run soak -- [--minutes 10] [--database-url postgres://…]
// Writes bench/results/soak-<date>.json and prints the figures for docs/reliability.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { runCli, startServerProcess } from '../test/helpers/server-process.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const minutes = Number(arg('minutes', '10'));
const databaseUrl = arg('database-url', '');
const warmupSeconds = Number(arg('warmup', '60'));
const port = String(31000 + Math.floor(Math.random() * 2000));
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-soak-'));
const env = {
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  PORT: port,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
};

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

async function connections(): Promise<number | null> {
  if (!databaseUrl) return null;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query(
      'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return r.rows[0].n as number;
  } finally {
    await client.end();
  }
}

const READS = [
  '/',
  '/quy-hoach',
  '/ke-hoach-thuc-hien',
  '/indicators',
  '/api/v1/tasks?limit=20',
  '/api/v1/indicators',
  '/api/v1/projects',
  '/api/v1/search?q=khu%20cong%20nghiep%20yen%20binh',
  '/khu-cong-nghiep',
];

/** Answers by path and status, so any non-2xx can be traced to its route. */
const byPath: Record<string, Record<string, number>> = {};
const tally = (p: string) => (status: number) => {
  byPath[p] ??= {};
  byPath[p][status] = (byPath[p][status] ?? 0) + 1;
};
const reads: autocannon.Request[] = READS.map((p) => ({ method: 'GET', path: p, onResponse: tally(p) }));

/** One request in ten is a write: a new agency through the API with a write token (audited, hash-chained). */
function writes(token: string): autocannon.Options {
  return {
    method: 'POST',
    url: `${base}/api/v1/agencies`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'SOAK-[<id>]', nameVi: 'Đơn vị thử tải [<id>]', kind: 'department' }),
    idReplacement: true,
  };
}

/** Reads and writes side by side, 9 to 1, as two load generators; their answers are added up. */
async function mixed(token: string, rate: number | undefined, duration: number) {
  const [r, w] = await Promise.all([
    run({
      url: base,
      connections: 45,
      duration,
      requests: reads,
      ...(rate ? { overallRate: Math.max(1, Math.round(rate * 0.9)) } : {}),
    }),
    run({
      connections: 5,
      duration,
      ...writes(token),
      ...(rate ? { overallRate: Math.max(1, Math.round(rate * 0.1)) } : {}),
    }),
  ]);
  const codes: Record<string, number> = {};
  for (const res of [r, w])
    for (const [code, v] of Object.entries(res.statusCodeStats ?? {}))
      codes[code] = (codes[code] ?? 0) + (v as { count: number }).count;
  return {
    reqPerSec: r.requests.average + w.requests.average,
    requests: r.requests.total + w.requests.total,
    errors: r.errors + w.errors,
    timeouts: r.timeouts + w.timeouts,
    non2xx: r.non2xx + w.non2xx,
    codes,
    latency: {
      p50: r.latency.p50,
      p99: Math.max(r.latency.p99, w.latency.p99),
      max: Math.max(r.latency.max, w.latency.max),
    },
  };
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    autocannon.track(instance, {
      renderProgressBar: false,
      renderResultsTable: false,
      renderLatencyTable: false,
    });
  });
}

console.log(`soak: ${databaseUrl ? 'PostgreSQL' : 'PGlite'}, ${minutes} min, server on ${base}`);
const setupEnv = { ...env };
await runCli(setupEnv, ['migrate']);
// Seed before adding the user: the server seeds on start only an empty database.
await runCli(setupEnv, ['seed']);
await runCli(
  setupEnv,
  ['user', 'add', '--email', 'soak@example.test', '--role', 'admin', '--password-stdin'],
  'mat-khau-soak-2026',
);
const tokenOut = await runCli(setupEnv, [
  'token',
  'create',
  '--user',
  'soak@example.test',
  '--name',
  'soak',
  '--scope',
  'read,write',
]);
const token = tokenOut.out.trim().split('\n').at(-1)!;
const server = await startServerProcess(env);
const pid = server.child.pid!;
try {
  const probe = await mixed(token, undefined, 20);
  for (const k of Object.keys(byPath)) delete byPath[k];
  const max = Math.round(probe.reqPerSec);
  const rate = Math.max(1, Math.round(max / 2));
  console.log(`maximum (20 s, 50 connections): ${max} req/s; soak at ${rate} req/s`);

  const samples: { at: number; rssMb: number }[] = [];
  const started = Date.now();
  const timer = setInterval(
    () => samples.push({ at: Math.round((Date.now() - started) / 1000), rssMb: rssMb(pid) }),
    10_000,
  );
  let connectionsAfterWarmup: number | null = null;
  const warm = setTimeout(async () => {
    connectionsAfterWarmup = await connections();
  }, warmupSeconds * 1000);
  const soak = await mixed(token, rate, Math.round(minutes * 60));
  clearInterval(timer);
  clearTimeout(warm);
  samples.push({ at: Math.round((Date.now() - started) / 1000), rssMb: rssMb(pid) });
  const afterWarmup = samples.find((s) => s.at >= warmupSeconds) ?? samples[0]!;
  const last = samples.at(-1)!;
  const growth = Math.round(((last.rssMb - afterWarmup.rssMb) / afterWarmup.rssMb) * 1000) / 10;
  const connectionsAtEnd = await connections();
  const summary = {
    date: new Date().toISOString(),
    engine: databaseUrl ? 'postgres' : 'pglite',
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
    minutes,
    maxReqPerSec: max,
    targetReqPerSec: rate,
    achievedReqPerSec: Math.round(soak.reqPerSec),
    requests: soak.requests,
    errors: soak.errors,
    timeouts: soak.timeouts,
    status5xx: Object.entries(soak.codes)
      .filter(([code]) => code.startsWith('5'))
      .reduce((n, [, c]) => n + c, 0),
    non2xx: soak.non2xx,
    statusCodes: soak.codes,
    statusByPath: byPath,
    latencyMs: { p50: soak.latency.p50, p99: soak.latency.p99, max: soak.latency.max },
    rssMb: { afterWarmup: afterWarmup.rssMb, end: last.rssMb, growthPercent: growth, samples },
    dbConnections: { afterWarmup: connectionsAfterWarmup, end: connectionsAtEnd },
  };
  const outDir = path.resolve(import.meta.dirname, '..', 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `soak-${summary.date.slice(0, 10)}-${summary.engine}.json`);
  fs.writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  const { samples: _s, ...rss } = summary.rssMb;
  console.log(JSON.stringify({ ...summary, rssMb: rss }, null, 2));
  console.log(`written to ${path.relative(process.cwd(), file)}`);
  const ok = summary.status5xx === 0 && summary.errors === 0 && growth < 10;
  if (!ok) process.exitCode = 1;
} finally {
  server.child.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
