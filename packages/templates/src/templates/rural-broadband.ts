import {
  buildNearestGrid,
  distanceCoverSets,
  findNearest,
  greedyMaximalCoverage,
  haversineMeters,
  multiSourceDijkstra,
  type AddFacilityChange,
  type Change,
  type RegionModel,
} from '@regiontwin/core';
import {
  HOUSEHOLD_SIZE,
  demandDistanceMeters,
  demandLonLat,
  demandLonLatArray,
  settlementName,
  settlementPoints,
} from '../settlement-points.js';
import type { Coefficient, SolutionTemplate } from '../template.js';

/** Parameters of {@link ruralBroadband}. */
export interface RuralBroadbandParams extends Record<string, unknown> {
  minSettlementPopulation: number;
  connectedAbovePopulation: number;
  towerRadiusKm: number;
  maxTowers: number;
  appraisalYears: number;
}

/** Technology chosen for a settlement. */
export type BroadbandTechnology = 'fibre' | 'fixed-wireless' | 'satellite';

const coefficients = {
  fibreCapexKztPerKm: {
    value: 4_000_000,
    unit: 'KZT/km',
    description: 'Building a fibre route along a road (aerial on poles or ploughed), per km.',
    source:
      'World Bank, "Broadband Strategies Toolkit" (2012), ch. 4: fibre deployment US$5,000–25,000 per km depending on method; the low end suits aerial/ploughed rural routes along roads: ≈ US$8,000/km × ≈ 500 KZT/US$ (2025) ≈ 4 million KZT/km.',
  },
  fibreOpexKztPerKmYear: {
    value: 80_000,
    unit: 'KZT/km/year',
    description: 'Upkeep of a fibre route (repairs, pole rent, monitoring), per km and year.',
    source: 'Estimate: ≈ 2 % of the build cost per year, the usual planning rate for passive fibre plant.',
  },
  fibreDropKztPerHousehold: {
    value: 60_000,
    unit: 'KZT/household',
    description: 'GPON drop cable, splitter share and optical terminal (ONT) per household.',
    source:
      'Estimate: ≈ US$120 per home connected for the drop and ONT (FTTH Council Europe cost model, 2016: drop + CPE ≈ €100–200 per home) × 500 KZT/US$.',
  },
  towerCapexKzt: {
    value: 60_000_000,
    unit: 'KZT/tower',
    description: 'A rural fixed-wireless (LTE 800/1800) site: mast, radio, power, microwave backhaul.',
    source:
      'GSMA, "Closing the Coverage Gap" (2019): rural macro site US$100,000–150,000 including backhaul; ≈ US$120,000 × 500 KZT/US$.',
  },
  towerOpexKztPerYear: {
    value: 6_000_000,
    unit: 'KZT/tower/year',
    description: 'Site rent, maintenance and backhaul per tower and year (electricity counted separately).',
    source: 'GSMA, "Closing the Coverage Gap" (2019): rural site opex ≈ 10 % of capex per year.',
  },
  towerEnergyKwhPerYear: {
    value: 13_140,
    unit: 'kWh/tower/year',
    description: 'Electricity of a rural site drawing ≈ 1.5 kW around the clock.',
    source:
      'GSMA, "Green Power for Mobile" (2014): rural macro sites draw ≈ 1–2 kW; 1.5 kW × 8,760 h = 13,140 kWh/year.',
  },
  householdsPerTower: {
    value: 600,
    unit: 'households/tower',
    description:
      'Households one fixed-wireless site serves at a usable busy-hour speed; larger villages need more sites.',
    source:
      'Estimate: a 3-sector LTE site with 20 MHz per sector ≈ 3 × 100 Mbit/s busy-hour throughput; at ≈ 0.5 Mbit/s average busy-hour demand per household (ITU-D rural broadband planning order of magnitude) ≈ 600 households.',
  },
  wirelessCpeKztPerHousehold: {
    value: 40_000,
    unit: 'KZT/household',
    description: 'Outdoor LTE customer unit and installation per household.',
    source: 'Vendor range: outdoor LTE CPE US$50–100 retail (2025), plus installation; ≈ US$80 × 500 KZT/US$.',
  },
  satelliteCpeKztPerHousehold: {
    value: 250_000,
    unit: 'KZT/household',
    description: 'Low-earth-orbit satellite terminal (dish, router) per household.',
    source: 'Vendor list price of a standard LEO terminal kit ≈ US$350–600 (2024–2025); ≈ US$500 × 500 KZT/US$.',
  },
  satelliteOpexKztPerHouseholdYear: {
    value: 240_000,
    unit: 'KZT/household/year',
    description: 'Satellite subscription per household and year.',
    source: 'Vendor residential plans ≈ US$40–60 per month (2025): ≈ US$40 × 12 × 500 KZT/US$.',
  },
  routeCircuity: {
    value: 1.3,
    unit: 'route km / straight km',
    description: 'Fibre route length over straight-line distance when the region has no road layer.',
    source:
      'Ballou, Rahardja & Sakai (2002), "Selected country circuity factors for road travel distance estimation": 1.2–1.4 for rural networks (the same factor as the travel-time model).',
  },
  householdSize: HOUSEHOLD_SIZE,
} satisfies Record<string, Coefficient>;

