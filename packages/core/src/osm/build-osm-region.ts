import type { Feature, FeatureCollection, LineString, Point, Polygon, Position } from 'geojson';
import type { LayerMapping, LayerName, RegionManifest, RegionProblem } from '../region/region-manifest.js';
import { REGION_SCHEMA } from '../region/region-manifest.js';
import { validateLayer } from '../region/validate-region.js';
import { RegionValidationError } from '../region/region-validation-error.js';
import { readOwnProperty } from '../region/read-properties.js';
import { haversineMeters } from '../geo/haversine.js';
import { createBoundaryClipper, type BoundaryClipper } from './clip-to-boundary.js';
import { findRoadFragments, type RoadFragment } from './find-road-fragments.js';
import { findOsmNode, OSM_ROLE, type OsmCollection, type OsmWayElement } from './osm-collector.js';
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

/** Options of {@link buildOsmRegion}. */
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
   * Called after each of the {@link OSM_REGION_BUILD_STEPS} steps with the steps done, for a
   * progress display (the work is synchronous).
   */
  onProgress?: (stepsDone: number, step: string) => void;
}

/** The steps of {@link buildOsmRegion}, in order, as reported to `onProgress`. */
export const OSM_REGION_BUILD_STEPS: readonly string[] = [
  'settlements and facilities',
  'areas and buildings',
  'roads',
  'road fragments',
  'checking settlements',
  'checking facilities',
  'checking roads',
  'checking buildings',
];

/** One feature left out of the import, and why. */
export interface OsmDroppedFeature {
  layer: LayerName;
  /** `n123` for a node, `w123` for a way. */
  osmId: string;
  reason: string;
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
  buildings: { imported: number; outsideBoundary: number; withLevels: number; withHeight: number };
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
    fragments: Omit<RoadFragment, 'featureIndices'>[];
    fragmentCount: number;
    /** Fragments removed by `dropFragments` and their length, km. */
    droppedFragments: number;
    droppedFragmentKm: number;
  };
  /** Multipolygon relations of interest (buildings, facility areas) that are not imported. */
  relationsNotImported: number;
  /** Features left out with the reason (at most 1000 listed; `droppedTotal` counts all). */
  dropped: OsmDroppedFeature[];
  droppedTotal: number;
}

/** A region made from OSM data: its manifest, its layer files by path, and the import report. */
export interface OsmRegion {
  manifest: RegionManifest;
  /** Layer files keyed by their path in the manifest (districts.geojson, roads.geojson…). */
  files: Record<string, FeatureCollection>;
  report: OsmImportReport;
}

const DISTRICT_ID_CANDIDATES = ['id', 'ID', 'ADM2_PCODE', 'ADM1_PCODE', 'shapeID', 'code', 'CODE', 'osm_id'];
const DISTRICT_NAME_CANDIDATES = ['name', 'NAME', 'name_en', 'ADM2_EN', 'ADM1_EN', 'shapeName', 'NAME_EN'];
const MAX_LISTED_DROPS = 1000;

/**
 * Turns collected OSM elements into a region clipped to `boundary` (the districts):
 * - settlements: `place` nodes and areas ({@link settlementClassOf}), population from `population`
 *   (null when missing or unreadable: the manifest then allows missing population);
 * - facilities: nodes and areas matching the facility table, kind from the first matching rule;
 * - buildings: closed ways with `building`, `building:levels` and `height` in metres;
 * - roads: routable ways split at every node shared with another road (or used twice by one),
 *   oneway normalised to `yes`/`no` with `-1` ways reversed, `maxspeed` in km/h, clipped to the
 *   boundary where they cross it; connected fragments found and reported (dropped on request).
 * Points and areas are kept when their representative point (the point, or the mean of the outer
 * ring's vertices, as validation uses) lies inside a district. Each layer is then checked by the
 * same validation as `regiontwin validate`; features it rejects are dropped and listed.
 *
 * @throws {RegionValidationError} when the boundary is not a valid districts layer, or nothing
 *   to count people with (no settlement or building) lies inside it.
 */
