import area from '@turf/area';
import KDBush from 'kdbush';
import type { FeatureCollection } from 'geojson';
import type { LayerMapping, RegionData } from '../region/region-manifest.js';
import { readNumber, readOwnProperty } from '../region/read-properties.js';
import { assignDistricts, buildDistrictGrid } from '../geo/district-grid.js';
import { buildPolygonTable, polygonTableCentroid, polygonsOf } from '../geo/polygon-table.js';
import { projectInterleaved } from '../geo/projection.js';
import {
  DEMAND_SOURCES,
  REGION_MODEL_VERSION,
  type BuildingTable,
  type DemandTable,
  type DistrictTable,
  type FacilityTable,
  type ProjectionParams,
  type RegionModel,
} from './region-model.js';
import { buildRoadGraph, isTruthy } from './build-road-graph.js';

/** Default building height when neither height nor levels is given, metres. */
export const DEFAULT_BUILDING_HEIGHT_METERS = 6;
/** Storey height used to turn `building:levels` into metres. */
export const METERS_PER_LEVEL = 3;

/**
 * Compiles a loaded, validated region into a {@link RegionModel}: projects every layer to a
 * local azimuthal equidistant plane centred on the districts' bounding box, assigns demand points
 * and facilities to districts, builds the CSR road graph and the spatial indexes.
 */
export function compileRegion(region: RegionData): RegionModel {
  const { manifest, layers } = region;
  const districtFeatures = layers.districts?.features ?? [];
  const districtPolygons = districtFeatures.map((f) => polygonsOf(f.geometry));
  const bbox = boundsOf(districtPolygons.flat(3));
  const projection: ProjectionParams = {
    centerLon: (bbox[0] + bbox[2]) / 2,
    centerLat: (bbox[1] + bbox[3]) / 2,
  };

  const districtMapping = manifest.layers.districts!;
  const polygonTable = buildPolygonTable(districtPolygons, projection);
  const districts: DistrictTable = {
    ...polygonTable,
    ids: districtFeatures.map((f, i) => idOf(f, districtMapping, `district-${i}`)),
    names: districtFeatures.map((f, i) => nameOf(f, districtMapping) || `District ${i + 1}`),
    areaSquareMeters: Float64Array.from(districtFeatures, (f) => area(f)),
    bounds: Float64Array.from(districtPolygons.flatMap((polygons) => boundsOf(polygons.flat(2)))),
    naturalZones: districtFeatures.map((f) => stringOf(readOwnProperty(f.properties, districtMapping.naturalZone))),
  };
  const districtGrid = buildDistrictGrid(polygonTable);

  const buildings = compileBuildings(layers.buildings, manifest.layers.buildings, projection);
  const demand = compileDemand(region, buildings, projection);
  demand.district = assignDistricts(districtGrid, demand.lonLat, districts.count);
  const facilities = compileFacilities(layers.facilities, manifest.layers.facilities, projection);
  facilities.district = assignDistricts(districtGrid, facilities.lonLat, districts.count);
  const roads = buildRoadGraph(layers.roads, manifest.layers.roads, projection);

  for (const points of [demand.lonLat, facilities.lonLat, roads.nodeLonLat]) {
    for (let i = 0; i < points.length; i += 2) {
      bbox[0] = Math.min(bbox[0], points[i]);
      bbox[1] = Math.min(bbox[1], points[i + 1]);
      bbox[2] = Math.max(bbox[2], points[i]);
      bbox[3] = Math.max(bbox[3], points[i + 1]);
    }
  }

  return {
    version: REGION_MODEL_VERSION,
    id: manifest.id,
    name: manifest.name,
    attribution: manifest.attribution ?? [],
    projection,
    bbox,
    districts,
    demand,
    facilities,
    roads,
    buildings,
    indexes: {
      demand: buildPointIndex(demand.xy),
      facilities: buildPointIndex(facilities.xy),
      roadNodes: buildPointIndex(roads.nodeXY),
      districtGrid,
    },
  };
}

/** A KDBush index over interleaved x/y, as its ArrayBuffer. */
export function buildPointIndex(xy: Float64Array): ArrayBuffer {
  const n = xy.length >> 1;
  const index = new KDBush(n, 64, Float64Array);
  for (let i = 0; i < n; i++) index.add(xy[i * 2], xy[i * 2 + 1]);
  index.finish();
  return index.data as ArrayBuffer;
}

