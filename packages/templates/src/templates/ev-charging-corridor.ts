import {
  DEFAULT_ASSUMPTIONS,
  ROAD_CLASSES,
  haversineMeters,
  locateDistrict,
  type AddFacilityChange,
  type RegionModel,
  type RoadClass,
} from '@regiontwin/core';
import type { Coefficient, SolutionTemplate } from '../template.js';

/** Parameters of {@link evChargingCorridor}. */
export interface EvChargingCorridorParams extends Record<string, unknown> {
  maxGapKm: number;
  roadClass: RoadClass;
  chargersPerSite: number;
  chargerPowerKw: number;
  reachMinutes: number;
  minTownPopulation: number;
}

/** The facility kind this template adds. */
export const EV_CHARGER_KIND = 'ev-charger';

/** Main road classes a corridor can follow (motorway … tertiary). */
const CORRIDOR_CLASSES: RoadClass[] = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'];

/** An existing charger within this distance of a corridor node stands on the corridor, metres. */
const EXISTING_SNAP_METERS = 2000;

/** Without roads, the spanning tree (quadratic in towns) joins at most this many towns. */
const MAX_LINKED_TOWNS = 3000;

/** Without roads, straight town-to-town links get a vertex at least every this many metres. */
const LINK_VERTEX_SPACING_METERS = 5000;

/** An undirected graph with edge lengths: the corridor network the chargers are placed on. */
export interface CorridorGraph {
  /** Interleaved lon, lat per node. */
  lonLat: ArrayLike<number>;
  /** Per node, neighbour → length in metres. Empty for nodes off the network. */
  neighbours: Map<number, number>[];
}

/** Where the chargers go and what could not be satisfied. */
export interface CorridorPlacement {
  /** Nodes that get a new charging site, ascending. */
  sites: number[];
  /** Edges longer than the gap: a site at each end, and the gap between them still exceeds the limit. */
  edgesLongerThanGap: number;
}

/**
 * Greedy placement of charging sites along a network so that every point of it lies within
 * maxGap / 2 of a site (the `largest-road-gap` indicator ≤ maxGap). The network splits into
 * chains between key nodes (junctions of degree ≥ 3, dead ends, nodes with an existing charger).
 * Junctions and existing chargers are sites; along each chain the walk puts a site at the
 * farthest vertex within maxGap of the previous one, and a free dead end needs a site within
 * maxGap / 2 of it — the greedy rule that is optimal on a line. A pure cycle starts at its
 * lowest-numbered node. Sites lie on nodes, so an edge longer than maxGap leaves a longer gap
 * (counted in `edgesLongerThanGap`).
 */
