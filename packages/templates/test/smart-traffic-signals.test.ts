import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  createSeededRandom,
  compileRegion,
  resolveAssumptions,
  runScenario,
  serializeRegionModel,
  type AddCostChange,
  type Change,
  type RegionModel,
  type UpgradeRoadChange,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { expandTemplate, resolveTemplateParams } from '../src/registry.js';
import { computeTerritoryProfile } from '../src/territory-profile.js';
import { rankIntersections, smartTrafficSignals, upgradedSpeedKmh } from '../src/templates/smart-traffic-signals.js';
import { compileHandRegion } from './hand-region-builder.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** 0.1° of the equator or of a meridian, metres. */
const U = (6_371_008.8 * Math.PI) / 1800;

/*
 * On the equator (one district 9.9…10.3 E × −0.2…0.2 N):
 *   ew     primary  (10.0, 0) → (10.1, 0) → (10.2, 0)   2U = 22,239 m at 80 km/h
 *   ns     primary  (10.1, −0.1) → (10.1, 0) → (10.1, 0.1)
 *   side-n tertiary (10.2, 0) → (10.2, 0.1)             U at 60 km/h
 *   side-s tertiary (10.2, 0) → (10.2, −0.1)
 * Intersections: A = (10.1, 0), four primary approaches (weight 4 × 7 = 28); B = (10.2, 0), one
 * primary and two tertiary approaches (7 + 5 + 5 = 17). S1 (5,000 people) stands on B; S2 (100)
 * 0.005° (556 m) north of A. Scores: A 28 × (1 + 100) = 2,828; B 17 × (1 + 5,000) = 85,017.
 * A clinic stands on the road end (10.0, 0).
 */
async function crossRegion(): Promise<RegionModel> {
  return compileHandRegion({
    districts: [['only', 9.9, -0.2, 10.3, 0.2]],
    settlements: [
      { id: 'S1', at: [10.2, 0], population: 5000 },
      { id: 'S2', at: [10.1, 0.005], population: 100 },
    ],
    facilities: [{ id: 'clinic-1', at: [10.0, 0], kind: 'clinic' }],
    roads: [
      {
        id: 'ew',
        highway: 'primary',
        coordinates: [
          [10.0, 0],
          [10.1, 0],
          [10.2, 0],
        ],
      },
      {
        id: 'ns',
        highway: 'primary',
        coordinates: [
          [10.1, -0.1],
          [10.1, 0],
          [10.1, 0.1],
        ],
      },
      {
        id: 'side-n',
        highway: 'tertiary',
        coordinates: [
          [10.2, 0],
          [10.2, 0.1],
        ],
      },
      {
        id: 'side-s',
        highway: 'tertiary',
        coordinates: [
          [10.2, 0],
          [10.2, -0.1],
        ],
      },
    ],
  });
}

function expand(model: RegionModel, params: Record<string, unknown>) {
  return expandTemplate(
    { template: 'smart-traffic-signals', params: resolveTemplateParams(smartTrafficSignals as never, params) },
    model,
    createSeededRandom(1),
  );
}

function meanClinicMinutes(model: RegionModel, changes: Change[]) {
  const result = runScenario(model, {
    name: 'signals',
    seed: 1,
    years: { start: 2026, end: 2026 },
    assumptions: resolveAssumptions(),
    changes,
    indicators: [{ id: 'mean-travel-time', kind: 'clinic' }],
  });
  return result.indicators[0];
}

