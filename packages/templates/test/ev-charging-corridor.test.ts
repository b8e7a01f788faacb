import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  compileRegion,
  createSeededRandom,
  generateSyntheticRegion,
  loadRegionFromObjects,
  resolveAssumptions,
  runScenario,
  serializeRegionModel,
  type AddFacilityChange,
  type RegionModel,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { expandTemplate, resolveTemplateParams } from '../src/registry.js';
import { computeTerritoryProfile } from '../src/territory-profile.js';
import { evChargingCorridor, placeCorridorSites, type CorridorGraph } from '../src/templates/ev-charging-corridor.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** 0.1° of the equator (or of a meridian) = 6,371,008.8 · π / 1800 m. */
const U = (6_371_008.8 * Math.PI) / 1800;
const TOLERANCE = 1e-9;

/** A graph of `count` nodes on a line, `step` metres apart (positions only matter through lengths). */
function line(count: number, step: number, offset = 0, graph: CorridorGraph = { lonLat: [], neighbours: [] }) {
  const neighbours = graph.neighbours;
  for (let k = 0; k < count; k++) neighbours.push(new Map());
  for (let k = 1; k < count; k++) {
    neighbours[offset + k - 1].set(offset + k, step);
    neighbours[offset + k].set(offset + k - 1, step);
  }
  return graph;
}

describe('placeCorridorSites (greedy along chains), by hand', () => {
  it('covers a 300 m line with sites every 100 m: at 50, 150 and 250', () => {
    // Both ends free: the first site is the farthest vertex within 50 of the start (50), then the
    // farthest within 100 of the last (150, 250); 300 − 250 = 50 ≤ 50 ends it. Optimal on a line.
    expect(placeCorridorSites(line(31, 10), 100, new Set())).toEqual({ sites: [5, 15, 25], edgesLongerThanGap: 0 });
  });

  it('puts a site on a junction and walks each branch from it', () => {
    // The 300 m line plus a 60 m branch (nodes 31…36) from node 15. Junction 15 is a site; chains
    // 15→0 and 15→30 (150 each) need one more site 100 from it (nodes 5 and 25); the branch is 60
    // > 50, so it needs a site within 100 of 15 and within 50 of its end: the first such vertex is
    // 10 along it (node 31).
    const graph = line(31, 10);
    line(6, 10, 31, graph);
    graph.neighbours[15].set(31, 10);
    graph.neighbours[31].set(15, 10);
    expect(placeCorridorSites(graph, 100, new Set()).sites).toEqual([5, 15, 25, 31]);
    // An existing charger at node 5 is a key node: nothing new is needed between 0 and 15.
    expect(placeCorridorSites(graph, 100, new Set([5])).sites).toEqual([15, 25, 31]);
  });

  it('starts a cycle at its lowest node and flags edges longer than the gap', () => {
    const square: CorridorGraph = { lonLat: [], neighbours: [0, 1, 2, 3].map(() => new Map()) };
    for (let k = 0; k < 4; k++) {
      square.neighbours[k].set((k + 1) % 4, 100);
      square.neighbours[(k + 1) % 4].set(k, 100);
    }
    // Perimeter 400 from node 0 back to node 0: with gap 200, sites 0 and 2; with 150, every node.
    expect(placeCorridorSites(square, 200, new Set()).sites).toEqual([0, 2]);
    expect(placeCorridorSites(square, 150, new Set()).sites).toEqual([0, 1, 2, 3]);
    // One 300 m edge, gap 100: a site at each end, and the edge is reported.
    expect(placeCorridorSites(line(2, 300), 100, new Set())).toEqual({ sites: [0, 1], edgesLongerThanGap: 1 });
  });
});

/**
 * On the equator: a primary road from 10.0° to 13.0° E with a vertex every 0.1° (U = 11.12 km),
 * and a primary branch north from 11.5° E to 0.6° N (vertices every 0.1°). Settlements: A at
 * (10.5, 0.05) 1,000 people, B at (12.9, 0) 500, C at the branch end (11.5, 0.6) 200. One
 * district 9.9…13.1 E × −0.5…1.0 N.
 */
