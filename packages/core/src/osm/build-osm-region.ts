import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { LayerMapping, LayerName, RegionManifest, RegionProblem } from '../region/region-manifest.js';
import { REGION_SCHEMA } from '../region/region-manifest.js';
import { validateLayer, validateManifest } from '../region/validate-region.js';
import { RegionValidationError } from '../region/region-validation-error.js';
import { readOwnProperty } from '../region/read-properties.js';
import { haversineMeters } from '../geo/haversine.js';
import { ringMean } from '../geo/representative-point.js';
import { createBoundaryClipper, type BoundaryClipper } from './clip-to-boundary.js';
import { findRoadFragments } from './find-road-fragments.js';
import { assembleMultipolygon, type MultipolygonMemberWay } from './assemble-multipolygon.js';
import { findOsmNode, growTypedArray, OSM_ROLE, type OsmCollection } from './osm-collector.js';
import {
  facilityKindOf,
  onewayOf,
  parseLevels,
  parseMaxspeedKmh,
  parseMeters,
  parsePopulation,
  settlementClassOf,
  type OsmTags,
} from './osm-tag-tables.js';

/** The layer files an OSM import writes, by layer. */
export const OSM_REGION_FILE_NAMES: Readonly<Record<LayerName, string>> = Object.freeze({
  districts: 'districts.geojson',
  settlements: 'settlements.geojson',
  facilities: 'facilities.geojson',
  roads: 'roads.geojson',
  buildings: 'buildings.geojson',
});

/** Options of {@link streamOsmRegion} and {@link buildOsmRegion}. */
export interface OsmRegionOptions {
  /** Region id for region.json. */
  regionId: string;
  /** Region display name. @default regionId */
  regionName?: string;
  /** The boundary file's name, for messages. @default 'boundary' */
  boundaryFile?: string;
  /** Boundary property holding each district's unique id. @default detected (see docs/importing-data.md) */
  districtId?: string;
  /** Boundary property holding each district's name. @default detected */
  districtName?: string;
  /** Keep only the largest connected road fragment (by length); the others are reported either way. @default false */
  dropFragments?: boolean;
  /** Attribution lines added after the OpenStreetMap one (e.g. the boundary's source). */
  attribution?: string[];
  /**
   * Called as the build goes, for a progress display: OSM elements handled so far out of all
   * there are to handle (tagged nodes, relations, ways, and road ways once more per road pass),
   * and the step of {@link OSM_REGION_BUILD_STEPS} under way. About every 8,192 elements and at
   * the end of each step. @default none
   */
  onProgress?: (elementsDone: number, elementsTotal: number, step: string) => void;
  /** Features per {@link OsmLayerChunk} (each chunk is validated, then handed out). @default 4096 */
  chunkFeatures?: number;
}

/** The steps of {@link streamOsmRegion}, in order, as reported to `onProgress`. */
export const OSM_REGION_BUILD_STEPS: readonly string[] = [
  'settlements and facilities',
  'multipolygons',
  'areas and buildings',
  'roads',
  'road fragments',
];

/** One feature left out of the import, and why. */
export interface OsmDroppedFeature {
  layer: LayerName;
  /** `n123` for a node, `w123` for a way, `r123` for a relation. */
  osmId: string;
  reason: string;
}

/** A connected part of the imported road network, as the import report lists it. */
export interface OsmRoadFragmentSummary {
  /** Road features in it. */
  features: number;
  /** Total length, km. */
  km: number;
  /** Id of its first feature, to find it on a map. */
  firstId: string;
}

/** What an import found, kept, clipped and dropped: printed by the CLI, written as import-report.json. */
export interface OsmImportReport {
  seen: OsmCollection['seen'];
  settlements: {
    imported: number;
    outsideBoundary: number;
    withoutPopulation: number;
    populationUnreadable: number;
    byClass: Record<string, number>;
  };
  facilities: { imported: number; outsideBoundary: number; byKind: Record<string, number> };
  buildings: {
    imported: number;
    outsideBoundary: number;
    withLevels: number;
    withHeight: number;
    /** Buildings written from multipolygon relations (with courtyards, or in several parts). */
    fromRelations: number;
  };
  roads: {
    /** OSM ways with a routable `highway`. */
    ways: number;
    /** Features written: ways split at shared nodes and clipped to the boundary. */
    features: number;
    oneway: number;
    /** Length written, km. */
    km: number;
    /** Length cut off by the boundary, km. */
    outsideKm: number;
    maxspeedUnreadable: number;
    /**
     * Way references to nodes missing from the input next to a node inside the boundary (the way
     * is cut there). Nodes beyond the keep box are not counted: they lie far outside anyway.
     */
    missingNodeRefs: number;
    /** Connected fragments, largest first (at most 20 listed). */
    fragments: OsmRoadFragmentSummary[];
    fragmentCount: number;
    /** Fragments removed by `dropFragments` and their length, km. */
    droppedFragments: number;
    droppedFragmentKm: number;
  };
  /**
   * Multipolygon relations of interest (buildings, settlement and facility areas): how many the
   * input has, how many were assembled into areas inside the boundary, how many lie outside, and
   * how many could not be assembled (listed in `dropped` with the reason).
   */
  multipolygons: { relations: number; assembled: number; outsideBoundary: number; failed: number };
  /** Features left out with the reason (at most 1000 listed; `droppedTotal` counts all). */
  dropped: OsmDroppedFeature[];
  droppedTotal: number;
}