function compileDemand(region: RegionData, buildings: BuildingTable, projection: ProjectionParams): DemandTable {
  const lonLat: number[] = [];
  const population: number[] = [];
  const source: number[] = [];
  const synthetic: number[] = [];
  const ids: string[] = [];
  const names: string[] = [];
  const settlementMapping = region.manifest.layers.settlements;
  region.layers.settlements?.features.forEach((f, i) => {
    const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
    lonLat.push(lon, lat);
    population.push(populationOf(f.properties, settlementMapping));
    source.push(DEMAND_SOURCES.indexOf('settlement'));
    synthetic.push(isTruthy(readOwnProperty(f.properties, settlementMapping?.synthetic)) ? 1 : 0);
    ids.push(idOf(f, settlementMapping!, `settlement-${i}`));
    names.push(nameOf(f, settlementMapping!));
  });
  const buildingMapping = region.manifest.layers.buildings;
  region.layers.buildings?.features.forEach((f, i) => {
    const people = populationOf(f.properties, buildingMapping);
    if (!(people > 0)) return;
    buildings.demandIndex[i] = population.length;
    const [lon, lat] = polygonTableCentroid(buildings, i);
    lonLat.push(lon, lat);
    population.push(people);
    source.push(DEMAND_SOURCES.indexOf('building'));
    synthetic.push(isTruthy(readOwnProperty(f.properties, buildingMapping?.synthetic)) ? 1 : 0);
    ids.push(idOf(f, buildingMapping!, `building-${i}`));
    names.push(nameOf(f, buildingMapping!));
  });
  const ll = Float64Array.from(lonLat);
  return {
    count: population.length,
    lonLat: ll,
    xy: projectInterleaved(projection, ll),
    population: Float64Array.from(population),
    district: new Int32Array(population.length),
    source: Uint8Array.from(source),
    synthetic: Uint8Array.from(synthetic),
    ids,
    names,
  };
}

function compileFacilities(
  collection: FeatureCollection | undefined,
  mapping: LayerMapping | undefined,
  projection: ProjectionParams,
): FacilityTable {
  const features = collection?.features ?? [];
  const kinds: string[] = [];
  const kindIndex = new Map<string, number>();
  const kind = new Uint16Array(features.length);
  const lonLat = new Float64Array(features.length * 2);
  const capacity = new Float64Array(features.length);
  features.forEach((f, i) => {
    const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
    lonLat[i * 2] = lon;
    lonLat[i * 2 + 1] = lat;
    const k = stringOf(readOwnProperty(f.properties, mapping?.kind)) || mapping?.fixedKind || 'facility';
    let index = kindIndex.get(k);
    if (index === undefined) {
      index = kinds.length;
      kinds.push(k);
      kindIndex.set(k, index);
    }
    kind[i] = index;
    const cap = readNumber(readOwnProperty(f.properties, mapping?.capacity));
    capacity[i] = cap.kind === 'ok' && cap.value >= 0 ? cap.value : NaN;
  });
  return {
    count: features.length,
    lonLat,
    xy: projectInterleaved(projection, lonLat),
    kind,
    kinds,
    capacity,
    district: new Int32Array(features.length),
    ids: features.map((f, i) => idOf(f, mapping ?? { path: '' }, `facility-${i}`)),
    names: features.map((f) => nameOf(f, mapping ?? { path: '' })),
  };
}

function compileBuildings(
  collection: FeatureCollection | undefined,
  mapping: LayerMapping | undefined,
  projection: ProjectionParams,
): BuildingTable {
  const features = collection?.features ?? [];
  const table = buildPolygonTable(
    features.map((f) => polygonsOf(f.geometry)),
    projection,
  );
  const heightMeters = Float32Array.from(features, (f) => {
    const h = readNumber(readOwnProperty(f.properties, mapping?.height));
    if (h.kind === 'ok' && h.value > 0) return h.value;
    const levels = readNumber(readOwnProperty(f.properties, mapping?.levels));
    if (levels.kind === 'ok' && levels.value > 0) return levels.value * METERS_PER_LEVEL;
    return DEFAULT_BUILDING_HEIGHT_METERS;
  });
  return { ...table, heightMeters, demandIndex: new Int32Array(features.length).fill(-1) };
}

function populationOf(properties: unknown, mapping: LayerMapping | undefined): number {
  const reading = readNumber(readOwnProperty(properties, mapping?.population));
  return reading.kind === 'ok' && reading.value > 0 ? reading.value : 0;
}

function idOf(feature: { id?: unknown; properties: unknown }, mapping: LayerMapping, fallback: string): string {
  const value = readOwnProperty(feature.properties, mapping.id) ?? feature.id;
  // Validation rejects ids of other types; never stringify an object here.
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

function nameOf(feature: { properties: unknown }, mapping: LayerMapping): string {
  return stringOf(readOwnProperty(feature.properties, mapping.name));
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function boundsOf(positions: ArrayLike<ArrayLike<number>>): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (p[0] < b[0]) b[0] = p[0];
    if (p[1] < b[1]) b[1] = p[1];
    if (p[0] > b[2]) b[2] = p[0];
    if (p[1] > b[3]) b[3] = p[1];
  }
  return b;
}
