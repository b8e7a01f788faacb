/**
 * Seeded synthetic districts shaped like real admin boundaries: a grid of cells over an
 * oblast-sized area whose shared borders are jagged polylines. Adjacent districts use the very
 * same vertex arrays for their common border (shared exactly, as in a topologically clean
 * admin-boundary data set), and every ring is simple.
 *
 * Why the rings are simple: each border is a graph over its own axis (parameter t strictly
 * increasing) displaced perpendicularly by at most A·sin(πt) with A = 0.12 × the shorter cell
 * side. Near a corner a border therefore stays inside the cone |offset| ≤ Aπ/L × distance
 * (slope < 0.4 here), and the cones of a horizontal and a vertical border meet only at the corner.
 */
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { mulberry32 } from './harness.js';

/** Options for {@link buildSyntheticDistricts}. */
export interface SyntheticDistrictOptions {
  /** Cells across (west → east). @default 20 */
  columns?: number;
  /** Cells down (south → north). @default 10 */
  rows?: number;
  /** Width of the whole area, km. @default 600 */
  widthKm?: number;
  /** Height of the whole area, km. @default 400 */
  heightKm?: number;
  /** Centre, degrees. @default [63.6, 53.2] (Kostanay) */
  center?: [number, number];
  /** Vertices per border, inclusive range. @default [50, 200] */
  verticesPerBorder?: [number, number];
  /** PRNG seed. @default 1 */
  seed?: number;
}

/** Districts as a GeoJSON FeatureCollection of Polygons, with `id` and `name` properties. */
export function buildSyntheticDistricts(options: SyntheticDistrictOptions = {}): FeatureCollection<Polygon> {
  const {
    columns = 20,
    rows = 10,
    widthKm = 600,
    heightKm = 400,
    center = [63.6, 53.2],
    verticesPerBorder = [50, 200],
    seed = 1,
  } = options;
  const random = mulberry32(seed);
  const cellWidth = widthKm / columns;
  const cellHeight = heightKm / rows;
  const amplitude = 0.12 * Math.min(cellWidth, cellHeight);
  const kmPerDegreeLat = 110.574;
  const kmPerDegreeLon = 111.32 * Math.cos((center[1] * Math.PI) / 180);
  const toLonLat = (xKm: number, yKm: number): Position => [
    center[0] + (xKm - widthKm / 2) / kmPerDegreeLon,
    center[1] + (yKm - heightKm / 2) / kmPerDegreeLat,
  ];
  const corners: Position[][] = [];
  for (let i = 0; i <= columns; i++) {
    corners.push([]);
    for (let j = 0; j <= rows; j++) corners[i].push(toLonLat(i * cellWidth, j * cellHeight));
  }

  /** A jagged border from corner a to corner b (both ends included, shared with other borders). */
  const border = (ax: number, ay: number, bx: number, by: number, a: Position, b: Position): Position[] => {
    const [low, high] = verticesPerBorder;
    const n = low + Math.floor(random() * (high - low + 1));
    // Uneven but strictly increasing spacing, like digitised boundaries.
    const steps: number[] = [];
    let total = 0;
    for (let k = 1; k < n; k++) {
      const step = 0.2 + random();
      steps.push(step);
      total += step;
    }
    const length = Math.hypot(bx - ax, by - ay);
    const ux = (bx - ax) / length;
    const uy = (by - ay) / length;
    const points: Position[] = [a];
    let t = 0;
    let walk = 0;
    for (let k = 1; k < n - 1; k++) {
      t += steps[k - 1] / total;
      walk = Math.max(-1, Math.min(1, walk + (random() - 0.5) * 0.5));
      const offset = amplitude * Math.sin(Math.PI * t) * walk;
      points.push(toLonLat(ax + ux * length * t - uy * offset, ay + uy * length * t + ux * offset));
    }
    points.push(b);
    return points;
  };

  // horizontal[i][j]: from corner (i, j) to (i+1, j); vertical[i][j]: from (i, j) to (i, j+1).
  const horizontal: Position[][][] = [];
  const vertical: Position[][][] = [];
  for (let i = 0; i <= columns; i++) {
    horizontal.push([]);
    vertical.push([]);
    for (let j = 0; j <= rows; j++) {
      if (i < columns) {
        horizontal[i].push(
          border(i * cellWidth, j * cellHeight, (i + 1) * cellWidth, j * cellHeight, corners[i][j], corners[i + 1][j]),
        );
      }
      if (j < rows) {
        vertical[i].push(
          border(i * cellWidth, j * cellHeight, i * cellWidth, (j + 1) * cellHeight, corners[i][j], corners[i][j + 1]),
        );
      }
    }
  }

  const features: Feature<Polygon>[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      // Counter-clockwise (RFC 7946): bottom → right → top (reversed) → left (reversed).
      const ring: Position[] = [
        ...horizontal[i][j].slice(0, -1),
        ...vertical[i + 1][j].slice(0, -1),
        ...[...horizontal[i][j + 1]].reverse().slice(0, -1),
        ...[...vertical[i][j]].reverse().slice(0, -1),
      ];
      ring.push(ring[0]);
      const index = j * columns + i;
      features.push({
        type: 'Feature',
        properties: { id: `D${String(index).padStart(3, '0')}`, name: `District ${index + 1}` },
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** Bounding box [minLon, minLat, maxLon, maxLat] of every vertex of the collection. */
export function boundsOfPolygons(collection: FeatureCollection<Polygon>): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of collection.features) {
    for (const ring of feature.geometry.coordinates) {
      for (const [lon, lat] of ring) {
        if (lon < b[0]) b[0] = lon;
        if (lat < b[1]) b[1] = lat;
        if (lon > b[2]) b[2] = lon;
        if (lat > b[3]) b[3] = lat;
      }
    }
  }
  return b;
}

/** `count` seeded uniform random points in `bbox`, interleaved lon, lat. */
export function randomPointsInBounds(
  count: number,
  bbox: [number, number, number, number],
  seed: number,
): Float64Array {
  const random = mulberry32(seed);
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    out[i * 2] = bbox[0] + random() * (bbox[2] - bbox[0]);
    out[i * 2 + 1] = bbox[1] + random() * (bbox[3] - bbox[1]);
  }
  return out;
}
