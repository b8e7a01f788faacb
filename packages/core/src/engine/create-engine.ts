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

/** Default {@link EngineOptions.scenarioTimeoutMs}: 10 minutes. */
export const DEFAULT_SCENARIO_TIMEOUT_MS = 600_000;

/** Options of {@link createEngine}. */
export interface EngineOptions extends EngineWorkerOptions {
  /** Worker count; 0 runs in-process on the calling thread. @default 0 */
  workers?: number;
  /** Starts a worker (required when workers > 0 outside a browser; `@regiontwin/core/node` supplies one). */
  createWorker?: EngineWorkerFactory;
  /**
   * A scenario running longer than this in a worker is treated as hung: its worker is terminated
   * and replaced, the scenario retried or reported failed. Generous by default, so that only a
   * real hang trips it (a whole Kostanay scenario takes about 50 ms). @default 600000 (10 minutes)
   */
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
  /** How many times the scenario was tried (set when it is finally reported). */
  attempts = 1;
  constructor(message: string) {
    super(message);
    this.name = 'WorkerFailureError';
  }
}

/** One place in the pool: a live worker, or none (started again when work arrives). */
interface Slot {
  handle: EngineWorkerHandle;
  remote: Comlink.Remote<EngineWorkerApi>;
  /**
   * Rejects when the worker dies (or the engine is disposed while it works). Raced only by the
   * one-off start-up and model transfers: a promise that never settles keeps every reaction
   * added to it, so racing it once per scenario would keep every result alive.
   */
  failed: Promise<never>;
  /** Why the worker failed, once it has. */
  failure?: Error;
  /** Stops the scenario running now (a fresh promise per scenario, see {@link Slot.failed}). */
  stopRunning?: (reason: Error) => void;
  fail(reason: Error): void;
  ready: Promise<void>;
  busy: boolean;
  /** Terminated; this slot object is no longer in the pool. */
  retired: boolean;
}

interface Job {
  scenario: ConcreteScenario;
  attempts: number;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  resolve(result: ScenarioResult): void;
  reject(error: Error): void;
  /** Detaches the job's abort listener. */
  cleanup(): void;
}

