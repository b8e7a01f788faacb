/**
 * @regiontwin/templates — the library of standard, adaptable smart-region solutions.
 * Scenarios reference templates by id; `expandTemplate` turns a reference into core changes.
 * @packageDocumentation
 */
export type { SolutionTemplate, ParameterSpec, Coefficient, LocalizedText, TemplateExpansion } from './template.js';
export { computeTerritoryProfile, URBAN_THRESHOLD_PEOPLE, type TerritoryProfile } from './territory-profile.js';
export { TEMPLATES, getTemplate, resolveTemplateParams, expandTemplate } from './registry.js';
export { itHubPerDistrict, type ItHubParams } from './templates/it-hub-per-district.js';
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