/** Validated features of one layer, handed out by {@link streamOsmRegion} as they are made. */
export interface OsmLayerChunk {
  layer: LayerName;
  /** The layer file's path in the manifest (districts.geojson, roads.geojson…). */
  path: string;
  features: Feature[];
}

/** What {@link streamOsmRegion} returns once every chunk is out: the manifest and the report. */
export interface OsmRegionSummary {
  manifest: RegionManifest;
  report: OsmImportReport;
}

/** A region made from OSM data, held whole: its manifest, its layer files by path, and the import report. */
export interface OsmRegion extends OsmRegionSummary {
  /** Layer files keyed by their path in the manifest (districts.geojson, roads.geojson…). */
  files: Record<string, FeatureCollection>;
}

const DISTRICT_ID_CANDIDATES = ['id', 'ID', 'ADM2_PCODE', 'ADM1_PCODE', 'shapeID', 'code', 'CODE', 'osm_id'];
const DISTRICT_NAME_CANDIDATES = ['name', 'NAME', 'name_en', 'ADM2_EN', 'ADM1_EN', 'shapeName', 'NAME_EN'];
const MAX_LISTED_DROPS = 1000;
const DEFAULT_CHUNK_FEATURES = 4096;

type FeatureLayer = Exclude<LayerName, 'districts'>;

const LAYER_MAPPINGS: Readonly<Record<FeatureLayer, LayerMapping>> = {
  settlements: { path: OSM_REGION_FILE_NAMES.settlements, id: 'osm_id', name: 'name', population: 'population' },
  facilities: { path: OSM_REGION_FILE_NAMES.facilities, id: 'osm_id', name: 'name', kind: 'kind' },
  roads: {
    path: OSM_REGION_FILE_NAMES.roads,
    id: 'id',
    name: 'name',
    class: 'highway',
    speedKmh: 'maxspeed',
    oneway: 'oneway',
  },
  buildings: {
    path: OSM_REGION_FILE_NAMES.buildings,
    id: 'osm_id',
    name: 'name',
    levels: 'building:levels',
    height: 'height',
  },
};

/**
 * Turns collected OSM elements into a region clipped to `boundary` (the districts), handing the
 * layers out as validated chunks while it goes, so that a caller can write them as they come and
 * memory stays bounded by the collection, not by the output:
 * - settlements: `place` nodes and areas ({@link settlementClassOf}), population from `population`
 *   (null when missing or unreadable: the manifest then allows missing population);
 * - facilities: nodes and areas matching the facility table, kind from the first matching rule;
 * - buildings: closed ways with `building`, `building:levels` and `height` in metres, and
 *   multipolygon relations with `building` assembled from their member ways ({@link assembleMultipolygon})
 *   as a Polygon with holes or a MultiPolygon; a building way that is the outer ring of an
 *   assembled building relation is not written again;
 * - roads: routable ways split at every node shared with another road (or used twice by one),
 *   oneway normalised to `yes`/`no` with `-1` ways reversed, `maxspeed` in km/h, clipped to the
 *   boundary where they cross it; connected fragments found and reported (dropped on request:
 *   then the roads are made twice, once to find the fragments and once to write the largest).
 * Points and areas are kept when their representative point (the point, or the mean of the outer
 * ring's vertices, as validation uses) lies inside a district. Each chunk is checked by the same
 * validation as `regiontwin validate`; features it rejects are dropped and listed, as are
 * elements whose OSM id the input repeats (the first copy is kept).
 *
 * Chunks come in this order: the districts, then settlements, facilities and buildings (mixed),
 * then roads. The generator returns the manifest and the report.
 *
 * @throws {RegionValidationError} when the boundary is not a valid districts layer, or nothing
 *   to count people with (no settlement or building) lies inside it.
 */