/**
 * Creates the engine. `workers: 0` runs every scenario on the calling thread (same results,
 * byte for byte). With workers, the model goes to each worker once; each call is one whole
 * scenario. A worker that crashes, or runs one scenario longer than `scenarioTimeoutMs`, is
 * terminated and its place refilled with a fresh worker; its scenario is retried `retries` times
 * and then reported failed — never lost, never hanging. Cancelling (AbortSignal) removes waiting
 * scenarios at once and terminates the workers computing cancelled ones, so no cancelled work
 * goes on running and no result of it comes back.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const workerCount = Math.max(0, Math.floor(options.workers ?? 0));
  const retries = options.retries ?? 1;
  const timeoutMs = options.scenarioTimeoutMs ?? DEFAULT_SCENARIO_TIMEOUT_MS;
  const local = createEngineWorkerApi({ ...options, inProcess: true });
  let modelBuffer: ArrayBuffer | SharedArrayBuffer | undefined;
  let disposed = false;
  /** The pool: `undefined` marks a place whose worker was terminated and not yet replaced. */
  const slots: (Slot | undefined)[] = [];
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
    let rejectFailed!: (reason: Error) => void;
    const failed = new Promise<never>((_, reject) => (rejectFailed = reject));
    failed.catch(() => undefined);
    const remote = Comlink.wrap<EngineWorkerApi>(handle.endpoint);
    const fail = (reason: Error) => {
      slot.failure ??= reason;
      rejectFailed(reason);
      slot.stopRunning?.(reason);
    };
    const slot: Slot = { handle, remote, failed, fail, ready: Promise.resolve(), busy: false, retired: false };
    handle.onFailure((reason) => {
      fail(new WorkerFailureError(`worker crashed: ${reason}`));
      // A worker that dies while idle is cleared at once, so that no scenario is charged for it.
      if (!slot.busy && !slot.retired) retireSlot(slot);
    });
    const configured = options.faults ? slot.remote.configureFaults(options.faults) : Promise.resolve();
    slot.ready = Promise.race([configured.then(() => sendModel(slot)), failed]);
    slot.ready.catch(() => undefined);
    return slot;
  };

  /** Terminates a slot's worker and empties its place (refilled by {@link pump} when work waits). */
  const retireSlot = (slot: Slot) => {
    if (slot.retired) return;
    slot.retired = true;
    slot.handle.terminate();
    (slot.remote as unknown as { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy]?.();
    const index = slots.indexOf(slot);
    if (index >= 0) slots[index] = undefined;
  };

  for (let i = 0; i < workerCount; i++) slots.push(startSlot());

  const pump = () => {
    if (disposed) return;
    for (let i = 0; i < slots.length && queue.length > 0; i++) {
      let slot = slots[i];
      if (slot?.busy) continue;
      const job = queue.shift()!;
      if (!slot) {
        try {
          slot = slots[i] = startSlot();
        } catch (error) {
          job.cleanup();
          job.reject(error instanceof Error ? error : new Error(String(error)));
          continue;
        }
      }
      void execute(slot, job);
    }
  };

  const execute = async (slot: Slot, job: Job) => {
    slot.busy = true;
    job.attempts++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      // Settles when the worker fails while this scenario runs (or has failed already).
      const stops: Promise<never>[] = [
        new Promise<never>((_, reject) => {
          if (slot.failure) reject(slot.failure);
          else slot.stopRunning = reject;
        }),
      ];
      if (job.signal) {
        const signal = job.signal;
        stops.push(
          new Promise<never>((_, reject) => {
            onAbort = () => reject(abortError(signal));
            if (signal.aborted) onAbort();
            else signal.addEventListener('abort', onAbort, { once: true });
          }),
        );
      }
      await Promise.race([slot.ready, ...stops]);
      // The clock starts once the worker is ready: starting a fresh worker is not the scenario's time.
      // Timers cannot wait longer than 2^31 − 1 ms (a longer delay fires at once): treat that as no limit.
      if (Number.isFinite(timeoutMs) && timeoutMs <= 2_147_483_647) {
        stops.push(
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new WorkerFailureError(`scenario "${job.scenario.name}" ran longer than ${timeoutMs} ms`)),
              timeoutMs,
            );
          }),
        );
      }
      const progress = job.onProgress ? Comlink.proxy(job.onProgress) : undefined;
      const result = await Promise.race([slot.remote.run(job.scenario, progress, job.attempts), ...stops]);
      slot.busy = false;
      job.cleanup();
      job.resolve(result as ScenarioResult);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      if (err instanceof WorkerFailureError || err.name === 'AbortError') {
        // The worker is dead, hung, or still computing a cancelled scenario: stop it.
        retireSlot(slot);
        if (err instanceof WorkerFailureError && job.attempts <= retries && !disposed && !job.signal?.aborted) {
          queue.unshift(job);
        } else {
          if (err instanceof WorkerFailureError) err.attempts = job.attempts;
          job.cleanup();
          job.reject(err);
        }
      } else {
        slot.busy = false;
        job.cleanup();
        job.reject(err);
      }
    } finally {
      slot.stopRunning = undefined;
      if (timer) clearTimeout(timer);
      if (onAbort) job.signal?.removeEventListener('abort', onAbort);
      pump();
    }
  };

  const runInWorkers = (scenario: ConcreteScenario, runOptions: RunOptions = {}) =>
    new Promise<ScenarioResult>((resolve, reject) => {
      if (disposed) return reject(new Error('the engine has been disposed'));
      const signal = runOptions.signal;
      if (signal?.aborted) return reject(abortError(signal));
      const job: Job = {
        scenario,
        attempts: 0,
        signal,
        onProgress: runOptions.onProgress,
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', dequeue),
      };
      // Cancelled while waiting: leave the queue at once (a running job is stopped by execute).
      const dequeue = () => {
        const index = queue.indexOf(job);
        if (index < 0) return;
        queue.splice(index, 1);
        job.cleanup();
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', dequeue, { once: true });
      queue.push(job);
      pump();
    });

  const runInProcess = async (scenario: ConcreteScenario, runOptions: RunOptions = {}) => {
    if (disposed) throw new Error('the engine has been disposed');
    // Yield once so that cancellation and progress work like the worker path.
    await new Promise((r) => setTimeout(r, 0));
    if (runOptions.signal?.aborted) throw abortError(runOptions.signal);
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
          if (!slot) return undefined; // started with the current model when work arrives
          slot.ready = Promise.race([slot.ready.then(() => sendModel(slot)), slot.failed]);
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
              attempts: err instanceof WorkerFailureError ? err.attempts : 1,
            };
          }
        }),
      );
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      const disposedError = () => new Error('the engine has been disposed');
      for (const slot of slots) {
        if (!slot) continue;
        // Settles a scenario running there (as a plain error: no retry).
        slot.fail(disposedError());
        retireSlot(slot);
      }
      slots.length = 0;
      for (const job of queue.splice(0)) {
        job.cleanup();
        job.reject(disposedError());
      }
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
