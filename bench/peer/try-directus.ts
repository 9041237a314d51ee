// `npx tsx bench/peer/try-directus.ts [--source qh_bench_province] [--database-url postgres://…]
//   [--port 8155] [--work-dir DIR] [--load SECONDS] [--keep] [--verbose]`
// Checks that the Directus peer works: copies the benchmark database (CREATE DATABASE …
// TEMPLATE, so the source is never touched), starts Directus over the copy, checks both
// answers against SQL, times a few requests, prints the first rows, optionally loads each
// request with autocannon for SECONDS, then stops Directus and drops the copy (unless
// --keep). With --database-url it uses that database as it is and drops nothing.
import autocannon from 'autocannon';
import pg from 'pg';
import { directusRequests, type Peer, startDirectus, verifyDirectus } from './directus.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const flag = (name: string) => args.includes(`--${name}`);

const server = 'postgres://postgres@127.0.0.1:5432';
const source = arg('source', 'qh_bench_province');
const port = Number(arg('port', '8155'));
const loadSeconds = Number(arg('load', '0'));
const givenUrl = arg('database-url', '');
const copyName = `qh_directus_try_${process.pid}`;
const databaseUrl = givenUrl || `${server}/${copyName}`;
const quote = (id: string) => `"${id.replaceAll('"', '""')}"`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: `${server}/postgres` });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

if (!givenUrl) {
  const t = performance.now();
  // TEMPLATE needs the source free of other sessions for a moment: a few tries.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin((c) => c.query(`create database ${quote(copyName)} template ${quote(source)}`));
      break;
    } catch (e) {
      if (attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 1_000 * attempt));
    }
  }
  console.log(`copy: ${source} → ${copyName} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

// Ctrl-C or a kill: stop Directus and drop the copy, then exit (were that to hang, a second
// signal exits at once, and the 'exit' hook in directus.ts still ends Directus's process group).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    process.once(signal, () => process.exit(130));
    console.error(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });

const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
let peer: Peer | undefined;
let failed = false;
try {
  const before = await ourSchema(db);
  peer = await startDirectus({
    databaseUrl,
    port,
    workDir: arg('work-dir', '') || undefined,
    log: flag('verbose') ? (l) => console.log(l) : undefined,
  });
  console.log(`\n${peer.setup}\n`);

  // The agency with the most in-progress tasks, so the page is full.
  const top = await db.query<{ id: number; n: number }>(
    `select lead_agency_id as id, count(*)::int as n from tasks where status = 'in_progress'
     group by lead_agency_id order by n desc, lead_agency_id limit 1`,
  );
  const agencyId = top.rows[0]?.id ?? 1;
  const req = directusRequests(agencyId);

  for (const [name, p] of Object.entries(req)) {
    const times: number[] = [];
    let status = 0;
    let body = '';
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      const r = await fetch(peer.baseUrl + p, { headers: peer.headers });
      body = await r.text();
      times.push(performance.now() - t);
      status = r.status;
    }
    const parsed = JSON.parse(body) as { data?: unknown[]; meta?: unknown };
    console.log(`${name}: GET ${p}`);
    console.log(
      `  HTTP ${status}, ${body.length} bytes; 6 requests: ${times.map((ms) => `${ms.toFixed(1)} ms`).join(', ')}`,
    );
    if (parsed.meta) console.log(`  meta ${JSON.stringify(parsed.meta)}`);
    for (const row of (parsed.data ?? []).slice(0, name === 'taskList' ? 3 : 10))
      console.log(`  ${JSON.stringify(row)}`);
  }

  const problems = await verifyDirectus(peer, db, agencyId);
  console.log(problems.length ? `\nMISMATCH:\n  ${problems.join('\n  ')}` : '\nboth answers match SQL');
  if (problems.length) failed = true;

  if (loadSeconds > 0) {
    for (const [name, p] of Object.entries(req)) {
      const result = await autocannon({
        url: peer.baseUrl + p,
        headers: peer.headers,
        connections: 50,
        duration: loadSeconds,
      });
      console.log(
        `load ${name}: ${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`,
      );
    }
  }

  const after = await ourSchema(db);
  if (after !== before) {
    console.log('OUR TABLES CHANGED (columns or constraints outside directus_*)');
    failed = true;
  } else
    console.log(
      'our tables unchanged (columns, types, defaults, constraints, indexes); Directus added its directus_* tables',
    );
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);

async function cleanUp(): Promise<void> {
  const t = performance.now();
  await peer?.stop();
  if (peer) console.log(`stopped in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await db.end().catch(() => {});
  if (!givenUrl && !flag('keep')) {
    await admin((c) => c.query(`drop database if exists ${quote(copyName)} with (force)`));
    console.log(`dropped ${copyName}`);
  } else if (!givenUrl) console.log(`kept ${databaseUrl}`);
}

/** A fingerprint of every non-Directus table's columns and constraints. */
async function ourSchema(pool: pg.Pool): Promise<string> {
  const cols = await pool.query(
    `select table_name, column_name, data_type, is_nullable, column_default, is_identity
     from information_schema.columns
     where table_schema = 'public' and table_name not like 'directus\\_%'
     order by table_name, ordinal_position`,
  );
  const cons = await pool.query(
    `select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def
     from pg_constraint where connamespace = 'public'::regnamespace and conrelid::regclass::text not like 'directus\\_%'
     order by 1, 2`,
  );
  const idx = await pool.query(
    `select tablename, indexname, indexdef from pg_indexes
     where schemaname = 'public' and tablename not like 'directus\\_%' order by 1, 2`,
  );
  return JSON.stringify([cols.rows, cons.rows, idx.rows]);
}