/** The cheapest way to connect each settlement, over `years` (capex + years × opex, undiscounted). */
interface SettlementCost {
  households: number;
  /** Sites beyond the first that a large settlement needs for capacity. */
  extraTowers: number;
  fibreKm: number;
  fibre: number;
  satellite: number;
  wirelessUser: number;
}

/** Route metres from every demand point to the nearest backbone point, along roads where there are roads. */
function fibreRouteMeters(model: RegionModel, backbone: number[]): Float64Array {
  const { demand, roads } = model;
  const out = new Float64Array(demand.count).fill(Infinity);
  for (let i = 0; i < demand.count; i++) {
    for (const b of backbone)
      out[i] = Math.min(out[i], demandDistanceMeters(model, i, b) * coefficients.routeCircuity.value);
  }
  if (roads.nodeCount === 0 || backbone.length === 0) return out;
  // Along roads: a multi-source Dijkstra over edge lengths (metres in place of seconds), seeded at
  // the backbone settlements' nearest nodes with their access distance.
  const grid = buildNearestGrid(roads.nodeXY);
  const nodeOf = (i: number) => findNearest(grid, demand.xy[i * 2], demand.xy[i * 2 + 1]);
  const access = (i: number, node: number) =>
    haversineMeters(
      demand.lonLat[i * 2],
      demand.lonLat[i * 2 + 1],
      roads.nodeLonLat[node * 2],
      roads.nodeLonLat[node * 2 + 1],
    );
  const sources = backbone.map(nodeOf);
  const network = multiSourceDijkstra(
    { nodeCount: roads.nodeCount, offsets: roads.offsets, targets: roads.targets, edgeSeconds: roads.edgeMeters },
    sources,
    backbone.map((b, k) => access(b, sources[k])),
  );
  for (let i = 0; i < demand.count; i++) {
    const node = nodeOf(i);
    out[i] = Math.min(out[i], network[node] + access(i, node));
  }
  return out;
}

/**
 * Broadband for the settlements above a size threshold that have none: per settlement the
 * cheapest of fibre along the roads from the nearest connected town, fixed-wireless towers, or
 * satellite, over an appraisal period. Towers are placed by lazy greedy maximal coverage where
 * they save the most against each settlement's best wired/satellite option, and kept only while a
 * tower saves more than it costs.
 */