export function placeCorridorSites(
  graph: CorridorGraph,
  maxGapMeters: number,
  existing: Set<number>,
): CorridorPlacement {
  const n = graph.neighbours.length;
  const degree = (u: number) => graph.neighbours[u].size;
  const hasSite = new Uint8Array(n);
  for (let u = 0; u < n; u++) if (degree(u) >= 3 || existing.has(u)) hasSite[u] = 1;
  const isKey = (u: number) => degree(u) !== 2 || hasSite[u] === 1;
  const visited = new Set<string>();
  const edgeKey = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  let edgesLongerThanGap = 0;

  const walk = (start: number, next: number) => {
    const path = [start];
    const cum = [0];
    let prev = start;
    let cur = next;
    for (;;) {
      visited.add(edgeKey(prev, cur));
      path.push(cur);
      cum.push(cum[cum.length - 1] + graph.neighbours[prev].get(cur)!);
      if (cur === start || isKey(cur)) break;
      let following = -1;
      for (const v of graph.neighbours[cur].keys()) if (v !== prev) following = v;
      if (following < 0 || visited.has(edgeKey(cur, following))) break;
      prev = cur;
      cur = following;
    }
    return { path, cum };
  };

  const place = (path: number[], cum: number[]) => {
    let startFixed = hasSite[path[0]] === 1;
    let endFixed = hasSite[path[path.length - 1]] === 1;
    if (!startFixed && endFixed) {
      // Walk from the end that has a site.
      const total = cum[cum.length - 1];
      path = [...path].reverse();
      cum = cum.map((c) => total - c).reverse();
      startFixed = true;
      endFixed = false;
    }
    const length = cum[cum.length - 1];
    const endLimit = startFixed && endFixed ? maxGapMeters : maxGapMeters / 2;
    let last: number;
    let lastIndex: number;
    if (startFixed) {
      last = 0;
      lastIndex = 0;
    } else {
      // Both ends free: the first site is the farthest vertex within maxGap / 2 of the start.
      lastIndex = 0;
      while (lastIndex + 1 < cum.length && cum[lastIndex + 1] <= maxGapMeters / 2) lastIndex++;
      last = cum[lastIndex];
      hasSite[path[lastIndex]] = 1;
    }
    while (length - last > endLimit) {
      let pick: number;
      if (!endFixed && length - last <= maxGapMeters) {
        // The last site: the first vertex within maxGap / 2 of the free end.
        pick = lastIndex + 1;
        while (cum[pick] < length - endLimit) pick++;
      } else {
        pick = lastIndex;
        while (pick + 1 < cum.length && cum[pick + 1] - last <= maxGapMeters) pick++;
        if (pick === lastIndex) {
          pick = lastIndex + 1;
          edgesLongerThanGap++;
        }
      }
      hasSite[path[pick]] = 1;
      last = cum[pick];
      lastIndex = pick;
      if (pick === path.length - 1) break;
    }
  };

  for (let u = 0; u < n; u++) {
    if (degree(u) === 0 || !isKey(u)) continue;
    for (const v of [...graph.neighbours[u].keys()].sort((a, b) => a - b)) {
      if (visited.has(edgeKey(u, v))) continue;
      const { path, cum } = walk(u, v);
      place(path, cum);
    }
  }
  // What is left are cycles without a key node: start each at its lowest-numbered node.
  for (let u = 0; u < n; u++) {
    if (degree(u) !== 2) continue;
    const next = [...graph.neighbours[u].keys()].sort((a, b) => a - b).find((v) => !visited.has(edgeKey(u, v)));
    if (next === undefined) continue;
    hasSite[u] = 1;
    const { path, cum } = walk(u, next);
    place(path, cum);
  }
  const sites: number[] = [];
  for (let u = 0; u < n; u++) if (hasSite[u] && !existing.has(u)) sites.push(u);
  return { sites, edgesLongerThanGap };
}

/** The main-road network of the model (edges of `roadClass` or better, both directions). */
function roadCorridorGraph(model: RegionModel, roadClass: RoadClass): CorridorGraph {
  const r = model.roads;
  const limit = ROAD_CLASSES.indexOf(roadClass);
  const neighbours = Array.from({ length: r.nodeCount }, () => new Map<number, number>());
  const link = (a: number, b: number, meters: number) => {
    const known = neighbours[a].get(b);
    if (known === undefined || meters < known) neighbours[a].set(b, meters);
  };
  for (let u = 0; u < r.nodeCount; u++) {
    for (let k = r.offsets[u]; k < r.offsets[u + 1]; k++) {
      if (r.edgeClass[k] > limit || r.targets[k] === u) continue;
      link(u, r.targets[k], r.edgeMeters[k]);
      link(r.targets[k], u, r.edgeMeters[k]);
    }
  }
  return { lonLat: r.nodeLonLat, neighbours };
}

/**
 * Without a road layer: the towns of at least `minPopulation` people joined by a minimum spanning
 * tree (Prim) of straight links, each link lengthened by the circuity factor and given a vertex at
 * least every 5 km (linear in lon/lat), so that sites can go between towns.
 */
