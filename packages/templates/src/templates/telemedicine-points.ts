import {
  buildScenarioState,
  computeNearestDistanceMeters,
  computeTravelMinutes,
  resolveAssumptions,
  type AddFacilityChange,
  type RegionModel,
} from '@regiontwin/core';
import type { Coefficient, SolutionTemplate } from '../template.js';

/** Parameters of {@link telemedicinePoints}. */
export interface TelemedicinePointsParams extends Record<string, unknown> {
  healthKind: string;
  standardMinutes: number;
  minVillagePopulation: number;
  maxVillagePopulation: number;
  maxPoints: number;
}

/** The facility kind this template adds. */
export const TELEMEDICINE_KIND = 'telemedicine-point';

/**
 * Minutes from every baseline demand point to the nearest facility of `kind` by the travel-time
 * model with the default assumptions (Infinity where there is none) — the same numbers the
 * indicators report for the baseline.
 */
export function baselineTravelMinutes(model: RegionModel, kind: string): Float64Array {
  const year = 2026;
  const state = buildScenarioState(model, [], year, year, resolveAssumptions());
  return computeTravelMinutes(state, kind, computeNearestDistanceMeters(state, kind));
}

/** standardMinutes: a coefficient that is also a parameter default (one source for both). */
const STANDARD_MINUTES: Coefficient = {
  value: 30,
  unit: 'minutes',
  description: 'Default health-access standard.',
  source:
    'A common benchmark for primary care: 30 minutes to the nearest facility (WHO Regional Office for Europe, primary health care access indicators; national norms vary — replace with the Ministry of Health of Kazakhstan’s norm for the region).',
};

/**
 * Remote consultation points (a room with a telemedicine workstation and a nurse or feldsher)
 * in the villages beyond the health-access standard: every settlement of the given size range
 * whose nearest clinic is farther than `standardMinutes` gets one, most populous first, up to
 * `maxPoints`. A resident then reaches either a clinic within the standard or a consultation
 * point in the village (`population-within-travel-time-of-any`).
 */
