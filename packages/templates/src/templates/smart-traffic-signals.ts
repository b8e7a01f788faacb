import {
  ROAD_CLASSES,
  locateDistrict,
  type AddCostChange,
  type Change,
  type RegionModel,
  type RoadClass,
} from '@regiontwin/core';
import type { Coefficient, SolutionTemplate } from '../template.js';

/** Parameters of {@link smartTrafficSignals}. */
export interface SmartTrafficSignalsParams extends Record<string, unknown> {
  signals: number;
  minRoadClass: RoadClass;
  delaySavedSeconds: number;
  nearbyMeters: number;
  destinationKind: string;
  minTownPopulation: number;
}

/** Road classes whose crossings can be signalised (motorways have interchanges, not signals). */
const SIGNAL_CLASSES: RoadClass[] = ['trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential'];

/** Weight of an approach by class: trunk 8, primary 7 … residential 3 (9 − class index). */
export function approachWeight(roadClass: RoadClass): number {
  return 9 - ROAD_CLASSES.indexOf(roadClass);
}

/** A feature's new travel time is never below this share of the old one (the delay saved is part of it). */
const MIN_TIME_SHARE = 0.5;

/** An intersection chosen for adaptive signals. */
export interface SignalSite {
  node: number;
  /** Σ approach weights × (1 + people within `nearbyMeters`). */
  score: number;
  approaches: number;
  peopleNearby: number;
}

/**
 * Ranks the intersections of the network of `minRoadClass` roads or better (nodes where at least
 * three such roads meet, motorways left out, inside the region): score = Σ over approaches of
 * {@link approachWeight} × (1 + people within `nearbyMeters`, planar in the model's projection).
 * Highest first; ties by node number.
 */
export function rankIntersections(model: RegionModel, minRoadClass: RoadClass, nearbyMeters: number): SignalSite[] {
  const r = model.roads;
  const limit = ROAD_CLASSES.indexOf(minRoadClass);
  const motorway = ROAD_CLASSES.indexOf('motorway');
  // People near each node: demand binned in square cells of nearbyMeters, 3 × 3 cells searched.
  const cell = Math.max(1, nearbyMeters);
  const bins = new Map<string, number[]>();
  const { demand } = model;
  for (let i = 0; i < demand.count; i++) {
    const key = `${Math.floor(demand.xy[i * 2] / cell)},${Math.floor(demand.xy[i * 2 + 1] / cell)}`;
    let list = bins.get(key);
    if (!list) bins.set(key, (list = []));
    list.push(i);
  }
  // Approaches of every node: its neighbours over edges of the class, in either direction (so
  // one-way roads count at both ends); the best class per neighbour.
  const approachesOf = new Map<number, Map<number, number>>();
  const addApproach = (node: number, other: number, weight: number) => {
    let m = approachesOf.get(node);
    if (!m) approachesOf.set(node, (m = new Map()));
    m.set(other, Math.max(m.get(other) ?? 0, weight));
  };
  for (let u = 0; u < r.nodeCount; u++) {
    for (let k = r.offsets[u]; k < r.offsets[u + 1]; k++) {
      const c = r.edgeClass[k];
      const v = r.targets[k];
      if (c > limit || c === motorway || v === u) continue;
      addApproach(u, v, approachWeight(ROAD_CLASSES[c]));
      addApproach(v, u, approachWeight(ROAD_CLASSES[c]));
    }
  }
  const scratch = new Uint8Array(Math.max(1, model.districts.count));
  const sites: SignalSite[] = [];
  for (const [u, approaches] of approachesOf) {
    if (approaches.size < 3) continue;
    if (locateDistrict(model.indexes.districtGrid, r.nodeLonLat[u * 2], r.nodeLonLat[u * 2 + 1], scratch) < 0) continue;
    const x = r.nodeXY[u * 2];
    const y = r.nodeXY[u * 2 + 1];
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    let people = 0;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of bins.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (Math.hypot(demand.xy[i * 2] - x, demand.xy[i * 2 + 1] - y) <= nearbyMeters)
            people += demand.population[i];
        }
      }
    }
    let weight = 0;
    for (const w of approaches.values()) weight += w;
    sites.push({ node: u, score: weight * (1 + people), approaches: approaches.size, peopleNearby: people });
  }
  return sites.sort((a, b) => b.score - a.score || a.node - b.node);
}

/**
 * The speed (km/h) that makes one end-to-end traversal of a road feature `savedSeconds` shorter:
 * length / (length / speed − saved), with the new time at least half the old one. Length and
 * time are of one direction.
 */
export function upgradedSpeedKmh(lengthMeters: number, seconds: number, savedSeconds: number): number {
  const newSeconds = Math.max(seconds - savedSeconds, seconds * MIN_TIME_SHARE);
  return (lengthMeters / newSeconds) * 3.6;
}

