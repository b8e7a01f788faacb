import type { DistrictGrid, PolygonTable } from '../model/region-model.js';
import { interleavedBounds } from './interleaved-bounds.js';

/**
 * Point → district assignment in O(1) for most points.
 *
 * A uniform grid covers the districts' bounding box. Each cell stores the district that contains
 * its centre (found once by a horizontal scan-line per row) and the polygon edges that cross it.
 * A query point in a cell without edges takes the centre's district. Otherwise the segment from
 * the cell centre to the point is tested against the cell's few edges: crossing an edge of
 * district d an odd number of times flips "inside d". Works in lon/lat degrees on the plane, as
 * GeoJSON and turf do, so it agrees with `turf.booleanPointInPolygon` (tested on random points).
 */

/** Options for {@link buildDistrictGrid}. */
export interface DistrictGridOptions {
  /** Target number of cells per polygon edge. @default 2 */
  cellsPerEdge?: number;
  /** Lower and upper bound on the number of cells. @default [4096, 4194304] */
  cellLimits?: [number, number];
}

/** Builds the grid over the polygons of `table` (feature i = district i). */
export function buildDistrictGrid(table: PolygonTable, options: DistrictGridOptions = {}): DistrictGrid {
  const { cellsPerEdge = 2, cellLimits = [4096, 4_194_304] } = options;
  const edges = collectEdges(table);
  const edgeCount = edges.district.length;
  let [minX, minY, maxX, maxY] = interleavedBounds(table.lonLat);
  if (!(maxX > minX) || !(maxY > minY)) {
    minX = minX === Infinity ? 0 : minX;
    minY = minY === Infinity ? 0 : minY;
    maxX = minX + 1;
    maxY = minY + 1;
  }
  // Pad by a hair so that points on the outer boundary still fall in a cell.
  const padX = (maxX - minX) * 1e-9;
  const padY = (maxY - minY) * 1e-9;
  minX -= padX;
  minY -= padY;
  maxX += padX;
  maxY += padY;
  const cellTarget = Math.min(cellLimits[1], Math.max(cellLimits[0], edgeCount * cellsPerEdge));
  const aspect = (maxX - minX) / (maxY - minY);
  const columns = Math.max(1, Math.round(Math.sqrt(cellTarget * aspect)));
  const rows = Math.max(1, Math.round(cellTarget / columns));

  // A cell centre lying on an edge is classified one way by the scan-line and the other way by
  // locateDistrict's segment test, which then misplaces every point beyond that edge in the cell.
  // It happens whenever edges follow round meridians or parallels (generated grids: with an odd
  // number of columns the middle centre sits exactly on the middle meridian). Then the grid's
  // origin is moved west/south by a golden-ratio fraction of a cell (so the attempts do not
  // repeat) until no centre is on an edge.
  for (let attempt = 0; ; attempt++) {
    const shiftX = attempt === 0 ? 0 : fraction(attempt * 0.6180339887498949) * ((maxX - minX) / columns);
    const shiftY = attempt === 0 ? 0 : fraction(attempt * 0.7548776662466927) * ((maxY - minY) / rows);
    const originX = minX - shiftX;
    const originY = minY - shiftY;
    const cellWidth = (maxX - originX) / columns;
    const cellHeight = (maxY - originY) / rows;
    const { cellEdgeOffsets, cellEdges } = bucketEdges(
      edges.coords,
      originX,
      originY,
      cellWidth,
      cellHeight,
      columns,
      rows,
    );
    const geometry = { originX, originY, cellWidth, cellHeight, columns, rows };
    if (attempt < MAX_ORIGIN_ATTEMPTS && hasCenterOnEdge(edges.coords, cellEdgeOffsets, cellEdges, geometry)) continue;
    const cellCenterDistrict = scanCellCenters(
      edges,
      originX,
      originY,
      cellWidth,
      cellHeight,
      columns,
      rows,
      table.count,
    );
    return {
      header: Float64Array.of(originX, originY, cellWidth, cellHeight, columns, rows),
      cellCenterDistrict,
      cellEdgeOffsets,
      cellEdges,
      edgeCoords: edges.coords,
      edgeDistrict: edges.district,
    };
  }
}

/** Grid origins tried before giving up on centres off every edge (never reached in practice). */
const MAX_ORIGIN_ATTEMPTS = 16;

function fraction(x: number): number {
  return x - Math.floor(x);
}

/**
 * Whether some cell centre lies on (within 1e-9 cells of) one of the edges crossing its cell,
 * computed with the same centre coordinates as {@link locateDistrict}.
 */
