import Flatbush from 'flatbush';
import type { FeatureCollection, Position } from 'geojson';
import { buildDistrictGrid, locateDistrict } from '../geo/district-grid.js';
import { buildPolygonTable, polygonsOf } from '../geo/polygon-table.js';

/** Point-in-boundary tests and line clipping against the union of a set of district polygons. */
export interface BoundaryClipper {
  /** Whether a point lies inside some district (the test validation uses). */
  inside(lon: number, lat: number): boolean;
  /**
   * The parts of a polyline inside the boundary, in order. Each segment is cut where it crosses a
   * district edge and the pieces whose midpoint lies inside are kept; crossing points are added
   * only where a part starts or ends (a crossing between two districts adds no vertex).
   */
  clipLine(line: Position[]): Position[][];
}

/** Builds a {@link BoundaryClipper} over the districts: a district grid and a Flatbush index of their edges. */
export function createBoundaryClipper(districts: FeatureCollection): BoundaryClipper {
  const polygons = districts.features.map((f) => polygonsOf(f.geometry));
  const table = buildPolygonTable(polygons, { centerLon: 0, centerLat: 0 });
  const grid = buildDistrictGrid(table);
  const scratch = new Uint8Array(Math.max(1, table.count));
  const edges: number[] = [];
  for (const feature of polygons) {
    for (const polygon of feature) {
      for (const ring of polygon) {
        for (let i = 1; i < ring.length; i++) edges.push(ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]);
      }
    }
  }
  const edgeCount = edges.length / 4;
  const index = new Flatbush(Math.max(1, edgeCount));
  for (let e = 0; e < edgeCount; e++) {
    const [x1, y1, x2, y2] = [edges[e * 4], edges[e * 4 + 1], edges[e * 4 + 2], edges[e * 4 + 3]];
    index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  if (edgeCount === 0) index.add(0, 0, 0, 0);
  index.finish();
  const inside = (lon: number, lat: number) => locateDistrict(grid, lon, lat, scratch) >= 0;

  /** Parameters t in (0, 1) where segment a→b crosses a district edge, ascending. */
  const crossings = (a: Position, b: Position): number[] => {
    const ts: number[] = [];
    const rx = b[0] - a[0];
    const ry = b[1] - a[1];
    for (const e of index.search(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    )) {
      if (e >= edgeCount) continue;
      const qx = edges[e * 4];
      const qy = edges[e * 4 + 1];
      const sx = edges[e * 4 + 2] - qx;
      const sy = edges[e * 4 + 3] - qy;
      const denom = rx * sy - ry * sx;
      if (denom === 0) continue; // parallel: the midpoint test decides
      const t = ((qx - a[0]) * sy - (qy - a[1]) * sx) / denom;
      const u = ((qx - a[0]) * ry - (qy - a[1]) * rx) / denom;
      if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
    }
    // An edge shared by two districts is found twice: keep one crossing per point.
    ts.sort((x, y) => x - y);
    return ts.filter((t, i) => i === 0 || t - ts[i - 1] > 1e-12);
  };

  return {
    inside,
    clipLine(line) {
      const runs: Position[][] = [];
      let current: Position[] | undefined;
      for (let i = 1; i < line.length; i++) {
        const a = line[i - 1];
        const b = line[i];
        const at = (t: number): Position =>
          t === 0 ? a : t === 1 ? b : [round7(a[0] + (b[0] - a[0]) * t), round7(a[1] + (b[1] - a[1]) * t)];
        const ts = [0, ...crossings(a, b), 1];
        const insideFlags: boolean[] = [];
        for (let k = 1; k < ts.length; k++) {
          const mid = at((ts[k - 1] + ts[k]) / 2);
          insideFlags.push(inside(mid[0], mid[1]));
        }
        for (let k = 0; k < insideFlags.length; k++) {
          if (!insideFlags[k]) {
            if (current && current.length >= 2) runs.push(current);
            current = undefined;
            continue;
          }
          if (!current) current = [at(ts[k])];
          const end = ts[k + 1];
          // A crossing between two inside pieces (an inner district border) adds no vertex.
          if (end === 1 || !insideFlags[k + 1]) current.push(at(end));
        }
      }
      if (current && current.length >= 2) runs.push(current);
      return runs;
    },
  };
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
