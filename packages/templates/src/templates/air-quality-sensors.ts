import { greedyMaximalCoverage, haversineMeters, type AddFacilityChange, type RegionModel } from '@regiontwin/core';
import type { Coefficient, SolutionTemplate } from '../template.js';

/** Parameters of {@link airQualitySensors}. */
export interface AirQualitySensorsParams extends Record<string, unknown> {
  sensors: number;
  coverageRadiusMeters: number;
  minPeoplePerSensor: number;
}

/** The facility kind this template adds (and counts when the data already has some). */
export const AIR_SENSOR_KIND = 'air-quality-sensor';

/**
 * For each of the model's demand points, the demand points within `radiusMeters` of it
 * (great-circle). Points are binned in square cells of the projected plane 5 % wider than the
 * radius (the projection stretches lengths by well under 5 % at regional and national scale), so
 * only the 3 × 3 cells around a point are tested.
 */
export function demandWithinRadius(model: RegionModel, radiusMeters: number): Uint32Array[] {
  const { demand } = model;
  const cell = radiusMeters * 1.05;
  const bins = new Map<string, number[]>();
  const cellOf = (i: number) => [Math.floor(demand.xy[i * 2] / cell), Math.floor(demand.xy[i * 2 + 1] / cell)];
  for (let i = 0; i < demand.count; i++) {
    const [cx, cy] = cellOf(i);
    const key = `${cx},${cy}`;
    let list = bins.get(key);
    if (!list) bins.set(key, (list = []));
    list.push(i);
  }
  const out: Uint32Array[] = [];
  for (let i = 0; i < demand.count; i++) {
    const [cx, cy] = cellOf(i);
    const hits: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of bins.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = haversineMeters(
            demand.lonLat[i * 2],
            demand.lonLat[i * 2 + 1],
            demand.lonLat[j * 2],
            demand.lonLat[j * 2 + 1],
          );
          if (d <= radiusMeters) hits.push(j);
        }
      }
    }
    out.push(Uint32Array.from(hits.sort((a, b) => a - b)));
  }
  return out;
}

/** urbanRadiusMeters: a coefficient that is also a parameter default (one source for both). */
const URBAN_RADIUS_METERS: Coefficient = {
  value: 1000,
  unit: 'm',
  description: 'Default coverage radius in towns.',
  source:
    'Directive 2008/50/EC on ambient air quality, Annex III: urban-background sampling points are representative of several square kilometres; a 1 km radius (≈ 3 km²) assumed.',
};

/**
 * A network of low-cost air-quality sensors that watches the air where the most people breathe
 * it: sensors at settlements (or buildings) chosen by lazy greedy maximal coverage — each next
 * sensor covers the most people not yet within the coverage radius of a sensor, existing ones
 * included — until the budget is spent or a sensor would add fewer than `minPeoplePerSensor`.
 */
