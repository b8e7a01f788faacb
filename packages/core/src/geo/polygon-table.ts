import type { Position } from 'geojson';
import type { PolygonTable, ProjectionParams } from '../model/region-model.js';
import { projectInterleaved } from './projection.js';

/** A polygon as GeoJSON coordinates: rings of positions (closed, as in RFC 7946). */
export type PolygonCoordinates = Position[][];

/**
 * Packs features' polygons into the columnar {@link PolygonTable}. `polygonsPerFeature[i]` lists
 * the polygons (parts) of feature i. Closing vertices are dropped (rings stored open).
 */
export function buildPolygonTable(
  polygonsPerFeature: PolygonCoordinates[][],
  projection: ProjectionParams,
): PolygonTable {
  let parts = 0;
  let rings = 0;
  let vertices = 0;
  for (const polygons of polygonsPerFeature) {
    parts += polygons.length;
    for (const polygon of polygons) {
      rings += polygon.length;
      for (const ring of polygon) vertices += openRingLength(ring);
    }
  }
  const partOffsets = new Uint32Array(polygonsPerFeature.length + 1);
  const ringOffsets = new Uint32Array(parts + 1);
  const vertexOffsets = new Uint32Array(rings + 1);
  const lonLat = new Float64Array(vertices * 2);
  let p = 0;
  let r = 0;
  let v = 0;
  polygonsPerFeature.forEach((polygons, i) => {
    partOffsets[i] = p;
    for (const polygon of polygons) {
      ringOffsets[p++] = r;
      for (const ring of polygon) {
        vertexOffsets[r++] = v;
        const n = openRingLength(ring);
        for (let k = 0; k < n; k++) {
          lonLat[v * 2] = ring[k][0];
          lonLat[v * 2 + 1] = ring[k][1];
          v++;
        }
      }
    }
  });
  partOffsets[polygonsPerFeature.length] = p;
  ringOffsets[parts] = r;
  vertexOffsets[rings] = v;
  return {
    count: polygonsPerFeature.length,
    partOffsets,
    ringOffsets,
    vertexOffsets,
    lonLat,
    xy: projectInterleaved(projection, lonLat),
  };
}

function openRingLength(ring: Position[]): number {
  const n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) return n - 1;
  return n;
}

/** Returns the polygons of a Polygon or MultiPolygon geometry ([] for anything else). */
export function polygonsOf(geometry: unknown): PolygonCoordinates[] {
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g?.type === 'Polygon') return [g.coordinates as PolygonCoordinates];
  if (g?.type === 'MultiPolygon') return g.coordinates as PolygonCoordinates[];
  return [];
}

/** Area-weighted centroid of the exterior rings of a feature in a PolygonTable, in lon/lat (planar). */
export function polygonTableCentroid(table: PolygonTable, feature: number): [number, number] {
  let sumX = 0;
  let sumY = 0;
  let sumA = 0;
  const ll = table.lonLat;
  for (let p = table.partOffsets[feature]; p < table.partOffsets[feature + 1]; p++) {
    const r = table.ringOffsets[p];
    const start = table.vertexOffsets[r];
    const end = table.vertexOffsets[r + 1];
    for (let v = start; v < end; v++) {
      const w = v + 1 < end ? v + 1 : start;
      const cross = ll[v * 2] * ll[w * 2 + 1] - ll[w * 2] * ll[v * 2 + 1];
      sumA += cross;
      sumX += (ll[v * 2] + ll[w * 2]) * cross;
      sumY += (ll[v * 2 + 1] + ll[w * 2 + 1]) * cross;
    }
  }
  if (Math.abs(sumA) < 1e-18) {
    const start = table.vertexOffsets[table.ringOffsets[table.partOffsets[feature]]];
    return [ll[start * 2], ll[start * 2 + 1]];
  }
  return [sumX / (3 * sumA), sumY / (3 * sumA)];
}
