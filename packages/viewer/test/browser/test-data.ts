import type { FeatureCollection } from 'geojson';
import type { RegionManifest, RegionModel, ScenarioResult } from '@regiontwin/core';

/**
 * Test data for the browser tests: the manifest that maps the real Kostanay files (read from
 * ../shared/data/kazakhstan, never copied into the repository), a small hand-made region, and a
 * hand-written result.json. The numbers of the result are made up — the viewer only draws them.
 */

/** The Kostanay layers as served by the test server under /data/. */
export const KOSTANAY_FILES = {
  districts: 'kostanay_districts.geojson',
  settlements: 'kostanay_settlements.geojson',
  facilities: 'kostanay_city_pois_osm.geojson',
} as const;

/** Manifest mapping the source property names of the Kostanay files. */
export const KOSTANAY_MANIFEST: RegionManifest = {
  schema: 'regiontwin/region@1',
  id: 'kz-kostanay',
  name: 'Kostanay oblast',
  allowMissingPopulation: true,
  layers: {
    districts: { path: KOSTANAY_FILES.districts, id: 'ADM2_PCODE', name: 'ADM2_EN', naturalZone: 'natural_zone_en' },
    settlements: { path: KOSTANAY_FILES.settlements, id: 'id', name: 'name_en', population: 'population' },
    facilities: { path: KOSTANAY_FILES.facilities, id: 'id', kind: 'amenity', name: 'name' },
  },
  attribution: [
    'OCHA COD-AB Kazakhstan 2024 via geokz 1.0.2, CC BY 4.0',
    'GeoNames, CC BY 4.0; Natural Earth',
    '© OpenStreetMap contributors, ODbL 1.0',
  ],
} as RegionManifest;

/**
 * A result for the Kostanay model: "people within 30 km of an IT hub", hubs opening in Kostanay
 * (2026), Rudny (2027) and Arkalyk (2028); district values follow a fixed pattern, and the last
 * district has no value (null) so the "no data" colour shows.
 */
export function kostanayResult(model: RegionModel): ScenarioResult {
  const hubAt = (name: string): [number, number] => {
    const i = model.demand.names.indexOf(name);
    if (i < 0) throw new Error(`no settlement ${name}`);
    return [model.demand.lonLat[i * 2], model.demand.lonLat[i * 2 + 1]];
  };
  const byDistrict = model.districts.ids.map((id, i) => {
    if (i === model.districts.count - 1)
      return { id, name: model.districts.names[i], baseline: null, scenario: null, delta: null };
    const baseline = ((i * 37) % 20) * 1500;
    const scenario = baseline + ((i * 13) % 7) * 2600;
    return { id, name: model.districts.names[i], baseline, scenario, delta: scenario - baseline };
  });
  const sum = (key: 'baseline' | 'scenario') => byDistrict.reduce((total, d) => total + (d[key] ?? 0), 0);
  /** A year's district values: `share` of each district's final change has happened. */
  const districtsInYear = (share: number) => ({
    baseline: byDistrict.map((d) => d.baseline),
    scenario: byDistrict.map((d) => (d.baseline === null || d.delta === null ? null : d.baseline + d.delta * share)),
  });
  const baseline = sum('baseline');
  const scenario = sum('scenario');
  return {
    schema: 'regiontwin/result@1',
    scenario: 'IT hubs in the three largest towns',
    region: model.id,
    years: { start: 2026, end: 2028 },
    seed: 1,
    assumptions: {},
    interventions: [
      { type: 'add-facility', kind: 'it-hub', at: hubAt('Kostanay'), name: 'Kostanay IT hub', year: 2026 },
      {
        template: 'it-hub-per-district',
        params: {},
        year: 2027,
        changes: [{ type: 'add-facility', kind: 'it-hub', at: hubAt('Rudnyy'), name: 'Rudny IT hub', capacity: 20 }],
      },
      { type: 'add-facility', kind: 'it-hub', at: hubAt('Arkalyk'), name: 'Arkalyk IT hub', year: 2028 },
    ],
    indicators: [
      {
        id: 'population-within-distance',
        params: { kind: 'it-hub', meters: 30000 },
        unit: 'people',
        label: 'People within 30 km of an IT hub',
        better: 'higher',
        baseline,
        scenario,
        delta: scenario - baseline,
        byDistrict,
        byYear: [
          {
            year: 2026,
            baseline,
            scenario: baseline + (scenario - baseline) * 0.4,
            delta: (scenario - baseline) * 0.4,
            byDistrict: districtsInYear(0.4),
          },
          {
            year: 2027,
            baseline,
            scenario: baseline + (scenario - baseline) * 0.7,
            delta: (scenario - baseline) * 0.7,
            byDistrict: districtsInYear(0.7),
          },
          { year: 2028, baseline, scenario, delta: scenario - baseline, byDistrict: districtsInYear(1) },
        ],
      },
      {
        id: 'population-within-travel-time',
        params: { kind: 'it-hub', minutes: 60 },
        unit: 'people',
        label: 'People within 60 min of an IT hub',
        better: 'higher',
        baseline: 0,
        scenario,
        delta: scenario,
        byDistrict: byDistrict.map((d) => ({ ...d, baseline: 0, delta: d.scenario })),
        byYear: [],
      },
      {
        id: 'mean-travel-time',
        params: { kind: 'school' },
        unit: 'minutes',
        label: 'Mean travel time to a school',
        better: 'lower',
        baseline: 21,
        scenario: 18,
        delta: -3,
        byDistrict: model.districts.ids.map((id, i) => ({
          id,
          name: model.districts.names[i],
          baseline: 10 + ((i * 7) % 30),
          scenario: 10 + ((i * 7) % 30) - (i % 4),
          delta: -(i % 4),
        })),
        byYear: [],
      },
    ],
    attribution: model.attribution,
    warnings: [],
  };
}

