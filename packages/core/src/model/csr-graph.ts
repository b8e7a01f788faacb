/**
 * Compressed sparse row adjacency from an edge list, by counting sort: O(nodes + edges), two
 * passes, no comparisons. `order[k]` is the input edge stored at CSR position k, so per-edge
 * attributes can be permuted alongside.
 */
export interface CsrAdjacency {
  /** Out-edges of node u are offsets[u] … offsets[u+1]-1. Length nodeCount+1. */
  offsets: Uint32Array;
  /** Target node per CSR edge. */
  targets: Uint32Array;
  /** Input edge index per CSR edge. */
  order: Uint32Array;
}

/** Builds CSR adjacency for `nodeCount` nodes from parallel `from`/`to` arrays (directed edges). */
export function buildCsrAdjacency(nodeCount: number, from: ArrayLike<number>, to: ArrayLike<number>): CsrAdjacency {
  const edgeCount = from.length;
  const offsets = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) offsets[from[e] + 1]++;
  for (let u = 0; u < nodeCount; u++) offsets[u + 1] += offsets[u];
  const cursor = offsets.slice(0, nodeCount);
  const targets = new Uint32Array(edgeCount);
  const order = new Uint32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const k = cursor[from[e]]++;
    targets[k] = to[e];
    order[k] = e;
  }
  return { offsets, targets, order };
}

/** Reorders `values` so that result[k] = values[order[k]]. */
export function permute<T extends Float64Array | Float32Array | Uint8Array | Uint32Array>(
  values: T,
  order: Uint32Array,
): T {
  const out = new (values.constructor as new (n: number) => T)(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k]];
  return out;
}
