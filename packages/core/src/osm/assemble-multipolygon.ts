import Flatbush from 'flatbush';
import type { Position } from 'geojson';

/** One way member of an OSM multipolygon relation, as plain data. */
export interface MultipolygonMemberWay {
  /** OSM way id (named in problems). */
  wayId: number;
  /** Its role in the relation: `outer`, `inner`, `''` (treated as outer) or anything else (treated as outer). */
  role: string;
  /**
   * The way's nodes in way order as keys: equal key = same node (an index into the caller's node
   * table, or the OSM id itself); a negative key means the node is missing from the input.
   */
  nodes: ArrayLike<number>;
  /**
   * OSM node ids parallel to {@link nodes}, used only to name nodes in problems.
   * @default the keys in `nodes`
   */
  nodeIds?: ArrayLike<number>;
}

/** A multipolygon assembled into GeoJSON polygons. */
export interface AssembledMultipolygon {
  /**
   * One polygon per outer ring (write a Polygon for one, a MultiPolygon for several): the outer
   * ring counter-clockwise, then its holes clockwise (RFC 7946 §3.1.6), every ring closed. Outer
   * rings in the order their first way appears among the members, holes likewise.
   */
  polygons: Position[][][];
  /**
   * Ways whose role disagreed with where the ring they belong to nests (an `outer` way in a hole,
   * an `inner` way in an outer ring inside a hole, or a ring mixing both roles): the geometry
   * follows the nesting. Empty when every role agrees.
   */
  roleMismatchWayIds: number[];
}

/** Why a relation could not be assembled: a sentence naming the way (and node) to fix. */
export interface MultipolygonProblem {
  problem: string;
}

/**
 * Assembles the rings of an OSM multipolygon relation from its way members and returns one
 * polygon per outer ring, or the first problem found.
 *
 * 1. Ways are joined end to end at shared end nodes into closed rings, each way used once, in
 *    either direction; a closed way is a ring alone. A ring that comes back to one of its own
 *    junction nodes before closing (two rings touching at a node) is split there. Consecutive
 *    repeated nodes are merged. Ways are joined only at their ends, as libosmium does for ways that
 *    are tagged correctly; crossings are not looked for (the caller's geometry validation finds
 *    self-intersections).
 * 2. Rings are nested by containment (a vertex of the inner ring not shared with the candidate,
 *    even–odd test), each inside the smallest ring containing it; a bounding-box index (flatbush)
 *    keeps this near O(n log n) for relations of thousands of ways. Even depth = outer ring, odd
 *    depth = hole of its parent.
 * 3. Nesting decides, not roles (roles are often missing or wrong; libosmium ignores them by
 *    default). Disagreements are listed in {@link AssembledMultipolygon.roleMismatchWayIds}. One
 *    exception: a ring whose every way says `inner` but which lies inside no other ring is a
 *    problem, not an outer ring: most likely its outer ring is missing from the input.
 *
 * Coordinates are compared in the plane of lon/lat degrees, which decides orientation and
 * containment exactly as a projected plane would for rings that do not cross the antimeridian.
 *
 * Problems (the caller prefixes the relation): a way member twice; a way with fewer than 2 distinct
 * nodes; a node missing from the input; a ring that cannot be closed (names the open end node); a
 * ring with fewer than 4 positions or no area; an inner ring inside no outer ring; no outer ring.
 *
 * @param members the relation's way members in relation order (node and relation members left out).
 * @param positionOf [lon, lat] in degrees of a node key (called only for keys ≥ 0).
 */
export function assembleMultipolygon(
  members: readonly MultipolygonMemberWay[],
  positionOf: (node: number) => [number, number],
): AssembledMultipolygon | MultipolygonProblem {
  if (members.length === 0) return { problem: 'has no outer ring (no way members)' };
  const ways = readWays(members);
  if ('problem' in ways) return ways;
  const rings = joinRings(members, ways);
  if ('problem' in rings) return rings;
  return nestRings(members, rings, positionOf);
}

/** Node keys of each way with repeats merged, after checking each way once. */
function readWays(members: readonly MultipolygonMemberWay[]): number[][] | MultipolygonProblem {
  const seen = new Set<number>();
  const ways: number[][] = [];
  for (const member of members) {
    if (seen.has(member.wayId)) return { problem: `way ${member.wayId} is a member twice` };
    seen.add(member.wayId);
    const keys: number[] = [];
    for (let i = 0; i < member.nodes.length; i++) {
      const key = member.nodes[i];
      if (!(key >= 0)) {
        const id = member.nodeIds?.[i];
        return {
          problem:
            `node ${id ?? `#${i + 1}`} of way ${member.wayId} is missing from the input ` +
            `(export the area with complete multipolygons, e.g. osmium extract --strategy=smart)`,
        };
      }
      if (keys.length === 0 || keys[keys.length - 1] !== key) keys.push(key);
    }
    if (keys.length < 2) return { problem: `way ${member.wayId} has fewer than 2 distinct nodes` };
    ways.push(keys);
  }
  return ways;
}