export function buildOsmRegion(collection: OsmCollection, boundary: unknown, options: OsmRegionOptions): OsmRegion {
  const boundaryFile = options.boundaryFile ?? 'boundary';
  const districts = prepareDistricts(boundary, boundaryFile, options);
  const clipper = createBoundaryClipper(districts.collection);
  const dropped: OsmDroppedFeature[] = [];
  let droppedTotal = 0;
  const drop = (layer: LayerName, osmId: string, reason: string) => {
    droppedTotal++;
    if (dropped.length < MAX_LISTED_DROPS) dropped.push({ layer, osmId, reason });
  };
  const coordinateOf = (index: number): Position => [
    collection.nodeE7[index * 2] / 1e7,
    collection.nodeE7[index * 2 + 1] / 1e7,
  ];
  /** Whether any of these (resolved) nodes lies inside the boundary. */
  const nodesInsideBoundary = (nodes: Int32Array): boolean => {
    for (const n of nodes) {
      if (n >= 0 && clipper.inside(collection.nodeE7[n * 2] / 1e7, collection.nodeE7[n * 2 + 1] / 1e7)) return true;
    }
    return false;
  };
  const resolveWay = (way: OsmWayElement): Int32Array => {
    const out = new Int32Array(way.refCount);
    for (let i = 0; i < way.refCount; i++) out[i] = findOsmNode(collection, collection.wayRefs[way.refStart + i]);
    return out;
  };

  // Settlements and facilities: nodes, and areas by the mean of their ring.
  const settlements: Feature<Point>[] = [];
  const facilities: Feature<Point>[] = [];
  const settlementReport = {
    imported: 0,
    outsideBoundary: 0,
    withoutPopulation: 0,
    populationUnreadable: 0,
    byClass: {} as Record<string, number>,
  };
  const facilityReport = { imported: 0, outsideBoundary: 0, byKind: {} as Record<string, number> };
  const addPointFeatures = (osmId: string, point: Position | undefined, tags: OsmTags, roles: number) => {
    if (roles & OSM_ROLE.settlement) {
      if (!point) drop('settlements', osmId, 'its nodes are missing from the input');
      else if (!clipper.inside(point[0], point[1])) settlementReport.outsideBoundary++;
      else settlements.push(settlementFeature(osmId, point, tags, settlementReport));
    }
    if (roles & OSM_ROLE.facility) {
      if (!point) drop('facilities', osmId, 'its nodes are missing from the input');
      else if (!clipper.inside(point[0], point[1])) facilityReport.outsideBoundary++;
      else facilities.push(facilityFeature(osmId, point, tags, collection));
    }
  };
  let stepsDone = 0;
  const stepDone = () => options.onProgress?.(++stepsDone, OSM_REGION_BUILD_STEPS[stepsDone - 1]);
  for (const node of collection.points) addPointFeatures(`n${node.id}`, [node.lon, node.lat], node.tags, node.roles);
  stepDone();

  const buildings: Feature<Polygon>[] = [];
  const buildingReport = { imported: 0, outsideBoundary: 0, withLevels: 0, withHeight: 0 };
  const roadWays: OsmWayElement[] = [];
  for (const way of collection.ways) {
    if (way.roles & OSM_ROLE.road) roadWays.push(way);
    const areaRoles = way.roles & (OSM_ROLE.building | OSM_ROLE.settlement | OSM_ROLE.facility);
    if (!areaRoles) continue;
    const osmId = `w${way.id}`;
    const nodes = resolveWay(way);
    const complete = nodes.every((n) => n >= 0);
    const ring = complete ? Array.from(nodes, coordinateOf) : undefined;
    if (!ring && !nodesInsideBoundary(nodes)) {
      // Its nodes that were read all lie outside (the rest beyond the keep box): outside, not broken.
      if (areaRoles & OSM_ROLE.settlement) settlementReport.outsideBoundary++;
      if (areaRoles & OSM_ROLE.facility) facilityReport.outsideBoundary++;
      if (areaRoles & OSM_ROLE.building) buildingReport.outsideBoundary++;
      continue;
    }
    const closed = ring !== undefined && ring.length >= 4 && nodes[0] === nodes[nodes.length - 1];
    addPointFeatures(osmId, ring && representativePoint(ring), way.tags, areaRoles & ~OSM_ROLE.building);
    if (!(areaRoles & OSM_ROLE.building)) continue;
    if (!ring) drop('buildings', osmId, 'some of its nodes are missing from the input');
    else if (!closed) drop('buildings', osmId, 'its way is not closed (first and last node differ)');
    else {
      const point = representativePoint(ring);
      if (!clipper.inside(point[0], point[1])) buildingReport.outsideBoundary++;
      else buildings.push(buildingFeature(osmId, ring, way.tags));
    }
  }

  stepDone();
  const roads = buildRoads(collection, roadWays, clipper, coordinateOf);
  stepDone();
  const fragments = findRoadFragments(roads.features);
  stepDone();
  let roadFeatures = roads.features;
  let droppedFragments = 0;
  let droppedFragmentKm = 0;
  if (options.dropFragments && fragments.length > 1) {
    const keep = new Set(fragments[0].featureIndices);
    roadFeatures = roads.features.filter((_, i) => keep.has(i));
    for (const fragment of fragments.slice(1)) {
      droppedFragments++;
      droppedFragmentKm += fragment.km;
    }
  }

  const layerMappings: Record<Exclude<LayerName, 'districts'>, LayerMapping> = {
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
  const layerFeatures: Record<Exclude<LayerName, 'districts'>, Feature[]> = {
    settlements,
    facilities,
    roads: roadFeatures,
    buildings,
  };
  const files: Record<string, FeatureCollection> = {
    [OSM_REGION_FILE_NAMES.districts]: districts.collection,
  };
  const layers: RegionManifest['layers'] = { districts: districts.mapping };
  for (const layer of ['settlements', 'facilities', 'roads', 'buildings'] as const) {
    const kept = keepValidFeatures(layerFeatures[layer], layer, layerMappings[layer], drop);
    stepDone();
    layerFeatures[layer] = kept;
    if (kept.length === 0) continue;
    files[layerMappings[layer].path] = { type: 'FeatureCollection', features: kept };
    layers[layer] = mappingForPresentProperties(layerMappings[layer], kept, layer === 'settlements');
  }
  settlementReport.imported = layerFeatures.settlements.length;
  facilityReport.imported = layerFeatures.facilities.length;
  for (const f of layerFeatures.settlements) {
    const place = String(f.properties?.place);
    settlementReport.byClass[place] = (settlementReport.byClass[place] ?? 0) + 1;
  }
  for (const f of layerFeatures.facilities) {
    const kind = String(f.properties?.kind);
    facilityReport.byKind[kind] = (facilityReport.byKind[kind] ?? 0) + 1;
  }
  buildingReport.imported = layerFeatures.buildings.length;
  buildingReport.withLevels = layerFeatures.buildings.filter((f) => f.properties?.['building:levels'] != null).length;
  buildingReport.withHeight = layerFeatures.buildings.filter((f) => f.properties?.height != null).length;

  if (!layers.settlements && !layers.buildings) {
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
  const missingPopulation = layerFeatures.settlements.filter((f) => f.properties?.population === null).length;
  settlementReport.withoutPopulation = missingPopulation;

  const report: OsmImportReport = {
    seen: collection.seen,
    settlements: settlementReport,
    facilities: facilityReport,
    buildings: buildingReport,
    roads: {
      ways: roadWays.length,
      features: layerFeatures.roads.length,
      oneway: layerFeatures.roads.filter((f) => f.properties?.oneway === 'yes').length,
      km: roundKm(sumKm(layerFeatures.roads)),
      outsideKm: roundKm(roads.outsideMeters / 1000),
      maxspeedUnreadable: roads.maxspeedUnreadable,
      missingNodeRefs: roads.missingNodeRefs,
      fragments: fragments.slice(0, 20).map(({ featureIndices: _indices, ...f }) => ({ ...f, km: roundKm(f.km) })),
      fragmentCount: fragments.length,
      droppedFragments,
      droppedFragmentKm: roundKm(droppedFragmentKm),
    },
    relationsNotImported: collection.relationsOfInterest,
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
            `${missingPopulation} of ${layerFeatures.settlements.length} settlements have no readable population in OpenStreetMap; they count as 0 people until \`regiontwin synthesize-population\` or real figures fill them.`,
          ]
        : []),
    ],
  };
  return { manifest, files, report };
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

