import type { Change, RegionModel } from '@regiontwin/core';
import type { TerritoryProfile } from './territory-profile.js';

/** Text in the three languages of Kazakhstan's public services. */
export interface LocalizedText {
  en: string;
  ru: string;
  kk: string;
}

/** One parameter of a template: type, unit, default, range and meaning. */
export interface ParameterSpec {
  type: 'number' | 'integer' | 'boolean' | 'string';
  /** Unit of a numeric parameter, e.g. `minutes`, `seats`, `KZT`. */
  unit?: string;
  default: number | boolean | string;
  minimum?: number;
  maximum?: number;
  /** Allowed values of a string parameter. */
  enum?: string[];
  description: string;
}

/** A cost or effect coefficient with the source it comes from. */
export interface Coefficient {
  value: number;
  unit: string;
  description: string;
  /** A public document, vendor range or statistic; "estimate" says how it was estimated. */
  source: string;
}

/** What an expansion produced: the concrete changes and a summary for the report. */
export interface TemplateExpansion {
  changes: Change[];
  summary: Record<string, unknown>;
}

/**
 * The contract of a standard, adaptable smart-region solution. Metadata is plain data; `adapt`
 * and `expand` are pure: the same model, parameters and random source give the same changes,
 * and the model is never mutated.
 */
export interface SolutionTemplate<P extends Record<string, unknown> = Record<string, unknown>> {
  /** Stable id used in scenarios, e.g. `it-hub-per-district`. */
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  category:
    | 'digital-access'
    | 'public-services'
    | 'energy'
    | 'safety'
    | 'mobility'
    | 'environment'
    | 'health'
    | 'urban-development';
  parameters: Record<keyof P & string, ParameterSpec>;
  coefficients: Record<string, Coefficient>;
  /** The indicators this template moves (ids with parameters), for reports and the conformance test. */
  indicators(params: P): { id: string; [param: string]: unknown }[];
  /** Proposes parameters for a territory from its profile. */
  adapt(profile: TerritoryProfile): Partial<P>;
  /** Expands into concrete changes on the model. */
  expand(model: RegionModel, params: P, random: () => number): TemplateExpansion;
}
