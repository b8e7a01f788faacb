/**
 * `regiontwin synthesize-population` and `synthesize-roads` end to end: the numbers written, their
 * synthetic labels in the region and in the results of `regiontwin run` (worked out by hand).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { main } from '../src/main.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/osm');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regiontwin-synth-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function haversine(a: number[], b: number[]): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 +
    Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

describe('regiontwin synthesize-population', () => {
  it('fills the two settlements without population and labels them, in the region and in results', async () => {
    const out = join(dir, 'filled');
    const r = await cli([
      'synthesize-population',
      join(fixtures, 'tiny-region'),
      '--total',
      '15000',
      '--jitter',
      '0',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(
      'region: 1,350 of 15,000 people distributed over 2 settlements without population (13,650 already known)',
    );
    const settlements = JSON.parse(await readFile(join(out, 'settlements.geojson'), 'utf8')) as FeatureCollection;
    const byId = Object.fromEntries(settlements.features.map((f) => [f.properties!.osm_id, f.properties]));
    // 15,000 − 13,650 = 1,350 over village n23 (weight 700) and hamlet n22 (60): 1,243.42 and 106.58
    // → 1,243 and 106, and the one person left to the larger fraction (n22).
    expect(byId.n23).toMatchObject({ population: 1243, population_synthetic: true });
    expect(byId.n22).toMatchObject({ population: 107, population_synthetic: true });
    expect(byId.n20).toMatchObject({ population: 12000 });
    expect(byId.n20.population_synthetic).toBeUndefined();
    const manifest = JSON.parse(await readFile(join(out, 'region.json'), 'utf8'));
    expect(manifest.layers.settlements.synthetic).toBe('population_synthetic');
    expect(manifest.allowMissingPopulation).toBeUndefined();
    expect(manifest.notes.at(-1)).toMatch(/^SYNTHETIC: the populations of 2 settlements were generated/);
    expect((await cli(['validate', out])).code).toBe(0);

    const scenario = JSON.parse(await readFile(join(fixtures, 'tiny-scenario.json'), 'utf8'));
    await writeFile(join(dir, 'filled-scenario.json'), JSON.stringify({ ...scenario, region: 'filled' }));
    const run = await cli(['run', join(dir, 'filled-scenario.json'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).warnings).toEqual([
      'The region contains synthetic (generated) data: 2 of 5 demand points, 1350 people (9.0% of 15000), are synthetic; results that use them are not observations.',
    ]);
  });

  it('refuses a total below the known population, naming the numbers', async () => {
    const r = await cli([
      'synthesize-population',
      join(fixtures, 'tiny-region'),
      '--total',
      '10000',
      '--out',
      join(dir, 'x'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `error: ${join(fixtures, 'tiny-region')}: the region: the total 10000 is less than the 13650 people already known there`,
    );
  });
});

describe('regiontwin synthesize-population --target buildings', () => {
  it('fills housing by floor area, skips the school building, and refuses a region that also has settlements', async () => {
    const refused = await cli([
      'synthesize-population',
      join(fixtures, 'tiny-region'),
      '--target',
      'buildings',
      '--total',
      '300',
      '--out',
      join(dir, 'z'),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('people in buildings would be counted twice');
    // The fixture region without its settlements layer: buildings w201 (building=school) and w202 (building=yes).
    const region = join(dir, 'buildings-only');
    await mkdir(region);
    const manifest = JSON.parse(await readFile(join(fixtures, 'tiny-region/region.json'), 'utf8'));
    delete manifest.layers.settlements;
    delete manifest.allowMissingPopulation;
    for (const file of ['districts.geojson', 'buildings.geojson', 'facilities.geojson', 'roads.geojson']) {
      await writeFile(join(region, file), await readFile(join(fixtures, 'tiny-region', file)));
    }
    await writeFile(join(region, 'region.json'), JSON.stringify(manifest));
    const out = join(dir, 'buildings-filled');
    const r = await cli(['synthesize-population', region, '--target', 'buildings', '--total', '300', '--out', out]);
    expect(r.code).toBe(0);
    const buildings = JSON.parse(await readFile(join(out, 'buildings.geojson'), 'utf8')) as FeatureCollection;
    const byId = Object.fromEntries(buildings.features.map((f) => [f.properties!.osm_id, f.properties]));
    expect(byId.w202).toMatchObject({ population: 300, population_synthetic: true });
    expect(byId.w201.population).toBeUndefined(); // a school houses nobody
    const validate = await cli(['validate', out]);
    expect(validate.code).toBe(0);
    expect(validate.out).toContain('1 demand points (300 people)');
  });
});

describe('regiontwin synthesize-roads', () => {
  it('links the CSV region’s villages and routes over the synthetic links', async () => {
    const out = join(dir, 'roads');
    const r = await cli(['synthesize-roads', join(fixtures, 'csv-region'), '--out', out]);
    expect(r.code).toBe(0);
    const roads = JSON.parse(await readFile(join(out, 'roads.geojson'), 'utf8')) as FeatureCollection;
    // V1 (63.03, 53.06), V2 (63.15, 53.04), V3 (63.12, 53.08), V4 (63.165, 53.085). Spanning tree:
    // V3–V4 3.06 km, V2–V3 4.88 km, V1–V3 6.42 km; the 2 nearest neighbours add V2–V4 (V2's second)
    // and V1–V2 (V1's second).
    const pairs = roads.features.map((f) => `${f.properties!.from}-${f.properties!.to}:${f.properties!.rule}`).sort();
    expect(pairs).toEqual([
      '0-1:nearest',
      '0-2:spanning-tree',
      '1-2:spanning-tree',
      '1-3:nearest',
      '2-3:spanning-tree',
    ]);
    expect(roads.features.every((f) => f.properties!.synthetic === true)).toBe(true);

    await writeFile(
      join(dir, 'roads-scenario.json'),
      JSON.stringify({
        schema: 'regiontwin/scenario@1',
        name: 'schools over synthetic links',
        region: 'roads',
        seed: 1,
        years: { start: 2026, end: 2026 },
        interventions: [],
        indicators: [
          { id: 'population-within-travel-time', kind: 'school', minutes: 12 },
          { id: 'population-within-travel-time', kind: 'school', minutes: 13.5 },
        ],
      }),
    );
    const run = await cli(['run', join(dir, 'roads-scenario.json'), '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out);
    // Eastvillage V2 (1,250) sits on its own road node: the link V2–V1 at 60/1.3 km/h, then on foot
    // from V1 to school S1 at 20 km/h (straight on foot, 23.6 min, is slower).
    const minutes =
      haversine([63.15, 53.04], [63.03, 53.06]) / (60 / 1.3 / 3.6) / 60 +
      haversine([63.03, 53.06], [63.035, 53.055]) / (20 / 3.6) / 60;
    expect(minutes).toBeGreaterThan(12.5); // ≈ 12.8 min
    expect(minutes).toBeLessThan(13.2);
    // Areaville V4 (400): V4–V3–V1 9.48 km ≈ 12.3 min + 1.95 min on foot ≈ 14.3 min: outside both.
    const east = (i: number) => result.indicators[i].byDistrict.find((d: { id: string }) => d.id === 'E').baseline;
    expect(east(0)).toBe(0);
    expect(east(1)).toBe(1250);
    expect(result.warnings).toEqual([
      'The region contains synthetic (generated) data: 5 of 5 road features are synthetic (not real roads); travel times along them are not observations.',
    ]);
  });

  it('refuses a region that has roads', async () => {
    const r = await cli(['synthesize-roads', join(fixtures, 'tiny-region'), '--out', join(dir, 'y')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('already has a roads layer (roads.geojson)');
  });
});

describe('the synthesize commands take the loader limit flags', () => {
  it('refuses a region over --max-file-mb naming the flag, and fills it with the limit raised', async () => {
    const region = join(fixtures, 'tiny-region');
    // tiny-region's layers are a few KiB: 0.001 MiB (≈ 1 KiB) refuses the larger ones.
    const refused = await cli([
      'synthesize-population',
      region,
      '--total',
      '20000',
      '--out',
      join(dir, 'lim-a'),
      '--max-file-mb',
      '0.001',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/more than the limit of 1\.0 KiB \(raise limits\.maxFileBytes, CLI --max-file-mb\)/);
    const raised = await cli([
      'synthesize-population',
      region,
      '--total',
      '20000',
      '--out',
      join(dir, 'lim-b'),
      '--max-file-mb',
      '1',
    ]);
    expect(raised.code, raised.err).toBe(0);
  });
});
