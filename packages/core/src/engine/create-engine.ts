import * as Comlink from 'comlink';
import type { RegionModel } from '../model/region-model.js';
import { serializeRegionModel } from '../model/serialize-region-model.js';
import type { ScenarioResult } from '../scenario/result.js';
import type { RunProgress } from '../scenario/run-scenario.js';
import type { ConcreteScenario } from '../scenario/scenario.js';
import { createEngineWorkerApi, type EngineWorkerApi, type EngineWorkerOptions } from './engine-api.js';

/** A started worker as the pool needs it: a comlink endpoint, a way to stop it, a way to hear it die. */
export interface EngineWorkerHandle {
  endpoint: Comlink.Endpoint;
  /** Stops the worker at once. */
  terminate(): void;
  /** Registers a callback for an unexpected exit or an uncaught error of the worker. */
  onFailure(callback: (reason: string) => void): void;
}

/** Starts one engine worker. */
export type EngineWorkerFactory = () => EngineWorkerHandle;

/** Options of {@link createEngine}. */
export interface EngineOptions extends EngineWorkerOptions {
  /** Worker count; 0 runs in-process on the calling thread. @default 0 */
  workers?: number;
  /** Starts a worker (required when workers > 0 outside a browser; `@regiontwin/core/node` supplies one). */
  createWorker?: EngineWorkerFactory;
  /** A scenario running longer than this is treated as hung: its worker is replaced. @default Infinity */
  scenarioTimeoutMs?: number;
  /** Extra attempts for a scenario whose worker crashed or hung before it is reported failed. @default 1 */
  retries?: number;
}

/** Options of one run. */
export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
}

/** What happened to one scenario of {@link Engine.runMany}. Count in = count out, in input order. */
export type RunOutcome =
  | { status: 'ok'; scenario: string; result: ScenarioResult }
  | { status: 'failed'; scenario: string; error: string; attempts: number }
  | { status: 'cancelled'; scenario: string };

/** Progress of a batch. */
export interface BatchProgress {
  done: number;
  failed: number;
  total: number;
}

/** A pool of engine workers (or the calling thread) sharing one compiled model. */
export interface Engine {
  /** Number of workers (0 = in-process). */
  readonly workers: number;
  /** Sends the model to every worker once (a SharedArrayBuffer where available, else transferred copies). */
  setModel(model: RegionModel | ArrayBuffer): Promise<void>;
  /** Runs one scenario. Rejects when it fails (after retries) or is cancelled. */
  run(scenario: ConcreteScenario, options?: RunOptions): Promise<ScenarioResult>;
  /** Runs many scenarios in parallel; resolves with one outcome per scenario, in input order. */
  runMany(
    scenarios: readonly ConcreteScenario[],
    options?: { signal?: AbortSignal; onProgress?: (progress: BatchProgress) => void },
  ): Promise<RunOutcome[]>;
  /** Terminates every worker and frees the model. The engine is unusable afterwards. */
  dispose(): void;
}

/** A scenario failed because its worker crashed or hung (after the retries). */
export class WorkerFailureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerFailureError';
  }
}

interface Slot {
  handle: EngineWorkerHandle;
  remote: Comlink.Remote<EngineWorkerApi>;
  /** Settles (rejects) when the worker dies. */
  failed: Promise<never>;
  ready: Promise<void>;
  busy: boolean;
}

interface Job {
  scenario: ConcreteScenario;
  attempts: number;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  resolve(result: ScenarioResult): void;
  reject(error: Error): void;
}

