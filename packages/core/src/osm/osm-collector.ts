import {
  facilityKindOf,
  isBuilding,
  isRoutableRoad,
  resolveFacilityKindTable,
  settlementClassOf,
  type FacilityKindRule,
  type OsmTags,
} from './osm-tag-tables.js';

/** Why an OSM element was kept: a bit set. `member` marks a way kept only as a multipolygon's member. */
export const OSM_ROLE = Object.freeze({ road: 1, building: 2, settlement: 4, facility: 8, member: 16 });

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

/** One kept way, as {@link osmWayAt} reads it from the {@link OsmWayTable}. */
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
 * The kept ways as parallel typed arrays (index `i` is the i-th kept way, in stream order): about
 * 21 bytes per way besides its node ids, instead of an object per way. Tags are interned: ways with
 * the same kept tags (most buildings are just `building=yes`) share one entry of `tagSets`.
 */
export interface OsmWayTable {
  /** Number of ways (the arrays may be longer). */
  count: number;
  /** OSM way ids. */
  ids: Float64Array;
  /** Offset of each way's first node id in {@link OsmCollection.wayRefs}. */
  refStart: Uint32Array;
  /** Number of node ids of each way. */
  refCount: Uint32Array;
  /** Index of each way's kept tags in {@link OsmCollection.tagSets}. */
  tagSet: Uint32Array;
  /** {@link OSM_ROLE} bits of each way. */
  roles: Uint8Array;
}

/** A multipolygon relation kept because it is a building, a settlement area or a facility area. */
export interface OsmRelationElement {
  /** OSM relation id. */
  id: number;
  tags: OsmTags;
  /** {@link OSM_ROLE} bits (building, settlement, facility). */
  roles: number;
  /**
   * Its way members in relation order: `way` is the member's index in {@link OsmCollection.ways}
   * (-1 when the way is not in the input, or when it is but lies beyond the keep box:
   * `beyondKeepBox`), `wayId` its OSM id.
   */
  members: { way: number; wayId: number; role: string; beyondKeepBox: boolean }[];
  /** Members that are nodes or relations (ignored: a multipolygon is made of ways). */
  otherMembers: number;
}

/**
 * Everything kept from an OSM stream, in flat arrays: every node's coordinates (in the keep box),
 * the tagged nodes, ways and multipolygon relations of interest, and counts of what was seen.
 */
export interface OsmCollection {
  /** Node ids, ascending (sorted at finish when the input was not). */
  nodeIds: Float64Array;
  /** Node longitudes and latitudes in units of 1e-7° (OSM's own precision), interleaved. */
  nodeE7: Int32Array;
  /** Number of nodes stored (the arrays may be longer). */
  nodeCount: number;
  points: OsmPointElement[];
  ways: OsmWayTable;
  /** The distinct kept tag sets of the ways (see {@link OsmWayTable.tagSet}). */
  tagSets: OsmTags[];
  /** Node ids of the kept ways, concatenated. */
  wayRefs: Float64Array;
  /** Multipolygon relations of interest, with their member ways resolved. */
  relations: OsmRelationElement[];
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
  /**
   * Call after the stream ends. Multipolygon members are usually untagged ways listed before their
   * relation (PBF and osmium order nodes, ways, relations), so they went by unkept. Returns true
   * when some are missing: the reader must then stream the same input again, and the collector
   * keeps just those ways (nodes and relations are ignored, nothing is counted twice). Returns
   * false when nothing is missing (the second pass is then unnecessary), and when the input lists
   * nodes after ways and left ways out (the result will be refused: the file must be sorted first).
   */
  startMemberPass(): boolean;
  /** Ends the stream and returns what was kept. The collector must not be used afterwards. */
  finish(): OsmCollection;
}

