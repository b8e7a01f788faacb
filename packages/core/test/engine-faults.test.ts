import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
// The worker threads run the built worker entry, so the engine under test is the built one too
// (`pnpm test` builds first, as for every package tested through its dist/).
import {
  createEngine,
  prepareScenario,
  runScenario,
  type ConcreteScenario,
  type Engine,
  type EngineOptions,
  type EngineWorkerHandle,
  type RegionModel,
} from '../dist/index.js';
import { compileTinyRegion } from '../src/scenario/tiny-region.test-helper.js';

/**
 * Faults in the engine's worker pool, with real worker threads and the test-only fault-injection
 * hook of the worker options (`faults`: a named scenario crashes its worker, hangs it, or throws):
 * a crashed or hung worker is replaced, its scenario retried once and then reported failed; a
 * sweep of 10,000 scenarios with injected failures reports every scenario; cancelling stops the
 * workers computing cancelled scenarios and returns no partial result; dispose leaves nothing.
 */

const WORKER_URL = new URL('../dist/node-worker.js', import.meta.url);

let model: RegionModel;
beforeAll(async () => {
  model = await compileTinyRegion();
});

/** Worker threads started by a test's factory, and whether each has exited. */
interface ThreadLog {
  started: number;
  exited: number;
  live(): number;
}

/**
 * The Node worker factory (like `createNodeEngineWorker`), also counting thread starts and
 * exits so that tests can see which workers are still alive. The workers are real.
 */
function countingFactory(): { log: ThreadLog; createWorker: () => EngineWorkerHandle } {
  const log: ThreadLog = { started: 0, exited: 0, live: () => log.started - log.exited };
  const createWorker = (): EngineWorkerHandle => {
    const worker = new Worker(WORKER_URL);
    log.started++;
    let expectedExit = false;
    const failures: ((reason: string) => void)[] = [];
    worker.on('error', (error: Error) => failures.forEach((f) => f(error.message)));
    worker.on('exit', (code: number) => {
      log.exited++;
      if (!expectedExit) failures.forEach((f) => f(`exited with code ${code}`));
    });
    return {
      endpoint: nodeEndpoint(worker as unknown as Parameters<typeof nodeEndpoint>[0]),
      terminate: () => {
        expectedExit = true;
        void worker.terminate();
      },
      onFailure: (callback) => failures.push(callback),
    };
  };
  return { log, createWorker };
}

const engines: Engine[] = [];
function startEngine(options: EngineOptions): Engine {
  const engine = createEngine(options);
  engines.push(engine);
  return engine;
}
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
});

/** A small scenario: an IT hub at a latitude on the tiny region's meridian, two indicators. */
function hubScenario(name: string, latitude: number): ConcreteScenario {
  return prepareScenario(
    {
      schema: 'regiontwin/scenario@1',
      name,
      region: '../tiny',
      years: { start: 2026, end: 2026 },
      interventions: [{ type: 'add-facility', kind: 'it-hub', at: [63.0, latitude], capexKzt: 1000 }],
      indicators: [{ id: 'population-within-distance', kind: 'it-hub', meters: 3000 }, { id: 'capex' }],
    },
    model,
  );
}

/** Waits (bounded) until the factory's threads have all exited, then returns how many still live. */
async function liveAfterExits(log: ThreadLog, expectedLive = 0): Promise<number> {
  await vi.waitFor(() => expect(log.live()).toBe(expectedLive), { timeout: 10_000, interval: 20 });
  return log.live();
}

