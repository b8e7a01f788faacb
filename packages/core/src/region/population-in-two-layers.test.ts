import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { loadRegionFromObjects } from './load-region.js';
import { REGION_SCHEMA, type RegionManifest } from './region-manifest.js';

const square = (id: string, west: number): Feature => ({
  type: 'Feature',
  properties: { id },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [west, 53],
        [west + 1, 53],
        [west + 1, 54],
        [west, 54],
        [west, 53],
      ],
    ],
  },
});
const point = (id: string, lon: number, population: number): Feature => ({
  type: 'Feature',
  properties: { id, population },
  geometry: { type: 'Point', coordinates: [lon, 53.5] },
});
const house = (id: string, lon: number, population: number): Feature => ({
  type: 'Feature',
  properties: { id, population },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, 53.5],
        [lon + 0.001, 53.5],
        [lon + 0.001, 53.501],
        [lon, 53.5],
      ],
    ],
  },
});
const collection = (features: Feature[]) => ({ type: 'FeatureCollection', features });

describe('population-in-two-layers', () => {
  it('warns for each district where settlements and buildings both count people, with both sums', async () => {
    const manifest: RegionManifest = {
      schema: REGION_SCHEMA,
      id: 'two-layers',
      name: 'Two layers',
      layers: {
        districts: { path: 'districts.geojson', id: 'id' },
        settlements: { path: 'settlements.geojson', id: 'id', population: 'population' },
        buildings: { path: 'buildings.geojson', id: 'id', population: 'population' },
      },
    };
    // D1 (63–64 °E): a village of 100 and two houses of 30 and 20 → warned. D2 (64–65 °E): houses
    // only (10 people, and an empty one) → not warned. D3 (65–66 °E): a village with 0 people and
    // a house of 5 → not warned (nobody is counted twice).
    const region = await loadRegionFromObjects(manifest, {
      'districts.geojson': collection([square('D1', 63), square('D2', 64), square('D3', 65)]),
      'settlements.geojson': collection([point('v1', 63.5, 100), point('v3', 65.5, 0)]),
      'buildings.geojson': collection([
        house('h1', 63.2, 30),
        house('h2', 63.3, 20),
        house('h3', 64.2, 10),
        house('h4', 64.3, 0),
        house('h5', 65.2, 5),
      ]),
    });
    const warnings = region.warnings.filter((w) => w.code === 'population-in-two-layers');
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'districts.geojson',
        code: 'population-in-two-layers',
        layer: 'districts',
        featureIndex: 0,
        featureId: 'D1',
        message:
          'district "D1": 1 settlement(s) with 100 people and 2 building(s) with 50 people both count residents; if they are the same people they are counted twice (keep population in one layer there)',
      },
    ]);
  });
});
