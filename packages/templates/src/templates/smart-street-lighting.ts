import type { AddCostChange } from '@regiontwin/core';
import {
  STREET_METERS_PER_RESIDENT_RURAL,
  STREET_METERS_PER_RESIDENT_URBAN,
  demandLonLat,
  estimatedStreetMeters,
  settlementName,
  settlementPoints,
} from '../settlement-points.js';
import type { Coefficient, SolutionTemplate } from '../template.js';

/** Parameters of {@link smartStreetLighting}. */
export interface StreetLightingParams extends Record<string, unknown> {
  minSettlementPopulation: number;
  lampSpacingMeters: number;
  dimmingSavingShare: number;
  tariffKztPerKwh: number;
}

const coefficients = {
  streetMetersPerResidentUrban: STREET_METERS_PER_RESIDENT_URBAN,
  streetMetersPerResidentRural: STREET_METERS_PER_RESIDENT_RURAL,
  oldLampWatts: {
    value: 170,
    unit: 'W/lamp',
    description: 'A 150 W high-pressure sodium lamp with its electromagnetic ballast (≈ 13 % losses).',
    source:
      'Manufacturer data for HPS 150 W luminaires (e.g. ДНаТ-150 with ballast): system power 165–172 W; IEC 60662 lamp ratings.',
  },
  ledLampWatts: {
    value: 75,
    unit: 'W/lamp',
    description: 'The LED luminaire that replaces a 150 W HPS one at the same road lighting class.',
    source: 'Vendor range for LED street luminaires replacing 150 W HPS: 60–90 W (2024–2025 catalogues); 75 W taken.',
  },
  burningHoursPerYear: {
    value: 4100,
    unit: 'h/year',
    description: 'Dusk-to-dawn operating hours of street lighting at 49–54° N.',
    source:
      'Dusk-to-dawn hours at Kostanay’s latitudes are ≈ 4,000–4,300 a year (astronomical tables); 4,100 h is the usual planning value for all-night burning in Europe (EN 13201 practice).',
  },
  capexKztPerLamp: {
    value: 180_000,
    unit: 'KZT/lamp',
    description: 'LED luminaire, dimming node controller and replacement on an existing pole.',
    source:
      'Vendor range, Kazakhstan market 2025: LED street luminaire 60,000–120,000 KZT + NEMA/Zhaga controller 30,000–60,000 KZT + ≈ 25,000 KZT installation from a lift truck.',
  },
  maintenanceSavingKztPerLampYear: {
    value: 4000,
    unit: 'KZT/lamp/year',
    description: 'Avoided HPS lamp replacements (every ≈ 4 years) and fewer night patrols.',
    source:
      'Estimate: an HPS lamp (≈ 6,000 KZT) plus a lift-truck visit (≈ 10,000 KZT) every 4 years ≈ 4,000 KZT/year; LED modules last ≈ 12–15 years.',
  },
  gridEmissionKgCo2PerKwh: {
    value: 0.64,
    unit: 'kg CO2/kWh',
    description:
      'Kazakhstan grid emission factor used to report CO2 saved (the scenario’s co2 indicator uses its own assumption, default the same).',
    source:
      'Ember, "Kazakhstan" country electricity profile (2023 data): grid carbon intensity ≈ 600–650 g CO2/kWh, coal ≈ two thirds of generation; the same 0.64 is @regiontwin/core’s default gridEmissionKgCo2PerKwh.',
  },
} satisfies Record<string, Coefficient>;

/**
 * LED retrofit of street lighting with adaptive dimming in every settlement above a size
 * threshold. Lamps come from the street length in the settlement (estimated from its residents
 * where the data has no street layer: region road layers hold the roads between settlements, not
 * their streets) ÷ pole spacing; saved kWh = lamps × (old W − LED W × (1 − dimming)) × hours;
 * CO2 by the Kazakhstan grid factor; payback = capex ÷ (energy cost + maintenance saved).
 */