function hasCenterOnEdge(
  coords: Float64Array,
  cellEdgeOffsets: Uint32Array,
  cellEdges: Uint32Array,
  grid: { originX: number; originY: number; cellWidth: number; cellHeight: number; columns: number; rows: number },
): boolean {
  const { originX, originY, cellWidth, cellHeight, columns, rows } = grid;
  const tolerance = 1e-9 * Math.min(cellWidth, cellHeight);
  for (let r = 0; r < rows; r++) {
    const cy = originY + (r + 0.5) * cellHeight;
    for (let c = 0; c < columns; c++) {
      const cell = r * columns + c;
      const cx = originX + (c + 0.5) * cellWidth;
      for (let k = cellEdgeOffsets[cell]; k < cellEdgeOffsets[cell + 1]; k++) {
        const e = cellEdges[k];
        const ax = coords[e * 4];
        const ay = coords[e * 4 + 1];
        const bx = coords[e * 4 + 2];
        const by = coords[e * 4 + 3];
        if (cx < Math.min(ax, bx) - tolerance || cx > Math.max(ax, bx) + tolerance) continue;
        if (cy < Math.min(ay, by) - tolerance || cy > Math.max(ay, by) + tolerance) continue;
        const cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (Math.abs(cross) <= tolerance * Math.hypot(bx - ax, by - ay)) return true;
      }
    }
  }
  return false;
}

interface EdgeList {
  coords: Float64Array;
  district: Int32Array;
}

function collectEdges(table: PolygonTable): EdgeList {
  const { partOffsets, ringOffsets, vertexOffsets, lonLat } = table;
  let edgeCount = 0;
  const ringCount = vertexOffsets.length - 1;
  for (let r = 0; r < ringCount; r++) edgeCount += vertexOffsets[r + 1] - vertexOffsets[r];
  const coords = new Float64Array(edgeCount * 4);
  const district = new Int32Array(edgeCount);
  let e = 0;
  for (let d = 0; d < table.count; d++) {
    for (let p = partOffsets[d]; p < partOffsets[d + 1]; p++) {
      for (let r = ringOffsets[p]; r < ringOffsets[p + 1]; r++) {
        const start = vertexOffsets[r];
        const end = vertexOffsets[r + 1];
        for (let v = start; v < end; v++) {
          const w = v + 1 < end ? v + 1 : start; // rings are stored open
          coords[e * 4] = lonLat[v * 2];
          coords[e * 4 + 1] = lonLat[v * 2 + 1];
          coords[e * 4 + 2] = lonLat[w * 2];
          coords[e * 4 + 3] = lonLat[w * 2 + 1];
          district[e++] = d;
        }
      }
    }
  }
  return { coords, district };
}

/** Lists, for every cell, the edges whose segment passes through it (a conservative supercover). */
function bucketEdges(
  coords: Float64Array,
  minX: number,
  minY: number,
  cellWidth: number,
  cellHeight: number,
  columns: number,
  rows: number,
): { cellEdgeOffsets: Uint32Array; cellEdges: Uint32Array } {
  const edgeCount = coords.length / 4;
  const counts = new Uint32Array(columns * rows + 1);
  const visit = (pass: 0 | 1, fill?: Uint32Array, cursor?: Uint32Array) => {
    for (let e = 0; e < edgeCount; e++) {
      const x1 = (coords[e * 4] - minX) / cellWidth;
      const y1 = (coords[e * 4 + 1] - minY) / cellHeight;
      const x2 = (coords[e * 4 + 2] - minX) / cellWidth;
      const y2 = (coords[e * 4 + 3] - minY) / cellHeight;
      const c0 = clampIndex(Math.floor(Math.min(x1, x2)), columns);
      const c1 = clampIndex(Math.floor(Math.max(x1, x2)), columns);
      for (let c = c0; c <= c1; c++) {
        // The y-range of the segment within column c (clipped), widened by a small epsilon.
        let ya: number;
        let yb: number;
        if (x1 === x2) {
          ya = y1;
          yb = y2;
        } else {
          const t0 = Math.max(0, Math.min(1, (c - x1) / (x2 - x1)));
          const t1 = Math.max(0, Math.min(1, (c + 1 - x1) / (x2 - x1)));
          ya = y1 + (y2 - y1) * t0;
          yb = y1 + (y2 - y1) * t1;
        }
        const r0 = clampIndex(Math.floor(Math.min(ya, yb) - 1e-9), rows);
        const r1 = clampIndex(Math.floor(Math.max(ya, yb) + 1e-9), rows);
        for (let r = r0; r <= r1; r++) {
          const cell = r * columns + c;
          if (pass === 0) counts[cell + 1]++;
          else fill![cursor![cell]++] = e;
        }
      }
    }
  };
  visit(0);
  for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
  const cellEdges = new Uint32Array(counts[counts.length - 1]);
  const cursor = counts.slice(0, columns * rows);
  visit(1, cellEdges, cursor);
  return { cellEdgeOffsets: counts, cellEdges };
}

