import {
  DEFAULT_ASSUMPTIONS,
  buildNearestGrid,
  createDijkstraScratch,
  findNearest,
  haversineMeters,
  locateDistrict,
  multiSourceDijkstra,
  projectLonLat,
  type AddCostChange,
  type AddFacilityChange,
  type Change,
  type RegionModel,
} from '@regiontwin/core';
import type { SolutionTemplate } from '../template.js';

/** Parameters of {@link busLine}. */
export interface BusLineParams extends Record<string, unknown> {
  stops: string;
  autoStops: number;
  headwayMinutes: number;
  busSpeedKmh: number;
  serviceHoursPerDay: number;
  walkMeters: number;
}

/** The facility kind this template adds. */
export const BUS_STOP_KIND = 'bus-stop';

/** A stop of the line: where it is and what it is called. */
export interface LineStop {
  lon: number;
  lat: number;
  name: string;
  /** The demand point it stands at, or -1 for a stop given by coordinates. */
  demandIndex: number;
}

const COORDINATES = /^(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)$/;

/**
 * Resolves the `stops` parameter: a comma-separated list, in line order, of settlement ids or
 * names (case-insensitive) or "lon lat" pairs (degrees).
 * @throws Error naming an entry that is no settlement and no point inside the region.
 */
export function resolveStops(model: RegionModel, stops: string): LineStop[] {
  const { demand } = model;
  const byKey = new Map<string, number>();
  for (let i = demand.count - 1; i >= 0; i--) {
    byKey.set(demand.ids[i].toLowerCase(), i);
    if (demand.names[i]) byKey.set(demand.names[i].toLowerCase(), i);
  }
  const scratch = new Uint8Array(Math.max(1, model.districts.count));
  const entries = stops
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return entries.map((entry) => {
    const coordinates = COORDINATES.exec(entry);
    if (coordinates) {
      const lon = Number(coordinates[1]);
      const lat = Number(coordinates[2]);
      if (locateDistrict(model.indexes.districtGrid, lon, lat, scratch) < 0) {
        throw new Error(`template "bus-line": stop "${entry}" (lon lat) is outside every district of the region`);
      }
      return { lon, lat, name: `Stop ${lon}, ${lat}`, demandIndex: -1 };
    }
    const i = byKey.get(entry.toLowerCase());
    if (i === undefined) {
      const examples = Array.from({ length: Math.min(3, demand.count) }, (_, k) => demand.names[k] || demand.ids[k]);
      throw new Error(
        `template "bus-line": stop "${entry}" is no settlement id or name of the region (e.g. ${examples.join(', ')}) and no "lon lat" pair`,
      );
    }
    return {
      lon: demand.lonLat[i * 2],
      lat: demand.lonLat[i * 2 + 1],
      name: demand.names[i] || demand.ids[i],
      demandIndex: i,
    };
  });
}

/**
 * The automatic line: the `count` most populous settlements (ties by index), ordered along the
 * axis between the two of them farthest apart (by their projection onto it), so that the line
 * runs from one end of the area to the other without doubling back.
 */
export function automaticStops(model: RegionModel, count: number): LineStop[] {
  const { demand } = model;
  const order = Array.from({ length: demand.count }, (_, i) => i).filter((i) => demand.district[i] >= 0);
  order.sort((a, b) => demand.population[b] - demand.population[a] || a - b);
  const chosen = order.slice(0, count);
  let ends: [number, number] = [chosen[0], chosen[0]];
  let farthest = -1;
  for (const a of chosen) {
    for (const b of chosen) {
      const d = haversineMeters(
        demand.lonLat[a * 2],
        demand.lonLat[a * 2 + 1],
        demand.lonLat[b * 2],
        demand.lonLat[b * 2 + 1],
      );
      if (d > farthest) [farthest, ends] = [d, [a, b]];
    }
  }
  const [ax, ay] = [demand.xy[ends[0] * 2], demand.xy[ends[0] * 2 + 1]];
  const [dx, dy] = [demand.xy[ends[1] * 2] - ax, demand.xy[ends[1] * 2 + 1] - ay];
  const along = (i: number) => (demand.xy[i * 2] - ax) * dx + (demand.xy[i * 2 + 1] - ay) * dy;
  chosen.sort((a, b) => along(a) - along(b) || a - b);
  return chosen.map((i) => ({
    lon: demand.lonLat[i * 2],
    lat: demand.lonLat[i * 2 + 1],
    name: demand.names[i] || demand.ids[i],
    demandIndex: i,
  }));
}

