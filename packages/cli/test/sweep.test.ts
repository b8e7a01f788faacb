import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_FIXTURES, hasStackTrace, runCli, temporaryDir } from './run-cli.js';

/**
 * `regiontwin sweep` of tiny-west.json (see run.test.ts for the region, hand-computed there):
 * the hub's longitude over 64.5, 65.5, 66.5 (at latitude 50.5) × population growth 0 and 0.1.
 *   lon 64.5 = Westtown: 1,000 people within 10 km in 2026, 1,000 × 1.1 = 1,100 in 2027 with growth 0.1
 *   lon 65.5 = Easttown: 2,000, or 2,200 with growth 0.1
 *   lon 66.5 lies east of the region (it ends at 66°): the variant fails, and is listed, not dropped.
 * The last parameter varies fastest, so variants 1…6 are (64.5, 0) (64.5, 0.1) (65.5, 0) (65.5, 0.1) (66.5, 0) (66.5, 0.1).
 */

let tmp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  tmp = await temporaryDir();
});
afterAll(async () => {
  await tmp?.remove();
});

const PARAMS = [
  '--param',
  'interventions.0.at.0=64.5..66.5:3',
  '--param',
  'assumptions.populationGrowthPerYear=0..0.1:2',
];

describe('regiontwin sweep on the tiny region', () => {
  it('writes sweep.csv and sweep.json with one row per variant and the hand-computed values', async () => {
    const out = join(tmp.dir, 'sweep');
    const run = await runCli(['sweep', 'tiny-west.json', ...PARAMS, '--workers', '2', '--out', out], CLI_FIXTURES);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Sweep of West hub <script>alert("x")</script>: 6 variants, 4 ok, 2 failed');
    expect(run.stdout).toContain('Wrote ' + out + ': sweep.csv, sweep.json');
    // One stderr line per failed variant.
    expect(run.errLines).toEqual([
      'variant #5 (interventions.0.at.0=66.5 assumptions.populationGrowthPerYear=0) failed: /interventions/0: add-facility "West <hub>" at 66.5, 50.5 is outside every district of the region',
      'variant #6 (interventions.0.at.0=66.5 assumptions.populationGrowthPerYear=0.1) failed: /interventions/0: add-facility "West <hub>" at 66.5, 50.5 is outside every district of the region',
    ]);

    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split(/\r?\n/);
    expect(csv).toHaveLength(1 + 6);
    expect(csv[0]).toBe(
      'variant,interventions.0.at.0,assumptions.populationGrowthPerYear,status,error,' +
        'People within 10000 m of an it-hub (people),People within 10000 m of an it-hub (people) change,' +
        'Investment (capital expenditure) to date (KZT),Investment (capital expenditure) to date (KZT) change',
    );
    const rows = csv.slice(1).map((line) => line.split(','));
    expect(rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['1', '64.5', '0', 'ok'],
      ['2', '64.5', '0.1', 'ok'],
      ['3', '65.5', '0', 'ok'],
      ['4', '65.5', '0.1', 'ok'],
      ['5', '66.5', '0', 'failed'],
      ['6', '66.5', '0.1', 'failed'],
    ]);
    const people = rows.slice(0, 4).map((r) => Number(r[5]));
    const expected = [1000, 1100, 2000, 2200];
    people.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 6)); // 1.1 × 1,000 in floating point
    expect(rows.slice(0, 4).map((r) => r[7])).toEqual(['100', '100', '100', '100']);

    const doc = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(doc.schema).toBe('regiontwin/sweep@1');
    expect(doc.counts).toEqual({ variants: 6, ok: 4, failed: 2 });
    expect(doc.variants).toHaveLength(6);
    expect(doc.params.map((p: { values: number[] }) => p.values)).toEqual([
      [64.5, 65.5, 66.5],
      [0, 0.1],
    ]);
    expect(doc.variants[4]).toMatchObject({ variant: 5, status: 'failed', values: [null, null] });
    expect(doc.variants[4].error).toMatch(/outside every district/);
    // Best by "higher is better": variant 4 (Easttown, growth 0.1); capex has no direction.
    expect(doc.best[0].variant).toBe(4);
    expect(doc.best[0].scenario).toBeCloseTo(2200, 6);
    expect(doc.best[1]).toMatchObject({ key: 'capex', variant: null });
  });

  it('--json prints sweep.json; the same numbers with one worker', async () => {
    const run = await runCli(['sweep', 'tiny-west.json', ...PARAMS, '--workers', '1', '--json'], CLI_FIXTURES);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.variants.map((v: { status: string }) => v.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'failed', 'failed']);
    expect(doc.variants[3].values[0].scenario).toBeCloseTo(2200, 6);
  });

  it('exits 1 when every variant fails', async () => {
    const run = await runCli(
      ['sweep', 'tiny-west.json', '--param', 'interventions.0.at.0=70..71:2', '--workers', '1'],
      CLI_FIXTURES,
    );
    expect(run.code).toBe(1);
    expect(run.errLines.at(-1)).toBe('error: all 2 variants failed');
  });

  it.each([
    [
      ['--param', 'interventions.0.at.0=1..2'],
      'error: --param "interventions.0.at.0=1..2": no ":STEPS" (expected NAME=FROM..TO:STEPS, e.g. assumptions.populationGrowthPerYear=0..0.01:5)',
    ],
    [
      ['--param', 'interventions.5.at.0=1..2:2'],
      'error: --param interventions.5.at.0: interventions is a list of 1 item; "5" is not an index in it (0…0)',
    ],
    [
      ['--param', 'asumptions.growth=0..1:2'],
      'error: --param asumptions.growth: /asumptions is not part of the scenario format',
    ],
    [[], 'error: sweep needs at least one --param NAME=FROM..TO:STEPS'],
  ])('a mistake in %j: one line, exit 1', async (args, line) => {
    const run = await runCli(['sweep', 'tiny-west.json', ...args], CLI_FIXTURES);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.errLines).toEqual([line]);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