export const telemedicinePoints: SolutionTemplate<TelemedicinePointsParams> = {
  id: 'telemedicine-points',
  title: {
    en: 'Telemedicine points in remote villages',
    ru: 'Пункты телемедицины в отдалённых сёлах',
    kk: 'Шалғай ауылдардағы телемедицина пункттері',
  },
  description: {
    en: 'Remote consultation points with a telemedicine workstation in the villages whose nearest clinic is beyond the health-access travel-time standard.',
    ru: 'Пункты дистанционных консультаций с телемедицинским рабочим местом в сёлах, где ближайшая поликлиника дальше нормы времени доступности медицинской помощи.',
    kk: 'Ең жақын емханасы медициналық көмекке қолжетімділік уақыты нормасынан алыс ауылдарда телемедицина жұмыс орны бар қашықтан кеңес беру пункттері.',
  },
  category: 'health',
  parameters: {
    healthKind: {
      type: 'string',
      default: 'clinic',
      enum: ['clinic', 'hospital'],
      description: 'The facility kind of primary health care in the data.',
    },
    standardMinutes: {
      type: 'number',
      unit: 'minutes',
      default: STANDARD_MINUTES.value,
      minimum: 5,
      maximum: 240,
      description: 'Health-access standard: the longest acceptable travel time to the nearest clinic.',
    },
    minVillagePopulation: {
      type: 'integer',
      unit: 'people',
      default: 50,
      minimum: 0,
      maximum: 100_000,
      description: 'Settlements smaller than this get no point (too few patients for a staffed room).',
    },
    maxVillagePopulation: {
      type: 'integer',
      unit: 'people',
      default: 10_000,
      minimum: 1,
      maximum: 1_000_000,
      description: 'Larger settlements need a clinic of their own, not a consultation point.',
    },
    maxPoints: {
      type: 'integer',
      unit: 'points',
      default: 200,
      minimum: 1,
      maximum: 10_000,
      description: 'Most points to open (the most populous eligible villages first).',
    },
  },
  coefficients: {
    capexKztPerPoint: {
      value: 2_500_000,
      unit: 'KZT/point',
      description:
        'Workstation (computer, camera, display), 12-lead ECG with transmission, tonometer, pulse oximeter, glucometer; fit-out of the room.',
      source:
        'Estimate: ≈ 1,000,000 KZT of IT equipment and ≈ 1,500,000 KZT of connected diagnostic devices at 2025 Kazakhstan retail prices; compare with the equipment list of the national telemedicine network (Republican Centre for Health Development / e-Health, Ministry of Health of Kazakhstan).',
    },
    opexKztPerPointYear: {
      value: 600_000,
      unit: 'KZT/point/year',
      description:
        'Broadband connection, platform licence and upkeep per point and year (staff are the existing feldsher or nurse).',
      source:
        'Estimate: a business broadband line of ≈ 20,000 KZT/month (Kazakhtelecom tariffs, 2025) = 240,000 KZT a year, plus ≈ 360,000 KZT platform and device service.',
    },
    energyKwhPerPointYear: {
      value: 600,
      unit: 'kWh/point/year',
      description: 'Electricity of the workstation and devices.',
      source: 'Estimate: ≈ 300 W for 8 hours on 250 working days = 600 kWh.',
    },
    standardMinutes: STANDARD_MINUTES,
  },
  indicators: (p) => [
    {
      id: 'population-within-travel-time-of-any',
      kinds: [p.healthKind, TELEMEDICINE_KIND],
      minutes: p.standardMinutes,
    },
    { id: 'population-within-travel-time', kind: p.healthKind, minutes: p.standardMinutes },
    { id: 'population-within-travel-time', kind: TELEMEDICINE_KIND, minutes: p.standardMinutes },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
  ],
  adapt(profile) {
    // The standard tightens with density: where villages are close together (≥ 20 people/km²,
    // as in much of rural Europe) a quarter of an hour to primary care is the usual target; in
    // mixed regions half an hour; across the sparse steppe an hour, and even small auls count.
    if (profile.densityPerKm2 >= 20) return { standardMinutes: 15, minVillagePopulation: 100, maxPoints: 100 };
    if (profile.densityPerKm2 >= 5)
      return { standardMinutes: STANDARD_MINUTES.value, minVillagePopulation: 100, maxPoints: 200 };
    return { standardMinutes: 60, minVillagePopulation: 50, maxPoints: 500 };
  },
  expand(model, params) {
    const { demand } = model;
    const minutes = baselineTravelMinutes(model, params.healthKind);
    const eligible: number[] = [];
    let peopleBeyond = 0;
    for (let i = 0; i < demand.count; i++) {
      if (demand.district[i] < 0 || !(minutes[i] > params.standardMinutes)) continue;
      peopleBeyond += demand.population[i];
      const p = demand.population[i];
      if (p >= params.minVillagePopulation && p <= params.maxVillagePopulation) eligible.push(i);
    }
    eligible.sort((a, b) => demand.population[b] - demand.population[a] || a - b);
    const chosen = eligible.slice(0, params.maxPoints);
    const c = this.coefficients;
    const changes: AddFacilityChange[] = chosen.map((i, n) => ({
      type: 'add-facility',
      id: `telemedicine-${n + 1}`,
      kind: TELEMEDICINE_KIND,
      at: [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]],
      name: `Telemedicine point ${demand.names[i] || demand.ids[i]}`,
      capexKzt: c.capexKztPerPoint.value,
      opexKztPerYear: c.opexKztPerPointYear.value,
      energyKwhPerYear: c.energyKwhPerPointYear.value,
    }));
    const served = chosen.reduce((a, i) => a + demand.population[i], 0);
    return {
      changes,
      summary: {
        points: changes.length,
        villagesBeyondStandard: eligible.length,
        peopleBeyondStandard: peopleBeyond,
        peopleServedByPoints: served,
        noFacilityOfKind: minutes.every((m) => m === Infinity),
      },
    };
  },
};
