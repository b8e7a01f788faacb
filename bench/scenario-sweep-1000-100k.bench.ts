/**
 * scenario-sweep-1000-100k: a sweep of 1,000 scenarios on a synthetic region with 100,000 demand
 * points through the engine (`createEngine` from @regiontwin/core/node, `runMany`), with 1 and 2
 * worker threads: scenarios per second, and the speed-up of 2 workers over 1 (issue 3: ≥ 1.7×).
 * Baseline: the same indicators computed with plain turf.distance loops (bench/turf-indicators.ts)
 * on 3 of the scenarios, scaled per scenario (issue 3: ratio ≥ 100×). The ratio is taken against
 * ONE worker (the turf loop is single-threaded too); the 2-worker ratio is in `details`.
 *
 * Data: the project's generator, 10 × 10 districts of 20 km, one town and 999 villages each
 * (100,000 demand points), one clinic per district, no roads (so the turf loops compute the very
 * same travel-time model: straight line × 1.3 at 60 km/h). Scenario k adds one clinic at a
 * seeded village (with capex, opex and energy) and asks for the nine base indicators for one
 * year; every scenario runs its baseline and its scenario state, as `regiontwin sweep` does.
 * Before timing, 20 scenarios warm each engine up — which also fills each worker's per-model
 * caches (the baseline's travel arrays, the model's nearest distances): the numbers are the
 * steady state of a sweep, where every scenario after the first reuses its baseline.
 *
 * The engine imports packages/core/dist (the worker threads load dist/node-worker.js):
 * `pnpm bench` builds it first when needed. `SWEEP_SCENARIOS=100` runs a shorter sweep (for
 * trying things out; the recorded numbers use 1,000).
 */
import { createEngine } from '../packages/core/dist/node.js';
import {
  SCENARIO_SCHEMA,
  prepareScenario,
  type ConcreteScenario,
  type ScenarioDocument,
} from '../packages/core/src/index.js';
import { logPhase, measure, median, mulberry32, sink, writeResult } from './harness.js';
import { compileSyntheticModel } from './synthetic-model.js';
import { computeWithTurf, maxRelativeDifference, turfRegionOf } from './turf-indicators.js';

const SCENARIOS = Number(process.env.SWEEP_SCENARIOS ?? 1000);
const BATCHES = 10;
const TURF_SCENARIOS = 3;
const KIND = 'clinic';

const { model, setupMs } = await compileSyntheticModel({
  seed: 21,
  districtColumns: 10,
  districtRows: 10,
  districtSizeKm: 20,
  villagesPerDistrict: 999,
  facilities: { [KIND]: 1 },
  roads: false,
});

const random = mulberry32(22);
const documents: ScenarioDocument[] = Array.from({ length: SCENARIOS }, (_, k) => {
  const village = Math.floor(random() * model.demand.count);
  return {
    schema: SCENARIO_SCHEMA,
    name: `sweep-${k}`,
    region: '.',
    seed: 1,
    years: { start: 2026, end: 2026 },
    interventions: [
      {
        type: 'add-facility',
        kind: KIND,
        name: `Clinic ${k}`,
        at: [model.demand.lonLat[village * 2] + 0.001, model.demand.lonLat[village * 2 + 1]],
        capexKzt: 100e6 + Math.round(random() * 100e6),
        opexKztPerYear: 10e6,
        energyKwhPerYear: 50_000,
      },
    ],
    indicators: [
      { id: 'population-within-distance', kind: KIND, meters: 5000 },
      { id: 'population-within-travel-time', kind: KIND, minutes: 30 },
      { id: 'mean-travel-time', kind: KIND },
      { id: 'coverage-share', kind: KIND, minutes: 30 },
      { id: 'equity', kind: KIND, minutes: 30 },
      { id: 'capex' },
      { id: 'opex-per-year' },
      { id: 'energy-kwh-per-year' },
      { id: 'co2-tonnes-per-year' },
    ],
  };
});
const scenarios: ConcreteScenario[] = documents.map((doc) => prepareScenario(doc, model));

