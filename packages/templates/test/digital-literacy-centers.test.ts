import { describe, expect, it } from 'vitest';
import { createSeededRandom, prepareScenario, runScenario, type AddFacilityChange } from '@regiontwin/core';
import { expandTemplate, resolveTemplateParams } from '../src/registry.js';
import { digitalLiteracyCenters, digitalLiteracyDemandShare } from '../src/templates/digital-literacy-centers.js';
import { compileHandRegion } from './hand-region.js';

describe('digital-literacy-centers', () => {
  it('the target share adds up the cited groups × yearly uptake', () => {
    // (12.5 % pensioners + 3.6 % disabled + 2.2 % unemployed + 1.5 % large-family mothers) × 10 %.
    expect(digitalLiteracyDemandShare()).toBeCloseTo(0.198 * 0.1, 12);
  });

  it('hosts courses where they reach most people, falls back to settlements, reach is capacity-based', async () => {
    // District D0 (lon 60–61): a school at a1 (1,000 people), a library at a2 (3,000), 0.4° ≈ 28 km apart.
    // District D1 (lon 61–62): no host; settlements b1 (500) and b2 (200), 0.3° ≈ 21 km apart.
    // 10 min without roads reaches 10 km ÷ 1.3 = 7.7 km: every candidate covers only its own point.
    const model = await compileHandRegion(
      2,
      [
        ['a1', 60.5, 50.5, 1000],
        ['a2', 60.9, 50.5, 3000],
        ['b1', 61.5, 50.5, 500],
        ['b2', 61.2, 50.5, 200],
      ],
      [
        ['school-1', 'school', 60.5, 50.5],
        ['library-1', 'library', 60.9, 50.5],
      ],
    );
    const params = { centersPerDistrict: 1, maxTravelMinutes: 10, learnersPerCenterYear: 100 };
    const { changes, summary } = expandTemplate(
      { template: 'digital-literacy-centers', params },
      model,
      createSeededRandom(1),
    );
    expect((changes as AddFacilityChange[]).map((c) => [c.id, c.at, c.capacity])).toEqual([
      ['digital-literacy-library-1', [60.9, 50.5], 100],
      ['digital-literacy-b1', [61.5, 50.5], 100],
    ]);
    expect(summary).toMatchObject({ centres: 2, hostedIn: { library: 1, settlement: 1 }, placesPerYear: 200 });
    // Only schools: D0's host is the school (a1) instead.
    const schools = expandTemplate(
      { template: 'digital-literacy-centers', params: { ...params, hostKinds: 'school' } },
      model,
      createSeededRandom(1),
    );
    expect((schools.changes[0] as AddFacilityChange).id).toBe('digital-literacy-school-1');

    // 2SFCA with demand share s = 0.0198: a2 has 3,000 × s = 59.4 learners for 100 places (all
    // reached), b1 9.9 for 100 (all reached): 69.3. With 20 places, a2's centre reaches 20 of 59.4.
    const run = (learnersPerCenterYear: number) => {
      const resolved = resolveTemplateParams(digitalLiteracyCenters as never, { ...params, learnersPerCenterYear });
      const scenario = prepareScenario(
        {
          schema: 'regiontwin/scenario@1',
          name: 'literacy',
          region: '.',
          years: { start: 2026, end: 2026 },
          interventions: [{ template: 'digital-literacy-centers', params: resolved }],
          indicators: digitalLiteracyCenters.indicators(resolved as never),
        },
        model,
        { expandTemplate },
      );
      return runScenario(model, scenario).indicators;
    };
    const [reach, within, , capacity, capex, opex] = run(100);
    expect(reach.scenario).toBeCloseTo(3500 * 0.0198, 9);
    expect(within.scenario).toBe(3500);
    expect(capacity.scenario).toBe(200);
    expect(capex.scenario).toBe(2 * 6_000_000);
    expect(opex.scenario).toBe(2 * 2_400_000);
    expect(run(20)[0].scenario).toBeCloseTo(20 + 500 * 0.0198, 9);
    expect(run(20)[0].byDistrict.map((d) => d.scenario)).toEqual([20, 500 * 0.0198]);
  });

  it('adapts: longer trips and smaller centres in the sparse steppe than in a dense region', () => {
    const sparse = digitalLiteracyCenters.adapt({ densityPerKm2: 3, meanDistrictPopulation: 30_000 } as never);
    const dense = digitalLiteracyCenters.adapt({ densityPerKm2: 300, meanDistrictPopulation: 200_000 } as never);
    // Centres per district = ⌈people × 0.0198 ÷ places⌉: 30,000 × 0.0198 / 120 = 4.95 → 5;
    // 200,000 × 0.0198 / 240 = 16.5 → 17.
    expect(sparse).toEqual({ maxTravelMinutes: 60, learnersPerCenterYear: 120, centersPerDistrict: 5 });
    expect(dense).toEqual({ maxTravelMinutes: 20, learnersPerCenterYear: 240, centersPerDistrict: 17 });
  });
});
