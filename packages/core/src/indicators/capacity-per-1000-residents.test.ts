import { beforeAll, describe, expect, it } from 'vitest';
import type { RegionModel } from '../model/region-model.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import { runScenario } from '../scenario/run-scenario.js';
import type { Change, IndicatorSpec } from '../scenario/scenario.js';
import { U_METERS as U, compileTinyRegion } from '../scenario/tiny-region.test-helper.js';
import { capacityPer1000Residents } from './capacity-per-1000-residents.js';
import { populationWithinTravelTimeOfAny } from './population-within-travel-time-of-any.js';

/*
 * On the tiny region of tiny-region.test-helper.ts (read its table): south district s1 (100
 * people, 53.01) and s2 (200, 53.03), north s3 (300, 53.12) and s4 (400, 53.17); school-1 at
 * 53.02 in the south, with no capacity in the data. All on the meridian 63.0° E; U = 0.01° of
 * latitude = 1,111.950802 m. Tolerance 1e-12 relative for ratios of integers, 1e-9 for times.
 */
const ARITHMETIC = 1e-12;

function run(model: RegionModel, indicators: IndicatorSpec[], changes: Change[] = []) {
  return runScenario(model, {
    name: 'hand',
    seed: 1,
    years: { start: 2026, end: 2026 },
    assumptions: resolveAssumptions(),
    changes,
    indicators,
  }).indicators;
}

function near(actual: number | null, expected: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(ARITHMETIC * Math.max(1, Math.abs(expected)));
}

describe('capacity-per-1000-residents, by hand on the tiny region', () => {
  let model: RegionModel;
  beforeAll(async () => {
    model = await compileTinyRegion({ roads: false });
  });

  it('is undefined when no school has a capacity, and uses assumedCapacity when given', () => {
    const [unknown, assumed] = run(model, [
      { id: 'capacity-per-1000-residents', kind: 'school' },
      { id: 'capacity-per-1000-residents', kind: 'school', assumedCapacity: 100 },
    ]);
    expect(unknown.baseline).toBeNull();
    // 1,000 × 100 places / 1,000 people = 100; south 1,000 × 100 / 300; north has no school: 0.
    near(assumed.baseline, 100);
    near(assumed.byDistrict[0].baseline, 100_000 / 300);
    near(assumed.byDistrict[1].baseline, 0);
    expect(assumed.unit).toBe('places/1000 people');
  });

  it('falls when a quarter adds people, rises when a school adds places', () => {
    const changes: Change[] = [
      { type: 'add-settlement', at: [63, 53.15], population: 500, name: 'Quarter' },
      { type: 'add-facility', kind: 'school', at: [63, 53.16], capacity: 150 },
    ];
    const [r] = run(model, [{ id: 'capacity-per-1000-residents', kind: 'school', assumedCapacity: 100 }], changes);
    // 1,000 × (100 + 150) places / (1,000 + 500) people; north 1,000 × 150 / (700 + 500).
    near(r.scenario, 250_000 / 1500);
    near(r.byDistrict[1].scenario, 150_000 / 1200);
    near(r.byDistrict[0].scenario, 100_000 / 300);
    // Only the quarter: 1,000 × 100 / 1,500, and the north still has 0 places.
    const [q] = run(
      model,
      [{ id: 'capacity-per-1000-residents', kind: 'school', assumedCapacity: 100 }],
      changes.slice(0, 1),
    );
    near(q.scenario, 100_000 / 1500);
    near(q.byDistrict[1].scenario, 0);
  });

  it('rejects bad parameters', () => {
    const parse = (spec: Record<string, unknown>) => () =>
      capacityPer1000Residents.parseParams({ id: 'capacity-per-1000-residents', ...spec });
    expect(parse({})).toThrow(/"kind"/);
    expect(parse({ kind: 'school', assumedCapacity: -5 })).toThrow(/"assumedCapacity"/);
    expect(parse({ kind: 'school', capacity: 5 })).toThrow(/no parameter "capacity"/);
  });
});

describe('population-within-travel-time-of-any, by hand on the tiny region without roads', () => {
  it('counts a resident once when a facility of any kind is within the limit', async () => {
    const model = await compileTinyRegion({ roads: false });
    // Without roads: minutes = metres × 1.3 / (60 km/h = 1,000 m/min). To school-1 (53.02): s1, s2
    // 1U → 1.4455 min; s3 10U → 14.455 min; s4 15U → 21.683 min. A clinic at 53.17 (s4): s3 5U →
    // 7.228 min, s4 0. Within 5 min of a school or clinic: s1, s2, s4 = 700 (north 400).
    const within = (minutes: number, kinds: string[]) => ({
      id: 'population-within-travel-time-of-any',
      kinds,
      minutes,
    });
    const clinic: Change[] = [{ type: 'add-facility', kind: 'clinic', at: [63, 53.17] }];
    const [five, eight, schoolOnly] = run(
      model,
      [within(5, ['school', 'clinic']), within(8, ['school', 'clinic']), within(15, ['school'])],
      clinic,
    );
    expect([five.baseline, five.scenario, five.byDistrict[1].scenario]).toEqual([300, 700, 400]);
    expect(eight.scenario).toBe(1000); // s3 at 7.23 min of the clinic
    expect(schoolOnly.scenario).toBe(600); // s1, s2, s3 (14.455 ≤ 15); s4 at 21.7 min is not
    expect((5 * U * 1.3) / 1000).toBeGreaterThan(5); // s3 → clinic is beyond 5 min, as used above
    expect(() =>
      populationWithinTravelTimeOfAny.parseParams({
        id: 'population-within-travel-time-of-any',
        kinds: [],
        minutes: 5,
      }),
    ).toThrow(/"kinds"/);
    expect(() =>
      populationWithinTravelTimeOfAny.parseParams({ id: 'population-within-travel-time-of-any', kinds: ['x'] }),
    ).toThrow(/"minutes"/);
  });
});
