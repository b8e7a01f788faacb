import { describe, expect, it } from 'vitest';
import { createSeededRandom, prepareScenario, runScenario } from '@regiontwin/core';
import { expandTemplate } from '../src/registry.js';
import { safeCityCctv } from '../src/templates/safe-city-cctv.js';
import { compileHandRegion } from './hand-region.js';

describe('safe-city-cctv', () => {
  it('places cameras at intersections and along main streets of towns (worked by hand)', async () => {
    // T: 20,000 people × 2.5 m = 50 km of street. Intersections 50 km × 4/km × 0.3 = 60 cameras;
    // main streets 50,000 m × 0.2 ÷ 250 m = 40 → 100 cameras watching 100 × 100 m = 10 km (share 0.2).
    // V: 3,000 people, below the 5,000 threshold.
    const model = await compileHandRegion(1, [
      ['T', 60.5, 50.5, 20_000],
      ['V', 60.2, 50.2, 3000],
    ]);
    const params = { minTownPopulation: 5000, intersectionShare: 0.3, mainStreetCameraSpacingMeters: 250 };
    const { changes, summary } = expandTemplate({ template: 'safe-city-cctv', params }, model, createSeededRandom(1));
    expect(changes).toEqual([
      {
        type: 'add-facility',
        id: 'cctv-T',
        kind: 'cctv-system',
        at: [60.5, 50.5],
        name: 'Safe City CCTV T (100 cameras)',
        capacity: 10_000,
        capexKzt: 50_000_000 + 100 * 600_000,
        opexKztPerYear: 100 * 60_000,
        energyKwhPerYear: 13_140, // 100 × 15 W × 8,760 h
      },
    ]);
    expect(summary).toMatchObject({ towns: 1, cameras: 100, streetKmWatched: 10, streetShareWatched: 0.2 });
    const scenario = prepareScenario(
      {
        schema: 'regiontwin/scenario@1',
        name: 'cctv',
        region: '.',
        years: { start: 2026, end: 2026 },
        interventions: [{ template: 'safe-city-cctv', params }],
        indicators: safeCityCctv.indicators(params as never),
      },
      model,
      { expandTemplate },
    );
    const [watched, capex] = runScenario(model, scenario).indicators;
    expect([watched.baseline, watched.scenario]).toEqual([0, 10_000]);
    expect(capex.scenario).toBe(110_000_000);
  });

  it('never watches more street than there is', async () => {
    // Every intersection (50 km × 4 = 200) and a camera every 50 m of main street (10 km ÷ 50 m = 200).
    const model = await compileHandRegion(1, [['T', 60.5, 50.5, 20_000]]);
    const { summary } = expandTemplate(
      { template: 'safe-city-cctv', params: { intersectionShare: 1, mainStreetCameraSpacingMeters: 50 } },
      model,
      createSeededRandom(1),
    );
    // 200 + 200 = 400 cameras × 100 m = 40 km of 50 km: share 0.8.
    expect(summary).toMatchObject({ cameras: 400, streetShareWatched: 0.8 });
  });

  it('adapts: district centres of a few thousand in the steppe, denser coverage in a city', () => {
    const sparse = safeCityCctv.adapt({ densityPerKm2: 3 } as never);
    const dense = safeCityCctv.adapt({ densityPerKm2: 300 } as never);
    expect(sparse.minTownPopulation!).toBeLessThan(dense.minTownPopulation!);
    expect(sparse.intersectionShare!).toBeLessThan(dense.intersectionShare!);
    expect(sparse.mainStreetCameraSpacingMeters!).toBeGreaterThan(dense.mainStreetCameraSpacingMeters!);
  });
});
