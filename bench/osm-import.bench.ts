/**
 * osm-import: the real `regiontwin import osm` as a user runs it — `node packages/cli/dist/bin.js
 * import osm <pbf> --boundary <districts> --out <dir> --force` in a child process under GNU time
 * (`/usr/bin/time -f '%M %e %U %S'`: peak RSS, wall and CPU time) — on a seeded SYNTHETIC extract
 * of a realistic PBF size (bench/synthetic-osm-extract.ts: ≈ 8.5–9 bytes per node, like real
 * files; 100 MB ≈ 11.5 M nodes, 1.6 M ways, 13 k multipolygon relations), with two boundaries:
 *
 * - **whole**: 24 jagged districts covering ≈ 80 % of the extract's area (almost everything is
 *   inside: the worst case for memory);
 * - **cut**: one district covering ≈ 5 % (a country extract cut to one region: the keep box should
 *   make memory small).
 *
 * Baseline, in the same run: decoding the same file with osm-pbf-parser-node alone
 * (bench/osm-pbf-decode-count.mjs, also a child process under GNU time), the floor any importer on
 * this parser pays. Reported: wall and CPU time, import ÷ decode time, peak RSS and peak RSS per
 * node of the file, bytes written, and whether `regiontwin validate` accepts the whole output
 * (reported, never a failure of the benchmark). One import per boundary (a 100 MB import takes
 * minutes; medians of several would not change the picture).
 *
 * Environment: OSM_BENCH_PBF_MB (default 100; 10 for a quick run), OSM_BENCH_SEED (default 7),
 * OSM_BENCH_TIMEOUT_S (per child process, default 900), OSM_BENCH_CLI (the bin.js to measure,
 * default packages/cli/dist/bin.js). The generated PBF is cached in
 * bench/.scratch keyed by size, seed and generator version. Needs osmium-tool and GNU time
 * (Debian: apt-get install -y osmium-tool time) and a built CLI (`pnpm --filter @regiontwin/core
 * build && pnpm --filter @regiontwin/cli build`).
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { REPO_ROOT, formatMs, writeResult } from './harness.js';
import { boundsOfPolygons, buildSyntheticDistricts } from './synthetic-districts.js';
import { cachedSyntheticOsmExtract, type SyntheticOsmExtract } from './synthetic-osm-extract.js';

const targetMb = Number(process.env.OSM_BENCH_PBF_MB ?? 100);
const seed = Number(process.env.OSM_BENCH_SEED ?? 7);
const timeoutSeconds = Number(process.env.OSM_BENCH_TIMEOUT_S ?? 900);
if (!(targetMb > 0) || !Number.isInteger(seed) || !(timeoutSeconds > 0)) {
  console.error(
    'osm-import: OSM_BENCH_PBF_MB and OSM_BENCH_TIMEOUT_S must be positive numbers, OSM_BENCH_SEED an integer',
  );
  process.exit(2);
}
// OSM_BENCH_CLI measures another build (e.g. an older commit's, built in a copy of the tree).
const CLI = process.env.OSM_BENCH_CLI
  ? resolve(process.env.OSM_BENCH_CLI)
  : join(REPO_ROOT, 'packages', 'cli', 'dist', 'bin.js');
const DECODE = join(REPO_ROOT, 'bench', 'osm-pbf-decode-count.mjs');
const GNU_TIME = '/usr/bin/time';
for (const [path, hint] of [
  [CLI, 'build the CLI: pnpm --filter @regiontwin/core build && pnpm --filter @regiontwin/cli build'],
  [GNU_TIME, 'GNU time is needed for peak RSS: apt-get install -y time'],
]) {
  if (!existsSync(path)) {
    console.error(`osm-import: ${path} is missing (${hint})`);
    process.exit(1);
  }
}
if (!process.env.OSM_BENCH_CLI) warnIfCliStale();

const scratch = join(REPO_ROOT, 'bench', '.scratch');
const { pbfPath, extract, cached } = cachedSyntheticOsmExtract({
  targetBytes: targetMb * 1e6,
  seed,
  cacheDir: scratch,
  log: (line) => console.log(`  ${line}`),
});
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
const count = (n: number) => n.toLocaleString('en-US');
console.log(
  `  extract${cached ? ' (cached)' : ''}: ${pbfPath}, ${mb(extract.pbfBytes)} (target ${targetMb} MB, ` +
    `${(extract.pbfBytes / extract.nodes).toFixed(1)} B/node), ${count(extract.nodes)} nodes, ${count(extract.ways)} ways, ` +
    `${count(extract.relations)} relations, ${count(extract.buildings)} buildings, ${count(extract.settlements)} settlements` +
    (cached ? '' : `; generated in ${((extract.generateMs + extract.convertMs) / 1000).toFixed(1)} s`),
);

/** Districts laid out in km around a centre (the extract's, or the cut region's). */
const { widthKm, heightKm, center } = extract;
const kmPerDegreeLon = 111.32 * Math.cos((center[1] * Math.PI) / 180);
const wholeShare = Math.sqrt(0.8);
const cutShare = Math.sqrt(0.05);
const boundaries: { label: 'whole' | 'cut'; districts: FeatureCollection<Polygon>; areaShare: number; what: string }[] =
  [
    {
      label: 'whole',
      districts: buildSyntheticDistricts({
        columns: 6,
        rows: 4,
        widthKm: widthKm * wholeShare,
        heightKm: heightKm * wholeShare,
        center,
        seed: seed + 1,
      }),
      areaShare: 0.8,
      what: '24 districts over ≈ 80 % of the area',
    },
    {
      label: 'cut',
      districts: buildSyntheticDistricts({
        columns: 1,
        rows: 1,
        widthKm: widthKm * cutShare,
        heightKm: heightKm * cutShare,
        // Off-centre: the north-west quarter, away from the extract's edges.
        center: [center[0] - (0.2 * widthKm) / kmPerDegreeLon, center[1] + (0.15 * heightKm) / 110.574],
        seed: seed + 2,
      }),
      areaShare: 0.05,
      what: '1 district over ≈ 5 % of the area',
    },
  ];

