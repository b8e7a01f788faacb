/**
 * Node-only entry of @regiontwin/core: loading regions from folders. Everything else is in the
 * main entry, which runs unchanged in browsers and workers.
 * @packageDocumentation
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { RegionData, RegionValidationOptions } from './region/region-manifest.js';
import { loadRegionFromSources } from './region/load-region.js';
import { RegionValidationError } from './region/region-validation-error.js';

/**
 * Loads and validates a region from a folder holding `region.json` (or the path of a manifest
 * file itself). Each layer's size is checked against the limit before it is read.
 *
 * @throws {RegionValidationError} with every problem found.
 */
export async function loadRegion(path: string, options: RegionValidationOptions = {}): Promise<RegionData> {
  let manifestPath = resolve(path);
  const info = await stat(manifestPath).catch(() => undefined);
  if (info?.isDirectory()) manifestPath = join(manifestPath, 'region.json');
  const shown = info?.isDirectory() ? join(path, 'region.json') : path;
  let manifestBytes: Uint8Array;
  try {
    manifestBytes = await readFile(manifestPath);
  } catch (error) {
    // A folder without region.json does not exist either: only other errors (EACCES…) "cannot be read".
    const code = (error as { code?: unknown }).code;
    throw new RegionValidationError(
      [
        {
          severity: 'error',
          file: shown,
          code: 'file-missing',
          message:
            code === 'ENOENT'
              ? 'does not exist (give a region folder or its region.json)'
              : `cannot be read (${String(code ?? error)})`,
        },
      ],
      shown,
    );
  }
  const folder = dirname(manifestPath);
  const shownFolder = dirname(shown);
  const region = await loadRegionFromSources(
    manifestBytes,
    shown,
    async (layerPath, maxBytes) => {
      const full = join(folder, layerPath);
      const layerInfo = await stat(full).catch(() => undefined);
      if (!layerInfo || !layerInfo.isFile()) {
        return { kind: 'missing', reason: `does not exist (looked for ${join(shownFolder, layerPath)})` };
      }
      if (layerInfo.size > maxBytes) return { kind: 'too-large', sizeBytes: layerInfo.size };
      return { kind: 'ok', bytes: await readFile(full) };
    },
    options,
  );
  return { ...region, source: shown };
}

import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import {
  createEngine as createEngineWith,
  type Engine,
  type EngineOptions,
  type EngineWorkerHandle,
} from './engine/create-engine.js';

/**
 * Starts one engine worker thread (the package's `node-worker.js`, or `workerUrl`).
 */
export function createNodeEngineWorker(
  workerUrl: URL = new URL('./node-worker.js', import.meta.url),
): EngineWorkerHandle {
  const worker = new Worker(workerUrl);
  let expectedExit = false;
  return {
    endpoint: nodeEndpoint(worker as unknown as Parameters<typeof nodeEndpoint>[0]),
    terminate: () => {
      expectedExit = true;
      void worker.terminate();
    },
    onFailure: (callback) => {
      worker.on('error', (error: Error) => callback(error.message));
      worker.on('exit', (code: number) => {
        if (!expectedExit) callback(`exited with code ${code}`);
      });
    },
  };
}

/**
 * The engine in Node: `workers` worker threads (worker_threads through comlink's node adapter),
 * or in-process with `workers: 0`. Same options and results as the browser engine.
 */
export function createEngine(options: EngineOptions & { workerUrl?: URL } = {}): Engine {
  return createEngineWith({ createWorker: () => createNodeEngineWorker(options.workerUrl), ...options });
}
