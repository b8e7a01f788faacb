import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import { loadRegionFromObjects } from '../region/load-region.js';
import { compileRegion } from '../model/compile-region.js';
import { haversineMeters } from '../geo/haversine.js';
import type { RegionModel } from '../model/region-model.js';
import {
  DEFAULT_SYNTHETIC_REGION_OPTIONS,
  SECONDARY_LINK_MIN_POPULATION,
  SYNTHETIC_FILE_NAMES,
  generateHandRegion,
  generateSyntheticRegion,
  type SyntheticRegion,
  type SyntheticRegionOptions,
} from './generate-synthetic-region.js';

async function compile(region: SyntheticRegion): Promise<RegionModel> {
  const loaded = await loadRegionFromObjects(region.manifest, region.files);
  expect(loaded.warnings).toEqual([]);
  return compileRegion(loaded);
}

function layer(region: SyntheticRegion, name: keyof typeof SYNTHETIC_FILE_NAMES): FeatureCollection {
  return region.files[SYNTHETIC_FILE_NAMES[name]];
}

/** Twice the signed area of a ring (shoelace), degrees²: positive for counter-clockwise. */
function signedArea2(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

/** Nodes reachable from node 0 in the compiled road graph (breadth-first). */
function reachableRoadNodes(model: RegionModel): number {
  const { offsets, targets, nodeCount } = model.roads;
  const seen = new Uint8Array(nodeCount);
  const queue = [0];
  seen[0] = 1;
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      if (!seen[targets[k]]) {
        seen[targets[k]] = 1;
        queue.push(targets[k]);
      }
    }
  }
  return queue.length;
}

