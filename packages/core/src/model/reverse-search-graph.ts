import type { SearchGraph } from '../engine/multi-source-dijkstra.js';
import { buildCsrAdjacency, permute } from './csr-graph.js';

/** Reversed graphs by the edge-time array they were built from (a scenario's upgrades make a new one). */
const cache = new WeakMap<Float64Array, { offsets: Uint32Array; targets: Uint32Array; reversed: SearchGraph }>();

/**
 * The graph with every edge turned around (u→v becomes v→u, same seconds). Travel times are wanted
 * from each resident **to** the nearest facility, but the multi-source search grows outward from
 * the facilities; on the reversed graph "facility reached from node n" is exactly "n reaches the
 * facility" along one-way roads driven the right way. A two-way road is two directed edges, so it
 * reads the same either way. Cached per edge-time array; O(nodes + edges) counting sort.
 */
export function reverseSearchGraph(graph: SearchGraph): SearchGraph {
  const hit = cache.get(graph.edgeSeconds);
  if (hit && hit.offsets === graph.offsets && hit.targets === graph.targets) return hit.reversed;
  const edgeCount = graph.targets.length;
  const from = new Uint32Array(edgeCount);
  for (let u = 0; u < graph.nodeCount; u++) {
    for (let k = graph.offsets[u]; k < graph.offsets[u + 1]; k++) from[k] = u;
  }
  // Reversed edge k goes targets[k] → from[k].
  const adjacency = buildCsrAdjacency(graph.nodeCount, graph.targets, from);
  const reversed: SearchGraph = {
    nodeCount: graph.nodeCount,
    offsets: adjacency.offsets,
    targets: adjacency.targets,
    edgeSeconds: permute(graph.edgeSeconds, adjacency.order),
  };
  cache.set(graph.edgeSeconds, { offsets: graph.offsets, targets: graph.targets, reversed });
  return reversed;
}
