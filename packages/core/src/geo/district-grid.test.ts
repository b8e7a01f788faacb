import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildDistrictGrid, locateDistrict } from './district-grid.js';
import { buildPolygonTable, polygonsOf } from './polygon-table.js';
import { createSeededRandom, type RandomSource } from '../random/seeded-random.js';
import { generateSyntheticRegion, SYNTHETIC_FILE_NAMES } from '../synthetic/generate-synthetic-region.js';

/** The real Kostanay districts live outside the repository (see fixtures/LICENSES.md). */
const KOSTANAY_DISTRICTS = fileURLToPath(
  new URL('../../../../../shared/data/kazakhstan/kostanay_districts.geojson', import.meta.url),
);

type Districts = FeatureCollection<Polygon | MultiPolygon>;

/** Index of the first district turf puts the point in (boundary counts as inside), or -1. */
function turfDistrict(districts: Districts, lon: number, lat: number): number {
  for (let d = 0; d < districts.features.length; d++) {
    if (booleanPointInPolygon([lon, lat], districts.features[d])) return d;
  }
  return -1;
}

/** Every district turf puts the point in (more than one only where districts overlap). */
function turfDistricts(districts: Districts, lon: number, lat: number): number[] {
  return districts.features.flatMap((f, d) => (booleanPointInPolygon([lon, lat], f) ? [d] : []));
}

function bboxOf(districts: Districts): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of districts.features) {
    for (const polygon of polygonsOf(f.geometry)) {
      for (const [lon, lat] of polygon[0]) {
        box[0] = Math.min(box[0], lon);
        box[1] = Math.min(box[1], lat);
        box[2] = Math.max(box[2], lon);
        box[3] = Math.max(box[3], lat);
      }
    }
  }
  return box;
}

/**
 * Random points: half uniform over the bounding box (a 5 % margin around it), half within
 * ±`jitter` degrees of a random boundary vertex, where the grid's cells have edges to test.
 */
function samplePoints(districts: Districts, count: number, random: RandomSource, jitter: number): Float64Array {
  const [minX, minY, maxX, maxY] = bboxOf(districts);
  const marginX = (maxX - minX) * 0.05;
  const marginY = (maxY - minY) * 0.05;
  const vertices = districts.features.flatMap((f) => polygonsOf(f.geometry).flat(2));
  const points = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      points[i * 2] = minX - marginX + random() * (maxX - minX + 2 * marginX);
      points[i * 2 + 1] = minY - marginY + random() * (maxY - minY + 2 * marginY);
    } else {
      const [lon, lat] = vertices[Math.floor(random() * vertices.length)];
      points[i * 2] = lon + (random() - 0.5) * 2 * jitter;
      points[i * 2 + 1] = lat + (random() - 0.5) * 2 * jitter;
    }
  }
  return points;
}

/** Compares locateDistrict with turf; returns the disagreements (none expected). */
function compareWithTurf(
  districts: Districts,
  points: Float64Array,
): { lon: number; lat: number; grid: number; turf: number[] }[] {
  const table = buildPolygonTable(
    districts.features.map((f) => polygonsOf(f.geometry)),
    { centerLon: 0, centerLat: 0 },
  );
  const grid = buildDistrictGrid(table);
  const scratch = new Uint8Array(table.count);
  const disagreements = [];
  let scratchLeftDirty = 0;
  for (let i = 0; i < points.length; i += 2) {
    const lon = points[i];
    const lat = points[i + 1];
    const found = locateDistrict(grid, lon, lat, scratch);
    if (found !== turfDistrict(districts, lon, lat)) {
      const all = turfDistricts(districts, lon, lat);
      // Where districts overlap (invalid data), any of them is an acceptable answer.
      if (!(all.length > 1 && all.includes(found))) disagreements.push({ lon, lat, grid: found, turf: all });
    }
    if (scratch.some((v) => v !== 0)) scratchLeftDirty++;
  }
  expect(scratchLeftDirty).toBe(0);
  return disagreements;
}