describe('generateSyntheticRegion', () => {
  it('loads and compiles without any problem, by default and with every layer', async () => {
    for (const options of [
      {},
      { buildings: 300, districtColumns: 3, districtRows: 2, seed: 9 },
      { districtColumns: 1, districtRows: 1, villagesPerDistrict: 0 },
      { roads: false, facilities: {} },
    ] satisfies SyntheticRegionOptions[]) {
      const region = generateSyntheticRegion(options);
      const model = await compile(region);
      expect(model.districts.count).toBe((options.districtColumns ?? 2) * (options.districtRows ?? 2));
    }
  });

  it('is labelled synthetic in the manifest, the file names and every feature', async () => {
    const region = generateSyntheticRegion({ buildings: 50 });
    expect(region.manifest.id).toMatch(/^synthetic-/);
    expect(region.manifest.name).toMatch(/^Synthetic /);
    expect(Object.keys(region.files).sort()).toEqual([
      'synthetic-buildings.geojson',
      'synthetic-districts.geojson',
      'synthetic-facilities.geojson',
      'synthetic-roads.geojson',
      'synthetic-settlements.geojson',
    ]);
    for (const [name, mapping] of Object.entries(region.manifest.layers)) {
      expect(mapping?.synthetic, name).toBe('synthetic');
      expect(mapping?.path, name).toMatch(/^synthetic-/);
      for (const feature of region.files[mapping!.path].features) expect(feature.properties?.synthetic).toBe(true);
    }
    const model = await compile(region);
    expect(model.demand.synthetic.every((flag) => flag === 1)).toBe(true);
    expect(model.roads.featureSynthetic.every((flag) => flag === 1)).toBe(true);
  });

  it('is deterministic for a seed, and seeds differ', () => {
    const options = { buildings: 100, seed: 5 };
    expect(JSON.stringify(generateSyntheticRegion(options))).toBe(JSON.stringify(generateSyntheticRegion(options)));
    expect(JSON.stringify(generateSyntheticRegion({ seed: 6 }))).not.toBe(
      JSON.stringify(generateSyntheticRegion({ seed: 5 })),
    );
    // Separate random streams: adding buildings leaves the settlements as they were.
    expect(layer(generateSyntheticRegion(options), 'settlements')).toEqual(
      layer(generateSyntheticRegion({ seed: 5 }), 'settlements'),
    );
  });

  it('has the requested counts', async () => {
    const options = {
      districtColumns: 3,
      districtRows: 2,
      villagesPerDistrict: 7,
      facilities: { school: 3, clinic: 1, 'it-hub': 0 },
      buildings: 40,
    };
    const region = generateSyntheticRegion(options);
    const districts = 6;
    expect(layer(region, 'districts').features).toHaveLength(districts);
    expect(layer(region, 'settlements').features).toHaveLength(districts * 8);
    const towns = layer(region, 'settlements').features.filter((f) => f.properties?.place === 'town');
    expect(towns).toHaveLength(districts);
    expect(layer(region, 'facilities').features).toHaveLength(districts * 4);
    expect(layer(region, 'buildings').features).toHaveLength(40);
    const roads = layer(region, 'roads').features;
    const primary = roads.filter((f) => f.properties?.highway === 'primary');
    // A grid of towns: (columns − 1) · rows east–west links and columns · (rows − 1) north–south.
    expect(primary).toHaveLength(2 * 2 + 3 * 1);
    expect(roads.length - primary.length).toBe(districts * 7);
    const model = await compile(region);
    expect(model.demand.count).toBe(48);
    expect(model.facilities.kinds.sort()).toEqual(['clinic', 'school']);
  });

  it('places every point strictly inside the district it was generated in', async () => {
    const region = generateSyntheticRegion({
      districtColumns: 3,
      districtRows: 3,
      villagesPerDistrict: 40,
      buildings: 500,
    });
    const model = await compile(region);
    const districtIndex = new Map(model.districts.ids.map((id, i) => [id, i]));
    const settlements = layer(region, 'settlements').features as Feature<Point>[];
    settlements.forEach((f, i) => expect(model.demand.district[i]).toBe(districtIndex.get(f.properties?.district)));
    const facilities = layer(region, 'facilities').features as Feature<Point>[];
    facilities.forEach((f, i) => expect(model.facilities.district[i]).toBe(districtIndex.get(f.properties?.district)));
    // Strictly inside: not on an edge of the district's rectangle.
    const boxes = (layer(region, 'districts').features as Feature<Polygon>[]).map((f) => {
      const ring = f.geometry.coordinates[0];
      return { west: ring[0][0], south: ring[0][1], east: ring[2][0], north: ring[2][1] };
    });
    const settlementDistrict = new Map(
      settlements.map((f) => [f.properties?.id, districtIndex.get(f.properties?.district)!]),
    );
    const inside = (d: number, [lon, lat]: Position) =>
      lon > boxes[d].west && lon < boxes[d].east && lat > boxes[d].south && lat < boxes[d].north;
    settlements.forEach((f) =>
      expect(inside(settlementDistrict.get(f.properties?.id)!, f.geometry.coordinates)).toBe(true),
    );
    for (const f of layer(region, 'buildings').features as Feature<Polygon>[]) {
      const d = settlementDistrict.get(f.properties?.settlement)!;
      for (const corner of f.geometry.coordinates[0]) expect(inside(d, corner)).toBe(true);
      expect(signedArea2(f.geometry.coordinates[0])).toBeGreaterThan(0);
    }
  });

  it('makes closed counter-clockwise district rings whose shared edges coincide exactly', () => {
    const columns = 4;
    const region = generateSyntheticRegion({ districtColumns: columns, districtRows: 3 });
    const rings = (layer(region, 'districts').features as Feature<Polygon>[]).map((f) => f.geometry.coordinates[0]);
    for (const ring of rings) {
      expect(ring).toHaveLength(5);
      expect(ring[4]).toEqual(ring[0]);
      expect(signedArea2(ring)).toBeGreaterThan(0);
    }
    const edgeKey = (a: Position, b: Position) => JSON.stringify([a, b]);
    const edges = new Map<string, number>();
    rings.forEach((ring, d) => {
      for (let i = 0; i < 4; i++) edges.set(edgeKey(ring[i], ring[i + 1]), d);
    });
    // Every interior edge appears reversed in the neighbour's ring.
    let shared = 0;
    rings.forEach((ring, d) => {
      for (let i = 0; i < 4; i++) {
        const neighbour = edges.get(edgeKey(ring[i + 1], ring[i]));
        if (neighbour !== undefined) {
          shared++;
          expect(neighbour).not.toBe(d);
        }
      }
    });
    // (columns − 1) · rows + columns · (rows − 1) interior edges, each seen from both sides.
    expect(shared).toBe(2 * (3 * 3 + 4 * 2));
  });

  it('builds one connected road network whose roads share their joining vertices', async () => {
    const region = generateSyntheticRegion({ districtColumns: 3, districtRows: 2, villagesPerDistrict: 12 });
    const roads = layer(region, 'roads').features;
    const primaryVertices = new Set(
      roads
        .filter((f) => f.properties?.highway === 'primary')
        .flatMap((f) => (f.geometry as { coordinates: Position[] }).coordinates.map((p) => p.join(','))),
    );
    const settlements = new Map(
      (layer(region, 'settlements').features as Feature<Point>[]).map((f) => [f.properties?.name, f]),
    );
    for (const f of roads.filter((r) => r.properties?.highway !== 'primary')) {
      const [start, end] = (f.geometry as { coordinates: Position[] }).coordinates;
      expect(primaryVertices.has(end.join(','))).toBe(true);
      const village = settlements.get(String(f.properties?.name).replace('Synthetic link to ', ''))!;
      expect(start).toEqual(village.geometry.coordinates);
      const expectedClass = village.properties?.population >= SECONDARY_LINK_MIN_POPULATION ? 'secondary' : 'tertiary';
      expect(f.properties?.highway).toBe(expectedClass);
    }
    const model = await compile(region);
    expect(reachableRoadNodes(model)).toBe(model.roads.nodeCount);
    // Nodes: every settlement is a road node (towns on the primary grid, villages at their links).
    expect(model.roads.nodeCount).toBeGreaterThanOrEqual(6 * 13);
  });

  it('draws log-normal populations within the range', () => {
    const region = generateSyntheticRegion({ villagesPerDistrict: 2000, roads: false, facilities: {} });
    const villages = layer(region, 'settlements')
      .features.filter((f) => f.properties?.place === 'village')
      .map((f) => f.properties?.population as number)
      .sort((a, b) => a - b);
    const [min, max] = DEFAULT_SYNTHETIC_REGION_OPTIONS.populationRange;
    expect(villages[0]).toBeGreaterThanOrEqual(min);
    expect(villages.at(-1)).toBeLessThanOrEqual(max);
    expect(villages.every(Number.isInteger)).toBe(true);
    // The median of a log-normal is its `median` parameter: 300 ± a few percent for 8,000 draws.
    const median = villages[villages.length >> 1];
    expect(median).toBeGreaterThan(280);
    expect(median).toBeLessThan(320);
  });

  it('scales to 100,000 demand points', async () => {
    const region = generateSyntheticRegion({ villagesPerDistrict: 24_999, roads: false });
    expect(layer(region, 'settlements').features).toHaveLength(100_000);
    const model = await compile(region);
    expect(model.demand.count).toBe(100_000);
    const settlements = layer(region, 'settlements').features;
    const districtIndex = new Map(model.districts.ids.map((id, i) => [id, i]));
    let mismatches = 0;
    settlements.forEach((f, i) => {
      if (model.demand.district[i] !== districtIndex.get(f.properties?.district)) mismatches++;
    });
    expect(mismatches).toBe(0);
  });

  it('rejects options out of range with a clear message', () => {
    expect(() => generateSyntheticRegion({ districtColumns: 0 })).toThrow(/districtColumns must be an integer ≥ 1/);
    expect(() => generateSyntheticRegion({ villagesPerDistrict: 2.5 })).toThrow(RangeError);
    expect(() => generateSyntheticRegion({ originLat: 84, districtRows: 10, districtSizeKm: 100 })).toThrow(/85°/);
    expect(() => generateSyntheticRegion({ populationRange: [100, 10] })).toThrow(/populationRange/);
    expect(() => generateSyntheticRegion({ facilities: { school: -1 } })).toThrow(/facilities.school/);
  });
});