/** Splits `total` among weights by the largest-remainder method (ties by index). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]++;
  }
  return out;
}

/** delaySavedSeconds: a coefficient that is also a parameter default (one source for both). */
const DELAY_SAVED_SECONDS: Coefficient = {
  value: 8,
  unit: 's/vehicle',
  description: 'Default delay saved per vehicle and signalised intersection.',
  source:
    'Estimate: Highway Capacity Manual (TRB, 2010) control delay of 20–35 s/vehicle at a signalised intersection of level of service C; adaptive control typically cuts travel time 10 % or more (FHWA Every Day Counts, “Adaptive Signal Control Technology”), taken as 25 % of 32 s.',
};

/**
 * Adaptive traffic signals at the busiest intersections: nodes where three or more main roads
 * meet, ranked by the class of their approaches and the people living nearby. Each signalised
 * intersection saves every passing vehicle some delay; the model has no intersection delay of
 * its own, so the saving is spread over each approaching road feature as an `upgrade-road` to
 * the speed that makes a traversal of the feature `delaySavedSeconds` shorter per signal on it.
 * Without a road layer the signals are shared among the towns by population, as costs only.
 */
export const smartTrafficSignals: SolutionTemplate<SmartTrafficSignalsParams> = {
  id: 'smart-traffic-signals',
  title: {
    en: 'Adaptive traffic signals at the busiest intersections',
    ru: 'Адаптивные светофоры на самых загруженных перекрёстках',
    kk: 'Ең жүктелген қиылыстарда бейімделгіш бағдаршамдар',
  },
  description: {
    en: 'Adaptive signal control (detectors, controllers, software) at the intersections of main roads with the most traffic potential; shortens travel times along the approaching roads.',
    ru: 'Адаптивное управление светофорами (детекторы, контроллеры, ПО) на перекрёстках основных дорог с наибольшей нагрузкой; сокращает время в пути по подходящим дорогам.',
    kk: 'Жүктемесі ең жоғары негізгі жолдар қиылыстарында бағдаршамдарды бейімделгіш басқару (детекторлар, контроллерлер, бағдарлама); жақындайтын жолдар бойымен жол уақытын қысқартады.',
  },
  category: 'mobility',
  parameters: {
    signals: {
      type: 'integer',
      unit: 'intersections',
      default: 10,
      minimum: 1,
      maximum: 1000,
      description: 'Number of intersections to equip with adaptive signal control.',
    },
    minRoadClass: {
      type: 'string',
      default: 'tertiary',
      enum: SIGNAL_CLASSES,
      description: 'Intersections of roads of this class or a higher one are candidates.',
    },
    delaySavedSeconds: {
      type: 'number',
      unit: 's/vehicle',
      default: DELAY_SAVED_SECONDS.value,
      minimum: 0,
      maximum: 60,
      description: 'Delay saved per vehicle passing a signalised intersection.',
    },
    nearbyMeters: {
      type: 'number',
      unit: 'm',
      default: 1000,
      minimum: 100,
      maximum: 10_000,
      description: 'Radius within which residents weight an intersection’s ranking.',
    },
    destinationKind: {
      type: 'string',
      default: 'clinic',
      enum: ['clinic', 'hospital', 'school', 'kindergarten', 'pharmacy', 'bank'],
      description: 'Facility kind whose travel time reports the effect.',
    },
    minTownPopulation: {
      type: 'integer',
      unit: 'people',
      default: 10_000,
      minimum: 0,
      maximum: 1_000_000,
      description: 'Without a road layer: towns of at least this many people share the signals by population.',
    },
  },
  coefficients: {
    capexKztPerIntersection: {
      value: 20_000_000,
      unit: 'KZT/intersection',
      description: 'Detection, controller upgrade, communications and adaptive software per intersection.',
      source:
        'Estimate: USD 30,000–60,000 per intersection, the order reported for adaptive signal control deployments in FHWA’s Every Day Counts materials and the FHWA-HRT-17-007 evaluation (2018); USD 40,000 × ≈ 500 KZT/USD (National Bank of Kazakhstan, 2025).',
    },
    opexKztPerIntersectionYear: {
      value: 1_000_000,
      unit: 'KZT/intersection/year',
      description: 'Software licence, communications and detector maintenance per intersection and year.',
      source: 'Estimate: ≈ USD 2,000 per intersection and year (about 5 % of the capital cost) × ≈ 500 KZT/USD.',
    },
    delaySavedSeconds: DELAY_SAVED_SECONDS,
  },
  indicators: (p) => [
    { id: 'mean-travel-time', kind: p.destinationKind },
    { id: 'population-within-travel-time', kind: p.destinationKind, minutes: 15 },
    { id: 'capex' },
    { id: 'opex-per-year' },
  ],
  adapt(profile) {
    // About one adaptive intersection per 20,000 urban residents, 5…200; rural regions rank only
    // the crossings of secondary roads or better (village streets have no signals).
    const urbanPeople = profile.population * profile.urbanShare;
    const signals = Math.min(200, Math.max(5, Math.round(urbanPeople / 20_000)));
    const minRoadClass: RoadClass = profile.densityPerKm2 >= 50 ? 'tertiary' : 'secondary';
    const nearbyMeters = profile.densityPerKm2 >= 50 ? 500 : 2000;
    return { signals, minRoadClass, nearbyMeters };
  },
  expand(model, params) {
    const c = this.coefficients;
    const changes: Change[] = [];
    if (model.roads.nodeCount === 0) {
      const towns: number[] = [];
      const { demand } = model;
      for (let i = 0; i < demand.count; i++) {
        if (demand.population[i] >= params.minTownPopulation && demand.district[i] >= 0) towns.push(i);
      }
      const shares = apportion(
        params.signals,
        towns.map((i) => demand.population[i]),
      );
      towns.forEach((i, k) => {
        if (shares[k] === 0) return;
        changes.push({
          type: 'add-cost',
          label: `Adaptive signals at ${shares[k]} intersections of ${demand.names[i] || demand.ids[i]}`,
          at: [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]],
          capexKzt: shares[k] * c.capexKztPerIntersection.value,
          opexKztPerYear: shares[k] * c.opexKztPerIntersectionYear.value,
        } satisfies AddCostChange);
      });
      return {
        changes,
        summary: {
          intersections: shares.reduce((a, b) => a + b, 0),
          towns: changes.length,
          note: 'the region has no road layer: signals are shared among towns by population as costs; the travel-time effect is not modelled',
        },
      };
    }
    const r = model.roads;
    const ranked = rankIntersections(model, params.minRoadClass, params.nearbyMeters);
    const chosen = ranked.slice(0, params.signals);
    const chosenNodes = new Set(chosen.map((s) => s.node));
    // Signals per road feature: chosen nodes among the feature's edge ends.
    const signalsOnFeature = new Map<number, Set<number>>();
    const limit = ROAD_CLASSES.indexOf(params.minRoadClass);
    for (let u = 0; u < r.nodeCount; u++) {
      for (let k = r.offsets[u]; k < r.offsets[u + 1]; k++) {
        if (r.edgeClass[k] > limit || ROAD_CLASSES[r.edgeClass[k]] === 'motorway') continue;
        for (const node of [u, r.targets[k]]) {
          if (!chosenNodes.has(node)) continue;
          let set = signalsOnFeature.get(r.edgeFeature[k]);
          if (!set) signalsOnFeature.set(r.edgeFeature[k], (set = new Set()));
          set.add(node);
        }
      }
    }
    // One direction's length and time of each affected feature: an edge u→v counts when u < v or
    // when the road has no v→u edge (one-way).
    const length = new Map<number, number>();
    const time = new Map<number, number>();
    for (let u = 0; u < r.nodeCount; u++) {
      for (let k = r.offsets[u]; k < r.offsets[u + 1]; k++) {
        const feature = r.edgeFeature[k];
        if (!signalsOnFeature.has(feature)) continue;
        const v = r.targets[k];
        let reverse = false;
        for (let j = r.offsets[v]; j < r.offsets[v + 1]; j++) {
          if (r.targets[j] === u && r.edgeFeature[j] === feature) reverse = true;
        }
        if (reverse && u > v) continue;
        length.set(feature, (length.get(feature) ?? 0) + r.edgeMeters[k]);
        time.set(feature, (time.get(feature) ?? 0) + r.edgeSeconds[k]);
      }
    }
    const upgrades = [...signalsOnFeature.keys()].sort((a, b) => a - b);
    let secondsSaved = 0;
    for (const feature of upgrades) {
      const n = signalsOnFeature.get(feature)!.size;
      const before = time.get(feature)!;
      const speedKmh = upgradedSpeedKmh(length.get(feature)!, before, n * params.delaySavedSeconds);
      secondsSaved += before - (length.get(feature)! / speedKmh) * 3.6;
      changes.push({ type: 'upgrade-road', id: r.featureIds[feature], speedKmh });
    }
    for (const site of chosen) {
      changes.push({
        type: 'add-cost',
        label: `Adaptive signal control at intersection ${site.node} (${site.approaches} approaches)`,
        at: [r.nodeLonLat[site.node * 2], r.nodeLonLat[site.node * 2 + 1]],
        capexKzt: c.capexKztPerIntersection.value,
        opexKztPerYear: c.opexKztPerIntersectionYear.value,
      });
    }
    return {
      changes,
      summary: {
        intersections: chosen.length,
        candidateIntersections: ranked.length,
        roadsUpgraded: upgrades.length,
        secondsSavedPerTraversalOfAllUpgradedRoads: Math.round(secondsSaved * 10) / 10,
        peopleNearSignals: chosen.reduce((a, s) => a + s.peopleNearby, 0),
      },
    };
  },
};
