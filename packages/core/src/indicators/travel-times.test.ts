import { distance as turfDistance } from '@turf/turf';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateDistrict } from '../geo/district-grid.js';
import { haversineMeters } from '../geo/haversine.js';
import { compileRegion } from '../model/compile-region.js';
import type { RegionModel } from '../model/region-model.js';
import { loadRegion } from '../node.js';
import { createSeededRandom, randomInt } from '../random/seeded-random.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import type { Change } from '../scenario/scenario.js';
import { buildScenarioState } from '../scenario/scenario-state.js';
import { computeNearestDistanceMeters, facilityIndicesOfKind } from './travel-times.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

/** The design's bound: reported straight-line distances agree with turf.distance within 0.1 %. */
const RELATIVE_TOLERANCE = 1e-3;

/**
 * `count` random points inside the model's districts (rejection sampling in the bbox, seeded),
 * turned into changes of `type` (add-settlement or add-facility of `kind`).
 */
function randomPointChanges(
  model: RegionModel,
  seed: number,
  count: number,
  make: (at: [number, number]) => Change,
): Change[] {
  const random = createSeededRandom(seed);
  const scratch = new Uint8Array(model.districts.count);
  const [west, south, east, north] = model.bbox;
  const changes: Change[] = [];
  while (changes.length < count) {
    const at: [number, number] = [west + random() * (east - west), south + random() * (north - south)];
    if (locateDistrict(model.indexes.districtGrid, at[0], at[1], scratch) >= 0) changes.push(make(at));
  }
  return changes;
}

/**
 * For every demand point: the library's distance to the nearest facility of `kind` against the
 * true minimum of turf.distance over all facilities of that kind. Returns the worst relative
 * error and how many points were checked.
 */
function compareWithTurf(model: RegionModel, changes: Change[], kind: string) {
  const state = buildScenarioState(model, changes, 2026, 2026, resolveAssumptions());
  const reported = computeNearestDistanceMeters(state, kind);
  const members = facilityIndicesOfKind(state, kind);
  expect(members.length).toBeGreaterThan(0);
  const { demand, facilities } = state;
  let worst = 0;
  let worstPair = 0;
  for (let i = 0; i < demand.count; i++) {
    const from = [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]];
    let truth = Infinity;
    for (const f of members) {
      const to = [facilities.lonLat[f * 2], facilities.lonLat[f * 2 + 1]];
      const meters = turfDistance(from, to, { units: 'meters' });
      truth = Math.min(truth, meters);
      // The formula itself: haversine vs turf for this pair (same formula and radius).
      const pair = Math.abs(haversineMeters(from[0], from[1], to[0], to[1]) - meters) / Math.max(meters, 1);
      worstPair = Math.max(worstPair, pair);
    }
    const error = truth === 0 ? Math.abs(reported[i]) : Math.abs(reported[i] - truth) / truth;
    worst = Math.max(worst, error);
  }
  return { worst, worstPair, checked: demand.count };
}

describe('straight-line distances agree with turf.distance (haversine) within 0.1 %', () => {
  let kostanay: RegionModel;
  let national: RegionModel;
  beforeAll(async () => {
    kostanay = compileRegion(await loadRegion(fixture('kostanay')));
    national = compileRegion(await loadRegion(fixture('kazakhstan')));
  });

  it('Kostanay oblast: settlements to the mapped schools, hospitals and banks', () => {
    for (const kind of ['school', 'hospital', 'bank', 'clinic']) {
      const { worst, worstPair, checked } = compareWithTurf(kostanay, [], kind);
      expect(checked).toBe(kostanay.demand.count);
      expect(worst, kind).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
      expect(worstPair, kind).toBeLessThan(1e-9);
    }
  });

  it('Kostanay oblast: 2,000 random demand points to 40 random hubs spread over the oblast', () => {
    const changes = [
      ...randomPointChanges(kostanay, 1, 2000, (at) => ({ type: 'add-settlement', at, population: 1 })),
      ...randomPointChanges(kostanay, 2, 40, (at) => ({ type: 'add-facility', kind: 'hub', at })),
    ];
    const { worst, worstPair, checked } = compareWithTurf(kostanay, changes, 'hub');
    expect(checked).toBe(kostanay.demand.count + 2000);
    expect(worst).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
    expect(worstPair).toBeLessThan(1e-9);
  });

  it('Kazakhstan (3,000 km wide): settlements and random points to hubs at random settlements', () => {
    const random = createSeededRandom(3);
    for (const hubCount of [1, 5, 20, 80]) {
      const hubs: Change[] = Array.from({ length: hubCount }, () => {
        const i = randomInt(random, 0, national.demand.count);
        return {
          type: 'add-facility',
          kind: 'hub',
          at: [national.demand.lonLat[i * 2], national.demand.lonLat[i * 2 + 1]],
        };
      });
      const points = randomPointChanges(national, 10 + hubCount, 1000, (at) => ({
        type: 'add-settlement',
        at,
        population: 1,
      }));
      const { worst, worstPair } = compareWithTurf(national, [...points, ...hubs], 'hub');
      expect(worst, `${hubCount} hubs`).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
      expect(worstPair).toBeLessThan(1e-9);
    }
  });
});
