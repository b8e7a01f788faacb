import { beforeAll, describe, expect, it } from 'vitest';
import type { RegionModel } from '../model/region-model.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import type { IndicatorResult } from '../scenario/result.js';
import { runScenario } from '../scenario/run-scenario.js';
import type { Assumptions, Change, IndicatorSpec } from '../scenario/scenario.js';
import { ACCESS_MINUTES_PER_U as M, U_METERS as U, compileTinyRegion } from '../scenario/tiny-region.test-helper.js';
import { createDefaultIndicatorRegistry, weightedGini } from './builtin-indicators.js';

/*
 * Every expected value below is worked out by hand on the tiny region of tiny-region.test-helper.ts
 * (read its table first). Notation:
 *   U = 1,111.950802 m, the great-circle length of 0.01° of latitude;
 *   M = U / (20 km/h = 333.33 m/min) = 3.335852 min, the time to walk/drive U at the access speed.
 * School at 53.02; settlements s1 53.01 (100 people), s2 53.03 (200), s3 53.12 (300), s4 53.17 (400);
 * primary road A (53.04) — B (53.16), 12 U long.
 *
 * Tolerances:
 *   - people counts: exact (sums of integers);
 *   - shares, costs, CO2, Gini: 1e-12 relative (pure arithmetic on exact inputs);
 *   - distances and travel times: 1e-9 relative. Every point lies on the projection's central
 *     meridian, where haversine is exactly R·Δφ; the only error is the binary rounding of
 *     coordinates such as 53.01 (~1e-15 relative), so no projection tolerance is needed.
 */

const TRAVEL = 1e-9;
const ARITHMETIC = 1e-12;

