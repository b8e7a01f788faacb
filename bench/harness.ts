/**
 * Shared helpers for `bench/*.bench.ts`: timing with warm-up and a result sink, a seeded PRNG,
 * and one JSON result per benchmark in `bench/results/<name>.json`.
 *
 * Rules (STYLE.md): seeded data, warm-up before measuring, a sink so the JIT cannot drop the work,
 * each benchmark file in a fresh Node process (scripts/run-benchmarks.mjs), ratios against a
 * baseline measured in the same process, and never a timing assertion in a unit test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (bench/..). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where results are written. */
export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');

/**
 * mulberry32 — a tiny, fast 32-bit seeded PRNG (Tommy Ettinger's public-domain generator).
 * Returns floats in [0, 1). Copied here so benchmarks never depend on library internals.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The result sink: every measured call's return value is folded in, and the final digest is
 * written to the result file, so the optimiser cannot prove a result unused and drop the work.
 */
let sinkDigest = 0;
/** The last value sunk stays reachable from module scope, so it escapes. */
export let sinkLast: unknown;

/** Folds a value into the sink (cheap: looks at a length and one element, never the whole value). */
export function sink(value: unknown): void {
  sinkLast = value;
  if (typeof value === 'number') sinkDigest = (sinkDigest + value) % 1e9;
  else if (ArrayBuffer.isView(value)) {
    const view = value as unknown as ArrayLike<number>;
    sinkDigest = (sinkDigest + view.length + (view.length > 0 ? Number(view[view.length >> 1]) || 0 : 0)) % 1e9;
  } else if (value instanceof ArrayBuffer) sinkDigest = (sinkDigest + value.byteLength) % 1e9;
  else if (Array.isArray(value)) sinkDigest = (sinkDigest + value.length) % 1e9;
  else if (value !== undefined && value !== null) sinkDigest = (sinkDigest + 1) % 1e9;
}

/** The sink's digest (written into every result; meaningless except that it depends on the work). */
export function sinkValue(): number {
  return sinkDigest;
}

/** Options for {@link measure}. */
export interface MeasureOptions {
  /** Untimed calls first, so the JIT has compiled the hot paths. @default 3 */
  warmup?: number;
  /** Timed calls. @default 10 */
  iterations?: number;
  /** Called before each call (warm-up and timed), outside the timing: fresh inputs, copies. */
  setup?: () => void;
}

/** Timing samples of one measured function, milliseconds. */
export interface Measurement {
  samplesMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /**
   * Median CPU time of the process (user + system, every thread) per call, milliseconds. On a
   * machine shared with other work the wall clock includes time the process waited for a core;
   * CPU time does not (it still includes cache and memory-bandwidth contention, and a worker
   * pool's threads add up).
   */
  medianCpuMs?: number;
}

/** Times `fn` after a warm-up; every return value goes to the {@link sink}. */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Measurement {
  const { warmup = 3, iterations = 10, setup } = options;
  for (let i = 0; i < warmup; i++) {
    setup?.();
    sink(fn());
  }
  const samplesMs: number[] = [];
  const cpuSamplesMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    setup?.();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const value = fn();
    samplesMs.push(performance.now() - start);
    cpuSamplesMs.push(cpuMsSince(cpuStart));
    sink(value);
  }
  return summarize(samplesMs, cpuSamplesMs);
}

/** CPU time (user + system, all threads of the process) since `start`, milliseconds. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Like {@link measure} for async work (worker round trips, file reads). */
export async function measureAsync(
  fn: () => Promise<unknown>,
  options: Omit<MeasureOptions, 'setup'> & { setup?: () => void | Promise<void> } = {},
): Promise<Measurement> {
  const { warmup = 3, iterations = 10, setup } = options;
  for (let i = 0; i < warmup; i++) {
    await setup?.();
    sink(await fn());
  }
  const samplesMs: number[] = [];
  const cpuSamplesMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    await setup?.();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const value = await fn();
    samplesMs.push(performance.now() - start);
    cpuSamplesMs.push(cpuMsSince(cpuStart));
    sink(value);
  }
  return summarize(samplesMs, cpuSamplesMs);
}

