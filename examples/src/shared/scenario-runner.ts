/**
 * Runs scenario documents off the page's thread: templates are expanded in a prepare worker,
 * indicators are computed by core's engine (`createEngine`, Web Workers). A run can be cancelled
 * through its AbortSignal; results are cached by the document, so switching back to a scenario
 * costs nothing.
 */
import * as Comlink from 'comlink';
import {
  createEngine,
  serializeRegionModel,
  type Engine,
  type RegionModel,
  type ScenarioDocument,
  type ScenarioResult,
} from '@regiontwin/core';
import type { PrepareWorkerApi } from './prepare-worker-api.js';

/** Where a run is. */
export interface RunnerProgress {
  phase: 'preparing' | 'running';
  scenario: string;
  /** Years computed so far (running), 0 while preparing. */
  done: number;
  /** Years to compute. */
  total: number;
}

/** Options of {@link ScenarioRunner.run}. */
export interface RunnerRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: RunnerProgress) => void;
}

/** The runner of one region's scenarios. */
export interface ScenarioRunner {
  /** The region's model. */
  readonly model: RegionModel;
  /** Prepares and runs a scenario; rejects with an AbortError when the signal fires first. */
  run(doc: ScenarioDocument, options?: RunnerRunOptions): Promise<ScenarioResult>;
  /** Stops both workers. */
  dispose(): void;
}

/** An AbortError, as fetch and AbortSignal.throwIfAborted raise it. */
export function abortError(): Error {
  const error = new Error('the run was cancelled');
  error.name = 'AbortError';
  return error;
}

/** Whether an error is a cancellation rather than a failure. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Starts the workers for a model: the model is serialised once and sent to the prepare worker
 * and to the engine's worker(s).
 * @param workers engine workers @default 1
 */
export async function createScenarioRunner(model: RegionModel, workers = 1): Promise<ScenarioRunner> {
  const buffer = serializeRegionModel(model);
  const prepareWorker = new Worker(new URL('./prepare-worker.ts', import.meta.url), {
    type: 'module',
    name: 'regiontwin-prepare',
  });
  const prepare = Comlink.wrap<PrepareWorkerApi>(prepareWorker);
  const copy = buffer.slice(0);
  const engine: Engine = createEngine({
    workers,
    createWorker: () => {
      const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), {
        type: 'module',
        name: 'regiontwin-engine',
      });
      return {
        endpoint: worker,
        terminate: () => worker.terminate(),
        onFailure: (callback) => worker.addEventListener('error', (event) => callback(event.message || 'worker error')),
      };
    },
  });
  await Promise.all([prepare.setModel(Comlink.transfer(copy, [copy])), engine.setModel(buffer)]);
  const cache = new Map<string, ScenarioResult>();
  return {
    model,
    async run(doc, options = {}) {
      const key = JSON.stringify(doc);
      const cached = cache.get(key);
      if (cached) return cached;
      const { signal, onProgress } = options;
      if (signal?.aborted) throw abortError();
      onProgress?.({ phase: 'preparing', scenario: doc.name, done: 0, total: 0 });
      const concrete = await prepare.prepare(doc);
      if (signal?.aborted) throw abortError();
      const result = await engine.run(concrete, {
        signal,
        onProgress: (p) => onProgress?.({ phase: 'running', scenario: doc.name, done: p.done, total: p.total }),
      });
      if (cache.size > 24) cache.delete(cache.keys().next().value as string);
      cache.set(key, result);
      return result;
    },
    dispose() {
      prepare[Comlink.releaseProxy]();
      prepareWorker.terminate();
      engine.dispose();
    },
  };
}
