import { describe, expect, it } from 'vitest';
import { buildCsrAdjacency, permute } from '../model/csr-graph.js';
import { createSeededRandom, randomInt, type RandomSource } from '../random/seeded-random.js';
import { createDijkstraScratch, multiSourceDijkstra, type SearchGraph } from './multi-source-dijkstra.js';

/** A directed edge list, as the test generates it (parallel edges and self-loops allowed). */
interface EdgeList {
  nodeCount: number;
  from: number[];
  to: number[];
  seconds: number[];
}

/** The CSR graph multiSourceDijkstra searches, built from an edge list by the library's own CSR builder. */
function toSearchGraph(edges: EdgeList): SearchGraph {
  const { offsets, targets, order } = buildCsrAdjacency(edges.nodeCount, edges.from, edges.to);
  return {
    nodeCount: edges.nodeCount,
    offsets,
    targets,
    edgeSeconds: permute(Float64Array.from(edges.seconds), order),
  };
}

/**
 * The reference: textbook O(V²) Dijkstra (array scan for the minimum, no heap) over a plain
 * adjacency list, from ONE source at distance 0. Deliberately shares no code with the library.
 */
function simpleDijkstra(edges: EdgeList, source: number): number[] {
  const adjacency: { to: number; seconds: number }[][] = Array.from({ length: edges.nodeCount }, () => []);
  edges.from.forEach((u, e) => adjacency[u].push({ to: edges.to[e], seconds: edges.seconds[e] }));
  const dist = new Array<number>(edges.nodeCount).fill(Infinity);
  const done = new Array<boolean>(edges.nodeCount).fill(false);
  dist[source] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < edges.nodeCount; i++) if (!done[i] && dist[i] < Infinity && (u < 0 || dist[i] < dist[u])) u = i;
    if (u < 0) return dist;
    done[u] = true;
    for (const { to, seconds } of adjacency[u]) if (dist[u] + seconds < dist[to]) dist[to] = dist[u] + seconds;
  }
}

/**
 * A random graph: n nodes in 1–4 separate components (no edge between components, so some nodes
 * are unreachable from some sources), about 0–4 edges per node, some zero-weight edges, some
 * parallel edges and self-loops. `integerWeights` gives whole seconds (sums exact in doubles).
 */
function randomGraph(random: RandomSource, n: number, integerWeights: boolean): EdgeList {
  const components = Math.min(n, randomInt(random, 1, 5));
  const componentOf = (node: number) => node % components;
  const edges: EdgeList = { nodeCount: n, from: [], to: [], seconds: [] };
  const edgeCount = randomInt(random, 0, 4 * n + 1);
  const weight = () => {
    if (random() < 0.1) return 0;
    return integerWeights ? randomInt(random, 1, 1000) : random() * 1000 + 1e-3;
  };
  for (let e = 0; e < edgeCount; e++) {
    const u = randomInt(random, 0, n);
    // A target in the same component: same residue modulo `components`.
    const sameComponent = Math.floor((n - 1 - componentOf(u)) / components) + 1;
    const v = componentOf(u) + components * randomInt(random, 0, sameComponent);
    edges.from.push(u);
    edges.to.push(v);
    edges.seconds.push(weight());
    if (random() < 0.1) {
      // A parallel edge with another weight.
      edges.from.push(u);
      edges.to.push(v);
      edges.seconds.push(weight());
    }
  }
  return edges;
}

/** Random sources: 0–5 (repeated nodes allowed) with initial seconds in [0, 500). */
function randomSources(random: RandomSource, n: number, integerWeights: boolean) {
  const count = randomInt(random, 0, 6);
  const nodes = Array.from({ length: count }, () => randomInt(random, 0, n));
  const initial = Array.from({ length: count }, () => (integerWeights ? randomInt(random, 0, 500) : random() * 500));
  return { nodes, initial };
}

/** min over sources s of (initial[s] + simple distance from nodes[s]), per node. */
function referenceDistances(edges: EdgeList, nodes: number[], initial: number[]) {
  const perSource = nodes.map((node) => simpleDijkstra(edges, node));
  const best = new Array<number>(edges.nodeCount).fill(Infinity);
  perSource.forEach((dist, s) => dist.forEach((d, v) => (best[v] = Math.min(best[v], initial[s] + d))));
  return { best, perSource };
}

