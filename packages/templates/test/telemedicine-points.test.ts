import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  compileRegion,
  createSeededRandom,
  resolveAssumptions,
  runScenario,
  serializeRegionModel,
  type AddFacilityChange,
  type RegionModel,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { expandTemplate, resolveTemplateParams } from '../src/registry.js';
import { computeTerritoryProfile } from '../src/territory-profile.js';
import { baselineTravelMinutes, telemedicinePoints } from '../src/templates/telemedicine-points.js';
import { compileHandRegion } from './hand-region-builder.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** 0.1° of the equator, metres. */
const U = (6_371_008.8 * Math.PI) / 1800;

/*
 * On the equator, no roads (one district 9.5…10.5 E × ±0.2): a clinic in town T (10, 0), 2,000
 * people; villages east of it: V1 0.2° (300 people), V2 0.3° (500), V3 0.35° (40), and the
 * town V4 0.4° (20,000). Without roads minutes = metres × 1.3 / 1,000 (60 km/h):
 * V1 2U → 28.9 min, V2 3U → 43.4, V3 3.5U → 50.6, V4 4U → 57.8.
 */
async function villages(): Promise<RegionModel> {
  return compileHandRegion({
    districts: [['only', 9.5, -0.2, 10.5, 0.2]],
    settlements: [
      { id: 'T', at: [10, 0], population: 2000 },
      { id: 'V1', at: [10.2, 0], population: 300 },
      { id: 'V2', at: [10.3, 0], population: 500 },
      { id: 'V3', at: [10.35, 0], population: 40 },
      { id: 'V4', at: [10.4, 0], population: 20_000 },
    ],
    facilities: [{ id: 'clinic-1', at: [10, 0], kind: 'clinic' }],
  });
}

function expand(model: RegionModel, params: Record<string, unknown>) {
  return expandTemplate(
    { template: 'telemedicine-points', params: resolveTemplateParams(telemedicinePoints as never, params) },
    model,
    createSeededRandom(1),
  );
}
const where = (changes: unknown[]) => (changes as AddFacilityChange[]).map((c) => c.at[0]);

describe('telemedicine-points, by hand on a row of villages', () => {
  let model: RegionModel;
  beforeAll(async () => {
    model = await villages();
  });

  it('uses the travel times the indicators use', () => {
    const minutes = baselineTravelMinutes(model, 'clinic');
    const expected = [0, 2, 3, 3.5, 4].map((u) => (u * U * 1.3) / 1000);
    minutes.forEach((m, i) => expect(Math.abs(m - expected[i])).toBeLessThan(1e-9));
  });

  it('opens a point in each village beyond 30 min within the size range', () => {
    const before = Buffer.from(serializeRegionModel(model));
    // Beyond 30 min: V2, V3, V4. V3 (40) is below 50 people and V4 (20,000) above 10,000: only V2.
    const { changes, summary } = expand(model, { standardMinutes: 30 });
    expect(where(changes)).toEqual([10.3]);
    expect(changes[0]).toMatchObject({
      kind: 'telemedicine-point',
      capexKzt: 2_500_000,
      opexKztPerYear: 600_000,
      energyKwhPerYear: 600,
    });
    expect(summary).toMatchObject({ points: 1, villagesBeyondStandard: 1, peopleBeyondStandard: 20_540 });
    // Smaller villages admitted: V2 and V3, most populous first; a budget of one keeps V2.
    expect(where(expand(model, { standardMinutes: 30, minVillagePopulation: 10 }).changes)).toEqual([10.3, 10.35]);
    expect(where(expand(model, { standardMinutes: 30, minVillagePopulation: 10, maxPoints: 1 }).changes)).toEqual([
      10.3,
    ]);
    // Within an hour every settlement reaches the clinic: nothing to do.
    expect(expand(model, { standardMinutes: 60 }).changes).toEqual([]);
    expect(Buffer.from(serializeRegionModel(model)).equals(before)).toBe(true);
  });

  it('raises the people within the standard of a clinic or a consultation point', () => {
    const params = resolveTemplateParams(telemedicinePoints as never, { standardMinutes: 30 });
    const result = runScenario(model, {
      name: 'telemedicine',
      seed: 1,
      years: { start: 2026, end: 2026 },
      assumptions: resolveAssumptions(),
      changes: expand(model, params).changes,
      indicators: telemedicinePoints.indicators(params as never),
    });
    const [any, clinic, points] = result.indicators;
    // T (0 min) and V1 (28.9 min) reach the clinic: 2,300. V2 gets a point, which V3 (0.05° →
    // 7.2 min) and V4 (0.1° → 14.5 min) reach too: 2,300 + 500 + 40 + 20,000 = 22,840.
    expect([any.baseline, any.scenario]).toEqual([2300, 22_840]);
    expect([clinic.baseline, clinic.scenario]).toEqual([2300, 2300]);
    // Within 30 min of the point: V1 (0.1° → 14.5 min), V2, V3, V4; T (0.3° → 43.4 min) is not.
    expect(points.scenario).toBe(300 + 500 + 40 + 20_000);
  });

  it('without any facility of the kind, every eligible settlement is beyond the standard', () => {
    const { changes, summary } = expand(model, { healthKind: 'hospital' });
    expect(where(changes)).toEqual([10, 10.3, 10.2]);
    expect(summary).toMatchObject({ noFacilityOfKind: true });
  });
});

describe('telemedicine-points adapts to the territory', () => {
  it('the sparse steppe accepts an hour and counts small auls; a dense region keeps a quarter of an hour', async () => {
    const sparse = computeTerritoryProfile(compileRegion(await loadRegion(`${root}fixtures/kazakhstan`)));
    expect(sparse.densityPerKm2).toBeLessThan(5);
    expect(telemedicinePoints.adapt(sparse)).toEqual({ standardMinutes: 60, minVillagePopulation: 50, maxPoints: 500 });
    expect(telemedicinePoints.adapt({ ...sparse, densityPerKm2: 300 })).toEqual({
      standardMinutes: 15,
      minVillagePopulation: 100,
      maxPoints: 100,
    });
  });
});