export function* streamOsmRegion(
  collection: OsmCollection,
  boundary: unknown,
  options: OsmRegionOptions,
): Generator<OsmLayerChunk, OsmRegionSummary, undefined> {
  const boundaryFile = options.boundaryFile ?? 'boundary';
  const chunkFeatures = Math.max(1, options.chunkFeatures ?? DEFAULT_CHUNK_FEATURES);
  const districts = prepareDistricts(boundary, boundaryFile, options);
  const clipper = createBoundaryClipper(districts.collection);
  const dropped: OsmDroppedFeature[] = [];
  let droppedTotal = 0;
  const drop = (layer: LayerName, osmId: string, reason: string) => {
    droppedTotal++;
    if (dropped.length < MAX_LISTED_DROPS) dropped.push({ layer, osmId, reason });
  };
  const { nodeE7, wayRefs, ways, tagSets } = collection;
  const coordinateOf = (index: number): [number, number] => [nodeE7[index * 2] / 1e7, nodeE7[index * 2 + 1] / 1e7];
  /** Whether node `n` (an index, -1 when missing) lies inside the boundary. */
  const nodeInside = (n: number) => n >= 0 && clipper.inside(nodeE7[n * 2] / 1e7, nodeE7[n * 2 + 1] / 1e7);
  const resolveWay = (w: number): Int32Array => {
    const start = ways.refStart[w];
    const out = new Int32Array(ways.refCount[w]);
    for (let i = 0; i < out.length; i++) out[i] = findOsmNode(collection, wayRefs[start + i]);
    return out;
  };
  const repeated = repeatedWays(ways);
  let roadWayCount = 0;
  for (let w = 0; w < ways.count; w++) if (ways.roles[w] & OSM_ROLE.road && !repeated.has(w)) roadWayCount++;
  const roadPasses = options.dropFragments ? 2 : 1;
  const elementsTotal = collection.points.length + collection.relations.length + ways.count + roadWayCount * roadPasses;
  let elementsDone = 0;
  let elementsReported = 0;
  let stepIndex = 0;
  const reportProgress = () => {
    elementsReported = elementsDone;
    options.onProgress?.(elementsDone, elementsTotal, OSM_REGION_BUILD_STEPS[stepIndex]);
  };
  /** One more element handled (reported now and then). */
  const advance = () => {
    if (++elementsDone - elementsReported >= 8192) reportProgress();
  };
  /** A step ends with `doneAtEnd` elements handled. */
  const stepDone = (doneAtEnd: number) => {
    elementsDone = doneAtEnd;
    reportProgress();
    stepIndex = Math.min(stepIndex + 1, OSM_REGION_BUILD_STEPS.length - 1);
  };
  const afterPoints = collection.points.length;
  const afterRelations = afterPoints + collection.relations.length;
  const afterWays = afterRelations + ways.count;

  const settlementReport = {
    imported: 0,
    outsideBoundary: 0,
    withoutPopulation: 0,
    populationUnreadable: 0,
    byClass: {} as Record<string, number>,
  };
  const facilityReport = { imported: 0, outsideBoundary: 0, byKind: {} as Record<string, number> };
  const buildingReport = { imported: 0, outsideBoundary: 0, withLevels: 0, withHeight: 0, fromRelations: 0 };
  const multipolygonReport = { relations: collection.relations.length, assembled: 0, outsideBoundary: 0, failed: 0 };
  const roadTotals = { features: 0, oneway: 0 };
  const ready: OsmLayerChunk[] = [];
  const outputs: Record<FeatureLayer, LayerOutput> = {
    settlements: new LayerOutput('settlements', chunkFeatures, ready, drop, (f) => {
      settlementReport.imported++;
      const place = String(f.properties?.place);
      settlementReport.byClass[place] = (settlementReport.byClass[place] ?? 0) + 1;
      if (f.properties?.population === null) settlementReport.withoutPopulation++;
    }),
    facilities: new LayerOutput('facilities', chunkFeatures, ready, drop, (f) => {
      facilityReport.imported++;
      const kind = String(f.properties?.kind);
      facilityReport.byKind[kind] = (facilityReport.byKind[kind] ?? 0) + 1;
    }),
    buildings: new LayerOutput('buildings', chunkFeatures, ready, drop, (f) => {
      buildingReport.imported++;
      if (f.properties?.['building:levels'] != null) buildingReport.withLevels++;
      if (f.properties?.height != null) buildingReport.withHeight++;
      if (String(f.properties?.osm_id).startsWith('r')) buildingReport.fromRelations++;
    }),
    roads: new LayerOutput('roads', chunkFeatures, ready, drop, (f) => {
      roadTotals.features++;
      if (f.properties?.oneway === 'yes') roadTotals.oneway++;
    }),
  };

  yield { layer: 'districts', path: districts.mapping.path, features: districts.collection.features };

  // Settlements and facilities: nodes, and areas by the mean of their ring.
  const addPointFeatures = (osmId: string, point: Position | undefined, tags: OsmTags, roles: number) => {
    if (roles & OSM_ROLE.settlement) {
      if (!point) drop('settlements', osmId, 'its nodes are missing from the input');
      else if (!clipper.inside(point[0], point[1])) settlementReport.outsideBoundary++;
      else outputs.settlements.add(settlementFeature(osmId, point, tags, settlementReport));
    }
    if (roles & OSM_ROLE.facility) {
      if (!point) drop('facilities', osmId, 'its nodes are missing from the input');
      else if (!clipper.inside(point[0], point[1])) facilityReport.outsideBoundary++;
      else outputs.facilities.add(facilityFeature(osmId, point, tags, collection));
    }
  };
  const repeatedDrop = (osmId: string, roles: number) => {
    const reason = 'the input repeats this OSM id (its first copy is kept)';
    for (const [role, layer] of ROLE_LAYERS) if (roles & role) drop(layer, osmId, reason);
  };
  const pointIds = new Set<number>();
  for (const node of collection.points) {
    if (pointIds.has(node.id)) repeatedDrop(`n${node.id}`, node.roles);
    else {
      pointIds.add(node.id);
      addPointFeatures(`n${node.id}`, [node.lon, node.lat], node.tags, node.roles);
    }
    advance();
    while (ready.length > 0) yield ready.shift()!;
  }
  pointIds.clear();
  stepDone(afterPoints);

  const countOutside = (roles: number) => {
    if (roles & OSM_ROLE.settlement) settlementReport.outsideBoundary++;
    if (roles & OSM_ROLE.facility) facilityReport.outsideBoundary++;
    if (roles & OSM_ROLE.building) buildingReport.outsideBoundary++;
  };
  // Multipolygon relations: assembled from their member ways, before the ways themselves, so that a
  // building way that is also the outer ring of an assembled building relation is written once.
  /**
   * Outer-ring ways that carry the same kind of tags as their relation (old-style tagging: the
   * same building, school or village drawn twice): the relation's id, the roles it takes over from
   * the way, and whether it was written (inside the boundary) or counted outside.
   */
  const coveredByRelation = new Map<number, { relation: number; roles: number; inside: boolean }>();
  const coverOuterWays = (relation: OsmCollection['relations'][number], inside: boolean) => {
    for (const m of relation.members) {
      const shared = m.way >= 0 && m.role !== 'inner' ? ways.roles[m.way] & relation.roles & AREA_ROLES : 0;
      if (shared) coveredByRelation.set(m.way, { relation: relation.id, roles: shared, inside });
    }
  };
  const relationIds = new Set<number>();
  for (const relation of collection.relations) {
    advance();
    const osmId = `r${relation.id}`;
    if (relationIds.has(relation.id)) {
      repeatedDrop(osmId, relation.roles);
      continue;
    }
    relationIds.add(relation.id);
    const failed = (reason: string) => {
      multipolygonReport.failed++;
      for (const [role, layer] of ROLE_LAYERS) if (relation.roles & role) drop(layer, osmId, reason);
    };
    const members: MultipolygonMemberWay[] = [];
    let missingWay: number | undefined;
    let anyInside = false;
    let anyBeyondKeepBox = false;
    for (const m of relation.members) {
      if (m.way < 0) {
        if (m.beyondKeepBox) anyBeyondKeepBox = true;
        else missingWay ??= m.wayId;
        continue;
      }
      const nodes = resolveWay(m.way);
      if (!anyInside) anyInside = nodes.some(nodeInside);
      const start = ways.refStart[m.way];
      members.push({ wayId: m.wayId, role: m.role, nodes, nodeIds: wayRefs.subarray(start, start + nodes.length) });
    }
    if (members.length === 0 && !anyBeyondKeepBox) {
      // Nothing of it is in the input (an Overpass answer without its ways, an extract that cut it).
      failed(
        relation.members.length === 0
          ? 'it has no way members'
          : `none of its member ways is in the input (w${relation.members[0].wayId}…)`,
      );
      continue;
    }
    const partial =
      anyBeyondKeepBox || missingWay !== undefined || members.some((m) => Array.prototype.includes.call(m.nodes, -1));
    if (!anyInside && partial) {
      // What was read of it lies outside (the rest beyond the keep box or the extract): outside, not broken.
      multipolygonReport.outsideBoundary++;
      countOutside(relation.roles);
      coverOuterWays(relation, false);
      continue;
    }
    if (missingWay !== undefined || anyBeyondKeepBox) {
      const wayId = missingWay ?? relation.members.find((m) => m.way < 0)!.wayId;
      failed(`its member way w${wayId} is missing from the input`);
      continue;
    }
    const assembled = assembleMultipolygon(members, coordinateOf);
    if ('problem' in assembled) {
      failed(`its rings cannot be assembled: ${assembled.problem}`);
      continue;
    }
    // Validation's representative point: the mean of the first polygon's outer ring.
    const point = ringMean(assembled.polygons[0][0]);
    if (!clipper.inside(point[0], point[1])) {
      multipolygonReport.outsideBoundary++;
      countOutside(relation.roles);
      coverOuterWays(relation, false);
      continue;
    }
    multipolygonReport.assembled++;
    const tags = relation.tags;
    addPointFeatures(osmId, roundedPoint(point), tags, relation.roles & ~OSM_ROLE.building);
    coverOuterWays(relation, true);
    if (relation.roles & OSM_ROLE.building) {
      const geometry: Polygon | MultiPolygon =
        assembled.polygons.length === 1
          ? { type: 'Polygon', coordinates: assembled.polygons[0] }
          : { type: 'MultiPolygon', coordinates: assembled.polygons };
      outputs.buildings.add(buildingFeature(osmId, geometry, tags));
    }
    while (ready.length > 0) yield ready.shift()!;
  }
  stepDone(afterRelations);

  const roadWays: number[] = [];
  for (let w = 0; w < ways.count; w++) {
    advance();
    const roles = ways.roles[w];
    const osmId = `w${ways.ids[w]}`;
    if (repeated.has(w)) {
      repeatedDrop(osmId, roles);
      continue;
    }
    if (roles & OSM_ROLE.road) roadWays.push(w);
    let areaRoles = roles & AREA_ROLES;
    const cover = coveredByRelation.get(w);
    if (cover) {
      // The same building, school or village as its relation: written, or counted outside, once.
      if (cover.inside) {
        const reason = `it is the outer ring of relation r${cover.relation}, written instead`;
        for (const [role, layer] of ROLE_LAYERS) if (cover.roles & role) drop(layer, osmId, reason);
      }
      areaRoles &= ~cover.roles;
    }
    if (!areaRoles) continue;
    const tags = tagSets[ways.tagSet[w]];
    const nodes = resolveWay(w);
    const complete = nodes.every((n) => n >= 0);
    const ring = complete ? Array.from(nodes, coordinateOf) : undefined;
    if (!ring && !nodes.some(nodeInside)) {
      // Its nodes that were read all lie outside (the rest beyond the keep box): outside, not broken.
      countOutside(areaRoles);
      continue;
    }
    const closed = ring !== undefined && ring.length >= 4 && nodes[0] === nodes[nodes.length - 1];
    addPointFeatures(osmId, ring && roundedPoint(ringMean(ring)), tags, areaRoles & ~OSM_ROLE.building);
    if (areaRoles & OSM_ROLE.building) {
      if (!ring) drop('buildings', osmId, 'some of its nodes are missing from the input');
      else if (!closed) drop('buildings', osmId, 'its way is not closed (first and last node differ)');
      else {
        // The test validation makes: the mean of the outer ring as written, unrounded.
        const point = ringMean(ring);
        if (!clipper.inside(point[0], point[1])) buildingReport.outsideBoundary++;
        else outputs.buildings.add(buildingFeature(osmId, ring, tags));
      }
    }
    while (ready.length > 0) yield ready.shift()!;
  }
  stepDone(afterWays);

  for (const layer of ['settlements', 'facilities', 'buildings'] as const) outputs[layer].flush();
  while (ready.length > 0) yield ready.shift()!;
  if (outputs.settlements.written === 0 && outputs.buildings.written === 0) {
    throw new RegionValidationError(
      [
        {
          severity: 'error',
          file: boundaryFile,
          code: 'layer-missing',
          message:
            'no settlement (place=city|town|village|hamlet|isolated_dwelling|farm) and no building lies inside the boundary: nothing to count people with',
        },
      ],
      boundaryFile,
    );
  }

  // Roads: made once to validate them and find the fragments (written at once unless fragments
  // are dropped), and, when the small fragments are dropped, made again to write the largest.
  const roadMaker = createRoadMaker(collection, roadWays, clipper, coordinateOf, nodeInside);
  const pieces = new RoadPieceTable();
  outputs.roads.onKept = (piece) => pieces.markKept(piece);
  const dropFragments = Boolean(options.dropFragments);
  for (const piece of roadMaker.pieces(advance)) {
    pieces.push(piece);
    outputs.roads.add(piece.feature, piece.index, !dropFragments);
    while (ready.length > 0) yield ready.shift()!;
  }
  outputs.roads.flush(!dropFragments);
  while (ready.length > 0) yield ready.shift()!;
  stepDone(afterWays + roadWayCount);
  const { fragments, fragmentOf } = findRoadFragments(pieces.ends(roadMaker.keyCount()));
  let droppedFragments = 0;
  let droppedFragmentKm = 0;
  if (dropFragments) {
    for (const fragment of fragments.slice(1)) {
      droppedFragments++;
      droppedFragmentKm += fragment.km;
    }
    for (const piece of roadMaker.pieces(advance)) {
      if (fragmentOf[piece.index] === 0) outputs.roads.add(piece.feature, piece.index, true, false);
      while (ready.length > 0) yield ready.shift()!;
    }
    outputs.roads.flush(true, false);
    while (ready.length > 0) yield ready.shift()!;
  }
  stepDone(elementsTotal);

  const layers: RegionManifest['layers'] = { districts: districts.mapping };
  for (const layer of ['settlements', 'facilities', 'roads', 'buildings'] as const) {
    if (outputs[layer].written > 0) layers[layer] = outputs[layer].mapping(layer === 'settlements');
  }
  const missingPopulation = settlementReport.withoutPopulation;
  const stats = roadMaker.stats();
  const report: OsmImportReport = {
    seen: collection.seen,
    settlements: settlementReport,
    facilities: facilityReport,
    buildings: buildingReport,
    roads: {
      ways: roadWays.length,
      features: roadTotals.features,
      oneway: roadTotals.oneway,
      // What was written: the largest fragment when the others are dropped, else every fragment.
      km: roundKm(dropFragments ? (fragments[0]?.km ?? 0) : fragments.reduce((sum, f) => sum + f.km, 0)),
      outsideKm: roundKm(stats.outsideMeters / 1000),
      maxspeedUnreadable: stats.maxspeedUnreadable,
      missingNodeRefs: stats.missingNodeRefs,
      fragments: fragments.slice(0, 20).map((f) => ({
        features: f.features,
        km: roundKm(f.km),
        firstId: pieces.idOf(f.firstPiece, ways),
      })),
      fragmentCount: fragments.length,
      droppedFragments,
      droppedFragmentKm: roundKm(droppedFragmentKm),
    },
    multipolygons: multipolygonReport,
    dropped,
    droppedTotal,
  };
  const manifest: RegionManifest = {
    schema: REGION_SCHEMA,
    id: options.regionId,
    name: options.regionName ?? options.regionId,
    ...(missingPopulation > 0 ? { allowMissingPopulation: true } : {}),
    layers,
    attribution: [
      '© OpenStreetMap contributors, ODbL 1.0 (roads, settlements, facilities, buildings)',
      ...(options.attribution ?? []),
    ],
    notes: [
      'Imported by `regiontwin import osm`; see import-report.json for what was clipped and dropped.',
      ...(missingPopulation > 0
        ? [
            `${missingPopulation} of ${settlementReport.imported} settlements have no readable population in OpenStreetMap; they count as 0 people until \`regiontwin synthesize-population\` or real figures fill them.`,
          ]
        : []),
    ],
  };
  const manifestErrors = validateManifest(manifest, 'region.json').problems.filter((p) => p.severity === 'error');
  if (manifestErrors.length > 0) {
    // A bug in the importer, not a user mistake.
    throw new Error(`the imported region.json fails validation: ${manifestErrors[0].message}`);
  }
  return { manifest, report };
}

