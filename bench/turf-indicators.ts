/**
 * The baseline of the scenario benchmarks: the base indicators of a scenario computed the plain
 * way, with `turf.distance` loops over GeoJSON-like points — what one would write without the
 * engine. For regions WITHOUT a road network only (there the travel-time model is the straight
 * line × circuity at the no-road speed, DESIGN.md), and for scenarios whose changes are
 * `add-facility` (the benchmark scenarios are). Per modelled year it builds the baseline and the
 * scenario facility lists, grows the population, and for each facility kind computes every
 * demand point's nearest great-circle distance by a loop over the facilities (once per kind and
 * state, as the engine memoises it), then the indicators from those distances.
 *
 * Its numbers are compared with the engine's (bench files print the agreement): an independent
 * check of the engine as well as a baseline.
 */
import { distance } from '@turf/turf';
import type { Assumptions, Change, IndicatorSpec, RegionModel } from '../packages/core/src/index.js';

/** Plain inputs: demand points and facilities as coordinate arrays, as parsed from GeoJSON. */
export interface TurfRegion {
  /** [lon, lat] of each demand point. */
  demand: [number, number][];
  /** Baseline population of each demand point, people. */
  population: number[];
  /** District index of each demand point. */
  district: number[];
  districtCount: number;
  /** Baseline facilities. */
  facilities: { at: [number, number]; kind: string }[];
}

/** Totals of every indicator of `specs`, per year: `[year][indicator]` for baseline and scenario. */
export interface TurfScenarioTotals {
  years: number[];
  baseline: number[][];
  scenario: number[][];
}

/** The scenario fields the baseline needs (a ConcreteScenario has them). */
export interface TurfScenario {
  years: { start: number; end: number };
  assumptions: Assumptions;
  changes: Change[];
  indicators: IndicatorSpec[];
}

/** Computes every indicator of the scenario for every year with turf loops. */
export function computeWithTurf(region: TurfRegion, scenario: TurfScenario): TurfScenarioTotals {
  const { start, end } = scenario.years;
  const out: TurfScenarioTotals = { years: [], baseline: [], scenario: [] };
  for (let year = start; year <= end; year++) {
    out.years.push(year);
    out.baseline.push(indicatorsInYear(region, scenario, [], year));
    out.scenario.push(indicatorsInYear(region, scenario, scenario.changes, year));
  }
  return out;
}

function indicatorsInYear(region: TurfRegion, scenario: TurfScenario, changes: Change[], year: number): number[] {
  const { assumptions } = scenario;
  const active = changes.filter((c) => (c.year ?? scenario.years.start) <= year);
  const facilities = [...region.facilities];
  for (const change of active) {
    if (change.type !== 'add-facility') throw new Error(`turf baseline: ${change.type} is not supported`);
    facilities.push({ at: change.at, kind: change.kind });
  }
  const growth = Math.pow(1 + assumptions.populationGrowthPerYear, year - scenario.years.start);
  const population = region.population.map((p) => p * growth);
  const nearest = new Map<string, number[]>();
  const nearestMeters = (kind: string) => {
    let metres = nearest.get(kind);
    if (!metres) {
      const points = facilities.filter((f) => f.kind === kind).map((f) => f.at);
      metres = region.demand.map((p) => {
        let best = Infinity;
        for (const f of points) best = Math.min(best, distance(p, f, { units: 'meters' }));
        return best;
      });
      nearest.set(kind, metres);
    }
    return metres;
  };
  const metresPerMinute = (assumptions.noRoadSpeedKmh * 1000) / 60;
  const minutesTo = (kind: string) =>
    nearestMeters(kind).map((m) => (m * assumptions.circuityFactor) / metresPerMinute);
  const coveredByDistrict = (covered: boolean[]) => {
    const byDistrict = new Array<number>(region.districtCount).fill(0);
    let total = 0;
    covered.forEach((c, i) => {
      if (!c) return;
      total += population[i];
      byDistrict[region.district[i]] += population[i];
    });
    return { total, byDistrict };
  };
  const everyone = coveredByDistrict(population.map(() => true));
  const covered = (spec: IndicatorSpec) => {
    const kind = spec.kind as string;
    return spec.meters !== undefined
      ? coveredByDistrict(nearestMeters(kind).map((m) => m <= (spec.meters as number)))
      : coveredByDistrict(minutesTo(kind).map((t) => t <= ((spec.minutes as number | undefined) ?? 30)));
  };
  const sumCosts = (pick: (c: Change) => number | undefined) => active.reduce((s, c) => s + (pick(c) ?? 0), 0);
  return scenario.indicators.map((spec) => {
    switch (spec.id) {
      case 'population-within-distance':
      case 'population-within-travel-time':
        return covered(spec).total;
      case 'coverage-share':
        return covered(spec).total / everyone.total;
      case 'mean-travel-time': {
        const minutes = minutesTo(spec.kind as string);
        let weighted = 0;
        let people = 0;
        minutes.forEach((t, i) => {
          if (!Number.isFinite(t) || population[i] <= 0) return;
          weighted += t * population[i];
          people += population[i];
        });
        return people > 0 ? weighted / people : NaN;
      }
      case 'equity': {
        const shares = covered(spec)
          .byDistrict.map((c, d) => (everyone.byDistrict[d] > 0 ? c / everyone.byDistrict[d] : NaN))
          .filter((s) => Number.isFinite(s));
        return shares.length ? Math.max(...shares) - Math.min(...shares) : NaN;
      }
      case 'capex':
        return sumCosts((c) => c.capexKzt);
      case 'opex-per-year':
        return sumCosts((c) => c.opexKztPerYear);
      case 'energy-kwh-per-year':
        return sumCosts((c) => c.energyKwhPerYear);
      case 'co2-tonnes-per-year':
        return (sumCosts((c) => c.energyKwhPerYear) * assumptions.gridEmissionKgCo2PerKwh) / 1000;
      default:
        throw new Error(`turf baseline: indicator ${spec.id} is not supported`);
    }
  });
}

/**
 * Largest relative difference between the engine's per-year totals and the turf ones
 * (|a − b| / max(|b|, 1); both non-finite counts as equal). The engine's byYear rows are
 * `{ baseline, scenario }` per indicator, null for non-finite.
 */
export function maxRelativeDifference(
  turf: TurfScenarioTotals,
  engine: { byYear: { baseline: number | null; scenario: number | null }[] }[],
): number {
  let worst = 0;
  const compare = (a: number | null, b: number) => {
    if (a === null || !Number.isFinite(a)) {
      if (Number.isFinite(b)) worst = Infinity;
      return;
    }
    worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(b), 1));
  };
  turf.years.forEach((_, y) => {
    engine.forEach((indicator, k) => {
      compare(indicator.byYear[y].baseline, turf.baseline[y][k]);
      compare(indicator.byYear[y].scenario, turf.scenario[y][k]);
    });
  });
  return worst;
}

/** The turf inputs of a compiled model (coordinates as a GeoJSON reader would give them). */
export function turfRegionOf(model: RegionModel): TurfRegion {
  const { demand, facilities } = model;
  return {
    demand: Array.from({ length: demand.count }, (_, i) => [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]]),
    population: Array.from(demand.population),
    district: Array.from(demand.district),
    districtCount: model.districts.count,
    facilities: Array.from({ length: facilities.count }, (_, f) => ({
      at: [facilities.lonLat[f * 2], facilities.lonLat[f * 2 + 1]] as [number, number],
      kind: facilities.kinds[facilities.kind[f]],
    })),
  };
}
