/**
 * Shortest travel time from the nearest of many sources to every node, by ONE search seeded with
 * all sources at once (a virtual super-source), never one search per facility.
 *
 * The priority queue is a bucket queue (Dial 1969) with the label-correcting refinement of
 * Δ-stepping (Meyer & Sanders 2003), on typed arrays: tentative times fall into buckets of width
 * Δ, buckets are processed in increasing order, and a node is (re)processed whenever its time
 * improves. With Δ no larger than the shortest edge no node is processed twice (Dial's
 * algorithm: everything in the lowest bucket is final), and every queue operation is O(1) —
 * no heap, no sifting through memory. Shorter edges only cost re-processing inside a bucket;
 * the result is exact either way. Δ is the shortest positive edge, raised to maxEdge/4096 when
 * that is larger (bounding the bucket ring).
 *
 * The result is identical, bit for bit, to a binary-heap Dijkstra's: both end at the unique
 * fixpoint dist[v] = min(initial, min over in-edges (dist[u] + seconds)) whose values are sums
 * along actual paths. Which source is named nearest on an exact tie may differ.
 */

/** The graph as the search needs it (a subset of RoadGraph). */
export interface SearchGraph {
  nodeCount: number;
  offsets: Uint32Array;
  targets: Uint32Array;
  edgeSeconds: Float64Array;
}

/**
 * Reusable buffers for {@link multiSourceDijkstra} (queue entries and bucket heads). They grow
 * on demand, so one scratch serves graphs of any size; no allocation inside the search loop
 * once they have grown.
 */
export interface DijkstraScratch {
  /** Node of each queue entry. */
  entryNode: Uint32Array;
  /** Time (seconds) the entry was queued with; an entry whose node has improved since is stale. */
  entryKey: Float64Array;
  /** Next entry in the same bucket, or -1. */
  entryNext: Int32Array;
  /** First entry of each bucket of the ring, or -1. */
  bucketHead: Int32Array;
}

/** Allocates scratch buffers sized for graphs of about `nodeCount` nodes. */
export function createDijkstraScratch(nodeCount: number): DijkstraScratch {
  const entries = Math.max(16, nodeCount);
  return {
    entryNode: new Uint32Array(entries),
    entryKey: new Float64Array(entries),
    entryNext: new Int32Array(entries),
    bucketHead: new Int32Array(16),
  };
}

/** Most buckets in the ring (Δ ≥ maxEdge / this). */
const MAX_RING_BUCKETS = 4096;

/**
 * Bucket width Δ and ring size for an edge-time array: one scan of every edge per search (about
 * 1 % of the search; not cached, so edge times changed in place can never leave a stale Δ).
 */
function bucketsFor(edgeSeconds: Float64Array): { width: number; ring: number } {
  let shortest = Infinity;
  let longest = 0;
  for (let k = 0; k < edgeSeconds.length; k++) {
    const w = edgeSeconds[k];
    if (w > 0 && w < shortest) shortest = w;
    if (w > longest && w < Infinity) longest = w;
  }
  // No positive edge: one bucket of any width holds everything (label-correcting, still exact).
  const width = shortest === Infinity ? 1 : Math.max(shortest, longest / MAX_RING_BUCKETS);
  // Every key queued while bucket b is processed lies in buckets b … b + ⌈longest/Δ⌉ + 1.
  return { width, ring: Math.ceil(longest / width) + 2 };
}