/**
 * Creates a collector that keeps, in bounded memory, what an OSM import needs. Memory is 16 bytes
 * per node inside the keep box (id as float64, lon/lat as int32 at 1e-7°), 8 bytes per node id of
 * a kept way plus 21 bytes per kept way and its distinct tag sets; untagged or uninteresting
 * elements leave nothing behind but counts.
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
  const ways: OsmWayTable = {
    count: 0,
    ids: new Float64Array(256),
    refStart: new Uint32Array(256),
    refCount: new Uint32Array(256),
    tagSet: new Uint32Array(256),
    roles: new Uint8Array(256),
  };
  const tagSets: OsmTags[] = [];
  const tagSetIndex = new Map<string, number>();
  const pendingRelations: {
    id: number;
    tags: OsmTags;
    roles: number;
    members: { wayId: number; role: string }[];
    otherMembers: number;
  }[] = [];
  /** Way ids that relations of interest have as members. */
  const wantedWays = new Set<number>();
  /** During the member pass: wanted ways not kept yet. */
  let missingWays: Set<number> | undefined;
  /** Wanted ways that went by but lay entirely beyond the keep box. */
  const wantedBeyondKeepBox = new Set<number>();
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

  const rolesOf = (tags: OsmTags | undefined, isArea: boolean): number => {
    if (!tags) return 0;
    let roles = 0;
    if (isArea && isRoutableRoad(tags)) roles |= OSM_ROLE.road;
    if (isArea && isBuilding(tags)) roles |= OSM_ROLE.building;
    if (settlementClassOf(tags) !== undefined) roles |= OSM_ROLE.settlement;
    if (facilityKindOf(tags, facilityRules) !== undefined) roles |= OSM_ROLE.facility;
    return roles;
  };
  const internTags = (tags: OsmTags): number => {
    const kept = keepTags(tags, keptTagKeys);
    const key = Object.keys(kept)
      .sort()
      .map((k) => `${k}\u0000${kept[k]}`)
      .join('\u0001');
    let index = tagSetIndex.get(key);
    if (index === undefined) {
      index = tagSets.length;
      tagSets.push(kept);
      tagSetIndex.set(key, index);
    }
    return index;
  };
  /** Whether any of these node ids was kept (binary search; nodes must be sorted and before the ways). */
  const anyNodeKept = (refs: ArrayLike<number>): boolean => {
    for (let i = 0; i < refs.length; i++) if (findOsmNode({ nodeIds, nodeCount }, refs[i]) >= 0) return true;
    return false;
  };
  const storeWay = (id: number, refs: ArrayLike<number>, tagSet: number, roles: number) => {
    if (refCount + refs.length > wayRefs.length) {
      wayRefs = growTypedArray(wayRefs, Math.max(wayRefs.length * 2, refCount + refs.length));
    }
    for (let i = 0; i < refs.length; i++) wayRefs[refCount + i] = refs[i];
    if (ways.count === ways.ids.length) {
      const length = ways.count * 2;
      ways.ids = growTypedArray(ways.ids, length);
      ways.refStart = growTypedArray(ways.refStart, length);
      ways.refCount = growTypedArray(ways.refCount, length);
      ways.tagSet = growTypedArray(ways.tagSet, length);
      ways.roles = growTypedArray(ways.roles, length);
    }
    const w = ways.count++;
    ways.ids[w] = id;
    ways.refStart[w] = refCount;
    ways.refCount[w] = refs.length;
    ways.tagSet[w] = tagSet;
    ways.roles[w] = roles;
    refCount += refs.length;
  };

  return {
    addNode(id, lon, lat, tags) {
      if (missingWays) return;
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
        nodeIds = growTypedArray(nodeIds, nodeIds.length * 2);
        nodeE7 = growTypedArray(nodeE7, nodeE7.length * 2);
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
      if (missingWays) {
        // The member pass: only the wanted ways, once each.
        if (!missingWays.has(id)) return;
        missingWays.delete(id);
        if (box && sorted && !nodesAfterWays && !anyNodeKept(refs)) {
          wantedBeyondKeepBox.add(id);
          return;
        }
        storeWay(id, refs, internTags({}), OSM_ROLE.member);
        return;
      }
      seen.ways++;
      waysStarted = true;
      let roles = rolesOf(tags, true);
      if (wantedWays.has(id)) roles |= OSM_ROLE.member;
      if (!roles) return;
      // With a keep box and nodes in id order before the ways (as PBF and osmium write them), a
      // way none of whose nodes was kept lies outside: keep nothing of it, so a country extract
      // cut to one region does not hold the whole country's buildings.
      if (box && sorted && !nodesAfterWays && !anyNodeKept(refs)) {
        seen.waysOutsideKeepBox++;
        if (roles & OSM_ROLE.member) wantedBeyondKeepBox.add(id);
        return;
      }
      storeWay(id, refs, internTags(tags ?? {}), roles);
    },
    addRelation(id, tags, members = []) {
      if (missingWays) return;
      seen.relations++;
      if (tags?.type !== 'multipolygon') return;
      const roles = rolesOf(tags, true) & ~OSM_ROLE.road;
      if (!roles) return;
      const wayMembers: { wayId: number; role: string }[] = [];
      let otherMembers = 0;
      for (const m of members) {
        if (m.type !== 'way') otherMembers++;
        else {
          wayMembers.push({ wayId: m.ref, role: m.role });
          wantedWays.add(m.ref);
        }
      }
      pendingRelations.push({ id, tags: keepTags(tags, keptTagKeys), roles, members: wayMembers, otherMembers });
    },
    startMemberPass() {
      // A file with nodes after ways whose ways were left out will be refused: not worth a pass.
      if (nodesAfterWays && seen.waysOutsideKeepBox > 0) return false;
      const missing = new Set(wantedWays);
      for (let w = 0; w < ways.count && missing.size > 0; w++) missing.delete(ways.ids[w]);
      if (missing.size === 0) return false;
      missingWays = missing;
      return true;
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
      // Member way ids to their index among the kept ways (the first copy when a file repeats one).
      const wayIndex = new Map<number, number>();
      if (wantedWays.size > 0) {
        for (let w = 0; w < ways.count; w++) {
          const wayId = ways.ids[w];
          if (wantedWays.has(wayId) && !wayIndex.has(wayId)) wayIndex.set(wayId, w);
        }
      }
      const relations: OsmRelationElement[] = pendingRelations.map((r) => ({
        ...r,
        members: r.members.map((m) => ({
          ...m,
          way: wayIndex.get(m.wayId) ?? -1,
          beyondKeepBox: !wayIndex.has(m.wayId) && wantedBeyondKeepBox.has(m.wayId),
        })),
      }));
      return {
        nodeIds: ids,
        nodeE7: e7,
        nodeCount,
        points,
        ways,
        tagSets,
        wayRefs: wayRefs.subarray(0, refCount),
        relations,
        seen,
        facilityRules,
      };
    },
  };
}

/** The kept way at index `w` of a collection, as one object (for tests and small tools; loops read the table). */
export function osmWayAt(collection: Pick<OsmCollection, 'ways' | 'tagSets'>, w: number): OsmWayElement {
  const t = collection.ways;
  return {
    id: t.ids[w],
    refStart: t.refStart[w],
    refCount: t.refCount[w],
    tags: collection.tagSets[t.tagSet[w]],
    roles: t.roles[w],
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

/** A copy of a typed array in a longer one of the same type (the growth step of the flat tables). */
export function growTypedArray<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(
  array: T,
  length: number,
): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
