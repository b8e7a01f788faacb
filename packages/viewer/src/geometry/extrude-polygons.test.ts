import { describe, expect, it } from 'vitest';
import { extrudePolygons, signedArea, type PolygonFeatures } from './extrude-polygons.js';

/** Builds a polygon table from features → parts → rings of [x, y] pairs (open rings). */
function table(features: number[][][][]): PolygonFeatures {
  const partOffsets = [0];
  const ringOffsets = [0];
  const vertexOffsets = [0];
  const xy: number[] = [];
  for (const parts of features) {
    for (const rings of parts) {
      for (const ring of rings) {
        xy.push(...ring);
        vertexOffsets.push(xy.length / 2);
      }
      ringOffsets.push(vertexOffsets.length - 1);
    }
    partOffsets.push(ringOffsets.length - 1);
  }
  return {
    count: features.length,
    partOffsets: Uint32Array.from(partOffsets),
    ringOffsets: Uint32Array.from(ringOffsets),
    vertexOffsets: Uint32Array.from(vertexOffsets),
    xy: Float64Array.from(xy),
  };
}

// An L: 10 × 10 square minus its 6 × 6 top-right corner; area 10·4 + 4·6 = 64 m².
const L_SHAPE = [0, 0, 10, 0, 10, 4, 4, 4, 4, 10, 0, 10];
// A 10 × 10 courtyard block with a 4 × 4 yard: area 100 − 16 = 84 m².
const OUTER = [0, 0, 10, 0, 10, 10, 0, 10];
const YARD = [3, 3, 3, 7, 7, 7, 7, 3];

function reversed(ring: number[]): number[] {
  const out: number[] = [];
  for (let i = ring.length - 2; i >= 0; i -= 2) out.push(ring[i], ring[i + 1]);
  return out;
}

/** Area of the roof triangles, from the float64 input coordinates (walls off: vertex v = input vertex v). */
function roofAreaFromInput(features: PolygonFeatures, indices: Uint32Array): number {
  let area = 0;
  const { xy } = features;
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t], indices[t + 1], indices[t + 2]];
    area +=
      ((xy[b * 2] - xy[a * 2]) * (xy[c * 2 + 1] - xy[a * 2 + 1]) -
        (xy[b * 2 + 1] - xy[a * 2 + 1]) * (xy[c * 2] - xy[a * 2])) /
      2;
  }
  return area;
}