/**
 * Returns, per node, the minimum over sources s of (initialSeconds[s] + shortest time from
 * sourceNodes[s] to the node), seconds; Infinity where unreachable. Optionally `nearestSource`
 * receives the index of the source that achieves it (-1 unreachable). Nodes farther than
 * `maxSeconds` count as unreachable (Infinity, -1), and the search stops there.
 * Edge times must be non-negative.
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
  const nearest = options.nearestSource;
  nearest?.fill(-1);
  const maxSeconds = options.maxSeconds ?? Infinity;
  const { offsets, targets, edgeSeconds } = graph;
  const scratch = options.scratch ?? createDijkstraScratch(n);

  // Sources in order of their initial time (ties by index), injected as the search reaches them.
  const order: number[] = [];
  for (let s = 0; s < sourceNodes.length; s++) {
    if (sourceNodes[s] >= 0 && Number.isFinite(initialSeconds[s])) order.push(s);
  }
  if (order.length === 0) return dist;
  order.sort((a, b) => initialSeconds[a] - initialSeconds[b] || a - b);

  const { width, ring } = bucketsFor(edgeSeconds);
  const inverseWidth = 1 / width;
  const origin = initialSeconds[order[0]];
  if (scratch.bucketHead.length < ring) scratch.bucketHead = new Int32Array(ring);
  const head = scratch.bucketHead;
  head.fill(-1, 0, ring);
  let entryNode = scratch.entryNode;
  let entryKey = scratch.entryKey;
  let entryNext = scratch.entryNext;
  let used = 0; // entries handed out (entries below `used` are live or on the free list)
  let free = -1; // free list of processed entries, linked through entryNext
  let queued = 0; // live entries in the ring

  let bucket = 0; // the bucket being processed (absolute number)
  let slot = 0; // its place in the ring

  const push = (v: number, key: number) => {
    let e = free;
    if (e >= 0) free = entryNext[e];
    else {
      if (used === entryNode.length) {
        const grown = used * 2;
        const node2 = new Uint32Array(grown);
        node2.set(entryNode);
        const key2 = new Float64Array(grown);
        key2.set(entryKey);
        const next2 = new Int32Array(grown);
        next2.set(entryNext);
        entryNode = scratch.entryNode = node2;
        entryKey = scratch.entryKey = key2;
        entryNext = scratch.entryNext = next2;
      }
      e = used++;
    }
    // Never below the current bucket (rounding of key/Δ at a bucket edge): that is processed now.
    const ahead = Math.max(0, Math.floor((key - origin) * inverseWidth) - bucket);
    let b = slot + ahead;
    if (b >= ring) b -= ring;
    entryNode[e] = v;
    entryKey[e] = key;
    entryNext[e] = head[b];
    head[b] = e;
    queued++;
  };

  let nextSource = 0;
  const injectSources = () => {
    // Sources whose bucket lies inside the ring's window; the ring holds buckets bucket … bucket+ring-1.
    while (nextSource < order.length) {
      const s = order[nextSource];
      const t = initialSeconds[s];
      if (Math.floor((t - origin) * inverseWidth) - bucket >= ring - 1) break;
      nextSource++;
      const node = sourceNodes[s];
      if (!(t < dist[node])) continue;
      dist[node] = t;
      if (nearest) nearest[node] = s;
      push(node, t);
    }
  };

  injectSources();
  for (;;) {
    if (queued === 0) {
      if (nextSource >= order.length) break;
      // Nothing in flight: jump straight to the next source's bucket.
      const jump = Math.floor((initialSeconds[order[nextSource]] - origin) * inverseWidth);
      bucket = jump;
      slot = 0;
      head.fill(-1, 0, ring);
      injectSources();
      continue;
    }
    // One bucket of margin for the rounding of key/Δ at bucket edges.
    if (origin + (bucket - 1) * width > maxSeconds) break;
    // Process the bucket until empty (entries queued into it meanwhile included).
    for (let e = head[slot]; e >= 0; e = head[slot]) {
      head[slot] = entryNext[e];
      queued--;
      const u = entryNode[e];
      const du = entryKey[e];
      entryNext[e] = free;
      free = e;
      if (du !== dist[u]) continue; // stale: u has improved since
      const end = offsets[u + 1];
      for (let k = offsets[u]; k < end; k++) {
        const v = targets[k];
        const alt = du + edgeSeconds[k];
        if (alt < dist[v]) {
          dist[v] = alt;
          if (nearest) nearest[v] = nearest[u];
          push(v, alt);
        }
      }
    }
    bucket++;
    slot = slot + 1 === ring ? 0 : slot + 1;
    injectSources();
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
