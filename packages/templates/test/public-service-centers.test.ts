import { describe, expect, it } from 'vitest';
import { createSeededRandom, type AddFacilityChange } from '@regiontwin/core';
import { expandTemplate } from '../src/registry.js';
import { publicServiceCenters } from '../src/templates/public-service-centers.js';
import { compileHandRegion, type HandSettlement } from './hand-region.js';

// Five settlements on lat 50.5 at lon 60.1, 60.2, 60.5, 60.8, 60.9 (100, 100, 1,000, 100, 100
// people). 0.1° of longitude there is 111.195 km × cos 50.5° × 0.1 = 7.07 km = 9.19 min without
// roads (× 1.3 at 60 km/h). A 20-minute standard reaches 2.17 × 0.1°: 60.1 and 60.2 reach each
// other, 60.8 and 60.9 each other, 60.5 (0.3° from its neighbours) only itself.
const LINE: HandSettlement[] = [
  ['w2', 60.1, 50.5, 100],
  ['w1', 60.2, 50.5, 100],
  ['c', 60.5, 50.5, 1000],
  ['e1', 60.8, 50.5, 100],
  ['e2', 60.9, 50.5, 100],
];

const ids = (changes: unknown[]) => (changes as AddFacilityChange[]).map((c) => c.id);

describe('public-service-centers', () => {
  it('"cover": the fewest centres that bring everyone within the standard (greedy set cover)', async () => {
    const model = await compileHandRegion(1, LINE);
    const { changes, summary } = expandTemplate(
      { template: 'public-service-centers', params: { maxTravelMinutes: 20, peoplePerWindow: 1000 } },
      model,
      createSeededRandom(1),
    );
    // Gains 2, 2, 1, 2, 2 → w2 (lowest index), then e1, then c: three centres (the optimum too).
    expect(ids(changes)).toEqual(['public-service-center-w2', 'public-service-center-c', 'public-service-center-e1']);
    // Windows: max(2, ⌈served ÷ 1000⌉): c serves 1,000 → 2; w2 200 → 2.
    expect((changes as AddFacilityChange[]).map((c) => c.capacity)).toEqual([2, 2, 2]);
    expect(changes[0]).toMatchObject({ capexKzt: 120_000_000 + 2 * 3_000_000, opexKztPerYear: 2 * 5_400_000 });
    expect(summary).toMatchObject({ centres: 3, windows: 6, settlementsStillBeyondStandard: [] });
  });

  it('counts existing centres, and reports who stays beyond the standard when centres run out', async () => {
    const model = await compileHandRegion(1, LINE, [['psc-1', 'public-service-center', 60.15, 50.5]]);
    const { changes } = expandTemplate(
      { template: 'public-service-centers', params: { maxTravelMinutes: 20 } },
      model,
      createSeededRandom(1),
    );
    expect(ids(changes)).toEqual(['public-service-center-c', 'public-service-center-e1']);
    const capped = expandTemplate(
      { template: 'public-service-centers', params: { maxTravelMinutes: 20, maxCenters: 1 } },
      model,
      createSeededRandom(1),
    );
    // One centre: e1 covers two (e1, e2), c one → e1; c stays beyond the standard.
    expect(ids(capped.changes)).toEqual(['public-service-center-e1']);
    expect(capped.summary).toMatchObject({ settlementsStillBeyondStandard: ['c'] });
  });

  it('"median": p centres minimising the population-weighted travel time (vertex substitution)', async () => {
    const model = await compileHandRegion(1, LINE);
    // p = 1: the centre c (weighted distance 100 × (0.4 + 0.3 + 0.3 + 0.4) = 140 units of 0.1°)
    // beats any other (1,000 × ≥ 0.3 = 300 units at least).
    const one = expandTemplate(
      { template: 'public-service-centers', params: { placement: 'median', maxCenters: 1, peoplePerWindow: 1000 } },
      model,
      createSeededRandom(1),
    );
    expect(ids(one.changes)).toEqual(['public-service-center-c']);
    expect((one.changes[0] as AddFacilityChange).capacity).toBe(2); // 1,400 people ÷ 1,000 → 2
    // p = 3: c plus one in each pair (ties go to the lower candidate index): w2, e1.
    const three = expandTemplate(
      { template: 'public-service-centers', params: { placement: 'median', maxCenters: 3 } },
      model,
      createSeededRandom(1),
    );
    expect(ids(three.changes).sort()).toEqual([
      'public-service-center-c',
      'public-service-center-e1',
      'public-service-center-w2',
    ]);
  });

  it('adapts: an hour in the sparse steppe, 20 minutes in a city', () => {
    const sparse = publicServiceCenters.adapt({ densityPerKm2: 3, districts: 20 } as never);
    const dense = publicServiceCenters.adapt({ densityPerKm2: 300, districts: 8 } as never);
    expect(sparse).toEqual({ maxTravelMinutes: 60, peoplePerWindow: 5000, maxCenters: 100 });
    expect(dense).toEqual({ maxTravelMinutes: 20, peoplePerWindow: 15_000, maxCenters: 40 });
  });
});
