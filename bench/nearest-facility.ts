/**
 * The body of the `nearest-facility-*` benchmarks: shortest travel time from the nearest of 1,000
 * facilities to every node of a seeded road-like lattice, by ONE multi-source Dijkstra
 * (`multiSourceDijkstra` on typed arrays) — bench/nearest-facility-1m.bench.ts (1,000 × 1,000
 * nodes, target ≤ 250 ms and ratio ≥ 500×) and bench/nearest-facility-100k.bench.ts (316 × 316
 * nodes, target ≤ 15 ms). Baseline: one Dijkstra per facility (the same search code, one source
 * at a time, then a min-combine), timed on a sample of facilities and scaled to 1,000 — the naive
 * approach. Correctness (not timed): the multi-source result over the sample equals the
 * per-facility minimum on every node.
 */
import { buildCsrAdjacency, createDijkstraScratch, multiSourceDijkstra } from '../packages/core/src/index.js';
import { logPhase, measure, mulberry32, sink, writeResult } from './harness.js';

/** Runs the benchmark on a `side` × `side` lattice, writing `name`'s result. */
export function benchNearestFacility(name: string, side: number, goal: { medianMs: number; ratio?: number }): void {
  const nodes = side * side;
  const facilities = 1000;
  const random = mulberry32(7);

  // A street lattice with 80–150 m segments at 30–90 km/h, 3 % of segments missing.
  const from: number[] = [];
  const to: number[] = [];
  const seconds: number[] = [];
  const link = (a: number, b: number) => {
    if (random() < 0.03) return;
    const s = (80 + random() * 70) / ((30 + random() * 60) / 3.6);
    from.push(a, b);
    to.push(b, a);
    seconds.push(s, s);
  };
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const u = y * side + x;
      if (x + 1 < side) link(u, u + 1);
      if (y + 1 < side) link(u, u + side);
    }
  }
  const { offsets, targets, order } = buildCsrAdjacency(nodes, from, to);
  const edgeSeconds = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) edgeSeconds[k] = seconds[order[k]];
  const graph = { nodeCount: nodes, offsets, targets, edgeSeconds };
  const sources = Int32Array.from({ length: facilities }, () => Math.floor(random() * nodes));
  const initial = Float64Array.from({ length: facilities }, () => random() * 120);
  const scratch = createDijkstraScratch(nodes);
  const target = new Float64Array(nodes);

  const multi = measure(() => multiSourceDijkstra(graph, sources, initial, { scratch, target })[nodes >> 1], {
    warmup: 2,
    iterations: side >= 1000 ? 7 : 15,
  });
  logPhase('multi-source Dijkstra (1,000 sources)', multi);

  // Baseline: one search per facility on a sample, scaled to all facilities (+ the min-combine).
  const sample = side >= 1000 ? 4 : 20;
  const perFacilityTarget = new Float64Array(nodes);
  const best = new Float64Array(nodes);
  const single = measure(
    () => {
      best.fill(Infinity);
      for (let s = 0; s < sample; s++) {
        multiSourceDijkstra(graph, [sources[s]], [initial[s]], { scratch, target: perFacilityTarget });
        for (let i = 0; i < nodes; i++) if (perFacilityTarget[i] < best[i]) best[i] = perFacilityTarget[i];
      }
      return best[0];
    },
    { warmup: 1, iterations: 3 },
  );
  const baselineMs = (single.medianMs / sample) * facilities;
  logPhase(`one Dijkstra per facility (${sample} timed, scaled to ${facilities})`, baselineMs);

  // Correctness check on the sample: multi-source over the sample = min of the single searches.
  const check = multiSourceDijkstra(graph, sources.subarray(0, sample), initial.subarray(0, sample));
  let mismatches = 0;
  for (let i = 0; i < nodes; i++) if (check[i] !== best[i]) mismatches++;
  console.log(`  agreement with per-facility minimum over ${sample} sources: ${nodes - mismatches}/${nodes} nodes`);
  sink(mismatches);

  writeResult({
    name,
    size: `${nodes.toLocaleString('en-US')} nodes, ${targets.length.toLocaleString('en-US')} directed edges, ${facilities} facilities`,
    medianMs: multi.medianMs,
    medianCpuMs: multi.medianCpuMs,
    baseline: {
      name: 'one Dijkstra per facility',
      medianMs: baselineMs,
      note: `${sample} timed, scaled ×${facilities / sample}`,
    },
    ratio: baselineMs / multi.medianMs,
    target: goal,
    samplesMs: multi.samplesMs,
    details: { mismatches },
  });
}
