import {
  greedySetCover,
  solvePMedian,
  travelTimeCoverSets,
  travelTimeMatrix,
  type AddFacilityChange,
} from '@regiontwin/core';
import { demandLonLat, demandLonLatArray, settlementName, settlementPoints } from '../settlement-points.js';
import type { Coefficient, SolutionTemplate } from '../template.js';

/** Parameters of {@link publicServiceCenters}. */
export interface PublicServiceParams extends Record<string, unknown> {
  maxTravelMinutes: number;
  placement: string;
  maxCenters: number;
  minSettlementPopulation: number;
  peoplePerWindow: number;
}

/** The facility kind of a public service centre (and of the existing ones the data may hold). */
export const PUBLIC_SERVICE_CENTER_KIND = 'public-service-center';

/** Largest demand × candidate travel-time matrix the template builds (8 bytes each: 160 MB). */
const MAX_MATRIX_ENTRIES = 20_000_000;

const coefficients = {
  capexKztPerCenter: {
    value: 120_000_000,
    unit: 'KZT/centre',
    description:
      'Fitting out a front office of ≈ 300 m² in an existing public building (waiting hall, archive, IT room).',
    source:
      'Estimate: 300 m² × ≈ 350,000 KZT/m² refurbishment (Kazakhstan construction cost level 2025, SN RK 8.02-07 price base order of magnitude) + ≈ 15 million KZT queue system, servers and security.',
  },
  capexKztPerWindow: {
    value: 3_000_000,
    unit: 'KZT/window',
    description: 'A service window: workstation, scanner, biometric and document printers, furniture.',
    source:
      'Estimate at Kazakhstan retail prices (2025): PC ≈ 500,000 + peripherals ≈ 1,500,000 + furniture and cabling ≈ 1,000,000 KZT.',
  },
  opexKztPerWindowYear: {
    value: 5_400_000,
    unit: 'KZT/window/year',
    description: 'Operators (1.5 per window for shifts and leave) and consumables per window and year.',
    source:
      'Estimate: 1.5 × ≈ 300,000 KZT/month public-sector clerk wage (Bureau of National Statistics, 2024) × 12 ≈ 5,400,000 KZT.',
  },
  energyKwhPerCenterYear: {
    value: 30_000,
    unit: 'kWh/centre/year',
    description: 'Electricity of a ≈ 300 m² front office.',
    source:
      'CIBSE TM46 (2008) typical electricity benchmark for public buildings with counters ≈ 100 kWh/m²·yr × 300 m².',
  },
  minWindows: {
    value: 2,
    unit: 'windows/centre',
    description: 'The smallest centre has two windows (one for cover when the other is away).',
    source:
      'Design choice in line with the smallest rural front offices of the State Corporation "Government for Citizens".',
  },
} satisfies Record<string, Coefficient>;

/**
 * E-government front offices (public service centres) so that residents reach one within the
 * travel-time standard. `placement: "cover"` opens the fewest centres that bring every settlement
 * above the size threshold within the standard (lazy greedy set cover); `placement: "median"`
 * opens `maxCenters` centres where they minimise the population-weighted travel time (p-median by
 * vertex substitution). Existing centres count. Windows are sized by the people each centre serves.
 */