/**
 * {@link streamOsmRegion} with every chunk gathered into whole layer files: for tests, small
 * regions and callers that want the region in memory. A large import should write the chunks
 * as they come instead.
 */
export function buildOsmRegion(collection: OsmCollection, boundary: unknown, options: OsmRegionOptions): OsmRegion {
  const files: Record<string, FeatureCollection> = {};
  const stream = streamOsmRegion(collection, boundary, options);
  for (;;) {
    const step = stream.next();
    if (step.done) return { ...step.value, files };
    const file = (files[step.value.path] ??= { type: 'FeatureCollection', features: [] });
    for (const feature of step.value.features) file.features.push(feature);
  }
}

/** The roles of an element drawn as an area (a closed way or a multipolygon). */
const AREA_ROLES = OSM_ROLE.building | OSM_ROLE.settlement | OSM_ROLE.facility;

const ROLE_LAYERS: readonly [number, FeatureLayer][] = [
  [OSM_ROLE.settlement, 'settlements'],
  [OSM_ROLE.facility, 'facilities'],
  [OSM_ROLE.building, 'buildings'],
  [OSM_ROLE.road, 'roads'],
];

/**
 * One output layer: gathers features into chunks, validates each chunk as `regiontwin validate`
 * would (dropping and listing what it rejects), counts what it keeps and which mapped properties
 * occur, and queues the chunk for the caller.
 */