/** Runs the sweep with `workers` threads in batches; returns ms per batch and the first batch's results. */
async function sweep(workers: number) {
  const engine = createEngine({ workers });
  try {
    await engine.setModel(model);
    const warm = await engine.runMany(scenarios.slice(0, Math.min(20, SCENARIOS)));
    sink(warm);
    const batchSize = Math.ceil(SCENARIOS / BATCHES);
    const batchMs: number[] = [];
    const batchCpuMs: number[] = [];
    let failed = 0;
    const outcomes = [];
    for (let b = 0; b * batchSize < SCENARIOS; b++) {
      const batch = scenarios.slice(b * batchSize, (b + 1) * batchSize);
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const results = await engine.runMany(batch);
      batchMs.push((performance.now() - start) / batch.length);
      const cpu = process.cpuUsage(cpuStart);
      batchCpuMs.push((cpu.user + cpu.system) / 1000 / batch.length);
      failed += results.filter((r) => r.status !== 'ok').length;
      outcomes.push(...results);
      sink(results);
    }
    const totalMs = batchMs.reduce((s, ms) => s + ms * batchSize, 0);
    return { perScenarioMs: median(batchMs), perScenarioCpuMs: median(batchCpuMs), batchMs, totalMs, failed, outcomes };
  } finally {
    engine.dispose();
  }
}

const one = await sweep(1);
const two = await sweep(2);
const turfRegion = turfRegionOf(model);
const turf = measure(
  () => {
    let last;
    for (let k = 0; k < TURF_SCENARIOS; k++) last = computeWithTurf(turfRegion, scenarios[k]);
    return last;
  },
  { warmup: 0, iterations: 3 },
);
const turfPerScenarioMs = turf.medianMs / TURF_SCENARIOS;

// Checks (not timed): every scenario ok, 1 and 2 workers give identical results, turf agrees.
const identical = one.outcomes.every((o, k) => JSON.stringify(o) === JSON.stringify(two.outcomes[k]));
let worstDifference = 0;
for (let k = 0; k < TURF_SCENARIOS; k++) {
  const outcome = one.outcomes[k];
  if (outcome.status !== 'ok') continue;
  const difference = maxRelativeDifference(computeWithTurf(turfRegion, scenarios[k]), outcome.result.indicators);
  worstDifference = Math.max(worstDifference, difference);
}
const speedup = one.perScenarioMs / two.perScenarioMs;
console.log(
  `  ${SCENARIOS} scenarios: failed ${one.failed} (1 worker), ${two.failed} (2 workers); results identical: ${identical}`,
);
console.log(
  `  engine vs turf on ${TURF_SCENARIOS} scenarios: max relative difference ${worstDifference.toExponential(2)}`,
);
logPhase('1 worker, per scenario', one.perScenarioMs);
logPhase('2 workers, per scenario', two.perScenarioMs);
console.log(`  2-worker speed-up: ${speedup.toFixed(2)}× (${(1000 / two.perScenarioMs).toFixed(1)} scenarios/s)`);
logPhase(`turf loops, per scenario (${TURF_SCENARIOS} timed)`, turfPerScenarioMs);
logPhase('set-up: generate + validate + compile (not timed)', setupMs);

writeResult({
  name: 'scenario-sweep-1000-100k',
  size: `${SCENARIOS.toLocaleString('en-US')} scenarios × (baseline + scenario), ${model.demand.count.toLocaleString('en-US')} demand points, ${model.facilities.count + 1} clinics, 9 indicators, 1 year; medians per scenario`,
  medianMs: one.perScenarioMs,
  medianCpuMs: one.perScenarioCpuMs,
  baseline: {
    name: 'the same indicators by turf.distance loops',
    medianMs: turfPerScenarioMs,
    note: `${TURF_SCENARIOS} scenarios timed together (median of 3), per scenario`,
  },
  ratio: turfPerScenarioMs / one.perScenarioMs,
  target: { ratio: 100, atLeast: { speedup2Workers: 1.7 } },
  phases: {
    perScenario1WorkerMs: one.perScenarioMs,
    perScenario2WorkersMs: two.perScenarioMs,
    sweep1WorkerMs: one.totalMs,
    sweep2WorkersMs: two.totalMs,
    turfPerScenarioMs,
    setupMs,
  },
  details: {
    scenarios: SCENARIOS,
    demandPoints: model.demand.count,
    scenariosPerSecond1Worker: 1000 / one.perScenarioMs,
    scenariosPerSecond2Workers: 1000 / two.perScenarioMs,
    speedup2Workers: speedup,
    ratio2WorkersVsTurf: turfPerScenarioMs / two.perScenarioMs,
    failed1Worker: one.failed,
    failed2Workers: two.failed,
    resultsIdenticalAcrossWorkerCounts: identical,
    maxRelativeDifferenceVsTurf: worstDifference,
    batchMs1Worker: one.batchMs,
    batchMs2Workers: two.batchMs,
  },
  samplesMs: one.batchMs,
});
