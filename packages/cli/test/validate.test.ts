import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CLI_FIXTURES, FIXTURES, HAS_KOSTANAY, hasStackTrace, REPO_DIR, runCli } from './run-cli.js';

/**
 * `regiontwin validate` run as a user runs it. Counts, population and bounding box are checked
 * against the GeoJSON files read here directly (an independent count, not the library's).
 */

interface LayerFacts {
  features: number;
  population: number;
}

function readLayer(file: string): FeatureCollection {
  return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as FeatureCollection;
}

/** Feature count and the sum of a numeric property (missing counts 0). */
function layerFacts(file: string, populationProperty?: string): LayerFacts {
  const layer = readLayer(file);
  let population = 0;
  for (const f of layer.features) {
    const value = populationProperty ? f.properties?.[populationProperty] : undefined;
    if (typeof value === 'number') population += value;
  }
  return { features: layer.features.length, population };
}

/** [minLon, minLat, maxLon, maxLat] of every position of a layer. */
function layerBbox(file: string): number[] {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as Position)[0] === 'number') {
      const [x, y] = c as Position;
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    } else for (const child of c as unknown[]) visit(child);
  };
  for (const f of readLayer(file).features)
    if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return box;
}

/** The numbers of the one-line summary `valid: id "name": N districts, M demand points (P people), …; bbox [...]`. */
function parseSummary(line: string) {
  const m =
    /^valid: (\S+) "(.*)": (\d+) districts, (\d+) demand points \(([\d,]+) people\)(?:, (\d+) facilities)?(?:, (\d+) road nodes, ([\d,.]+) km of road)?; bbox \[(.*)\]$/.exec(
      line,
    );
  expect(m, `summary line: ${line}`).not.toBeNull();
  return {
    id: m![1],
    name: m![2],
    districts: Number(m![3]),
    demandPoints: Number(m![4]),
    population: Number(m![5].replace(/,/g, '')),
    facilities: m![6] === undefined ? undefined : Number(m![6]),
    roadNodes: m![7] === undefined ? undefined : Number(m![7]),
    bbox: m![9].split(', ').map(Number),
  };
}