async function equatorRegion(options: { roads?: boolean; existingCharger?: [number, number] } = {}) {
  const roads = options.roads ?? true;
  const round = (x: number) => Number(x.toFixed(1));
  const point = (properties: Record<string, unknown>, lon: number, lat: number) => ({
    type: 'Feature' as const,
    properties,
    geometry: { type: 'Point' as const, coordinates: [lon, lat] },
  });
  const settlements = roads
    ? [
        point({ id: 'A', population: 1000 }, 10.5, 0.05),
        point({ id: 'B', population: 500 }, 12.9, 0),
        point({ id: 'C', population: 200 }, 11.5, 0.6),
      ]
    : [
        point({ id: 'T1', population: 10_000 }, 10, 0),
        point({ id: 'T2', population: 8000 }, 10.5, 0),
        point({ id: 'T3', population: 6000 }, 11.5, 0),
        point({ id: 'V', population: 100 }, 11, 0.3),
      ];
  const files: Record<string, unknown> = {
    'd.geojson': {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'only' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [9.9, -0.5],
                [13.1, -0.5],
                [13.1, 1],
                [9.9, 1],
                [9.9, -0.5],
              ],
            ],
          },
        },
      ],
    },
    's.geojson': { type: 'FeatureCollection', features: settlements },
    'f.geojson': {
      type: 'FeatureCollection',
      features: options.existingCharger
        ? [point({ id: 'old', amenity: 'ev-charger' }, ...options.existingCharger)]
        : [point({ id: 'x', amenity: 'school' }, 12, 0.5)],
    },
  };
  if (roads) {
    files['r.geojson'] = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'main', highway: 'primary' },
          geometry: {
            type: 'LineString',
            coordinates: Array.from({ length: 31 }, (_, k) => [round(10 + k / 10), 0]),
          },
        },
        {
          type: 'Feature',
          properties: { id: 'branch', highway: 'primary' },
          geometry: { type: 'LineString', coordinates: Array.from({ length: 7 }, (_, k) => [11.5, round(k / 10)]) },
        },
      ],
    };
  }
  return compileRegion(
    await loadRegionFromObjects(
      {
        schema: 'regiontwin/region@1',
        id: 'equator',
        name: 'Equator corridor',
        layers: {
          districts: { path: 'd.geojson', id: 'id' },
          settlements: { path: 's.geojson', id: 'id', population: 'population' },
          facilities: { path: 'f.geojson', id: 'id', kind: 'amenity' },
          ...(roads ? { roads: { path: 'r.geojson', id: 'id', class: 'highway' } } : {}),
        },
      },
      files as never,
    ),
  );
}

function expand(model: RegionModel, params: Record<string, unknown>) {
  return expandTemplate(
    { template: 'ev-charging-corridor', params: resolveTemplateParams(evChargingCorridor as never, params) },
    model,
    createSeededRandom(1),
  );
}

describe('ev-charging-corridor on a hand-made equator corridor', () => {
  // maxGapKm 111.2 is just above 10 U = 111.195 km, so the spacing of 10 vertices is allowed.
  const params = { maxGapKm: 111.2, chargersPerSite: 4, chargerPowerKw: 150, reachMinutes: 30 };

  it('places sites at 10.5 and 12.5 E, on the junction 11.5 E and 0.1° up the branch', async () => {
    const model = await equatorRegion();
    const before = Buffer.from(serializeRegionModel(model));
    const { changes, summary } = expand(model, params);
    // The junction (11.5, 0) is a site; chains 11.5 → 10.0 and 11.5 → 13.0 are 15 U long with free
    // ends: a site 10 U from the junction leaves 5 U ≤ gap/2. The branch is 6 U: its site is the
    // first vertex within gap/2 = 5.0004 U of the end, 1 U up.
    const at = (changes as AddFacilityChange[]).map((c) => c.at).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(at).toEqual([
      [10.5, 0],
      [11.5, 0],
      [11.5, 0.1],
      [12.5, 0],
    ]);
    expect(summary).toMatchObject({ sites: 4, chargers: 16, edgesLongerThanGap: 0, sitesOutsideRegionSkipped: 0 });
    // 4 chargers × 150 kW × 400,000 KZT/kW = 240 M KZT per site; energy 4 × 150 × 8,760 × 0.05.
    expect(changes[0]).toMatchObject({ capexKzt: 240_000_000, opexKztPerYear: 6_000_000, energyKwhPerYear: 262_800 });
    expect(Buffer.from(serializeRegionModel(model)).equals(before)).toBe(true);
  });

  it('moves the indicators it declares by the amounts worked out by hand', async () => {
    const model = await equatorRegion();
    const { changes } = expand(model, params);
    const indicators = [
      ...evChargingCorridor.indicators(resolveTemplateParams(evChargingCorridor as never, params) as never),
      { id: 'population-within-travel-time', kind: 'ev-charger', minutes: 45 },
    ];
    const result = runScenario(model, {
      name: 'corridor',
      seed: 1,
      years: { start: 2026, end: 2026 },
      assumptions: resolveAssumptions(),
      changes,
      indicators,
    });
    const value = (id: string, minutes?: number) =>
      result.indicators.find((i) => i.id === id && (minutes === undefined || i.params.minutes === minutes))!;
    // Every point of the network is within 5 U of a site (the road ends, the branch end, the
    // midpoints between sites): the largest gap is 2 × 5 U = 111.195 km. Baseline: no charger.
    const gap = value('largest-road-gap');
    expect(gap.baseline).toBeNull();
    expect(Math.abs(gap.scenario! - (10 * U) / 1000)).toBeLessThanOrEqual(TOLERANCE * 111.2);
    // A: 0.05° (5.56 km) to its road node at 20 km/h = 16.7 min. B: 4 U of primary road (80 km/h)
    // from the site at 12.5 = 33.4 min. C: 5 U from the branch site = 41.7 min.
    expect(value('population-within-travel-time', 30).scenario).toBe(1000);
    expect(value('population-within-travel-time', 45).scenario).toBe(1700);
    expect(value('capex').scenario).toBe(4 * 240_000_000);
    expect(value('energy-kwh-per-year').scenario).toBeCloseTo(4 * 262_800, 6);
  });

  it('counts an existing charger on the corridor and adds only what is missing', async () => {
    const model = await equatorRegion({ existingCharger: [10.5, 0.001] });
    // The existing charger (111 m off the road) joins node 10.5: 10.0…10.5 (5 U) and 10.5…11.5
    // (10 U) need nothing more; the junction, 12.5 and the branch site remain.
    const at = (expand(model, params).changes as AddFacilityChange[]).map((c) => c.at);
    expect(at).toEqual([
      [11.5, 0],
      [12.5, 0],
      [11.5, 0.1],
    ]);
  });

  it('without roads, links the towns by a spanning tree and walks it', async () => {
    const model = await equatorRegion({ roads: false });
    // Towns ≥ 5,000: T1 10.0, T2 10.5, T3 11.5 on the equator; the tree is T1–T2 (0.5°) and T2–T3
    // (1°), lengthened × 1.3 and cut into 12 and 23 pieces (≤ 5 km): 6.0229 and 6.2850 km of road.
    // Total 216.84 km, both ends free, gap 100 km:
    //   first site: farthest vertex ≤ 50 km from T1 = 8 pieces (48.18 km) → lon 10 + 8/12 · 0.5;
    //   next: farthest ≤ 148.18 km = T2 (72.28) + 12 pieces (75.42) → lon 10.5 + 12/23;
    //   last: 216.84 − 147.70 = 69.14 ≤ 100, the first vertex ≥ 216.84 − 50 = 166.84 km is
    //   T2 + 16 pieces (172.84 km) → lon 10.5 + 16/23.
    const { changes, summary } = expand(model, { maxGapKm: 100, minTownPopulation: 5000 });
    const lons = (changes as AddFacilityChange[]).map((c) => c.at[0]).sort((a, b) => a - b);
    const expected = [10 + (8 / 12) * 0.5, 10.5 + 12 / 23, 10.5 + 16 / 23];
    expect(lons).toHaveLength(3);
    lons.forEach((lon, k) => expect(Math.abs(lon - expected[k])).toBeLessThan(1e-9));
    for (const c of changes as AddFacilityChange[]) expect(c.at[1]).toBe(0);
    expect(summary).toMatchObject({ network: 'straight links between 3 towns', sites: 3 });
    // Too many towns for straight links: a clear message instead of a quadratic wait.
    const many = generateSyntheticRegion({ roads: false, villagesPerDistrict: 800 });
    const crowded = compileRegion(await loadRegionFromObjects(many.manifest, many.files));
    expect(() => expand(crowded, { minTownPopulation: 0 })).toThrow(
      'the region has no road layer and 3204 settlements of at least 0 people; straight corridor links join at most 3000 towns: raise "minTownPopulation"',
    );
  });
});