export const smartStreetLighting: SolutionTemplate<StreetLightingParams> = {
  id: 'smart-street-lighting',
  title: {
    en: 'Smart LED street lighting',
    ru: 'Умное светодиодное уличное освещение',
    kk: 'Ақылды жарықдиодты көше жарығы',
  },
  description: {
    en: 'LED retrofit of street lamps with dimming in settlements above a size threshold: lamps from street length, kWh and CO2 saved (Kazakhstan grid factor), capex and payback years.',
    ru: 'Замена уличных светильников на светодиодные с диммированием в населённых пунктах крупнее порога: число светильников по длине улиц, экономия кВт·ч и CO2 (коэффициент энергосистемы Казахстана), капзатраты и срок окупаемости.',
    kk: 'Шектен ірі елді мекендерде көше шамдарын димминг жүйесі бар жарықдиодты шамдарға ауыстыру: шам саны көше ұзындығынан, үнемделген кВт·сағ және CO2 (Қазақстан энергожүйесінің коэффициенті), күрделі шығын және өтелу мерзімі.',
  },
  category: 'energy',
  parameters: {
    minSettlementPopulation: {
      type: 'integer',
      unit: 'people',
      default: 500,
      minimum: 0,
      maximum: 1_000_000,
      description: 'Settlements with fewer residents keep their lighting.',
    },
    lampSpacingMeters: {
      type: 'number',
      unit: 'm',
      default: 35,
      minimum: 15,
      maximum: 100,
      description: 'Distance between street lamps along a street (one row).',
    },
    dimmingSavingShare: {
      type: 'number',
      unit: 'share',
      default: 0.3,
      minimum: 0,
      maximum: 0.7,
      description: 'Share of LED energy saved by dimming in low-traffic hours.',
    },
    tariffKztPerKwh: {
      type: 'number',
      unit: 'KZT/kWh',
      default: 35,
      minimum: 5,
      maximum: 200,
      description:
        'Electricity tariff the lighting operator pays (Kostanay oblast tariffs for public consumers are ≈ 30–40 KZT/kWh in 2025).',
    },
  },
  coefficients,
  indicators: () => [
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
  adapt(profile) {
    // Cities: closer poles (busier streets, higher lighting class), lighter dimming, only towns
    // of some size; steppe villages: wider spacing, deeper dimming on empty night roads, small
    // villages included.
    if (profile.densityPerKm2 >= 50)
      return { lampSpacingMeters: 30, dimmingSavingShare: 0.25, minSettlementPopulation: 2000 };
    if (profile.densityPerKm2 < 5)
      return { lampSpacingMeters: 40, dimmingSavingShare: 0.4, minSettlementPopulation: 200 };
    return { lampSpacingMeters: 35, dimmingSavingShare: 0.3, minSettlementPopulation: 500 };
  },
  expand(model, params) {
    const c = coefficients;
    const savedKwhPerLamp =
      ((c.oldLampWatts.value - c.ledLampWatts.value * (1 - params.dimmingSavingShare)) * c.burningHoursPerYear.value) /
      1000;
    const changes: AddCostChange[] = [];
    let lamps = 0;
    let streetMeters = 0;
    for (const i of settlementPoints(model, params.minSettlementPopulation)) {
      const meters = estimatedStreetMeters(model.demand.population[i]);
      const n = Math.max(1, Math.round(meters / params.lampSpacingMeters));
      lamps += n;
      streetMeters += meters;
      const kwh = n * savedKwhPerLamp;
      changes.push({
        type: 'add-cost',
        label: `LED street lighting ${settlementName(model, i)} (${n} lamps)`,
        at: demandLonLat(model, i),
        capexKzt: n * c.capexKztPerLamp.value,
        opexKztPerYear: -Math.round(kwh * params.tariffKztPerKwh + n * c.maintenanceSavingKztPerLampYear.value),
        energyKwhPerYear: -Math.round(kwh),
      });
    }
    const kwhSaved = lamps * savedKwhPerLamp;
    const yearlySaving = kwhSaved * params.tariffKztPerKwh + lamps * c.maintenanceSavingKztPerLampYear.value;
    const capex = lamps * c.capexKztPerLamp.value;
    return {
      changes,
      summary: {
        settlements: changes.length,
        streetKm: Math.round(streetMeters / 100) / 10,
        lamps,
        kwhSavedPerYear: Math.round(kwhSaved),
        co2TonnesSavedPerYear: Math.round((kwhSaved * c.gridEmissionKgCo2PerKwh.value) / 100) / 10,
        capexKzt: capex,
        savingKztPerYear: Math.round(yearlySaving),
        paybackYears: yearlySaving > 0 ? Math.round((capex / yearlySaving) * 10) / 10 : null,
      },
    };
  },
};
