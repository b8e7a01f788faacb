import { locateDistrict } from '../geo/district-grid.js';
import { haversineMeters } from '../geo/haversine.js';
import { buildNearestGrid, findNearest } from '../geo/nearest-grid.js';
import { projectLonLat } from '../geo/projection.js';
import { buildCsrAdjacency } from '../model/csr-graph.js';
import { ROAD_CLASSES, type RegionModel, type RoadClass } from '../model/region-model.js';
import { speedForClass } from './assumptions.js';
import type { Assumptions, Change, LonLat } from './scenario.js';

/**
 * The region as it stands in one year of one scenario: the baseline model with the changes
 * active by that year applied as a patch. Arrays that no change touches are the model's own
 * (shared, never written); patched arrays are fresh copies. The model is never mutated.
 */
export interface ScenarioState {
  model: RegionModel;
  year: number;
  assumptions: Assumptions;
  /** Demand points: the model's, then added settlements. */
  demand: {
    count: number;
    lonLat: Float64Array;
    xy: Float64Array;
    /** Residents in this year (growth applied), people. */
    population: Float64Array;
    district: Int32Array;
    ids: string[];
    /** Nearest road node per point (-1 without roads). */
    nearestRoadNode: Int32Array;
    /** Great-circle metres to that node. */
    accessMeters: Float64Array;
  };
  /** Facilities in force this year. */
  facilities: {
    count: number;
    lonLat: Float64Array;
    xy: Float64Array;
    kinds: string[];
    capacity: Float64Array;
    district: Int32Array;
    ids: string[];
    names: string[];
  };
  /** The road network in force (CSR). */
  roads: {
    nodeCount: number;
    nodeLonLat: Float64Array;
    nodeXY: Float64Array;
    offsets: Uint32Array;
    targets: Uint32Array;
    edgeSeconds: Float64Array;
  };
  /** Costs of the changes in force. Unlocated costs count in the totals only. */
  costs: {
    /** Investment spent up to and including this year, KZT. */
    capexKzt: number;
    /** Operating cost in this year, KZT/year. */
    opexKztPerYear: number;
    /** Electricity change in this year, kWh/year. */
    energyKwhPerYear: number;
    capexByDistrict: Float64Array;
    opexByDistrict: Float64Array;
    energyByDistrict: Float64Array;
  };
  /** Identifies the facility/road/demand-point configuration; equal keys give equal travel times. */
  configurationKey: string;
  /** Memo for derived arrays (travel times per kind…), keyed by the indicator helpers. */
  memo: Map<string, unknown>;
}

/** A problem with a change that references something that does not exist, or lies outside. */
export class ChangeError extends Error {
  /** Index of the change in the scenario's change list. */
  readonly changeIndex: number;
  constructor(changeIndex: number, message: string) {
    super(message);
    this.name = 'ChangeError';
    this.changeIndex = changeIndex;
  }
}

/** The year a change takes effect. */
export function changeYear(change: Change, startYear: number): number {
  return change.year ?? startYear;
}

const baselineCache = new WeakMap<RegionModel, { nearestRoadNode: Int32Array; accessMeters: Float64Array }>();

/**
 * Nearest road node and access distance (metres) of every baseline demand point, computed once
 * per model and shared by the scenario states and the optimisers.
 */
export function baselineAccess(model: RegionModel): { nearestRoadNode: Int32Array; accessMeters: Float64Array } {
  let cached = baselineCache.get(model);
  if (!cached) {
    cached = nearestNodes(model.demand.xy, model.demand.lonLat, model.roads.nodeXY, model.roads.nodeLonLat);
    baselineCache.set(model, cached);
  }
  return cached;
}

function nearestNodes(xy: Float64Array, lonLat: Float64Array, nodeXY: Float64Array, nodeLonLat: Float64Array) {
  const n = xy.length >> 1;
  const nearestRoadNode = new Int32Array(n).fill(-1);
  const accessMeters = new Float64Array(n);
  if (nodeXY.length > 0) {
    const grid = buildNearestGrid(nodeXY);
    for (let i = 0; i < n; i++) {
      const node = findNearest(grid, xy[i * 2], xy[i * 2 + 1]);
      nearestRoadNode[i] = node;
      accessMeters[i] = haversineMeters(
        lonLat[i * 2],
        lonLat[i * 2 + 1],
        nodeLonLat[node * 2],
        nodeLonLat[node * 2 + 1],
      );
    }
  }
  return { nearestRoadNode, accessMeters };
}

/**
 * Builds the state of `year` with the changes whose year ≤ `year` applied, in list order.
 * Pass no changes for the baseline.
 * @throws {ChangeError} for a change that names a missing facility, road or demand point, or
 *   places something outside every district.
 */
