import {
  EARTH_RADIUS_METERS,
  locateDistrict,
  type AddFacilityChange,
  type AddSettlementChange,
  type Change,
  type LonLat,
  type RegionModel,
} from '@regiontwin/core';
import type { SolutionTemplate } from '../template.js';

/** Parameters of {@link newResidentialQuarter}. */
export interface NewResidentialQuarterParams extends Record<string, unknown> {
  population: number;
  settlement: string;
  offsetMeters: number;
  healthKind: string;
  accessMinutes: number;
  withSchool: boolean;
  assumedSchoolCapacity: number;
  assumedClinicCapacity: number;
}

/** Directions tried, one after another, until the quarter's point lies inside the region. */
const DIRECTIONS = 16;

/**
 * The point `meters` from (lon, lat) along the initial bearing `bearingRadians` (clockwise from
 * north) on the sphere of radius {@link EARTH_RADIUS_METERS}: its haversine distance is `meters`.
 */
export function destinationPoint(lon: number, lat: number, meters: number, bearingRadians: number): LonLat {
  const d = meters / EARTH_RADIUS_METERS;
  const phi1 = (lat * Math.PI) / 180;
  const lambda1 = (lon * Math.PI) / 180;
  const phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(bearingRadians));
  const lambda2 =
    lambda1 +
    Math.atan2(Math.sin(bearingRadians) * Math.sin(d) * Math.cos(phi1), Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
  return [(lambda2 * 180) / Math.PI, (phi2 * 180) / Math.PI];
}

/**
 * The settlement a quarter extends: an id or name (case-insensitive), a "lon lat" pair, or —
 * when empty — the most populous settlement.
 * @throws Error naming the entry when it is neither.
 */
function resolveAnchor(model: RegionModel, settlement: string): { at: LonLat; name: string } {
  const { demand } = model;
  const entry = settlement.trim();
  if (entry === '') {
    let best = -1;
    for (let i = 0; i < demand.count; i++) {
      if (demand.district[i] >= 0 && (best < 0 || demand.population[i] > demand.population[best])) best = i;
    }
    if (best < 0) throw new Error('template "new-residential-quarter": the region has no settlement to extend');
    return { at: [demand.lonLat[best * 2], demand.lonLat[best * 2 + 1]], name: demand.names[best] || demand.ids[best] };
  }
  const pair = /^(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)$/.exec(entry);
  if (pair) return { at: [Number(pair[1]), Number(pair[2])], name: `${pair[1]}, ${pair[2]}` };
  const key = entry.toLowerCase();
  for (let i = 0; i < demand.count; i++) {
    if (demand.ids[i].toLowerCase() === key || demand.names[i].toLowerCase() === key) {
      return { at: [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]], name: demand.names[i] || demand.ids[i] };
    }
  }
  throw new Error(
    `template "new-residential-quarter": "settlement" is "${entry}", no settlement id or name of the region and no "lon lat" pair`,
  );
}

/**
 * A new residential quarter: residents added next to a settlement (`add-settlement`), with its
 * load on schools and clinics — places per 1,000 residents (`capacity-per-1000-residents`, facilities without
 * a capacity in the data counted at an assumed capacity) and who reaches one within the access
 * standard — and, optionally, a school of its own sized for its pupils. Costs: engineering
 * networks of the housing and the school; electricity of the households.
 */
