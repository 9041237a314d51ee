// Benchmark of the indicator spreadsheet import: an XLSX of N synthetic observations, written
// with exceljs's streaming writer, uploaded to the real server (`quyhoach serve`, a child
// process) through POST /indicators/import with a write token. Reports rows per second (from
// the start of the upload to the answer: receiving, checking, parsing, validating, writing,
// committing) and the server's peak RSS during the import (VmHWM, reset just before it).
//   npx tsx bench/import.ts --rows 1000000 [--database-url postgres://…] [--keep]
// Without --database-url the server runs on PGlite in a temporary data folder (migrated and
// seeded first). The synthetic indicators (syn_imp_001…, is_sample, "[tổng hợp]") are created
// if missing; their observations are deleted before each run unless --keep is given (then the
// run replaces the previous run's values). Writes bench/results/import-<date>-<engine>-<rows>.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/kernel/config/index.ts';
import { openConfiguredDatabase } from '../src/kernel/db/engine.ts';
import { queryRows } from '../src/kernel/db/query.ts';
import { IMPORT_COLUMNS } from '../src/modules/indicators/spreadsheet.ts';
import { runCli, startServerProcess } from '../test/helpers/server-process.ts';

export type ImportBenchResult = {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  fileMb: number;
};

export type ImportBenchOptions = {
  databaseUrl?: string;
  rows: number;
  log?: (line: string) => void;
  /** Keep the synthetic observations of an earlier run, so this one replaces them. */
  keep?: boolean;
  /** Extra details (RSS before the import, counts) go here when given. */
  details?: Record<string, unknown>;
};

const INDICATORS = 100;
const MARK = '[tổng hợp]';
const code = (i: number) => `syn_imp_${String(i + 1).padStart(3, '0')}`;

