import { describe, expect, it } from 'vitest';
import { createSeededRandom, haversineMeters, type AddFacilityChange } from '@regiontwin/core';
import { expandTemplate } from '../src/registry.js';
import { ruralBroadband } from '../src/templates/rural-broadband.js';
import { compileHandRegion } from './hand-region.js';

describe('rural-broadband', () => {
  it('chooses fibre, a tower or satellite per settlement by 10-year cost (worked by hand)', async () => {
    // T (20,000 people) has fibre. V1 350 people = 100 households, 0.1° north of T;
    // V2 1,400 = 400 households far south-west; H 35 = 10 households in the far north-east corner.
    const model = await compileHandRegion(1, [
      ['T', 60.5, 50.5, 20_000],
      ['V1', 60.5, 50.6, 350],
      ['V2', 60.2, 50.2, 1400],
      ['H', 60.95, 50.95, 35],
    ]);
    const { changes, summary } = expandTemplate(
      {
        template: 'rural-broadband',
        params: { minSettlementPopulation: 20, towerRadiusKm: 1, maxTowers: 10, appraisalYears: 10 },
      },
      model,
      createSeededRandom(1),
    );
    const km = (lon: number, lat: number) => (haversineMeters(60.5, 50.5, lon, lat) / 1000) * 1.3;
    // 10-year costs (KZT): fibre = km × (4,000,000 + 10 × 80,000) + households × 60,000;
    // satellite = households × (250,000 + 10 × 240,000); a tower = 60,000,000 + 10 × 6,000,000 = 120 M,
    // worth it when (best other − households × 40,000 CPE) > 120 M.
    // V1: fibre 14.45 km → 69.4 M + 6 M = 75.4 M; saving 75.4 − 4 = 71.4 M < 120 M → fibre.
    // V2: fibre 51.5 km → 247 M + 24 M = 271 M; saving 271 − 16 = 255 M > 120 M → tower.
    // H: fibre ≈ 77 km → 370 M; satellite 26.5 M; saving 26.1 M < 120 M → satellite.
    const byId = new Map((changes as AddFacilityChange[]).map((c) => [c.id, c]));
    expect([...byId.keys()]).toEqual([
      'broadband-tower-V2',
      'broadband-access-V1',
      'broadband-access-V2',
      'broadband-access-H',
    ]);
    expect(byId.get('broadband-tower-V2')).toMatchObject({
      kind: 'broadband-tower',
      at: [60.2, 50.2],
      capexKzt: 60_000_000,
      opexKztPerYear: 6_000_000,
      energyKwhPerYear: 13_140,
      capacity: 400,
    });
    const v1Km = km(60.5, 50.6);
    expect(byId.get('broadband-access-V1')).toMatchObject({
      name: 'Broadband V1 (fibre)',
      capacity: 100,
      capexKzt: Math.round(v1Km * 4_000_000 + 100 * 60_000),
      opexKztPerYear: Math.round(v1Km * 80_000),
    });
    expect(byId.get('broadband-access-V2')).toMatchObject({
      name: 'Broadband V2 (fixed-wireless)',
      capexKzt: 16_000_000,
    });
    expect(byId.get('broadband-access-H')).toMatchObject({
      name: 'Broadband H (satellite)',
      capexKzt: 2_500_000,
      opexKztPerYear: 2_400_000,
    });
    expect(summary).toMatchObject({
      householdsConnected: 510,
      householdsByTechnology: { fibre: 100, 'fixed-wireless': 400, satellite: 10 },
      peopleConnected: 1785,
      towers: 1,
      backboneSettlements: ['T'],
    });
    const capex = 60_000_000 + 16_000_000 + 2_500_000 + v1Km * 4_000_000 + 6_000_000;
    expect((summary as { capexKztPerPersonConnected: number }).capexKztPerPersonConnected).toBe(
      Math.round(capex / 1785),
    );
  });

  it('gives a large village extra sites for capacity (600 households per site)', async () => {
    // 7,000 people = 2,000 households → ⌈2000 / 600⌉ − 1 = 3 extra sites if served wirelessly:
    // wireless cost 80 M CPE + 3 × 120 M = 440 M vs fibre ≈ 51.5 km × 4.8 M + 120 M drops = 367 M:
    // fibre wins though the first tower alone would have paid.
    const model = await compileHandRegion(1, [
      ['T', 60.5, 50.5, 20_000],
      ['V2', 60.2, 50.2, 7000],
    ]);
    const { changes } = expandTemplate(
      { template: 'rural-broadband', params: { towerRadiusKm: 1 } },
      model,
      createSeededRandom(1),
    );
    expect(changes.map((c) => (c as AddFacilityChange).name)).toEqual(['Broadband V2 (fibre)']);
  });

  it('adapts: wide cells and small villages in the sparse steppe, short cells in a dense region', () => {
    const base = { areaKm2: 100_000, meanDistrictPopulation: 30_000 } as never;
    const sparse = ruralBroadband.adapt({ ...(base as object), densityPerKm2: 3 } as never);
    const dense = ruralBroadband.adapt({ ...(base as object), densityPerKm2: 300 } as never);
    expect(sparse).toMatchObject({ towerRadiusKm: 12, minSettlementPopulation: 50 });
    expect(dense).toMatchObject({ towerRadiusKm: 4, minSettlementPopulation: 500 });
    // Towers to tile the area once: 100,000 km² ÷ (π 12²) = 221; ÷ (π 4²) = 1989.
    expect([sparse.maxTowers, dense.maxTowers]).toEqual([221, 1989]);
  });
});