/** |a − b| ≤ 1e-9 · max(1, |b|): float sums along the same path differ only in rounding order. */
function closeTo(a: number, b: number): boolean {
  if (a === Infinity || b === Infinity) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

const CASES = 300;

describe('multiSourceDijkstra against a simple O(V²) Dijkstra', () => {
  for (const integerWeights of [true, false]) {
    it(`equals min over sources of (initial + distance) on ${CASES} random graphs (${integerWeights ? 'integer, exact' : 'real, 1e-9 relative'} weights)`, () => {
      const random = createSeededRandom(integerWeights ? 11 : 12);
      let unreachableSeen = 0;
      // Mismatches are collected and asserted once (an expect per node is slow at this volume).
      const failures: string[] = [];
      for (let c = 0; c < CASES; c++) {
        const n = c < 10 ? c + 1 : randomInt(random, 1, 301);
        const edges = randomGraph(random, n, integerWeights);
        const graph = toSearchGraph(edges);
        const { nodes, initial } = randomSources(random, n, integerWeights);
        const nearest = new Int32Array(n);
        const dist = multiSourceDijkstra(graph, nodes, initial, { nearestSource: nearest });
        const { best, perSource } = referenceDistances(edges, nodes, initial);
        for (let v = 0; v < n; v++) {
          const equal = integerWeights ? dist[v] === best[v] : closeTo(dist[v], best[v]);
          if (!equal) failures.push(`case ${c} node ${v}: ${dist[v]}, expected ${best[v]}`);
          if (best[v] === Infinity) {
            unreachableSeen++;
            if (nearest[v] !== -1) failures.push(`case ${c} node ${v}: unreachable but nearest source ${nearest[v]}`);
            continue;
          }
          // nearestSource names a source that achieves the minimum.
          const s = nearest[v];
          if (!(s >= 0 && s < nodes.length && closeTo(initial[s] + perSource[s][v], best[v]))) {
            failures.push(`case ${c} node ${v}: nearest source ${s} does not achieve ${best[v]}`);
          }
        }
      }
      expect(failures).toEqual([]);
      // The generator really produces disconnected parts.
      expect(unreachableSeen).toBeGreaterThan(100);
    });
  }

  it('cuts off at maxSeconds: exact below, Infinity (and no nearest source) above', () => {
    const random = createSeededRandom(13);
    const failures: string[] = [];
    for (let c = 0; c < 200; c++) {
      const n = randomInt(random, 1, 301);
      const edges = randomGraph(random, n, true);
      const { nodes, initial } = randomSources(random, n, true);
      // Integer distances and a half-integer cut-off: no node sits on the boundary.
      const maxSeconds = randomInt(random, 0, 3000) + 0.5;
      const nearest = new Int32Array(n);
      const dist = multiSourceDijkstra(toSearchGraph(edges), nodes, initial, { maxSeconds, nearestSource: nearest });
      const { best } = referenceDistances(edges, nodes, initial);
      for (let v = 0; v < n; v++) {
        const expected = best[v] <= maxSeconds ? best[v] : Infinity;
        if (dist[v] !== expected) failures.push(`case ${c} node ${v}: ${dist[v]}, expected ${expected}`);
        // "-1 unreachable": a node reported as Infinity has no nearest source.
        if ((nearest[v] === -1) !== (expected === Infinity)) {
          failures.push(`case ${c} node ${v}: nearest source ${nearest[v]} for ${expected} s`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('is exact where the bucket queue works hardest: edges far shorter than the bucket width, sources far apart in time', () => {
    // Weights over ten orders of magnitude (1e-6 … 1e4 s): the bucket width is raised to
    // longest / 4096, so most edges are shorter than it and nodes are re-processed inside a
    // bucket. Initial times up to 1e7 s, far beyond the bucket ring: the search jumps ahead.
    const random = createSeededRandom(15);
    const failures: string[] = [];
    for (let c = 0; c < 150; c++) {
      const n = randomInt(random, 1, 201);
      const edges = randomGraph(random, n, true);
      edges.seconds = edges.seconds.map((w) => (w === 0 ? 0 : 10 ** (random() * 10 - 6)));
      const count = randomInt(random, 1, 6);
      const nodes = Array.from({ length: count }, () => randomInt(random, 0, n));
      const initial = Array.from({ length: count }, () => (random() < 0.5 ? random() * 1e7 : random() * 10));
      const maxSeconds = c % 3 === 0 ? random() * 2e7 : undefined;
      const dist = multiSourceDijkstra(toSearchGraph(edges), nodes, initial, { maxSeconds });
      const { best } = referenceDistances(edges, nodes, initial);
      for (let v = 0; v < n; v++) {
        const expected = maxSeconds === undefined || best[v] <= maxSeconds ? best[v] : Infinity;
        // Off the cut-off by float rounding only: allow either side within 1e-9 relative.
        const nearCut = maxSeconds !== undefined && closeTo(best[v], maxSeconds);
        if (!nearCut && !closeTo(dist[v], expected))
          failures.push(`case ${c} node ${v}: ${dist[v]}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('reuses scratch and target buffers between searches without carrying state over', () => {
    const random = createSeededRandom(14);
    const n = 200;
    const scratch = createDijkstraScratch(n);
    const target = new Float64Array(n);
    const nearest = new Int32Array(n);
    for (let c = 0; c < 50; c++) {
      const edges = randomGraph(random, n, true);
      const { nodes, initial } = randomSources(random, n, true);
      const dist = multiSourceDijkstra(toSearchGraph(edges), nodes, initial, {
        scratch,
        target,
        nearestSource: nearest,
      });
      expect(dist).toBe(target);
      expect(Array.from(dist)).toEqual(referenceDistances(edges, nodes, initial).best);
    }
  });

  it('handles the edge cases: no sources, a repeated source node, a negative (missing) source node', () => {
    const edges: EdgeList = { nodeCount: 3, from: [0, 1], to: [1, 2], seconds: [5, 7] };
    const graph = toSearchGraph(edges);
    expect(Array.from(multiSourceDijkstra(graph, [], []))).toEqual([Infinity, Infinity, Infinity]);
    // Node 0 seeded twice: the smaller initial time wins, and is the one named as nearest.
    const nearest = new Int32Array(3);
    expect(Array.from(multiSourceDijkstra(graph, [0, 0], [10, 3], { nearestSource: nearest }))).toEqual([3, 8, 15]);
    expect(Array.from(nearest)).toEqual([1, 1, 1]);
    // A source with node -1 (e.g. "no road node") is skipped.
    expect(Array.from(multiSourceDijkstra(graph, [-1, 1], [0, 2]))).toEqual([Infinity, 2, 9]);
  });
});
