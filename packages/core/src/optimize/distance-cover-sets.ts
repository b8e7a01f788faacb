import KDBush from 'kdbush';
import { EARTH_RADIUS_METERS, haversineMeters } from '../geo/haversine.js';
import { projectLonLat } from '../geo/projection.js';
import type { RegionModel } from '../model/region-model.js';

/**
 * For each candidate site (lon/lat), the baseline demand points within `radiusMeters` of it
 * (great-circle, haversine) — e.g. a tower's radio coverage or a sensor's radius. Uses the
 * model's KDBush index over projected demand points: a planar query of radius r · k, where k is
 * the largest scale of the azimuthal equidistant projection over the candidates (planar lengths
 * are never shorter than great-circle ones and at most k times longer), then an exact haversine
 * test. Indices ascending. O(candidates × log n + hits), not O(candidates × demand).
 */
export function distanceCoverSets(model: RegionModel, candidates: Float64Array, radiusMeters: number): Uint32Array[] {
  const demand = model.demand;
  const count = candidates.length >> 1;
  const out: Uint32Array[] = [];
  if (demand.count === 0) {
    for (let c = 0; c < count; c++) out.push(new Uint32Array(0));
    return out;
  }
  const index = KDBush.from(model.indexes.demand);
  const xy = new Float64Array(count * 2);
  let farthest = 0;
  for (let c = 0; c < count; c++) {
    projectLonLat(model.projection, candidates[c * 2], candidates[c * 2 + 1], xy, c * 2);
    farthest = Math.max(farthest, Math.hypot(xy[c * 2], xy[c * 2 + 1]) + radiusMeters);
  }
  const angle = Math.min(farthest / EARTH_RADIUS_METERS, Math.PI / 2);
  const maxScale = angle < 1e-9 ? 1 : angle / Math.sin(angle);
  const found = new Uint32Array(demand.count);
  const dxy = demand.xy;
  const radiusSquared = radiusMeters * radiusMeters;
  for (let c = 0; c < count; c++) {
    const x = xy[c * 2];
    const y = xy[c * 2 + 1];
    const n = index.withinInto(x, y, radiusMeters * maxScale * (1 + 1e-9) + 1e-3, found);
    const lon = candidates[c * 2];
    const lat = candidates[c * 2 + 1];
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const i = found[k];
      const dx = dxy[i * 2] - x;
      const dy = dxy[i * 2 + 1] - y;
      // Planar lengths are never shorter than great-circle ones: within r on the plane is within
      // r on the sphere (1e-9 relative slack for rounding); only the ring beyond needs haversine.
      if (dx * dx + dy * dy <= radiusSquared * (1 - 1e-9)) found[kept++] = i;
      else if (haversineMeters(lon, lat, demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]) <= radiusMeters) {
        found[kept++] = i;
      }
    }
    out.push(found.slice(0, kept).sort());
  }
  return out;
}