/**
 * Length of the line between consecutive stops, metres. With roads: the stop's straight leg to
 * its nearest road node, the shortest road path (by length) and the leg from the road to the
 * next stop. Without roads, or between stops the network does not connect: the straight line ×
 * the circuity factor (1.3, docs/indicators.md).
 */
export function legMeters(model: RegionModel, stops: readonly LineStop[]): number[] {
  const straight = (a: LineStop, b: LineStop) => haversineMeters(a.lon, a.lat, b.lon, b.lat);
  const r = model.roads;
  if (r.nodeCount === 0) {
    return stops.slice(1).map((b, k) => straight(stops[k], b) * DEFAULT_ASSUMPTIONS.circuityFactor);
  }
  const grid = buildNearestGrid(r.nodeXY);
  const xy = new Float64Array(2);
  const nodes = stops.map((s) => {
    projectLonLat(model.projection, s.lon, s.lat, xy, 0);
    const node = findNearest(grid, xy[0], xy[1]);
    return { node, access: haversineMeters(s.lon, s.lat, r.nodeLonLat[node * 2], r.nodeLonLat[node * 2 + 1]) };
  });
  const byLength = { nodeCount: r.nodeCount, offsets: r.offsets, targets: r.targets, edgeSeconds: r.edgeMeters };
  const scratch = createDijkstraScratch(r.nodeCount);
  const dist = new Float64Array(r.nodeCount);
  return stops.slice(1).map((b, k) => {
    const from = nodes[k];
    const to = nodes[k + 1];
    multiSourceDijkstra(byLength, [from.node], [0], { scratch, target: dist });
    const viaRoad = from.access + dist[to.node] + to.access;
    return Number.isFinite(viaRoad) ? viaRoad : straight(stops[k], b) * DEFAULT_ASSUMPTIONS.circuityFactor;
  });
}

/**
 * A new bus line through given settlements or points (or, when none are given, through the
 * largest settlements in line): a stop at each, the line's length along the roads, its run time,
 * the buses the timetable needs, vehicle-km and costs. Access is measured by the stops
 * (`population-within-distance` of a bus stop within the walking distance).
 */