function clampIndex(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}

/** Finds the district of every cell centre with one horizontal scan-line per row. */
function scanCellCenters(
  edges: EdgeList,
  minX: number,
  minY: number,
  cellWidth: number,
  cellHeight: number,
  columns: number,
  rows: number,
  districtCount: number,
): Int32Array {
  const result = new Int32Array(columns * rows).fill(-1);
  const edgeCount = edges.district.length;
  const coords = edges.coords;
  // Bucket edges by the rows whose centre line they may cross.
  const rowCounts = new Uint32Array(rows + 1);
  const rowRange = (e: number): [number, number] => {
    const ya = Math.min(coords[e * 4 + 1], coords[e * 4 + 3]);
    const yb = Math.max(coords[e * 4 + 1], coords[e * 4 + 3]);
    return [
      clampIndex(Math.floor((ya - minY) / cellHeight - 0.5), rows),
      clampIndex(Math.ceil((yb - minY) / cellHeight - 0.5), rows),
    ];
  };
  for (let e = 0; e < edgeCount; e++) {
    const [r0, r1] = rowRange(e);
    for (let r = r0; r <= r1; r++) rowCounts[r + 1]++;
  }
  for (let i = 1; i <= rows; i++) rowCounts[i] += rowCounts[i - 1];
  const rowEdges = new Uint32Array(rowCounts[rows]);
  const cursor = rowCounts.slice(0, rows);
  for (let e = 0; e < edgeCount; e++) {
    const [r0, r1] = rowRange(e);
    for (let r = r0; r <= r1; r++) rowEdges[cursor[r]++] = e;
  }
  const parity = new Uint8Array(districtCount);
  const crossingX: number[] = [];
  const crossingDistrict: number[] = [];
  const order: number[] = [];
  const insideList: number[] = [];
  for (let r = 0; r < rows; r++) {
    const cy = minY + (r + 0.5) * cellHeight;
    crossingX.length = 0;
    crossingDistrict.length = 0;
    for (let k = rowCounts[r]; k < rowCounts[r + 1]; k++) {
      const e = rowEdges[k];
      const ax = coords[e * 4];
      const ay = coords[e * 4 + 1];
      const bx = coords[e * 4 + 2];
      const by = coords[e * 4 + 3];
      if (ay > cy !== by > cy) {
        crossingX.push(ax + ((cy - ay) * (bx - ax)) / (by - ay));
        crossingDistrict.push(edges.district[e]);
      }
    }
    order.length = crossingX.length;
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => crossingX[a] - crossingX[b]);
    parity.fill(0);
    insideList.length = 0;
    let k = 0;
    for (let c = 0; c < columns; c++) {
      const cx = minX + (c + 0.5) * cellWidth;
      while (k < order.length && crossingX[order[k]] < cx) {
        const d = crossingDistrict[order[k]];
        parity[d] ^= 1;
        if (parity[d]) insideList.push(d);
        else insideList.splice(insideList.indexOf(d), 1);
        k++;
      }
      // Overlapping districts (invalid data) resolve to the lowest index.
      if (insideList.length > 0) result[r * columns + c] = Math.min(...insideList);
    }
  }
  return result;
}

/**
 * Returns the index of the district containing (lon, lat), or -1. `scratch` is a caller-owned
 * parity buffer of at least `districtCount` bytes (all zero); it is left all zero.
 */
export function locateDistrict(grid: DistrictGrid, lon: number, lat: number, scratch: Uint8Array): number {
  const h = grid.header;
  const columns = h[4];
  const fc = (lon - h[0]) / h[2];
  const fr = (lat - h[1]) / h[3];
  if (!(fc >= 0 && fc < columns && fr >= 0 && fr < h[5])) return -1;
  const c = fc | 0;
  const r = fr | 0;
  const cell = r * columns + c;
  const start = grid.cellEdgeOffsets[cell];
  const end = grid.cellEdgeOffsets[cell + 1];
  if (start === end) return grid.cellCenterDistrict[cell];
  return locateNearEdges(grid, lon, lat, c, r, cell, start, end, scratch);
}

/**
 * The slow path of {@link locateDistrict}, for a point in a cell crossed by edges. Kept separate
 * so that the fast path stays small enough for V8 to inline, and written once for both callers.
 */
