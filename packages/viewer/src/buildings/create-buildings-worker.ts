import { releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { ExtrudedGeometry } from '../geometry/extrude-polygons.js';
import {
  buildBuildingGeometry,
  copyFootprints,
  footprintBuffers,
  type BuildBuildingGeometryOptions,
  type BuildingFootprints,
} from './build-building-geometry.js';
import type { BuildingsWorkerApi } from './buildings-worker-api.js';

/** Builds merged building geometry, in a worker or on the main thread. */
export interface BuildingsBuilder {
  /**
   * Builds the merged geometry of `footprints` (copied, never detached from the caller).
   * Resolves with the geometry and the build time measured where it ran, milliseconds.
   */
  build(
    footprints: BuildingFootprints,
    options?: BuildBuildingGeometryOptions,
  ): Promise<{ geometry: ExtrudedGeometry; buildMilliseconds: number }>;
  /** Whether builds run in a Web Worker. */
  readonly inWorker: boolean;
  /** Terminates the worker. Pending builds reject. */
  dispose(): void;
}

/** Starts the bundled buildings worker (dist/buildings-worker.js next to this module). */
export function startBundledBuildingsWorker(): Worker {
  // Vite, webpack 5, Parcel and esbuild-based tools recognise this pattern and emit the worker.
  return new Worker(new URL('./buildings-worker.js', import.meta.url), {
    type: 'module',
    name: 'regiontwin-buildings',
  });
}

/**
 * Creates a buildings builder. With `createWorker` (default: {@link startBundledBuildingsWorker})
 * geometry is built in a Web Worker and transferred back; with `createWorker: null`, or where
 * `Worker` does not exist, the same {@link buildBuildingGeometry} runs on the calling thread.
 */
export function createBuildingsBuilder(
  createWorker: (() => Worker) | null = startBundledBuildingsWorker,
): BuildingsBuilder {
  if (!createWorker || typeof Worker === 'undefined') {
    return {
      inWorker: false,
      async build(footprints, options = {}) {
        const start = performance.now();
        const geometry = buildBuildingGeometry(footprints, options);
        return { geometry, buildMilliseconds: performance.now() - start };
      },
      dispose() {},
    };
  }
  let worker: Worker | null = null;
  let remote: Remote<BuildingsWorkerApi> | null = null;
  // comlink never settles a call whose worker was terminated; dispose() rejects them instead.
  const pending = new Set<(reason: Error) => void>();
  return {
    inWorker: true,
    async build(footprints, options = {}) {
      if (!worker) {
        worker = createWorker();
        remote = wrap<BuildingsWorkerApi>(worker);
      }
      const input = copyFootprints(footprints);
      const call = remote!.build(transfer(input, footprintBuffers(input)), options);
      return new Promise((resolve, reject) => {
        pending.add(reject);
        call.then(resolve, reject).finally(() => pending.delete(reject));
      });
    },
    dispose() {
      for (const reject of pending) reject(new Error('The buildings worker was disposed'));
      pending.clear();
      if (remote) remote[releaseProxy]();
      worker?.terminate();
      worker = null;
      remote = null;
    },
  };
}
