import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Security properties of the shipped code (docs/security.md):
 * - no code from data: the built bundles of core, templates and CLI contain no `eval`, no
 *   `new Function`, no dynamic `import()`/`require()` of anything but a fixed string, and start
 *   workers only from their own files;
 * - no network: the CLI's commands (validate, run with workers, sweep, compare, templates) run
 *   with every network entry point of Node trapped (no-network-trap.mjs) and none is called.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(REPO, 'packages/cli/dist/bin.js');
const TRAP = fileURLToPath(new URL('./no-network-trap.mjs', import.meta.url));

/** A construct that runs code chosen at run time, and why each is forbidden. */
const FORBIDDEN: { name: string; pattern: RegExp }[] = [
  { name: 'eval', pattern: /(?<![\w$.])eval\s*\(/ },
  { name: 'new Function', pattern: /\bnew\s+Function\s*\(/ },
  { name: 'Function(string)', pattern: /(?<![\w$.])Function\s*\(\s*['"`]/ },
  // import("literal") is fine (a fixed chunk); import(anything else) could load a path from input.
  { name: 'dynamic import of a variable', pattern: /(?<![\w$.])import\s*\(\s*(?!['"][^'"]*['"]\s*\))/ },
  { name: 'require of a variable', pattern: /(?<![\w$.])require\s*\(\s*(?!['"][^'"]*['"]\s*\))/ },
  { name: 'node:vm', pattern: /['"](node:)?vm['"]/ },
  { name: 'child processes', pattern: /['"](node:)?child_process['"]/ },
  { name: 'setTimeout/setInterval with a string', pattern: /\bset(Timeout|Interval)\s*\(\s*['"`]/ },
];

/**
 * `new Worker(x)` is allowed only from the package's own files: the browser engine's literal
 * `new URL("./worker.js", import.meta.url)`, and the Node engine's `workerUrl`, a parameter whose
 * default is `new URL("./node-worker.js", import.meta.url)` (set by the program embedding the
 * engine, never by a scenario or region).
 */
const WORKER_START = /new\s+Worker\s*\(\s*([^)]{0,60})/g;
const ALLOWED_WORKER_ARGUMENTS = [/^new URL\("\.\/worker\.js", import\.meta\.url/, /^workerUrl\b/];

/** The JavaScript a package ships (its dist/, without source maps). */
function builtFiles(pkg: string): string[] {
  const dist = join(REPO, 'packages', pkg, 'dist');
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dist, f));
}

/** Every forbidden construct in `code`, as `name: excerpt`. */
function findForbidden(code: string): string[] {
  const found: string[] = [];
  for (const { name, pattern } of FORBIDDEN) {
    const global = new RegExp(pattern.source, 'g');
    for (const m of code.matchAll(global)) found.push(`${name}: ${code.slice(m.index, m.index + 60)}`);
  }
  for (const m of code.matchAll(WORKER_START)) {
    if (!ALLOWED_WORKER_ARGUMENTS.some((allowed) => allowed.test(m[1]))) found.push(`new Worker: ${m[0]}`);
  }
  return found;
}

describe('no code from data: the built bundles', () => {
  it('the scanner finds each forbidden construct (it can fail)', () => {
    const samples = [
      'eval(text)',
      'x = new Function("a", body)',
      'Function("return this")()',
      'await import(userPath)',
      'await import(`./${name}.js`)',
      'require(name)',
      'import vm from "node:vm"',
      'import { exec } from "child_process"',
      'setTimeout("alert(1)", 0)',
      'new Worker(scenario.workerPath)',
    ];
    for (const sample of samples) expect(findForbidden(sample), sample).not.toEqual([]);
    // …and leaves the legitimate forms alone.
    for (const fine of [
      'await import("./chunk-1.js")',
      'retrieval(x)',
      'obj.eval(x)',
      'new Worker(new URL("./worker.js", import.meta.url), { type: "module" })',
      'new Worker(workerUrl)',
    ]) {
      expect(findForbidden(fine), fine).toEqual([]);
    }
  });

  it.each(['core', 'templates', 'cli'])(
    '@regiontwin/%s dist has no eval, Function, dynamic import or foreign worker',
    (pkg) => {
      const files = builtFiles(pkg);
      expect(files.length, `build @regiontwin/${pkg} first`).toBeGreaterThan(0);
      const found = files.flatMap((file) =>
        findForbidden(readFileSync(file, 'utf8')).map((f) => `${relative(REPO, file)}: ${f}`),
      );
      expect(found).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'regiontwin-no-network-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `node --import no-network-trap.mjs <args>`; returns the exit code and the network log. */
function runTrapped(args: string[]): Promise<{ code: number | null; stderr: string; attempts: string[] }> {
  const log = join(work, `network-${Math.random().toString(36).slice(2)}.log`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TRAP, ...args], {
      cwd: REPO,
      env: { ...process.env, REGIONTWIN_NETWORK_LOG: log, REGIONTWIN_DEBUG: '', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stderr,
        attempts: existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [],
      }),
    );
  });
}

describe('no network requests: core, templates and CLI with every network entry point trapped', () => {
  it('the trap records an attempt, in the main thread and in a worker thread (it can fail)', async () => {
    const probe = join(work, 'probe.mjs');
    const probeWorker = join(work, 'probe-worker.mjs');
    writeFileSync(
      probeWorker,
      "import { request } from 'node:http';\ntry { request('http://127.0.0.1:9/'); } catch {}\n",
    );
    writeFileSync(
      probe,
      [
        "import { Worker } from 'node:worker_threads';",
        "try { await fetch('http://127.0.0.1:9/'); } catch {}",
        `const w = new Worker(${JSON.stringify(probeWorker)});`,
        "await new Promise((r) => w.on('exit', r));",
      ].join('\n'),
    );
    const run = await runTrapped([probe]);
    expect(run.attempts).toEqual(['fetch (main thread)', 'http.request (worker thread)']);
  });

  const scenario = join(work, 'hubs.json');
  writeFileSync(
    scenario,
    JSON.stringify({
      schema: 'regiontwin/scenario@1',
      name: 'Hubs, offline',
      region: relative(work, join(REPO, 'fixtures/synthetic-small')),
      years: { start: 2026, end: 2027 },
      interventions: [{ template: 'it-hub-per-district', params: { maxTravelMinutes: 30 } }],
    }),
  );
  const other = join(work, 'one-hub.json');
  writeFileSync(
    other,
    JSON.stringify({
      schema: 'regiontwin/scenario@1',
      name: 'One hub, offline',
      region: relative(work, join(REPO, 'fixtures/synthetic-small')),
      years: { start: 2026, end: 2027 },
      interventions: [{ type: 'add-facility', kind: 'it-hub', at: [63.75, 53.3] }],
      indicators: [{ id: 'population-within-travel-time', kind: 'it-hub', minutes: 30 }],
    }),
  );

  it.each([
    ['validate', ['validate', 'fixtures/synthetic-small']],
    ['run, 1 worker thread, report', ['run', scenario, '--workers', '1', '--out', join(work, 'run-out')]],
    [
      'sweep, 2 worker threads',
      [
        'sweep',
        scenario,
        '--param',
        'interventions.0.params.maxTravelMinutes=10..40:4',
        '--workers',
        '2',
        '--out',
        join(work, 'sweep-out'),
      ],
    ],
    ['compare', ['compare', scenario, other, '--out', join(work, 'compare-out')]],
    ['templates', ['templates']],
  ])('%s: succeeds without touching the network', async (_label, args) => {
    const run = await runTrapped([BIN, ...args]);
    expect(run.stderr).not.toMatch(/network access attempted/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.attempts).toEqual([]);
  });
});
