import { transfer } from 'comlink';
import type { ExtrudedGeometry } from '../geometry/extrude-polygons.js';
import {
  buildBuildingGeometry,
  geometryBuffers,
  type BuildBuildingGeometryOptions,
  type BuildingFootprints,
} from './build-building-geometry.js';

/**
 * Everything that crosses the buildings worker boundary: one coarse call per region. Footprints
 * go in as compact transferred buffers; the merged geometry comes back transferred (no copies).
 * The client type is derived with comlink's `Remote<BuildingsWorkerApi>`, never hand-written.
 */
export const buildingsWorkerApi = {
  /**
   * Builds the merged building geometry (see {@link buildBuildingGeometry}) and reports how long
   * the build took inside the worker, milliseconds.
   */
  build(
    footprints: BuildingFootprints,
    options: BuildBuildingGeometryOptions,
  ): { geometry: ExtrudedGeometry; buildMilliseconds: number } {
    const start = performance.now();
    const geometry = buildBuildingGeometry(footprints, options);
    const buildMilliseconds = performance.now() - start;
    return transfer({ geometry, buildMilliseconds }, geometryBuffers(geometry));
  },
};

/** The buildings worker's API (see {@link buildingsWorkerApi}). */
export type BuildingsWorkerApi = typeof buildingsWorkerApi;
