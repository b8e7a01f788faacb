import { describe, expect, it } from 'vitest';
import { buildBuildingGeometry, copyFootprints } from './build-building-geometry.js';
import { buildingsWorkerApi } from './buildings-worker-api.js';
import { createBuildingsBuilder } from './create-buildings-worker.js';
import { generateSyntheticBuildings, SYNTHETIC_BUILDING_SHAPES } from './generate-synthetic-buildings.js';
import { extrudePolygons, signedArea } from '../geometry/extrude-polygons.js';

/** The bytes of a typed array view (a Buffer compares fast and prints short). */
function bytes(view: ArrayBufferView): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

describe('generateSyntheticBuildings', () => {
  const town = generateSyntheticBuildings({ count: 2000, seed: 7 });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateSyntheticBuildings({ count: 2000, seed: 7 });
    expect(Buffer.from(again.xy.buffer).equals(Buffer.from(town.xy.buffer))).toBe(true);
    expect(Array.from(again.heightMeters)).toEqual(Array.from(town.heightMeters));
    const other = generateSyntheticBuildings({ count: 2000, seed: 8 });
    expect(Buffer.from(other.xy.buffer).equals(Buffer.from(town.xy.buffer))).toBe(false);
  });

  it('draws every shape, with holes and multipolygons, in RFC 7946 ring order', () => {
    const seen = new Set(town.shapes);
    expect(seen.size).toBe(SYNTHETIC_BUILDING_SHAPES.length);
    let holes = 0;
    let multipolygons = 0;
    for (let b = 0; b < town.count; b++) {
      if (town.partOffsets[b + 1] - town.partOffsets[b] > 1) multipolygons++;
      for (let p = town.partOffsets[b]; p < town.partOffsets[b + 1]; p++) {
        for (let r = town.ringOffsets[p]; r < town.ringOffsets[p + 1]; r++) {
          const area = signedArea(town.xy, town.vertexOffsets[r], town.vertexOffsets[r + 1]);
          if (r === town.ringOffsets[p]) expect(area).toBeGreaterThan(0);
          else {
            expect(area).toBeLessThan(0);
            holes++;
          }
        }
      }
    }
    expect(holes).toBeGreaterThan(100);
    expect(multipolygons).toBeGreaterThan(100);
  });

  it('triangulates every roof to exactly its polygon area (1e-9 relative)', () => {
    const roofs = extrudePolygons(town, town.heightMeters, { walls: false, origin: [0, 0] });
    for (let b = 0; b < town.count; b++) {
      // Polygon area: exterior minus holes (shoelace over the float64 input).
      let polygonArea = 0;
      for (let p = town.partOffsets[b]; p < town.partOffsets[b + 1]; p++) {
        for (let r = town.ringOffsets[p]; r < town.ringOffsets[p + 1]; r++) {
          polygonArea += signedArea(town.xy, town.vertexOffsets[r], town.vertexOffsets[r + 1]) / 2;
        }
      }
      // Triangulation area: without walls, vertex v is input vertex v.
      let triangleArea = 0;
      for (let t = roofs.featureIndexOffsets[b]; t < roofs.featureIndexOffsets[b + 1]; t += 3) {
        const [i, j, k] = [roofs.indices[t], roofs.indices[t + 1], roofs.indices[t + 2]];
        const xy = town.xy;
        triangleArea +=
          ((xy[j * 2] - xy[i * 2]) * (xy[k * 2 + 1] - xy[i * 2 + 1]) -
            (xy[j * 2 + 1] - xy[i * 2 + 1]) * (xy[k * 2] - xy[i * 2])) /
          2;
      }
      expect(Math.abs(triangleArea - polygonArea) / polygonArea).toBeLessThan(1e-9);
    }
  });
});

describe('buildBuildingGeometry', () => {
  const town = generateSyntheticBuildings({ count: 500, seed: 3 });

  it('has the vertex and index counts derived from the footprints', () => {
    // Roof: one vertex per footprint vertex, n + 2h − 2 triangles per part (n vertices, h holes).
    // Walls: 4 vertices and 2 triangles per ring edge (every building is taller than 0).
    let vertices = 0;
    let roofTriangles = 0;
    let edges = 0;
    for (let b = 0; b < town.count; b++) {
      for (let p = town.partOffsets[b]; p < town.partOffsets[b + 1]; p++) {
        const rings = town.ringOffsets[p + 1] - town.ringOffsets[p];
        const n = town.vertexOffsets[town.ringOffsets[p + 1]] - town.vertexOffsets[town.ringOffsets[p]];
        vertices += n;
        edges += n;
        roofTriangles += n + 2 * (rings - 1) - 2;
      }
    }
    const geometry = buildBuildingGeometry(town);
    expect(geometry.roofTriangleCount).toBe(roofTriangles);
    expect(geometry.wallTriangleCount).toBe(2 * edges);
    expect(geometry.positions.length).toBe((vertices + 4 * edges) * 3);
    expect(geometry.indices.length).toBe((roofTriangles + 2 * edges) * 3);
    expect(geometry.featureVertexOffsets[town.count]).toBe(vertices + 4 * edges);
    expect(Math.max(...geometry.indices)).toBe(vertices + 4 * edges - 1);
  });

  it('gives the worker API and the main-thread builder the same bytes', async () => {
    const direct = buildBuildingGeometry(town, { origin: [1, 2] });
    const viaApi = buildingsWorkerApi.build(copyFootprints(town), { origin: [1, 2] }).geometry;
    const builder = createBuildingsBuilder(null);
    expect(builder.inWorker).toBe(false);
    const viaBuilder = (await builder.build(town, { origin: [1, 2] })).geometry;
    for (const geometry of [viaApi, viaBuilder]) {
      expect(bytes(geometry.positions).equals(bytes(direct.positions))).toBe(true);
      expect(bytes(geometry.indices).equals(bytes(direct.indices))).toBe(true);
      expect(bytes(geometry.normals).equals(bytes(direct.normals))).toBe(true);
    }
  });

  it('copies footprints into compact buffers and leaves the input usable', () => {
    const copy = copyFootprints(town);
    expect(copy.xy).not.toBe(town.xy);
    expect(copy.xy.buffer.byteLength).toBe(town.xy.byteLength);
    expect(Array.from(copy.xy.subarray(0, 10))).toEqual(Array.from(town.xy.subarray(0, 10)));
  });
});