describe('engine faults: crashed and hung workers', () => {
  it('a worker that crashes once is replaced and the retry gives the in-process result', async () => {
    const { log, createWorker } = countingFactory();
    const engine = startEngine({
      workers: 1,
      createWorker,
      faults: { scenarios: { 'crash-once': { fault: 'crash', attempts: 1 } } },
    });
    await engine.setModel(model);
    const scenario = hubScenario('crash-once', 53.05);
    const result = await engine.run(scenario);
    // Byte-identical to the same scenario computed on this thread.
    expect(JSON.stringify(result)).toBe(JSON.stringify(runScenario(model, scenario)));
    expect(log.started).toBe(2); // the first worker, and its replacement
  });

  it('a worker that crashes on every attempt: tried twice, then reported failed', async () => {
    const { log, createWorker } = countingFactory();
    const engine = startEngine({ workers: 1, createWorker, faults: { scenarios: { doomed: { fault: 'crash' } } } });
    await engine.setModel(model);
    const [outcome, after] = await engine.runMany([hubScenario('doomed', 53.05), hubScenario('after', 53.1)]);
    expect(outcome).toMatchObject({ status: 'failed', scenario: 'doomed', attempts: 2 });
    expect(outcome.status === 'failed' && outcome.error).toMatch(
      /worker crashed: .*injected crash in scenario "doomed"/,
    );
    // The next scenario runs on a fresh worker.
    expect(after.status).toBe('ok');
    expect(log.started).toBe(3);
  });

  it('a hung worker is terminated after scenarioTimeoutMs; once: the retry succeeds; always: reported failed', async () => {
    const { log, createWorker } = countingFactory();
    const engine = startEngine({
      workers: 2,
      createWorker,
      scenarioTimeoutMs: 1500,
      faults: { scenarios: { 'hang-once': { fault: 'hang', attempts: 1 }, 'hang-always': { fault: 'hang' } } },
    });
    await engine.setModel(model);
    const outcomes = await engine.runMany([hubScenario('hang-once', 53.05), hubScenario('hang-always', 53.1)]);
    expect(outcomes[0].status).toBe('ok');
    expect(outcomes[1]).toMatchObject({ status: 'failed', attempts: 2 });
    expect(outcomes[1].status === 'failed' && outcomes[1].error).toBe('scenario "hang-always" ran longer than 1500 ms');
    // Three hung workers were terminated, none is left spinning. The first two were replaced for
    // the retries; the third was not, as no work was left (places are refilled when work waits).
    expect(log.started).toBe(2 + 2);
    expect(await liveAfterExits(log, 1)).toBe(1);
  });

  it('a scenario that throws is reported failed at once, without a retry or a new worker', async () => {
    const { log, createWorker } = countingFactory();
    const engine = startEngine({ workers: 1, createWorker, faults: { scenarios: { bad: { fault: 'throw' } } } });
    await engine.setModel(model);
    const [outcome] = await engine.runMany([hubScenario('bad', 53.05)]);
    expect(outcome).toEqual({
      status: 'failed',
      scenario: 'bad',
      error: 'injected throw in scenario "bad" (attempt 1)',
      attempts: 1,
    });
    expect(log.started).toBe(1);
  });

  it('in-process (workers: 0) an injected fault is an ordinary failure', async () => {
    const engine = startEngine({ workers: 0, faults: { scenarios: { x: { fault: 'crash' } } } });
    await engine.setModel(model);
    const [outcome, ok] = await engine.runMany([hubScenario('x', 53.05), hubScenario('y', 53.05)]);
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1 });
    expect(ok.status).toBe('ok');
  });
});

describe('engine faults: a sweep of 10,000 scenarios with injected failures', () => {
  it('reports every scenario, in order: count in = count out', async () => {
    const COUNT = 10_000;
    // Failures spread through the sweep: 20 crashes that a retry survives, 10 that it does not,
    // 10 scenarios that throw, one hang that a retry survives and one that it does not.
    const faults: NonNullable<EngineOptions['faults']> = { scenarios: {} };
    const expectedStatus = new Map<string, 'ok' | 'failed'>();
    const name = (i: number) => `sweep-${i}`;
    for (let k = 0; k < 20; k++) faults.scenarios[name(137 + k * 487)] = { fault: 'crash', attempts: 1 };
    for (let k = 0; k < 10; k++) faults.scenarios[name(401 + k * 953)] = { fault: 'crash' };
    for (let k = 0; k < 10; k++) faults.scenarios[name(777 + k * 911)] = { fault: 'throw' };
    faults.scenarios[name(5000)] = { fault: 'hang', attempts: 1 };
    faults.scenarios[name(9000)] = { fault: 'hang' };
    for (const [n, f] of Object.entries(faults.scenarios)) expectedStatus.set(n, f.attempts === 1 ? 'ok' : 'failed');
    expect(expectedStatus.size).toBe(42);

    const { log, createWorker } = countingFactory();
    // 5 s: far above any real scenario here (milliseconds), so a loaded CI machine never times out a healthy one.
    const engine = startEngine({ workers: 2, createWorker, scenarioTimeoutMs: 5000, faults });
    await engine.setModel(model);
    // Hubs at 100 latitudes across the region, so that results differ from scenario to scenario.
    const scenarios = Array.from({ length: COUNT }, (_, i) => ({
      ...hubScenario(name(i), 53.0051 + (i % 100) * 0.0017),
      name: name(i),
    }));
    let progressCalls = 0;
    let lastProgress = { done: 0, failed: 0, total: 0 };
    const outcomes = await engine.runMany(scenarios, {
      onProgress: (p) => {
        progressCalls++;
        lastProgress = p;
      },
    });

    expect(outcomes).toHaveLength(COUNT);
    expect(outcomes.map((o) => o.scenario)).toEqual(scenarios.map((s) => s.name));
    const failed = outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => o.scenario).sort()).toEqual(
      [...expectedStatus]
        .filter(([, s]) => s === 'failed')
        .map(([n]) => n)
        .sort(),
    );
    expect(outcomes.filter((o) => o.status === 'ok')).toHaveLength(COUNT - 21);
    expect(outcomes.some((o) => o.status === 'cancelled')).toBe(false);
    for (const o of failed) {
      const fault = faults.scenarios[o.scenario].fault;
      expect(o.status === 'failed' && o.attempts).toBe(fault === 'throw' ? 1 : 2);
    }
    expect(lastProgress).toEqual({ done: COUNT, failed: 21, total: COUNT });
    expect(progressCalls).toBe(COUNT);
    // Every ok result is the scenario's own: spot-check against in-process runs, retried ones included.
    for (const i of [0, 137, 137 + 487 * 19, 5000, 4321, COUNT - 1]) {
      expect(outcomes[i].status).toBe('ok');
      if (outcomes[i].status === 'ok') {
        expect(JSON.stringify(outcomes[i].result)).toBe(JSON.stringify(runScenario(model, scenarios[i])));
      }
    }
    // One terminated worker per crashed or hung attempt: 20 + 2·10 crashes, 1 + 2 hangs; each
    // was replaced while work was waiting, and at most the two pool places remain alive.
    await vi.waitFor(() => expect(log.exited).toBe(20 + 20 + 3), { timeout: 10_000, interval: 20 });
    expect(log.live()).toBeLessThanOrEqual(2);
    expect(log.started).toBeGreaterThanOrEqual(20 + 20 + 3);
  });
});