/**
 * Creates the engine. `workers: 0` runs every scenario on the calling thread (same results,
 * byte for byte). With workers, the model goes to each worker once; each call is one whole
 * scenario; a worker that crashes or exceeds `scenarioTimeoutMs` is terminated and replaced, and
 * its scenario retried `retries` times, then reported failed — never lost, never hanging.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const workerCount = Math.max(0, Math.floor(options.workers ?? 0));
  const retries = options.retries ?? 1;
  const timeoutMs = options.scenarioTimeoutMs ?? Infinity;
  const local = createEngineWorkerApi(options);
  let modelBuffer: ArrayBuffer | SharedArrayBuffer | undefined;
  let disposed = false;
  const slots: Slot[] = [];
  const queue: Job[] = [];
  const factory = options.createWorker ?? (workerCount > 0 ? defaultBrowserWorkerFactory : undefined);

  const sendModel = (slot: Slot) => {
    if (!modelBuffer) return Promise.resolve();
    if (modelBuffer instanceof ArrayBuffer) {
      const copy = modelBuffer.slice(0);
      return slot.remote.setModel(Comlink.transfer(copy, [copy]));
    }
    return slot.remote.setModel(modelBuffer);
  };

  const startSlot = (): Slot => {
    if (!factory) throw new Error('createEngine: workers > 0 needs a createWorker factory outside browsers');
    const handle = factory();
    let fail!: (reason: Error) => void;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => undefined);
    handle.onFailure((reason) => fail(new WorkerFailureError(`worker crashed: ${reason}`)));
    const remote = Comlink.wrap<EngineWorkerApi>(handle.endpoint);
    const slot: Slot = { handle, remote, failed, ready: Promise.resolve(), busy: false };
    slot.ready = Promise.race([sendModel(slot), failed]);
    slot.ready.catch(() => undefined);
    return slot;
  };

  const replaceSlot = (slot: Slot) => {
    slot.handle.terminate();
    (slot.remote as unknown as { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy]?.();
    const index = slots.indexOf(slot);
    if (index >= 0 && !disposed) slots[index] = startSlot();
  };

  for (let i = 0; i < workerCount; i++) slots.push(startSlot());

  const pump = () => {
    if (disposed) return;
    for (const slot of slots) {
      if (slot.busy) continue;
      const job = queue.shift();
      if (!job) return;
      void execute(slot, job);
    }
  };

  const execute = async (slot: Slot, job: Job) => {
    slot.busy = true;
    job.attempts++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      if (job.signal?.aborted) throw abortError(job.signal);
      const stops: Promise<never>[] = [slot.failed];
      if (Number.isFinite(timeoutMs)) {
        stops.push(
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new WorkerFailureError(`scenario "${job.scenario.name}" ran longer than ${timeoutMs} ms`)),
              timeoutMs,
            );
          }),
        );
      }
      if (job.signal) {
        const signal = job.signal;
        stops.push(
          new Promise<never>((_, reject) => {
            onAbort = () => reject(abortError(signal));
            signal.addEventListener('abort', onAbort, { once: true });
          }),
        );
      }
      await Promise.race([slot.ready, ...stops]);
      const progress = job.onProgress ? Comlink.proxy(job.onProgress) : undefined;
      const result = await Promise.race([slot.remote.run(job.scenario, progress), ...stops]);
      slot.busy = false;
      job.resolve(result as ScenarioResult);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      if (err instanceof WorkerFailureError || err.name === 'AbortError') {
        // The worker may be dead, hung or still computing a cancelled scenario: replace it.
        replaceSlot(slot);
        if (err instanceof WorkerFailureError && job.attempts <= retries && !disposed) {
          queue.unshift(job);
        } else job.reject(err);
      } else {
        slot.busy = false;
        job.reject(err);
      }
    } finally {
      if (timer) clearTimeout(timer);
      if (onAbort) job.signal?.removeEventListener('abort', onAbort);
      pump();
    }
  };

  const runInWorkers = (scenario: ConcreteScenario, runOptions: RunOptions = {}) =>
    new Promise<ScenarioResult>((resolve, reject) => {
      if (disposed) return reject(new Error('the engine has been disposed'));
      queue.push({
        scenario,
        attempts: 0,
        signal: runOptions.signal,
        onProgress: runOptions.onProgress,
        resolve,
        reject,
      });
      pump();
    });

  const runInProcess = async (scenario: ConcreteScenario, runOptions: RunOptions = {}) => {
    if (disposed) throw new Error('the engine has been disposed');
    // Yield once so that cancellation and progress work like the worker path.
    await new Promise((r) => setTimeout(r, 0));
    runOptions.signal?.throwIfAborted();
    return local.run(scenario, runOptions.onProgress);
  };

  const run = workerCount > 0 ? runInWorkers : runInProcess;

  return {
    workers: workerCount,
    async setModel(model) {
      const buffer = model instanceof ArrayBuffer ? model : serializeRegionModel(model);
      if (workerCount === 0) {
        local.setModel(buffer);
        modelBuffer = buffer;
        return;
      }
      if (
        typeof SharedArrayBuffer !== 'undefined' &&
        (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false
      ) {
        const shared = new SharedArrayBuffer(buffer.byteLength);
        new Uint8Array(shared).set(new Uint8Array(buffer));
        modelBuffer = shared;
      } else modelBuffer = buffer;
      await Promise.all(
        slots.map((slot) => {
          slot.ready = Promise.race([sendModel(slot), slot.failed]);
          return slot.ready;
        }),
      );
    },
    run,
    async runMany(scenarios, batchOptions = {}) {
      let done = 0;
      let failed = 0;
      const report = () => batchOptions.onProgress?.({ done, failed, total: scenarios.length });
      return Promise.all(
        scenarios.map(async (scenario): Promise<RunOutcome> => {
          try {
            const result = await run(scenario, { signal: batchOptions.signal });
            done++;
            report();
            return { status: 'ok', scenario: scenario.name, result };
          } catch (error) {
            done++;
            const err = error instanceof Error ? error : new Error(String(error));
            if (err.name === 'AbortError') {
              report();
              return { status: 'cancelled', scenario: scenario.name };
            }
            failed++;
            report();
            return {
              status: 'failed',
              scenario: scenario.name,
              error: err.message,
              attempts: 1 + (err instanceof WorkerFailureError ? retries : 0),
            };
          }
        }),
      );
    },
    dispose() {
      disposed = true;
      for (const slot of slots) slot.handle.terminate();
      slots.length = 0;
      for (const job of queue.splice(0)) job.reject(new Error('the engine has been disposed'));
      modelBuffer = undefined;
    },
  };
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'the run was cancelled');
  error.name = 'AbortError';
  return error;
}

/** Browser default: a module Web Worker from this package's worker entry. */
function defaultBrowserWorkerFactory(): EngineWorkerHandle {
  if (typeof Worker === 'undefined') {
    throw new Error('createEngine: no Web Worker here; in Node import createEngine from "@regiontwin/core/node"');
  }
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onFailure: (callback) => {
      worker.addEventListener('error', (event) => callback(event.message || 'worker error'));
    },
  };
}