describe('locateDistrict agrees with turf.booleanPointInPolygon', () => {
  it.skipIf(!existsSync(KOSTANAY_DISTRICTS))('on 20,000 points over the real Kostanay districts', () => {
    const districts = JSON.parse(readFileSync(KOSTANAY_DISTRICTS, 'utf8')) as Districts;
    expect(districts.features).toHaveLength(20);
    const points = samplePoints(districts, 20_000, createSeededRandom(2024), 0.01);
    expect(compareWithTurf(districts, points)).toEqual([]);
  });

  it('on 20,000 points over synthetic district grids', () => {
    // Grid-aligned districts put many edges on round coordinates: the case where a cell centre
    // can land exactly on an edge (see buildDistrictGrid).
    for (const [columns, rows] of [
      [2, 2],
      [1, 2],
      [3, 2],
      [5, 2],
      [4, 4],
      [6, 3],
    ]) {
      const region = generateSyntheticRegion({ districtColumns: columns, districtRows: rows, villagesPerDistrict: 0 });
      const districts = region.files[SYNTHETIC_FILE_NAMES.districts] as Districts;
      const points = samplePoints(districts, 20_000, createSeededRandom(columns * 10 + rows), 0.002);
      expect(compareWithTurf(districts, points), `${columns}×${rows}`).toEqual([]);
    }
  });

  it('on hand-made polygons with holes, islands in holes, MultiPolygons and concave shapes', () => {
    const square = (x0: number, y0: number, x1: number, y1: number) => [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ];
    const feature = (geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> => ({
      type: 'Feature',
      properties: {},
      geometry,
    });
    const districts: Districts = {
      type: 'FeatureCollection',
      features: [
        // 0: a square with two holes (holes clockwise, RFC 7946).
        feature({
          type: 'Polygon',
          coordinates: [square(0, 0, 10, 10), square(2, 2, 4, 4).reverse(), square(6, 6, 8, 9).reverse()],
        }),
        // 1: the first hole filled, plus a far part: a MultiPolygon.
        feature({ type: 'MultiPolygon', coordinates: [[square(2, 2, 4, 4)], [square(20, 0, 22, 3)]] }),
        // 2: a concave U east of 0, sharing its western edge with 0's eastern edge.
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [10, 0],
              [16, 0],
              [16, 10],
              [14, 10],
              [14, 3],
              [12, 3],
              [12, 10],
              [10, 10],
              [10, 0],
            ],
          ],
        }),
        // 3: a MultiPolygon with a hole in one part and a triangle in the U's gap.
        feature({
          type: 'MultiPolygon',
          coordinates: [
            [square(0, 12, 6, 18), square(1, 13, 5, 17).reverse()],
            [
              [
                [12.5, 4],
                [13.5, 4],
                [13, 9],
                [12.5, 4],
              ],
            ],
          ],
        }),
      ],
    };
    const table = buildPolygonTable(
      districts.features.map((f) => polygonsOf(f.geometry)),
      { centerLon: 0, centerLat: 0 },
    );
    const grid = buildDistrictGrid(table);
    const scratch = new Uint8Array(table.count);
    const at = (lon: number, lat: number) => locateDistrict(grid, lon, lat, scratch);
    expect(at(1, 1)).toBe(0);
    expect(at(3, 3)).toBe(1); // in 0's hole, on 1's island
    expect(at(7, 7)).toBe(-1); // in 0's second, empty hole
    expect(at(21, 1)).toBe(1); // 1's far part
    expect(at(13, 1)).toBe(2); // the U's base
    expect(at(13, 8)).toBe(3); // the triangle in the U's gap
    expect(at(12.6, 8)).toBe(-1); // in the gap beside the triangle
    expect(at(3, 15)).toBe(-1); // in 3's hole
    expect(at(0.5, 12.5)).toBe(3);
    expect(at(30, 30)).toBe(-1);
    const points = samplePoints(districts, 20_000, createSeededRandom(77), 0.05);
    expect(compareWithTurf(districts, points)).toEqual([]);
  });

  it('keeps cell centres off the edges of grid-aligned districts', () => {
    // The default synthetic 2×2 grid gets 83×49 cells: at the first try the middle row's centres
    // lie exactly on the shared parallel, and points just south of it were put in the district
    // north of it (the bug this guards against; see buildDistrictGrid).
    const region = generateSyntheticRegion({ villagesPerDistrict: 0 });
    const districts = region.files[SYNTHETIC_FILE_NAMES.districts] as Districts;
    const table = buildPolygonTable(
      districts.features.map((f) => polygonsOf(f.geometry)),
      { centerLon: 0, centerLat: 0 },
    );
    const grid = buildDistrictGrid(table);
    expect([grid.header[4], grid.header[5]]).toEqual([83, 49]);
    const [west, south] = districts.features[0].geometry.coordinates[0][0] as number[];
    const [middleLon, middleLat] = districts.features[0].geometry.coordinates[0][2] as number[];
    const [east, north] = districts.features[3].geometry.coordinates[0][2] as number[];
    const scratch = new Uint8Array(4);
    const wrong: string[] = [];
    const check = (lon: number, lat: number, expected: number) => {
      const found = locateDistrict(grid, lon, lat, scratch);
      if (found !== expected) wrong.push(`${lon}, ${lat}: ${found} instead of ${expected}`);
    };
    const steps = 1000;
    for (let k = 1; k < steps; k++) {
      const lon = west + ((east - west) * k) / steps;
      const lat = south + ((north - south) * k) / steps;
      if (lon !== middleLon) {
        check(lon, middleLat - 1e-7, lon < middleLon ? 0 : 1);
        check(lon, middleLat + 1e-7, lon < middleLon ? 2 : 3);
      }
      if (lat !== middleLat) {
        check(middleLon - 1e-7, lat, lat < middleLat ? 0 : 2);
        check(middleLon + 1e-7, lat, lat < middleLat ? 1 : 3);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('puts points exactly on a boundary in a district that touches it, never outside', () => {
    // Two districts sharing the meridian 65°E (the tiny CLI region's layout). Points exactly on the
    // shared edge, on a shared vertex and on the outer boundary: parity alone can call them outside
    // both districts; closed districts contain their boundary (as turf's booleanPointInPolygon does).
    const box = (w: number, e: number): Feature<Polygon> => ({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [w, 50],
            [e, 50],
            [e, 51],
            [w, 51],
            [w, 50],
          ],
        ],
      },
    });
    const districts: Districts = { type: 'FeatureCollection', features: [box(64, 65), box(65, 66)] };
    const table = buildPolygonTable(
      districts.features.map((f) => polygonsOf(f.geometry)),
      { centerLon: 0, centerLat: 0 },
    );
    const grid = buildDistrictGrid(table);
    const scratch = new Uint8Array(2);
    const onBoundary: [number, number][] = [
      [65, 50.5],
      [65, 50.123456789],
      [65, 50],
      [65, 51],
      [64, 50.5],
      [66, 50.7],
      [64.3, 50],
      [65.9, 51],
    ];
    for (const [lon, lat] of onBoundary) {
      const found = locateDistrict(grid, lon, lat, scratch);
      expect(turfDistricts(districts, lon, lat), `${lon}, ${lat}`).toContain(found);
    }
    // Just off the boundary nothing changes.
    expect(locateDistrict(grid, 64.999999, 50.5, scratch)).toBe(0);
    expect(locateDistrict(grid, 65.000001, 50.5, scratch)).toBe(1);
    expect(locateDistrict(grid, 63.999999, 50.5, scratch)).toBe(-1);
    expect(locateDistrict(grid, 65, 51.000001, scratch)).toBe(-1);
  });
});
