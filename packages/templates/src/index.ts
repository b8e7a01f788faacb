/**
 * @regiontwin/templates — the library of standard, adaptable smart-region solutions.
 * Scenarios reference templates by id; `expandTemplate` turns a reference into core changes.
 * @packageDocumentation
 */
export type { SolutionTemplate, ParameterSpec, Coefficient, LocalizedText, TemplateExpansion } from './template.js';
export { computeTerritoryProfile, URBAN_THRESHOLD_PEOPLE, type TerritoryProfile } from './territory-profile.js';
export { TEMPLATES, getTemplate, resolveTemplateParams, expandTemplate } from './registry.js';
export { renderTemplateCatalogue } from './render-catalogue.js';
export { itHubPerDistrict, type ItHubParams } from './templates/it-hub-per-district.js';
export { ruralBroadband, type RuralBroadbandParams, type BroadbandTechnology } from './templates/rural-broadband.js';
export {
  digitalLiteracyCenters,
  digitalLiteracyDemandShare,
  type DigitalLiteracyParams,
} from './templates/digital-literacy-centers.js';
export {
  publicServiceCenters,
  PUBLIC_SERVICE_CENTER_KIND,
  type PublicServiceParams,
} from './templates/public-service-centers.js';
export { smartStreetLighting, type StreetLightingParams } from './templates/smart-street-lighting.js';
export { safeCityCctv, CCTV_KIND, type SafeCityParams } from './templates/safe-city-cctv.js';
export {
  settlementPoints,
  estimatedStreetMeters,
  HOUSEHOLD_SIZE,
  STREET_METERS_PER_RESIDENT_URBAN,
  STREET_METERS_PER_RESIDENT_RURAL,
} from './settlement-points.js';
export {
  evChargingCorridor,
  placeCorridorSites,
  EV_CHARGER_KIND,
  type EvChargingCorridorParams,
  type CorridorGraph,
  type CorridorPlacement,
} from './templates/ev-charging-corridor.js';
export {
  smartTrafficSignals,
  rankIntersections,
  upgradedSpeedKmh,
  approachWeight,
  type SmartTrafficSignalsParams,
  type SignalSite,
} from './templates/smart-traffic-signals.js';
export {
  busLine,
  resolveStops,
  automaticStops,
  legMeters,
  BUS_STOP_KIND,
  type BusLineParams,
  type LineStop,
} from './templates/bus-line.js';
export {
  airQualitySensors,
  demandWithinRadius,
  AIR_SENSOR_KIND,
  type AirQualitySensorsParams,
} from './templates/air-quality-sensors.js';
export {
  newResidentialQuarter,
  destinationPoint,
  type NewResidentialQuarterParams,
} from './templates/new-residential-quarter.js';
export {
  telemedicinePoints,
  baselineTravelMinutes,
  TELEMEDICINE_KIND,
  type TelemedicinePointsParams,
} from './templates/telemedicine-points.js';
