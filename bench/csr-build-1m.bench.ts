/**
 * csr-build-1m: the CSR step of `buildRoadGraph` on a 1,000,000-node road-like graph (~4M directed
 * edges): `buildRoadCsr` — `buildCsrAdjacency` over the collected `from`/`to` lists, then every
 * per-edge attribute gathered into its typed array in CSR order, with the edge seconds — the very
 * function build-road-graph.ts calls after collecting the edges (issue 2: ≤ 150 ms). Baseline:
 * adjacency as `Array<number[]>` with a push per edge (the naive way; it builds targets only, so
 * the ratio is conservative).
 */
import { buildCsrAdjacency, permute } from '../packages/core/src/index.js';
import { buildRoadCsr } from '../packages/core/src/model/build-road-graph.js';
import { logPhase, measure, mulberry32, sink, writeResult } from './harness.js';

const SIDE = 1000;
const NODES = SIDE * SIDE;

/**
 * A seeded planar street lattice: one road per row and per column; 4% of the segments missing
 * (dead ends, rivers), a diagonal shortcut in 4% of the blocks, roads of mixed classes. Edges are
 * listed road by road, both directions of each segment next to each other, as buildRoadGraph
 * collects them, into plain arrays (what buildRoadGraph passes to buildCsrAdjacency).
 */
function buildRoadLikeEdges() {
  const random = mulberry32(42);
  const from: number[] = [];
  const to: number[] = [];
  const meters: number[] = [];
  const speeds: number[] = [];
  const speedMapped: number[] = [];
  const classes: number[] = [];
  const featureOfEdge: number[] = [];
  let feature = 0;
  const speedOfClass = [110, 90, 80, 70, 60, 50, 30, 20, 30];
  const road = (nodes: number[], cls: number, mapped: boolean) => {
    for (let k = 1; k < nodes.length; k++) {
      if (random() < 0.04) continue;
      const a = nodes[k - 1];
      const b = nodes[k];
      const length = 80 + random() * 70;
      for (const [u, v] of [
        [a, b],
        [b, a],
      ]) {
        from.push(u);
        to.push(v);
        meters.push(length);
        speeds.push(mapped ? 40 : speedOfClass[cls]);
        speedMapped.push(mapped ? 1 : 0);
        classes.push(cls);
        featureOfEdge.push(feature);
      }
    }
    feature++;
  };
  const line: number[] = [];
  for (let r = 0; r < SIDE; r++) {
    line.length = 0;
    for (let c = 0; c < SIDE; c++) line.push(r * SIDE + c);
    road(line, r % 50 === 0 ? 2 : r % 10 === 0 ? 4 : 6, random() < 0.1);
  }
  for (let c = 0; c < SIDE; c++) {
    line.length = 0;
    for (let r = 0; r < SIDE; r++) line.push(r * SIDE + c);
    road(line, c % 50 === 0 ? 3 : c % 10 === 0 ? 5 : 6, random() < 0.1);
  }
  for (let r = 0; r + 1 < SIDE; r++) {
    for (let c = 0; c + 1 < SIDE; c++) {
      if (random() < 0.04) road([r * SIDE + c, (r + 1) * SIDE + c + 1], 7, false);
    }
  }
  return { from, to, meters, speeds, speedMapped, classes, featureOfEdge };
}

const edges = buildRoadLikeEdges();
const edgeCount = edges.from.length;

/** The CSR step of buildRoadGraph, as build-road-graph.ts calls it. */
const buildCsrAsRoadGraphDoes = () => buildRoadCsr(NODES, edges);

/** The baseline: one JS array of targets per node, a push per edge. */
function buildNaiveAdjacency(): number[][] {
  const adjacency: number[][] = new Array(NODES);
  for (let u = 0; u < NODES; u++) adjacency[u] = [];
  const { from, to } = edges;
  for (let e = 0; e < edgeCount; e++) adjacency[from[e]].push(to[e]);
  return adjacency;
}

// Invariants (not timed): the CSR holds every edge once, grouped by source, stable within a node.
const check = buildCsrAsRoadGraphDoes();
let ok = check.offsets[NODES] === edgeCount;
for (let u = 0; u < NODES && ok; u++) ok = check.offsets[u] <= check.offsets[u + 1];
const order = buildCsrAdjacency(NODES, edges.from, edges.to).order;
for (let k = 0; k < edgeCount && ok; k++) {
  const e = order[k];
  ok = check.targets[k] === edges.to[e] && check.edgeMeters[k] === edges.meters[e];
  ok &&= check.edgeFeature[k] === edges.featureOfEdge[e] && check.edgeClass[k] === edges.classes[e];
  if (ok && k + 1 < edgeCount && edges.from[order[k + 1]] === edges.from[e]) ok = order[k + 1] > e;
}
sink(check);
console.log(`  CSR invariants: ${ok ? 'ok' : 'BROKEN'}`);

const full = measure(buildCsrAsRoadGraphDoes, { warmup: 3, iterations: 11 });
const adjacencyOnly = measure(() => buildCsrAdjacency(NODES, edges.from, edges.to), { warmup: 3, iterations: 11 });
const typedFrom = Uint32Array.from(edges.from);
const typedTo = Uint32Array.from(edges.to);
const adjacencyTyped = measure(() => buildCsrAdjacency(NODES, typedFrom, typedTo), { warmup: 3, iterations: 11 });
const conversions = measure(
  () => [
    Float64Array.from(edges.meters),
    Float32Array.from(edges.speeds),
    Uint8Array.from(edges.speedMapped),
    Uint8Array.from(edges.classes),
    Uint32Array.from(edges.featureOfEdge),
  ],
  { warmup: 3, iterations: 11 },
);
const meters64 = Float64Array.from(edges.meters);
const permuteOne = measure(() => permute(meters64, order), { warmup: 3, iterations: 11 });
const naive = measure(buildNaiveAdjacency, { warmup: 2, iterations: 7 });

logPhase('buildCsrAdjacency (number[] input, as buildRoadGraph)', adjacencyOnly);
logPhase('buildCsrAdjacency (Uint32Array input)', adjacencyTyped);
logPhase('5× TypedArray.from(number[])', conversions);
logPhase('one permute (Float64Array)', permuteOne);

writeResult({
  name: 'csr-build-1m',
  size: `${NODES.toLocaleString('en-US')} nodes, ${edgeCount.toLocaleString('en-US')} directed edges`,
  medianMs: full.medianMs,
  medianCpuMs: full.medianCpuMs,
  baseline: {
    name: 'Array<number[]> push per edge',
    medianMs: naive.medianMs,
    note: 'targets only: no per-edge attributes, so the ratio is conservative',
  },
  ratio: naive.medianMs / full.medianMs,
  target: { medianMs: 150 },
  phases: {
    fullMs: full.medianMs,
    fullMinMs: full.minMs,
    adjacencyNumberArrayMs: adjacencyOnly.medianMs,
    adjacencyTypedArrayMs: adjacencyTyped.medianMs,
    fiveTypedArrayFromMs: conversions.medianMs,
    permuteFloat64Ms: permuteOne.medianMs,
    naiveMs: naive.medianMs,
  },
  details: { nodes: NODES, edges: edgeCount, invariantsOk: ok },
  samplesMs: full.samplesMs,
});
