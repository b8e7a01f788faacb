import { describe, expect, it } from 'vitest';
import { loadRegionFromSources } from './load-region.js';
import { RegionValidationError } from './region-validation-error.js';
import { compileRegion } from '../model/compile-region.js';
import type { RegionManifest, RegionProblem } from './region-manifest.js';

/** One district, 63.0–63.2 °E × 53.0–53.2 °N. */
const districts = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'D1', name: 'District' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [63.0, 53.0],
            [63.2, 53.0],
            [63.2, 53.2],
            [63.0, 53.2],
            [63.0, 53.0],
          ],
        ],
      },
    },
  ],
});

const manifest = (layers: Record<string, unknown>): string =>
  JSON.stringify({
    schema: 'regiontwin/region@1',
    id: 'csv',
    name: 'CSV region',
    layers: { districts: { path: 'districts.geojson', id: 'id', name: 'name' }, ...layers },
  } satisfies Omit<RegionManifest, 'layers'> & { layers: unknown });

async function load(layers: Record<string, unknown>, files: Record<string, string>) {
  const all: Record<string, string> = { 'districts.geojson': districts, ...files };
  return loadRegionFromSources(manifest(layers), 'region.json', async (path) =>
    path in all ? { kind: 'ok', bytes: new TextEncoder().encode(all[path]) } : { kind: 'missing', reason: 'missing' },
  );
}

async function problemsOf(layers: Record<string, unknown>, files: Record<string, string>): Promise<RegionProblem[]> {
  try {
    await load(layers, files);
  } catch (error) {
    if (error instanceof RegionValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the region to be rejected');
}

const settlements = { path: 'villages.csv', id: 'code', name: 'name', population: 'people', lon: 'x', lat: 'y' };

describe('CSV layers', () => {
  it('loads points from a semicolon CSV with a BOM, quotes and thousands separators', async () => {
    const csv = '\uFEFFcode;name;people;x;y\r\nV1;"Alpha; north";1 200;63.05;53.05\r\nV2;Beta;800;63.15;53.15\r\n';
    const region = await load({ settlements }, { 'villages.csv': csv });
    expect(region.layers.settlements!.features.map((f) => f.properties)).toEqual([
      { code: 'V1', name: 'Alpha; north', people: '1 200', x: '63.05', y: '53.05' },
      { code: 'V2', name: 'Beta', people: '800', x: '63.15', y: '53.15' },
    ]);
    const model = compileRegion(region);
    expect(Array.from(model.demand.population)).toEqual([1200, 800]);
    expect(Array.from(model.demand.lonLat)).toEqual([63.05, 53.05, 63.15, 53.15]);
  });

  it('reports every bad row with its row number (blank lines and quoted line breaks counted)', async () => {
    const csv = [
      'code,name,people,x,y', // row 1
      'V1,Alpha,100,63.05,53.05', // row 2: good
      'V2,Beta,200,63.05', // row 3: a field short (so y is empty)
      '', // row 4: blank
      'V3,Gamma,300,abc,53.05', // row 5: lon not a number
      'V4,"Delta', // rows 6–7: a quoted line break in the name
      'village",400,63.1,200', // lat out of range
      'V5,Epsilon,500,64.5,53.1', // row 8: outside every district
      'V6,Zeta,-5,63.1,53.1', // row 9: negative population
    ].join('\n');
    const problems = await problemsOf({ settlements }, { 'villages.csv': csv });
    expect(problems.map((p) => `${p.code} ${p.message}`)).toEqual([
      'csv-invalid row 3 has 4 fields, the header has 5',
      'coordinate-not-finite row 3: lat is empty',
      'coordinate-not-finite row 5: lon "abc" is not a number (use a decimal point, e.g. 63.625)',
      'coordinate-out-of-range row 6: has 1 position(s) outside lon −180…180 / lat −90…90 (first: position [63.1,200])',
      'population-invalid row 9: population -5 is negative',
      'outside-districts row 8: position 64.50000, 53.10000 is outside every district',
    ]);
    expect(problems.every((p) => p.file === 'villages.csv' && p.layer === 'settlements')).toBe(true);
  });

  it('reports a lon/lat column that the header lacks', async () => {
    const problems = await problemsOf(
      { settlements },
      { 'villages.csv': 'code,name,people,lon,lat\nV1,A,1,63.1,53.1\n' },
    );
    expect(problems.map((p) => p.message)).toContain(
      'mapping "lon" names column "x", which the header does not have (columns: code, name, people, lon, lat)',
    );
  });

  it('checks the manifest: CSV needs lon and lat, GeoJSON takes neither, only point layers', async () => {
    const noLat = await problemsOf({ settlements: { ...settlements, lat: undefined } }, {});
    expect(noLat[0].message).toBe(
      'layer "settlements" is a CSV file: map "lon" and "lat" to its longitude and latitude columns',
    );
    const geojsonLon = await problemsOf({ settlements: { ...settlements, path: 'villages.geojson' } }, {});
    expect(geojsonLon[0].message).toBe(
      'layer "settlements": "lon" and "lat" apply to CSV layers only (GeoJSON carries its own geometry)',
    );
    const roads = await problemsOf(
      { settlements, roads: { path: 'roads.csv', lon: 'x', lat: 'y' } },
      { 'villages.csv': 'code,name,people,x,y\n' },
    );
    expect(roads.map((p) => p.message)).toContain(
      'layer "roads" cannot be a CSV file (only settlements and facilities can: points with lon/lat columns)',
    );
  });
});
