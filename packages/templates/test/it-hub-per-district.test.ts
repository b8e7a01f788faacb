import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  compileRegion,
  loadRegionFromObjects,
  parseScenario,
  prepareScenario,
  runScenario,
  serializeRegionModel,
  type RegionModel,
} from '../../core/src/index.js';
import { loadRegion } from '../../core/src/node.js';
import { computeTerritoryProfile } from '../src/territory-profile.js';
import { expandTemplate, getTemplate, resolveTemplateParams } from '../src/registry.js';
import { itHubPerDistrict } from '../src/templates/it-hub-per-district.js';
import { createSeededRandom } from '../../core/src/random/seeded-random.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Two 1°×1° districts at lat 50; district A has settlements of 1000 and 10 people 0.9° apart, B one of 500. */
async function twoDistrictModel(): Promise<RegionModel> {
  const square = (x0: number) => [
    [
      [x0, 50],
      [x0 + 1, 50],
      [x0 + 1, 51],
      [x0, 51],
      [x0, 50],
    ],
  ];
  const point = (id: string, lon: number, lat: number, population: number) => ({
    type: 'Feature',
    properties: { id, population },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  });
  return compileRegion(
    await loadRegionFromObjects(
      {
        schema: 'regiontwin/region@1',
        id: 'two',
        name: 'Two districts',
        layers: {
          districts: { path: 'd.geojson', id: 'id' },
          settlements: { path: 's.geojson', id: 'id', population: 'population' },
        },
      },
      {
        'd.geojson': {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { id: 'A' }, geometry: { type: 'Polygon', coordinates: square(60) } },
            { type: 'Feature', properties: { id: 'B' }, geometry: { type: 'Polygon', coordinates: square(61) } },
          ],
        },
        's.geojson': {
          type: 'FeatureCollection',
          features: [point('a1', 60.05, 50.5, 10), point('a2', 60.95, 50.5, 1000), point('b1', 61.5, 50.5, 500)],
        },
      },
    ),
  );
}

describe('it-hub-per-district', () => {
  it('places one hub per district at the settlement that reaches most people', async () => {
    const model = await twoDistrictModel();
    const before = new Uint8Array(serializeRegionModel(model));
    const params = resolveTemplateParams(itHubPerDistrict as never, { maxTravelMinutes: 30 });
    const { changes, summary } = expandTemplate(
      { template: 'it-hub-per-district', params },
      model,
      createSeededRandom(1),
    );
    // No roads: reach = 30 min × 60 km/h / 1.3 = 23.08 km. a2 (60.95) and b1 (61.5) are
    // 0.55° lon apart = 0.55 × 111.195 km × cos 50.5° ≈ 38.9 km > 23 km, so each covers itself:
    // the hub in A goes to a2 (1000 people > 10), the hub in B to b1.
    expect(changes.map((c) => (c as { at: number[] }).at)).toEqual([
      [60.95, 50.5],
      [61.5, 50.5],
    ]);
    expect(summary).toMatchObject({ hubs: 2, seats: 120, peopleReachedWithinLimit: 1500 });
    // Costs from the coefficients: 60 seats × 2,500,000 KZT.
    expect(changes[0]).toMatchObject({ capexKzt: 150_000_000, opexKztPerYear: 42_000_000, energyKwhPerYear: 46_200 });
    expect(new Uint8Array(serializeRegionModel(model))).toEqual(before);
  });

  it('is deterministic and rejects bad parameters with a clear message', async () => {
    const model = await twoDistrictModel();
    const a = expandTemplate({ template: 'it-hub-per-district' }, model, createSeededRandom(7));
    const b = expandTemplate({ template: 'it-hub-per-district' }, model, createSeededRandom(7));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(() =>
      expandTemplate({ template: 'it-hub-per-district', params: { maxTravelMinutes: 1000 } }, model, Math.random),
    ).toThrow('"maxTravelMinutes" is 1000 minutes, outside 5…180 minutes');
    expect(() => expandTemplate({ template: 'it-hub-per-district', params: { seats: 5 } }, model, Math.random)).toThrow(
      'unknown parameter "seats"',
    );
    expect(() => expandTemplate({ template: 'no-such-template' }, model, Math.random)).toThrow('unknown template');
    expect(getTemplate('it-hub-per-district')?.title.kk).toBe('Әр ауданда IT-хаб');
  });

  it('runs the README scenario on the embedded national region: a hub in each of the 17 oblasts', async () => {
    const model = compileRegion(await loadRegion(`${root}fixtures/kazakhstan`));
    const { readFileSync } = await import('node:fs');
    const file = `${root}fixtures/scenarios/kz-it-hub-per-oblast.json`;
    const scenario = prepareScenario(parseScenario(readFileSync(file, 'utf8'), file), model, { expandTemplate });
    expect(scenario.changes).toHaveLength(17);
    const districts = new Set(scenario.changes.map((c) => (c as { id: string }).id));
    expect(districts.size).toBe(17);
    const result = runScenario(model, scenario);
    const within = result.indicators.find((i) => i.id === 'population-within-travel-time')!;
    expect(within.baseline).toBe(0);
    // Every hub sits on a settlement, so at least the 17 chosen settlements' people are reached.
    expect(within.scenario!).toBeGreaterThan(0);
    const capex = result.indicators.find((i) => i.id === 'capex')!;
    expect(capex.scenario).toBe(17 * 120 * 2_500_000);
  });

  it('adapts: a dense urban territory gets a shorter travel limit than a sparse steppe one', async () => {
    const sparse = computeTerritoryProfile(compileRegion(await loadRegion(`${root}fixtures/kazakhstan`)));
    expect(sparse.densityPerKm2).toBeLessThan(5);
    expect(itHubPerDistrict.adapt(sparse).maxTravelMinutes).toBe(60);
    const dense = { ...sparse, densityPerKm2: 250, meanDistrictPopulation: 200_000 };
    expect(itHubPerDistrict.adapt(dense)).toEqual({ maxTravelMinutes: 30, seatsPerHub: 100 });
  });
});