export const busLine: SolutionTemplate<BusLineParams> = {
  id: 'bus-line',
  title: {
    en: 'New bus line',
    ru: 'Новый автобусный маршрут',
    kk: 'Жаңа автобус бағыты',
  },
  description: {
    en: 'A new bus line through given settlements or stops: stops, route length along the roads, run time, buses needed for the headway, vehicle-km and costs; who lives within walking distance of a stop.',
    ru: 'Новый автобусный маршрут через заданные населённые пункты или остановки: остановки, длина по дорогам, время в пути, число автобусов для заданного интервала, пробег и затраты; сколько жителей в пешей доступности остановки.',
    kk: 'Берілген елді мекендер немесе аялдамалар арқылы жаңа автобус бағыты: аялдамалар, жол бойынша ұзындығы, жол уақыты, аралыққа қажет автобустар саны, жүріс пен шығындар; аялдамаға жаяу жетуге болатын тұрғындар саны.',
  },
  category: 'mobility',
  parameters: {
    stops: {
      type: 'string',
      default: '',
      description:
        'Stops in line order, comma-separated: settlement ids or names, or "lon lat" pairs. Empty: a line through the largest settlements (autoStops).',
    },
    autoStops: {
      type: 'integer',
      unit: 'stops',
      default: 6,
      minimum: 2,
      maximum: 100,
      description: 'When no stops are given: the line links this many of the most populous settlements.',
    },
    headwayMinutes: {
      type: 'number',
      unit: 'minutes',
      default: 30,
      minimum: 3,
      maximum: 480,
      description: 'Time between two buses in each direction.',
    },
    busSpeedKmh: {
      type: 'number',
      unit: 'km/h',
      default: 40,
      minimum: 10,
      maximum: 90,
      description: 'Commercial speed of the bus, stops included.',
    },
    serviceHoursPerDay: {
      type: 'number',
      unit: 'hours/day',
      default: 14,
      minimum: 1,
      maximum: 24,
      description: 'Hours of service per day.',
    },
    walkMeters: {
      type: 'number',
      unit: 'm',
      default: 800,
      minimum: 100,
      maximum: 5000,
      description: 'Straight-line walking distance within which a resident is served by a stop.',
    },
  },
  coefficients: {
    busPriceKzt: {
      value: 120_000_000,
      unit: 'KZT/bus',
      description: 'A 12 m diesel or CNG bus.',
      source:
        'Estimate: 100–150 million KZT for a 12 m bus assembled in Kazakhstan, the range of regional akimats’ purchases in public tenders 2023–2025 (goszakup.gov.kz); 120 million assumed.',
    },
    stopKzt: {
      value: 2_000_000,
      unit: 'KZT/stop',
      description: 'Shelter, bench, signage and pad of one stop.',
      source:
        'Estimate: ≈ 1.5–3 million KZT for a standard steel-and-glass shelter with installation (2025 price level).',
    },
    opexKztPerVehicleKm: {
      value: 550,
      unit: 'KZT/vehicle-km',
      description: 'Fuel, drivers, maintenance and overheads per bus-kilometre.',
      source:
        'Estimate: diesel ≈ 0.35 L/km × ≈ 300 KZT/L ≈ 105 KZT/km (25 % of cost), drivers ≈ 45 % and maintenance and overheads ≈ 30 %, the usual split of bus operating costs (World Bank / PPIAF Urban Bus Toolkit) → ≈ 450–600 KZT/km.',
    },
    recoveryShare: {
      value: 0.1,
      unit: 'share of run time',
      description: 'Layover and recovery time at the termini, added to the round trip.',
      source:
        'TCRP Report 165, Transit Capacity and Quality of Service Manual, 3rd ed. (2013): recovery time typically 10–15 % of running time; 10 % assumed.',
    },
  },
  indicators: (p) => [
    { id: 'population-within-distance', kind: BUS_STOP_KIND, meters: p.walkMeters },
    { id: 'coverage-share', kind: BUS_STOP_KIND, meters: p.walkMeters },
    { id: 'mean-travel-time', kind: BUS_STOP_KIND },
    { id: 'capex' },
    { id: 'opex-per-year' },
  ],
  adapt(profile) {
    // Cities: frequent, slow, with short walks (400–500 m is the usual urban standard); the steppe:
    // a few buses a day between distant villages, at road speed, people walking farther.
    if (profile.densityPerKm2 >= 50) {
      return { headwayMinutes: 10, busSpeedKmh: 20, serviceHoursPerDay: 18, walkMeters: 500, autoStops: 15 };
    }
    if (profile.densityPerKm2 >= 5) {
      return { headwayMinutes: 30, busSpeedKmh: 35, serviceHoursPerDay: 16, walkMeters: 800, autoStops: 8 };
    }
    return { headwayMinutes: 120, busSpeedKmh: 50, serviceHoursPerDay: 14, walkMeters: 1500, autoStops: 6 };
  },
  expand(model, params) {
    const stops = params.stops.trim() ? resolveStops(model, params.stops) : automaticStops(model, params.autoStops);
    if (stops.length < 2) {
      throw new Error(`template "bus-line": a line needs at least 2 stops (got ${stops.length})`);
    }
    const c = this.coefficients;
    const legs = legMeters(model, stops);
    const lengthMeters = legs.reduce((a, b) => a + b, 0);
    const runMinutes = lengthMeters / 1000 / (params.busSpeedKmh / 60);
    const cycleMinutes = 2 * runMinutes * (1 + c.recoveryShare.value);
    const buses = Math.ceil(cycleMinutes / params.headwayMinutes - 1e-9);
    const tripsPerDirectionPerDay = Math.floor((params.serviceHoursPerDay * 60) / params.headwayMinutes);
    const vehicleKmPerYear = (2 * tripsPerDirectionPerDay * lengthMeters * 365) / 1000;
    const changes: Change[] = stops.map((s, k): AddFacilityChange => ({
      type: 'add-facility',
      id: `bus-stop-${k + 1}`,
      kind: BUS_STOP_KIND,
      at: [s.lon, s.lat],
      name: `Bus stop ${s.name}`,
      capexKzt: c.stopKzt.value,
    }));
    changes.push({
      type: 'add-cost',
      label: `Bus line ${stops[0].name} – ${stops[stops.length - 1].name}: ${buses} buses, ${Math.round(vehicleKmPerYear)} vehicle-km/year`,
      at: [stops[0].lon, stops[0].lat],
      capexKzt: buses * c.busPriceKzt.value,
      opexKztPerYear: vehicleKmPerYear * c.opexKztPerVehicleKm.value,
    } satisfies AddCostChange);
    const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
    return {
      changes,
      summary: {
        stops: stops.map((s) => s.name),
        lengthKm: round(lengthMeters / 1000),
        legMinutes: legs.map((m) => round(m / 1000 / (params.busSpeedKmh / 60))),
        runMinutesOneWay: round(runMinutes),
        buses,
        tripsPerDirectionPerDay,
        vehicleKmPerYear: Math.round(vehicleKmPerYear),
        peopleAtStops: stops.reduce((a, s) => a + (s.demandIndex >= 0 ? model.demand.population[s.demandIndex] : 0), 0),
      },
    };
  },
};
