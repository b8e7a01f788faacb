/**
 * The compiled region: every layer as flat typed arrays, projected to metres, with spatial
 * indexes and the road graph in CSR form. A RegionModel is plain data: it crosses to a worker as
 * one transferable ArrayBuffer ({@link serializeRegionModel}) and is never mutated by scenarios.
 */

/** Version of the binary layout written by serializeRegionModel (2: long string lists in lazily parsed sections). */
export const REGION_MODEL_VERSION = 2;

/** The local metric projection: spherical azimuthal equidistant centred on the region. */
export interface ProjectionParams {
  /** Centre longitude, degrees. */
  centerLon: number;
  /** Centre latitude, degrees. */
  centerLat: number;
}

/**
 * Polygons in the binary columnar layout (as loaders.gl's binary geometry): feature → parts
 * (polygons of a MultiPolygon) → rings (first ring of a part is the exterior) → vertices. Rings are
 * stored open: the closing vertex is not repeated.
 */
export interface PolygonTable {
  /** Number of features. */
  count: number;
  /** For feature i, its parts are partOffsets[i] … partOffsets[i+1]-1. Length count+1. */
  partOffsets: Uint32Array;
  /** For part p, its rings are ringOffsets[p] … ringOffsets[p+1]-1. Length parts+1. */
  ringOffsets: Uint32Array;
  /** For ring r, its vertices are vertexOffsets[r] … vertexOffsets[r+1]-1. Length rings+1. */
  vertexOffsets: Uint32Array;
  /** Interleaved lon, lat of every vertex, degrees (WGS84). */
  lonLat: Float64Array;
  /** Interleaved x, y of every vertex, metres in the model's projection. */
  xy: Float64Array;
}

/** Districts: the units every indicator is reported by. */
export interface DistrictTable extends PolygonTable {
  /** Stable ids from the mapped id property (or `district-<index>`). */
  ids: string[];
  /** Display names. */
  names: string[];
  /** Geodesic area of each district, square metres. */
  areaSquareMeters: Float64Array;
  /** Bounding box per district: minLon, minLat, maxLon, maxLat (4 per district). */
  bounds: Float64Array;
  /** Natural zone per district when the source has one (else empty string). */
  naturalZones: string[];
}

/** Where a demand point came from. */
export const DEMAND_SOURCES = ['settlement', 'building', 'grid'] as const;
/** A demand point's source layer. */
export type DemandSource = (typeof DEMAND_SOURCES)[number];

/** Demand: the points where people live, with their population. */
export interface DemandTable {
  count: number;
  /** Interleaved lon, lat, degrees. */
  lonLat: Float64Array;
  /** Interleaved x, y, metres. */
  xy: Float64Array;
  /** Residents at the point (baseline year). */
  population: Float64Array;
  /** Index of the containing district, or -1 (validation rejects points outside every district). */
  district: Int32Array;
  /** Index into {@link DEMAND_SOURCES}. */
  source: Uint8Array;
  /** 1 when the point or its population was generated, not observed. */
  synthetic: Uint8Array;
  /** Ids (mapped id property, else `<layer>-<index>`). */
  ids: string[];
  /** Names (empty string when none). */
  names: string[];
}

/** Facilities: schools, clinics, hubs… anything people travel to. */
export interface FacilityTable {
  count: number;
  lonLat: Float64Array;
  xy: Float64Array;
  /** Index into `kinds`. */
  kind: Uint16Array;
  /** The kind vocabulary, e.g. `school`, `it-hub`. */
  kinds: string[];
  /** Capacity (seats, beds…); NaN when unknown. */
  capacity: Float64Array;
  /** Index of the containing district, or -1. */
  district: Int32Array;
  ids: string[];
  names: string[];
}

/** Road classes in the order of their numeric codes in `RoadGraph.edgeClass`. */
export const ROAD_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'service',
  'other',
] as const;
/** A road class name. */
export type RoadClass = (typeof ROAD_CLASSES)[number];

/**
 * The road network as a directed graph in compressed sparse row form. A two-way road is two
 * directed edges. Nodes are the road vertices; vertices shared by two roads (same coordinates to
 * 1e-7°) are one node.
 */
export interface RoadGraph {
  nodeCount: number;
  /** Interleaved lon, lat of nodes. */
  nodeLonLat: Float64Array;
  /** Interleaved x, y of nodes, metres. */
  nodeXY: Float64Array;
  /** Out-edges of node u are offsets[u] … offsets[u+1]-1. Length nodeCount+1. */
  offsets: Uint32Array;
  /** Target node of each directed edge. */
  targets: Uint32Array;
  /** Great-circle length of each edge, metres. */
  edgeMeters: Float64Array;
  /** Speed of each edge, km/h. */
  edgeSpeedKmh: Float32Array;
  /** 1 when the edge's speed came from the data's mapped speed property, 0 when from its class. */
  edgeSpeedMapped: Uint8Array;
  /** Traversal time of each edge, seconds = edgeMeters / (edgeSpeedKmh / 3.6). */
  edgeSeconds: Float64Array;
  /** Index into {@link ROAD_CLASSES}. */
  edgeClass: Uint8Array;
  /** Index of the source feature of each edge (into `featureIds`). */
  edgeFeature: Uint32Array;
  /** Ids of the road features. */
  featureIds: string[];
  /** 1 when the road feature is synthetic. */
  featureSynthetic: Uint8Array;
}

/** Buildings: footprints with heights, for the viewer and as demand. */
export interface BuildingTable extends PolygonTable {
  /** Height, metres (from height, else levels × 3 m, else 6 m). */
  heightMeters: Float32Array;
  /** Index of the building's demand point, or -1 when it has no population. */
  demandIndex: Int32Array;
}

/**
 * The uniform grid that assigns points to districts in O(1) for most points (see
 * district-grid.ts). Coordinates in degrees (planar, like GeoJSON and turf).
 */
export interface DistrictGrid {
  /** minLon, minLat, cellWidth, cellHeight (degrees), columns, rows. */
  header: Float64Array;
  /** District containing each cell centre, or -1. */
  cellCenterDistrict: Int32Array;
  /** The edges crossing cell c are cellEdges[cellEdgeOffsets[c] … cellEdgeOffsets[c+1]-1]. */
  cellEdgeOffsets: Uint32Array;
  /** Edge indices per cell. */
  cellEdges: Uint32Array;
  /** Edge endpoints: x1, y1, x2, y2 per edge (degrees). */
  edgeCoords: Float64Array;
  /** District of each edge. */
  edgeDistrict: Int32Array;
}

/** Spatial indexes, each one serialised index buffer (KDBush / Flatbush layout). */
export interface RegionIndexes {
  /** KDBush over demand xy. */
  demand: ArrayBuffer;
  /** KDBush over facility xy. */
  facilities: ArrayBuffer;
  /** KDBush over road node xy (empty buffer when there are no roads). */
  roadNodes: ArrayBuffer;
  /** Point → district lookup grid. */
  districtGrid: DistrictGrid;
}

/** The compiled region. */
export interface RegionModel {
  version: typeof REGION_MODEL_VERSION;
  id: string;
  name: string;
  attribution: string[];
  projection: ProjectionParams;
  /** minLon, minLat, maxLon, maxLat of all layers. */
  bbox: [number, number, number, number];
  districts: DistrictTable;
  demand: DemandTable;
  facilities: FacilityTable;
  roads: RoadGraph;
  buildings: BuildingTable;
  indexes: RegionIndexes;
}
