// The results table in bench/README.md, rebuilt from the newest results file of each
// scale: req/s and latency per scenario, ratio to the ceiling and to the peer, and the
// province → national ratio for the same route, with the issue's targets checked.
import fs from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load.ts';

/** One measured scenario of a run (written by bench/run.ts). */
export type Row = {
  engine: string;
  cache: 'on' | 'off';
  scenario: string;
  route: string;
  result: LoadResult;
  ceiling?: LoadResult;
  peer?: LoadResult & { system: string };
  figures?: Record<string, number>;
};
type Results = {
  date: string;
  machine: string;
  scale: string;
  seconds: number;
  rounds: number;
  loadAverage?: { before: number; after: number };
  rows: Row[];
};

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

function newest(dir: string, scale: string): Results | undefined {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(`-${scale}.json`) && /^\d{4}-\d{2}-\d{2}-/.test(f))
    .sort();
  const last = files.at(-1);
  return last ? (JSON.parse(fs.readFileSync(path.join(dir, last), 'utf8')) as Results) : undefined;
}

const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 1 });

function table(r: Results, national?: Results): string {
  const lines = [
    `### ${r.scale} scale — ${r.date.slice(0, 10)} (${r.machine}; ${r.rounds} × ${r.seconds} s per side, 50 connections)`,
    '',
    ...(r.loadAverage
      ? [
          `Load average of the machine before and after the run: ${r.loadAverage.before} and ${r.loadAverage.after} (other work lowers every figure).`,
          '',
        ]
      : []),
    'A req/s of 0 means no answer completed within the measured window (each took longer than the window under 50 connections).',
    '',
    '| Engine | Cache | Scenario | req/s | p50 ms | p95 ms | p99 ms | errors | × ceiling | × peer | national ÷ province req/s |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of r.rows) {
    if (row.figures) continue;
    const res = row.result;
    const other = national?.rows.find(
      (n) => n.engine === row.engine && n.cache === row.cache && n.scenario === row.scenario,
    );
    lines.push(
      `| ${row.engine} | ${row.cache} | ${row.scenario} | ${fmt(res.reqPerSec)} | ${res.p50} | ${res.p95} | ${res.p99} | ${res.errors + res.non2xx} | ` +
        `${row.ceiling ? (res.reqPerSec / row.ceiling.reqPerSec).toFixed(2) : ''} | ` +
        `${row.peer ? `${(res.reqPerSec / row.peer.reqPerSec).toFixed(1)} (${fmt(row.peer.reqPerSec)} req/s)` : ''} | ` +
        `${other && res.reqPerSec > 0 ? (other.result.reqPerSec / res.reqPerSec).toFixed(2) : ''} |`,
    );
  }
  const shots = r.rows.filter((row) => row.figures);
  if (shots.length) {
    lines.push('', '| Engine | One-shot scenario | Figures |', '|---|---|---|');
    for (const row of shots)
      lines.push(
        `| ${row.engine} | ${row.scenario} | ${Object.entries(row.figures!)
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(', ')} |`,
      );
  }
  return lines.join('\n');
}

export function writeReadme(resultsDir: string, readmePath: string): void {
  const province = newest(resultsDir, 'province');
  const national = newest(resultsDir, 'national');
  const parts = [province && table(province, national), national && table(national)].filter(Boolean);
  const generated = `${START}\n${parts.join('\n\n')}\n${END}`;
  const current = fs.existsSync(readmePath)
    ? fs.readFileSync(readmePath, 'utf8')
    : `# Benchmarks\n\n${START}\n${END}\n`;
  const at = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    at >= 0 && end > at
      ? current.slice(0, at) + generated + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n${generated}\n`;
  fs.writeFileSync(readmePath, next);
}
