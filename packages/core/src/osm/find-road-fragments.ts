/** The ends of road pieces, as {@link findRoadFragments} reads them. */
export interface RoadPieceEnds {
  /** Number of pieces. */
  count: number;
  /**
   * Key of each piece's first and last vertex, in [0, keyCount): equal keys are one junction. The
   * OSM importer uses the node's index, or an index past the nodes for a point where the boundary
   * cut the road.
   */
  startKey: Int32Array;
  endKey: Int32Array;
  /** Number of distinct keys (an upper bound on every key, plus one). */
  keyCount: number;
  /** Length of each piece, metres. */
  meters: Float64Array;
  /** Pieces to leave out (0), e.g. rejected by validation. @default every piece */
  kept?: Uint8Array;
}

/** A connected part of a road network. */
export interface RoadFragment {
  /** Number of pieces. */
  features: number;
  /** Total length, km. */
  km: number;
  /** Index of its first piece, to name it. */
  firstPiece: number;
}

/**
 * The connected fragments of a road network whose pieces meet only at their ends — as the OSM
 * importer writes them, split at every node two roads share — largest (by length) first, and the
 * fragment (its rank in that order) of every piece, -1 for pieces left out. Direction is ignored.
 * Union–find with path halving and union by size over the pieces; memory is 4 bytes per key and
 * 8 per piece, so a country's road network needs no map from coordinates to pieces.
 */
export function findRoadFragments(ends: RoadPieceEnds): { fragments: RoadFragment[]; fragmentOf: Int32Array } {
  const { count, kept } = ends;
  const parent = new Int32Array(count);
  const size = new Int32Array(count).fill(1);
  for (let i = 0; i < count; i++) parent[i] = i;
  const find = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (a: number, b: number) => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return;
    if (size[ra] < size[rb]) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra] += size[rb];
  };
  const pieceAtKey = new Int32Array(ends.keyCount).fill(-1);
  const join = (piece: number, key: number) => {
    const other = pieceAtKey[key];
    if (other < 0) pieceAtKey[key] = piece;
    else union(piece, other);
  };
  for (let p = 0; p < count; p++) {
    if (kept && !kept[p]) continue;
    join(p, ends.startKey[p]);
    join(p, ends.endKey[p]);
  }
  // Aggregate by root, in piece order, so each fragment's first piece is its lowest index.
  const rankOfRoot = new Int32Array(count).fill(-1);
  const fragments: RoadFragment[] = [];
  const fragmentOf = new Int32Array(count).fill(-1);
  for (let p = 0; p < count; p++) {
    if (kept && !kept[p]) continue;
    const root = find(p);
    let f = rankOfRoot[root];
    if (f < 0) {
      f = rankOfRoot[root] = fragments.length;
      fragments.push({ features: 0, km: 0, firstPiece: p });
    }
    fragments[f].features++;
    fragments[f].km += ends.meters[p] / 1000;
    fragmentOf[p] = f;
  }
  const order = fragments
    .map((_, i) => i)
    .sort((a, b) => fragments[b].km - fragments[a].km || fragments[b].features - fragments[a].features || a - b);
  const rank = new Int32Array(fragments.length);
  order.forEach((f, r) => (rank[f] = r));
  for (let p = 0; p < count; p++) if (fragmentOf[p] >= 0) fragmentOf[p] = rank[fragmentOf[p]];
  return { fragments: order.map((f) => fragments[f]), fragmentOf };
}
