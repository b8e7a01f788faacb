import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  compileRegion,
  createSeededRandom,
  generateHandRegion,
  haversineMeters,
  loadRegionFromObjects,
  resolveAssumptions,
  runScenario,
  serializeRegionModel,
  type AddCostChange,
  type AddFacilityChange,
  type RegionModel,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { expandTemplate, resolveTemplateParams } from '../src/registry.js';
import { computeTerritoryProfile } from '../src/territory-profile.js';
import { busLine } from '../src/templates/bus-line.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** 1° of the equator, metres (R = 6,371,008.8 m). */
const DEGREE = (6_371_008.8 * Math.PI) / 180;

/*
 * The hand region of generateHandRegion (core): on the equator, w-town (10.5, 0) 1,000 people,
 * w-village (10.25, 0.25) 200, e-town (11.5, 0) 3,000, e-village (11.75, −0.25) 500; one primary
 * road from w-town to e-town, 1° = 111,195.08 m, whose two nodes are the towns.
 */
function expand(model: RegionModel, params: Record<string, unknown>) {
  return expandTemplate(
    { template: 'bus-line', params: resolveTemplateParams(busLine as never, params) },
    model,
    createSeededRandom(1),
  );
}

describe('bus-line on the hand region', () => {
  let model: RegionModel;
  beforeAll(async () => {
    const { manifest, files } = generateHandRegion();
    model = compileRegion(await loadRegionFromObjects(manifest, files));
  });

  const timetable = { busSpeedKmh: 50, headwayMinutes: 60, serviceHoursPerDay: 14, walkMeters: 800 };

  it('runs between two given towns along the road, with the buses the headway needs', () => {
    const before = Buffer.from(serializeRegionModel(model));
    // By id and by name, case-insensitive.
    const { changes, summary } = expand(model, { ...timetable, stops: 'w-town, east TOWN' });
    // Length 111.195 km at 50 km/h: 133.43 min one way; round trip + 10 % recovery = 293.56 min →
    // ⌈293.56 / 60⌉ = 5 buses. 14 h × 60 / 60 = 14 trips each way a day: 2 × 14 × 111.195 km ×
    // 365 = 1,136,414 vehicle-km a year × 550 KZT.
    const vehicleKm = 2 * 14 * (DEGREE / 1000) * 365;
    expect(summary).toMatchObject({
      stops: ['West town', 'East town'],
      lengthKm: 111.2,
      runMinutesOneWay: 133.4,
      buses: 5,
      tripsPerDirectionPerDay: 14,
      vehicleKmPerYear: Math.round(vehicleKm),
      peopleAtStops: 4000,
    });
    const stops = changes.filter((c): c is AddFacilityChange => c.type === 'add-facility');
    expect(stops.map((s) => [s.kind, s.at])).toEqual([
      ['bus-stop', [10.5, 0]],
      ['bus-stop', [11.5, 0]],
    ]);
    const line = changes.find((c): c is AddCostChange => c.type === 'add-cost')!;
    expect(line.capexKzt).toBe(5 * 120_000_000);
    expect(line.opexKztPerYear!).toBeCloseTo(vehicleKm * 550, 3);
    expect(Buffer.from(serializeRegionModel(model)).equals(before)).toBe(true);
  });

  it('serves the people within walking distance of its stops', () => {
    const { changes } = expand(model, { ...timetable, stops: 'w-town,e-town' });
    const result = runScenario(model, {
      name: 'bus',
      seed: 1,
      years: { start: 2026, end: 2026 },
      assumptions: resolveAssumptions(),
      changes,
      indicators: busLine.indicators(resolveTemplateParams(busLine as never, timetable) as never),
    });
    const [within, share] = result.indicators;
    // The two towns stand on their stops; both villages are 0.25° (≥ 27.8 km) from any stop.
    expect([within.baseline, within.scenario]).toEqual([0, 4000]);
    expect(share.scenario!).toBeCloseTo(4000 / 4700, 12);
    expect(result.indicators.find((i) => i.id === 'capex')!.scenario).toBe(5 * 120_000_000 + 2 * 2_000_000);
  });

  it('without given stops, links the largest settlements along the axis between the farthest two', () => {
    // The 3 largest: e-town 3,000, w-town 1,000, e-village 500. Farthest pair: w-town–e-village,
    // so the order is w-town, e-town, e-village. Legs: the road (1°), then e-town's node to the
    // e-village: 0 + 0 + the straight leg from (11.5, 0) to (11.75, −0.25).
    const { summary } = expand(model, { ...timetable, autoStops: 3 });
    const leg2 = haversineMeters(11.5, 0, 11.75, -0.25);
    expect((summary as { stops: string[] }).stops).toEqual(['West town', 'East town', 'East village']);
    expect((summary as { lengthKm: number }).lengthKm).toBe(Math.round((DEGREE + leg2) / 100) / 10);
  });

  it('takes "lon lat" stops and rejects unknown or outside ones with a clear message', () => {
    const { changes } = expand(model, { ...timetable, stops: 'w-town, 10.25 0.25' });
    expect((changes[1] as AddFacilityChange).at).toEqual([10.25, 0.25]);
    expect(() => expand(model, { stops: 'w-town, Atlantis' })).toThrow(
      'template "bus-line": stop "Atlantis" is no settlement id or name of the region',
    );
    expect(() => expand(model, { stops: 'w-town, 20 0' })).toThrow('stop "20 0" (lon lat) is outside every district');
    expect(() => expand(model, { stops: 'w-town' })).toThrow('a line needs at least 2 stops (got 1)');
  });

  it('without roads the legs are straight lines × 1.3', async () => {
    const { manifest, files } = generateHandRegion();
    const layers = { ...manifest.layers };
    delete layers.roads;
    const noRoads = compileRegion(await loadRegionFromObjects({ ...manifest, layers }, files));
    const { summary } = expand(noRoads, { ...timetable, stops: 'w-town,e-town' });
    expect((summary as { lengthKm: number }).lengthKm).toBe(Math.round((DEGREE * 1.3) / 100) / 10);
  });
});

describe('bus-line adapts to the territory', () => {
  it('a dense city gets frequent slow buses and short walks; the steppe a few fast ones', async () => {
    const sparse = computeTerritoryProfile(compileRegion(await loadRegion(`${root}fixtures/kazakhstan`)));
    expect(sparse.densityPerKm2).toBeLessThan(5);
    expect(busLine.adapt(sparse)).toMatchObject({ headwayMinutes: 120, busSpeedKmh: 50, walkMeters: 1500 });
    expect(busLine.adapt({ ...sparse, densityPerKm2: 2000 })).toMatchObject({
      headwayMinutes: 10,
      busSpeedKmh: 20,
      walkMeters: 500,
    });
  });
});