/**
 * A small hand-made region: a 2 × 2 grid of square districts 0.1° wide around (63.6 E, 53.2 N),
 * a settlement in each, four roads and a school. `names` overrides district names (for the test
 * that names are shown as text).
 */
export function smallRegionSources(names: string[] = ['North-west', 'North-east', 'South-west', 'South-east']): {
  manifest: RegionManifest;
  files: Record<string, FeatureCollection>;
} {
  const lon0 = 63.5;
  const lat0 = 53.1;
  const size = 0.1;
  const cells = [
    [0, 1],
    [1, 1],
    [0, 0],
    [1, 0],
  ];
  const districts: FeatureCollection = {
    type: 'FeatureCollection',
    features: cells.map(([cx, cy], i) => {
      const x = lon0 + cx * size;
      const y = lat0 + cy * size;
      return {
        type: 'Feature',
        properties: { code: `D${i + 1}`, name: names[i] },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + size, y],
              [x + size, y + size],
              [x, y + size],
              [x, y],
            ],
          ],
        },
      };
    }),
  };
  const settlements: FeatureCollection = {
    type: 'FeatureCollection',
    features: cells.map(([cx, cy], i) => ({
      type: 'Feature',
      properties: { id: `s${i + 1}`, name: `Village ${i + 1}`, population: 500 * (i + 1) },
      geometry: { type: 'Point', coordinates: [lon0 + (cx + 0.3) * size, lat0 + (cy + 0.7) * size] },
    })),
  };
  const roads: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        class: 'primary',
        coordinates: [
          [lon0 + 0.01, lat0 + 0.1],
          [lon0 + 0.19, lat0 + 0.1],
        ],
      },
      {
        class: 'secondary',
        coordinates: [
          [lon0 + 0.1, lat0 + 0.01],
          [lon0 + 0.1, lat0 + 0.19],
        ],
      },
      {
        class: 'residential',
        coordinates: [
          [lon0 + 0.03, lat0 + 0.17],
          [lon0 + 0.1, lat0 + 0.1],
        ],
      },
      {
        class: 'tertiary',
        coordinates: [
          [lon0 + 0.1, lat0 + 0.1],
          [lon0 + 0.17, lat0 + 0.03],
        ],
      },
    ].map((road, i) => ({
      type: 'Feature',
      properties: { id: `r${i}`, highway: road.class },
      geometry: { type: 'LineString', coordinates: road.coordinates },
    })),
  };
  const facilities: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { id: 'school-1', amenity: 'school', name: 'School <b>No. 1</b>' },
        geometry: { type: 'Point', coordinates: [lon0 + 0.15, lat0 + 0.05] },
      },
    ],
  };
  const manifest = {
    schema: 'regiontwin/region@1',
    id: 'test-grid',
    name: 'Test grid',
    layers: {
      districts: { path: 'districts.geojson', id: 'code', name: 'name' },
      settlements: { path: 'settlements.geojson', id: 'id', name: 'name', population: 'population' },
      roads: { path: 'roads.geojson', id: 'id', class: 'highway' },
      facilities: { path: 'facilities.geojson', id: 'id', kind: 'amenity', name: 'name' },
    },
    attribution: ['made by hand for tests'],
  } as RegionManifest;
  return {
    manifest,
    files: {
      'districts.geojson': districts,
      'settlements.geojson': settlements,
      'roads.geojson': roads,
      'facilities.geojson': facilities,
    },
  };
}
