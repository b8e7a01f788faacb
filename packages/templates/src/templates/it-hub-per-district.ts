import { greedyMaximalCoverage, travelTimeCoverSets, type AddFacilityChange } from '@regiontwin/core';
import type { SolutionTemplate } from '../template.js';

/** Parameters of {@link itHubPerDistrict}. */
export interface ItHubParams extends Record<string, unknown> {
  maxTravelMinutes: number;
  seatsPerHub: number;
}

/**
 * One IT hub (coworking, training and e-services space) in every district, placed by greedy
 * maximal coverage (lazy) among the district's settlements so that the hubs together reach the
 * most people within the travel-time limit; one hub per district.
 */
export const itHubPerDistrict: SolutionTemplate<ItHubParams> = {
  id: 'it-hub-per-district',
  title: {
    en: 'IT hub in every district',
    ru: 'IT-хаб в каждом районе',
    kk: 'Әр ауданда IT-хаб',
  },
  description: {
    en: 'A coworking, training and e-services hub in every district, placed where it reaches the most people within the travel-time limit.',
    ru: 'Коворкинг, обучение и цифровые услуги в каждом районе — там, где хаб доступен наибольшему числу жителей в пределах нормы времени в пути.',
    kk: 'Әр ауданда коворкинг, оқыту және цифрлық қызметтер хабы — жол уақыты нормасы шегінде тұрғындардың ең көп бөлігіне қолжетімді жерде.',
  },
  category: 'digital-access',
  parameters: {
    maxTravelMinutes: {
      type: 'number',
      unit: 'minutes',
      default: 30,
      minimum: 5,
      maximum: 180,
      description: 'Travel-time limit within which a resident counts as reached by a hub.',
    },
    seatsPerHub: {
      type: 'integer',
      unit: 'seats',
      default: 60,
      minimum: 10,
      maximum: 1000,
      description: 'Workplaces and training seats per hub; drives cost and energy.',
    },
  },
  coefficients: {
    capexKztPerSeat: {
      value: 2_500_000,
      unit: 'KZT/seat',
      description: 'Fit-out (≈6 m² per seat) plus furniture and IT equipment per seat.',
      source:
        'Estimate: 6 m²/seat × ≈250,000 KZT/m² office fit-out + ≈1,000,000 KZT equipment per seat (Kazakhstan retail price level, 2025); replace with the department’s budget figures.',
    },
    opexKztPerSeatYear: {
      value: 700_000,
      unit: 'KZT/seat/year',
      description: 'Staff share, utilities, connectivity and upkeep per seat and year.',
      source:
        'Estimate: one staff member per 20 seats at ≈400,000 KZT/month (Bureau of National Statistics average wage 2025, ≈ 400 thousand KZT) = 240,000 KZT/seat/year, plus ≈460,000 KZT/seat/year utilities, internet and maintenance.',
    },
    energyKwhPerSeatYear: {
      value: 770,
      unit: 'kWh/seat/year',
      description: 'Electricity per seat and year.',
      source:
        'CIBSE TM46 (2008) typical electricity benchmark for a general office, 95 kWh/m²·yr × 6 m²/seat = 570 kWh, plus 200 kWh of IT load (≈100 W × 2,000 h).',
    },
    staffPerSeat: {
      value: 0.05,
      unit: 'staff/seat',
      description: 'Staff per seat (one per 20 seats).',
      source: 'Estimate used in the opex coefficient above.',
    },
  },
  indicators: (p) => [
    { id: 'population-within-travel-time', kind: 'it-hub', minutes: p.maxTravelMinutes },
    { id: 'mean-travel-time', kind: 'it-hub' },
    { id: 'coverage-share', kind: 'it-hub', minutes: p.maxTravelMinutes },
    { id: 'equity', kind: 'it-hub', minutes: p.maxTravelMinutes },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
  adapt(profile) {
    // Sparse steppe (< 5 people/km²) accepts an hour's trip; denser regions half an hour.
    const maxTravelMinutes = profile.densityPerKm2 < 5 ? 60 : 30;
    // Roughly one seat per 2,000 residents of an average district, within 20…300.
    const seatsPerHub = Math.min(300, Math.max(20, Math.round(profile.meanDistrictPopulation / 2000 / 10) * 10));
    return { maxTravelMinutes, seatsPerHub };
  },
  expand(model, params) {
    const { demand } = model;
    const candidates: number[] = [];
    for (let i = 0; i < demand.count; i++) if (demand.district[i] >= 0) candidates.push(i);
    const lonLat = new Float64Array(candidates.length * 2);
    candidates.forEach((i, k) => {
      lonLat[k * 2] = demand.lonLat[i * 2];
      lonLat[k * 2 + 1] = demand.lonLat[i * 2 + 1];
    });
    const covers = travelTimeCoverSets(model, lonLat, params.maxTravelMinutes);
    const districtsWithCandidates = new Set(candidates.map((i) => demand.district[i]));
    const solution = greedyMaximalCoverage({
      weights: demand.population,
      covers,
      budget: districtsWithCandidates.size,
      groupOf: candidates.map((i) => demand.district[i]),
      maxPerGroup: 1,
    });
    const c = this.coefficients;
    const changes: AddFacilityChange[] = solution.sites
      .map((k) => candidates[k])
      .sort((a, b) => demand.district[a] - demand.district[b])
      .map((i) => {
        const district = demand.district[i];
        return {
          type: 'add-facility',
          id: `it-hub-${model.districts.ids[district]}`,
          kind: 'it-hub',
          at: [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]],
          name: `IT hub ${demand.names[i] || model.districts.names[district]}`,
          capacity: params.seatsPerHub,
          capexKzt: params.seatsPerHub * c.capexKztPerSeat.value,
          opexKztPerYear: params.seatsPerHub * c.opexKztPerSeatYear.value,
          energyKwhPerYear: params.seatsPerHub * c.energyKwhPerSeatYear.value,
        };
      });
    const withoutCandidates = model.districts.ids.filter((_, d) => !districtsWithCandidates.has(d));
    return {
      changes,
      summary: {
        hubs: changes.length,
        seats: changes.length * params.seatsPerHub,
        staff: Math.ceil(changes.length * params.seatsPerHub * c.staffPerSeat.value),
        peopleReachedWithinLimit: solution.coveredWeight,
        districtsWithoutSettlements: withoutCandidates,
      },
    };
  },
};