function expectRelative(actual: number | null, expected: number, tolerance: number, what = '') {
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

/** Runs one year (2026) and returns the indicator results, in spec order. */
function run(
  model: RegionModel,
  indicators: IndicatorSpec[],
  changes: Change[] = [],
  assumptions: Partial<Assumptions> = {},
) {
  return runScenario(model, {
    name: 'hand',
    seed: 1,
    years: { start: 2026, end: 2026 },
    assumptions: resolveAssumptions(assumptions),
    changes,
    indicators,
  }).indicators;
}

/** [total, south, north] of the baseline. */
const baseline = (r: IndicatorResult) => [r.baseline, r.byDistrict[0].baseline, r.byDistrict[1].baseline];
/** [total, south, north] of the scenario. */
const scenario = (r: IndicatorResult) => [r.scenario, r.byDistrict[0].scenario, r.byDistrict[1].scenario];

describe('built-in indicators, computed by hand on the tiny region', () => {
  let withRoads: RegionModel;
  let noRoads: RegionModel;
  beforeAll(async () => {
    withRoads = await compileTinyRegion({ roads: true });
    noRoads = await compileTinyRegion({ roads: false });
  });

  it('has districts south and north in that order', () => {
    expect(withRoads.districts.ids).toEqual(['south', 'north']);
    expect(Array.from(withRoads.demand.district)).toEqual([0, 0, 1, 1]);
    expect(withRoads.roads.nodeCount).toBe(2);
  });

  it('population-within-distance: great-circle distance to the nearest school', () => {
    // Distances to the school (53.02): s1 1 U = 1,112 m; s2 1 U = 1,112 m; s3 10 U = 11,120 m;
    // s4 15 U = 16,679 m.
    //   within  5,000 m: s1 + s2           = 100 + 200 = 300 (south 300, north 0);
    //   within 12,000 m: s1 + s2 + s3      = 600            (south 300, north 300);
    //   within 16,679.26 m (just above 15 U): everyone = 1,000. Roads play no part.
    const [d5, d12, d15] = run(withRoads, [
      { id: 'population-within-distance', kind: 'school', meters: 5000 },
      { id: 'population-within-distance', kind: 'school', meters: 12000 },
      { id: 'population-within-distance', kind: 'school', meters: 15 * U + 0.01 },
    ]);
    expect(baseline(d5)).toEqual([300, 300, 0]);
    expect(baseline(d12)).toEqual([600, 300, 300]);
    expect(baseline(d15)).toEqual([1000, 300, 700]);
    expect(d5.unit).toBe('people');
    expect(run(noRoads, [{ id: 'population-within-distance', kind: 'school', meters: 5000 }])[0].baseline).toBe(300);
  });

  it('population-within-travel-time with roads: min(direct, access + network + access)', () => {
    // Access/direct speed 20 km/h, so a leg of k U takes k·M minutes (M = 3.3359 min).
    // Primary road A–B is 12 U at 80 km/h, four times the access speed: 12 U / 4 → 3 M.
    // The school's nearest node is A (2 U away): access(school) = 2 M.
    //   s1: nearest node A (3 U): via road 3 M + 0 + 2 M = 5 M; direct 1 M      → 1 M = 3.336 min
    //   s2: nearest node A (1 U): via road 1 M + 0 + 2 M = 3 M; direct 1 M      → 1 M = 3.336 min
    //   s3: nearest node B (4 U; A is 8 U): 4 M + 3 M + 2 M = 9 M; direct 10 M → 9 M = 30.023 min
    //   s4: nearest node B (1 U): 1 M + 3 M + 2 M = 6 M; direct 15 M           → 6 M = 20.015 min
    // Within 25 min: s1, s2, s4 = 700 (south 300, north 400). Within 31 min: all 1,000.
    // Within 20 min: s1, s2 only (6 M = 20.015 > 20) = 300.
    const [t25, t31, t20] = run(withRoads, [
      { id: 'population-within-travel-time', kind: 'school', minutes: 25 },
      { id: 'population-within-travel-time', kind: 'school', minutes: 31 },
      { id: 'population-within-travel-time', kind: 'school', minutes: 20 },
    ]);
    expect(baseline(t25)).toEqual([700, 300, 400]);
    expect(baseline(t31)).toEqual([1000, 300, 700]);
    expect(baseline(t20)).toEqual([300, 300, 0]);
    expect(6 * M).toBeGreaterThan(20);
    expect(9 * M).toBeLessThan(31);
  });

  it('population-within-travel-time without roads: distance × 1.3 / 60 km/h', () => {
    // 60 km/h = 1,000 m/min, so t = d · 1.3 / 1,000 min:
    //   s1, s2: 1 U → 1.4455 min;  s3: 10 U → 14.455 min;  s4: 15 U → 21.683 min.
    // Within 15 min: s1 + s2 + s3 = 600 (south 300, north 300). Within 22 min: 1,000.
    const [t15, t22] = run(noRoads, [
      { id: 'population-within-travel-time', kind: 'school', minutes: 15 },
      { id: 'population-within-travel-time', kind: 'school', minutes: 22 },
    ]);
    expect(baseline(t15)).toEqual([600, 300, 300]);
    expect(baseline(t22)).toEqual([1000, 300, 700]);
  });

  it('mean-travel-time: population-weighted mean minutes, with and without roads', () => {
    // With roads (times above: 1 M, 1 M, 9 M, 6 M):
    //   total (100·1 + 200·1 + 300·9 + 400·6) M / 1,000 = 5,400 M / 1,000 = 5.4 M = 18.0136 min
    //   south (100·1 + 200·1) M / 300 = 1 M = 3.3359 min
    //   north (300·9 + 400·6) M / 700 = 5,100/700 M = 7.285714 M = 24.3041 min
    const [withRoadsMean] = run(withRoads, [{ id: 'mean-travel-time', kind: 'school' }]);
    expectRelative(withRoadsMean.baseline, 5.4 * M, TRAVEL, 'total');
    expectRelative(withRoadsMean.byDistrict[0].baseline, M, TRAVEL, 'south');
    expectRelative(withRoadsMean.byDistrict[1].baseline, (5100 / 700) * M, TRAVEL, 'north');
    expect(withRoadsMean.unit).toBe('minutes');
    expectRelative(5.4 * M, 18.0136, 1e-5, 'hand value');

    // Without roads (t = k U · 1.3 / 1,000 m/min, k = 1, 1, 10, 15):
    //   total (100·1 + 200·1 + 300·10 + 400·15) · 1.3 U / 1,000 / 1,000 = 9.3 · 1.3 U / 1,000 = 13.4435 min
    //   south 1 · 1.3 U / 1,000 = 1.44554 min; north (3,000 + 6,000)/700 · 1.3 U / 1,000 = 18.5855 min
    const noRoadMinutes = (1.3 * U) / 1000;
    const [noRoadsMean] = run(noRoads, [{ id: 'mean-travel-time', kind: 'school' }]);
    expectRelative(noRoadsMean.baseline, 9.3 * noRoadMinutes, TRAVEL, 'total');
    expectRelative(noRoadsMean.byDistrict[0].baseline, noRoadMinutes, TRAVEL, 'south');
    expectRelative(noRoadsMean.byDistrict[1].baseline, (9000 / 700) * noRoadMinutes, TRAVEL, 'north');
    expectRelative(9.3 * noRoadMinutes, 13.4435, 1e-5, 'hand value');

    // No facility of the kind: undefined (null in the result), not 0.
    const [none] = run(withRoads, [{ id: 'mean-travel-time', kind: 'clinic' }]);
    expect(baseline(none)).toEqual([null, null, null]);
  });

  it('coverage-share: covered ÷ total population, by travel time (default 30 min) or distance', () => {
    // 25 min: 700 / 1,000 = 0.7; south 300/300 = 1; north 400/700 = 4/7.
    // Default 30 min: same people as 25 min (s3 needs 30.02 min) → 0.7.
    // 5,000 m: 300 / 1,000 = 0.3; south 1; north 0.
    const [c25, cDefault, c5km] = run(withRoads, [
      { id: 'coverage-share', kind: 'school', minutes: 25 },
      { id: 'coverage-share', kind: 'school' },
      { id: 'coverage-share', kind: 'school', meters: 5000 },
    ]);
    expectRelative(c25.baseline, 0.7, ARITHMETIC);
    expectRelative(c25.byDistrict[0].baseline, 1, ARITHMETIC);
    expectRelative(c25.byDistrict[1].baseline, 4 / 7, ARITHMETIC);
    expect(cDefault.params).toEqual({ kind: 'school', minutes: 30 });
    expectRelative(cDefault.baseline, 0.7, ARITHMETIC);
    expect(baseline(c5km)).toEqual([0.3, 1, 0]);
    expect(c25.unit).toBe('share');
  });

  it('equity: gap between the best and worst district share, and the population-weighted Gini', () => {
    // Shares at 25 min: south 1, north 4/7.  Gap = 1 − 4/7 = 3/7 = 0.428571.
    // Gini = Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 (Σw)² x̄), w = (300, 700), x = (1, 4/7):
    //   x̄ = (300·1 + 700·4/7) / 1,000 = 700/1,000 = 0.7
    //   ΣΣ = 2 · 300 · 700 · (1 − 4/7) = 420,000 · 3/7 = 180,000
    //   Gini = 180,000 / (2 · 1,000,000 · 0.7) = 180,000 / 1,400,000 = 9/70 = 0.128571
    // At 5,000 m the shares are (1, 0): gap 1; x̄ = 0.3, ΣΣ = 2·300·700·1 = 420,000,
    //   Gini = 420,000 / (2 · 1,000,000 · 0.3) = 0.7.
    const [gap, gini, gap5km, gini5km] = run(withRoads, [
      { id: 'equity', kind: 'school', minutes: 25 },
      { id: 'equity', kind: 'school', minutes: 25, measure: 'gini' },
      { id: 'equity', kind: 'school', meters: 5000 },
      { id: 'equity', kind: 'school', meters: 5000, measure: 'gini' },
    ]);
    expectRelative(gap.baseline, 3 / 7, ARITHMETIC, 'gap');
    expectRelative(gini.baseline, 9 / 70, ARITHMETIC, 'gini');
    expectRelative(gap5km.baseline, 1, ARITHMETIC, 'gap 5 km');
    expectRelative(gini5km.baseline, 0.7, ARITHMETIC, 'gini 5 km');
    // By district: each district's share.
    expectRelative(gap.byDistrict[1].baseline, 4 / 7, ARITHMETIC);
    expect(gap.better).toBe('lower');
  });

  it('weightedGini: 0 for equal values, the textbook values otherwise', () => {
    expect(weightedGini([0.5, 0.5, 0.5], [1, 2, 3])).toBe(0);
    expect(weightedGini([0, 0], [1, 1])).toBe(0);
    // Two equal weights, values 0 and 1: ΣΣ = 2·1·1·1 = 2; x̄ = 0.5; G = 2 / (2·4·0.5) = 0.5.
    expectRelative(weightedGini([0, 1], [1, 1]), 0.5, ARITHMETIC);
    // Unweighted (1, 2, 3): ΣΣ|xi − xj| = 2·(1 + 2 + 1) = 8; n² x̄ = 9·2 = 18; G = 8 / (2·18) = 2/9.
    expectRelative(weightedGini([1, 2, 3], [1, 1, 1]), 2 / 9, ARITHMETIC);
    // Integer weights equal repeated values: weights (2, 1) on (1, 3) = values (1, 1, 3).
    expectRelative(weightedGini([1, 3], [2, 1]), weightedGini([1, 1, 3], [1, 1, 1]), ARITHMETIC);
  });

  it('capex, opex, energy and CO2 (0.64 kg/kWh) add up the changes in force, located ones by district', () => {
    // A hub in the north district: capex 1,000,000 KZT, opex 250,000 KZT/yr, energy 12,000 kWh/yr.
    // An unlocated LED retrofit: capex 500,000, opex −50,000 (a saving), energy −2,000 kWh/yr.
    // Totals: capex 1,500,000; opex 200,000; energy 10,000 kWh; CO2 10,000 · 0.64 / 1,000 = 6.4 t.
    // By district: the hub only (the retrofit has no place): north capex 1,000,000, opex 250,000,
    //   energy 12,000, CO2 12,000 · 0.64 / 1,000 = 7.68 t; south all 0. Baseline all 0.
    const changes: Change[] = [
      {
        type: 'add-facility',
        kind: 'hub',
        at: [63.0, 53.15],
        capexKzt: 1_000_000,
        opexKztPerYear: 250_000,
        energyKwhPerYear: 12_000,
      },
      { type: 'add-cost', label: 'LED retrofit', capexKzt: 500_000, opexKztPerYear: -50_000, energyKwhPerYear: -2_000 },
    ];
    const specs = [
      { id: 'capex' },
      { id: 'opex-per-year' },
      { id: 'energy-kwh-per-year' },
      { id: 'co2-tonnes-per-year' },
    ];
    const [capex, opex, energy, co2] = run(withRoads, specs, changes);
    expect(scenario(capex)).toEqual([1_500_000, 0, 1_000_000]);
    expect(scenario(opex)).toEqual([200_000, 0, 250_000]);
    expect(scenario(energy)).toEqual([10_000, 0, 12_000]);
    expectRelative(co2.scenario, 6.4, ARITHMETIC, 'co2 total');
    expectRelative(co2.byDistrict[1].scenario, 7.68, ARITHMETIC, 'co2 north');
    for (const r of [capex, opex, energy, co2]) expect(baseline(r)).toEqual([0, 0, 0]);
    expect([capex.unit, opex.unit, energy.unit, co2.unit]).toEqual(['KZT', 'KZT/year', 'kWh/year', 't CO2/year']);
    // Another grid factor: 0.5 kg/kWh → 10,000 · 0.5 / 1,000 = 5 t.
    const [co2Half] = run(withRoads, [{ id: 'co2-tonnes-per-year' }], changes, { gridEmissionKgCo2PerKwh: 0.5 });
    expectRelative(co2Half.scenario, 5, ARITHMETIC, 'co2 at 0.5 kg/kWh');
  });

  it('every built-in indicator rejects unknown and missing parameters', () => {
    const registry = createDefaultIndicatorRegistry();
    expect(registry.ids()).toEqual([
      'population-within-distance',
      'population-within-travel-time',
      'mean-travel-time',
      'coverage-share',
      'capex',
      'opex-per-year',
      'energy-kwh-per-year',
      'co2-tonnes-per-year',
      'equity',
      'largest-road-gap',
      'capacity-per-1000-residents',
      'population-within-travel-time-of-any',
      'facility-capacity',
      'capacity-reach',
    ]);
    const parse = (spec: IndicatorSpec) => () => registry.get(spec.id)!.parseParams(spec);
    expect(parse({ id: 'population-within-distance', kind: 'school' })).toThrow(/"meters"/);
    expect(parse({ id: 'population-within-travel-time', kind: 'school', minutes: -1 })).toThrow(/positive/);
    expect(parse({ id: 'mean-travel-time' })).toThrow(/"kind"/);
    expect(parse({ id: 'coverage-share', kind: 'school', minutes: 30, meters: 100 })).toThrow(/not both/);
    expect(parse({ id: 'capex', kind: 'school' })).toThrow(/no parameter "kind"/);
    expect(parse({ id: 'equity', kind: 'school', measure: 'theil' })).toThrow(/measure/);
    expect(parse({ id: 'population-within-travel-time', kind: 'school', minutes: 30, minuts: 3 })).toThrow(/"minuts"/);
  });
});