describe('regiontwin validate: valid regions', () => {
  it('the tiny CLI test region: counts and bounding box worked out by hand', async () => {
    const run = await runCli(['validate', join(CLI_FIXTURES, 'tiny-region')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // 2 square districts [64..65]×[50..51] and [65..66]×[50..51]; settlements 1,000 + 500 + 2,000; one school.
    expect(run.stdout).toBe(
      'valid: test-tiny "Tiny test region <b>&</b>": 2 districts, 3 demand points (3,500 people), 1 facilities; bbox [64.00000, 50.00000, 66.00000, 51.00000]\n',
    );
  });

  it('the embedded Kazakhstan region (fixtures/kazakhstan)', async () => {
    const run = await runCli(['validate', 'fixtures/kazakhstan']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const summary = parseSummary(lines[0]);
    const districts = layerFacts(join(FIXTURES, 'kazakhstan/oblasts.geojson'));
    const settlements = layerFacts(join(FIXTURES, 'kazakhstan/settlements.geojson'), 'population');
    expect(summary.id).toBe('kz-national');
    // 14 oblasts + Almaty City + Astana + Baikonur (fixtures/kazakhstan/region.json notes).
    expect(summary.districts).toBe(17);
    expect(summary.districts).toBe(districts.features);
    expect(summary.demandPoints).toBe(settlements.features);
    expect(summary.population).toBe(settlements.population);
    expect(summary.facilities).toBeUndefined();
    const box = layerBbox(join(FIXTURES, 'kazakhstan/oblasts.geojson'));
    summary.bbox.forEach((v, i) => expect(v).toBeCloseTo(box[i], 4)); // printed with 5 decimals
  });

  it.skipIf(!HAS_KOSTANAY)('Kostanay oblast (fixtures/kostanay, layers linked from ../shared)', async () => {
    const run = await runCli(['validate', 'fixtures/kostanay']);
    expect(run.code).toBe(0);
    const summary = parseSummary(run.stdout.trimEnd());
    const settlements = layerFacts(join(FIXTURES, 'kostanay/settlements.geojson'), 'population');
    expect(summary.id).toBe('kz-kostanay');
    expect(summary.districts).toBe(20);
    expect(summary.demandPoints).toBe(settlements.features);
    expect(summary.population).toBe(settlements.population);
    expect(summary.facilities).toBe(layerFacts(join(FIXTURES, 'kostanay/pois.geojson')).features);
    // The manifest allows missing population: each such settlement is one warning line on stderr, never an error.
    const missing = readLayer(join(FIXTURES, 'kostanay/settlements.geojson')).features.filter(
      (f) => typeof f.properties?.population !== 'number',
    ).length;
    expect(run.errLines).toHaveLength(missing);
    for (const line of run.errLines) expect(line).toMatch(/^warning: settlements\.geojson: .* has no population/);
  });

  it('the synthetic 2×2 region (fixtures/synthetic-small), with roads', async () => {
    const run = await runCli(['validate', 'fixtures/synthetic-small']);
    expect(run.code).toBe(0);
    const summary = parseSummary(run.stdout.trimEnd());
    const dir = join(FIXTURES, 'synthetic-small');
    expect(summary.districts).toBe(4);
    expect(summary.demandPoints).toBe(layerFacts(join(dir, 'synthetic-settlements.geojson')).features);
    expect(summary.population).toBe(layerFacts(join(dir, 'synthetic-settlements.geojson'), 'population').population);
    expect(summary.facilities).toBe(layerFacts(join(dir, 'synthetic-facilities.geojson')).features);
    expect(summary.roadNodes).toBeGreaterThan(0);
    // 2 × 2 districts of 20 km from (63.6°, 53.2°): 40 km north is 40 / 111.195 = 0.3597° of latitude.
    expect(summary.bbox[0]).toBeCloseTo(63.6, 5);
    expect(summary.bbox[1]).toBeCloseTo(53.2, 5);
    expect(summary.bbox[3]).toBeCloseTo(53.2 + 40 / 111.195, 3);
  });

  it('--json: the summary for machines', async () => {
    const run = await runCli(['validate', join(CLI_FIXTURES, 'tiny-region'), '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.valid).toBe(true);
    expect(doc.summary).toMatchObject({
      id: 'test-tiny',
      districts: 2,
      demandPoints: 3,
      population: 3500,
      facilities: 1,
      facilitiesByKind: { school: 1 },
      bbox: [64, 50, 66, 51],
    });
    expect(doc.warnings).toEqual([]);
  });

  it.each(readdirSync(join(FIXTURES, 'valid-edge-cases')))(
    'accepts the edge case valid-edge-cases/%s',
    async (name) => {
      const run = await runCli(['validate', `fixtures/valid-edge-cases/${name}`]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^valid: /);
    },
  );
});

interface ExpectedProblem {
  code: string;
  file: string;
  layer?: string;
  featureIndex?: number;
  messageIncludes: string;
}

interface InvalidCase {
  cliArgs?: string[];
  problems: ExpectedProblem[];
}

const INVALID = join(FIXTURES, 'invalid');
const invalidCases = readdirSync(INVALID, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Whether a problem line (`file: layer L, feature #i (id x): message`) is the expected problem. */
function lineMatches(line: string, expected: ExpectedProblem): boolean {
  const [where] = line.split(': ', 1);
  return (
    (where === expected.file || where.endsWith(`/${expected.file}`)) &&
    (expected.layer === undefined || line.includes(`layer ${expected.layer}`)) &&
    (expected.featureIndex === undefined ||
      line.includes(`feature #${expected.featureIndex} `) ||
      line.includes(`feature #${expected.featureIndex}:`)) &&
    line.includes(expected.messageIncludes)
  );
}

describe('regiontwin validate: the invalid corpus (fixtures/invalid)', () => {
  it('has cases', () => expect(invalidCases.length).toBeGreaterThanOrEqual(25));

  it.each(invalidCases)('%s: exit 1, a header and one line per expected problem, no stack trace', async (name) => {
    const expected = JSON.parse(readFileSync(join(INVALID, name, 'expected.json'), 'utf8')) as InvalidCase;
    const dir = relative(REPO_DIR, join(INVALID, name));
    const run = await runCli(['validate', dir, ...(expected.cliArgs ?? [])]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(hasStackTrace(run.stderr)).toBe(false);
    const n = expected.problems.length;
    expect(run.errLines[0]).toBe(`error: ${dir}: invalid region, ${n} problem${n === 1 ? '' : 's'}`);
    const problemLines = run.errLines.slice(1);
    expect(problemLines).toHaveLength(n);
    // Pair every expected problem with a distinct line.
    const unused = [...problemLines];
    for (const problem of expected.problems) {
      const k = unused.findIndex((line) => lineMatches(line.trim(), problem));
      expect(k, `no line for ${JSON.stringify(problem)} in\n${problemLines.join('\n')}`).toBeGreaterThanOrEqual(0);
      unused.splice(k, 1);
    }
  });

  it('--json lists the problems with code, layer and feature index', async () => {
    const run = await runCli(['validate', 'fixtures/invalid/multiple-problems', '--json']);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.valid).toBe(false);
    const expected = JSON.parse(readFileSync(join(INVALID, 'multiple-problems/expected.json'), 'utf8')) as InvalidCase;
    expect(doc.problems).toHaveLength(expected.problems.length);
    for (const p of expected.problems) {
      expect(doc.problems).toContainEqual(
        expect.objectContaining({
          code: p.code,
          layer: p.layer,
          ...(p.featureIndex === undefined ? {} : { featureIndex: p.featureIndex }),
          message: expect.stringContaining(p.messageIncludes),
        }),
      );
    }
  });

  it('a folder that does not exist, and a bad limit flag: one line, exit 1', async () => {
    const missing = await runCli(['validate', 'no/such/region']);
    expect(missing.code).toBe(1);
    expect(missing.errLines).toEqual([
      'error: no/such/region: invalid region, 1 problem',
      '  no/such/region: does not exist (give a region folder or its region.json)',
    ]);
    const flag = await runCli(['validate', 'fixtures/kazakhstan', '--max-file-mb', 'lots']);
    expect(flag.code).toBe(1);
    expect(flag.errLines).toEqual(['error: --max-file-mb must be a positive number (got "lots")']);
  });
});
