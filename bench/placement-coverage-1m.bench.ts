/**
 * placement-coverage-1m: placing sites by maximal coverage for 20 districts over 1,000,000 demand
 * points with 10,000 candidate sites (issue 4: ≤ 2 s) — the whole placement: the cover set of
 * every candidate (`distanceCoverSets`: the model's KDBush index + haversine, radius 2 km) and
 * the lazy greedy (`greedyMaximalCoverage`, CELF) choosing 5 sites per district (100 in all).
 *
 * Data: a seeded synthetic region from the project's generator — 5 × 4 districts of 30 km, one
 * town and 49,999 small demand points each (1,000,000 in all; ≈ 3 people each), no roads. Candidates: every 100th
 * demand point (10,000).
 *
 * Baseline: the same cover sets and the plain greedy (`plainGreedyMaximalCoverage`), which
 * re-evaluates every candidate in every round. Not timed: both pick the same sites with the same
 * covered population.
 */
import {
  distanceCoverSets,
  greedyMaximalCoverage,
  plainGreedyMaximalCoverage,
  type CoverageProblem,
} from '../packages/core/src/index.js';
import { logPhase, measure, sink, writeResult } from './harness.js';
import { compileSyntheticModel, sumOf } from './synthetic-model.js';

const RADIUS_METERS = 2000;
const CANDIDATE_STRIDE = 100;
const SITES_PER_DISTRICT = 5;

const { model, setupMs } = await compileSyntheticModel({
  seed: 21,
  districtColumns: 5,
  districtRows: 4,
  districtSizeKm: 30,
  villagesPerDistrict: 49_999,
  // Small demand points (≈ 3 people each: households rather than villages) keep the total near a
  // real oblast's; the counts, not the populations, set the work.
  villagePopulationMedian: 3,
  populationRange: [1, 250_000],
  facilities: {},
  roads: false,
});
const points = model.demand.count;
const candidateIndex: number[] = [];
for (let i = 0; i < points; i += CANDIDATE_STRIDE) candidateIndex.push(i);
const candidates = new Float64Array(candidateIndex.length * 2);
candidateIndex.forEach((i, k) => candidates.set([model.demand.lonLat[i * 2], model.demand.lonLat[i * 2 + 1]], k * 2));
const groupOf = Int32Array.from(candidateIndex, (i) => model.demand.district[i]);
const districts = model.districts.count;

const problemOf = (covers: Uint32Array[]): CoverageProblem => ({
  weights: model.demand.population,
  covers,
  budget: districts * SITES_PER_DISTRICT,
  groupOf,
  maxPerGroup: SITES_PER_DISTRICT,
});

const placement = measure(
  () => greedyMaximalCoverage(problemOf(distanceCoverSets(model, candidates, RADIUS_METERS))).coveredWeight,
  { warmup: 1, iterations: 5 },
);
const covers = distanceCoverSets(model, candidates, RADIUS_METERS);
const coverOnly = measure(() => distanceCoverSets(model, candidates, RADIUS_METERS), { warmup: 1, iterations: 3 });
const lazy = measure(() => greedyMaximalCoverage(problemOf(covers)), { warmup: 1, iterations: 5 });
const plain = measure(() => plainGreedyMaximalCoverage(problemOf(covers)), { warmup: 1, iterations: 3 });

// Agreement (not timed): the same picks and covered people.
const lazyAnswer = greedyMaximalCoverage(problemOf(covers));
const plainAnswer = plainGreedyMaximalCoverage(problemOf(covers));
const same =
  lazyAnswer.coveredWeight === plainAnswer.coveredWeight &&
  lazyAnswer.sites.length === plainAnswer.sites.length &&
  lazyAnswer.sites.every((s, k) => s === plainAnswer.sites[k]);
let coverEntries = 0;
for (const c of covers) coverEntries += c.length;
sink(lazyAnswer.coveredWeight);
const baselineMs = coverOnly.medianMs + plain.medianMs;
console.log(
  `  ${lazyAnswer.sites.length} sites cover ${lazyAnswer.coveredWeight.toLocaleString('en-US')} of ${sumOf(model.demand.population).toLocaleString('en-US')} people; lazy and plain greedy ${same ? 'agree' : 'DIFFER'}`,
);
console.log(
  `  evaluations: lazy ${lazyAnswer.evaluations.toLocaleString('en-US')}, plain ${plainAnswer.evaluations.toLocaleString('en-US')}`,
);
logPhase('cover sets (distanceCoverSets)', coverOnly);
logPhase('lazy greedy alone', lazy);
logPhase('plain greedy alone', plain);
logPhase('set-up: generate + validate + compile (not timed)', setupMs);

writeResult({
  name: 'placement-coverage-1m',
  size: `${districts} districts, ${points.toLocaleString('en-US')} demand points, ${candidateIndex.length.toLocaleString('en-US')} candidates, radius ${RADIUS_METERS} m, ${SITES_PER_DISTRICT} sites per district`,
  medianMs: placement.medianMs,
  medianCpuMs: placement.medianCpuMs,
  baseline: {
    name: 'cover sets + plain greedy (re-evaluates every candidate each round)',
    medianMs: baselineMs,
    note: `cover sets ${coverOnly.medianMs.toFixed(0)} ms + plain greedy ${plain.medianMs.toFixed(0)} ms`,
  },
  ratio: baselineMs / placement.medianMs,
  target: { medianMs: 2000 },
  phases: {
    placementMs: placement.medianMs,
    coverSetsMs: coverOnly.medianMs,
    lazyGreedyMs: lazy.medianMs,
    plainGreedyMs: plain.medianMs,
    setupMs,
  },
  details: {
    demandPoints: points,
    candidates: candidateIndex.length,
    coverEntries,
    sites: lazyAnswer.sites.length,
    coveredPeople: lazyAnswer.coveredWeight,
    lazyEvaluations: lazyAnswer.evaluations,
    plainEvaluations: plainAnswer.evaluations,
    greedyRatio: plain.medianMs / lazy.medianMs,
    lazyEqualsPlain: same,
  },
  samplesMs: placement.samplesMs,
});
