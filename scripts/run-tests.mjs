#!/usr/bin/env node
// Finds the test files and runs them with Node's test runner under tsx.
//   node scripts/run-tests.mjs          unit files, then the browser journeys (skipped, saying so, without Chromium)
//   node scripts/run-tests.mjs unit     every *.test.ts under src/ and test/ except test/browser
//   node scripts/run-tests.mjs browser  the Chromium journeys in test/browser
// Extra arguments are passed through as file filters (substring match).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [kind = 'all', ...filters] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = path.resolve(import.meta.dirname, '..');

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(full);
    return e.name.endsWith('.test.ts') || e.name.endsWith('.test.tsx') ? [full] : [];
  });
}

const browserDir = path.join(root, 'test', 'browser');

function filesOf(which) {
  let files =
    which === 'browser'
      ? walk(browserDir)
      : [...walk(path.join(root, 'src')), ...walk(path.join(root, 'test'))].filter(
          (f) => !f.startsWith(browserDir),
        );
  if (filters.length) files = files.filter((f) => filters.some((s) => f.includes(s)));
  return files.map((f) => path.relative(root, f)).sort();
}

function run(which) {
  const files = filesOf(which);
  if (files.length === 0) return 0;
  if (which === 'browser' && !fs.existsSync(CHROMIUM)) {
    console.log(`SKIPPED: ${files.length} browser journey file(s) — Chromium not found at ${CHROMIUM}.`);
    console.log(
      "         Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.",
    );
    return 0;
  }
  const engine = process.env.TEST_DATABASE_URL
    ? 'the PostgreSQL server in TEST_DATABASE_URL'
    : 'embedded PGlite';
  console.log(`Running ${files.length} ${which} test file(s) on ${engine}`);
  if (which === 'unit' && !process.env.TEST_DATABASE_URL) {
    console.log(
      '(PostgreSQL server run skipped: set TEST_DATABASE_URL=postgres://… to run this suite against a server.)',
    );
  }
  // Browser journeys share one Chromium; unit files run in parallel processes.
  const concurrency = which === 'browser' ? 1 : Math.max(2, Math.min(4, os.availableParallelism()));
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000', ...files],
    { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: 'test' } },
  );
  return result.status ?? 1;
}

const kinds = kind === 'all' ? ['unit', 'browser'] : [kind];
if (kinds.every((k) => filesOf(k).length === 0)) {
  console.error('No test files found.');
  process.exit(1);
}
let status = 0;
for (const k of kinds) status = run(k) || status;
process.exit(status);