class LayerOutput {
  written = 0;
  /** Called with the tag of every feature validation keeps (emitted or not). */
  onKept?: (tag: number) => void;
  private buffer: Feature[] = [];
  private tags: number[] = [];
  private readonly present = new Set<string>();
  private readonly mappingValues: [keyof LayerMapping, string][];

  constructor(
    private readonly layer: FeatureLayer,
    private readonly chunkFeatures: number,
    private readonly ready: OsmLayerChunk[],
    private readonly drop: (layer: LayerName, osmId: string, reason: string) => void,
    private readonly count: (feature: Feature) => void,
  ) {
    this.mappingValues = (Object.entries(LAYER_MAPPINGS[layer]) as [keyof LayerMapping, string][]).filter(
      ([key]) => key !== 'path',
    );
  }

  /**
   * Adds a feature; `tag` is handed to {@link onKept} if validation keeps it. With `emit` off the
   * chunk is validated but not handed out (nor counted); with `validate` off it is handed out as is.
   */
  add(feature: Feature, tag = 0, emit = true, validate = true): void {
    this.buffer.push(feature);
    this.tags.push(tag);
    if (this.buffer.length >= this.chunkFeatures) this.flush(emit, validate);
  }

  flush(emit = true, validate = true): void {
    if (this.buffer.length === 0) return;
    const rejected = validate ? rejectedFeatures(this.buffer, this.layer) : new Map<number, string>();
    const features: Feature[] = [];
    this.buffer.forEach((feature, i) => {
      const reason = rejected.get(i);
      if (reason !== undefined) {
        this.drop(this.layer, String(feature.properties?.osm_id ?? feature.properties?.id ?? `#${i}`), reason);
        return;
      }
      this.onKept?.(this.tags[i]);
      if (!emit) return;
      features.push(feature);
      this.count(feature);
      for (const [, property] of this.mappingValues) {
        if (!this.present.has(property) && readOwnProperty(feature.properties, property) !== undefined) {
          this.present.add(property);
        }
      }
    });
    this.buffer = [];
    this.tags = [];
    if (features.length > 0) {
      this.written += features.length;
      this.ready.push({ layer: this.layer, path: LAYER_MAPPINGS[this.layer].path, features });
    }
  }