/** What GNU time and the child process reported. */
/** A child run's time and memory as the result file reports them (peak RSS also per node of the file). */
function runFigures(run: ChildRun) {
  return {
    wallMs: Math.round(run.wallMs),
    cpuMs: Math.round(run.cpuMs),
    peakRssMiB: Math.round(run.peakRssBytes / 1048576),
    peakRssBytesPerNode: Number((run.peakRssBytes / extract.nodes).toFixed(1)),
  };
}

interface ChildRun {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  peakRssBytes: number;
  wallMs: number;
  cpuMs: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <args>` under GNU time in its own process group (so a timeout kills the Node
 * process too, not just `time`), keeping the last MiB of its stdout and stderr.
 */
function runTimed(args: string[]): Promise<ChildRun> {
  const timeFile = join(runDir, `time-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  return new Promise((resolve) => {
    const child = spawn(GNU_TIME, ['-o', timeFile, '-f', '%M %e %U %S', process.execPath, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const keep = (text: string, chunk: Buffer) => (text + chunk.toString('utf8')).slice(-1_048_576);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    let timedOut = false;
    const started = performance.now();
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      // GNU time writes "Command exited with non-zero status N" / "…terminated by signal N" first.
      const lines = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n') : [];
      rmSync(timeFile, { force: true });
      const [rssKiB, elapsedS, userS, systemS] = (lines.at(-1) ?? '').split(' ').map(Number);
      const killedBy = lines.find((l) => l.includes('terminated by signal'));
      resolve({
        exitCode: code,
        signal: signal ?? (killedBy ? `signal ${killedBy.split(' ').at(-1)}` : null),
        timedOut,
        peakRssBytes: Number.isFinite(rssKiB) ? rssKiB * 1024 : NaN,
        wallMs: Number.isFinite(elapsedS) ? elapsedS * 1000 : wallMs,
        cpuMs: Number.isFinite(userS) ? (userS + systemS) * 1000 : NaN,
        stdout,
        stderr,
      });
    });
  });
}