describe('generateHandRegion', () => {
  // The hand-computed values of the table in generateHandRegion's TSDoc.
  const R = 6_371_008.8;
  const ONE_DEGREE_METERS = (2 * Math.PI * R) / 360; // 111,195.08 m
  const EXPECTED = {
    district: { 'w-town': 'west', 'w-village': 'west', 'e-town': 'east', 'e-village': 'east' },
    populationByDistrict: { west: 1200, east: 3500 },
    totalPopulation: 4700,
    facilityDistrict: { 'school-1': 'west', 'clinic-1': 'east' },
    quarterDegreeMeters: 27_798.77,
    roadMeters: 111_195.08,
    roadSecondsAt80Kmh: 5_003.78,
  };

  it('matches the table worked out by hand', async () => {
    const region = generateHandRegion();
    expect(region.manifest.id).toBe('synthetic-hand');
    const model = await compile(region);
    expect(ONE_DEGREE_METERS).toBeCloseTo(EXPECTED.roadMeters, 2);

    const districtOf = Object.fromEntries(
      model.demand.ids.map((id, i) => [id, model.districts.ids[model.demand.district[i]]]),
    );
    expect(districtOf).toEqual(EXPECTED.district);
    const byDistrict: Record<string, number> = {};
    for (let i = 0; i < model.demand.count; i++) {
      const id = model.districts.ids[model.demand.district[i]];
      byDistrict[id] = (byDistrict[id] ?? 0) + model.demand.population[i];
    }
    expect(byDistrict).toEqual(EXPECTED.populationByDistrict);
    expect(model.demand.population.reduce((a, b) => a + b, 0)).toBe(EXPECTED.totalPopulation);
    const facilityDistrict = Object.fromEntries(
      model.facilities.ids.map((id, i) => [id, model.districts.ids[model.facilities.district[i]]]),
    );
    expect(facilityDistrict).toEqual(EXPECTED.facilityDistrict);

    expect(haversineMeters(10.25, 0.25, 10.25, 0)).toBeCloseTo(EXPECTED.quarterDegreeMeters, 2);
    expect(haversineMeters(11.75, -0.25, 11.75, 0)).toBeCloseTo(EXPECTED.quarterDegreeMeters, 2);
    expect(haversineMeters(11.5, 0, 11.75, 0)).toBeCloseTo(EXPECTED.quarterDegreeMeters, 2);

    expect(model.roads.nodeCount).toBe(2);
    expect(model.roads.targets).toHaveLength(2);
    for (let k = 0; k < 2; k++) {
      expect(model.roads.edgeMeters[k]).toBeCloseTo(EXPECTED.roadMeters, 2);
      expect(model.roads.edgeSpeedKmh[k]).toBe(80);
      expect(model.roads.edgeSeconds[k]).toBeCloseTo(EXPECTED.roadSecondsAt80Kmh, 2);
    }
  });
});