/** The mean of a ring's vertices (without the closing one): the point validation checks against districts. */
function representativePoint(ring: Position[]): Position {
  const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
  const n = closed ? ring.length - 1 : ring.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += ring[i][0];
    sy += ring[i][1];
  }
  return [round7(sx / n), round7(sy / n)];
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

function buildingFeature(osmId: string, ring: Position[], tags: OsmTags): Feature<Polygon> {
  const levels = parseLevels(tags['building:levels']);
  const height = parseMeters(tags.height);
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [ring] },
    properties: {
      osm_id: osmId,
      building: tags.building,
      ...(tags.name ? { name: tags.name } : {}),
      ...(levels !== undefined ? { 'building:levels': levels } : {}),
      ...(height !== undefined ? { height } : {}),
    },
  };
}

/**
 * Road features: each routable way cut where a node is missing, split at every node that another
 * road shares (or that the way uses twice), reversed when `oneway=-1`, then clipped to the boundary.
 */
function buildRoads(
  collection: OsmCollection,
  ways: OsmWayElement[],
  clipper: BoundaryClipper,
  coordinateOf: (index: number) => Position,
): { features: Feature<LineString>[]; outsideMeters: number; maxspeedUnreadable: number; missingNodeRefs: number } {
  const uses = new Uint8Array(collection.nodeCount);
  const resolved = ways.map((way) => {
    const nodes = new Int32Array(way.refCount);
    for (let i = 0; i < way.refCount; i++) {
      const n = findOsmNode(collection, collection.wayRefs[way.refStart + i]);
      nodes[i] = n;
      if (n >= 0 && uses[n] < 2) uses[n]++;
    }
    return nodes;
  });
  const features: Feature<LineString>[] = [];
  let outsideMeters = 0;
  let maxspeedUnreadable = 0;
  let missingNodeRefs = 0;
  ways.forEach((way, w) => {
    const tags = way.tags;
    const maxspeed = parseMaxspeedKmh(tags.maxspeed);
    if (maxspeed === undefined && tags.maxspeed !== undefined && tags.maxspeed !== 'none') maxspeedUnreadable++;
    const direction = onewayOf(tags);
    const properties = {
      osm_id: `w${way.id}`,
      highway: tags.highway,
      ...(tags.name ? { name: tags.name } : {}),
      ...(maxspeed !== undefined ? { maxspeed } : {}),
      ...(maxspeed === undefined && tags.maxspeed !== undefined ? { maxspeed_tag: tags.maxspeed } : {}),
      oneway: direction === 0 ? 'no' : 'yes',
    };
    const nodes = resolved[w];
    let piece: number[] = [];
    let part = 0;
    const flush = () => {
      if (piece.length >= 2) {
        const line = piece.map(coordinateOf);
        if (direction < 0) line.reverse();
        const clipped = clipper.clipLine(line);
        outsideMeters += lineMeters(line) - clipped.reduce((sum, run) => sum + lineMeters(run), 0);
        for (const run of clipped) {
          features.push({
            type: 'Feature',
            geometry: { type: 'LineString', coordinates: run },
            properties: { id: `w${way.id}.${part++}`, ...properties },
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
        const near = (k: number) => {
          const m = nodes[k];
          return m >= 0 && clipper.inside(collection.nodeE7[m * 2] / 1e7, collection.nodeE7[m * 2 + 1] / 1e7);
        };
        if ((i > 0 && near(i - 1)) || (i + 1 < nodes.length && near(i + 1))) missingNodeRefs++;
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
  });
  return { features, outsideMeters, maxspeedUnreadable, missingNodeRefs };
}

/** Runs the region validation on one layer and drops (and lists) the features it rejects. */
function keepValidFeatures(
  features: Feature[],
  layer: LayerName,
  mapping: LayerMapping,
  drop: (layer: LayerName, osmId: string, reason: string) => void,
): Feature[] {
  if (features.length === 0) return features;
  const { problems } = validateLayer({ type: 'FeatureCollection', features }, layer, mapping, {
    allowMissingPopulation: true,
  });
  const rejected = new Map<number, string>();
  for (const p of problems) {
    if (p.severity === 'error' && p.featureIndex !== undefined && !rejected.has(p.featureIndex)) {
      rejected.set(p.featureIndex, p.message);
    }
  }
  if (rejected.size === 0) return features;
  return features.filter((f, i) => {
    const reason = rejected.get(i);
    if (reason === undefined) return true;
    drop(layer, String(f.properties?.osm_id ?? f.properties?.id ?? `#${i}`), reason);
    return false;
  });
}

/** The mapping without keys whose property no feature has (validation rejects those), except required ones. */
function mappingForPresentProperties(
  mapping: LayerMapping,
  features: Feature[],
  keepPopulation: boolean,
): LayerMapping {
  const out: LayerMapping = { path: mapping.path };
  for (const [key, property] of Object.entries(mapping) as [keyof LayerMapping, string][]) {
    if (key === 'path') continue;
    const present = features.some((f) => readOwnProperty(f.properties, property) !== undefined);
    if (present || (key === 'population' && keepPopulation)) out[key] = property;
  }
  return out;
}

function lineMeters(line: Position[]): number {
  let m = 0;
  for (let i = 1; i < line.length; i++) m += haversineMeters(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
  return m;
}

function sumKm(features: Feature<LineString>[] | Feature[]): number {
  return features.reduce((sum, f) => sum + lineMeters((f.geometry as LineString).coordinates), 0) / 1000;
}

function roundKm(km: number): number {
  return Math.round(km * 1000) / 1000;
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
