import type { AddFacilityChange } from '@regiontwin/core';
import {
  STREET_METERS_PER_RESIDENT_RURAL,
  STREET_METERS_PER_RESIDENT_URBAN,
  demandLonLat,
  estimatedStreetMeters,
  settlementName,
  settlementPoints,
} from '../settlement-points.js';
import type { Coefficient, SolutionTemplate } from '../template.js';

/** Parameters of {@link safeCityCctv}. */
export interface SafeCityParams extends Record<string, unknown> {
  minTownPopulation: number;
  intersectionShare: number;
  mainStreetCameraSpacingMeters: number;
}

/** Facility kind of a town's CCTV system; its capacity is the street length it watches, metres. */
export const CCTV_KIND = 'cctv-system';

const coefficients = {
  streetMetersPerResidentUrban: STREET_METERS_PER_RESIDENT_URBAN,
  streetMetersPerResidentRural: STREET_METERS_PER_RESIDENT_RURAL,
  intersectionsPerStreetKm: {
    value: 4,
    unit: 'intersections/km',
    description: 'Street intersections per km of street in a Kazakh town (blocks of ≈ 250 m).',
    source:
      'Estimate from the Soviet-era rectangular grid of oblast towns (kvartal blocks ≈ 200–300 m a side): one intersection every ≈ 250 m of street.',
  },
  mainStreetShare: {
    value: 0.2,
    unit: 'share of street length',
    description: 'Share of a town’s street length that is main (arterial) streets.',
    source:
      'Estimate: arterial and collector streets are usually 15–25 % of an urban street network’s length (e.g. US FHWA "Highway Functional Classification Concepts" 2013: urban arterials + collectors 15–25 % of mileage).',
  },
  watchedMetersPerCamera: {
    value: 100,
    unit: 'm/camera',
    description: 'Street length one camera watches at a useful resolution (about 50 m each way).',
    source:
      'IEC 62676-4 (2014) "Observe" level (≥ 62.5 px/m) for a 4 MP camera with a ≈ 60° lens reaches ≈ 40–60 m; 100 m of street per camera.',
  },
  cameraCapexKzt: {
    value: 600_000,
    unit: 'KZT/camera',
    description: 'A 4 MP outdoor IP camera, mount or pole, cabling and installation.',
    source:
      'Vendor range, Kazakhstan market 2025: outdoor 4 MP IP camera 100,000–250,000 KZT; pole, PoE switch share, fibre/cable and installation ≈ 350,000–450,000 KZT.',
  },
  controlRoomCapexKzt: {
    value: 50_000_000,
    unit: 'KZT/town',
    description: 'Video management servers, storage (30 days), video wall and workstations per town.',
    source:
      'Estimate: VMS licences and servers ≈ 20 million, ≈ 0.5 PB storage ≈ 20 million, video wall and workstations ≈ 10 million KZT (vendor price level 2025).',
  },
  cameraOpexKztPerYear: {
    value: 60_000,
    unit: 'KZT/camera/year',
    description: 'Data channel, maintenance and licence upkeep per camera and year.',
    source: 'Estimate: ≈ 3,000 KZT/month channel + ≈ 24,000 KZT/year maintenance and support per camera.',
  },
  cameraPowerWatts: {
    value: 15,
    unit: 'W/camera',
    description: 'Power of an outdoor PoE camera with IR illumination.',
    source: 'IEEE 802.3af (PoE) class 0 limit 15.4 W; vendor datasheets of outdoor IR cameras list 8–15 W.',
  },
} satisfies Record<string, Coefficient>;

/**
 * Safe City video surveillance in every town above a size threshold: cameras at a share of the
 * intersections and along main streets at a spacing. Street length and intersections come from
 * the town's residents where the data has no street layer (see the coefficients). One facility
 * per town (kind `cctv-system`) carries the cameras' costs, with the street metres it watches as
 * its capacity: `facility-capacity` sums the watched street length; the share is in the summary.
 */
