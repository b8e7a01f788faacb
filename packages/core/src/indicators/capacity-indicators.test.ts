import { beforeAll, describe, expect, it } from 'vitest';
import type { RegionModel } from '../model/region-model.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import { runScenario } from '../scenario/run-scenario.js';
import type { Change, IndicatorSpec } from '../scenario/scenario.js';
import { compileTinyRegion } from '../scenario/tiny-region.test-helper.js';
import { createDefaultIndicatorRegistry } from './builtin-indicators.js';
import { computeCatchments } from './capacity-indicators.js';
import { buildScenarioState } from '../scenario/scenario-state.js';
import { travelTimeCoverSets } from '../optimize/coverage-sets.js';
import { generateSyntheticRegion } from '../synthetic/generate-synthetic-region.js';
import { loadRegionFromObjects } from '../region/load-region.js';
import { compileRegion } from '../model/compile-region.js';

/*
 * Hand-worked on the tiny region without roads (see tiny-region.test-helper.ts): s1 53.01 (100
 * people), s2 53.03 (200), s3 53.12 (300), s4 53.17 (400), all at 63.0° E; U = 1,111.95 m per 0.01°.
 * Two centres: A at 53.02 (capacity 150), B at 53.145 (capacity 1000).
 * Catchment 10 min without roads: 10 min × 1 km/min (60 km/h) ÷ 1.3 = 7,692 m = 6.92 U, so
 * A reaches s1, s2 (1 U each), not s3 (10 U); B reaches s3, s4 (2.5 U each), not s2 (11.5 U).
 */
const centres: Change[] = [
  { type: 'add-facility', kind: 'centre', at: [63.0, 53.02], capacity: 150 },
  { type: 'add-facility', kind: 'centre', at: [63.0, 53.145], capacity: 1000 },
];

function run(model: RegionModel, indicators: IndicatorSpec[], changes: Change[] = centres) {
  return runScenario(model, {
    name: 'hand',
    seed: 1,
    years: { start: 2026, end: 2026 },
    assumptions: resolveAssumptions(),
    changes,
    indicators,
  }).indicators;
}

describe('capacity indicators', () => {
  let model: RegionModel;
  beforeAll(async () => {
    model = await compileTinyRegion({ roads: false });
  });

  it('facility-capacity sums the capacity by district', () => {
    const [c] = run(model, [{ id: 'facility-capacity', kind: 'centre' }]);
    expect([c.baseline, c.scenario]).toEqual([0, 1150]);
    expect(c.byDistrict.map((d) => d.scenario)).toEqual([150, 1000]);
  });

  it('capacity-reach (2SFCA) gives the hand-worked reach', () => {
    // share 1: R_A = 150 / 300 = 0.5 → s1, s2 reach 0.5 × 300 = 150; R_B = 1000 / 700 > 1 → s3, s4
    // fully reached, 700. Total 850 (south 150, north 700).
    // share 0.5: R_A = 150 / 150 = 1 → 150; R_B = 1000 / 350 > 1 → 350. Total 500.
    const [all, half] = run(model, [
      { id: 'capacity-reach', kind: 'centre', minutes: 10 },
      { id: 'capacity-reach', kind: 'centre', minutes: 10, share: 0.5 },
    ]);
    expect(all.baseline).toBe(0);
    expect(all.scenario).toBeCloseTo(850, 9);
    expect(all.byDistrict.map((d) => d.scenario)).toEqual([150, 700]);
    expect(half.scenario).toBeCloseTo(500, 9);
    // A wide catchment (30 min = 23,077 m = 20.8 U) puts every point in both catchments:
    // R_A = 150 / 1000, R_B = 1000 / 1000 → A_i = 1.15 ≥ 1 for everyone: all 1000 reached.
    const [wide] = run(model, [{ id: 'capacity-reach', kind: 'centre', minutes: 30 }]);
    expect(wide.scenario).toBeCloseTo(1000, 9);
  });

  it('never exceeds the total capacity and rejects bad parameters', () => {
    const small: Change[] = [{ type: 'add-facility', kind: 'centre', at: [63.0, 53.1], capacity: 40 }];
    const [reach] = run(model, [{ id: 'capacity-reach', kind: 'centre', minutes: 60 }], small);
    expect(reach.scenario).toBeCloseTo(40, 9);
    const registry = createDefaultIndicatorRegistry();
    const definition = registry.get('capacity-reach')!;
    expect(() => definition.parseParams({ id: 'capacity-reach', kind: 'x', share: 2 })).toThrow('"share" in (0, 1]');
    expect(() => definition.parseParams({ id: 'capacity-reach', kind: 'x', radius: 2 })).toThrow(
      'has no parameter "radius"',
    );
    expect(() => registry.get('facility-capacity')!.parseParams({ id: 'facility-capacity' })).toThrow('needs "kind"');
  });

  it('catchments with roads follow the travel-time rule of the cover sets', async () => {
    const region = generateSyntheticRegion({ seed: 5 });
    const synthetic = compileRegion(await loadRegionFromObjects(region.manifest, region.files));
    expect(synthetic.roads.nodeCount).toBeGreaterThan(0);
    const points = synthetic.demand.lonLat.slice(0, 10);
    const changes: Change[] = [];
    for (let k = 0; k < 5; k++)
      changes.push({ type: 'add-facility', kind: 'centre', at: [points[k * 2], points[k * 2 + 1]] });
    const state = buildScenarioState(synthetic, changes, 2026, 2026, resolveAssumptions());
    expect(computeCatchments(state, 'centre', 20).map((c) => Array.from(c))).toEqual(
      travelTimeCoverSets(synthetic, points, 20).map((c) => Array.from(c)),
    );
  });
});
