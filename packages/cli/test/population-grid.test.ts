/**
 * `regiontwin import population-grid` on GeoTIFFs written here with geotiff.js (seeded by hand):
 * a 5 × 2 grid of 0.05° cells over the two fixture districts (63.0–63.2 °E × 53.0–53.1 °N) and
 * one column beyond them (63.20–63.25 °E).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { writeArrayBuffer } from 'geotiff';
import { main } from '../src/main.js';

const csvRegion = join(import.meta.dirname, '../../../fixtures/osm/csv-region');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regiontwin-grid-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// Rows from the north (53.10–53.05 °N, then 53.05–53.00 °N); columns from 63.00 °E, 0.05° each.
// −1 is "no data"; −5 is invalid; 99 and 1 lie east of the districts.
const values = new Float32Array([10, 20, 0, 40, 99, -5, -1, 30, 60, 1]);
async function writeGrid(name: string, geoKeys: Record<string, number>): Promise<string> {
  const buffer = writeArrayBuffer(values, {
    width: 5,
    height: 2,
    ModelPixelScale: [0.05, 0.05, 0],
    ModelTiepoint: [0, 0, 0, 63.0, 53.1, 0],
    GDAL_NODATA: '-1',
    SampleFormat: [3],
    BitsPerSample: [32],
    ...geoKeys,
  });
  const path = join(dir, name);
  await writeFile(path, new Uint8Array(buffer));
  return path;
}

describe('regiontwin import population-grid', () => {
  it('turns populated cells inside the districts into demand points', async () => {
    const grid = await writeGrid('people.tif', {
      GTModelTypeGeoKey: 2,
      GTRasterTypeGeoKey: 1,
      GeographicTypeGeoKey: 4326,
    });
    const out = join(dir, 'grid-region');
    const r = await cli(['import', 'population-grid', grid, '--region', csvRegion, '--out', out]);
    expect(r.code).toBe(0);
    // Inside: 10 + 20 + 40 (north row, columns 0, 1, 3) + 30 + 60 (south row, columns 2, 3) = 160
    // people in 5 cells; the zero cell writes nothing; 99 and 1 lie outside; −1 is no data; −5 invalid.
    expect(r.out).toBe(
      `wrote ${out}: 5 populated cells inside the districts, 160 people; outside the districts: 2 cells, 100 people; no data: 1 cell`,
    );
    expect(r.err).toBe(`warning: ${grid}: 1 cell with a negative or non-numeric value, not counted`);
    const points = JSON.parse(await readFile(join(out, 'population-grid.geojson'), 'utf8')) as FeatureCollection;
    expect(points.features.map((f) => [f.properties!.id, f.properties!.population, f.geometry])).toEqual([
      ['cell-0-0', 10, { type: 'Point', coordinates: [63.025, 53.075] }],
      ['cell-0-1', 20, { type: 'Point', coordinates: [63.075, 53.075] }],
      ['cell-0-3', 40, { type: 'Point', coordinates: [63.175, 53.075] }],
      ['cell-1-2', 30, { type: 'Point', coordinates: [63.125, 53.025] }],
      ['cell-1-3', 60, { type: 'Point', coordinates: [63.175, 53.025] }],
    ]);
    const validate = await cli(['validate', out]);
    expect(validate.code).toBe(0);
    expect(validate.out).toContain('5 demand points (160 people), 2 facilities');
  });

  it('refuses a projected grid with the command that fixes it', async () => {
    const grid = await writeGrid('utm.tif', {
      GTModelTypeGeoKey: 1,
      GTRasterTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 32641,
    });
    const r = await cli(['import', 'population-grid', grid, '--region', csvRegion, '--out', join(dir, 'never')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `error: ${grid}: is in a projected coordinate system (EPSG:32641); reproject it to lon/lat first: gdalwarp -t_srs EPSG:4326 utm.tif grid-4326.tif`,
    );
  });

  it('refuses a file that is not a GeoTIFF', async () => {
    const path = join(dir, 'not.tif');
    await writeFile(path, 'hello');
    const r = await cli(['import', 'population-grid', path, '--region', csvRegion, '--out', join(dir, 'never')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: .*not\.tif: is not a readable GeoTIFF/);
  });
});
