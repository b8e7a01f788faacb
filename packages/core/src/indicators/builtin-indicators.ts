import type { IndicatorSpec } from '../scenario/scenario.js';
import type { IndicatorContext, IndicatorDefinition, IndicatorValue } from './indicator.js';
import { IndicatorRegistry } from './indicator.js';
import { capacityReach, facilityCapacity } from './capacity-indicators.js';
import { capacityPer1000Residents } from './capacity-per-1000-residents.js';
import { largestRoadGap } from './largest-road-gap.js';
import { populationWithinTravelTimeOfAny } from './population-within-travel-time-of-any.js';

/** Reads a required non-empty string parameter. */
function stringParam(spec: IndicatorSpec, name: string): string {
  const value = spec[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`indicator "${spec.id}" needs "${name}" (a facility kind, e.g. "school")`);
  }
  return value;
}

/** Reads a positive number parameter, with a default when given. */
function positiveParam(spec: IndicatorSpec, name: string, unit: string, fallback?: number): number {
  const value = spec[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(
      `indicator "${spec.id}" needs "${name}" as a positive number of ${unit} (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}

/** Rejects parameters the indicator does not know (a typo must not silently change a result). */
function onlyParams(spec: IndicatorSpec, allowed: string[]): void {
  for (const key of Object.keys(spec)) {
    if (key !== 'id' && !allowed.includes(key)) {
      throw new Error(`indicator "${spec.id}" has no parameter "${key}" (known: ${allowed.join(', ') || 'none'})`);
    }
  }
}

/** Sums population where `covered(i)` holds, in total and by district. */
function coveredPopulation(context: IndicatorContext, covered: (i: number) => boolean): IndicatorValue {
  const { demand } = context.state;
  const byDistrict = new Float64Array(context.state.model.districts.count);
  let total = 0;
  for (let i = 0; i < demand.count; i++) {
    if (!covered(i)) continue;
    const p = demand.population[i];
    total += p;
    if (demand.district[i] >= 0) byDistrict[demand.district[i]] += p;
  }
  return { total, byDistrict };
}

/** Population in total and by district. */
function totalPopulation(context: IndicatorContext): IndicatorValue {
  return coveredPopulation(context, () => true);
}

/** Divides two values element-wise (NaN where the denominator is 0). */
function ratio(numerator: IndicatorValue, denominator: IndicatorValue): IndicatorValue {
  return {
    total: denominator.total > 0 ? numerator.total / denominator.total : NaN,
    byDistrict: numerator.byDistrict.map((v, d) =>
      denominator.byDistrict[d] > 0 ? v / denominator.byDistrict[d] : NaN,
    ),
  };
}

/**
 * A facility kind with its indefinite article, for labels: "an it-hub", "a school". The article
 * follows the kind's first letter (a vowel takes "an"), which reads right for the usual kinds.
 */
function withArticle(kind: string): string {
  return `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`;
}

interface KindDistance {
  kind: string;
  meters: number;
}
interface KindMinutes {
  kind: string;
  minutes: number;
}

/** People whose nearest facility of `kind` is within `meters` (great-circle). Unit: people. */
export const populationWithinDistance: IndicatorDefinition<KindDistance> = {
  id: 'population-within-distance',
  title: 'People whose nearest facility of a kind is within a straight-line distance',
  unit: 'people',
  better: 'higher',
  parseParams(spec) {
    onlyParams(spec, ['kind', 'meters']);
    return { kind: stringParam(spec, 'kind'), meters: positiveParam(spec, 'meters', 'metres') };
  },
  label: (p) => `People within ${p.meters} m of ${withArticle(p.kind)}`,
  compute(context, p) {
    const within = context.withinDistance(p.kind, p.meters);
    return coveredPopulation(context, (i) => within[i] === 1);
  },
};

/** People whose nearest facility of `kind` is within `minutes` by the travel-time model. */
export const populationWithinTravelTime: IndicatorDefinition<KindMinutes> = {
  id: 'population-within-travel-time',
  title: 'People whose nearest facility of a kind is within a travel time',
  unit: 'people',
  better: 'higher',
  parseParams(spec) {
    onlyParams(spec, ['kind', 'minutes']);
    return { kind: stringParam(spec, 'kind'), minutes: positiveParam(spec, 'minutes', 'minutes') };
  },
  label: (p) => `People within ${p.minutes} min of ${withArticle(p.kind)}`,
  compute(context, p) {
    const minutes = context.travelMinutes(p.kind);
    return coveredPopulation(context, (i) => minutes[i] <= p.minutes);
  },
};

/** Population-weighted mean minutes to the nearest facility of `kind` (NaN when none is reachable). */
export const meanTravelTime: IndicatorDefinition<{ kind: string }> = {
  id: 'mean-travel-time',
  title: 'Population-weighted mean travel time to the nearest facility of a kind',
  unit: 'minutes',
  better: 'lower',
  parseParams(spec) {
    onlyParams(spec, ['kind']);
    return { kind: stringParam(spec, 'kind') };
  },
  label: (p) => `Mean travel time to ${withArticle(p.kind)}`,
  compute(context, p) {
    const minutes = context.travelMinutes(p.kind);
    const { demand, model } = context.state;
    const weighted = new Float64Array(model.districts.count);
    const people = new Float64Array(model.districts.count);
    let totalWeighted = 0;
    let totalPeople = 0;
    for (let i = 0; i < demand.count; i++) {
      const t = minutes[i];
      const w = demand.population[i];
      if (!Number.isFinite(t) || w <= 0) continue;
      totalWeighted += t * w;
      totalPeople += w;
      const d = demand.district[i];
      if (d >= 0) {
        weighted[d] += t * w;
        people[d] += w;
      }
    }
    return {
      total: totalPeople > 0 ? totalWeighted / totalPeople : NaN,
      byDistrict: weighted.map((v, d) => (people[d] > 0 ? v / people[d] : NaN)),
    };
  },
};

interface CoverageParams {
  kind: string;
  minutes?: number;
  meters?: number;
}

function parseCoverage(spec: IndicatorSpec, extra: string[] = []): CoverageParams {
  onlyParams(spec, ['kind', 'minutes', 'meters', ...extra]);
  const kind = stringParam(spec, 'kind');
  if (spec.meters !== undefined && spec.minutes !== undefined) {
    throw new Error(`indicator "${spec.id}" takes "minutes" or "meters", not both`);
  }
  if (spec.meters !== undefined) return { kind, meters: positiveParam(spec, 'meters', 'metres') };
  return { kind, minutes: positiveParam(spec, 'minutes', 'minutes', 30) };
}

function coverageShare(context: IndicatorContext, p: CoverageParams): IndicatorValue {
  const covered =
    p.meters !== undefined
      ? (() => {
          const distance = context.nearestDistanceMeters(p.kind);
          return coveredPopulation(context, (i) => distance[i] <= p.meters!);
        })()
      : (() => {
          const minutes = context.travelMinutes(p.kind);
          return coveredPopulation(context, (i) => minutes[i] <= p.minutes!);
        })();
  return ratio(covered, totalPopulation(context));
}

const coverageLabel = (p: CoverageParams) =>
  p.meters !== undefined
    ? `within ${p.meters} m of ${withArticle(p.kind)}`
    : `within ${p.minutes} min of ${withArticle(p.kind)}`;

/** Covered population ÷ total population (0…1), by travel time (default 30 min) or distance. */
export const coverageShareIndicator: IndicatorDefinition<CoverageParams> = {
  id: 'coverage-share',
  title: 'Share of the population covered by a kind of facility',
  unit: 'share',
  better: 'higher',
  parseParams: (spec) => parseCoverage(spec),
  label: (p) => `Share of people ${coverageLabel(p)}`,
  compute: coverageShare,
};

/** Builds a cost indicator from one of the state's cost fields. */
function costIndicator(
  id: string,
  title: string,
  unit: string,
  better: 'higher' | 'lower' | 'none',
  pick: (context: IndicatorContext) => IndicatorValue,
): IndicatorDefinition<Record<string, never>> {
  return {
    id,
    title,
    unit,
    better,
    parseParams(spec) {
      onlyParams(spec, []);
      return {};
    },
    label: () => title,
    compute: (context) => pick(context),
  };
}

/** Investment spent up to the year, KZT. */
export const capex = costIndicator('capex', 'Investment (capital expenditure) to date', 'KZT', 'none', (c) => ({
  total: c.state.costs.capexKzt,
  byDistrict: Float64Array.from(c.state.costs.capexByDistrict),
}));

/** Operating cost in the year, KZT/year. */
export const opexPerYear = costIndicator('opex-per-year', 'Operating cost per year', 'KZT/year', 'lower', (c) => ({
  total: c.state.costs.opexKztPerYear,
  byDistrict: Float64Array.from(c.state.costs.opexByDistrict),
}));

/** Change in electricity use, kWh/year. */
export const energyKwhPerYear = costIndicator(
  'energy-kwh-per-year',
  'Change in electricity use per year',
  'kWh/year',
  'lower',
  (c) => ({ total: c.state.costs.energyKwhPerYear, byDistrict: Float64Array.from(c.state.costs.energyByDistrict) }),
);

/** CO2 from the electricity change: kWh × grid factor (kg/kWh) ÷ 1000, tonnes/year. */
export const co2TonnesPerYear = costIndicator(
  'co2-tonnes-per-year',
  'CO2 emissions from electricity per year',
  't CO2/year',
  'lower',
  (c) => {
    const factor = c.state.assumptions.gridEmissionKgCo2PerKwh / 1000;
    return {
      total: c.state.costs.energyKwhPerYear * factor,
      byDistrict: c.state.costs.energyByDistrict.map((v) => v * factor),
    };
  },
);

/**
 * Equity of coverage between districts. `measure: "gap"` (default): best district's coverage
 * share − worst district's (0…1, lower is fairer). `measure: "gini"`: population-weighted Gini
 * index of district coverage shares (0 equal … 1). By district: each district's share.
 */
export const equity: IndicatorDefinition<CoverageParams & { measure: 'gap' | 'gini' }> = {
  id: 'equity',
  title: 'Gap in coverage between the best- and worst-served district',
  unit: 'share',
  better: 'lower',
  parseParams(spec) {
    const base = parseCoverage(spec, ['measure']);
    const measure = spec.measure ?? 'gap';
    if (measure !== 'gap' && measure !== 'gini') {
      throw new Error(`indicator "equity" has measure "gap" or "gini" (got ${JSON.stringify(measure)})`);
    }
    return { ...base, measure };
  },
  label: (p) => `${p.measure === 'gini' ? 'Gini of' : 'Gap in'} district shares of people ${coverageLabel(p)}`,
  compute(context, p) {
    const shares = coverageShare(context, p).byDistrict;
    const people = totalPopulation(context).byDistrict;
    const populated: number[] = [];
    shares.forEach((s, d) => {
      if (people[d] > 0 && Number.isFinite(s)) populated.push(d);
    });
    if (populated.length === 0) return { total: NaN, byDistrict: shares };
    if (p.measure === 'gap') {
      const values = populated.map((d) => shares[d]);
      return { total: Math.max(...values) - Math.min(...values), byDistrict: shares };
    }
    return {
      total: weightedGini(
        populated.map((d) => shares[d]),
        populated.map((d) => people[d]),
      ),
      byDistrict: shares,
    };
  },
};

/**
 * Weighted Gini index: Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 (Σ w)² x̄), with x̄ the weighted mean.
 * 0 when all equal; 0 when the mean is 0.
 */
export function weightedGini(values: number[], weights: number[]): number {
  let sumW = 0;
  let sumWX = 0;
  for (let i = 0; i < values.length; i++) {
    sumW += weights[i];
    sumWX += weights[i] * values[i];
  }
  if (sumW <= 0 || sumWX <= 0) return 0;
  const mean = sumWX / sumW;
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) acc += weights[i] * weights[j] * Math.abs(values[i] - values[j]);
  }
  return acc / (2 * sumW * sumW * mean);
}

/** The built-in indicators, in documentation order. */
export const BUILTIN_INDICATORS: readonly IndicatorDefinition<never>[] = [
  populationWithinDistance,
  populationWithinTravelTime,
  meanTravelTime,
  coverageShareIndicator,
  capex,
  opexPerYear,
  energyKwhPerYear,
  co2TonnesPerYear,
  equity,
  largestRoadGap,
  capacityPer1000Residents,
  populationWithinTravelTimeOfAny,
  facilityCapacity,
  capacityReach,
] as unknown as IndicatorDefinition<never>[];

/** A registry with the built-ins; add your own with `.register()`. */
export function createDefaultIndicatorRegistry(): IndicatorRegistry {
  return new IndicatorRegistry(BUILTIN_INDICATORS);
}