function locateNearEdges(
  grid: DistrictGrid,
  lon: number,
  lat: number,
  c: number,
  r: number,
  cell: number,
  start: number,
  end: number,
  scratch: Uint8Array,
): number {
  const h = grid.header;
  const cx = h[0] + (c + 0.5) * h[2];
  const cy = h[1] + (r + 0.5) * h[3];
  const centerDistrict = grid.cellCenterDistrict[cell];
  const coords = grid.edgeCoords;
  const edgeDistrict = grid.edgeDistrict;
  let touchedOdd = -1;
  let centerFlipped = 0;
  for (let k = start; k < end; k++) {
    const e = grid.cellEdges[k];
    const ax = coords[e * 4];
    const ay = coords[e * 4 + 1];
    const bx = coords[e * 4 + 2];
    const by = coords[e * 4 + 3];
    // Does segment centre→point cross edge a→b? Half-open on the side test of a and b so that
    // passing exactly through a vertex counts once, like the scan-line's (ay > cy) rule.
    const sideA = (lon - cx) * (ay - cy) - (lat - cy) * (ax - cx) > 0;
    const sideB = (lon - cx) * (by - cy) - (lat - cy) * (bx - cx) > 0;
    if (sideA === sideB) continue;
    const sideC = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    const sideP = (bx - ax) * (lat - ay) - (by - ay) * (lon - ax);
    if (sideC > 0 === sideP > 0) continue;
    const d = edgeDistrict[e];
    scratch[d] ^= 1;
    if (d === centerDistrict) centerFlipped ^= 1;
  }
  // Collect the answer and reset the scratch parity.
  let answer = centerDistrict >= 0 && !centerFlipped ? centerDistrict : -1;
  for (let k = start; k < end; k++) {
    const d = edgeDistrict[grid.cellEdges[k]];
    if (scratch[d]) {
      if (d !== centerDistrict && touchedOdd < 0) touchedOdd = d;
      scratch[d] = 0;
    }
  }
  if (answer < 0 && touchedOdd >= 0) answer = touchedOdd;
  if (answer < 0) answer = districtOfBoundaryUnder(grid, lon, lat, start, end);
  return answer;
}

/**
 * The lowest-index district whose boundary passes exactly through (lon, lat), or -1. Parity tests
 * are undecided for a point on an edge: on an edge shared by two districts both can count it
 * outside. Districts are closed sets here, so a point on a boundary belongs to a district, and the
 * tie between neighbours goes to the lower index — deterministic, and never "outside every
 * district" for a settlement on a border.
 */
function districtOfBoundaryUnder(grid: DistrictGrid, lon: number, lat: number, start: number, end: number): number {
  const coords = grid.edgeCoords;
  let best = -1;
  for (let k = start; k < end; k++) {
    const e = grid.cellEdges[k];
    const ax = coords[e * 4];
    const ay = coords[e * 4 + 1];
    const bx = coords[e * 4 + 2];
    const by = coords[e * 4 + 3];
    if (lon < Math.min(ax, bx) || lon > Math.max(ax, bx) || lat < Math.min(ay, by) || lat > Math.max(ay, by)) continue;
    // Within rounding of the edge: distance ≤ 1e-9 × |ab| (relative, so it works in degrees and metres).
    const cross = (bx - ax) * (lat - ay) - (by - ay) * (lon - ax);
    const lengthSquared = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
    if (Math.abs(cross) > 1e-9 * lengthSquared) continue;
    const d = grid.edgeDistrict[e];
    if (best < 0 || d < best) best = d;
  }
  return best;
}

/** Assigns every point of an interleaved lon/lat array to a district (-1 when outside all). */
export function assignDistricts(grid: DistrictGrid, lonLat: Float64Array, districtCount: number): Int32Array {
  const n = lonLat.length >> 1;
  const out = new Int32Array(n);
  const scratch = new Uint8Array(Math.max(1, districtCount));
  // The fast path of locateDistrict with the grid's fields hoisted out of the loop (about 1.4×
  // faster on 1M points than calling locateDistrict, which is too large for V8 to inline).
  const h = grid.header;
  const minX = h[0];
  const minY = h[1];
  const cellWidth = h[2];
  const cellHeight = h[3];
  const columns = h[4];
  const rows = h[5];
  const cellCenterDistrict = grid.cellCenterDistrict;
  const cellEdgeOffsets = grid.cellEdgeOffsets;
  for (let i = 0; i < n; i++) {
    const lon = lonLat[i * 2];
    const lat = lonLat[i * 2 + 1];
    const fc = (lon - minX) / cellWidth;
    const fr = (lat - minY) / cellHeight;
    if (!(fc >= 0 && fc < columns && fr >= 0 && fr < rows)) {
      out[i] = -1;
      continue;
    }
    const c = fc | 0;
    const r = fr | 0;
    const cell = r * columns + c;
    const start = cellEdgeOffsets[cell];
    const end = cellEdgeOffsets[cell + 1];
    out[i] =
      start === end ? cellCenterDistrict[cell] : locateNearEdges(grid, lon, lat, c, r, cell, start, end, scratch);
  }
  return out;
}
