import {
  facilityKindOf,
  isBuilding,
  isRoutableRoad,
  resolveFacilityKindTable,
  settlementClassOf,
  type FacilityKindRule,
  type OsmTags,
} from './osm-tag-tables.js';

/** What an OSM element became interested in: a bit set. */
export const OSM_ROLE = Object.freeze({ road: 1, building: 2, settlement: 4, facility: 8 });

/** A tagged node kept because it is a settlement or a facility. */
export interface OsmPointElement {
  /** OSM node id. */
  id: number;
  lon: number;
  lat: number;
  tags: OsmTags;
  /** {@link OSM_ROLE} bits. */
  roles: number;
}

/** A way kept because it is a road, a building, a settlement area or a facility area. */
export interface OsmWayElement {
  /** OSM way id. */
  id: number;
  /** Offset of its first node id in {@link OsmCollection.wayRefs}. */
  refStart: number;
  /** Number of node ids. */
  refCount: number;
  tags: OsmTags;
  /** {@link OSM_ROLE} bits. */
  roles: number;
}

/**
 * Everything kept from an OSM stream, in flat arrays: every node's coordinates (in the keep box),
 * the tagged nodes and ways of interest, and counts of what was seen.
 */
export interface OsmCollection {
  /** Node ids, ascending (sorted at finish when the input was not). */
  nodeIds: Float64Array;
  /** Node longitudes and latitudes in units of 1e-7° (OSM's own precision), interleaved. */
  nodeE7: Int32Array;
  /** Number of nodes stored (the arrays may be longer). */
  nodeCount: number;
  points: OsmPointElement[];
  ways: OsmWayElement[];
  /** Node ids of the kept ways, concatenated. */
  wayRefs: Float64Array;
  /**
   * What the stream held: nodes, ways and relations seen; nodes outside the keep box, and ways of
   * interest left out because none of their nodes was kept (yet); whether a node came after a way.
   * When both a node came after a way and some way was left out, that way may have had nodes
   * inside after all: a reader must then refuse the result and ask for a sorted file.
   */
  seen: {
    nodes: number;
    ways: number;
    relations: number;
    /** Nodes with a longitude beyond ±180°, a latitude beyond ±90° or a coordinate that is not a number: left out. */
    invalidNodes: number;
    nodesOutsideKeepBox: number;
    waysOutsideKeepBox: number;
    nodesAfterWays: boolean;
  };
  /** Relations that would have been imported if relations were read (multipolygon buildings etc.). */
  relationsOfInterest: number;
  /** The facility table used. */
  facilityRules: FacilityKindRule[];
}

/** Options of {@link createOsmCollector}. */
export interface OsmCollectorOptions {
  /**
   * Only nodes inside this box [west, south, east, north] (degrees) keep their coordinates; the
   * rest are counted and dropped, which bounds memory when a large extract is cut to a small
   * region. Way segments leaving the box are cut there, so give a margin beyond the boundary.
   * @default the whole world
   */
  keepBox?: [number, number, number, number];
  /** Facility table overrides (see resolveFacilityKindTable). @default none */
  facilityKinds?: Readonly<Record<string, string | null>>;
}

/** One member of an OSM relation, as the file lists it. */
export interface OsmRelationMember {
  type: 'node' | 'way' | 'relation';
  /** The member's OSM id. */
  ref: number;
  /** Its role in the relation (`outer`, `inner`, … or `''`). */
  role: string;
}

/** Receives OSM elements one at a time (from a PBF, XML or Overpass reader) and keeps what an import needs. */
export interface OsmCollector {
  addNode(id: number, lon: number, lat: number, tags?: OsmTags): void;
  addWay(id: number, refs: ArrayLike<number>, tags?: OsmTags): void;
  /** A relation with its members in file order (readers pass them; multipolygons need them). */
  addRelation(id: number, tags?: OsmTags, members?: readonly OsmRelationMember[]): void;
  /** Ends the stream and returns what was kept. The collector must not be used afterwards. */
  finish(): OsmCollection;
}

/**
 * Creates a collector that keeps, in bounded memory, what an OSM import needs. Memory is 16 bytes
 * per node inside the keep box (id as float64, lon/lat as int32 at 1e-7°) plus the tags and node
 * ids of the ways of interest; untagged or uninteresting elements leave nothing behind but counts.
 */
