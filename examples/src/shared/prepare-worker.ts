/**
 * Web Worker that turns scenario documents into runnable scenarios: template expansion places
 * facilities by optimisation (greedy maximal coverage), which takes a few hundred milliseconds
 * on the national region, so it runs here rather than on the page's thread.
 */
import * as Comlink from 'comlink';
import { deserializeRegionModel, prepareScenario, type RegionModel, type ScenarioDocument } from '@regiontwin/core';
import { expandTemplate } from '@regiontwin/templates';
import type { PrepareWorkerApi } from './prepare-worker-api.js';

let model: RegionModel | undefined;

const api: PrepareWorkerApi = {
  setModel(buffer) {
    model = deserializeRegionModel(buffer);
  },
  prepare(doc: ScenarioDocument) {
    if (!model) throw new Error('the prepare worker has no model');
    return prepareScenario(doc, model, { expandTemplate });
  },
};

Comlink.expose(api, self as unknown as Comlink.Endpoint);