/** Peak resident memory of a process since its counter was last reset, in MB. */
function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** Writes the sheet row by row with the streaming writer (shared strings, as Excel saves). */
async function writeWorkbook(file: string, rows: number, units: readonly string[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('so_lieu');
  ws.addRow([...IMPORT_COLUMNS]).commit();
  const perCombo = INDICATORS * units.length;
  for (let i = 0; i < rows; i++) {
    const combo = Math.floor(i / perCombo);
    ws.addRow([
      code(i % INDICATORS),
      2021 + Math.floor(combo / 5),
      combo % 5,
      units[Math.floor(i / INDICATORS) % units.length]!,
      ((i * 37) % 100_000) / 10,
      'approved',
      i % 1000 === 0 ? `Số liệu tổng hợp ${MARK}` : null,
      i % 500 === 0 ? 'https://example.org/so-lieu-tong-hop' : null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

export async function benchImport(opts: ImportBenchOptions): Promise<ImportBenchResult> {
  const log = opts.log ?? (() => {});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-import-'));
  const file = path.join(dataDir, 'so-lieu.xlsx');
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: opts.databaseUrl ?? '',
    PORT: String(33000 + Math.floor(Math.random() * 2000)),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  try {
    for (const step of [['migrate'], ['seed']]) {
      const r = await runCli(env, step);
      if (r.code !== 0) throw new Error(`quyhoach ${step[0]} failed: ${r.err || r.out}`);
    }
    const email = 'bench-import@example.test';
    await runCli(
      env,
      ['user', 'add', '--email', email, '--role', 'planner', '--password-stdin'],
      'mat-khau-bench-2026',
    );
    const tokenOut = await runCli(env, [
      'token',
      'create',
      '--user',
      email,
      '--name',
      'bench',
      '--scope',
      'read,write',
    ]);
    const token = tokenOut.out.trim().split('\n').at(-1)!;

    // The synthetic indicators, and the units the rows are spread over.
    const database = await openConfiguredDatabase(loadConfig({ ...process.env, ...env }));
    let units: string[];
    try {
      const db = database.db;
      await db.execute(sql`insert into indicators (code, name_vi, unit, category, direction, kind, plan_id,
          admin_unit_id, sort_order, is_sample)
        select 'syn_imp_' || lpad(g::text, 3, '0'), 'Chỉ tiêu nhập thử ' || g || ' ' || ${MARK}, '%', 'economic',
          'higher', 'level', (select min(id) from plans),
          (select id from admin_units where level = 'province' order by id limit 1), 5000 + g, true
        from generate_series(1, ${INDICATORS}) g on conflict (code) do nothing`);
      await db.execute(sql`insert into indicator_targets (indicator_id, year, value, comparator, is_sample)
        select i.id, 2030, 50, 'gte', true from indicators i
        where i.code like 'syn\\_imp\\_%' and not exists (select 1 from indicator_targets t where t.indicator_id = i.id)`);
      if (!opts.keep) {
        await db.execute(sql`delete from indicator_observations
          where indicator_id in (select id from indicators where code like 'syn\\_imp\\_%')`);
        // The deleted rows' index entries have the very keys about to be inserted: until a vacuum
        // removes them every insert checks them too (about half again the cost). A table whose rows
        // were deleted a while ago has been vacuumed by then, so the run starts from that state.
        await db.execute(sql`vacuum indicator_observations`);
      }
      units = (await queryRows<{ id: string }>(db, sql`select id from admin_units order by id`)).map(
        (u) => u.id,
      );
    } finally {
      await database.close();
    }
    if (opts.rows > INDICATORS * units.length * 5 * 80) throw new Error('too many rows for the key space');

    log(`writing ${opts.rows.toLocaleString('en')} rows to ${file}…`);
    const writeStart = performance.now();
    await writeWorkbook(file, opts.rows, units);
    const fileBytes = fs.statSync(file).size;
    const fileMb = Math.round((fileBytes / 1024 / 1024) * 10) / 10;
    log(`${fileMb} MB written in ${((performance.now() - writeStart) / 1000).toFixed(1)} s`);

    // The product default stays; the bench allows its own file size.
    const server = await startServerProcess({ ...env, UPLOAD_MAX_MB: String(Math.ceil(fileMb) + 1) });
    const pid = server.child.pid!;
    try {
      const rssBefore = statusMb(pid, 'VmRSS');
      // Reset the peak-RSS counter, so VmHWM is the peak during the import.
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
      const form = new FormData();
      form.append('file', await fs.openAsBlob(file), 'so-lieu.xlsx');
      log(`importing through POST /indicators/import (server RSS ${rssBefore} MB)…`);
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${env.PORT}/indicators/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        body: form,
      });
      const body = await res.text();
      const seconds = (performance.now() - started) / 1000;
      const peakRssMb = statusMb(pid, 'VmHWM');
      if (res.status !== 200) throw new Error(`import answered ${res.status}: ${body.slice(0, 500)}`);
      const written = (JSON.parse(body) as { written: number }).written;
      if (written !== opts.rows) throw new Error(`${written} rows written, expected ${opts.rows}`);
      const result = {
        rows: opts.rows,
        seconds: Math.round(seconds * 100) / 100,
        rowsPerSecond: Math.round(opts.rows / seconds),
        peakRssMb,
        fileMb,
      };
      if (opts.details) Object.assign(opts.details, { rssBeforeMb: rssBefore, written });
      log(JSON.stringify(result));
      return result;
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
  };
  const databaseUrl = arg('database-url', process.env.DATABASE_URL ?? '') || undefined;
  const details: Record<string, unknown> = {};
  const result = await benchImport({
    databaseUrl,
    rows: Number(arg('rows', '100000')),
    keep: args.includes('--keep'),
    log: (l) => console.error(l),
    details,
  });
  const summary = {
    date: new Date().toISOString(),
    engine: databaseUrl ? 'postgres' : 'pglite',
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    replaced: args.includes('--keep'),
    ...result,
    ...details,
  };
  const outDir = path.resolve(import.meta.dirname, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `import-${summary.date.slice(0, 10)}-${summary.engine}-${result.rows}.json`);
  fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
}
