import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, hasStackTrace, runCli, temporaryDir } from './run-cli.js';

/**
 * Interrupts: `regiontwin sweep` and `regiontwin run` started as child processes and sent SIGINT
 * (what Ctrl-C sends) while they work. Whatever the moment, the output folder holds either a
 * complete output or none — never a half-written file, never a temporary left behind — and the
 * command exits non-zero without a stack trace. Also: an earlier output is never overwritten
 * without --force. Delays below only pick moments to interrupt; nothing asserts a duration.
 */

let work: { dir: string; remove: () => Promise<void> };
let scenarioFile: string;

beforeAll(async () => {
  work = await temporaryDir();
  scenarioFile = join(work.dir, 'interrupt-me.json');
  writeFileSync(
    scenarioFile,
    JSON.stringify({
      schema: 'regiontwin/scenario@1',
      name: 'Interrupt me',
      // The synthetic 2×2 region of the repository, relative to this scenario file.
      region: relative(work.dir, join(FIXTURES, 'synthetic-small')),
      years: { start: 2026, end: 2030 },
      assumptions: { populationGrowthPerYear: 0.004 },
      interventions: [{ type: 'add-facility', kind: 'it-hub', at: [63.75, 53.3], capexKzt: 1000 }],
    }),
  );
});
afterAll(() => work.remove());

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function start(args: string[]): { child: ChildProcess; finished: Promise<Finished> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: work.dir,
    env: { ...process.env, REGIONTWIN_DEBUG: '', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, finished };
}

/** Every file under `dir` (relative paths), or [] when it does not exist. */
function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => statSync(join(dir, name)).isFile())
      .sort();
  } catch {
    return [];
  }
}

/** An interrupted command: stopped by SIGINT (the signal itself, or 130 = 128 + 2 after cleaning up). */
function wasInterrupted(run: Finished): boolean {
  return run.code === 130 || (run.code === null && run.signal === 'SIGINT');
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the command `args(out)` once per delay, a fresh `out` folder each time, and sends SIGINT
 * after that delay. Every time: no temporary file and no stack trace is left, and the command
 * either ended complete (exit 0, then `checkComplete` checks its files) or was interrupted and
 * left no file at all — or, interrupted while committing, a complete output it reports as
 * written. Returns how many runs ended each way.
 */
async function interruptAtMoments(
  name: string,
  args: (out: string) => string[],
  delaysMs: number[],
  checkComplete: (out: string, files: string[]) => void,
): Promise<{ complete: number; interrupted: number }> {
  const outcomes = { complete: 0, interrupted: 0 };
  for (const [i, delayMs] of delaysMs.entries()) {
    const out = join(work.dir, `${name}-${i}`);
    const { child, finished } = start(args(out));
    await wait(delayMs);
    child.kill('SIGINT');
    const run = await finished;
    const files = listFiles(out);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(hasStackTrace(run.stderr)).toBe(false);
    if (run.code === 0) {
      outcomes.complete++;
      checkComplete(out, files);
    } else {
      expect(wasInterrupted(run), run.stderr).toBe(true);
      outcomes.interrupted++;
      // An interrupt that lands while the files are renamed into place lets the renames finish
      // (atomic-output.ts): the output is then complete, and the command says so.
      if (run.stderr.includes(`interrupted after writing ${out}`)) checkComplete(out, files);
      else expect(files, run.stderr).toEqual([]);
    }
  }
  return outcomes;
}

describe('SIGINT during regiontwin sweep', () => {
  it('a sweep interrupted mid-way exits non-zero, leaves no output and no temporary file', async () => {
    const out = join(work.dir, 'sweep-out');
    // 20,000 variants: far more than can finish before the interrupt.
    const { child, finished } = start([
      'sweep',
      scenarioFile,
      '--param',
      'assumptions.populationGrowthPerYear=0..0.01:20000',
      '--workers',
      '1',
      '--out',
      out,
    ]);
    await wait(2500);
    // Still sweeping: the interrupt lands mid-way.
    expect(child.exitCode).toBeNull();
    child.kill('SIGINT');
    const run = await finished;
    expect(wasInterrupted(run)).toBe(true);
    expect(run.code).not.toBe(0);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(listFiles(out)).toEqual([]);
    // The process and its worker threads are gone.
    expect(() => process.kill(child.pid!, 0)).toThrow();
  });
});

describe('SIGINT during regiontwin run --out, at many moments', () => {
  it('each run ends complete (exit 0, every file valid) or interrupted (no file at all)', async () => {
    // Moments from start-up (loading the region) to writing the files.
    const outcomes = await interruptAtMoments(
      'run-out',
      (out) => ['run', scenarioFile, '--out', out],
      [150, 300, 450, 600, 800, 1000, 1300, 1700, 2500],
      (out, files) => {
        expect(files).toContain('result.json');
        expect(files).toContain('report.html');
        for (const f of files.filter((name) => name.endsWith('.json') || name.endsWith('.geojson'))) {
          expect(() => JSON.parse(readFileSync(join(out, f), 'utf8'))).not.toThrow();
        }
        expect(readFileSync(join(out, 'report.html'), 'utf8').trimEnd()).toMatch(/<\/html>$/);
      },
    );
    // At least the early moments interrupt the run. Whether a late moment finds it already
    // finished depends on the machine's speed, so `complete` is counted, not asserted.
    expect(outcomes.interrupted).toBeGreaterThan(0);
  });
});

/** A synthetic OSM XML: a side × side grid of nodes with a street along every row and column, and one village. */
function writeGridOsm(file: string, side: number): void {
  const lines = ['<osm version="0.6">'];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      lines.push(
        `<node id="${r * side + c + 1}" lat="${(53.01 + r * 0.0002).toFixed(7)}" lon="${(63.01 + c * 0.0002).toFixed(7)}"/>`,
      );
    }
  }
  lines.push(
    '<node id="99999999" lat="53.02" lon="63.02"><tag k="place" v="village"/><tag k="population" v="100"/></node>',
  );
  const street = (id: number, nodes: number[], highway: string) =>
    `<way id="${id}">${nodes.map((n) => `<nd ref="${n}"/>`).join('')}<tag k="highway" v="${highway}"/></way>`;
  for (let r = 0; r < side; r++)
    lines.push(
      street(
        r + 1,
        Array.from({ length: side }, (_, c) => r * side + c + 1),
        'residential',
      ),
    );
  for (let c = 0; c < side; c++)
    lines.push(
      street(
        side + c + 1,
        Array.from({ length: side }, (_, r) => r * side + c + 1),
        'service',
      ),
    );
  lines.push('</osm>');
  writeFileSync(file, lines.join('\n'));
}