  /** The layer's mapping without keys whose property no written feature has (validation rejects those), except a settlement's population. */
  mapping(keepPopulation: boolean): LayerMapping {
    const out: LayerMapping = { path: LAYER_MAPPINGS[this.layer].path };
    for (const [key, property] of this.mappingValues) {
      if (this.present.has(property) || (key === 'population' && keepPopulation)) out[key] = property;
    }
    return out;
  }
}

/** The features of one chunk that validation rejects, with the first reason for each. */
function rejectedFeatures(features: Feature[], layer: FeatureLayer): Map<number, string> {
  const { problems } = validateLayer({ type: 'FeatureCollection', features }, layer, LAYER_MAPPINGS[layer], {
    allowMissingPopulation: true,
  });
  const rejected = new Map<number, string>();
  for (const p of problems) {
    if (p.severity === 'error' && p.featureIndex !== undefined && !rejected.has(p.featureIndex)) {
      rejected.set(p.featureIndex, p.message);
    }
  }
  return rejected;
}

/**
 * Indices of kept ways whose OSM id an earlier kept way already has (a damaged or merged file):
 * empty, after one look, when the ids ascend as PBF and osmium write them, and a Set lookup when
 * they ascend in two runs (first pass, then member pass); a sort otherwise.
 */
function repeatedWays(ways: OsmCollection['ways']): Set<number> {
  const repeated = new Set<number>();
  const breaks: number[] = [];
  for (let w = 1; w < ways.count && breaks.length < 2; w++) if (!(ways.ids[w] > ways.ids[w - 1])) breaks.push(w);
  if (breaks.length === 0) return repeated;
  if (breaks.length === 1) {
    // Two ascending runs, as after a member pass (its ways come after the first pass's): no run
    // repeats an id within itself, so only ids of the second run found in the first repeat.
    const second = new Set<number>();
    for (let w = breaks[0]; w < ways.count; w++) second.add(ways.ids[w]);
    const inFirst = new Set<number>();
    for (let w = 0; w < breaks[0]; w++) if (second.has(ways.ids[w])) inFirst.add(ways.ids[w]);
    for (let w = breaks[0]; w < ways.count; w++) if (inFirst.has(ways.ids[w])) repeated.add(w);
    return repeated;
  }
  const order = Uint32Array.from({ length: ways.count }, (_, i) => i).sort(
    (a, b) => ways.ids[a] - ways.ids[b] || a - b,
  );
  for (let k = 1; k < order.length; k++) if (ways.ids[order[k]] === ways.ids[order[k - 1]]) repeated.add(order[k]);
  return repeated;
}

