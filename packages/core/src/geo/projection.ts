import { EARTH_RADIUS_METERS } from './haversine.js';
import type { ProjectionParams } from '../model/region-model.js';

const D2R = Math.PI / 180;

/**
 * Projects lon/lat to metres in a spherical azimuthal equidistant projection centred on
 * `projection` (Snyder, "Map Projections — A Working Manual", 1987, eqs. 25-2, 22-4, 22-5).
 * Distances from the centre are exact; elsewhere the tangential scale is ρ/sin ρ (0.04 % at
 * 300 km, 1 % at 1,500 km), so reported distances are always recomputed by haversine, and the
 * projection is only used for indexing and drawing.
 * Writes into `target[offset]`, `target[offset+1]` (x east, y north).
 */
export function projectLonLat(
  projection: ProjectionParams,
  lon: number,
  lat: number,
  target: Float64Array,
  offset: number,
): void {
  const phi1 = projection.centerLat * D2R;
  const phi = lat * D2R;
  const dLambda = (lon - projection.centerLon) * D2R;
  const cosC = Math.sin(phi1) * Math.sin(phi) + Math.cos(phi1) * Math.cos(phi) * Math.cos(dLambda);
  const c = Math.acos(Math.max(-1, Math.min(1, cosC)));
  const k = c < 1e-12 ? 1 : c / Math.sin(c);
  target[offset] = EARTH_RADIUS_METERS * k * Math.cos(phi) * Math.sin(dLambda);
  target[offset + 1] =
    EARTH_RADIUS_METERS * k * (Math.cos(phi1) * Math.sin(phi) - Math.sin(phi1) * Math.cos(phi) * Math.cos(dLambda));
}

/** Inverse of {@link projectLonLat}: metres back to lon/lat degrees, written into `target`. */
export function unprojectXY(
  projection: ProjectionParams,
  x: number,
  y: number,
  target: Float64Array,
  offset: number,
): void {
  const phi1 = projection.centerLat * D2R;
  const lambda0 = projection.centerLon * D2R;
  const rho = Math.hypot(x, y);
  if (rho < 1e-9) {
    target[offset] = projection.centerLon;
    target[offset + 1] = projection.centerLat;
    return;
  }
  const c = rho / EARTH_RADIUS_METERS;
  const phi = Math.asin(Math.cos(c) * Math.sin(phi1) + (y * Math.sin(c) * Math.cos(phi1)) / rho);
  const lambda =
    lambda0 + Math.atan2(x * Math.sin(c), rho * Math.cos(phi1) * Math.cos(c) - y * Math.sin(phi1) * Math.sin(c));
  target[offset] = ((((lambda / D2R + 180) % 360) + 360) % 360) - 180;
  target[offset + 1] = phi / D2R;
}

/** Projects an interleaved lon/lat array into a new interleaved x/y array, metres. */
export function projectInterleaved(projection: ProjectionParams, lonLat: Float64Array): Float64Array {
  const xy = new Float64Array(lonLat.length);
  for (let i = 0; i < lonLat.length; i += 2) projectLonLat(projection, lonLat[i], lonLat[i + 1], xy, i);
  return xy;
}
