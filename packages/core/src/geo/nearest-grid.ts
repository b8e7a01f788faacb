import { interleavedBounds } from './interleaved-bounds.js';

/**
 * Nearest-point queries over a fixed set of points by a uniform bucket grid: each query scans
 * rings of cells outwards until the ring is farther than the best found. Build O(n), query
 * O(1) expected for evenly spread points. Queries return indices, not objects.
 */
export interface NearestGrid {
  /** Interleaved x, y of the indexed points, metres. */
  xy: Float64Array;
  minX: number;
  minY: number;
  cellSize: number;
  columns: number;
  rows: number;
  /** Points of cell c are items[cellStart[c] … cellStart[c+1]-1]. */
  cellStart: Uint32Array;
  items: Uint32Array;
}

/** Builds a {@link NearestGrid} over interleaved x/y (about `pointsPerCell` points per cell). */
export function buildNearestGrid(xy: Float64Array, pointsPerCell = 2): NearestGrid {
  const n = xy.length >> 1;
  let [minX, minY, maxX, maxY] = interleavedBounds(xy, n);
  if (n === 0) {
    minX = minY = 0;
    maxX = maxY = 1;
  }
  const width = Math.max(maxX - minX, 1);
  const height = Math.max(maxY - minY, 1);
  const cells = Math.max(1, Math.min(4_000_000, Math.ceil(n / pointsPerCell)));
  const cellSize = Math.max(Math.sqrt((width * height) / cells), Math.max(width, height) / 2048, 1e-3);
  const columns = Math.floor(width / cellSize) + 1;
  const rows = Math.floor(height / cellSize) + 1;
  const cellStart = new Uint32Array(columns * rows + 1);
  const cellOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor((xy[i * 2] - minX) / cellSize) + Math.floor((xy[i * 2 + 1] - minY) / cellSize) * columns;
    cellOf[i] = c;
    cellStart[c + 1]++;
  }
  for (let c = 0; c < columns * rows; c++) cellStart[c + 1] += cellStart[c];
  const cursor = cellStart.slice(0, columns * rows);
  const items = new Uint32Array(n);
  for (let i = 0; i < n; i++) items[cursor[cellOf[i]]++] = i;
  return { xy, minX, minY, cellSize, columns, rows, cellStart, items };
}

/**
 * Index of the point nearest to (x, y) in planar metres, or -1 when the grid is empty.
 * `best` receives the squared distance in `best[0]` when given.
 */
export function findNearest(grid: NearestGrid, x: number, y: number, best?: Float64Array): number {
  const { xy, minX, minY, cellSize, columns, rows, cellStart, items } = grid;
  if (items.length === 0) return -1;
  const cx = Math.min(columns - 1, Math.max(0, Math.floor((x - minX) / cellSize)));
  const cy = Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / cellSize)));
  // Distance from the query to the grid's box, so rings start counting where the points are.
  const outsideX = Math.max(minX - x, 0, x - (minX + columns * cellSize));
  const outsideY = Math.max(minY - y, 0, y - (minY + rows * cellSize));
  const outside = Math.hypot(outsideX, outsideY);
  let bestIndex = -1;
  let bestD2 = Infinity;
  const maxRing = Math.max(columns, rows);
  for (let ring = 0; ring <= maxRing; ring++) {
    // Every point in ring r is at least (r-1)·cellSize from the query's projection onto the grid
    // box, and projection onto a convex set never lengthens distances; it is also ≥ the gap.
    const reach = Math.max(Math.max(0, ring - 1) * cellSize, outside);
    if (bestIndex >= 0 && reach * reach > bestD2) break;
    const x0 = cx - ring;
    const x1 = cx + ring;
    const y0 = cy - ring;
    const y1 = cy + ring;
    for (let gy = Math.max(0, y0); gy <= Math.min(rows - 1, y1); gy++) {
      const onEdgeRow = gy === y0 || gy === y1;
      const step = onEdgeRow ? 1 : x1 - x0;
      for (let gx = x0; gx <= x1; gx += step || 1) {
        if (gx < 0 || gx >= columns) continue;
        const c = gy * columns + gx;
        for (let k = cellStart[c]; k < cellStart[c + 1]; k++) {
          const i = items[k];
          const dx = xy[i * 2] - x;
          const dy = xy[i * 2 + 1] - y;
          const d2 = dx * dx + dy * dy;
          if (d2 < bestD2 || (d2 === bestD2 && i < bestIndex)) {
            bestD2 = d2;
            bestIndex = i;
          }
        }
      }
    }
  }
  if (best) best[0] = bestD2;
  return bestIndex;
}
