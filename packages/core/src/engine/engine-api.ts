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
  /**
   * Runs one scenario on the model; progress comes back through a Comlink.proxy callback.
   * `attempt` (1 for the first try, 2 for the retry after a worker failure) only matters to
   * {@link EngineFaultInjection}.
   */
  run(
    scenario: ConcreteScenario,
    onProgress?: (progress: RunProgress) => void,
    attempt?: number,
  ): ScenarioResult | Promise<ScenarioResult>;
  /** Sets the test-only fault injection of this worker (sent once, right after start). */
  configureFaults(faults: EngineFaultInjection | undefined): void;
  /** Answers 'ready' (start-up check). */
  ping(): 'ready';
}

/** What an injected fault does to the worker running a scenario. */
export type EngineFault =
  /** The worker dies of an uncaught exception (as after a fatal bug or running out of memory). */
  | 'crash'
  /** The worker spins forever and answers nothing (caught by `scenarioTimeoutMs`). */
  | 'hang'
  /** The scenario throws an ordinary error (reported failed at once; not a worker failure, no retry). */
  | 'throw';

/**
 * TEST ONLY — deliberate faults, to prove that the pool replaces failed workers, retries and
 * reports every scenario. Plain data (it crosses to the workers); never set it in production.
 * Faults are keyed by scenario name.
 */
export interface EngineFaultInjection {
  scenarios: Record<
    string,
    {
      fault: EngineFault;
      /** The fault strikes attempts 1…`attempts` only (1: the retry succeeds). @default every attempt */
      attempts?: number;
    }
  >;
}

/** Options for {@link createEngineWorkerApi}. */
export interface EngineWorkerOptions {
  /** Indicator definitions available in this worker (custom indicators are registered here). */
  registry?: IndicatorRegistry;
  /**
   * TEST ONLY: {@link EngineFaultInjection}. In workers, `crash` and `hang` really crash or hang
   * the worker thread; in-process (`workers: 0`) every fault throws an ordinary error instead.
   */
  faults?: EngineFaultInjection;
}

/** The worker-side implementation of {@link EngineWorkerApi} (also used in-process). */
export function createEngineWorkerApi(options: EngineWorkerOptions & { inProcess?: boolean } = {}): EngineWorkerApi {
  let model: RegionModel | undefined;
  let faults = options.faults;
  return {
    setModel(buffer) {
      model = deserializeRegionModel(buffer);
    },
    run(scenario, onProgress, attempt = 1) {
      if (!model) throw new Error('the engine worker has no model: call setModel first');
      const injected = Object.prototype.hasOwnProperty.call(faults?.scenarios ?? {}, scenario.name)
        ? faults!.scenarios[scenario.name]
        : undefined;
      if (injected && attempt <= (injected.attempts ?? Infinity)) {
        return injectFault(injected.fault, scenario.name, attempt, options.inProcess ?? false);
      }
      return runScenario(model, scenario, { registry: options.registry, onProgress });
    },
    configureFaults(value) {
      faults = value;
    },
    ping: () => 'ready',
  };
}

/** Carries out an injected fault. Never returns normally. */
function injectFault(fault: EngineFault, name: string, attempt: number, inProcess: boolean): Promise<never> {
  const what = `injected ${fault} in scenario "${name}" (attempt ${attempt})`;
  if (fault === 'throw' || inProcess) throw new Error(what);
  if (fault === 'crash') {
    // Uncaught, outside the call: the worker thread dies (Node) or reports an error event (browsers).
    setTimeout(() => {
      throw new Error(what);
    }, 0);
    return new Promise<never>(() => undefined);
  }
  // 'hang': spin on this thread until the pool terminates it.
  const start = Date.now();
  while (Date.now() >= start) {
    // nothing: a hung computation
  }
  throw new Error(what);
}

/**
 * Exposes the engine on a worker endpoint. A worker entry file is three lines:
 * `import { exposeEngineWorker } from '@regiontwin/core'; exposeEngineWorker(self);`
 */
export function exposeEngineWorker(endpoint: Comlink.Endpoint, options: EngineWorkerOptions = {}): void {
  Comlink.expose(createEngineWorkerApi(options), endpoint);
}
