import type { BuildingTable } from '@regiontwin/core';
import { extrudePolygons, type ExtrudedGeometry } from '../geometry/extrude-polygons.js';

/**
 * Building footprints as the viewer needs them: the columnar polygons of a core `BuildingTable`
 * (projected metres) and a height per building, metres.
 */
export type BuildingFootprints = Pick<
  BuildingTable,
  'count' | 'partOffsets' | 'ringOffsets' | 'vertexOffsets' | 'xy' | 'heightMeters'
>;

/** Options of {@link buildBuildingGeometry}. */
export interface BuildBuildingGeometryOptions {
  /** Point subtracted from every vertex, metres (x east, y north). @default centre of the footprints' bounding box */
  origin?: readonly [number, number];
  /**
   * Colour ramp sampled by height, 3 bytes per colour in the renderer's linear working space
   * (see `createBuildingColorRamp`). @default null (no per-vertex colours)
   */
  colorRamp?: Uint8Array | null;
  /** Heights mapped to the ends of the ramp, metres. @default [0, tallest building] */
  heightDomain?: readonly [number, number];
  /** Height used for buildings whose height is missing or negative, metres. @default 6 */
  defaultHeightMeters?: number;
}

/**
 * Builds one merged, extruded mesh (as typed arrays) for every building: earcut roofs with holes,
 * one wall quad per footprint edge, flat normals, optional colour by height. The same function
 * runs in the buildings worker ({@link createBuildingsWorker}) and on the main thread, so tests
 * and environments without workers get identical bytes.
 *
 * @param buildings footprints in projected metres and heights in metres
 * @param options see {@link BuildBuildingGeometryOptions}
 * @returns the merged geometry; its arrays are views over freshly allocated buffers that can be
 *   transferred
 */
export function buildBuildingGeometry(
  buildings: BuildingFootprints,
  options: BuildBuildingGeometryOptions = {},
): ExtrudedGeometry {
  return extrudePolygons(buildings, buildings.heightMeters, {
    origin: options.origin,
    walls: true,
    colorRamp: options.colorRamp ?? null,
    heightDomain: options.heightDomain,
    defaultHeightMeters: options.defaultHeightMeters ?? 6,
  });
}

/** The ArrayBuffers of a geometry, for `postMessage` transfer lists. */
export function geometryBuffers(geometry: ExtrudedGeometry): ArrayBuffer[] {
  const buffers = [
    geometry.positions.buffer,
    geometry.normals.buffer,
    geometry.indices.buffer,
    geometry.featureVertexOffsets.buffer,
    geometry.featureIndexOffsets.buffer,
  ];
  if (geometry.colors) buffers.push(geometry.colors.buffer);
  return buffers as ArrayBuffer[];
}

/**
 * Copies the footprint columns into fresh, compact buffers. A deserialised RegionModel may keep
 * every column as a view into one large buffer; posting such a view would clone the whole buffer,
 * and transferring it would detach the caller's model.
 */
export function copyFootprints(buildings: BuildingFootprints): BuildingFootprints {
  return {
    count: buildings.count,
    partOffsets: buildings.partOffsets.slice(),
    ringOffsets: buildings.ringOffsets.slice(),
    vertexOffsets: buildings.vertexOffsets.slice(),
    xy: buildings.xy.slice(),
    heightMeters: buildings.heightMeters.slice(),
  };
}

/** The ArrayBuffers of footprints, for `postMessage` transfer lists. */
export function footprintBuffers(buildings: BuildingFootprints): ArrayBuffer[] {
  return [
    buildings.partOffsets.buffer,
    buildings.ringOffsets.buffer,
    buildings.vertexOffsets.buffer,
    buildings.xy.buffer,
    buildings.heightMeters.buffer,
  ] as ArrayBuffer[];
}