describe('smart-traffic-signals on a hand-made crossroads', () => {
  it('ranks B (5,000 people nearby) above A (four primary approaches)', async () => {
    const model = await crossRegion();
    const ranked = rankIntersections(model, 'tertiary', 1000);
    expect(ranked.map((s) => [s.approaches, s.peopleNearby, s.score])).toEqual([
      [3, 5000, 85_017],
      [4, 100, 2828],
    ]);
    // Only primaries: B has one primary approach and is no intersection.
    expect(rankIntersections(model, 'primary', 1000).map((s) => s.score)).toEqual([2828]);
  });

  it('upgrades the roads approaching the chosen intersection so each traversal is 8 s shorter', async () => {
    const model = await crossRegion();
    const before = Buffer.from(serializeRegionModel(model));
    const { changes, summary } = expand(model, { signals: 1, delaySavedSeconds: 8, nearbyMeters: 1000 });
    const upgrades = changes.filter((c): c is UpgradeRoadChange => c.type === 'upgrade-road');
    // ew: 2U in 2U / (80 / 3.6) s; new speed 2U / (T − 8 s). side roads: U at 60 km/h.
    const ewSeconds = (2 * U) / (80 / 3.6);
    const sideSeconds = U / (60 / 3.6);
    expect(upgrades.map((u) => u.id)).toEqual(['ew', 'side-n', 'side-s']);
    expect(upgrades[0].speedKmh).toBeCloseTo(((2 * U) / (ewSeconds - 8)) * 3.6, 9);
    expect(upgrades[1].speedKmh).toBeCloseTo((U / (sideSeconds - 8)) * 3.6, 9);
    const costs = changes.filter((c): c is AddCostChange => c.type === 'add-cost');
    expect(costs).toHaveLength(1);
    expect(costs[0]).toMatchObject({ at: [10.2, 0], capexKzt: 20_000_000, opexKztPerYear: 1_000_000 });
    expect(summary).toMatchObject({ intersections: 1, candidateIntersections: 2, roadsUpgraded: 3 });
    expect(Buffer.from(serializeRegionModel(model)).equals(before)).toBe(true);
  });

  it('cuts the mean travel time to the clinic by the delay saved, weighted by who passes', async () => {
    const model = await crossRegion();
    // S1 (on B) drives all of ew: 8 s saved. S2 walks 556 m to A and drives half of ew, whose
    // time shrinks in proportion: 4 s saved. Mean change = −(5,000 × 8 + 100 × 4) / 5,100 s.
    const one = meanClinicMinutes(model, expand(model, { signals: 1, nearbyMeters: 1000 }).changes);
    expect(one.delta!).toBeCloseTo(-(5000 * 8 + 100 * 4) / 5100 / 60, 9);
    // Both intersections: ew carries two signals (16 s), so S1 saves 16 s and S2 8 s.
    const two = meanClinicMinutes(model, expand(model, { signals: 2, nearbyMeters: 1000 }).changes);
    expect(two.delta!).toBeCloseTo(-(5000 * 16 + 100 * 8) / 5100 / 60, 9);
  });

  it('never makes a road more than twice as fast', () => {
    expect(upgradedSpeedKmh(1000, 100, 8)).toBeCloseTo((1000 / 92) * 3.6, 12);
    expect(upgradedSpeedKmh(1000, 100, 80)).toBeCloseTo(72, 12); // capped at half the time
  });

  it('without roads, shares the signals among towns by population (largest remainder)', async () => {
    const model = await compileHandRegion({
      districts: [['only', 9.9, -0.2, 10.3, 0.2]],
      settlements: [
        { id: 'big', at: [10.0, 0], population: 30_000 },
        { id: 'small', at: [10.2, 0], population: 10_000 },
        { id: 'village', at: [10.1, 0.1], population: 500 },
      ],
    });
    // 8 signals × 30/40 = 6 and × 10/40 = 2; the village is below 10,000 people.
    const { changes } = expand(model, { signals: 8, minTownPopulation: 10_000 });
    expect(changes.map((c) => [(c as AddCostChange).at, c.capexKzt])).toEqual([
      [[10.0, 0], 120_000_000],
      [[10.2, 0], 40_000_000],
    ]);
  });
});

describe('smart-traffic-signals adapts to the territory', () => {
  it('a dense city gets more signals among closer streets than the sparse steppe', async () => {
    const sparse = computeTerritoryProfile(compileRegion(await loadRegion(`${root}fixtures/kazakhstan`)));
    expect(sparse.densityPerKm2).toBeLessThan(5);
    const expectedSignals = Math.min(200, Math.max(5, Math.round((sparse.population * sparse.urbanShare) / 20_000)));
    expect(smartTrafficSignals.adapt(sparse)).toEqual({
      signals: expectedSignals,
      minRoadClass: 'secondary',
      nearbyMeters: 2000,
    });
    // A city of 2 million, all urban: 100 intersections of tertiary roads or better, 500 m radius.
    const dense = { ...sparse, densityPerKm2: 2000, population: 2_000_000, urbanShare: 1 };
    expect(smartTrafficSignals.adapt(dense)).toEqual({ signals: 100, minRoadClass: 'tertiary', nearbyMeters: 500 });
  });
});
