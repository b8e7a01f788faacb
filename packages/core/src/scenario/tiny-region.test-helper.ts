/**
 * Test-only helper (not exported by the package, not collected as a test file): a tiny region
 * whose indicator values can be worked out on paper. Used by the indicator and scenario tests.
 *
 * Everything of interest lies on the meridian 63.0° E, the projection's central meridian (the
 * projection is centred on the districts' bounding box: 63.0° E, 53.09° N). Along a meridian the
 * great-circle distance is R · Δφ exactly, so with R = 6,371,008.8 m one hundredth of a degree of
 * latitude is
 *
 *   U = 6,371,008.8 · π / 180 / 100 = 1,111.950802 m.
 *
 * | feature   | what                    | lon, lat      | district | population |
 * |-----------|-------------------------|---------------|----------|-----------:|
 * | south     | district (≈10 × 10 km)  | 62.925…63.075, 53.00…53.09 |  |      |
 * | north     | district (≈10 × 10 km)  | 62.925…63.075, 53.09…53.18 |  |      |
 * | s1        | settlement              | 63.0, 53.01   | south    |        100 |
 * | s2        | settlement              | 63.0, 53.03   | south    |        200 |
 * | s3        | settlement              | 63.0, 53.12   | north    |        300 |
 * | s4        | settlement              | 63.0, 53.17   | north    |        400 |
 * | school-1  | facility (school)       | 63.0, 53.02   | south    |            |
 * | road-1    | primary road (80 km/h)  | 63.0, 53.04 → 63.0, 53.16 (nodes A, B) | |  |
 *
 * Districts are 0.09° of latitude = 10.0 km high and 0.15° of longitude ≈ 10.0 km wide at 53.09° N.
 * Totals: south 300 people, north 700, region 1,000.
 */
import type { FeatureCollection } from 'geojson';
import { compileRegion } from '../model/compile-region.js';
import type { RegionModel } from '../model/region-model.js';
import { loadRegionFromObjects } from '../region/load-region.js';
import type { RegionManifest } from '../region/region-manifest.js';

/** Metres per 0.01° of latitude along a meridian (R = 6,371,008.8 m). */
export const U_METERS = (6_371_008.8 * Math.PI) / 180 / 100;

/** Minutes to cover U at the 20 km/h access (and direct) speed: U / (20,000 m / 60 min) = 3.335852 min. */
export const ACCESS_MINUTES_PER_U = U_METERS / (20_000 / 60);

/** Population of s1…s4. */
export const POPULATIONS = { s1: 100, s2: 200, s3: 300, s4: 400 } as const;

/** Latitude of s1…s4, the school and the two road nodes (all at 63.0° E). */
export const LATITUDES = {
  s1: 53.01,
  s2: 53.03,
  s3: 53.12,
  s4: 53.17,
  school: 53.02,
  roadA: 53.04,
  roadB: 53.16,
} as const;

const LON = 63.0;

function squareDistrict(code: string, south: number, north: number) {
  return {
    type: 'Feature' as const,
    properties: { code, name: `${code} district` },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [62.925, south],
          [63.075, south],
          [63.075, north],
          [62.925, north],
          [62.925, south],
        ],
      ],
    },
  };
}

function point(properties: Record<string, unknown>, lat: number, lon = LON) {
  return { type: 'Feature' as const, properties, geometry: { type: 'Point' as const, coordinates: [lon, lat] } };
}

/** The tiny region's manifest and files; `roads: false` leaves out the road layer. */
export function tinyRegionSources(options: { roads?: boolean; id?: string } = {}): {
  manifest: RegionManifest;
  files: Record<string, FeatureCollection>;
} {
  const roads = options.roads ?? true;
  const manifest: RegionManifest = {
    schema: 'regiontwin/region@1',
    id: options.id ?? (roads ? 'tiny' : 'tiny-no-roads'),
    name: 'Tiny hand-checkable region',
    layers: {
      districts: { path: 'districts.geojson', id: 'code', name: 'name' },
      settlements: { path: 'settlements.geojson', id: 'id', population: 'population' },
      facilities: { path: 'facilities.geojson', id: 'id', kind: 'amenity' },
      ...(roads ? { roads: { path: 'roads.geojson', id: 'id', class: 'highway' } } : {}),
    },
  };
  const files: Record<string, FeatureCollection> = {
    'districts.geojson': {
      type: 'FeatureCollection',
      features: [squareDistrict('south', 53.0, 53.09), squareDistrict('north', 53.09, 53.18)],
    },
    'settlements.geojson': {
      type: 'FeatureCollection',
      features: (['s1', 's2', 's3', 's4'] as const).map((id) =>
        point({ id, population: POPULATIONS[id] }, LATITUDES[id]),
      ),
    },
    'facilities.geojson': {
      type: 'FeatureCollection',
      features: [point({ id: 'school-1', amenity: 'school' }, LATITUDES.school)],
    },
  };
  if (roads) {
    files['roads.geojson'] = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'road-1', highway: 'primary' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [LON, LATITUDES.roadA],
              [LON, LATITUDES.roadB],
            ],
          },
        },
      ],
    };
  }
  return { manifest, files };
}

/** Loads and compiles the tiny region. */
export async function compileTinyRegion(options: { roads?: boolean; id?: string } = {}): Promise<RegionModel> {
  const { manifest, files } = tinyRegionSources(options);
  return compileRegion(await loadRegionFromObjects(manifest, files));
}
