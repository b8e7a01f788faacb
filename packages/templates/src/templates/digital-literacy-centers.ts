import { greedyMaximalCoverage, travelTimeCoverSets, type AddFacilityChange, type LonLat } from '@regiontwin/core';
import { settlementName, settlementPoints } from '../settlement-points.js';
import type { Coefficient, SolutionTemplate } from '../template.js';

/** Parameters of {@link digitalLiteracyCenters}. */
export interface DigitalLiteracyParams extends Record<string, unknown> {
  hostKinds: string;
  centersPerDistrict: number;
  maxTravelMinutes: number;
  learnersPerCenterYear: number;
  fallbackToSettlements: boolean;
}

const HOST_KINDS: Record<string, string[]> = {
  'school-or-library': ['school', 'library'],
  school: ['school'],
  library: ['library'],
};

const coefficients = {
  pensionerShare: {
    value: 0.125,
    unit: 'share of population',
    description: 'Pensioners (age and other pension recipients).',
    source:
      'Bureau of National Statistics / Unified Accumulative Pension Fund: ≈ 2.4–2.5 million pension recipients in a population of ≈ 20 million (2024) ≈ 12.5 %.',
  },
  disabilityShare: {
    value: 0.036,
    unit: 'share of population',
    description: 'People with disabilities.',
    source:
      'Ministry of Labour and Social Protection of Population of Kazakhstan: ≈ 720,000 people with disabilities (2024) of ≈ 20 million ≈ 3.6 %.',
  },
  unemployedShare: {
    value: 0.022,
    unit: 'share of population',
    description: 'Unemployed people.',
    source:
      'Bureau of National Statistics, labour force survey 2024: ≈ 450,000 unemployed (4.7 % of the labour force) ≈ 2.2 % of the population.',
  },
  largeFamilyMotherShare: {
    value: 0.015,
    unit: 'share of population',
    description: 'Mothers of large families (four or more children).',
    source:
      'Estimate: ≈ 300,000 mothers awarded "Altyn alqa"/"Kúmis alqa" or receiving the large-family allowance (Ministry of Labour, 2023 order of magnitude) of ≈ 20 million ≈ 1.5 %.',
  },
  yearlyUptakeShare: {
    value: 0.1,
    unit: 'share of target group per year',
    description: 'Share of the target groups who would take a course in a given year.',
    source:
      'Estimate: ≈ 40 % of older and vulnerable adults lack basic digital skills (ITU, "Measuring digital development" 2023, skills indicators for the region) and about a quarter of them would enrol over a 4-year programme → ≈ 10 % per year.',
  },
  capexKztPerCenter: {
    value: 6_000_000,
    unit: 'KZT/centre',
    description: 'Ten laptops, a projector, furniture and networking for a classroom in a host building.',
    source:
      'Estimate at Kazakhstan retail prices (2025): 10 × ≈ 350,000 KZT laptops + ≈ 2,500,000 KZT projector, furniture and network.',
  },
  opexKztPerCenterYear: {
    value: 2_400_000,
    unit: 'KZT/centre/year',
    description: 'A part-time instructor (0.5 FTE), connectivity and materials per year.',
    source:
      'Estimate: 0.5 × ≈ 300,000 KZT/month teacher salary (Bureau of National Statistics, education sector 2024) × 12 = 1,800,000 KZT + ≈ 600,000 KZT internet and materials.',
  },
  energyKwhPerCenterYear: {
    value: 800,
    unit: 'kWh/centre/year',
    description: 'Electricity of the equipment (lighting and heating are the host’s).',
    source: 'Ten 50 W laptops + a 250 W projector for ≈ 1,100 teaching hours a year ≈ 800 kWh.',
  },
} satisfies Record<string, Coefficient>;

/** Share of the population in a target group who take a course in a year (the 2SFCA demand share). */
export function digitalLiteracyDemandShare(): number {
  const c = coefficients;
  return (
    (c.pensionerShare.value + c.disabilityShare.value + c.unemployedShare.value + c.largeFamilyMotherShare.value) *
    c.yearlyUptakeShare.value
  );
}

/**
 * Digital-literacy courses for pensioners, mothers of large families, the unemployed and people
 * with disabilities, held in existing schools or libraries (in a district without one, in its
 * largest settlements). Hosts are chosen by lazy greedy maximal coverage of the population within
 * the travel-time limit, at most N per district; reach is capacity-based (2SFCA): a centre's
 * yearly places are shared among the target group within its catchment.
 */