export const airQualitySensors: SolutionTemplate<AirQualitySensorsParams> = {
  id: 'air-quality-sensors',
  title: {
    en: 'Air-quality sensor network',
    ru: 'Сеть датчиков качества воздуха',
    kk: 'Ауа сапасы датчиктерінің желісі',
  },
  description: {
    en: 'Low-cost PM2.5/PM10 sensors placed where each covers the most residents not yet covered, so that the network watches the air of the most people per sensor.',
    ru: 'Недорогие датчики PM2.5/PM10 там, где каждый охватывает больше всего ещё не охваченных жителей, чтобы сеть наблюдала воздух наибольшего числа людей на датчик.',
    kk: 'Әр датчик әлі қамтылмаған тұрғындардың ең көбін қамтитын жерлерде арзан PM2.5/PM10 датчиктері — желі бір датчикке шаққанда ең көп адамның ауасын бақылайды.',
  },
  category: 'environment',
  parameters: {
    sensors: {
      type: 'integer',
      unit: 'sensors',
      default: 20,
      minimum: 1,
      maximum: 5000,
      description: 'Most sensors to install.',
    },
    coverageRadiusMeters: {
      type: 'number',
      unit: 'm',
      default: URBAN_RADIUS_METERS.value,
      minimum: 100,
      maximum: 50_000,
      description:
        'Distance within which a sensor’s readings represent the air residents breathe (rural background air is uniform over tens of km).',
    },
    minPeoplePerSensor: {
      type: 'integer',
      unit: 'people',
      default: 100,
      minimum: 1,
      maximum: 1_000_000,
      description: 'A sensor is installed only where it covers at least this many residents not yet covered.',
    },
  },
  coefficients: {
    capexKztPerSensor: {
      value: 1_000_000,
      unit: 'KZT/sensor',
      description: 'A weatherproof PM2.5/PM10 node with a cellular modem, mounted on a pole or building.',
      source:
        'Estimate: low-cost air sensors cost from a few hundred to a few thousand US dollars (US EPA, Air Sensor Guidebook, EPA/600/R-14/159, 2014); ≈ USD 2,000 per installed municipal node × ≈ 500 KZT/USD (National Bank of Kazakhstan, 2025).',
    },
    opexKztPerSensorYear: {
      value: 200_000,
      unit: 'KZT/sensor/year',
      description: 'Data plan, platform, co-location calibration and replacement of the sensing element.',
      source:
        'Estimate: ≈ USD 400 per node and year (cellular data and platform ≈ USD 150, calibration against a reference station and a new optical sensor every 2–3 years ≈ USD 250) × ≈ 500 KZT/USD.',
    },
    energyKwhPerSensorYear: {
      value: 26,
      unit: 'kWh/sensor/year',
      description: 'Electricity of one node (≈ 3 W around the clock).',
      source:
        'Estimate: an optical particle sensor draws ≈ 0.5 W (≈ 100 mA at 5 V, Plantower PMS5003 datasheet) and a cellular modem and controller ≈ 2–3 W; 3 W × 8,760 h = 26 kWh.',
    },
    urbanRadiusMeters: URBAN_RADIUS_METERS,
  },
  indicators: (p) => [
    { id: 'population-within-distance', kind: AIR_SENSOR_KIND, meters: p.coverageRadiusMeters },
    { id: 'coverage-share', kind: AIR_SENSOR_KIND, meters: p.coverageRadiusMeters },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
  adapt(profile) {
    // Roughly one sensor per 25,000 residents (5…500). In towns a sensor represents its
    // neighbourhood (1 km); in the steppe the air is more uniform and a sensor in a village
    // speaks for it and its surroundings (5 km), where fewer people live.
    const sensors = Math.min(500, Math.max(5, Math.round(profile.population / 25_000)));
    const dense = profile.densityPerKm2 >= 50;
    return {
      sensors,
      coverageRadiusMeters: dense ? URBAN_RADIUS_METERS.value : 5000,
      minPeoplePerSensor: dense ? 1000 : 200,
    };
  },
  expand(model, params) {
    const { demand } = model;
    const covers = demandWithinRadius(model, params.coverageRadiusMeters);
    // People already within the radius of an existing sensor add nothing.
    const alreadyCovered = new Uint8Array(demand.count);
    const f = model.facilities;
    let existing = 0;
    for (let s = 0; s < f.count; s++) {
      if (f.kinds[f.kind[s]] !== AIR_SENSOR_KIND) continue;
      existing++;
      for (let i = 0; i < demand.count; i++) {
        const d = haversineMeters(f.lonLat[s * 2], f.lonLat[s * 2 + 1], demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]);
        if (d <= params.coverageRadiusMeters) alreadyCovered[i] = 1;
      }
    }
    // Candidates: demand points inside a district.
    const candidates: number[] = [];
    for (let i = 0; i < demand.count; i++) if (demand.district[i] >= 0) candidates.push(i);
    const solution = greedyMaximalCoverage({
      weights: demand.population,
      covers: candidates.map((i) => covers[i]),
      budget: params.sensors,
      alreadyCovered,
    });
    // Greedy gains never grow: keep the prefix of sensors that each add enough people.
    let keep = 0;
    while (keep < solution.sites.length && solution.gains[keep] >= params.minPeoplePerSensor) keep++;
    const c = this.coefficients;
    const changes: AddFacilityChange[] = solution.sites.slice(0, keep).map((k, n) => {
      const i = candidates[k];
      return {
        type: 'add-facility',
        id: `air-sensor-${n + 1}`,
        kind: AIR_SENSOR_KIND,
        at: [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]],
        name: `Air-quality sensor ${demand.names[i] || demand.ids[i]}`,
        capexKzt: c.capexKztPerSensor.value,
        opexKztPerYear: c.opexKztPerSensorYear.value,
        energyKwhPerYear: c.energyKwhPerSensorYear.value,
      };
    });
    const covered = solution.gains.slice(0, keep).reduce((a, b) => a + b, 0);
    return {
      changes,
      summary: {
        sensors: changes.length,
        existingSensors: existing,
        peopleCovered: covered,
        peoplePerSensor: changes.length ? Math.round(covered / changes.length) : 0,
        stoppedEarly: keep < params.sensors,
      },
    };
  },
};
