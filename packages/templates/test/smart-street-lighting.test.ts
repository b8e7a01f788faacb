import { describe, expect, it } from 'vitest';
import { createSeededRandom, prepareScenario, runScenario } from '@regiontwin/core';
import { expandTemplate } from '../src/registry.js';
import { smartStreetLighting } from '../src/templates/smart-street-lighting.js';
import { compileHandRegion } from './hand-region.js';

describe('smart-street-lighting', () => {
  it('counts lamps from street length and prices the saving (worked by hand)', async () => {
    // V: 1,000 people × 6 m = 6,000 m of street ÷ 40 m = 150 lamps; T: 20,000 × 2.5 m = 50 km ÷ 40 m
    // = 1,250 lamps; S (300 people) is below the 500 threshold.
    // Saved per lamp: (170 W − 75 W × (1 − 0.3)) × 4,100 h = 117.5 W × 4,100 h = 481.75 kWh/year.
    const model = await compileHandRegion(1, [
      ['V', 60.3, 50.5, 1000],
      ['T', 60.6, 50.5, 20_000],
      ['S', 60.9, 50.9, 300],
    ]);
    const params = { lampSpacingMeters: 40, dimmingSavingShare: 0.3, tariffKztPerKwh: 35 };
    const { changes, summary } = expandTemplate(
      { template: 'smart-street-lighting', params },
      model,
      createSeededRandom(1),
    );
    // V: 150 × 481.75 = 72,262.5 kWh; saving 72,262.5 × 35 + 150 × 4,000 = 3,129,187.5 KZT/year.
    expect(changes[0]).toEqual({
      type: 'add-cost',
      label: 'LED street lighting V (150 lamps)',
      at: [60.3, 50.5],
      capexKzt: 27_000_000,
      opexKztPerYear: -3_129_188,
      energyKwhPerYear: -72_263,
    });
    expect(changes).toHaveLength(2);
    // 1,400 lamps: capex 252 M; saving 1,400 × (481.75 × 35 + 4,000) = 29,205,750 → payback 8.6 years;
    // kWh 674,450 × 0.64 kg = 431.6 t CO2.
    expect(summary).toEqual({
      settlements: 2,
      streetKm: 56,
      lamps: 1400,
      kwhSavedPerYear: 674_450,
      co2TonnesSavedPerYear: 431.6,
      capexKzt: 252_000_000,
      savingKztPerYear: 29_205_750,
      paybackYears: 8.6,
    });
    const scenario = prepareScenario(
      {
        schema: 'regiontwin/scenario@1',
        name: 'led',
        region: '.',
        years: { start: 2026, end: 2026 },
        interventions: [{ template: 'smart-street-lighting', params }],
        indicators: smartStreetLighting.indicators(params as never),
      },
      model,
      { expandTemplate },
    );
    const [capex, opex, energy, co2] = runScenario(model, scenario).indicators;
    expect(capex.delta).toBe(252_000_000);
    // Each change is rounded to whole kWh and KZT (half up): T saves 1,250 × 481.75 = 602,187.5 →
    // 602,188 kWh and 602,187.5 × 35 + 1,250 × 4,000 = 26,076,562.5 → 26,076,563 KZT.
    expect(energy.delta).toBe(-72_263 - 602_188);
    expect(opex.delta).toBe(-3_129_188 - 26_076_563);
    expect(co2.delta).toBeCloseTo((-674_451 * 0.64) / 1000, 9);
  });

  it('adapts: closer poles and lighter dimming in a city than on steppe roads', () => {
    const sparse = smartStreetLighting.adapt({ densityPerKm2: 3 } as never);
    const dense = smartStreetLighting.adapt({ densityPerKm2: 300 } as never);
    expect(sparse.lampSpacingMeters!).toBeGreaterThan(dense.lampSpacingMeters!);
    expect(sparse.dimmingSavingShare!).toBeGreaterThan(dense.dimmingSavingShare!);
    expect(sparse.minSettlementPopulation!).toBeLessThan(dense.minSettlementPopulation!);
  });
});