/** Median of samples (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min and max of wall-clock samples, and the median of the CPU-time samples when given. */
export function summarize(samplesMs: number[], cpuSamplesMs?: number[]): Measurement {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    samplesMs,
    medianMs: median(samplesMs),
    minMs: sorted[0],
    maxMs: sorted[sorted.length - 1],
    ...(cpuSamplesMs?.length ? { medianCpuMs: median(cpuSamplesMs) } : {}),
  };
}

/** What a benchmark reports. `ratio` = baseline.medianMs / medianMs (speed-up over the baseline). */
export interface BenchResult {
  name: string;
  /** The workload, in words with numbers (e.g. "1,000,000 points × 200 districts"). */
  size: string;
  /** Median wall-clock time of the measured call, milliseconds. */
  medianMs: number;
  /** Median CPU time of the measured call ({@link Measurement.medianCpuMs}), milliseconds. */
  medianCpuMs?: number;
  baseline: { name: string; medianMs: number; note?: string };
  ratio: number;
  /**
   * What the issue asks for: a ceiling on the median, a floor on the ratio, and floors on named
   * numeric `details` (e.g. `{ atLeast: { speedup2Workers: 1.7 } }`).
   */
  target?: { medianMs?: number; ratio?: number; atLeast?: Record<string, number> };
  meetsTarget?: boolean;
  /** Further medians (phases, variants), milliseconds. */
  phases?: Record<string, number>;
  /** Anything else worth keeping: counts, agreement checks. */
  details?: Record<string, unknown>;
  samplesMs?: number[];
}

/** Whether `result` meets its target (undefined when it has none). */
export function meetsTarget(
  result: Pick<BenchResult, 'medianMs' | 'ratio' | 'target' | 'details'>,
): boolean | undefined {
  const { target } = result;
  if (!target) return undefined;
  let ok = true;
  if (target.medianMs !== undefined) ok &&= result.medianMs <= target.medianMs;
  if (target.ratio !== undefined) ok &&= result.ratio >= target.ratio;
  for (const [key, floor] of Object.entries(target.atLeast ?? {})) {
    const value = result.details?.[key];
    ok &&= typeof value === 'number' && value >= floor;
  }
  return ok;
}

/** Writes `bench/results/<name>.json` (adding node, cpus, date, sink) and prints a table row. */
export function writeResult(result: BenchResult): void {
  const full = {
    ...result,
    meetsTarget: result.meetsTarget ?? meetsTarget(result),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    date: new Date().toISOString(),
    sink: sinkValue(),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${result.name}.json`), `${JSON.stringify(full, null, 2)}\n`);
  console.log(formatRow(full));
}

/** One table row: name | size | median | baseline | ratio | target | ok. */
export function formatRow(r: BenchResult & { meetsTarget?: boolean }): string {
  const target = [
    r.target?.medianMs !== undefined ? `≤ ${r.target.medianMs} ms` : '',
    r.target?.ratio !== undefined ? `≥ ${r.target.ratio}×` : '',
    ...Object.entries(r.target?.atLeast ?? {}).map(([key, floor]) => `${key} ≥ ${floor}`),
  ]
    .filter(Boolean)
    .join(', ');
  const ok = r.meetsTarget === undefined ? '-' : r.meetsTarget ? 'yes' : 'NO';
  return `${r.name} | ${r.size} | ${formatMs(r.medianMs)} | ${r.baseline.name} ${formatMs(r.baseline.medianMs)} | ${formatRatio(r.ratio)} | ${target || '-'} | ${ok}`;
}

/** Milliseconds with 3 significant digits. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  return `${ms.toPrecision(3)} ms`;
}

/** A ratio with 3 significant digits. */
export function formatRatio(ratio: number): string {
  return ratio >= 1000 ? `${Math.round(ratio).toLocaleString('en-US')}×` : `${ratio.toPrecision(3)}×`;
}

/** Prints a labelled median for a phase (goes to stdout only; phases are also in the JSON). */
export function logPhase(label: string, m: Measurement | number): void {
  const ms = typeof m === 'number' ? m : m.medianMs;
  console.log(`  ${label}: ${formatMs(ms)}`);
}