export const publicServiceCenters: SolutionTemplate<PublicServiceParams> = {
  id: 'public-service-centers',
  title: {
    en: 'Public service centres within the travel-time standard',
    ru: 'Центры обслуживания населения в пределах нормы доступности',
    kk: 'Қолжетімділік нормасы шегіндегі халыққа қызмет көрсету орталықтары',
  },
  description: {
    en: 'E-government front offices placed so that every settlement reaches one within the standard (fewest centres, set cover) or so that travel time is least for a given number (p-median); windows sized by the people served.',
    ru: 'Фронт-офисы электронного правительства: минимум центров, чтобы каждое село было в пределах нормы (покрытие множеств), или заданное число центров с наименьшим временем в пути (p-медиана); число окон по числу обслуживаемых.',
    kk: 'Электрондық үкімет фронт-офистері: әр ауыл норма шегінде болатындай ең аз орталық (жиындарды жабу) немесе берілген санда жол уақыты ең аз (p-медиана); терезелер саны қызмет көрсетілетін адамдарға сай.',
  },
  category: 'public-services',
  parameters: {
    maxTravelMinutes: {
      type: 'number',
      unit: 'minutes',
      default: 60,
      minimum: 5,
      maximum: 240,
      description: 'The accessibility standard: a resident should reach a centre within this travel time.',
    },
    placement: {
      type: 'string',
      default: 'cover',
      enum: ['cover', 'median'],
      description:
        '"cover": fewest centres meeting the standard (set cover, at most maxCenters); "median": exactly maxCenters centres minimising mean travel time (p-median).',
    },
    maxCenters: {
      type: 'integer',
      unit: 'centres',
      default: 30,
      minimum: 1,
      maximum: 2000,
      description: 'At most this many new centres ("cover"), or exactly this many ("median").',
    },
    minSettlementPopulation: {
      type: 'integer',
      unit: 'people',
      default: 0,
      minimum: 0,
      maximum: 100_000,
      description: 'Settlements smaller than this need not be within the standard (they still count in travel times).',
    },
    peoplePerWindow: {
      type: 'integer',
      unit: 'people/window',
      default: 10_000,
      minimum: 1000,
      maximum: 200_000,
      description: 'Residents served per service window; sizes each centre.',
    },
  },
  coefficients,
  indicators: (p) => [
    { id: 'population-within-travel-time', kind: PUBLIC_SERVICE_CENTER_KIND, minutes: p.maxTravelMinutes },
    { id: 'mean-travel-time', kind: PUBLIC_SERVICE_CENTER_KIND },
    { id: 'coverage-share', kind: PUBLIC_SERVICE_CENTER_KIND, minutes: p.maxTravelMinutes },
    { id: 'equity', kind: PUBLIC_SERVICE_CENTER_KIND, minutes: p.maxTravelMinutes },
    { id: 'facility-capacity', kind: PUBLIC_SERVICE_CENTER_KIND },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
  adapt(profile) {
    // The standard follows the settlement pattern: an hour in the sparse steppe, half an hour in
    // denser territories, 20 minutes in a city.
    const maxTravelMinutes = profile.densityPerKm2 < 5 ? 60 : profile.densityPerKm2 < 100 ? 30 : 20;
    // Small steppe centres serve few people per window; urban ones are larger.
    const peoplePerWindow = profile.densityPerKm2 < 5 ? 5000 : 15_000;
    const maxCenters = Math.min(2000, Math.max(1, profile.districts * 5));
    return { maxTravelMinutes, peoplePerWindow, maxCenters };
  },
  expand(model, params) {
    const c = coefficients;
    const { demand, facilities } = model;
    const candidates = settlementPoints(model);
    if (demand.count * candidates.length > MAX_MATRIX_ENTRIES) {
      throw new Error(
        `public-service-centers works on settlement-level demand: ${demand.count} demand points × ${candidates.length} candidate settlements exceed ${MAX_MATRIX_ENTRIES} travel-time pairs`,
      );
    }
    const candidateLonLat = demandLonLatArray(model, candidates);
    const existing: number[] = [];
    for (let f = 0; f < facilities.count; f++) {
      if (facilities.kinds[facilities.kind[f]] === PUBLIC_SERVICE_CENTER_KIND) existing.push(f);
    }
    const existingLonLat = new Float64Array(existing.length * 2);
    existing.forEach((f, k) => existingLonLat.set([facilities.lonLat[f * 2], facilities.lonLat[f * 2 + 1]], k * 2));
    // Minutes demand × candidate, and demand → nearest existing centre.
    const minutes = travelTimeMatrix(model, candidateLonLat);
    const m = candidates.length;
    const existingMinutes = new Float64Array(demand.count).fill(Infinity);
    if (existing.length) {
      const e = travelTimeMatrix(model, existingLonLat);
      for (let i = 0; i < demand.count; i++) {
        for (let k = 0; k < existing.length; k++)
          existingMinutes[i] = Math.min(existingMinutes[i], e[i * existing.length + k]);
      }
    }
    let sites: number[];
    let uncovered: string[] = [];
    if (params.placement === 'cover') {
      const covers = travelTimeCoverSets(model, candidateLonLat, params.maxTravelMinutes);
      const required = new Uint8Array(demand.count);
      const alreadyCovered = new Uint8Array(demand.count);
      for (let i = 0; i < demand.count; i++) {
        required[i] =
          demand.district[i] >= 0 && demand.population[i] > 0 && demand.population[i] >= params.minSettlementPopulation
            ? 1
            : 0;
        alreadyCovered[i] = existingMinutes[i] <= params.maxTravelMinutes ? 1 : 0;
      }
      const solution = greedySetCover({
        elementCount: demand.count,
        covers,
        required,
        alreadyCovered,
        maxSites: params.maxCenters,
      });
      sites = solution.sites;
      uncovered = [...solution.uncovered, ...solution.uncoverable].map((i) => settlementName(model, i));
    } else {
      // Unreachable pairs (a road network in pieces) get a penalty above every reachable time.
      let worst = 0;
      for (const t of minutes) if (Number.isFinite(t)) worst = Math.max(worst, t);
      const penalty = worst * 10 + 1000;
      const cost = minutes.map((t) => (Number.isFinite(t) ? t : penalty));
      const solution = solvePMedian({
        weights: demand.population,
        candidateCount: m,
        cost,
        p: params.maxCenters,
        existingCost: existing.length ? existingMinutes : undefined,
      });
      sites = solution.sites;
    }
    // Serve every resident from the nearest centre (new or existing) to size the windows.
    const served = new Float64Array(sites.length);
    for (let i = 0; i < demand.count; i++) {
      let best = existingMinutes[i];
      let who = -1;
      sites.forEach((k, s) => {
        if (minutes[i * m + k] < best) {
          best = minutes[i * m + k];
          who = s;
        }
      });
      if (who >= 0) served[who] += demand.population[i];
    }
    const changes: AddFacilityChange[] = sites
      .map((k, s) => ({ k, s }))
      .sort((a, b) => demand.district[candidates[a.k]] - demand.district[candidates[b.k]] || a.k - b.k)
      .map(({ k, s }) => {
        const i = candidates[k];
        const windows = Math.max(c.minWindows.value, Math.ceil(served[s] / params.peoplePerWindow));
        return {
          type: 'add-facility',
          id: `public-service-center-${demand.ids[i]}`,
          kind: PUBLIC_SERVICE_CENTER_KIND,
          at: demandLonLat(model, i),
          name: `Public service centre ${settlementName(model, i)}`,
          capacity: windows,
          capexKzt: c.capexKztPerCenter.value + windows * c.capexKztPerWindow.value,
          opexKztPerYear: windows * c.opexKztPerWindowYear.value,
          energyKwhPerYear: c.energyKwhPerCenterYear.value,
        };
      });
    return {
      changes,
      summary: {
        placement: params.placement,
        centres: changes.length,
        existingCentres: existing.length,
        windows: changes.reduce((sum, x) => sum + (x.capacity ?? 0), 0),
        settlementsStillBeyondStandard: uncovered,
      },
    };
  },
};