describe('ev-charging-corridor adapts to the territory', () => {
  it('spaces chargers more widely across a sparse steppe than in a dense urban region', async () => {
    const sparse = computeTerritoryProfile(compileRegion(await loadRegion(`${root}fixtures/kazakhstan`)));
    expect(sparse.densityPerKm2).toBeLessThan(5);
    const dense = { ...sparse, densityPerKm2: 250 };
    expect(evChargingCorridor.adapt(sparse)).toEqual({
      maxGapKm: 120,
      chargersPerSite: 2,
      reachMinutes: 60,
      minTownPopulation: 5000,
    });
    expect(evChargingCorridor.adapt(dense)).toEqual({
      maxGapKm: 60,
      chargersPerSite: 4,
      reachMinutes: 15,
      minTownPopulation: 20_000,
    });
  });
});

describe('ev-charging-corridor against the exact largest-road-gap indicator', () => {
  it.each([
    [3, 'primary', 30],
    [5, 'secondary', 25],
    [8, 'tertiary', 20],
  ] as const)(
    'on synthetic region seed %i, %s roads, gap %i km: the measured largest gap never exceeds the limit',
    async (seed, roadClass, maxGapKm) => {
      const region = generateSyntheticRegion({ seed, districtColumns: 3, districtRows: 3, villagesPerDistrict: 12 });
      const model = compileRegion(await loadRegionFromObjects(region.manifest, region.files));
      const { changes, summary } = expand(model, { maxGapKm, roadClass });
      expect(summary).toMatchObject({ edgesLongerThanGap: 0, sitesOutsideRegionSkipped: 0 });
      const result = runScenario(model, {
        name: 'gap',
        seed: 1,
        years: { start: 2026, end: 2026 },
        assumptions: resolveAssumptions(),
        changes,
        indicators: [{ id: 'largest-road-gap', kind: 'ev-charger', roadClass }],
      });
      const gap = result.indicators[0].scenario!;
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThanOrEqual(maxGapKm * (1 + 1e-9));
    },
  );
});