/** A closed ring of node keys (first = last) and the member indices of its ways. */
interface NodeRing {
  keys: number[];
  members: number[];
}

/** A node in the ring being built where a way ended: its index in the chain and the way that ended there. */
interface Junction {
  at: number;
  member: number;
  /** Index in the member's own node list of the node (to name it). */
  nodeIndex: number;
}

function joinRings(members: readonly MultipolygonMemberWay[], ways: number[][]): NodeRing[] | MultipolygonProblem {
  // End node → way ends there, encoded member * 2 + (0 at its first node, 1 at its last).
  const ends = new Map<number, number[]>();
  const addEnd = (key: number, end: number) => {
    const list = ends.get(key);
    if (list) list.push(end);
    else ends.set(key, [end]);
  };
  ways.forEach((keys, m) => {
    if (keys[0] === keys[keys.length - 1]) return;
    addEnd(keys[0], m * 2);
    addEnd(keys[keys.length - 1], m * 2 + 1);
  });
  const used = new Uint8Array(ways.length);
  const rings: NodeRing[] = [];
  for (let start = 0; start < ways.length; start++) {
    if (used[start]) continue;
    used[start] = 1;
    const first = ways[start];
    if (first[0] === first[first.length - 1]) {
      rings.push({ keys: first.slice(), members: [start] });
      continue;
    }
    const chain = first.slice();
    // Junction nodes of the chain in order, and where each sits, to split off a ring that closes early.
    const junctions: Junction[] = [
      { at: 0, member: -1, nodeIndex: 0 },
      { at: chain.length - 1, member: start, nodeIndex: members[start].nodes.length - 1 },
    ];
    const junctionAt = new Map<number, number>([
      [chain[0], 0],
      [chain[chain.length - 1], chain.length - 1],
    ]);
    for (;;) {
      const last = chain[chain.length - 1];
      const list = ends.get(last)!;
      // Drop used ends from the list's tail as we go, so a busy node is not scanned again and again.
      let next = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        const end = list[i];
        if (!used[end >> 1]) {
          next = end;
          break;
        }
        if (i === list.length - 1) list.pop();
      }
      if (next < 0) {
        const top = junctions[junctions.length - 1];
        const member = members[top.member];
        const nodeId = member.nodeIds?.[top.nodeIndex] ?? member.nodes[top.nodeIndex];
        return {
          problem: `the ring is not closed: way ${member.wayId} ends at node ${nodeId}, where no other member way continues`,
        };
      }
      const m = next >> 1;
      used[m] = 1;
      const keys = ways[m];
      const reversed = (next & 1) === 1;
      if (reversed) for (let i = keys.length - 2; i >= 0; i--) chain.push(keys[i]);
      else for (let i = 1; i < keys.length; i++) chain.push(keys[i]);
      const end = chain[chain.length - 1];
      const nodeIndex = reversed ? 0 : members[m].nodes.length - 1;
      const at = junctionAt.get(end);
      if (at === undefined) {
        junctions.push({ at: chain.length - 1, member: m, nodeIndex });
        junctionAt.set(end, chain.length - 1);
        continue;
      }
      // The chain came back to one of its junctions: the part from there on is a closed ring.
      const ringMembers = [m];
      while (junctions[junctions.length - 1].at > at) {
        const junction = junctions.pop()!;
        ringMembers.push(junction.member);
        junctionAt.delete(chain[junction.at]);
      }
      rings.push({ keys: chain.slice(at), members: ringMembers.reverse() });
      chain.length = at + 1;
      if (at === 0) break;
    }
  }
  return rings;
}

function describeWays(members: readonly MultipolygonMemberWay[], indices: readonly number[]): string {
  const ids = [...indices].sort((a, b) => a - b).map((m) => members[m].wayId);
  return ids.length === 1 ? `way ${ids[0]}` : `ways ${ids.join(', ')}`;
}

/** Twice the signed area in the lon/lat plane (shoelace): positive when counter-clockwise. */
function doubleSignedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum;
}