/** The one line that says why a child failed: a JS error, V8's fatal error, or the last line. */
function failureOf(run: ChildRun): string | undefined {
  if (run.timedOut) return `timed out after ${timeoutSeconds} s (killed)`;
  if (run.exitCode === 0) return undefined;
  const lines = `${run.stderr}\n${run.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('Node.js v') && !l.startsWith('at '));
  const telling = lines.find((l) => /FATAL ERROR|Error\b|out of memory|Invalid/.test(l)) ?? lines.at(-1) ?? '';
  return `exit ${run.exitCode ?? '-'}${run.signal ? ` (${run.signal})` : ''}: ${telling}`;
}

/**
 * Share of the extract's bounding box inside the importer's keep box: the districts' box widened
 * by the CLI's KEEP_BOX_MARGIN_DEGREES (0.5° when this was written) — what the reader can skip.
 */
function keepBoxShare(districts: FeatureCollection<Polygon>): number {
  const margin = 0.5;
  const [w, s, e, n] = boundsOfPolygons(districts);
  const [west, south, east, north] = extract.bbox;
  const overlap = (low: number, high: number, from: number, to: number) =>
    Math.max(0, Math.min(high, to) - Math.max(low, from)) / (to - from);
  return overlap(w - margin, e + margin, west, east) * overlap(s - margin, n + margin, south, north);
}

/** Total size of the files under `dir`, bytes. */
function bytesUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
  }
  return total;
}

/** Warns when the CLI bundle is older than the sources it is built from (it would measure old code). */
function warnIfCliStale(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return Math.max(latest, newest(path));
      return entry.name.endsWith('.test.ts') ? latest : Math.max(latest, statSync(path).mtimeMs);
    }, 0);
  const built = statSync(CLI).mtimeMs;
  for (const pkg of ['cli', 'core']) {
    if (newest(join(REPO_ROOT, 'packages', pkg, 'src')) > built) {
      console.log(
        `  warning: packages/${pkg}/src is newer than packages/cli/dist/bin.js: rebuild to measure the current code`,
      );
    }
  }
}

const runDir = mkdtempSync(join(tmpdir(), 'regiontwin-osm-bench-'));
mkdirSync(runDir, { recursive: true });

const decode = await runTimed([DECODE, pbfPath]);
const decodeFailure = failureOf(decode);
let decodedCounts: { nodes: number; ways: number; relations: number } | undefined;
try {
  decodedCounts = JSON.parse(decode.stdout.trim().split('\n').at(-1) ?? '') as typeof decodedCounts;
} catch {
  decodedCounts = undefined;
}
console.log(
  `  decode only (osm-pbf-parser-node): ${formatMs(decode.wallMs)} (CPU ${formatMs(decode.cpuMs)}), peak RSS ${mib(decode.peakRssBytes)}` +
    (decodeFailure ? `; FAILED ${decodeFailure}` : `; ${count(decodedCounts?.nodes ?? 0)} nodes decoded`),
);

/** One import of the extract clipped to `boundary`, with what it wrote and reported. */
async function importWith(boundary: (typeof boundaries)[number]) {
  const boundaryPath = join(runDir, `${boundary.label}-districts.geojson`);
  writeFileSync(boundaryPath, JSON.stringify(boundary.districts));
  const out = join(runDir, `${boundary.label}-region`);
  const run = await runTimed([CLI, 'import', 'osm', pbfPath, '--boundary', boundaryPath, '--out', out, '--force']);
  const failure = failureOf(run);
  const outputBytes = bytesUnder(out);
  let report: Record<string, unknown> | undefined;
  try {
    report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    report = undefined;
  }
  const summary = {
    boundary: boundary.what,
    ok: failure === undefined,
    error: failure,
    ...runFigures(run),
    peakRssAboveDecodeBytesPerNode: Number(((run.peakRssBytes - decode.peakRssBytes) / extract.nodes).toFixed(1)),
    importOverDecodeTime: Number((run.wallMs / decode.wallMs).toFixed(2)),
    keepBoxShareOfExtract: Number(keepBoxShare(boundary.districts).toFixed(3)),
    outputBytes,
    roadFeatures: (report?.roads as { features?: number } | undefined)?.features,
    buildingsImported: (report?.buildings as { imported?: number } | undefined)?.imported,
  };
  console.log(
    `  import ${boundary.label} (${boundary.what}): ${formatMs(run.wallMs)} (CPU ${formatMs(run.cpuMs)}, ` +
      `${summary.importOverDecodeTime}× decode), peak RSS ${mib(run.peakRssBytes)} (${summary.peakRssBytesPerNode} B/node of the file), ` +
      `wrote ${mb(outputBytes)}, keep box ${(summary.keepBoxShareOfExtract * 100).toFixed(0)} % of the extract` +
      (failure
        ? `; FAILED ${failure}`
        : `; ${count(summary.roadFeatures ?? 0)} road features, ${count(summary.buildingsImported ?? 0)} buildings`),
  );
  if (failure)
    console.log(
      `    stderr (tail):\n${run.stderr
        .trim()
        .split('\n')
        .slice(-15)
        .map((l) => `      ${l}`)
        .join('\n')}`,
    );
  return { out, run, summary };
}

const whole = await importWith(boundaries[0]);
const cut = await importWith(boundaries[1]);
rmSync(cut.out, { recursive: true, force: true });

let validation:
  | {
      exitCode: number | null;
      accepted: boolean;
      warnings: number;
      message: string;
      wallMs: number;
      peakRssMiB: number;
    }
  | undefined;
if (whole.summary.ok) {
  const run = await runTimed([CLI, 'validate', whole.out]);
  // validate prints "valid: …" on stdout and one line per warning on stderr.
  // On failure: "error: <dir>: invalid region, N problems", then the problems (warnings among them).
  const lines = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const warnings = lines.filter((l) => l.startsWith('warning')).length;
  validation = {
    exitCode: run.exitCode,
    accepted: run.exitCode === 0,
    warnings,
    message:
      (run.exitCode === 0
        ? lines.find((l) => l.startsWith('valid'))
        : lines
            .filter((l) => !l.startsWith('warning'))
            .slice(0, 4)
            .join(' | ')) ??
      failureOf(run) ??
      '',
    wallMs: Math.round(run.wallMs),
    peakRssMiB: Math.round(run.peakRssBytes / 1048576),
  };
  console.log(
    `  validate whole output: exit ${run.exitCode} (${validation.accepted ? 'accepted' : 'REJECTED'}) in ${formatMs(run.wallMs)}, ` +
      `peak RSS ${validation.peakRssMiB} MiB, ${warnings} warnings: ${validation.message.slice(0, 600)}`,
  );
} else console.log('  validate whole output: skipped (the import failed)');
rmSync(runDir, { recursive: true, force: true });

const extractDetails: Partial<SyntheticOsmExtract> & { pbfPath: string; cached: boolean } = {
  ...extract,
  pbfPath,
  cached,
};
writeResult({
  name: 'osm-import',
  size: `${count(extract.nodes)} nodes, ${count(extract.ways)} ways, ${count(extract.relations)} relations (${mb(extract.pbfBytes)} synthetic PBF)`,
  medianMs: whole.run.wallMs,
  medianCpuMs: whole.run.cpuMs,
  baseline: {
    name: 'osm-pbf-parser-node decode only',
    medianMs: decode.wallMs,
    note: 'child processes under GNU time, 1 run each; medianMs is the "whole" import',
  },
  ratio: decode.wallMs / whole.run.wallMs,
  // The issue: a 100 MB extract imports (in bounded memory); both imports must succeed.
  target: { atLeast: { importsSucceeded: 2 } },
  phases: {
    decodeOnlyMs: Math.round(decode.wallMs),
    importWholeMs: whole.summary.wallMs,
    importCutMs: cut.summary.wallMs,
    ...(validation ? { validateWholeMs: validation.wallMs } : {}),
    ...(cached ? {} : { generateExtractMs: Math.round(extract.generateMs + extract.convertMs) }),
  },
  details: {
    importsSucceeded: Number(whole.summary.ok) + Number(cut.summary.ok),
    cli: CLI,
    whole: whole.summary,
    cut: cut.summary,
    decodeOnly: {
      ok: decodeFailure === undefined,
      error: decodeFailure,
      ...runFigures(decode),
      counts: decodedCounts,
    },
    validateWhole: validation ?? 'skipped: the whole import failed',
    extract: extractDetails,
  },
  samplesMs: [whole.run.wallMs],
});
