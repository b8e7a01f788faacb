import { haversineMeters } from '../geo/haversine.js';
import type { ScenarioState } from '../scenario/scenario-state.js';
import {
  facilityCoordinatesOfKind,
  farthestFromCentre,
  projectionScaleBound,
  queryCellLayout,
} from './travel-times.js';

/**
 * 1 for each demand point whose nearest facility of `kind` is within `meters` great-circle
 * (haversine) metres, else 0 — exactly `computeNearestDistanceMeters(state, kind)[i] <= meters`,
 * without computing the distances. Demand points are grouped in square query cells half the
 * radius wide, and most cells are decided whole: every facility visits the few cells near it.
 *
 * - planar lengths of the azimuthal equidistant projection are never shorter than great-circle
 *   ones, so a cell whose farthest corner lies within `meters` (less 1e-9, for rounding) of a
 *   facility on the plane is covered, every point of it;
 * - planar lengths are at most k times longer (k = c / sin c, see travel-times.ts), so a cell
 *   farther than k · meters + 1 mm from every facility on the plane is covered by none.
 *
 * Only cells on the edge of a coverage disc are decided per point: a planar test against the
 * facilities near the cell, and haversine only in the thin ring between the two bounds.
 */
export function computeCoveredWithinMeters(state: ScenarioState, kind: string, meters: number): Uint8Array {
  const demand = state.demand;
  const out = new Uint8Array(demand.count);
  const { xy, lonLat: facilityLonLat } = facilityCoordinatesOfKind(state, kind);
  const memberCount = xy.length >> 1;
  if (memberCount === 0 || demand.count === 0 || !(meters >= 0)) return out;
  const factor = projectionScaleBound(Math.max(farthestFromCentre(xy), farthestFromCentre(demand.xy)));
  const inner = meters * (1 - 1e-9);
  const inner2 = inner * inner;
  const outer = meters * factor + 1e-3;
  const outer2 = outer * outer;
  const demandXY = demand.xy;
  const demandLonLat = demand.lonLat;
  // Half the radius: a cell is decided whole unless a disc's edge crosses it.
  const { minX, minY, size, columns, rows } = queryCellLayout(demand, Math.max(meters / 2, 1));
  const cellTotal = columns * rows;
  // Each facility scatters itself over the cells near it (a few dozen at most, since a cell is at
  // least half the radius wide): a cell wholly inside its inner disc is covered; a cell within
  // its outer bound lists it as a candidate. A cell with no candidate is covered by none.
  const covered = new Uint8Array(cellTotal);
  const offsets = new Uint32Array(cellTotal + 1);
  const visitCells = (f: number, add: (cell: number) => void) => {
    const fx = xy[f * 2];
    const fy = xy[f * 2 + 1];
    const cx0 = Math.max(0, Math.floor((fx - outer - minX) / size));
    const cx1 = Math.min(columns - 1, Math.floor((fx + outer - minX) / size));
    const cy0 = Math.max(0, Math.floor((fy - outer - minY) / size));
    const cy1 = Math.min(rows - 1, Math.floor((fy + outer - minY) / size));
    for (let cy = cy0; cy <= cy1; cy++) {
      const y0 = minY + cy * size;
      const y1 = y0 + size;
      const dy = Math.max(y0 - fy, 0, fy - y1);
      const farY = Math.max(fy - y0, y1 - fy);
      for (let cx = cx0; cx <= cx1; cx++) {
        const x0 = minX + cx * size;
        const x1 = x0 + size;
        const dx = Math.max(x0 - fx, 0, fx - x1);
        if (dx * dx + dy * dy > outer2) continue;
        const cell = cy * columns + cx;
        const farX = Math.max(fx - x0, x1 - fx);
        if (farX * farX + farY * farY <= inner2) covered[cell] = 1;
        add(cell);
      }
    }
  };
  for (let f = 0; f < memberCount; f++) visitCells(f, (cell) => offsets[cell + 1]++);
  for (let c = 0; c < cellTotal; c++) offsets[c + 1] += offsets[c];
  const cursor = offsets.slice(0, cellTotal);
  const candidate = new Uint32Array(offsets[cellTotal]);
  const candidateXY = new Float64Array(candidate.length * 2);
  for (let f = 0; f < memberCount; f++) {
    visitCells(f, (cell) => {
      const k = cursor[cell]++;
      candidate[k] = f;
      candidateXY[k * 2] = xy[f * 2];
      candidateXY[k * 2 + 1] = xy[f * 2 + 1];
    });
  }

  for (let i = 0; i < demand.count; i++) {
    const x = demandXY[i * 2];
    const y = demandXY[i * 2 + 1];
    const cell =
      Math.min(columns - 1, Math.floor((x - minX) / size)) +
      Math.min(rows - 1, Math.floor((y - minY) / size)) * columns;
    if (covered[cell]) {
      out[i] = 1;
      continue;
    }
    const first = offsets[cell];
    const end = offsets[cell + 1];
    let ring = false;
    let hit = 0;
    for (let j = first; j < end; j++) {
      const dx = candidateXY[j * 2] - x;
      const dy = candidateXY[j * 2 + 1] - y;
      const d2 = dx * dx + dy * dy;
      if (d2 <= inner2) {
        hit = 1;
        break;
      }
      if (d2 <= outer2) ring = true;
    }
    if (!hit && ring) {
      // Between the bounds: the exact test, as computeNearestDistanceMeters measures.
      const lon = demandLonLat[i * 2];
      const lat = demandLonLat[i * 2 + 1];
      for (let j = first; j < end && !hit; j++) {
        const dx = candidateXY[j * 2] - x;
        const dy = candidateXY[j * 2 + 1] - y;
        if (dx * dx + dy * dy > outer2) continue;
        const f = candidate[j];
        if (haversineMeters(lon, lat, facilityLonLat[f * 2], facilityLonLat[f * 2 + 1]) <= meters) hit = 1;
      }
    }
    out[i] = hit;
  }
  return out;
}