/** One road feature as the road maker makes it, with its junction keys for the fragment search. */
interface RoadPiece {
  feature: Feature<LineString>;
  /** Its index in the order pieces are made (the same on every pass). */
  index: number;
  way: number;
  part: number;
  startKey: number;
  endKey: number;
  meters: number;
}

/** The pieces' ends, lengths and names in typed arrays: about 30 bytes per road feature. */
class RoadPieceTable {
  count = 0;
  /** 1 for pieces validation kept. */
  private kept = new Uint8Array(1024);
  private startKey = new Int32Array(1024);
  private endKey = new Int32Array(1024);
  private meters = new Float64Array(1024);
  private way = new Uint32Array(1024);
  private part = new Uint32Array(1024);

  push(piece: RoadPiece): void {
    if (this.count === this.startKey.length) {
      const n = this.count * 2;
      this.startKey = growTypedArray(this.startKey, n);
      this.endKey = growTypedArray(this.endKey, n);
      this.meters = growTypedArray(this.meters, n);
      this.way = growTypedArray(this.way, n);
      this.part = growTypedArray(this.part, n);
      this.kept = growTypedArray(this.kept, n);
    }
    const i = this.count++;
    this.startKey[i] = piece.startKey;
    this.endKey[i] = piece.endKey;
    this.meters[i] = piece.meters;
    this.way[i] = piece.way;
    this.part[i] = piece.part;
  }

  markKept(piece: number): void {
    this.kept[piece] = 1;
  }

  ends(keyCount: number) {
    return {
      count: this.count,
      startKey: this.startKey,
      endKey: this.endKey,
      meters: this.meters,
      keyCount,
      kept: this.kept,
    };
  }

  idOf(piece: number, ways: OsmCollection['ways']): string {
    return `w${ways.ids[this.way[piece]]}.${this.part[piece]}`;
  }
}

/**
 * Makes the road features: each routable way cut where a node is missing, split at every node
 * that another road shares (or that the way uses twice), reversed when `oneway=-1`, then clipped
 * to the boundary. `pieces()` can run more than once and makes the same pieces each time; the
 * counts in `stats()` are those of the first run.
 */
function createRoadMaker(
  collection: OsmCollection,
  roadWays: readonly number[],
  clipper: BoundaryClipper,
  coordinateOf: (index: number) => Position,
  nodeInside: (index: number) => boolean,
) {
  const { ways, wayRefs, tagSets, nodeCount } = collection;
  const uses = new Uint8Array(nodeCount);
  for (const w of roadWays) {
    const start = ways.refStart[w];
    for (let i = 0; i < ways.refCount[w]; i++) {
      const n = findOsmNode(collection, wayRefs[start + i]);
      if (n >= 0 && uses[n] < 2) uses[n]++;
    }
  }
  /** Points where the boundary cut a road, by their position to 1e-6° (the road graph's node step), numbered after the nodes. */
  const cutPoints = new Map<string, number>();
  const cutKey = (p: Position) => {
    const key = `${Math.round(p[0] * 1e6)},${Math.round(p[1] * 1e6)}`;
    let k = cutPoints.get(key);
    if (k === undefined) {
      k = nodeCount + cutPoints.size;
      cutPoints.set(key, k);
    }
    return k;
  };
  const stats = { outsideMeters: 0, maxspeedUnreadable: 0, missingNodeRefs: 0 };
  let runs = 0;

  /** The pieces, way by way; `onWay` is called as each road way is taken up. */
  function* pieces(onWay: () => void = () => {}): Generator<RoadPiece> {
    const counting = runs++ === 0;
    let index = 0;
    for (const w of roadWays) {
      onWay();
      const tags = tagSets[ways.tagSet[w]];
      const maxspeed = parseMaxspeedKmh(tags.maxspeed);
      if (counting && maxspeed === undefined && tags.maxspeed !== undefined && tags.maxspeed !== 'none') {
        stats.maxspeedUnreadable++;
      }
      const direction = onewayOf(tags);
      const properties = {
        osm_id: `w${ways.ids[w]}`,
        highway: tags.highway,
        ...(tags.name ? { name: tags.name } : {}),
        ...(maxspeed !== undefined ? { maxspeed } : {}),
        ...(maxspeed === undefined && tags.maxspeed !== undefined ? { maxspeed_tag: tags.maxspeed } : {}),
        oneway: direction === 0 ? 'no' : 'yes',
      };
      const start = ways.refStart[w];
      const refCount = ways.refCount[w];
      const nodes = new Int32Array(refCount);
      for (let i = 0; i < refCount; i++) nodes[i] = findOsmNode(collection, wayRefs[start + i]);
      let piece: number[] = [];
      let part = 0;
      const made: RoadPiece[] = [];
      const flush = () => {
        if (piece.length >= 2) {
          const nodeOrder = direction < 0 ? piece.slice().reverse() : piece;
          const line = nodeOrder.map(coordinateOf);
          const clipped = clipper.clipLine(line);
          const runMeters = clipped.map(lineMeters);
          if (counting) stats.outsideMeters += lineMeters(line) - runMeters.reduce((sum, m) => sum + m, 0);
          const keyOf = (p: Position) => {
            // The clipper reuses the line's own positions for its vertices: find the node by identity.
            const at = p === line[0] ? 0 : p === line[line.length - 1] ? line.length - 1 : line.indexOf(p);
            return at >= 0 ? nodeOrder[at] : cutKey(p);
          };
          for (const [r, run] of clipped.entries()) {
            made.push({
              feature: {
                type: 'Feature',
                geometry: { type: 'LineString', coordinates: run },
                properties: { id: `w${ways.ids[w]}.${part}`, ...properties },
              },
              index: 0,
              way: w,
              part: part++,
              startKey: keyOf(run[0]),
              endKey: keyOf(run[run.length - 1]),
              meters: runMeters[r],
            });
          }
        }
        piece = [];
      };
      for (let i = 0; i < nodes.length; i++) {
        const n = nodes[i];
        if (n < 0) {
          // Missing next to a node inside the boundary: really missing (an extract cut too tight, a
          // broken file). Next to nodes outside it, the node lay beyond the keep box: nothing lost.
          if (counting && ((i > 0 && nodeInside(nodes[i - 1])) || (i + 1 < nodes.length && nodeInside(nodes[i + 1])))) {
            stats.missingNodeRefs++;
          }
          flush();
          continue;
        }
        if (piece.length > 0 && piece[piece.length - 1] === n) continue;
        piece.push(n);
        if (piece.length >= 2 && uses[n] >= 2 && i < nodes.length - 1) {
          flush();
          piece.push(n);
        }
      }
      flush();
      for (const p of made) {
        p.index = index++;
        yield p;
      }
    }
  }

  return { pieces, stats: () => stats, keyCount: () => nodeCount + cutPoints.size };
}