function townCorridorGraph(model: RegionModel, minPopulation: number): { graph: CorridorGraph; towns: number } {
  const { demand } = model;
  const towns: number[] = [];
  for (let i = 0; i < demand.count; i++) if (demand.population[i] >= minPopulation) towns.push(i);
  if (towns.length > MAX_LINKED_TOWNS) {
    throw new Error(
      `template "ev-charging-corridor": the region has no road layer and ${towns.length} settlements of at least ${minPopulation} people; straight corridor links join at most ${MAX_LINKED_TOWNS} towns: raise "minTownPopulation"`,
    );
  }
  const lonLat: number[] = [];
  for (const i of towns) lonLat.push(demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]);
  const neighbours: Map<number, number>[] = towns.map(() => new Map());
  const distance = (a: number, b: number) =>
    haversineMeters(lonLat[a * 2], lonLat[a * 2 + 1], lonLat[b * 2], lonLat[b * 2 + 1]);
  const inTree = new Uint8Array(towns.length);
  const best = new Float64Array(towns.length).fill(Infinity);
  const parent = new Int32Array(towns.length).fill(-1);
  const circuity = DEFAULT_ASSUMPTIONS.circuityFactor;
  if (towns.length > 0) best[0] = 0;
  for (let step = 0; step < towns.length; step++) {
    let u = -1;
    for (let v = 0; v < towns.length; v++) if (!inTree[v] && (u < 0 || best[v] < best[u])) u = v;
    inTree[u] = 1;
    if (parent[u] >= 0) {
      const a = parent[u];
      const meters = distance(a, u);
      const pieces = Math.max(1, Math.ceil(meters / LINK_VERTEX_SPACING_METERS));
      let prev = a;
      for (let k = 1; k <= pieces; k++) {
        let node = u;
        if (k < pieces) {
          node = neighbours.length;
          const t = k / pieces;
          lonLat.push(
            lonLat[a * 2] + (lonLat[u * 2] - lonLat[a * 2]) * t,
            lonLat[a * 2 + 1] + (lonLat[u * 2 + 1] - lonLat[a * 2 + 1]) * t,
          );
          neighbours.push(new Map());
        }
        const piece = (meters / pieces) * circuity;
        neighbours[prev].set(node, piece);
        neighbours[node].set(prev, piece);
        prev = node;
      }
    }
    for (let v = 0; v < towns.length; v++) {
      if (inTree[v]) continue;
      const d = distance(u, v);
      if (d < best[v]) {
        best[v] = d;
        parent[v] = u;
      }
    }
  }
  return { graph: { lonLat, neighbours }, towns: towns.length };
}

/** afirMaxGapKm: a cited coefficient that is also a default of maxGapKm and of adapt (one source). */
const AFIR_MAX_GAP_KM: Coefficient = {
  value: 60,
  unit: 'km',
  description: 'EU benchmark: a fast-charging pool at least every 60 km of the core road network.',
  source:
    'Regulation (EU) 2023/1804 on the deployment of alternative fuels infrastructure (AFIR), Art. 3: charging pools at most 60 km apart in each direction along the TEN-T core network (≥ 400 kW per pool, one point ≥ 150 kW, by end 2025).',
};

/** neviMaxGapKm: a cited coefficient that is also a default of maxGapKm and of adapt (one source). */
const NEVI_MAX_GAP_KM: Coefficient = {
  value: 80,
  unit: 'km',
  description: 'US benchmark: stations at most 50 miles apart along designated corridors, four 150 kW ports each.',
  source:
    'US National Electric Vehicle Infrastructure standards, 23 CFR 680.106 (2023): stations no more than 50 miles (80 km) apart and within 1 mile of the corridor, at least four 150 kW DC ports.',
};

/**
 * Fast chargers along the main roads at most every N km: charging sites at the junctions of the
 * main network and along every stretch of it so that no point is more than N/2 km from a site
 * (the largest gap, `largest-road-gap`, at most N). Existing chargers count. Without a road layer
 * the corridors are straight links between towns (a minimum spanning tree).
 */