export const safeCityCctv: SolutionTemplate<SafeCityParams> = {
  id: 'safe-city-cctv',
  title: {
    en: 'Safe City video surveillance',
    ru: 'Видеонаблюдение «Безопасный город»',
    kk: '«Қауіпсіз қала» бейнебақылауы',
  },
  description: {
    en: 'Cameras at intersections and along main streets of towns with a control room each; reports cameras, costs and the share of street length watched.',
    ru: 'Камеры на перекрёстках и главных улицах городов и ситуационный центр в каждом; показывает число камер, затраты и долю длины улиц под наблюдением.',
    kk: 'Қалалардың қиылыстары мен басты көшелеріндегі камералар және әрқайсысында жағдаяттық орталық; камералар санын, шығындарды және бақыланатын көше ұзындығының үлесін көрсетеді.',
  },
  category: 'safety',
  parameters: {
    minTownPopulation: {
      type: 'integer',
      unit: 'people',
      default: 5000,
      minimum: 500,
      maximum: 1_000_000,
      description: 'Settlements with at least this many residents get a Safe City system.',
    },
    intersectionShare: {
      type: 'number',
      unit: 'share',
      default: 0.3,
      minimum: 0,
      maximum: 1,
      description: 'Share of the intersections equipped with a camera (the busiest first).',
    },
    mainStreetCameraSpacingMeters: {
      type: 'number',
      unit: 'm',
      default: 250,
      minimum: 50,
      maximum: 2000,
      description: 'One camera every this many metres along main streets.',
    },
  },
  coefficients,
  indicators: () => [
    { id: 'facility-capacity', kind: CCTV_KIND },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
  adapt(profile) {
    // Cities: more intersections watched and denser main-street cameras, only towns proper;
    // sparse steppe: district centres of a few thousand people too, lighter coverage.
    if (profile.densityPerKm2 >= 50) {
      return { minTownPopulation: 10_000, intersectionShare: 0.5, mainStreetCameraSpacingMeters: 150 };
    }
    if (profile.densityPerKm2 < 5) {
      return { minTownPopulation: 3000, intersectionShare: 0.2, mainStreetCameraSpacingMeters: 400 };
    }
    return { minTownPopulation: 5000, intersectionShare: 0.3, mainStreetCameraSpacingMeters: 250 };
  },
  expand(model, params) {
    const c = coefficients;
    const changes: AddFacilityChange[] = [];
    const towns: { name: string; cameras: number; streetKm: number; watchedShare: number }[] = [];
    let totalStreet = 0;
    let totalWatched = 0;
    for (const i of settlementPoints(model, params.minTownPopulation)) {
      const streetMeters = estimatedStreetMeters(model.demand.population[i]);
      const atIntersections = Math.round(
        (streetMeters / 1000) * c.intersectionsPerStreetKm.value * params.intersectionShare,
      );
      const alongMainStreets = Math.round(
        (streetMeters * c.mainStreetShare.value) / params.mainStreetCameraSpacingMeters,
      );
      const cameras = Math.max(1, atIntersections + alongMainStreets);
      const watched = Math.min(streetMeters, cameras * c.watchedMetersPerCamera.value);
      totalStreet += streetMeters;
      totalWatched += watched;
      const name = settlementName(model, i);
      towns.push({
        name,
        cameras,
        streetKm: Math.round(streetMeters / 100) / 10,
        watchedShare: Math.round((watched / streetMeters) * 1000) / 1000,
      });
      changes.push({
        type: 'add-facility',
        id: `cctv-${model.demand.ids[i]}`,
        kind: CCTV_KIND,
        at: demandLonLat(model, i),
        name: `Safe City CCTV ${name} (${cameras} cameras)`,
        capacity: Math.round(watched),
        capexKzt: c.controlRoomCapexKzt.value + cameras * c.cameraCapexKzt.value,
        opexKztPerYear: cameras * c.cameraOpexKztPerYear.value,
        energyKwhPerYear: Math.round((cameras * c.cameraPowerWatts.value * 8760) / 1000),
      });
    }
    return {
      changes,
      summary: {
        towns: towns.length,
        cameras: towns.reduce((sum, t) => sum + t.cameras, 0),
        streetKmWatched: Math.round(totalWatched / 100) / 10,
        streetShareWatched: totalStreet > 0 ? Math.round((totalWatched / totalStreet) * 1000) / 1000 : null,
        byTown: towns,
      },
    };
  },
};