describe('SIGINT during regiontwin import osm (layers written chunk by chunk)', () => {
  it('each import ends complete or interrupted with no file at all, no temporary left', async () => {
    // 160,000 nodes and 800 streets split at every crossing: ≈ 320,000 road features, an import
    // of about 2 s here, so that the moments below fall in reading, building and writing.
    const osm = join(work.dir, 'grid.osm');
    writeGridOsm(osm, 400);
    const boundary = join(FIXTURES, 'osm/boundary.geojson');
    const outcomes = await interruptAtMoments(
      'import-out',
      (out) => ['import', 'osm', osm, '--boundary', boundary, '--out', out],
      [150, 400, 800, 1200, 1600, 2500],
      (out, files) => {
        expect(files).toContain('region.json');
        for (const f of files) expect(() => JSON.parse(readFileSync(join(out, f), 'utf8')), f).not.toThrow();
      },
    );
    expect(outcomes.interrupted).toBeGreaterThan(0);
  });

  it('a reader that closes the pipe early (regiontwin … | head) ends the command quietly, output complete', async () => {
    const osm = join(work.dir, 'grid-small.osm');
    writeGridOsm(osm, 100);
    const out = join(work.dir, 'import-closed-pipe');
    const child = spawn(
      process.execPath,
      [BIN, 'import', 'osm', osm, '--boundary', join(FIXTURES, 'osm/boundary.geojson'), '--out', out],
      { cwd: work.dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Close our end at once: the summary lines written at the end meet a closed pipe (EPIPE).
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(listFiles(out)).toEqual([
      'districts.geojson',
      'import-report.json',
      'region.json',
      'roads.geojson',
      'settlements.geojson',
    ]);
  });
});

describe('an earlier output is never overwritten without --force', () => {
  it('refuses, leaves the files byte-identical, and overwrites with --force', async () => {
    const out = join(work.dir, 'kept');
    const first = await runCli(['run', scenarioFile, '--out', out], work.dir);
    expect(first.code).toBe(0);
    const before = readFileSync(join(out, 'result.json'), 'utf8');
    const again = await runCli(['run', scenarioFile, '--out', out], work.dir);
    expect(again.code).toBe(1);
    expect(again.errLines).toEqual([
      `error: --out ${out}: already holds result.json from an earlier run; pass --force to overwrite it, or choose another folder`,
    ]);
    expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe(before);
    const forced = await runCli(['run', scenarioFile, '--out', out, '--force'], work.dir);
    expect(forced.code).toBe(0);
    expect(listFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
