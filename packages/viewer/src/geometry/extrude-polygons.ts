import earcut from 'earcut';

/**
 * The part of a `PolygonTable` (from `@regiontwin/core`) that geometry is built from: features →
 * parts → rings → vertices, rings open (closing vertex not repeated), the first ring of every part
 * its exterior, coordinates in projected metres (x east, y north).
 */
export interface PolygonFeatures {
  /** Number of features. */
  count: number;
  /** Parts of feature i are partOffsets[i] … partOffsets[i+1]-1. Length count+1. */
  partOffsets: Uint32Array;
  /** Rings of part p are ringOffsets[p] … ringOffsets[p+1]-1. Length parts+1. */
  ringOffsets: Uint32Array;
  /** Vertices of ring r are vertexOffsets[r] … vertexOffsets[r+1]-1. Length rings+1. */
  vertexOffsets: Uint32Array;
  /** Interleaved x, y of every vertex, metres. */
  xy: Float64Array;
}

/** Options of {@link extrudePolygons}. */
export interface ExtrudePolygonsOptions {
  /**
   * Point subtracted from every x, y before it is stored as float32, metres. Keeping vertices
   * near the origin keeps centimetre precision in float32 anywhere in an oblast-sized region.
   * @default the centre of the bounding box of all vertices
   */
  origin?: readonly [number, number];
  /** Build the side walls (4 vertices and 2 triangles per ring edge of a feature taller than 0). @default true */
  walls?: boolean;
  /** Height used where `heightsMeters[i]` is NaN, infinite or negative, metres. @default 6 */
  defaultHeightMeters?: number;
  /**
   * Colour ramp sampled by height: `n` colours as 3·n bytes (r, g, b), already in the renderer's
   * working (linear) colour space. When given, the output has a per-vertex `colors` attribute.
   * @default null (no colours)
   */
  colorRamp?: Uint8Array | null;
  /** Heights mapped to the first and last colour of `colorRamp`, metres. @default [0, the largest height] */
  heightDomain?: readonly [number, number];
}

/**
 * Extruded polygon geometry as plain typed arrays in three.js world axes (y up): a vertex at map
 * point (x, y) and height h is stored as (x − originX, h, −(y − originY)). The arrays transfer
 * between threads without copying and become `BufferAttribute`s as they are.
 */
export interface ExtrudedGeometry {
  /** x, y, z per vertex, metres relative to `origin` (see above). */
  positions: Float32Array;
  /** Unit normals per vertex, quantised to −127…127 (use as a normalized attribute). */
  normals: Int8Array;
  /** r, g, b per vertex, 0…255 (normalized attribute), or null when no colour ramp was given. */
  colors: Uint8Array | null;
  /** Three vertex indices per triangle, counter-clockwise seen from outside. */
  indices: Uint32Array;
  /** The origin subtracted from map coordinates, metres (x east, y north). */
  origin: [number, number];
  /** The vertices of feature i are featureVertexOffsets[i] … featureVertexOffsets[i+1]-1. Length count+1. */
  featureVertexOffsets: Uint32Array;
  /** The indices of feature i are featureIndexOffsets[i] … featureIndexOffsets[i+1]-1. Length count+1. */
  featureIndexOffsets: Uint32Array;
  /** Triangles of roofs (flat tops). */
  roofTriangleCount: number;
  /** Triangles of walls. */
  wallTriangleCount: number;
}

const NORMAL_SCALE = 127;

/**
 * Extrudes every feature of a polygon table to its height: a flat roof triangulated by earcut
 * (holes and multipolygons included) and one quad per ring edge as wall, with flat normals.
 * Exterior rings are walked counter-clockwise and holes clockwise whatever their stored order, so
 * wall normals always face out of the solid and roof triangles face up.
 *
 * Vertex count: Σ ring sizes (roof) + 4 · Σ non-degenerate ring edges (walls).
 * Triangle count: for a valid polygon with n vertices and k holes earcut returns n + 2k − 2 roof
 * triangles per part; walls add 2 per edge.
 *
 * @param features the polygons, metres
 * @param heightsMeters height of each feature, metres (0 gives a flat polygon, which is how
 *   district fills are made)
 * @param options see {@link ExtrudePolygonsOptions}
 */
