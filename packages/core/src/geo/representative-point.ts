import type { Feature, Position } from 'geojson';
import { polygonsOf } from './polygon-table.js';

/**
 * The mean of a ring's vertices, without the closing one when the ring is closed: the point that
 * places an area (a building, a settlement or facility drawn as an area) in a district.
 */
export function ringMean(ring: readonly Position[]): [number, number] {
  const last = ring.length - 1;
  const closed = last > 0 && ring[0][0] === ring[last][0] && ring[0][1] === ring[last][1];
  const n = closed ? last : ring.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += ring[i][0];
    sy += ring[i][1];
  }
  return [sx / n, sy / n];
}

/**
 * The point that represents a feature in district checks: a Point itself, a polygon's (or a
 * multipolygon's first part's) outer-ring mean ({@link ringMean}); undefined without geometry.
 */
export function representativePoint(feature: Feature): [number, number] | undefined {
  const g = feature.geometry as { type: string; coordinates: unknown } | null;
  if (!g) return undefined;
  if (g.type === 'Point') return g.coordinates as [number, number];
  const ring = polygonsOf(g)[0]?.[0];
  return ring && ring.length > 0 ? ringMean(ring) : undefined;
}
