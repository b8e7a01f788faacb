import * as Comlink from 'comlink';
import type { IndicatorRegistry } from '../indicators/indicator.js';
import { deserializeRegionModel } from '../model/serialize-region-model.js';
import type { RegionModel } from '../model/region-model.js';
import type { ScenarioResult } from '../scenario/result.js';
import { runScenario, type RunProgress } from '../scenario/run-scenario.js';
import type { ConcreteScenario } from '../scenario/scenario.js';

/**
 * The one contract that crosses the worker boundary. The main thread's client type is
 * `Comlink.Remote<EngineWorkerApi>`, derived from this interface, never written by hand.
 */
export interface EngineWorkerApi {
  /** Receives the compiled model once, as the buffer of serializeRegionModel (transferred or shared). */
  setModel(buffer: ArrayBuffer | SharedArrayBuffer): void;
  /** Runs one scenario on the model; progress comes back through a Comlink.proxy callback. */
  run(scenario: ConcreteScenario, onProgress?: (progress: RunProgress) => void): ScenarioResult;
  /** Answers 'ready' (start-up check). */
  ping(): 'ready';
}

/** Options for {@link createEngineWorkerApi}. */
export interface EngineWorkerOptions {
  /** Indicator definitions available in this worker (custom indicators are registered here). */
  registry?: IndicatorRegistry;
}

/** The worker-side implementation of {@link EngineWorkerApi} (also used in-process). */
export function createEngineWorkerApi(options: EngineWorkerOptions = {}): EngineWorkerApi {
  let model: RegionModel | undefined;
  return {
    setModel(buffer) {
      model = deserializeRegionModel(buffer);
    },
    run(scenario, onProgress) {
      if (!model) throw new Error('the engine worker has no model: call setModel first');
      return runScenario(model, scenario, { registry: options.registry, onProgress });
    },
    ping: () => 'ready',
  };
}

/**
 * Exposes the engine on a worker endpoint. A worker entry file is three lines:
 * `import { exposeEngineWorker } from '@regiontwin/core'; exposeEngineWorker(self);`
 */
export function exposeEngineWorker(endpoint: Comlink.Endpoint, options: EngineWorkerOptions = {}): void {
  Comlink.expose(createEngineWorkerApi(options), endpoint);
}