export function buildScenarioState(
  model: RegionModel,
  changes: readonly Change[],
  year: number,
  startYear: number,
  assumptions: Assumptions,
): ScenarioState {
  const active: { change: Change; index: number }[] = [];
  changes.forEach((change, index) => {
    if (changeYear(change, startYear) <= year) active.push({ change, index });
  });
  const scratch = new Uint8Array(Math.max(1, model.districts.count));
  const districtOf = (at: LonLat, index: number, what: string): number => {
    const d = locateDistrict(model.indexes.districtGrid, at[0], at[1], scratch);
    if (d < 0) throw new ChangeError(index, `${what} at ${at[0]}, ${at[1]} is outside every district of the region`);
    return d;
  };

  // --- facilities -------------------------------------------------------------------------
  const f = model.facilities;
  const facilityList: {
    lon: number;
    lat: number;
    kind: string;
    capacity: number;
    district: number;
    id: string;
    name: string;
  }[] = [];
  for (let i = 0; i < f.count; i++) {
    facilityList.push({
      lon: f.lonLat[i * 2],
      lat: f.lonLat[i * 2 + 1],
      kind: f.kinds[f.kind[i]],
      capacity: f.capacity[i],
      district: f.district[i],
      id: f.ids[i],
      name: f.names[i],
    });
  }
  // --- demand -------------------------------------------------------------------------------
  const d = model.demand;
  const growth = (fromYear: number) => Math.pow(1 + assumptions.populationGrowthPerYear, year - fromYear);
  const addedDemand: { lon: number; lat: number; population: number; district: number; id: string; since: number }[] =
    [];
  let populationOverride: Map<number, number> | undefined;
  const demandIndexById = lazyIndex(d.ids);
  // --- roads --------------------------------------------------------------------------------
  const r = model.roads;
  let edgeSeconds: Float64Array = r.edgeSeconds;
  const overriddenClasses = ROAD_CLASSES.filter((c) => assumptions.speedKmhByClass[c] !== undefined);
  if (overriddenClasses.length > 0) {
    edgeSeconds = Float64Array.from(r.edgeSeconds);
    for (let k = 0; k < edgeSeconds.length; k++) {
      const cls = ROAD_CLASSES[r.edgeClass[k]];
      if (!r.edgeSpeedMapped[k] && assumptions.speedKmhByClass[cls] !== undefined) {
        edgeSeconds[k] = r.edgeMeters[k] / (speedForClass(assumptions, cls) / 3.6);
      }
    }
  }
  const roadFeatureIndex = lazyIndex(r.featureIds);
  const addedRoads: { coordinates: LonLat[]; speedKmh: number }[] = [];
  // --- costs --------------------------------------------------------------------------------
  const districtCount = model.districts.count;
  const costs = {
    capexKzt: 0,
    opexKztPerYear: 0,
    energyKwhPerYear: 0,
    capexByDistrict: new Float64Array(districtCount),
    opexByDistrict: new Float64Array(districtCount),
    energyByDistrict: new Float64Array(districtCount),
  };
  let geometryChanges = 0;
  let demandAdds = 0;

  for (const { change, index } of active) {
    let costDistrict = -1;
    switch (change.type) {
      case 'add-facility': {
        const district = districtOf(change.at, index, `add-facility "${change.name ?? change.kind}"`);
        facilityList.push({
          lon: change.at[0],
          lat: change.at[1],
          kind: change.kind,
          capacity: change.capacity ?? NaN,
          district,
          id: change.id ?? `added-${index}`,
          name: change.name ?? '',
        });
        costDistrict = district;
        geometryChanges++;
        break;
      }
      case 'remove-facility': {
        const at = facilityList.findIndex((x) => x.id === change.id);
        if (at < 0) throw new ChangeError(index, `remove-facility: no facility with id "${change.id}"`);
        costDistrict = facilityList[at].district;
        facilityList.splice(at, 1);
        geometryChanges++;
        break;
      }
      case 'move-facility': {
        const at = facilityList.findIndex((x) => x.id === change.id);
        if (at < 0) throw new ChangeError(index, `move-facility: no facility with id "${change.id}"`);
        const district = districtOf(change.to, index, `move-facility "${change.id}"`);
        facilityList[at] = { ...facilityList[at], lon: change.to[0], lat: change.to[1], district };
        costDistrict = district;
        geometryChanges++;
        break;
      }
      case 'add-road': {
        change.coordinates.forEach((c, k) => districtOf(c, index, `add-road vertex ${k}`));
        addedRoads.push({
          coordinates: change.coordinates,
          speedKmh: change.speedKmh ?? speedForClass(assumptions, change.class),
        });
        costDistrict = districtOf(change.coordinates[0], index, 'add-road');
        geometryChanges++;
        break;
      }
      case 'upgrade-road': {
        const feature = roadFeatureIndex().get(change.id);
        if (feature === undefined) throw new ChangeError(index, `upgrade-road: no road with id "${change.id}"`);
        if (edgeSeconds === r.edgeSeconds) edgeSeconds = Float64Array.from(r.edgeSeconds);
        const speed = change.speedKmh ?? speedForClass(assumptions, (change.class ?? 'other') as RoadClass);
        if (change.speedKmh === undefined && change.class === undefined) {
          throw new ChangeError(index, `upgrade-road "${change.id}": give a class or a speedKmh`);
        }
        for (let k = 0; k < edgeSeconds.length; k++) {
          if (r.edgeFeature[k] === feature) edgeSeconds[k] = r.edgeMeters[k] / (speed / 3.6);
        }
        geometryChanges++;
        break;
      }
      case 'add-settlement': {
        const district = districtOf(change.at, index, `add-settlement "${change.name ?? ''}"`);
        addedDemand.push({
          lon: change.at[0],
          lat: change.at[1],
          population: change.population,
          district,
          id: change.id ?? `added-settlement-${index}`,
          since: changeYear(change, startYear),
        });
        costDistrict = district;
        demandAdds++;
        break;
      }
      case 'set-population': {
        const point = demandIndexById().get(change.id);
        if (point === undefined) {
          const added = addedDemand.find((a) => a.id === change.id);
          if (!added) throw new ChangeError(index, `set-population: no demand point with id "${change.id}"`);
          added.population = change.population;
        } else {
          populationOverride ??= new Map();
          populationOverride.set(point, change.population);
          costDistrict = d.district[point];
        }
        break;
      }
      case 'add-cost': {
        if (change.at) costDistrict = districtOf(change.at, index, `add-cost "${change.label}"`);
        break;
      }
    }
    const capex = change.type === 'remove-facility' || change.type === 'set-population' ? 0 : (change.capexKzt ?? 0);
    const opex = change.opexKztPerYear ?? 0;
    const energy = 'energyKwhPerYear' in change ? (change.energyKwhPerYear ?? 0) : 0;
    costs.capexKzt += capex;
    costs.opexKztPerYear += opex;
    costs.energyKwhPerYear += energy;
    if (costDistrict >= 0) {
      costs.capexByDistrict[costDistrict] += capex;
      costs.opexByDistrict[costDistrict] += opex;
      costs.energyByDistrict[costDistrict] += energy;
    }
  }

  // Materialise facilities.
  const facilityLonLat = new Float64Array(facilityList.length * 2);
  facilityList.forEach((x, i) => {
    facilityLonLat[i * 2] = x.lon;
    facilityLonLat[i * 2 + 1] = x.lat;
  });
  const facilityXY = new Float64Array(facilityList.length * 2);
  for (let i = 0; i < facilityList.length; i++) {
    projectLonLat(model.projection, facilityLonLat[i * 2], facilityLonLat[i * 2 + 1], facilityXY, i * 2);
  }

  // Materialise roads (a new CSR only when roads were added).
  let roads: ScenarioState['roads'] = {
    nodeCount: r.nodeCount,
    nodeLonLat: r.nodeLonLat,
    nodeXY: r.nodeXY,
    offsets: r.offsets,
    targets: r.targets,
    edgeSeconds,
  };
  if (addedRoads.length > 0) roads = appendRoads(model, roads, addedRoads);

  // Materialise demand.
  const baseCount = d.count;
  const count = baseCount + addedDemand.length;
  const baseGrowth = growth(startYear);
  const population = new Float64Array(count);
  for (let i = 0; i < baseCount; i++) population[i] = d.population[i] * baseGrowth;
  if (populationOverride) for (const [i, p] of populationOverride) population[i] = p * baseGrowth;
  let lonLat = d.lonLat;
  let xy = d.xy;
  let district = d.district;
  let ids = d.ids;
  let access = roads.nodeXY === r.nodeXY ? baselineAccess(model) : undefined;
  if (addedDemand.length > 0) {
    lonLat = new Float64Array(count * 2);
    lonLat.set(d.lonLat);
    xy = new Float64Array(count * 2);
    xy.set(d.xy);
    district = new Int32Array(count);
    district.set(d.district);
    ids = [...d.ids];
    addedDemand.forEach((a, k) => {
      const i = baseCount + k;
      lonLat[i * 2] = a.lon;
      lonLat[i * 2 + 1] = a.lat;
      projectLonLat(model.projection, a.lon, a.lat, xy, i * 2);
      district[i] = a.district;
      population[i] = a.population * growth(a.since);
      ids.push(a.id);
    });
    if (access) {
      const extra = nearestNodes(
        xy.subarray(baseCount * 2),
        lonLat.subarray(baseCount * 2),
        roads.nodeXY,
        roads.nodeLonLat,
      );
      const nearestRoadNode = new Int32Array(count);
      nearestRoadNode.set(access.nearestRoadNode);
      nearestRoadNode.set(extra.nearestRoadNode, baseCount);
      const accessMeters = new Float64Array(count);
      accessMeters.set(access.accessMeters);
      accessMeters.set(extra.accessMeters, baseCount);
      access = { nearestRoadNode, accessMeters };
    }
  }
  access ??= nearestNodes(xy, lonLat, roads.nodeXY, roads.nodeLonLat);

  return {
    model,
    year,
    assumptions,
    demand: { count, lonLat, xy, population, district, ids, ...access },
    facilities: {
      count: facilityList.length,
      lonLat: facilityLonLat,
      xy: facilityXY,
      kinds: facilityList.map((x) => x.kind),
      capacity: Float64Array.from(facilityList, (x) => x.capacity),
      district: Int32Array.from(facilityList, (x) => x.district),
      ids: facilityList.map((x) => x.id),
      names: facilityList.map((x) => x.name),
    },
    roads,
    costs,
    configurationKey: `${geometryChanges}:${demandAdds}`,
    memo: new Map(),
  };
}

