#!/usr/bin/env node
// `pnpm bench [name…] [--no-build] [--table] [--timeout SECONDS]`
//
// Runs every bench/*.bench.ts, each in a FRESH Node process (`node --import tsx`, so the JIT
// state of one benchmark never leaks into the next), optionally only those whose file name
// contains one of the given names, then prints one table of every result in
// bench/results/*.json: name, size, median, baseline and its median, ratio, target, met.
//
// Exit status: 1 when a benchmark crashed, timed out or wrote no result; 0 otherwise. A missed
// target is not a failure of the run (numbers depend on the machine): it is reported in the
// table and in the summary line.
//
// Benchmarks that start worker threads load the built package (packages/core/dist); it is
// rebuilt first when it is missing or older than packages/core/src (skip with --no-build).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, 'bench');
const RESULTS_DIR = join(BENCH_DIR, 'results');
const CORE = join(ROOT, 'packages', 'core');

const USAGE = 'usage: pnpm bench [name…] [--no-build] [--table] [--timeout SECONDS]';

function parseArgs(argv) {
  const options = { filters: [], build: true, tableOnly: false, timeoutSeconds: 900 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (arg === '--table') options.tableOnly = true;
    else if (arg === '--timeout') {
      const value = Number(argv[++i]);
      if (!(value > 0)) fail(`--timeout needs a positive number of seconds (${USAGE})`);
      options.timeoutSeconds = value;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('--')) fail(`unknown option ${arg} (${USAGE})`);
    else options.filters.push(arg);
  }
  return options;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** Newest modification time (ms) of any file under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds packages/core when its dist is missing or older than its sources. */
function ensureCoreBuilt() {
  const entries = ['index.js', 'node.js', 'node-worker.js'].map((f) => join(CORE, 'dist', f));
  const missing = entries.some((f) => !existsSync(f));
  const stale = !missing && newestMtime(join(CORE, 'src')) > Math.min(...entries.map((f) => statSync(f).mtimeMs));
  if (!missing && !stale) return;
  console.log(`bench: packages/core/dist is ${missing ? 'missing' : 'older than its sources'}; building it`);
  const result = spawnSync('pnpm', ['--filter', '@regiontwin/core', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail('building @regiontwin/core failed');
}

/** Runs one benchmark file in a fresh Node process; resolves with its exit code (or a reason). */
function runOne(file, timeoutSeconds) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', relative(ROOT, file)], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ ok: false, reason: `timed out after ${timeoutSeconds} s` });
    }, timeoutSeconds * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.message });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, reason: signal ? `killed by ${signal}` : `exit code ${code}` });
    });
  });
}

function readResults() {
  if (!existsSync(RESULTS_DIR)) return [];
  return readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const path = join(RESULTS_DIR, f);
      try {
        return { file: f, mtimeMs: statSync(path).mtimeMs, ...JSON.parse(readFileSync(path, 'utf8')) };
      } catch (error) {
        return { file: f, mtimeMs: 0, name: f, broken: `unreadable: ${error.message}` };
      }
    });
}

const formatMs = (ms) =>
  typeof ms !== 'number' || !Number.isFinite(ms)
    ? '-'
    : ms >= 1000
      ? `${(ms / 1000).toPrecision(3)} s`
      : `${ms.toPrecision(3)} ms`;
const formatRatio = (r) =>
  typeof r !== 'number' || !Number.isFinite(r)
    ? '-'
    : r >= 1000
      ? `${Math.round(r).toLocaleString('en-US')}×`
      : `${r.toPrecision(3)}×`;

function targetText(target) {
  if (!target) return '-';
  const parts = [];
  if (target.medianMs !== undefined) parts.push(`≤ ${target.medianMs} ms`);
  if (target.ratio !== undefined) parts.push(`≥ ${target.ratio}×`);
  for (const [key, floor] of Object.entries(target.atLeast ?? {})) parts.push(`${key} ≥ ${floor}`);
  return parts.join(', ') || '-';
}

function printTable(results, runStartMs) {
  const header = ['name', 'size', 'median', 'cpu median', 'baseline', 'baseline median', 'ratio', 'target', 'met'];
  const rows = results.map((r) => {
    if (r.broken) return [r.name, r.broken, '-', '-', '-', '-', '-', '-', '-'];
    const old = runStartMs !== undefined && r.mtimeMs < runStartMs ? ` (old: ${String(r.date).slice(0, 10)})` : '';
    const met = r.meetsTarget === undefined || r.meetsTarget === null ? '-' : r.meetsTarget ? 'yes' : 'NO';
    return [
      `${r.name}${old}`,
      String(r.size ?? '-'),
      formatMs(r.medianMs),
      formatMs(r.medianCpuMs),
      String(r.baseline?.name ?? '-'),
      formatMs(r.baseline?.medianMs),
      formatRatio(r.ratio),
      targetText(r.target),
      met,
    ];
  });
  const widths = header.map((h, c) => Math.min(60, Math.max(h.length, ...rows.map((row) => row[c].length))));
  const cut = (s, w) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (cells) => cells.map((cell, c) => cut(cell, widths[c])).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

const options = parseArgs(process.argv.slice(2));
const files = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => options.filters.length === 0 || options.filters.some((name) => f.includes(name)))
  .sort()
  .map((f) => join(BENCH_DIR, f));

const failures = [];
let runStartMs;
if (!options.tableOnly) {
  if (files.length === 0) fail(`no bench/*.bench.ts matches ${options.filters.join(', ')}`);
  if (options.build) ensureCoreBuilt();
  // File times and Date.now() share the system clock; 5 ms of slack for their rounding.
  runStartMs = Date.now() - 5;
  for (const file of files) {
    const name = relative(ROOT, file);
    console.log(`\n▶ ${name}`);
    const before = Date.now() - 5;
    const started = performance.now();
    const outcome = await runOne(file, options.timeoutSeconds);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const wrote = readResults().filter((r) => r.mtimeMs >= before).length;
    if (outcome.ok && wrote === 0) outcome.ok = false;
    if (!outcome.ok) {
      const reason = outcome.reason ?? 'exited 0 but wrote no bench/results/*.json';
      failures.push(`${name}: ${reason}`);
      console.log(`✖ ${name} FAILED (${reason}) after ${seconds} s`);
    } else console.log(`✔ ${name} (${seconds} s, ${wrote} result${wrote === 1 ? '' : 's'})`);
  }
}

const results = readResults();
console.log(`\nBenchmark results (bench/results/*.json)${runStartMs ? '; "(old: date)" = not rerun now' : ''}:\n`);
printTable(results, runStartMs);
const missed = results.filter((r) => r.meetsTarget === false);
console.log(
  `\n${results.length} results, ${missed.length} missed target${missed.length === 1 ? '' : 's'}` +
    (missed.length ? `: ${missed.map((r) => r.name).join(', ')}` : ''),
);
if (failures.length > 0) {
  console.log(`\n${failures.length} benchmark${failures.length === 1 ? '' : 's'} FAILED:`);
  for (const f of failures) console.log(`  ${f}`);
  process.exit(1);
}
