/**
 * Web Worker that reads, validates and compiles a region, so that a large dropped region never
 * blocks the page. The compiled model comes back as the transferable buffer of
 * serializeRegionModel.
 */
import * as Comlink from 'comlink';
import { serializeRegionModel } from '@regiontwin/core';
import { loadDroppedRegion, loadEmbeddedRegion } from './region-source.js';
import type { RegionWorkerApi } from './region-worker-api.js';

const api: RegionWorkerApi = {
  async load(files) {
    const outcome = files === 'embedded' ? await loadEmbeddedRegion() : await loadDroppedRegion(files);
    if (!outcome.ok) return outcome;
    const buffer = serializeRegionModel(outcome.model);
    return Comlink.transfer({ ok: true as const, buffer, warnings: outcome.warnings }, [buffer]);
  },
};

Comlink.expose(api, self as unknown as Comlink.Endpoint);