function lazyIndex(ids: string[]): () => Map<string, number> {
  let map: Map<string, number> | undefined;
  return () => {
    if (!map) {
      map = new Map();
      ids.forEach((id, i) => {
        if (!map!.has(id)) map!.set(id, i);
      });
    }
    return map;
  };
}

/**
 * Appends added roads: each vertex a new node, consecutive vertices joined both ways, and both
 * ends joined to the nearest existing node (a connector at the new road's speed).
 */
function appendRoads(
  model: RegionModel,
  roads: ScenarioState['roads'],
  added: { coordinates: LonLat[]; speedKmh: number }[],
): ScenarioState['roads'] {
  const from: number[] = [];
  const to: number[] = [];
  const seconds: number[] = [];
  for (let u = 0; u < roads.nodeCount; u++) {
    for (let k = roads.offsets[u]; k < roads.offsets[u + 1]; k++) {
      from.push(u);
      to.push(roads.targets[k]);
      seconds.push(roads.edgeSeconds[k]);
    }
  }
  const lonLat = Array.from(roads.nodeLonLat);
  const existingGrid = roads.nodeCount > 0 ? buildNearestGrid(roads.nodeXY) : undefined;
  const tmp = new Float64Array(2);
  const link = (a: number, b: number, metres: number, speedKmh: number) => {
    const s = metres / (speedKmh / 3.6);
    from.push(a, b);
    to.push(b, a);
    seconds.push(s, s);
  };
  for (const road of added) {
    const first = lonLat.length / 2;
    road.coordinates.forEach(([lon, lat], k) => {
      lonLat.push(lon, lat);
      if (k > 0) {
        const [plon, plat] = road.coordinates[k - 1];
        link(first + k - 1, first + k, haversineMeters(plon, plat, lon, lat), road.speedKmh);
      }
    });
    if (existingGrid) {
      for (const end of [0, road.coordinates.length - 1]) {
        const [lon, lat] = road.coordinates[end];
        projectLonLat(model.projection, lon, lat, tmp, 0);
        const node = findNearest(existingGrid, tmp[0], tmp[1]);
        const metres = haversineMeters(lon, lat, roads.nodeLonLat[node * 2], roads.nodeLonLat[node * 2 + 1]);
        link(first + end, node, metres, road.speedKmh);
      }
    }
  }
  const nodeCount = lonLat.length / 2;
  const { offsets, targets, order } = buildCsrAdjacency(nodeCount, from, to);
  const edgeSeconds = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) edgeSeconds[k] = seconds[order[k]];
  const nodeLonLat = Float64Array.from(lonLat);
  const nodeXY = new Float64Array(nodeLonLat.length);
  for (let i = 0; i < nodeCount; i++)
    projectLonLat(model.projection, nodeLonLat[i * 2], nodeLonLat[i * 2 + 1], nodeXY, i * 2);
  return { nodeCount, nodeLonLat, nodeXY, offsets, targets, edgeSeconds };
}
