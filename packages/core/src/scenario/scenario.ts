import type { RoadClass } from '../model/region-model.js';

/** The schema tag of a scenario document. */
export const SCENARIO_SCHEMA = 'regiontwin/scenario@1';

/** [longitude, latitude], degrees (WGS84). */
export type LonLat = [number, number];

/** Cost and energy fields any change may carry (added up by the cost indicators). */
export interface ChangeCosts {
  /** One-off investment, KZT. */
  capexKzt?: number;
  /** Operating cost per year, KZT; negative is a saving. */
  opexKztPerYear?: number;
  /** Change in electricity use per year, kWh; negative is a saving. */
  energyKwhPerYear?: number;
}

/** Common fields: the year a change takes effect (default: the first modelled year). */
interface ChangeBase extends ChangeCosts {
  year?: number;
}

/** Adds a facility of a kind at a point. */
export interface AddFacilityChange extends ChangeBase {
  type: 'add-facility';
  /** Id for later changes; default `added-<index>`. */
  id?: string;
  kind: string;
  at: LonLat;
  name?: string;
  /** Seats, beds, pupils… */
  capacity?: number;
}
/** Removes an existing (or earlier added) facility by id. */
export interface RemoveFacilityChange extends ChangeBase {
  type: 'remove-facility';
  id: string;
}
/** Moves a facility to a new point. */
export interface MoveFacilityChange extends ChangeBase {
  type: 'move-facility';
  id: string;
  to: LonLat;
}
/** Adds a road along `coordinates`; its ends join the nearest nodes of the network. */
export interface AddRoadChange extends ChangeBase {
  type: 'add-road';
  id?: string;
  coordinates: LonLat[];
  class: RoadClass;
  /** Speed, km/h; default by class. */
  speedKmh?: number;
}
/** Changes the class and/or speed of every edge of a road feature. */
export interface UpgradeRoadChange extends ChangeBase {
  type: 'upgrade-road';
  id: string;
  class?: RoadClass;
  speedKmh?: number;
}
/** Adds a settlement or development (a demand point) with residents. */
export interface AddSettlementChange extends ChangeBase {
  type: 'add-settlement';
  id?: string;
  at: LonLat;
  population: number;
  name?: string;
}
/** Sets a demand point's baseline population (before growth). */
export interface SetPopulationChange extends ChangeBase {
  type: 'set-population';
  id: string;
  population: number;
}
/** A cost or energy line with no geometry effect (e.g. an LED retrofit), optionally located. */
export interface AddCostChange extends ChangeBase {
  type: 'add-cost';
  label: string;
  at?: LonLat;
}

/** A concrete change to the region. Templates expand into these. */
export type Change =
  | AddFacilityChange
  | RemoveFacilityChange
  | MoveFacilityChange
  | AddRoadChange
  | UpgradeRoadChange
  | AddSettlementChange
  | SetPopulationChange
  | AddCostChange;

/** A reference to a template of the library, with its parameters. */
export interface TemplateIntervention {
  template: string;
  params?: Record<string, unknown>;
  year?: number;
}

/** What a scenario lists: concrete changes or template references. */
export type Intervention = Change | TemplateIntervention;

/** An indicator request: an id and its parameters. */
export interface IndicatorSpec {
  id: string;
  [param: string]: unknown;
}

/** The modelling assumptions; every one has a documented default (docs/indicators.md). */
export interface Assumptions {
  /** Population growth, share per year (0.004 = +0.4 %/yr). @default 0 */
  populationGrowthPerYear: number;
  /** Speed to reach the nearest road node, and of direct trips, km/h. @default 20 */
  accessSpeedKmh: number;
  /** Speed when the region has no road network, km/h. @default 60 */
  noRoadSpeedKmh: number;
  /** Road distance ÷ straight-line distance when there is no road network. @default 1.3 */
  circuityFactor: number;
  /** Grid emission factor, kg CO2 per kWh. @default 0.64 (see docs/indicators.md) */
  gridEmissionKgCo2PerKwh: number;
  /** Annual discount rate. @default 0.08 */
  discountRate: number;
  /** Road speeds by class, km/h; missing classes take DEFAULT_SPEED_KMH_BY_CLASS. */
  speedKmhByClass: Partial<Record<RoadClass, number>>;
}

/** A scenario document as written (`regiontwin/scenario@1`). */
export interface ScenarioDocument {
  schema: typeof SCENARIO_SCHEMA;
  name: string;
  description?: string;
  /** Region folder (or region.json) relative to the scenario file. */
  region: string;
  seed?: number;
  years?: { start: number; end: number };
  assumptions?: Partial<Assumptions>;
  interventions: Intervention[];
  indicators?: IndicatorSpec[];
}

/** A scenario ready to run: templates expanded, defaults filled in. Plain data (crosses to workers). */
export interface ConcreteScenario {
  name: string;
  seed: number;
  years: { start: number; end: number };
  assumptions: Assumptions;
  changes: Change[];
  indicators: IndicatorSpec[];
  /** What each template expanded into, for the result's `interventions` (optional). */
  interventions?: unknown[];
}

/** Whether an intervention is a template reference. */
export function isTemplateIntervention(intervention: Intervention): intervention is TemplateIntervention {
  return typeof (intervention as TemplateIntervention).template === 'string';
}
