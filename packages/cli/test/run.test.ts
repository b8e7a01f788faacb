import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectResultFormat } from './result-format.js';
import { CLI_FIXTURES, hasStackTrace, HAS_KOSTANAY, runCli, tableRow, temporaryDir, type CliRun } from './run-cli.js';

/**
 * `regiontwin run` on the tiny test region (packages/cli/test/fixtures/tiny-region), whose numbers
 * are worked out by hand:
 *
 *   districts  A "West" = [64, 65] × [50, 51],  B = [65, 66] × [50, 51] (named `<img src=x onerror=alert(1)>`)
 *   settlements  s1 Westtown 1,000 at (64.5, 50.5) in A;  s2 Westvillage 500 at (64.2, 50.2) in A;
 *                s3 Easttown 2,000 at (65.5, 50.5) in B
 *   facilities   school-1 at (64.5, 50.5) in A
 *
 * Great-circle distances (haversine, R = 6,371,008.8 m): (64.5, 50.5)–(64.2, 50.2) = 39.57 km,
 * (64.5, 50.5)–(65.5, 50.5) = 70.73 km. So a hub at a town's own position covers, within 10 km,
 * exactly that town: the West hub 1,000 people, the East hub 2,000, both 3,000. No growth is
 * assumed (default 0), so every year has the same population.
 */

let tmp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  tmp = await temporaryDir();
});
afterAll(async () => {
  await tmp?.remove();
});

const fixture = (name: string) => join(CLI_FIXTURES, name);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

function expectNoStackTrace(run: CliRun): void {
  expect(hasStackTrace(run.stderr), run.stderr).toBe(false);
  expect(run.stderr).not.toMatch(/internal error/);
}

