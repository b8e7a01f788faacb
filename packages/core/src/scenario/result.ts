/** The schema tag of a result document. */
export const RESULT_SCHEMA = 'regiontwin/result@1';

/**
 * Numbers in a result are `number | null`: null where a value is undefined, e.g. the mean
 * travel time to a kind of facility that does not exist yet (JSON has no NaN or Infinity).
 */
export type ResultNumber = number | null;

/** One district's value of an indicator. */
export interface DistrictValue {
  /** District id. */
  id: string;
  /** District name. */
  name: string;
  /** Value without the scenario's changes (final year). */
  baseline: ResultNumber;
  /** Value with the scenario's changes (final year). */
  scenario: ResultNumber;
  /** scenario − baseline. */
  delta: ResultNumber;
}

/** One year's value of an indicator. */
export interface YearValue {
  year: number;
  baseline: ResultNumber;
  scenario: ResultNumber;
  delta: ResultNumber;
  /**
   * That year's district values, in the order of the indicator's `byDistrict` list (whose
   * entries name the districts): what a year slider colours the map with. Optional for results
   * written before it existed.
   */
  byDistrict?: { baseline: ResultNumber[]; scenario: ResultNumber[] };
}

/** One indicator's values in a result. */
export interface IndicatorResult {
  /** Indicator id, e.g. `population-within-travel-time`. */
  id: string;
  /** The parameters it was computed with. */
  params: Record<string, unknown>;
  /** Unit of every number, e.g. `people`, `minutes`, `KZT`, `share`. */
  unit: string;
  /** Human label, e.g. "People within 30 min of an it-hub". */
  label: string;
  /** Whether more is better (`higher`), less is better (`lower`), or neither (`none`). */
  better: 'higher' | 'lower' | 'none';
  /** Region total (final year). */
  baseline: ResultNumber;
  scenario: ResultNumber;
  delta: ResultNumber;
  /** Per district, in the model's district order (final year). */
  byDistrict: DistrictValue[];
  /** Per year, start … end. */
  byYear: YearValue[];
}

/** The result document shared by the CLI, the viewer and reports. */
export interface ScenarioResult {
  schema: typeof RESULT_SCHEMA;
  /** Scenario name. */
  scenario: string;
  /** Region id. */
  region: string;
  /** First and last modelled year. */
  years: { start: number; end: number };
  /** The seed the scenario ran with. */
  seed: number;
  /** The assumptions in force, with defaults filled in. */
  assumptions: Record<string, number>;
  /** The expanded, concrete changes with coordinates. */
  interventions: unknown[];
  indicators: IndicatorResult[];
  /** Data attribution of the region. */
  attribution: string[];
  /** Warnings (e.g. synthetic data used). */
  warnings: string[];
}
