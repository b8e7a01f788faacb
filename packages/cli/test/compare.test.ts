import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectResultFormat } from './result-format.js';
import { CLI_FIXTURES, hasStackTrace, runCli, tableRow, temporaryDir } from './run-cli.js';

/**
 * `regiontwin compare` of the tiny region's West and East hubs (see run.test.ts for the region):
 * within 10 km of its hub, the West hub reaches Westtown (1,000 people), the East hub Easttown
 * (2,000), so East ranks 1 and West 2 for "higher is better"; capex (100 KZT each) has no
 * direction and no rank.
 */

let tmp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  tmp = await temporaryDir();
});
afterAll(async () => {
  await tmp?.remove();
});

describe('regiontwin compare tiny-west tiny-east', () => {
  it('prints the side-by-side table with values, changes and ranks', async () => {
    const run = await runCli(['compare', 'tiny-west.json', 'tiny-east.json'], CLI_FIXTURES);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Comparison of 2 scenarios of test-tiny:',
      '  tiny-west: West hub <script>alert("x")</script> (tiny-west.json)',
      '  tiny-east: East hub (tiny-east.json)',
    ]);
    expect(tableRow(run.stdout, 'Indicator')).toEqual([
      'Indicator',
      'Unit',
      'Baseline',
      'tiny-west',
      'change',
      'rank',
      'tiny-east',
      'change',
      'rank',
    ]);
    expect(tableRow(run.stdout, 'People within 10000 m of an it-hub')).toEqual([
      'People within 10000 m of an it-hub',
      'people',
      '0',
      '1,000',
      '+1,000',
      '2',
      '2,000',
      '+2,000',
      '1',
    ]);
    expect(tableRow(run.stdout, 'Investment (capital expenditure) to date')).toEqual([
      'Investment (capital expenditure) to date',
      'KZT',
      '0',
      '100',
      '+100',
      '—',
      '100',
      '+100',
      '—',
    ]);
  });

  it('--out writes comparison.json, one result.json per scenario and report.html', async () => {
    const out = join(tmp.dir, 'cmp');
    const run = await runCli(['compare', 'tiny-west.json', 'tiny-east.json', '--out', out], CLI_FIXTURES);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      `Wrote ${out}: comparison.json, tiny-west/result.json, tiny-east/result.json, report.html`,
    );
    expect(readdirSync(out).sort()).toEqual(['comparison.json', 'report.html', 'tiny-east', 'tiny-west']);
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(comparison).toMatchObject({
      schema: 'regiontwin/comparison@1',
      region: 'test-tiny',
      scenarios: ['West hub <script>alert("x")</script>', 'East hub'],
      slugs: ['tiny-west', 'tiny-east'],
    });
    expect(comparison.indicators[0].values).toEqual([
      { scenario: 'West hub <script>alert("x")</script>', value: 1000, delta: 1000, rank: 2 },
      { scenario: 'East hub', value: 2000, delta: 2000, rank: 1 },
    ]);
    expect(comparison.indicators[1].values.map((v: { rank: unknown }) => v.rank)).toEqual([null, null]);
    const west = JSON.parse(readFileSync(join(out, 'tiny-west/result.json'), 'utf8'));
    const east = JSON.parse(readFileSync(join(out, 'tiny-east/result.json'), 'utf8'));
    expectResultFormat(west, ['A', 'B']);
    expectResultFormat(east, ['A', 'B']);
    expect(east.indicators[0].byDistrict.map((d: { scenario: number }) => d.scenario)).toEqual([0, 2000]);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('Comparison of 2 scenarios');
    expect(report).not.toMatch(/<script\b/i);

    // The same folder again: refused without --force.
    const again = await runCli(['compare', 'tiny-west.json', 'tiny-east.json', '--out', out], CLI_FIXTURES);
    expect(again.code).toBe(1);
    expect(again.errLines).toEqual([
      `error: --out ${out}: already holds comparison.json from an earlier run; pass --force to overwrite it, or choose another folder`,
    ]);
  });

  it('--json prints the comparison document', async () => {
    const run = await runCli(['compare', 'tiny-west.json', 'tiny-east.json', 'tiny-both.json', '--json'], CLI_FIXTURES);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    // 1,000 / 2,000 / 3,000 people: ranks 3, 2, 1.
    expect(doc.indicators[0].values.map((v: { value: number; rank: number }) => [v.value, v.rank])).toEqual([
      [1000, 3],
      [2000, 2],
      [3000, 1],
    ]);
  });

  it('refuses one scenario, and scenarios of different regions, with one line', async () => {
    const one = await runCli(['compare', 'tiny-west.json'], CLI_FIXTURES);
    expect(one.code).toBe(1);
    expect(one.errLines).toEqual(['error: compare needs at least two scenario files (got 1)']);
    const mixed = await runCli(['compare', 'tiny-west.json', 'kz-hubs.json'], CLI_FIXTURES);
    expect(mixed.code).toBe(1);
    expect(mixed.errLines).toEqual([
      'error: the scenarios must share one region: tiny-west.json uses tiny-region, kz-hubs.json uses ../../../../fixtures/kazakhstan',
    ]);
    expect(hasStackTrace(mixed.stderr)).toBe(false);
  });
});