describe('engine cancellation and dispose', () => {
  it('cancelling stops the workers of cancelled scenarios and returns no partial result', async () => {
    const { log, createWorker } = countingFactory();
    // The last 10 scenarios hang forever (no timeout): only cancellation can stop their workers.
    const faults: NonNullable<EngineOptions['faults']> = { scenarios: {} };
    for (let i = 10; i < 20; i++) faults.scenarios[`c-${i}`] = { fault: 'hang' };
    const engine = startEngine({ workers: 2, createWorker, faults });
    await engine.setModel(model);
    const scenarios = Array.from({ length: 20 }, (_, i) => ({ ...hubScenario(`c-${i}`, 53.05), name: `c-${i}` }));
    const controller = new AbortController();
    const outcomes = await engine.runMany(scenarios, {
      signal: controller.signal,
      // Once the 10 good ones are done, both workers are spinning on hung scenarios: cancel.
      onProgress: (p) => {
        if (p.done === 10) setTimeout(() => controller.abort(), 50);
      },
    });
    expect(outcomes).toHaveLength(20);
    expect(outcomes.slice(0, 10).every((o) => o.status === 'ok' && o.result.indicators.length === 2)).toBe(true);
    // Cancelled scenarios carry no result at all (no partial output).
    expect(outcomes.slice(10)).toEqual(scenarios.slice(10).map((s) => ({ status: 'cancelled', scenario: s.name })));
    // Both spinning workers were terminated and, with nothing left to do, not restarted.
    expect(await liveAfterExits(log, 0)).toBe(0);
    // The engine still works afterwards: a fresh worker starts for the next scenario.
    const result = await engine.run(hubScenario('after-cancel', 53.05));
    expect(result.scenario).toBe('after-cancel');
    expect(log.started).toBe(3);
  });

  it('a scenario cancelled while waiting never reaches a worker', async () => {
    const { log, createWorker } = countingFactory();
    const engine = startEngine({ workers: 1, createWorker });
    await engine.setModel(model);
    const controller = new AbortController();
    controller.abort();
    await expect(engine.run(hubScenario('never', 53.05), { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(log.started).toBe(1);
  });

  it('dispose settles a running scenario and leaves no worker running', async () => {
    const { log, createWorker } = countingFactory();
    const engine = startEngine({ workers: 2, createWorker, faults: { scenarios: { stuck: { fault: 'hang' } } } });
    await engine.setModel(model);
    const running = engine.run(hubScenario('stuck', 53.05));
    const waiting = engine.runMany([1, 2, 3].map((i) => ({ ...hubScenario(`w-${i}`, 53.05), name: 'stuck' })));
    await new Promise((r) => setTimeout(r, 200));
    engine.dispose();
    await expect(running).rejects.toThrow('the engine has been disposed');
    const outcomes = await waiting;
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'failed', 'failed']);
    expect(await liveAfterExits(log, 0)).toBe(0);
  });
});