/** Geometric normal of triangle t (from its winding) in world axes. */
function triangleNormal(positions: Float32Array, indices: Uint32Array, t: number): [number, number, number] {
  const p = (k: number) => [
    positions[indices[t + k] * 3],
    positions[indices[t + k] * 3 + 1],
    positions[indices[t + k] * 3 + 2],
  ];
  const [a, b, c] = [p(0), p(1), p(2)];
  const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const v = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
  return [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
}

describe('extrudePolygons', () => {
  it('extrudes an L-shape: 4 roof + 12 wall triangles, 6 + 24 vertices', () => {
    // A simple polygon of n vertices triangulates into n − 2 = 4 triangles; 6 edges give 6 wall
    // quads of 4 vertices and 2 triangles each.
    const geometry = extrudePolygons(table([[[L_SHAPE]]]), [9], { origin: [0, 0] });
    expect(geometry.roofTriangleCount).toBe(4);
    expect(geometry.wallTriangleCount).toBe(12);
    expect(geometry.positions.length / 3).toBe(6 + 24);
    expect(geometry.indices.length).toBe((4 + 12) * 3);
    expect(Array.from(geometry.featureVertexOffsets)).toEqual([0, 30]);
    expect(Array.from(geometry.featureIndexOffsets)).toEqual([0, 48]);
    // Roof at the height, walls from 0 to the height.
    const ys = new Set<number>();
    for (let v = 0; v < 30; v++) ys.add(geometry.positions[v * 3 + 1]);
    expect([...ys].sort((a, b) => a - b)).toEqual([0, 9]);
  });

  it('triangulates a courtyard block with a hole: n + 2h − 2 = 8 roof triangles, area 84 m²', () => {
    const features = table([[[OUTER, YARD]]]);
    const roofOnly = extrudePolygons(features, [0], { origin: [0, 0], walls: false });
    expect(roofOnly.roofTriangleCount).toBe(8);
    expect(roofOnly.positions.length / 3).toBe(8);
    expect(Math.abs(roofAreaFromInput(features, roofOnly.indices) - 84) / 84).toBeLessThan(1e-9);

    const solid = extrudePolygons(features, [12], { origin: [0, 0] });
    expect(solid.wallTriangleCount).toBe(2 * 8);
    expect(solid.positions.length / 3).toBe(8 + 4 * 8);
    expect(solid.indices.length).toBe((8 + 16) * 3);
  });

  it('extrudes a multipolygon part by part', () => {
    const square = [20, 0, 25, 0, 25, 5, 20, 5];
    const triangle = [30, 0, 34, 0, 30, 3];
    const geometry = extrudePolygons(table([[[square], [triangle]]]), [6], { origin: [0, 0] });
    expect(geometry.roofTriangleCount).toBe(2 + 1);
    expect(geometry.wallTriangleCount).toBe((4 + 3) * 2);
    expect(geometry.positions.length / 3).toBe(7 + 4 * 7);
  });

  it('makes roofs face up and walls face out whatever the ring order', () => {
    for (const [outer, yard] of [
      [OUTER, YARD],
      [reversed(OUTER), reversed(YARD)],
      [OUTER, reversed(YARD)],
    ]) {
      const geometry = extrudePolygons(table([[[outer, yard]]]), [10], { origin: [5, 5] });
      const { positions, normals, indices, roofTriangleCount } = geometry;
      let roofs = 0;
      for (let t = 0; t < indices.length; t += 3) {
        const n = triangleNormal(positions, indices, t);
        const stored = [normals[indices[t] * 3], normals[indices[t] * 3 + 1], normals[indices[t] * 3 + 2]];
        // The winding (front face) agrees with the stored normal.
        expect(n[0] * stored[0] + n[1] * stored[1] + n[2] * stored[2]).toBeGreaterThan(0);
        if (stored[1] === 127) {
          roofs++;
          continue;
        }
        // Walls: the centre of the block is the origin; the yard spans |x|,|z| ≤ 2 around it.
        const mx = (positions[indices[t] * 3] + positions[indices[t + 1] * 3] + positions[indices[t + 2] * 3]) / 3;
        const mz =
          (positions[indices[t] * 3 + 2] + positions[indices[t + 1] * 3 + 2] + positions[indices[t + 2] * 3 + 2]) / 3;
        const onYard = Math.max(Math.abs(mx), Math.abs(mz)) < 2.5;
        const outward = stored[0] * mx + stored[2] * mz;
        // Exterior walls face away from the centre, yard walls face into the yard (its centre).
        if (onYard) expect(outward).toBeLessThan(0);
        else expect(outward).toBeGreaterThan(0);
      }
      expect(roofs).toBe(roofTriangleCount);
    }
  });

  it('maps map axes to world axes: x east, z = −north, y up', () => {
    const geometry = extrudePolygons(table([[[[100, 200, 101, 200, 101, 201]]]]), [0], {
      origin: [100, 200],
      walls: false,
    });
    expect(Array.from(geometry.positions)).toEqual([0, 0, -0, 1, 0, -0, 1, 0, -1]);
  });

  it('uses the default height for NaN and negative heights and skips walls at height 0', () => {
    const features = table([[[L_SHAPE]], [[L_SHAPE]], [[L_SHAPE]]]);
    const geometry = extrudePolygons(features, [Number.NaN, -3, 0], { origin: [0, 0], defaultHeightMeters: 7 });
    expect(geometry.positions[1]).toBe(7);
    expect(geometry.positions[geometry.featureVertexOffsets[1] * 3 + 1]).toBe(7);
    expect(geometry.featureVertexOffsets[3] - geometry.featureVertexOffsets[2]).toBe(6);
    expect(geometry.wallTriangleCount).toBe(24);
  });

  it('colours every vertex of a building from the ramp by its height', () => {
    const ramp = Uint8Array.from([0, 0, 0, 100, 100, 100, 200, 200, 200]);
    const features = table([[[L_SHAPE]], [[L_SHAPE]], [[L_SHAPE]]]);
    const geometry = extrudePolygons(features, [0, 5, 10], { origin: [0, 0], colorRamp: ramp, heightDomain: [0, 10] });
    const colors = geometry.colors!;
    const at = (feature: number) => colors[geometry.featureVertexOffsets[feature] * 3];
    expect([at(0), at(1), at(2)]).toEqual([0, 100, 200]);
    expect(colors[(geometry.featureVertexOffsets[3] - 1) * 3]).toBe(200);
  });

  it('computes twice the signed area, positive counter-clockwise', () => {
    expect(signedArea(L_SHAPE, 0, 6)).toBe(128);
    expect(signedArea(reversed(L_SHAPE), 0, 6)).toBe(-128);
  });
});