export function extrudePolygons(
  features: PolygonFeatures,
  heightsMeters: ArrayLike<number>,
  options: ExtrudePolygonsOptions = {},
): ExtrudedGeometry {
  const { partOffsets, ringOffsets, vertexOffsets, xy, count } = features;
  const withWalls = options.walls ?? true;
  const defaultHeight = options.defaultHeightMeters ?? 6;
  const ramp = options.colorRamp ?? null;
  const origin = options.origin ? ([options.origin[0], options.origin[1]] as [number, number]) : boundsCentre(xy);
  const [originX, originY] = origin;

  const totalVertices = vertexOffsets[vertexOffsets.length - 1] - vertexOffsets[0];
  // Upper bounds: every ring vertex gives one roof vertex and, with walls, one edge of 4 vertices.
  // Roofs have at most n + 2k − 2 ≤ n triangles per vertex-ring set; walls 2 per edge. Degenerate
  // edges and earcut's removal of duplicate points only ever lower the counts, so the arrays are
  // allocated once and trimmed by `subarray` (which keeps the transferable buffer).
  const vertexCapacity = totalVertices * (withWalls ? 5 : 1);
  let ringTotal = 0;
  for (let f = 0; f < count; f++) ringTotal += ringOffsets[partOffsets[f + 1]] - ringOffsets[partOffsets[f]];
  const indexCapacity = (totalVertices + 2 * ringTotal) * 3 + (withWalls ? totalVertices * 6 : 0);

  const positions = new Float32Array(vertexCapacity * 3);
  const normals = new Int8Array(vertexCapacity * 3);
  const colors = ramp ? new Uint8Array(vertexCapacity * 3) : null;
  let indices = new Uint32Array(indexCapacity);
  const featureVertexOffsets = new Uint32Array(count + 1);
  const featureIndexOffsets = new Uint32Array(count + 1);

  let rampMin = 0;
  let rampMax = 0;
  if (ramp) {
    if (options.heightDomain) {
      rampMin = options.heightDomain[0];
      rampMax = options.heightDomain[1];
    } else {
      for (let f = 0; f < count; f++) rampMax = Math.max(rampMax, resolveHeight(heightsMeters[f], defaultHeight));
    }
  }
  const rampColors = ramp ? ramp.length / 3 : 0;

  let v = 0; // next vertex
  let t = 0; // next index slot
  let roofTriangles = 0;
  let wallTriangles = 0;
  const holeIndices: number[] = [];

  for (let f = 0; f < count; f++) {
    featureVertexOffsets[f] = v;
    featureIndexOffsets[f] = t;
    const height = resolveHeight(heightsMeters[f], defaultHeight);
    const featureFirstVertex = v;

    for (let p = partOffsets[f]; p < partOffsets[f + 1]; p++) {
      const firstRing = ringOffsets[p];
      const lastRing = ringOffsets[p + 1];
      const partStart = vertexOffsets[firstRing];
      const partEnd = vertexOffsets[lastRing];
      if (lastRing <= firstRing || vertexOffsets[firstRing + 1] - partStart < 3) continue;

      // Roof: one vertex per ring vertex, triangles from earcut over the whole part.
      const roofBase = v;
      for (let k = partStart; k < partEnd; k++) {
        const o = v * 3;
        positions[o] = xy[k * 2] - originX;
        positions[o + 1] = height;
        positions[o + 2] = -(xy[k * 2 + 1] - originY);
        normals[o + 1] = NORMAL_SCALE;
        v++;
      }
      holeIndices.length = 0;
      for (let r = firstRing + 1; r < lastRing; r++) holeIndices.push(vertexOffsets[r] - partStart);
      const partXY = xy.subarray(partStart * 2, partEnd * 2);
      const triangles = earcut(partXY, holeIndices.length > 0 ? holeIndices : null, 2);
      if (t + triangles.length + (partEnd - partStart) * 6 > indices.length) {
        // Never reached for valid polygons (see the bound above); kept for malformed input.
        const grown = new Uint32Array(Math.max(indices.length * 2, t + triangles.length + (partEnd - partStart) * 6));
        grown.set(indices.subarray(0, t));
        indices = grown;
      }
      for (let i = 0; i < triangles.length; i += 3) {
        const a = triangles[i];
        let b = triangles[i + 1];
        let c = triangles[i + 2];
        // Counter-clockwise in map axes (x east, y north) faces +y in the world (see module doc).
        const cross =
          (partXY[b * 2] - partXY[a * 2]) * (partXY[c * 2 + 1] - partXY[a * 2 + 1]) -
          (partXY[b * 2 + 1] - partXY[a * 2 + 1]) * (partXY[c * 2] - partXY[a * 2]);
        if (cross < 0) {
          const swap = b;
          b = c;
          c = swap;
        }
        indices[t++] = roofBase + a;
        indices[t++] = roofBase + b;
        indices[t++] = roofBase + c;
      }
      roofTriangles += triangles.length / 3;

      if (!withWalls || height <= 0) continue;
      // Walls: exterior counter-clockwise, holes clockwise, so (dy, −dx) — the right-hand normal
      // of each edge — points out of the solid.
      for (let r = firstRing; r < lastRing; r++) {
        const start = vertexOffsets[r];
        const end = vertexOffsets[r + 1];
        const n = end - start;
        if (n < 3) continue;
        const counterClockwise = signedArea(xy, start, end) > 0;
        const reverse = r === firstRing ? !counterClockwise : counterClockwise;
        for (let e = 0; e < n; e++) {
          const i0 = reverse ? start + n - 1 - e : start + e;
          const i1 = reverse ? (e === n - 1 ? start + n - 1 : i0 - 1) : e === n - 1 ? start : i0 + 1;
          const x0 = xy[i0 * 2] - originX;
          const y0 = xy[i0 * 2 + 1] - originY;
          const x1 = xy[i1 * 2] - originX;
          const y1 = xy[i1 * 2 + 1] - originY;
          const dx = x1 - x0;
          const dy = y1 - y0;
          const length = Math.hypot(dx, dy);
          if (length === 0) continue;
          // World normal of map normal (dy, −dx) is (dy, 0, dx) because world z = −y.
          const nx = Math.round((dy / length) * NORMAL_SCALE);
          const nz = Math.round((dx / length) * NORMAL_SCALE);
          const base = v;
          writeWallVertex(positions, normals, v++, x0, 0, y0, nx, nz);
          writeWallVertex(positions, normals, v++, x1, 0, y1, nx, nz);
          writeWallVertex(positions, normals, v++, x1, height, y1, nx, nz);
          writeWallVertex(positions, normals, v++, x0, height, y0, nx, nz);
          indices[t++] = base;
          indices[t++] = base + 1;
          indices[t++] = base + 2;
          indices[t++] = base;
          indices[t++] = base + 2;
          indices[t++] = base + 3;
          wallTriangles += 2;
        }
      }
    }

    if (colors && ramp) {
      const span = rampMax - rampMin;
      const share = span > 0 ? Math.min(1, Math.max(0, (height - rampMin) / span)) : 0;
      const c = Math.round(share * (rampColors - 1)) * 3;
      for (let k = featureFirstVertex; k < v; k++) {
        colors[k * 3] = ramp[c];
        colors[k * 3 + 1] = ramp[c + 1];
        colors[k * 3 + 2] = ramp[c + 2];
      }
    }
  }
  featureVertexOffsets[count] = v;
  featureIndexOffsets[count] = t;

  return {
    positions: positions.subarray(0, v * 3),
    normals: normals.subarray(0, v * 3),
    colors: colors ? colors.subarray(0, v * 3) : null,
    indices: indices.subarray(0, t),
    origin,
    featureVertexOffsets,
    featureIndexOffsets,
    roofTriangleCount: roofTriangles,
    wallTriangleCount: wallTriangles,
  };
}

/**
 * Twice the signed area of ring vertices start … end-1 (shoelace), square metres; positive when
 * counter-clockwise with x east and y north.
 */
export function signedArea(xy: ArrayLike<number>, start: number, end: number): number {
  let sum = 0;
  for (let i = start, j = end - 1; i < end; j = i++) {
    sum += (xy[j * 2] - xy[i * 2]) * (xy[j * 2 + 1] + xy[i * 2 + 1]);
  }
  return sum;
}

function resolveHeight(height: number, fallback: number): number {
  return Number.isFinite(height) && height >= 0 ? height : fallback;
}

function writeWallVertex(
  positions: Float32Array,
  normals: Int8Array,
  vertex: number,
  x: number,
  height: number,
  y: number,
  nx: number,
  nz: number,
): void {
  const o = vertex * 3;
  positions[o] = x;
  positions[o + 1] = height;
  positions[o + 2] = -y;
  normals[o] = nx;
  normals[o + 1] = 0;
  normals[o + 2] = nz;
}

/** Centre of the bounding box of interleaved x, y, metres ([0, 0] when empty). */
export function boundsCentre(xy: ArrayLike<number>): [number, number] {
  if (xy.length < 2) return [0, 0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}
