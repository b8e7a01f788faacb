import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { haversineMeters } from '../geo/haversine.js';
import { compileRegion } from '../model/compile-region.js';
import { loadRegionFromObjects } from '../region/load-region.js';
import type { RegionManifest } from '../region/region-manifest.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import { buildScenarioState } from '../scenario/scenario-state.js';
import { computeNearestDistanceMeters, computeTravelMinutes } from './travel-times.js';

/**
 * A village V and a clinic C 0.2° apart on the parallel 53° N, joined by one straight motorway
 * (110 km/h) whose ends lie exactly on V and C, so every access leg is 0 m. By hand:
 *   d = haversine(V, C); via the motorway t = d / (110 km/h); direct t = d / (20 km/h).
 * A resident drives V → C. With the one-way road pointing V → C the motorway is usable; pointing
 * C → V it is not, and the trip is the direct one.
 */
const V: [number, number] = [63.0, 53.0];
const C: [number, number] = [63.2, 53.0];

async function travelMinutes(oneway: string, coordinates: [number, number][]): Promise<number> {
  const manifest: RegionManifest = {
    schema: 'regiontwin/region@1',
    id: 'oneway-test',
    name: 'One-way test (synthetic)',
    layers: {
      districts: { path: 'districts.geojson', id: 'code' },
      settlements: { path: 'settlements.geojson', id: 'id', population: 'population' },
      facilities: { path: 'facilities.geojson', id: 'id', kind: 'kind' },
      roads: { path: 'roads.geojson', class: 'highway', oneway: 'oneway' },
    },
  };
  const districts: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: 'D' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [62.9, 52.9],
              [63.3, 52.9],
              [63.3, 53.1],
              [62.9, 53.1],
              [62.9, 52.9],
            ],
          ],
        },
      },
    ],
  };
  const point = (id: string, at: [number, number], properties: Record<string, unknown>) => ({
    type: 'Feature' as const,
    properties: { id, ...properties },
    geometry: { type: 'Point' as const, coordinates: at },
  });
  const region = await loadRegionFromObjects(manifest, {
    'districts.geojson': districts,
    'settlements.geojson': { type: 'FeatureCollection', features: [point('V', V, { population: 100 })] },
    'facilities.geojson': { type: 'FeatureCollection', features: [point('C', C, { kind: 'clinic' })] },
    'roads.geojson': {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { highway: 'motorway', oneway }, geometry: { type: 'LineString', coordinates } },
      ],
    },
  });
  const state = buildScenarioState(compileRegion(region), [], 2026, 2026, resolveAssumptions());
  return computeTravelMinutes(state, 'clinic', computeNearestDistanceMeters(state, 'clinic'))[0];
}

describe('travel time follows one-way roads in the resident → facility direction', () => {
  const meters = haversineMeters(V[0], V[1], C[0], C[1]);
  const viaMotorway = meters / ((110 * 1000) / 60);
  const direct = meters / ((20 * 1000) / 60);
  // Tolerance: 1e-9 relative (floating point only; every leg is computed exactly as above).
  const close = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-9);

  it('a two-way motorway is used', async () => {
    close(await travelMinutes('no', [V, C]), viaMotorway);
  });

  it('a one-way motorway from the village to the clinic is used', async () => {
    close(await travelMinutes('yes', [V, C]), viaMotorway);
    close(await travelMinutes('-1', [C, V]), viaMotorway);
  });

  it('a one-way motorway from the clinic to the village is not: the trip is direct', async () => {
    close(await travelMinutes('yes', [C, V]), direct);
    close(await travelMinutes('-1', [V, C]), direct);
  });
});
