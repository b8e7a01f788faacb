/**
 * Shortest travel time from the nearest of many sources to every node, by ONE Dijkstra search
 * seeded with all sources at once (a virtual super-source), never one search per facility.
 * Binary min-heap with decrease-key on typed arrays; no allocation inside the loop when the
 * caller passes its scratch buffers.
 */

/** The graph as the search needs it (a subset of RoadGraph). */
export interface SearchGraph {
  nodeCount: number;
  offsets: Uint32Array;
  targets: Uint32Array;
  edgeSeconds: Float64Array;
}

/** Reusable buffers for {@link multiSourceDijkstra}; sized for `nodeCount`. */
export interface DijkstraScratch {
  heapNodes: Uint32Array;
  heapPosition: Int32Array;
}

/** Allocates scratch buffers for graphs of up to `nodeCount` nodes. */
export function createDijkstraScratch(nodeCount: number): DijkstraScratch {
  return { heapNodes: new Uint32Array(nodeCount), heapPosition: new Int32Array(nodeCount) };
}

/**
 * Returns, per node, the minimum over sources s of (initialSeconds[s] + shortest time from
 * sourceNodes[s] to the node), seconds; Infinity where unreachable. Optionally `nearestSource`
 * receives the index of the source that achieves it (-1 unreachable).
 */
export function multiSourceDijkstra(
  graph: SearchGraph,
  sourceNodes: ArrayLike<number>,
  initialSeconds: ArrayLike<number>,
  options: { scratch?: DijkstraScratch; target?: Float64Array; nearestSource?: Int32Array; maxSeconds?: number } = {},
): Float64Array {
  const n = graph.nodeCount;
  const dist = options.target ?? new Float64Array(n);
  dist.fill(Infinity);
  const scratch = options.scratch ?? createDijkstraScratch(n);
  const heap = scratch.heapNodes;
  const pos = scratch.heapPosition;
  pos.fill(-1);
  const nearest = options.nearestSource;
  nearest?.fill(-1);
  const maxSeconds = options.maxSeconds ?? Infinity;
  const { offsets, targets, edgeSeconds } = graph;
  let size = 0;

  const siftUp = (i: number) => {
    const node = heap[i];
    const key = dist[node];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (dist[p] <= key) break;
      heap[i] = p;
      pos[p] = i;
      i = parent;
    }
    heap[i] = node;
    pos[node] = i;
  };
  const siftDown = (i: number) => {
    const node = heap[i];
    const key = dist[node];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && dist[heap[child + 1]] < dist[heap[child]]) child++;
      if (dist[heap[child]] >= key) break;
      heap[i] = heap[child];
      pos[heap[i]] = i;
      i = child;
    }
    heap[i] = node;
    pos[node] = i;
  };

  for (let s = 0; s < sourceNodes.length; s++) {
    const node = sourceNodes[s];
    const t = initialSeconds[s];
    if (node < 0 || !(t < dist[node])) continue;
    dist[node] = t;
    if (nearest) nearest[node] = s;
    if (pos[node] < 0) {
      heap[size] = node;
      pos[node] = size;
      size++;
    }
    siftUp(pos[node]);
  }

  while (size > 0) {
    const u = heap[0];
    pos[u] = -2; // settled
    size--;
    if (size > 0) {
      heap[0] = heap[size];
      pos[heap[0]] = 0;
      siftDown(0);
    }
    const du = dist[u];
    if (du > maxSeconds) break;
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const v = targets[k];
      const alt = du + edgeSeconds[k];
      if (alt < dist[v]) {
        if (pos[v] === -2) continue;
        dist[v] = alt;
        if (nearest) nearest[v] = nearest[u];
        if (pos[v] < 0) {
          heap[size] = v;
          pos[v] = size;
          size++;
        }
        siftUp(pos[v]);
      }
    }
  }
  if (maxSeconds < Infinity) {
    for (let i = 0; i < n; i++) {
      if (dist[i] > maxSeconds) {
        dist[i] = Infinity;
        // Beyond the cut-off counts as unreachable: no nearest source either (documented -1).
        if (nearest) nearest[i] = -1;
      }
    }
  }
  return dist;
}
