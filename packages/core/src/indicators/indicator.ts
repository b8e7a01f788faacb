import type { ScenarioState } from '../scenario/scenario-state.js';
import type { IndicatorSpec } from '../scenario/scenario.js';
import { computeCoveredWithinMeters } from './covered-within-distance.js';
import { computeNearestDistanceMeters, computeTravelMinutes, nearestDistanceAfterAdditions } from './travel-times.js';

/**
 * What an indicator sees: one year's state (baseline or scenario) and memoised accessors for the
 * expensive shared quantities, so ten indicators over one kind run one graph search.
 */
export interface IndicatorContext {
  readonly state: ScenarioState;
  /** Great-circle metres from each demand point to the nearest facility of `kind`. */
  nearestDistanceMeters(kind: string): Float64Array;
  /** Minutes from each demand point to the nearest facility of `kind` (travel-time model). */
  travelMinutes(kind: string): Float64Array;
  /**
   * 1 for each demand point whose nearest facility of `kind` is within `meters` great-circle
   * metres, else 0: `nearestDistanceMeters(kind)[i] <= meters`, from the distances when they are
   * at hand, else by a search that decides most points without measuring them.
   */
  withinDistance(kind: string, meters: number): Uint8Array;
}

/** An indicator's value in one state: the region total and one value per district. */
export interface IndicatorValue {
  /** Region total (NaN when undefined, written as null). */
  total: number;
  /** Per district, in the model's district order. */
  byDistrict: Float64Array;
}

/**
 * The plug-in contract for indicators. Built-ins implement it too; a third party registers its
 * own with {@link IndicatorRegistry.register}. `compute` must be pure: same state, same value.
 */
export interface IndicatorDefinition<P = Record<string, unknown>> {
  /** Stable id used in scenarios, e.g. `population-within-travel-time`. */
  id: string;
  /** One-line description. */
  title: string;
  /** Unit of every value, e.g. `people`, `minutes`, `share`, `KZT`. */
  unit: string;
  /** Whether more is better. Drives rankings. */
  better: 'higher' | 'lower' | 'none';
  /**
   * Checks and normalises the parameters of a spec (defaults filled in).
   * @throws Error with a message naming the bad parameter.
   */
  parseParams(spec: IndicatorSpec): P;
  /** A human label for these parameters, e.g. "People within 30 min of a school". */
  label(params: P): string;
  /** Computes the value in one state. */
  compute(context: IndicatorContext, params: P): IndicatorValue;
}

/** A set of indicator definitions by id. */
export class IndicatorRegistry {
  private readonly definitions = new Map<string, IndicatorDefinition<never>>();

  constructor(definitions: readonly IndicatorDefinition<never>[] = []) {
    for (const d of definitions) this.register(d);
  }

  /** Adds a definition. @throws Error when the id is taken. */
  register<P>(definition: IndicatorDefinition<P>): this {
    if (this.definitions.has(definition.id)) throw new Error(`indicator "${definition.id}" is already registered`);
    this.definitions.set(definition.id, definition as unknown as IndicatorDefinition<never>);
    return this;
  }

  /** The definition of an id, or undefined. */
  get(id: string): IndicatorDefinition<Record<string, unknown>> | undefined {
    return this.definitions.get(id) as IndicatorDefinition<Record<string, unknown>> | undefined;
  }

  /** All registered ids. */
  ids(): string[] {
    return [...this.definitions.keys()];
  }
}

/**
 * Creates the context for a state. `shared` caches travel arrays across states with the same
 * configurationKey (years before any change takes effect share the baseline's searches).
 */
export function createIndicatorContext(
  state: ScenarioState,
  shared: Map<string, unknown> = new Map(),
): IndicatorContext {
  /** The memoised value of `key` in this state's configuration, if some indicator computed it. */
  const peek = <T>(key: string): T | undefined => shared.get(`${state.configurationKey}|${key}`) as T | undefined;
  const memo = <T>(key: string, make: () => T): T => {
    let value = peek<T>(key);
    if (value === undefined) {
      value = make();
      shared.set(`${state.configurationKey}|${key}`, value);
    }
    return value;
  };
  const context: IndicatorContext = {
    state,
    nearestDistanceMeters: (kind) => memo(`distance|${kind}`, () => computeNearestDistanceMeters(state, kind)),
    travelMinutes: (kind) =>
      memo(`travel|${kind}`, () => computeTravelMinutes(state, kind, context.nearestDistanceMeters(kind))),
    withinDistance: (kind, meters) =>
      memo(`within|${kind}|${meters}`, () => {
        // Distances already computed (or kept per model) answer at once; otherwise decide coverage
        // without them (about 3× faster than the distances on 1M points; bench/population-within-2km-1m).
        const distances = peek<Float64Array>(`distance|${kind}`) ?? nearestDistanceAfterAdditions(state, kind);
        if (!distances) return computeCoveredWithinMeters(state, kind, meters);
        const within = new Uint8Array(distances.length);
        for (let i = 0; i < distances.length; i++) within[i] = distances[i] <= meters ? 1 : 0;
        return within;
      }),
  };
  return context;
}