/** Validates the boundary as a districts layer and settles its id and name mapping. */
function prepareDistricts(
  boundary: unknown,
  file: string,
  options: OsmRegionOptions,
): { collection: FeatureCollection; mapping: LayerMapping } {
  const fail = (problems: RegionProblem[]) => {
    throw new RegionValidationError(
      problems.map((p) => ({ ...p, file })),
      file,
    );
  };
  const probe = validateLayer(boundary, 'districts', { path: file });
  const errors = probe.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !probe.collection) fail(errors);
  const features = probe.collection!.features;
  const everyHas = (property: string, unique: boolean) => {
    const values = features.map((f) => readOwnProperty(f.properties, property));
    if (values.some((v) => (typeof v !== 'string' && typeof v !== 'number') || v === '')) return false;
    return !unique || new Set(values.map(String)).size === values.length;
  };
  const check = (flag: string, property: string | undefined, unique: boolean) => {
    if (property !== undefined && !everyHas(property, unique)) {
      fail([
        {
          severity: 'error',
          file,
          layer: 'districts',
          code: 'mapping-unknown-property',
          message: `${flag} "${property}": not every district has ${unique ? 'a unique' : 'a'} value in that property`,
        },
      ]);
    }
  };
  check('district id', options.districtId, true);
  check('district name', options.districtName, false);
  let id = options.districtId ?? DISTRICT_ID_CANDIDATES.find((p) => everyHas(p, true));
  const name = options.districtName ?? DISTRICT_NAME_CANDIDATES.find((p) => everyHas(p, false));
  let collection = probe.collection!;
  if (id === undefined) {
    // No id property: number the districts, so results keep stable district ids.
    id = 'district_id';
    collection = {
      type: 'FeatureCollection',
      features: features.map((f, i) => ({ ...f, properties: { ...f.properties, district_id: `district-${i + 1}` } })),
    };
  }
  return {
    collection,
    mapping: { path: OSM_REGION_FILE_NAMES.districts, id, ...(name !== undefined ? { name } : {}) },
  };
}

/** A position rounded to 1e-7° (OSM's precision), as written for a point made from an area. */
function roundedPoint(point: Position): Position {
  return [round7(point[0]), round7(point[1])];
}

function settlementFeature(
  osmId: string,
  point: Position,
  tags: OsmTags,
  report: { populationUnreadable: number },
): Feature<Point> {
  const population = parsePopulation(tags.population);
  if (population === undefined && tags.population !== undefined) report.populationUnreadable++;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: point },
    properties: {
      osm_id: osmId,
      name: tags.name ?? null,
      ...(tags['name:en'] ? { 'name:en': tags['name:en'] } : {}),
      place: settlementClassOf(tags),
      population: population ?? null,
      ...(population === undefined && tags.population !== undefined ? { population_tag: tags.population } : {}),
    },
  };
}

function facilityFeature(osmId: string, point: Position, tags: OsmTags, collection: OsmCollection): Feature<Point> {
  const kind = facilityKindOf(tags, collection.facilityRules)!;
  const source: Record<string, string> = {};
  for (const key of ['amenity', 'healthcare', 'education', 'office']) if (tags[key]) source[key] = tags[key];
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: point },
    properties: { osm_id: osmId, kind, name: tags.name ?? null, ...source },
  };
}

function buildingFeature(osmId: string, shape: Position[] | Polygon | MultiPolygon, tags: OsmTags): Feature {
  const levels = parseLevels(tags['building:levels']);
  const height = parseMeters(tags.height);
  return {
    type: 'Feature',
    geometry: Array.isArray(shape) ? { type: 'Polygon', coordinates: [shape] } : shape,
    properties: {
      osm_id: osmId,
      building: tags.building,
      ...(tags.name ? { name: tags.name } : {}),
      ...(levels !== undefined ? { 'building:levels': levels } : {}),
      ...(height !== undefined ? { height } : {}),
    },
  };
}

function lineMeters(line: Position[]): number {
  let m = 0;
  for (let i = 1; i < line.length; i++) m += haversineMeters(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
  return m;
}

function roundKm(km: number): number {
  return Math.round(km * 1000) / 1000;
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
