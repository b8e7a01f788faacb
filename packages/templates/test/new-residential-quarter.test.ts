import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  compileRegion,
  createSeededRandom,
  haversineMeters,
  resolveAssumptions,
  runScenario,
  serializeRegionModel,
  type AddFacilityChange,
  type AddSettlementChange,
  type RegionModel,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { expandTemplate, resolveTemplateParams } from '../src/registry.js';
import { computeTerritoryProfile } from '../src/territory-profile.js';
import { destinationPoint, newResidentialQuarter } from '../src/templates/new-residential-quarter.js';
import { compileHandRegion } from './hand-region-builder.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/*
 * One district 9.8…10.2 E × −0.2…0.2 N, no roads. Town T at (10, 0), 10,000 people; village V at
 * (10.1, 0.1), 1,000. School (capacity 2,000) and clinic (capacity 400) stand in T. Without roads a
 * trip takes distance × 1.3 / (60 km/h = 1,000 m/min): 1.5 km → 1.95 min.
 */
async function townRegion(): Promise<RegionModel> {
  return compileHandRegion({
    districts: [['only', 9.8, -0.2, 10.2, 0.2]],
    settlements: [
      { id: 'T', name: 'Town', at: [10, 0], population: 10_000 },
      { id: 'V', name: 'Village', at: [10.1, 0.1], population: 1000 },
    ],
    facilities: [
      { id: 'school-1', at: [10, 0], kind: 'school', capacity: 2000 },
      { id: 'clinic-1', at: [10, 0], kind: 'clinic', capacity: 400 },
    ],
  });
}

function run(model: RegionModel, params: Record<string, unknown>, seed = 1) {
  const resolved = resolveTemplateParams(newResidentialQuarter as never, params);
  const expansion = expandTemplate(
    { template: 'new-residential-quarter', params: resolved },
    model,
    createSeededRandom(seed),
  );
  const result = runScenario(model, {
    name: 'quarter',
    seed,
    years: { start: 2026, end: 2026 },
    assumptions: resolveAssumptions(),
    changes: expansion.changes,
    indicators: newResidentialQuarter.indicators(resolved as never),
  });
  return { ...expansion, indicators: result.indicators };
}