export const digitalLiteracyCenters: SolutionTemplate<DigitalLiteracyParams> = {
  id: 'digital-literacy-centers',
  title: {
    en: 'Digital-literacy courses for vulnerable groups',
    ru: 'Курсы цифровой грамотности для уязвимых групп',
    kk: 'Осал топтарға арналған цифрлық сауаттылық курстары',
  },
  description: {
    en: 'Courses at existing schools and libraries for pensioners, mothers of large families, the unemployed and people with disabilities; hosts chosen by maximal coverage, reach measured by capacity (2SFCA).',
    ru: 'Курсы в действующих школах и библиотеках для пенсионеров, многодетных матерей, безработных и людей с инвалидностью; площадки выбираются по максимальному покрытию, охват считается с учётом мощности (2SFCA).',
    kk: 'Зейнеткерлерге, көп балалы аналарға, жұмыссыздарға және мүгедектігі бар адамдарға жұмыс істеп тұрған мектептер мен кітапханаларда курстар; алаңдар максималды қамту бойынша таңдалады, қамту қуаттылық бойынша есептеледі (2SFCA).',
  },
  category: 'digital-access',
  parameters: {
    hostKinds: {
      type: 'string',
      default: 'school-or-library',
      enum: Object.keys(HOST_KINDS),
      description: 'Which existing facilities host the courses (facility kinds school and/or library).',
    },
    centersPerDistrict: {
      type: 'integer',
      unit: 'centres',
      default: 2,
      minimum: 1,
      maximum: 50,
      description: 'At most this many course centres per district.',
    },
    maxTravelMinutes: {
      type: 'number',
      unit: 'minutes',
      default: 30,
      minimum: 5,
      maximum: 180,
      description: 'Catchment of a centre: learners come from within this travel time.',
    },
    learnersPerCenterYear: {
      type: 'integer',
      unit: 'learners/year',
      default: 240,
      minimum: 20,
      maximum: 5000,
      description: 'Course places a centre offers per year (e.g. 2 groups of 12 × 10 four-week cycles).',
    },
    fallbackToSettlements: {
      type: 'boolean',
      default: true,
      description: 'In a district without a host facility, hold courses in its largest settlements.',
    },
  },
  coefficients,
  indicators: (p) => [
    {
      id: 'capacity-reach',
      kind: 'digital-literacy-center',
      minutes: p.maxTravelMinutes,
      share: digitalLiteracyDemandShare(),
    },
    { id: 'population-within-travel-time', kind: 'digital-literacy-center', minutes: p.maxTravelMinutes },
    { id: 'coverage-share', kind: 'digital-literacy-center', minutes: p.maxTravelMinutes },
    { id: 'facility-capacity', kind: 'digital-literacy-center' },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
  adapt(profile) {
    // Sparse steppe: an hour's trip, smaller centres; dense: 20 minutes.
    const maxTravelMinutes = profile.densityPerKm2 < 5 ? 60 : profile.densityPerKm2 < 50 ? 30 : 20;
    const learnersPerCenterYear = profile.densityPerKm2 < 5 ? 120 : 240;
    // Centres enough for a district's yearly demand (target share × uptake × people ÷ places), 1…50.
    const centersPerDistrict = Math.min(
      50,
      Math.max(1, Math.ceil((profile.meanDistrictPopulation * digitalLiteracyDemandShare()) / learnersPerCenterYear)),
    );
    return { maxTravelMinutes, learnersPerCenterYear, centersPerDistrict };
  },
  expand(model, params) {
    const c = coefficients;
    const kinds = HOST_KINDS[params.hostKinds];
    const { facilities, demand } = model;
    const candidates: { at: LonLat; district: number; name: string; id: string; host: string }[] = [];
    const hosted = new Set<number>();
    for (let f = 0; f < facilities.count; f++) {
      const kind = facilities.kinds[facilities.kind[f]];
      if (!kinds.includes(kind) || facilities.district[f] < 0) continue;
      hosted.add(facilities.district[f]);
      candidates.push({
        at: [facilities.lonLat[f * 2], facilities.lonLat[f * 2 + 1]],
        district: facilities.district[f],
        name: facilities.names[f] || `${kind} ${facilities.ids[f]}`,
        id: facilities.ids[f],
        host: kind,
      });
    }
    if (params.fallbackToSettlements) {
      for (const i of settlementPoints(model)) {
        if (hosted.has(demand.district[i])) continue;
        candidates.push({
          at: [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]],
          district: demand.district[i],
          name: settlementName(model, i),
          id: demand.ids[i],
          host: 'settlement',
        });
      }
    }
    const lonLat = new Float64Array(candidates.length * 2);
    candidates.forEach((x, k) => lonLat.set(x.at, k * 2));
    const covers = travelTimeCoverSets(model, lonLat, params.maxTravelMinutes);
    const districts = new Set(candidates.map((x) => x.district));
    const solution = greedyMaximalCoverage({
      weights: demand.population,
      covers,
      budget: districts.size * params.centersPerDistrict,
      groupOf: candidates.map((x) => x.district),
      maxPerGroup: params.centersPerDistrict,
    });
    const changes: AddFacilityChange[] = solution.sites
      .slice()
      .sort((a, b) => candidates[a].district - candidates[b].district || a - b)
      .map((k) => {
        const x = candidates[k];
        return {
          type: 'add-facility',
          id: `digital-literacy-${x.id}`,
          kind: 'digital-literacy-center',
          at: x.at,
          name: `Digital-literacy courses at ${x.name}`,
          capacity: params.learnersPerCenterYear,
          capexKzt: c.capexKztPerCenter.value,
          opexKztPerYear: c.opexKztPerCenterYear.value,
          energyKwhPerYear: c.energyKwhPerCenterYear.value,
        };
      });
    let population = 0;
    for (let i = 0; i < demand.count; i++) population += demand.population[i];
    return {
      changes,
      summary: {
        centres: changes.length,
        placesPerYear: changes.length * params.learnersPerCenterYear,
        hostedIn: solution.sites.reduce<Record<string, number>>((acc, k) => {
          acc[candidates[k].host] = (acc[candidates[k].host] ?? 0) + 1;
          return acc;
        }, {}),
        targetLearnersPerYear: Math.round(population * digitalLiteracyDemandShare()),
        peopleWithinTravelLimit: solution.coveredWeight,
      },
    };
  },
};
