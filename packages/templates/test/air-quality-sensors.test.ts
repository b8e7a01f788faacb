import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  compileRegion,
  createSeededRandom,
  generateHandRegion,
  generateSyntheticRegion,
  haversineMeters,
  loadRegionFromObjects,
  plainGreedyMaximalCoverage,
  resolveAssumptions,
  runScenario,
  serializeRegionModel,
  type AddFacilityChange,
  type RegionModel,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { expandTemplate, resolveTemplateParams } from '../src/registry.js';
import { computeTerritoryProfile } from '../src/territory-profile.js';
import { airQualitySensors, demandWithinRadius } from '../src/templates/air-quality-sensors.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/*
 * The hand region of generateHandRegion (core), on the equator: w-town (10.5, 0) 1,000 people,
 * w-village (10.25, 0.25) 200, e-town (11.5, 0) 3,000, e-village (11.75, −0.25) 500. Each
 * village is √2 · 0.25° = 0.35355° = 39.31 km from its town; the towns are 1° = 111.2 km apart.
 */
function expand(model: RegionModel, params: Record<string, unknown>) {
  return expandTemplate(
    { template: 'air-quality-sensors', params: resolveTemplateParams(airQualitySensors as never, params) },
    model,
    createSeededRandom(1),
  );
}
const at = (changes: unknown[]) => (changes as AddFacilityChange[]).map((c) => c.at);

describe('air-quality-sensors on the hand region', () => {
  let model: RegionModel;
  beforeAll(async () => {
    const { manifest, files } = generateHandRegion();
    model = compileRegion(await loadRegionFromObjects(manifest, files));
  });

  it('with a 40 km radius, one sensor per town covers its village too', () => {
    const before = Buffer.from(serializeRegionModel(model));
    // e-town covers e-town + e-village = 3,500 (e-village covers the same; e-town is first);
    // then w-town covers 1,200. A third sensor would add nobody, so it is not installed.
    const { changes, summary } = expand(model, { sensors: 3, coverageRadiusMeters: 40_000, minPeoplePerSensor: 1 });
    expect(at(changes)).toEqual([
      [11.5, 0],
      [10.5, 0],
    ]);
    expect(summary).toMatchObject({ sensors: 2, peopleCovered: 4700, peoplePerSensor: 2350, stoppedEarly: true });
    expect(changes[0]).toMatchObject({ capexKzt: 1_000_000, opexKztPerYear: 200_000, energyKwhPerYear: 26 });
    expect(Buffer.from(serializeRegionModel(model)).equals(before)).toBe(true);
  });

  it('with a 30 km radius each sensor covers its own settlement, largest first; the floor stops it', () => {
    expect(at(expand(model, { sensors: 4, coverageRadiusMeters: 30_000, minPeoplePerSensor: 1 }).changes)).toEqual([
      [11.5, 0],
      [10.5, 0],
      [11.75, -0.25],
      [10.25, 0.25],
    ]);
    // At least 500 new people per sensor: the w-village (200) is left out.
    expect(expand(model, { sensors: 4, coverageRadiusMeters: 30_000, minPeoplePerSensor: 500 }).changes).toHaveLength(
      3,
    );
  });

  it('moves coverage by exactly the people it covers', () => {
    const { changes } = expand(model, { sensors: 1, coverageRadiusMeters: 40_000, minPeoplePerSensor: 1 });
    const result = runScenario(model, {
      name: 'air',
      seed: 1,
      years: { start: 2026, end: 2026 },
      assumptions: resolveAssumptions(),
      changes,
      indicators: airQualitySensors.indicators({ coverageRadiusMeters: 40_000 } as never),
    });
    const [people, share] = result.indicators;
    expect([people.baseline, people.scenario]).toEqual([0, 3500]);
    expect(people.byDistrict.map((d) => d.scenario)).toEqual([0, 3500]);
    expect(share.scenario!).toBeCloseTo(3500 / 4700, 12);
  });

  it('counts sensors the region already has', async () => {
    const { manifest, files } = generateHandRegion();
    const facilities = structuredClone(files['synthetic-facilities.geojson']);
    facilities.features.push({
      type: 'Feature',
      properties: { id: 'aq-1', name: 'Existing sensor', amenity: 'air-quality-sensor', synthetic: true },
      geometry: { type: 'Point', coordinates: [11.5, 0] },
    });
    const withSensor = compileRegion(
      await loadRegionFromObjects(manifest, { ...files, 'synthetic-facilities.geojson': facilities }),
    );
    // The existing sensor at e-town already covers e-town and e-village (39.3 km ≤ 40 km).
    const { changes, summary } = expand(withSensor, {
      sensors: 3,
      coverageRadiusMeters: 40_000,
      minPeoplePerSensor: 1,
    });
    expect(at(changes)).toEqual([[10.5, 0]]);
    expect(summary).toMatchObject({ existingSensors: 1, peopleCovered: 1200 });
  });
});

describe('air-quality-sensors against an independent computation', () => {
  it('the cover sets equal a brute-force haversine scan, and the picks equal the plain greedy', async () => {
    const region = generateSyntheticRegion({ seed: 9, districtColumns: 3, districtRows: 3, villagesPerDistrict: 30 });
    const model = compileRegion(await loadRegionFromObjects(region.manifest, region.files));
    const radius = 4000;
    const covers = demandWithinRadius(model, radius);
    const { demand } = model;
    for (let i = 0; i < demand.count; i++) {
      const brute: number[] = [];
      for (let j = 0; j < demand.count; j++) {
        const d = haversineMeters(
          demand.lonLat[i * 2],
          demand.lonLat[i * 2 + 1],
          demand.lonLat[j * 2],
          demand.lonLat[j * 2 + 1],
        );
        if (d <= radius) brute.push(j);
      }
      expect(Array.from(covers[i]), `point ${i}`).toEqual(brute);
    }
    const plain = plainGreedyMaximalCoverage({ weights: demand.population, covers, budget: 12 });
    const { changes } = expand(model, { sensors: 12, coverageRadiusMeters: radius, minPeoplePerSensor: 1 });
    expect(at(changes)).toEqual(plain.sites.map((i) => [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]]));
  });
});

describe('air-quality-sensors adapts to the territory', () => {
  it('a dense city gets neighbourhood-sized coverage, the sparse steppe a wider radius per village', async () => {
    const sparse = computeTerritoryProfile(compileRegion(await loadRegion(`${root}fixtures/kazakhstan`)));
    expect(sparse.densityPerKm2).toBeLessThan(5);
    expect(airQualitySensors.adapt(sparse)).toMatchObject({ coverageRadiusMeters: 5000, minPeoplePerSensor: 200 });
    const dense = { ...sparse, densityPerKm2: 2000, population: 2_000_000 };
    expect(airQualitySensors.adapt(dense)).toEqual({
      sensors: 80,
      coverageRadiusMeters: 1000,
      minPeoplePerSensor: 1000,
    });
  });
});