describe('new-residential-quarter, by hand on a town with a school and a clinic', () => {
  it('puts 5,000 people 1.5 km from the town and cuts the school places per 1,000 residents', async () => {
    const model = await townRegion();
    const before = Buffer.from(serializeRegionModel(model));
    const { changes, summary, indicators } = run(model, { population: 5000, settlement: 'town', offsetMeters: 1500 });
    const quarter = changes[0] as AddSettlementChange;
    expect(quarter.type).toBe('add-settlement');
    expect(quarter.population).toBe(5000);
    expect(Math.abs(haversineMeters(10, 0, quarter.at[0], quarter.at[1]) - 1500)).toBeLessThan(1e-6);
    // Places per 1,000 residents: school 1,000 × 2,000 / 11,000 → / 16,000; clinic 1,000 × 400 / 16,000.
    const [school, clinic, schoolAccess, clinicAccess] = indicators;
    expect(school.baseline!).toBeCloseTo(2_000_000 / 11_000, 9);
    expect(school.scenario!).toBeCloseTo(2_000_000 / 16_000, 9);
    expect(clinic.scenario!).toBeCloseTo(400_000 / 16_000, 9);
    // Access within 15 min: T (0 min), V (0.1414° = 15.7 km → 20.4 min: no), the quarter (1.95 min).
    expect([schoolAccess.baseline, schoolAccess.scenario]).toEqual([10_000, 15_000]);
    expect(clinicAccess.scenario).toBe(15_000);
    // Costs: 5,000 × 23 m² × 50,000 KZT; 5,000 × 850 kWh. 5,000 / 3.5 = 1,429 dwellings; 950 pupils.
    expect(quarter).toMatchObject({ capexKzt: 5_750_000_000, energyKwhPerYear: 4_250_000 });
    expect(summary).toMatchObject({ extends: 'Town', dwellings: 1429, pupils: 950, schoolBuilt: false });
    expect(Buffer.from(serializeRegionModel(model)).equals(before)).toBe(true);
  });

  it('with its own school the places per 1,000 residents hold up', async () => {
    const model = await townRegion();
    const { changes, indicators } = run(model, { population: 5000, withSchool: true });
    // Empty "settlement": the most populous one, the town. The school has 5,000 × 0.19 = 950 places.
    const school = changes[1] as AddFacilityChange;
    expect(school).toMatchObject({ kind: 'school', capacity: 950, capexKzt: 3_800_000_000 });
    expect(school.at).toEqual((changes[0] as AddSettlementChange).at);
    expect(indicators[0].scenario!).toBeCloseTo(2_950_000 / 16_000, 9);
  });

  it('counts an assumed capacity for facilities without one, and stays deterministic per seed', async () => {
    const model = await compileHandRegion({
      districts: [['only', 9.8, -0.2, 10.2, 0.2]],
      settlements: [{ id: 'T', at: [10, 0], population: 10_000 }],
      facilities: [{ id: 'school-1', at: [10, 0], kind: 'school' }],
    });
    const a = run(model, { population: 2000, assumedSchoolCapacity: 600 }, 7);
    expect(a.indicators[0].baseline!).toBeCloseTo(60, 9);
    expect(a.indicators[0].scenario!).toBeCloseTo(50, 9);
    expect(run(model, { population: 2000 }, 7).changes).toEqual(a.changes);
    // Another seed, another direction, the same distance.
    const b = run(model, { population: 2000 }, 8).changes[0] as AddSettlementChange;
    expect(b.at).not.toEqual((a.changes[0] as AddSettlementChange).at);
    expect(Math.abs(haversineMeters(10, 0, b.at[0], b.at[1]) - 1500)).toBeLessThan(1e-6);
  });

  it('turns to a direction inside the region, and rejects unknown settlements', async () => {
    const model = await townRegion();
    // 19 km from the town: only directions that stay inside the 0.2° (22 km) box are accepted.
    const quarter = run(model, { offsetMeters: 19_000 }).changes[0] as AddSettlementChange;
    expect(Math.abs(quarter.at[0] - 10)).toBeLessThan(0.2);
    expect(Math.abs(quarter.at[1])).toBeLessThan(0.2);
    // A "lon lat" anchor with no offset is used as it is.
    expect((run(model, { settlement: '10.05 0.05', offsetMeters: 0 }).changes[0] as AddSettlementChange).at).toEqual([
      10.05, 0.05,
    ]);
    expect(() => run(model, { settlement: 'Atlantis' })).toThrow(
      '"settlement" is "Atlantis", no settlement id or name of the region',
    );
    expect(() => run(model, { settlement: '50 50', offsetMeters: 0 })).toThrow('outside every district');
  });

  it('destinationPoint goes the given great-circle distance', () => {
    const [lon, lat] = destinationPoint(63.6, 53.2, 10_000, Math.PI / 3);
    expect(Math.abs(haversineMeters(63.6, 53.2, lon, lat) - 10_000)).toBeLessThan(1e-6);
    expect(destinationPoint(10, 0, (6_371_008.8 * Math.PI) / 180, Math.PI / 2)[0]).toBeCloseTo(11, 12);
  });
});

describe('new-residential-quarter adapts to the territory', () => {
  it('a dense city plans a large quarter with its own school; the steppe a small one', async () => {
    const sparse = computeTerritoryProfile(compileRegion(await loadRegion(`${root}fixtures/kazakhstan`)));
    expect(sparse.densityPerKm2).toBeLessThan(5);
    const steppe = newResidentialQuarter.adapt(sparse);
    expect(steppe).toMatchObject({ accessMinutes: 30, withSchool: false, offsetMeters: 2000 });
    expect(steppe.population!).toBeLessThanOrEqual(5000);
    expect(newResidentialQuarter.adapt({ ...sparse, densityPerKm2: 2000 })).toEqual({
      population: 20_000,
      offsetMeters: 1000,
      accessMinutes: 15,
      withSchool: true,
    });
  });
});