describe('regiontwin run on the tiny region', () => {
  let out: string;
  let run: CliRun;
  beforeAll(async () => {
    out = join(tmp.dir, 'west');
    run = await runCli(['run', fixture('tiny-west.json'), '--out', out]);
  });

  it('exits 0 and prints the indicator table', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('West hub <script>alert("x")</script>');
    expect(lines[1]).toBe('Tiny test region <b>&</b> (test-tiny), 2026–2027, 1 change');
    expect(tableRow(run.stdout, 'People within 10000 m of an it-hub')).toEqual([
      'People within 10000 m of an it-hub',
      'people',
      '0',
      '1,000',
      '+1,000',
    ]);
    expect(tableRow(run.stdout, 'Investment (capital expenditure) to date')).toEqual([
      'Investment (capital expenditure) to date',
      'KZT',
      '0',
      '100',
      '+100',
    ]);
    // The first indicator by year: 2026 and 2027, 1,000 people each.
    expect(tableRow(run.stdout, '2026 ')).toEqual(['2026', '0', '1,000', '+1,000']);
    expect(tableRow(run.stdout, '2027 ')).toEqual(['2027', '0', '1,000', '+1,000']);
    expect(lines.at(-2)).toBe(`Wrote ${out}: result.json, 2 layers in layers/, interventions.geojson, report.html`);
  });

  it('writes result.json in the regiontwin/result@1 format, with the hand-computed numbers', () => {
    const result = readJson(join(out, 'result.json'));
    expectResultFormat(result, ['A', 'B']);
    expect(result.region).toBe('test-tiny');
    expect(result.years).toEqual({ start: 2026, end: 2027 });
    expect(result.seed).toBe(1);
    expect(result.interventions).toEqual([
      { type: 'add-facility', kind: 'it-hub', at: [64.5, 50.5], name: 'West <hub>', capexKzt: 100 },
    ]);
    const [within, capex] = result.indicators;
    expect(within).toMatchObject({
      id: 'population-within-distance',
      params: { kind: 'it-hub', meters: 10000 },
      unit: 'people',
      better: 'higher',
      baseline: 0,
      scenario: 1000,
      delta: 1000,
    });
    expect(within.byDistrict).toEqual([
      { id: 'A', name: 'West', baseline: 0, scenario: 1000, delta: 1000 },
      { id: 'B', name: '<img src=x onerror=alert(1)>', baseline: 0, scenario: 0, delta: 0 },
    ]);
    // By hand: only Westtown (1,000, district A) is within 10 km of the hub, in both years.
    expect(within.byYear).toEqual([
      { year: 2026, baseline: 0, scenario: 1000, delta: 1000, byDistrict: { baseline: [0, 0], scenario: [1000, 0] } },
      { year: 2027, baseline: 0, scenario: 1000, delta: 1000, byDistrict: { baseline: [0, 0], scenario: [1000, 0] } },
    ]);
    // The hub's 100 KZT fall in the district it stands in (A).
    expect(capex).toMatchObject({ id: 'capex', unit: 'KZT', baseline: 0, scenario: 100, delta: 100 });
    expect(capex.byDistrict.map((d: { scenario: number }) => d.scenario)).toEqual([100, 0]);
    expect(result.attribution).toEqual(['Made up for the regiontwin CLI tests <i>(public domain)</i>']);
  });

  it('writes one difference layer per indicator: the districts with their values', () => {
    expect(readdirSync(join(out, 'layers')).sort()).toEqual([
      '01-population-within-distance.geojson',
      '02-capex.geojson',
    ]);
    const layer = readJson(join(out, 'layers/01-population-within-distance.geojson')) as FeatureCollection;
    expect(layer.type).toBe('FeatureCollection');
    expect(layer.features.map((f) => f.properties)).toEqual([
      expect.objectContaining({ id: 'A', name: 'West', unit: 'people', baseline: 0, scenario: 1000, delta: 1000 }),
      expect.objectContaining({ id: 'B', baseline: 0, scenario: 0, delta: 0 }),
    ]);
    // District A's polygon, as drawn in districts.geojson.
    const geometry = layer.features[0].geometry as { type: string; coordinates: number[][][][] };
    const ring = geometry.type === 'MultiPolygon' ? geometry.coordinates[0][0] : (geometry.coordinates[0] as never);
    expect(ring).toEqual([
      [64, 50],
      [65, 50],
      [65, 51],
      [64, 51],
      [64, 50],
    ]);
  });

  it('writes interventions.geojson (the hub as a point) and a report.html that escapes the data', () => {
    const changes = readJson(join(out, 'interventions.geojson')) as FeatureCollection;
    expect(changes.features).toHaveLength(1);
    expect(changes.features[0].geometry).toEqual({ type: 'Point', coordinates: [64.5, 50.5] });
    expect(changes.features[0].properties).toMatchObject({ type: 'add-facility', kind: 'it-hub', name: 'West <hub>' });
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report.startsWith('<!doctype html>')).toBe(true);
    expect(report).toContain('West hub &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(report).not.toContain('<script>alert');
    expect(report).not.toContain('<img src=x');
    expect(report).not.toMatch(/<script\b/i); // no script at all: tables and inline SVG only
    expect(report).not.toMatch(/(src|href)="https?:/); // nothing fetched from the network
  });

  it('leaves no temporary files behind', () => {
    const all = [...readdirSync(out), ...readdirSync(join(out, 'layers'))];
    expect(all.filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('refuses to overwrite an earlier result without --force, and overwrites with it', async () => {
    const before = readFileSync(join(out, 'result.json'), 'utf8');
    const mtime = statSync(join(out, 'result.json')).mtimeMs;
    const refused = await runCli(['run', fixture('tiny-east.json'), '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.errLines).toEqual([
      `error: --out ${out}: already holds result.json from an earlier run; pass --force to overwrite it, or choose another folder`,
    ]);
    expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe(before);
    expect(statSync(join(out, 'result.json')).mtimeMs).toBe(mtime);

    const forced = await runCli(['run', fixture('tiny-east.json'), '--out', out, '--force']);
    expect(forced.code).toBe(0);
    const east = readJson(join(out, 'result.json'));
    expect(east.scenario).toBe('East hub');
    // East hub at Easttown: 2,000 people, all in district B.
    expect(east.indicators[0].byDistrict.map((d: { scenario: number }) => d.scenario)).toEqual([0, 2000]);
  });
});

describe('regiontwin run: more hand-computed scenarios', () => {
  it('both hubs: 3,000 people within 10 km, 200 KZT', async () => {
    const run = await runCli(['run', fixture('tiny-both.json'), '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expectResultFormat(result, ['A', 'B']);
    expect(result.indicators.map((i: { scenario: number }) => i.scenario)).toEqual([3000, 200]);
    expect(result.indicators[0].byDistrict.map((d: { scenario: number }) => d.scenario)).toEqual([1000, 2000]);
    expect(result.indicators[1].byDistrict.map((d: { scenario: number }) => d.scenario)).toEqual([100, 100]);
  });

  it('takes the loader limit flags: a region over --max-file-mb is refused, naming the flag; raised, it runs', async () => {
    // tiny-region's largest layer is well under 1 KiB and over 10 bytes: 0.00001 MiB ≈ 10 bytes refuses it.
    const refused = await runCli(['run', fixture('tiny-both.json'), '--max-file-mb', '0.00001']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/more than the limit.*--max-file-mb/);
    expectNoStackTrace(refused);
    const raised = await runCli(['run', fixture('tiny-both.json'), '--json', '--max-file-mb', '1']);
    expect(raised.code).toBe(0);
    expect(JSON.parse(raised.stdout).indicators.map((i: { scenario: number }) => i.scenario)).toEqual([3000, 200]);
    const bad = await runCli(['run', fixture('tiny-both.json'), '--max-features', 'many']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('error: --max-features must be a positive number (got "many")');
  });

  it('closing the school in 2027: Westtown (1,000) is covered in 2026 and not in 2027', async () => {
    const run = await runCli(['run', fixture('tiny-remove-school.json'), '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expectResultFormat(result, ['A', 'B']);
    const ind = result.indicators[0];
    expect(ind.label).toBe('People within 10000 m of a school');
    // By hand: the school covers Westtown (district A) only; closed in 2027 in the scenario.
    expect(ind.byYear).toEqual([
      {
        year: 2026,
        baseline: 1000,
        scenario: 1000,
        delta: 0,
        byDistrict: { baseline: [1000, 0], scenario: [1000, 0] },
      },
      { year: 2027, baseline: 1000, scenario: 0, delta: -1000, byDistrict: { baseline: [1000, 0], scenario: [0, 0] } },
    ]);
    expect([ind.baseline, ind.scenario, ind.delta]).toEqual([1000, 0, -1000]);
  });

  it('--json prints exactly what --out writes to result.json', async () => {
    const out = join(tmp.dir, 'json-vs-file');
    const run = await runCli(['run', fixture('tiny-west.json'), '--json', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(out, 'result.json'), 'utf8'));
  });
});

describe('regiontwin run: mistakes give one clear line and exit 1', () => {
  const cases: [string, string[]][] = [
    ['kz-not-json.json', ['error: kz-not-json.json: (root): is not valid JSON (Unexpected end of JSON input)']],
    [
      'kz-unknown-facility.json',
      ['error: kz-unknown-facility.json: /interventions/0: remove-facility: no facility with id "no-such-school"'],
    ],
    [
      'kz-outside.json',
      [
        'error: kz-outside.json: /interventions/0: add-facility "Sahara hub" at 10, 20 is outside every district of the region',
      ],
    ],
    ['no-such-file.json', ['error: no-such-file.json: does not exist']],
  ];
  it.each(cases)('%s', async (name, expected) => {
    const out = join(tmp.dir, `broken-${name}`);
    const run = await runCli(['run', name, '--out', out], CLI_FIXTURES);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.errLines).toEqual(expected);
    expectNoStackTrace(run);
    expect(existsSync(out)).toBe(false); // nothing half-written
  });

  it('kz-schema-errors.json: a header, then one line per schema problem with its JSON path', async () => {
    const run = await runCli(['run', 'kz-schema-errors.json'], CLI_FIXTURES);
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    const [header, ...problems] = run.errLines;
    expect(header).toBe(`error: kz-schema-errors.json: invalid scenario, ${problems.length} problems`);
    for (const line of problems) expect(line).toMatch(/^ {2}kz-schema-errors\.json: \/\S*: .+/);
    // Each intervention's problem is reported for its own type only (not for the other eight).
    expect(problems).toEqual([
      '  kz-schema-errors.json: /colour: unknown property (not in the scenario schema)',
      '  kz-schema-errors.json: /years/start: must be integer (found "2026")',
      '  kz-schema-errors.json: /interventions/0/at: must be array (found "71.43, 51.13")',
      '  kz-schema-errors.json: /interventions/1: needs a "template" id or a "type" of add-facility, remove-facility, move-facility, add-road, upgrade-road, add-settlement, set-population, add-cost (found "teleport")',
    ]);
  });

  it('a bad --workers value', async () => {
    const run = await runCli(['run', fixture('tiny-west.json'), '--workers', 'two']);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(['error: --workers must be a whole number, 0 or more (got "two")']);
  });

  it('--json reports the error as JSON on stdout too', async () => {
    const run = await runCli(['run', 'kz-outside.json', '--json'], CLI_FIXTURES);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.error).toMatch(/outside every district/);
  });
});

describe('determinism: the same result.json bytes whatever the worker count', () => {
  const scenarios = [
    fixture('tiny-both.json'),
    fixture('kz-hubs.json'),
    ...(HAS_KOSTANAY ? [join(CLI_FIXTURES, '../../../../fixtures/scenarios/kostanay-it-hubs.json')] : []),
  ];
  it.each(scenarios)('%s with --workers 0 and --workers 2', async (scenario) => {
    const zero = join(tmp.dir, `det-0-${scenarios.indexOf(scenario)}`);
    const two = join(tmp.dir, `det-2-${scenarios.indexOf(scenario)}`);
    const a = await runCli(['run', scenario, '--workers', '0', '--out', zero]);
    const b = await runCli(['run', scenario, '--workers', '2', '--out', two]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const bytes = readFileSync(join(zero, 'result.json'));
    expect(bytes.length).toBeGreaterThan(500);
    expect(readFileSync(join(two, 'result.json')).equals(bytes)).toBe(true);
    for (const layer of readdirSync(join(zero, 'layers'))) {
      expect(readFileSync(join(two, 'layers', layer)).equals(readFileSync(join(zero, 'layers', layer)))).toBe(true);
    }
  });
});
