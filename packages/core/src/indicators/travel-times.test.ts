import { distance as turfDistance } from '@turf/turf';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateDistrict } from '../geo/district-grid.js';
import { haversineMeters } from '../geo/haversine.js';
import { compileRegion } from '../model/compile-region.js';
import type { RegionModel } from '../model/region-model.js';
import { loadRegion } from '../node.js';
import { loadRegionFromObjects } from '../region/load-region.js';
import { generateSyntheticRegion } from '../synthetic/generate-synthetic-region.js';
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

/** The Kostanay layers link to ../shared/data (not redistributed): present in CI, maybe not elsewhere. */
const HAS_KOSTANAY = existsSync(fixture('kostanay/districts.geojson'));

describe('straight-line distances agree with turf.distance (haversine) within 0.1 %', () => {
  let kostanay: RegionModel;
  let national: RegionModel;
  beforeAll(async () => {
    if (HAS_KOSTANAY) kostanay = compileRegion(await loadRegion(fixture('kostanay')));
    national = compileRegion(await loadRegion(fixture('kazakhstan')));
  });

  it.skipIf(!HAS_KOSTANAY)('Kostanay oblast: settlements to the mapped schools, hospitals and banks', () => {
    for (const kind of ['school', 'hospital', 'bank', 'clinic']) {
      const { worst, worstPair, checked } = compareWithTurf(kostanay, [], kind);
      expect(checked).toBe(kostanay.demand.count);
      expect(worst, kind).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
      expect(worstPair, kind).toBeLessThan(1e-9);
    }
  });

  it.skipIf(!HAS_KOSTANAY)(
    'Kostanay oblast: 2,000 random demand points to 40 random hubs spread over the oblast',
    () => {
      const changes = [
        ...randomPointChanges(kostanay, 1, 2000, (at) => ({ type: 'add-settlement', at, population: 1 })),
        ...randomPointChanges(kostanay, 2, 40, (at) => ({ type: 'add-facility', kind: 'hub', at })),
      ];
      const { worst, worstPair, checked } = compareWithTurf(kostanay, changes, 'hub');
      expect(checked).toBe(kostanay.demand.count + 2000);
      expect(worst).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
      expect(worstPair).toBeLessThan(1e-9);
    },
  );

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

describe('nearest distances of scenario states are the exact minimum over their facilities', () => {
  /** The minimum of haversineMeters over every facility of `kind` in the state: what the search must return, bit for bit. */
  function bruteForce(model: RegionModel, changes: Change[], kind: string): Float64Array {
    const state = buildScenarioState(model, changes, 2026, 2026, resolveAssumptions());
    const members = facilityIndicesOfKind(state, kind);
    const { demand, facilities } = state;
    return Float64Array.from({ length: demand.count }, (_, i) => {
      let best = Infinity;
      for (const f of members) {
        best = Math.min(
          best,
          haversineMeters(
            demand.lonLat[i * 2],
            demand.lonLat[i * 2 + 1],
            facilities.lonLat[f * 2],
            facilities.lonLat[f * 2 + 1],
          ),
        );
      }
      return best;
    });
  }

  let national: RegionModel;
  beforeAll(async () => {
    national = compileRegion(await loadRegion(fixture('kazakhstan')));
  });

  it('with added facilities (answered from the model’s distances), removed or moved ones, and added settlements', () => {
    // The national region has no facilities: give it 60 schools, then scenarios on top of them.
    const schools = randomPointChanges(national, 31, 60, (at) => ({ type: 'add-facility', kind: 'school', at }));
    const clinics = randomPointChanges(national, 32, 12, (at) => ({ type: 'add-facility', kind: 'clinic', at }));
    const withSchools = buildScenarioState(national, schools, 2026, 2026, resolveAssumptions());
    expect(facilityIndicesOfKind(withSchools, 'school')).toHaveLength(60);
    const cases: [string, Change[], string][] = [
      ['60 added schools (beyond the incremental limit)', schools, 'school'],
      ['one added clinic (no clinic before)', clinics.slice(0, 1), 'clinic'],
      ['eight added clinics', clinics.slice(0, 8), 'clinic'],
      ['twelve added clinics', clinics, 'clinic'],
      ['schools, then one removed', [...schools, { type: 'remove-facility', id: 'added-3' }], 'school'],
      ['schools, then one moved', [...schools, { type: 'move-facility', id: 'added-5', to: [71.4, 51.1] }], 'school'],
      [
        'clinics and a new settlement',
        [...clinics.slice(0, 2), { type: 'add-settlement', at: [71.4, 51.1], population: 10 }],
        'clinic',
      ],
      ['no facility of the kind', [], 'clinic'],
    ];
    for (const [what, changes, kind] of cases) {
      const state = buildScenarioState(national, changes, 2026, 2026, resolveAssumptions());
      // Twice: the first call may fill the per-model cache, the second reads it.
      for (let round = 0; round < 2; round++) {
        expect(Array.from(computeNearestDistanceMeters(state, kind)), `${what}, call ${round + 1}`).toEqual(
          Array.from(bruteForce(national, changes, kind)),
        );
      }
    }
  });
  it('on a synthetic region with schools: adding 1–8 schools or clinics keeps the exact minimum', async () => {
    const region = generateSyntheticRegion({
      seed: 9,
      districtColumns: 3,
      districtRows: 3,
      villagesPerDistrict: 400,
      facilities: { school: 2, clinic: 1 },
      roads: false,
    });
    const model = compileRegion(await loadRegionFromObjects(region.manifest, region.files));
    expect(model.facilities.count).toBe(27);
    for (const count of [0, 1, 3, 8, 9]) {
      for (const kind of ['school', 'clinic']) {
        const changes = randomPointChanges(model, 40 + count, count, (at) => ({ type: 'add-facility', kind, at }));
        const state = buildScenarioState(model, changes, 2026, 2026, resolveAssumptions());
        expect(Array.from(computeNearestDistanceMeters(state, kind)), `${count} ${kind}s`).toEqual(
          Array.from(bruteForce(model, changes, kind)),
        );
      }
    }
  });
});