export const evChargingCorridor: SolutionTemplate<EvChargingCorridorParams> = {
  id: 'ev-charging-corridor',
  title: {
    en: 'Fast-charging corridor for electric vehicles',
    ru: 'Коридор быстрых зарядных станций для электромобилей',
    kk: 'Электромобильдерге арналған жылдам зарядтау дәлізі',
  },
  description: {
    en: 'DC fast-charging sites along the main roads, no more than N km apart, so that an electric car can cross the region; counts the largest remaining gap and the people within reach of a charger.',
    ru: 'Станции быстрой зарядки вдоль основных дорог не реже чем через N км, чтобы электромобиль мог пересечь регион; показывает наибольший оставшийся разрыв и число жителей в зоне досягаемости станции.',
    kk: 'Электромобиль өңірді кесіп өте алуы үшін негізгі жолдар бойымен кемінде әр N км сайын жылдам зарядтау станциялары; ең үлкен қалған үзілісті және станцияға жете алатын тұрғындар санын көрсетеді.',
  },
  category: 'mobility',
  parameters: {
    maxGapKm: {
      type: 'number',
      unit: 'km',
      default: AFIR_MAX_GAP_KM.value,
      minimum: 20,
      maximum: 400,
      description: 'Largest allowed distance between consecutive charging sites along a main road.',
    },
    roadClass: {
      type: 'string',
      default: 'primary',
      enum: CORRIDOR_CLASSES,
      description: 'The corridor network: roads of this class or a higher one (motorway highest).',
    },
    chargersPerSite: {
      type: 'integer',
      unit: 'chargers',
      default: 4,
      minimum: 1,
      maximum: 20,
      description: 'Fast chargers (charging points) per site; drives cost and energy.',
    },
    chargerPowerKw: {
      type: 'number',
      unit: 'kW',
      default: 150,
      minimum: 22,
      maximum: 400,
      description: 'Rated power of each charger.',
    },
    reachMinutes: {
      type: 'number',
      unit: 'minutes',
      default: 30,
      minimum: 5,
      maximum: 180,
      description: 'Travel time within which a resident counts as within reach of a charging site.',
    },
    minTownPopulation: {
      type: 'integer',
      unit: 'people',
      default: 5000,
      minimum: 0,
      maximum: 1_000_000,
      description: 'Without a road layer: the towns the straight corridor links join (at least this many people).',
    },
  },
  coefficients: {
    capexKztPerKw: {
      value: 400_000,
      unit: 'KZT/kW',
      description: 'Hardware, grid connection and installation of a DC fast charger, per kW of rated power.',
      source:
        'Estimate: ICCT Working Paper 2019-14 (M. Nicholas, "Estimating electric vehicle charging infrastructure costs across major U.S. metropolitan areas") puts 150 kW DC hardware at roughly USD 75,000–100,000 per charger with installation of the same order; ≈ USD 120,000 per 150 kW = USD 800/kW × ≈ 500 KZT/USD (National Bank of Kazakhstan official rate, 2025) = 400,000 KZT/kW. Replace with vendor quotes.',
    },
    opexKztPerChargerYear: {
      value: 1_500_000,
      unit: 'KZT/charger/year',
      description: 'Maintenance contract, network and payment service, communications per charger and year.',
      source:
        'Estimate: ≈ USD 3,000 per DC charger and year (service contract and network fees, the range discussed in ICCT white paper "Lessons learned on early electric vehicle fast-charging deployments", Nicholas & Hall, 2018) × ≈ 500 KZT/USD.',
    },
    utilisationShare: {
      value: 0.05,
      unit: 'share of hours',
      description: 'Share of the year a charger delivers its rated power (energy = kW × 8,760 h × share).',
      source:
        'Estimate: early corridor fast chargers deliver power a few per cent of the hours (ICCT, Nicholas & Hall 2018, "Lessons learned on early electric vehicle fast-charging deployments"); 5 % assumed for a regional corridor.',
    },
    afirMaxGapKm: AFIR_MAX_GAP_KM,
    neviMaxGapKm: NEVI_MAX_GAP_KM,
  },
  indicators: (p) => [
    { id: 'largest-road-gap', kind: EV_CHARGER_KIND, roadClass: p.roadClass },
    { id: 'population-within-travel-time', kind: EV_CHARGER_KIND, minutes: p.reachMinutes },
    { id: 'coverage-share', kind: EV_CHARGER_KIND, minutes: p.reachMinutes },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
  adapt(profile) {
    // AFIR's 60 km for dense regions, the US 80 km (50 miles) for mixed ones, and about a third
    // of a mid-size EV's winter range (≈ 120 km) across the sparse steppe, where traffic is light.
    const density = profile.densityPerKm2;
    const maxGapKm = density >= 50 ? AFIR_MAX_GAP_KM.value : density >= 5 ? NEVI_MAX_GAP_KM.value : 120;
    const chargersPerSite = density >= 50 ? 4 : 2;
    const reachMinutes = density >= 50 ? 15 : density >= 5 ? 30 : 60;
    // Without roads the straight links join the larger towns of a sparse region only.
    const minTownPopulation = density >= 50 ? 20_000 : 5000;
    return { maxGapKm, chargersPerSite, reachMinutes, minTownPopulation };
  },
  expand(model, params) {
    const withRoads = model.roads.nodeCount > 0;
    const built = withRoads
      ? { graph: roadCorridorGraph(model, params.roadClass), towns: 0 }
      : townCorridorGraph(model, params.minTownPopulation);
    const { graph } = built;
    // Existing chargers within 2 km of a corridor node stand on it.
    const existing = new Set<number>();
    const f = model.facilities;
    for (let i = 0; i < f.count; i++) {
      if (f.kinds[f.kind[i]] !== EV_CHARGER_KIND) continue;
      let nearest = -1;
      let nearestMeters = Infinity;
      for (let u = 0; u < graph.neighbours.length; u++) {
        if (graph.neighbours[u].size === 0) continue;
        const d = haversineMeters(f.lonLat[i * 2], f.lonLat[i * 2 + 1], graph.lonLat[u * 2], graph.lonLat[u * 2 + 1]);
        if (d < nearestMeters) [nearest, nearestMeters] = [u, d];
      }
      if (nearest >= 0 && nearestMeters <= EXISTING_SNAP_METERS) existing.add(nearest);
    }
    const placement = placeCorridorSites(graph, params.maxGapKm * 1000, existing);
    const scratch = new Uint8Array(Math.max(1, model.districts.count));
    const c = this.coefficients;
    const chargers = params.chargersPerSite;
    const changes: AddFacilityChange[] = [];
    let outside = 0;
    for (const u of placement.sites) {
      const at: [number, number] = [graph.lonLat[u * 2], graph.lonLat[u * 2 + 1]];
      const district = locateDistrict(model.indexes.districtGrid, at[0], at[1], scratch);
      if (district < 0) {
        outside++;
        continue;
      }
      changes.push({
        type: 'add-facility',
        id: `ev-charger-${changes.length + 1}`,
        kind: EV_CHARGER_KIND,
        at,
        name: `Fast-charging site ${changes.length + 1} (${model.districts.names[district]})`,
        capacity: chargers,
        capexKzt: chargers * params.chargerPowerKw * c.capexKztPerKw.value,
        opexKztPerYear: chargers * c.opexKztPerChargerYear.value,
        energyKwhPerYear: chargers * params.chargerPowerKw * 8760 * c.utilisationShare.value,
      });
    }
    let networkKm = 0;
    graph.neighbours.forEach((m) => m.forEach((meters) => (networkKm += meters / 2000)));
    return {
      changes,
      summary: {
        network: withRoads ? `${params.roadClass} or better roads` : `straight links between ${built.towns} towns`,
        networkKm: Math.round(networkKm * 10) / 10,
        sites: changes.length,
        chargers: changes.length * chargers,
        existingSitesOnNetwork: existing.size,
        edgesLongerThanGap: placement.edgesLongerThanGap,
        sitesOutsideRegionSkipped: outside,
      },
    };
  },
};
