import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { loadRegionFromObjects } from '../region/load-region.js';
import type { RegionManifest } from '../region/region-manifest.js';
import { largestRemainder, synthesizePopulation } from './synthesize-population.js';

const square = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const districts: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: 'W' }, geometry: square(63.0, 53.0, 63.1, 53.1) },
    { type: 'Feature', properties: { code: 'E' }, geometry: square(63.1, 53.0, 63.2, 53.1) },
  ],
};
const settlement = (id: string, lon: number, place: string, population: number | null) => ({
  type: 'Feature' as const,
  properties: { id, place, population },
  geometry: { type: 'Point' as const, coordinates: [lon, 53.05] },
});
// Known: town T (12,000, west) and village K (1,250, east). Missing: villages A (west), B (east), hamlet C (east).
const settlements: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    settlement('T', 63.03, 'town', 12000),
    settlement('A', 63.05, 'village', null),
    settlement('K', 63.15, 'village', 1250),
    settlement('B', 63.16, 'village', null),
    settlement('C', 63.17, 'hamlet', null),
  ],
};
const manifest: RegionManifest = {
  schema: 'regiontwin/region@1',
  id: 't',
  name: 't',
  allowMissingPopulation: true,
  layers: {
    districts: { path: 'd.geojson', id: 'code' },
    settlements: { path: 's.geojson', id: 'id', population: 'population' },
  },
};
const region = () => loadRegionFromObjects(manifest, { 'd.geojson': districts, 's.geojson': settlements });
const populations = (fc: FeatureCollection) =>
  Object.fromEntries(fc.features.map((f) => [f.properties!.id, f.properties!.population]));

describe('synthesizePopulation', () => {
  it('splits the remaining total by class weight, exactly, without jitter', async () => {
    const result = synthesizePopulation(await region(), { seed: 1, total: 15000, jitterSigma: 0 });
    // Remaining 15,000 − 13,250 = 1,750 over weights 700 (A), 700 (B), 60 (C), sum 1,460:
    // exact 839.04, 839.04, 71.92 → floors 839, 839, 71 (1,749); the one left goes to C (.92).
    expect(populations(result.collection)).toEqual({ T: 12000, A: 839, K: 1250, B: 839, C: 72 });
    expect(result.scopes).toEqual([{ scope: 'region', total: 15000, known: 13250, distributed: 1750, filled: 3 }]);
    const flags = result.collection.features.map((f) => f.properties!.population_synthetic ?? false);
    expect(flags).toEqual([false, true, false, true, true]);
    expect(result.stillMissing).toBe(0);
  });

  it('fills district by district, and only the districts given', async () => {
    const result = synthesizePopulation(await region(), { seed: 1, districtTotals: { E: 2000 }, jitterSigma: 0 });
    // East: 2,000 − 1,250 = 750 over B (700) and C (60): 690.79, 59.21 → 690, 59, then 1 more to B (.79).
    expect(populations(result.collection)).toEqual({ T: 12000, A: null, K: 1250, B: 691, C: 59 });
    expect(result.stillMissing).toBe(1);
  });

  it('is seeded: the same seed gives the same numbers, another seed others, the sum always exact', async () => {
    const r = await region();
    const a = populations(synthesizePopulation(r, { seed: 7, total: 20000 }).collection);
    const b = populations(synthesizePopulation(r, { seed: 7, total: 20000 }).collection);
    const c = populations(synthesizePopulation(r, { seed: 8, total: 20000 }).collection);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const p of [a, c]) expect(Object.values(p).reduce((s: number, v) => s + (v as number), 0)).toBe(20000);
  });

  it('refuses inconsistent totals with a reason', async () => {
    const r = await region();
    expect(() => synthesizePopulation(r, { seed: 1, total: 13000 })).toThrow(
      'the region: the total 13000 is less than the 13250 people already known there',
    );
    expect(() => synthesizePopulation(r, { seed: 1, districtTotals: { X: 5 } })).toThrow('no district has id "X"');
    expect(() => synthesizePopulation(r, { seed: 1 })).toThrow('give either a total');
    expect(() => synthesizePopulation(r, { seed: 1, total: 1.5 })).toThrow('whole number');
  });
});

describe('largestRemainder', () => {
  it('adds up exactly and gives leftovers to the largest fractions', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]); // 3.33 each: the tie goes to the first
    expect(largestRemainder(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]); // 3.5, 1.75, 1.75 → 3, 1, 1; the 2 left go to the .75s
    expect(largestRemainder(0, [3, 4])).toEqual([0, 0]);
    expect(largestRemainder(5, [])).toEqual([]);
  });
});

describe('synthesizePopulation over buildings (residential floor area)', () => {
  // Two footprints in one latitude band, B twice as wide as A: B's area is exactly 2 × A's on the
  // sphere (turf area), so with A 2 storeys and B 5, the floor areas are in the ratio 2 : 10 = 1 : 5.
  const rect = (w: number, e: number) => square(w, 53.05, e, 53.0505).coordinates;
  const building = (id: string, coordinates: number[][][], properties: Record<string, unknown>) => ({
    type: 'Feature' as const,
    properties: { id, ...properties },
    geometry: { type: 'Polygon' as const, coordinates },
  });
  const buildings: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      building('A', rect(63.05, 63.0502), { building: 'house', levels: 2 }),
      building('B', rect(63.06, 63.0604), { building: 'apartments', levels: 5 }),
      building('C', rect(63.07, 63.0702), { building: 'garage', levels: 1 }),
      building('D', rect(63.15, 63.1502), { building: 'yes', height: 9 }), // east: 9 m / 3 m = 3 storeys
    ],
  };
  const buildingRegion = () =>
    loadRegionFromObjects(
      {
        ...manifest,
        layers: {
          districts: manifest.layers.districts,
          buildings: { path: 'b.geojson', id: 'id', levels: 'levels', height: 'height' },
        },
      },
      { 'd.geojson': districts, 'b.geojson': buildings },
    );

  it('splits by footprint × storeys and leaves non-residential buildings empty', async () => {
    const result = synthesizePopulation(await buildingRegion(), {
      seed: 1,
      target: 'buildings',
      districtTotals: { W: 600 },
      jitterSigma: 0,
    });
    // West: A (2a) and B (10a) share 600 → 100 and 500; the garage C gets none; D is in the east.
    expect(result.collection.features.map((f) => f.properties!.population)).toEqual([100, 500, undefined, undefined]);
    expect(result.populationProperty).toBe('population');
    expect(result.stillMissing).toBe(2);
  });
});