export function createOsmCollector(options: OsmCollectorOptions = {}): OsmCollector {
  const facilityRules = resolveFacilityKindTable(options.facilityKinds);
  const box = options.keepBox;
  let nodeIds = new Float64Array(1024);
  let nodeE7 = new Int32Array(2048);
  let nodeCount = 0;
  let sorted = true;
  let lastId = -Infinity;
  let wayRefs = new Float64Array(4096);
  let refCount = 0;
  const points: OsmPointElement[] = [];
  const ways: OsmWayElement[] = [];
  const seen = {
    nodes: 0,
    ways: 0,
    relations: 0,
    invalidNodes: 0,
    nodesOutsideKeepBox: 0,
    waysOutsideKeepBox: 0,
    nodesAfterWays: false,
  };
  let waysStarted = false;
  let nodesAfterWays = false;
  const keptTagKeys = new Set([...KEPT_TAG_KEYS, ...facilityRules.map((r) => r.key)]);
  let relationsOfInterest = 0;

  const rolesOf = (tags: OsmTags | undefined, isWay: boolean): number => {
    if (!tags) return 0;
    let roles = 0;
    if (isWay && isRoutableRoad(tags)) roles |= OSM_ROLE.road;
    if (isWay && isBuilding(tags)) roles |= OSM_ROLE.building;
    if (settlementClassOf(tags) !== undefined) roles |= OSM_ROLE.settlement;
    if (facilityKindOf(tags, facilityRules) !== undefined) roles |= OSM_ROLE.facility;
    return roles;
  };

  return {
    addNode(id, lon, lat, tags) {
      seen.nodes++;
      if (waysStarted && !nodesAfterWays) nodesAfterWays = true;
      if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
        // Out of range or not a number (a damaged file): never stored, so never wrapped into int32.
        seen.invalidNodes++;
        return;
      }
      if (box && !(lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3])) {
        seen.nodesOutsideKeepBox++;
        return;
      }
      if (nodeCount === nodeIds.length) {
        nodeIds = grow(nodeIds, nodeIds.length * 2);
        nodeE7 = grow(nodeE7, nodeE7.length * 2);
      }
      nodeIds[nodeCount] = id;
      nodeE7[nodeCount * 2] = Math.round(lon * 1e7);
      nodeE7[nodeCount * 2 + 1] = Math.round(lat * 1e7);
      nodeCount++;
      if (id <= lastId) sorted = false;
      lastId = id;
      const roles = rolesOf(tags, false);
      if (roles && tags) points.push({ id, lon, lat, tags: keepTags(tags, keptTagKeys), roles });
    },
    addWay(id, refs, tags) {
      seen.ways++;
      waysStarted = true;
      const roles = rolesOf(tags, true);
      if (!roles || !tags) return;
      // With a keep box and nodes in id order before the ways (as PBF and osmium write them), a
      // way none of whose nodes was kept lies outside: keep nothing of it, so a country extract
      // cut to one region does not hold the whole country's buildings.
      if (box && sorted && !nodesAfterWays) {
        let inside = false;
        for (let i = 0; i < refs.length && !inside; i++) inside = findOsmNode({ nodeIds, nodeCount }, refs[i]) >= 0;
        if (!inside) {
          seen.waysOutsideKeepBox++;
          return;
        }
      }
      tags = keepTags(tags, keptTagKeys);
      if (refCount + refs.length > wayRefs.length) {
        wayRefs = grow(wayRefs, Math.max(wayRefs.length * 2, refCount + refs.length));
      }
      for (let i = 0; i < refs.length; i++) wayRefs[refCount + i] = refs[i];
      ways.push({ id, refStart: refCount, refCount: refs.length, tags, roles });
      refCount += refs.length;
    },
    addRelation(_id, tags) {
      seen.relations++;
      if (tags?.type === 'multipolygon' && rolesOf(tags, true)) relationsOfInterest++;
    },
    finish() {
      let ids = nodeIds.subarray(0, nodeCount);
      let e7 = nodeE7.subarray(0, nodeCount * 2);
      if (!sorted) {
        const order = Uint32Array.from({ length: nodeCount }, (_, i) => i).sort((a, b) => ids[a] - ids[b]);
        const sortedIds = new Float64Array(nodeCount);
        const sortedE7 = new Int32Array(nodeCount * 2);
        order.forEach((from, to) => {
          sortedIds[to] = ids[from];
          sortedE7[to * 2] = e7[from * 2];
          sortedE7[to * 2 + 1] = e7[from * 2 + 1];
        });
        ids = sortedIds;
        e7 = sortedE7;
      }
      seen.nodesAfterWays = nodesAfterWays;
      return {
        nodeIds: ids,
        nodeE7: e7,
        nodeCount,
        points,
        ways,
        wayRefs: wayRefs.subarray(0, refCount),
        seen,
        relationsOfInterest,
        facilityRules,
      };
    },
  };
}

/**
 * Index of node `id` in a collection's sorted node ids by binary search, or -1 when the node was
 * not in the stream (or outside the keep box). A repeated id resolves to one of its copies.
 */
export function findOsmNode(collection: Pick<OsmCollection, 'nodeIds' | 'nodeCount'>, id: number): number {
  const ids = collection.nodeIds;
  let lo = 0;
  let hi = collection.nodeCount - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid];
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The tags an import reads (besides the facility table's keys); the rest are not kept. */
export const KEPT_TAG_KEYS: readonly string[] = [
  'name',
  'name:en',
  'highway',
  'maxspeed',
  'oneway',
  'junction',
  'area',
  'building',
  'building:levels',
  'height',
  'place',
  'population',
];

function keepTags(tags: OsmTags, keys: ReadonlySet<string>): OsmTags {
  const out: Record<string, string> = {};
  for (const key in tags) if (keys.has(key)) out[key] = tags[key];
  return out;
}

function grow<T extends Float64Array | Int32Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