/** Even–odd test of a point against a closed ring. */
function isInsideRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function nestRings(
  members: readonly MultipolygonMemberWay[],
  rings: NodeRing[],
  positionOf: (node: number) => [number, number],
): AssembledMultipolygon | MultipolygonProblem {
  // Rings in the order of their first member, so the output follows the relation's order.
  const firstMember = new Map(rings.map((ring) => [ring, ring.members.reduce((a, b) => Math.min(a, b))]));
  rings.sort((a, b) => firstMember.get(a)! - firstMember.get(b)!);
  const positions: Position[][] = [];
  const areas = new Float64Array(rings.length);
  const boxes = new Float64Array(rings.length * 4);
  const index = new Flatbush(rings.length);
  for (let r = 0; r < rings.length; r++) {
    const { keys } = rings[r];
    if (keys.length < 4) {
      return {
        problem: `the ring of ${describeWays(members, rings[r].members)} has ${keys.length} positions; a ring needs at least 4 (3 distinct nodes and the closing one)`,
      };
    }
    const ring: Position[] = keys.map((key) => {
      const [lon, lat] = positionOf(key);
      return [lon, lat];
    });
    areas[r] = doubleSignedArea(ring);
    if (areas[r] === 0) {
      return {
        problem: `the ring of ${describeWays(members, rings[r].members)} has no area (its nodes lie on a line)`,
      };
    }
    let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [lon, lat] of ring) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
    boxes.set([west, south, east, north], r * 4);
    index.add(west, south, east, north);
    positions.push(ring);
  }
  index.finish();

  // Largest first, so that a ring's parent (always larger) has its depth when the ring is reached.
  const bySize = Array.from(rings.keys()).sort((a, b) => Math.abs(areas[b]) - Math.abs(areas[a]));
  const keySets = new Map<number, Set<number>>();
  const keysOf = (r: number) => {
    let set = keySets.get(r);
    if (!set) keySets.set(r, (set = new Set(rings[r].keys)));
    return set;
  };
  const parent = new Int32Array(rings.length).fill(-1);
  const depth = new Int32Array(rings.length);
  for (const r of bySize) {
    const size = Math.abs(areas[r]);
    let best = -1;
    // Candidates: rings whose box overlaps this one's and that are larger; the smallest containing one wins.
    for (const candidate of index.search(boxes[r * 4], boxes[r * 4 + 1], boxes[r * 4 + 2], boxes[r * 4 + 3])) {
      const candidateSize = Math.abs(areas[candidate]);
      if (candidateSize <= size || (best >= 0 && candidateSize >= Math.abs(areas[best]))) continue;
      // A vertex not on the candidate (rings may touch at shared nodes); else the first edge's midpoint.
      const other = keysOf(candidate);
      const probe = rings[r].keys.findIndex((key) => !other.has(key));
      const ring = positions[r];
      const [x, y] = probe >= 0 ? ring[probe] : [(ring[0][0] + ring[1][0]) / 2, (ring[0][1] + ring[1][1]) / 2];
      if (isInsideRing(x, y, positions[candidate])) best = candidate;
    }
    parent[r] = best;
    depth[r] = best < 0 ? 0 : depth[best] + 1;
  }

  const allInner = rings.map((ring) => ring.members.every((m) => members[m].role === 'inner'));
  if (allInner.every(Boolean)) return { problem: 'has no outer ring (every way member has role inner)' };
  const roleMismatchWayIds: number[] = [];
  for (let r = 0; r < rings.length; r++) {
    if (parent[r] < 0 && allInner[r]) {
      return { problem: `the inner ring of ${describeWays(members, rings[r].members)} lies inside no outer ring` };
    }
    const hole = depth[r] % 2 === 1;
    for (const m of rings[r].members) {
      if ((members[m].role === 'inner') !== hole) roleMismatchWayIds.push(members[m].wayId);
    }
  }

  // Outer rings counter-clockwise (positive area), holes clockwise.
  const polygonOf = new Map<number, Position[][]>();
  const polygons: Position[][][] = [];
  for (let r = 0; r < rings.length; r++) {
    if (depth[r] % 2 === 1) continue;
    if (areas[r] < 0) positions[r].reverse();
    const polygon = [positions[r]];
    polygonOf.set(r, polygon);
    polygons.push(polygon);
  }
  for (let r = 0; r < rings.length; r++) {
    if (depth[r] % 2 === 0) continue;
    if (areas[r] > 0) positions[r].reverse();
    polygonOf.get(parent[r])!.push(positions[r]);
  }
  return { polygons, roleMismatchWayIds: roleMismatchWayIds.sort((a, b) => a - b) };
}