export const newResidentialQuarter: SolutionTemplate<NewResidentialQuarterParams> = {
  id: 'new-residential-quarter',
  title: {
    en: 'New residential quarter',
    ru: 'Новый жилой квартал',
    kk: 'Жаңа тұрғын үй кварталы',
  },
  description: {
    en: 'Adds the residents of a planned quarter next to a settlement and shows its load on schools and clinics (places per 1,000 residents) and their access; optionally with its own school.',
    ru: 'Добавляет жителей планируемого квартала рядом с населённым пунктом и показывает нагрузку на школы и поликлиники (мест на 1000 жителей) и их доступность; по желанию — со своей школой.',
    kk: 'Елді мекеннің жанына жоспарланған кварталдың тұрғындарын қосады және мектептер мен емханаларға жүктемені (1000 тұрғынға орын) және олардың қолжетімділігін көрсетеді; қаласаңыз — өз мектебімен.',
  },
  category: 'urban-development',
  parameters: {
    population: {
      type: 'integer',
      unit: 'people',
      default: 5000,
      minimum: 50,
      maximum: 500_000,
      description: 'Residents of the quarter when it is fully occupied.',
    },
    settlement: {
      type: 'string',
      default: '',
      description:
        'The settlement the quarter extends (id or name) or a "lon lat" point; empty: the most populous settlement.',
    },
    offsetMeters: {
      type: 'number',
      unit: 'm',
      default: 1500,
      minimum: 0,
      maximum: 30_000,
      description: 'Distance of the quarter from the settlement’s point (direction drawn from the scenario seed).',
    },
    healthKind: {
      type: 'string',
      default: 'clinic',
      enum: ['clinic', 'hospital'],
      description: 'The facility kind of primary health care in the data.',
    },
    accessMinutes: {
      type: 'number',
      unit: 'minutes',
      default: 15,
      minimum: 5,
      maximum: 120,
      description: 'Access standard: a resident is served when a school or clinic is within this travel time.',
    },
    withSchool: {
      type: 'boolean',
      default: false,
      description: 'Build a school in the quarter, sized for its pupils.',
    },
    assumedSchoolCapacity: {
      type: 'integer',
      unit: 'places',
      default: 600,
      minimum: 0,
      maximum: 5000,
      description: 'Places counted for a school whose capacity the data does not give.',
    },
    assumedClinicCapacity: {
      type: 'integer',
      unit: 'visits/shift',
      default: 250,
      minimum: 0,
      maximum: 5000,
      description: 'Visits per shift counted for a clinic whose capacity the data does not give.',
    },
  },
  coefficients: {
    pupilsPerResident: {
      value: 0.19,
      unit: 'pupils/resident',
      description: 'School pupils per resident.',
      source:
        'Kazakhstan: ≈ 3.8 million schoolchildren in 2023/24 (Ministry of Enlightenment, National report on the state of education) over 20.0 million people (Bureau of National Statistics, 1 January 2024) ≈ 0.19.',
    },
    householdSize: {
      value: 3.5,
      unit: 'people/household',
      description: 'Residents per dwelling.',
      source: 'Bureau of National Statistics of Kazakhstan, 2021 census: average household size ≈ 3.5 people.',
    },
    floorAreaM2PerResident: {
      value: 23,
      unit: 'm²/person',
      description: 'Total floor area of housing per resident.',
      source:
        'Bureau of National Statistics of Kazakhstan, housing stock per person ≈ 23 m² (2023); new quarters are usually built at or above it.',
    },
    networksKztPerM2: {
      value: 50_000,
      unit: 'KZT/m²',
      description:
        'Engineering networks (water, sewerage, heat, power, streets) per m² of housing, paid by the public side.',
      source:
        'Estimate: ≈ 15–20 % of a construction cost of ≈ 300,000 KZT/m² (compare with the Bureau of National Statistics series "average actual cost of construction of 1 m² of housing"); replace with the akimat’s engineering-networks budget.',
    },
    schoolKztPerPlace: {
      value: 4_000_000,
      unit: 'KZT/place',
      description: 'Construction and equipment of a school per pupil place.',
      source:
        'Estimate: 3–5 million KZT per place, the order of the national project "Comfortable School" (2023–2025 budget per school ÷ places, Ministry of Enlightenment announcements); 4 million assumed.',
    },
    schoolOpexKztPerPlaceYear: {
      value: 600_000,
      unit: 'KZT/place/year',
      description: 'Running cost of a school per place and year (staff, utilities).',
      source:
        'Estimate: per-pupil financing of general secondary education of ≈ 500,000–700,000 KZT a year (regional budgets, 2024).',
    },
    householdKwhPerResidentYear: {
      value: 850,
      unit: 'kWh/person/year',
      description: 'Household electricity per resident and year.',
      source:
        'Estimate: households use ≈ 15 % of Kazakhstan’s ≈ 115 TWh electricity consumption (Ministry of Energy / KEGOC balance, 2023) ÷ 20 million people ≈ 850 kWh.',
    },
  },
  indicators: (p) => [
    { id: 'capacity-per-1000-residents', kind: 'school', assumedCapacity: p.assumedSchoolCapacity },
    { id: 'capacity-per-1000-residents', kind: p.healthKind, assumedCapacity: p.assumedClinicCapacity },
    { id: 'population-within-travel-time', kind: 'school', minutes: p.accessMinutes },
    { id: 'population-within-travel-time', kind: p.healthKind, minutes: p.accessMinutes },
    { id: 'mean-travel-time', kind: 'school' },
    { id: 'mean-travel-time', kind: p.healthKind },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
  adapt(profile) {
    // A city grows by large quarters with a school inside (walking access, 15 min); a steppe
    // district centre by a few hundred houses, with half an hour to the school accepted.
    if (profile.densityPerKm2 >= 50) {
      return { population: 20_000, offsetMeters: 1000, accessMinutes: 15, withSchool: true };
    }
    const population = Math.min(5000, Math.max(300, Math.round(profile.settlementSize.p90 / 10 / 100) * 100));
    return { population, offsetMeters: 2000, accessMinutes: 30, withSchool: false };
  },
  expand(model, params, random) {
    const anchor = resolveAnchor(model, params.settlement);
    const scratch = new Uint8Array(Math.max(1, model.districts.count));
    const inside = (p: LonLat) => locateDistrict(model.indexes.districtGrid, p[0], p[1], scratch) >= 0;
    const start = random() * 2 * Math.PI;
    let at: LonLat | undefined;
    for (let k = 0; k < DIRECTIONS && !at; k++) {
      const candidate = destinationPoint(
        anchor.at[0],
        anchor.at[1],
        params.offsetMeters,
        start + (k * 2 * Math.PI) / DIRECTIONS,
      );
      if (inside(candidate)) at = candidate;
    }
    if (!at) {
      if (!inside(anchor.at)) {
        throw new Error(
          `template "new-residential-quarter": "${params.settlement}" (${anchor.at.join(' ')}) is outside every district of the region`,
        );
      }
      at = anchor.at;
    }
    const c = this.coefficients;
    const floorArea = params.population * c.floorAreaM2PerResident.value;
    const pupils = Math.round(params.population * c.pupilsPerResident.value);
    const changes: Change[] = [
      {
        type: 'add-settlement',
        id: `quarter-${anchor.name}`,
        at,
        population: params.population,
        name: `New quarter at ${anchor.name}`,
        capexKzt: floorArea * c.networksKztPerM2.value,
        energyKwhPerYear: params.population * c.householdKwhPerResidentYear.value,
      } satisfies AddSettlementChange,
    ];
    if (params.withSchool) {
      changes.push({
        type: 'add-facility',
        id: `quarter-school-${anchor.name}`,
        kind: 'school',
        at,
        name: `School of the new quarter at ${anchor.name}`,
        capacity: pupils,
        capexKzt: pupils * c.schoolKztPerPlace.value,
        opexKztPerYear: pupils * c.schoolOpexKztPerPlaceYear.value,
      } satisfies AddFacilityChange);
    }
    return {
      changes,
      summary: {
        extends: anchor.name,
        at,
        residents: params.population,
        dwellings: Math.round(params.population / c.householdSize.value),
        floorAreaM2: Math.round(floorArea),
        pupils,
        schoolBuilt: params.withSchool,
        placedAtSettlement: at === anchor.at,
      },
    };
  },
};