export const ruralBroadband: SolutionTemplate<RuralBroadbandParams> = {
  id: 'rural-broadband',
  title: {
    en: 'Broadband for rural settlements',
    ru: 'Широкополосный интернет для сёл',
    kk: 'Ауылдарға кең жолақты интернет',
  },
  description: {
    en: 'Connects every settlement above a size threshold by the cheapest of fibre along roads, fixed-wireless towers (placed by maximal coverage) or satellite; reports households connected and capex per person.',
    ru: 'Подключает каждое село крупнее порога самым дешёвым способом: оптика вдоль дорог, башни фиксированного беспроводного доступа (размещение по максимальному покрытию) или спутник; показывает подключённые домохозяйства и затраты на человека.',
    kk: 'Шектен ірі әр ауылды ең арзан тәсілмен қосады: жол бойымен оптика, тіркелген сымсыз байланыс мұнаралары (максималды қамту бойынша орналастыру) немесе спутник; қосылған үй шаруашылықтары мен адамға шаққандағы шығынды көрсетеді.',
  },
  category: 'digital-access',
  parameters: {
    minSettlementPopulation: {
      type: 'integer',
      unit: 'people',
      default: 100,
      minimum: 0,
      maximum: 100_000,
      description: 'Settlements with fewer residents are not connected by the project.',
    },
    connectedAbovePopulation: {
      type: 'integer',
      unit: 'people',
      default: 10_000,
      minimum: 500,
      maximum: 1_000_000,
      description:
        'Settlements of at least this size already have fibre: they are the backbone fibre routes start from, and are not connected again.',
    },
    towerRadiusKm: {
      type: 'number',
      unit: 'km',
      default: 8,
      minimum: 1,
      maximum: 30,
      description: 'Coverage radius of a fixed-wireless tower (great-circle distance).',
    },
    maxTowers: {
      type: 'integer',
      unit: 'towers',
      default: 50,
      minimum: 0,
      maximum: 5000,
      description: 'At most this many towers; fewer when an extra tower would cost more than it saves.',
    },
    appraisalYears: {
      type: 'integer',
      unit: 'years',
      default: 10,
      minimum: 1,
      maximum: 30,
      description: 'Period over which capex + opex of the options are compared (undiscounted).',
    },
  },
  coefficients,
  indicators: () => [
    { id: 'population-within-distance', kind: 'broadband-access', meters: 500 },
    { id: 'coverage-share', kind: 'broadband-access', meters: 500 },
    { id: 'facility-capacity', kind: 'broadband-access' },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
  adapt(profile) {
    // Sparse steppe: flat land and far-apart villages → wide low-band cells, even small villages.
    // Dense territory: short-range cells, only villages of a few hundred people and up.
    const towerRadiusKm = profile.densityPerKm2 < 5 ? 12 : profile.densityPerKm2 < 50 ? 8 : 4;
    const minSettlementPopulation = profile.densityPerKm2 < 5 ? 50 : profile.densityPerKm2 < 50 ? 100 : 500;
    // Enough towers to tile the territory once: area ÷ cell area, within 1…5000.
    const maxTowers = Math.min(
      5000,
      Math.max(1, Math.round(profile.areaKm2 / (Math.PI * towerRadiusKm * towerRadiusKm))),
    );
    return { towerRadiusKm, minSettlementPopulation, maxTowers };
  },
  expand(model, params) {
    const c = coefficients;
    const years = params.appraisalYears;
    const eligible = settlementPoints(model, params.minSettlementPopulation, params.connectedAbovePopulation);
    // Towns at or above the threshold already have fibre; without any, fibre is not an option.
    const backbone = settlementPoints(model, params.connectedAbovePopulation);
    const route = fibreRouteMeters(model, backbone);
    const towerLifetime = c.towerCapexKzt.value + years * c.towerOpexKztPerYear.value;
    const costs: SettlementCost[] = eligible.map((i) => {
      const households = Math.ceil(model.demand.population[i] / c.householdSize.value);
      const extraTowers = Math.max(0, Math.ceil(households / c.householdsPerTower.value) - 1);
      const fibreKm = route[i] / 1000;
      return {
        households,
        fibreKm,
        fibre: Number.isFinite(fibreKm)
          ? fibreKm * (c.fibreCapexKztPerKm.value + years * c.fibreOpexKztPerKmYear.value) +
            households * c.fibreDropKztPerHousehold.value
          : Infinity,
        satellite:
          households * (c.satelliteCpeKztPerHousehold.value + years * c.satelliteOpexKztPerHouseholdYear.value),
        wirelessUser: households * c.wirelessCpeKztPerHousehold.value + extraTowers * towerLifetime,
        extraTowers,
      };
    });
    // Towers: the saving of serving settlement s wirelessly instead of its best other option.
    const saving = costs.map((s) => Math.max(0, Math.min(s.fibre, s.satellite) - s.wirelessUser));
    const radiusMeters = params.towerRadiusKm * 1000;
    // Radio coverage: eligible settlements within the radius of a tower at each eligible one
    // (KDBush query + haversine), as positions in the eligible list.
    const position = new Int32Array(model.demand.count).fill(-1);
    eligible.forEach((i, k) => (position[i] = k));
    const covers = distanceCoverSets(model, demandLonLatArray(model, eligible), radiusMeters).map((hits) =>
      Uint32Array.from(Array.from(hits, (i) => position[i]).filter((k) => k >= 0)),
    );
    const solution = greedyMaximalCoverage({ weights: saving, covers, budget: params.maxTowers });
    // Greedy gains never increase from one pick to the next: keep the prefix that pays for itself.
    const towers: number[] = [];
    for (let k = 0; k < solution.sites.length && solution.gains[k] > towerLifetime; k++) towers.push(solution.sites[k]);
    const servedBy = new Int32Array(eligible.length).fill(-1);
    for (const t of towers)
      for (const k of Array.from(covers[t])) if (servedBy[k] < 0 && saving[k] > 0) servedBy[k] = t;

    const changes: Change[] = [];
    const households: Record<BroadbandTechnology, number> = { fibre: 0, 'fixed-wireless': 0, satellite: 0 };
    let fibreKm = 0;
    let peopleConnected = 0;
    let capexTotal = 0;
    let extraSites = 0;
    for (const t of towers) {
      const i = eligible[t];
      let served = 0;
      servedBy.forEach((by, k) => {
        if (by === t) served += costs[k].households;
      });
      const tower: AddFacilityChange = {
        type: 'add-facility',
        id: `broadband-tower-${model.demand.ids[i]}`,
        kind: 'broadband-tower',
        at: demandLonLat(model, i),
        name: `Fixed-wireless tower ${settlementName(model, i)}`,
        capacity: served,
        capexKzt: c.towerCapexKzt.value,
        opexKztPerYear: c.towerOpexKztPerYear.value,
        energyKwhPerYear: c.towerEnergyKwhPerYear.value,
      };
      changes.push(tower);
      capexTotal += c.towerCapexKzt.value;
    }
    eligible.forEach((i, k) => {
      const s = costs[k];
      const technology: BroadbandTechnology =
        servedBy[k] >= 0 ? 'fixed-wireless' : s.fibre <= s.satellite ? 'fibre' : 'satellite';
      let capex = 0;
      let opex = 0;
      let energy = 0;
      if (technology === 'fixed-wireless') {
        capex = s.households * c.wirelessCpeKztPerHousehold.value + s.extraTowers * c.towerCapexKzt.value;
        opex = s.extraTowers * c.towerOpexKztPerYear.value;
        energy = s.extraTowers * c.towerEnergyKwhPerYear.value;
        extraSites += s.extraTowers;
      } else if (technology === 'fibre') {
        capex = s.fibreKm * c.fibreCapexKztPerKm.value + s.households * c.fibreDropKztPerHousehold.value;
        opex = s.fibreKm * c.fibreOpexKztPerKmYear.value;
        fibreKm += s.fibreKm;
      } else {
        capex = s.households * c.satelliteCpeKztPerHousehold.value;
        opex = s.households * c.satelliteOpexKztPerHouseholdYear.value;
      }
      households[technology] += s.households;
      peopleConnected += model.demand.population[i];
      capexTotal += capex;
      changes.push({
        type: 'add-facility',
        id: `broadband-access-${model.demand.ids[i]}`,
        kind: 'broadband-access',
        at: demandLonLat(model, i),
        name: `Broadband ${settlementName(model, i)} (${technology})`,
        capacity: s.households,
        capexKzt: Math.round(capex),
        opexKztPerYear: Math.round(opex),
        ...(energy ? { energyKwhPerYear: energy } : {}),
      });
    });
    return {
      changes,
      summary: {
        settlementsConnected: eligible.length,
        householdsConnected: households.fibre + households['fixed-wireless'] + households.satellite,
        householdsByTechnology: households,
        peopleConnected,
        towers: towers.length + extraSites,
        fibreKm: Math.round(fibreKm * 10) / 10,
        capexKzt: Math.round(capexTotal),
        capexKztPerPersonConnected: peopleConnected > 0 ? Math.round(capexTotal / peopleConnected) : null,
        backboneSettlements: backbone.map((b) => settlementName(model, b)),
      },
    };
  },
};
