import type { IndicatorSpec } from '../scenario/scenario.js';
import type { IndicatorDefinition } from './indicator.js';

/** Parameters of {@link capacityPer1000Residents}. */
export interface CapacityPer1000ResidentsParams {
  /** Facility kind, e.g. `school`. */
  kind: string;
  /**
   * Capacity assumed for a facility whose data gives none (places). Without it such facilities
   * are left out of the sum (and the value is NaN when no facility of the kind has a capacity).
   */
  assumedCapacity?: number;
}

function parseParams(spec: IndicatorSpec): CapacityPer1000ResidentsParams {
  const allowed = ['kind', 'assumedCapacity'];
  for (const key of Object.keys(spec)) {
    if (key !== 'id' && !allowed.includes(key)) {
      throw new Error(`indicator "${spec.id}" has no parameter "${key}" (known: ${allowed.join(', ')})`);
    }
  }
  if (typeof spec.kind !== 'string' || spec.kind === '') {
    throw new Error(`indicator "${spec.id}" needs "kind" (a facility kind, e.g. "school")`);
  }
  const assumed = spec.assumedCapacity;
  if (assumed !== undefined && (typeof assumed !== 'number' || !Number.isFinite(assumed) || assumed < 0)) {
    throw new Error(
      `indicator "${spec.id}" needs "assumedCapacity" as a non-negative number of places (got ${JSON.stringify(assumed)})`,
    );
  }
  return assumed === undefined ? { kind: spec.kind } : { kind: spec.kind, assumedCapacity: assumed };
}

/**
 * Capacity of the facilities of a kind per 1,000 residents, places: 1,000 × Σ capacity ÷
 * population, in the region and in each district (facilities by the district they stand in) —
 * the unit of planning norms (e.g. school places per 1,000 residents). It falls when a new
 * residential quarter adds people and no places. A facility without a capacity in the data
 * counts `assumedCapacity` when given, else is left out; NaN where no facility of the kind has a
 * capacity or nobody lives (a district without one of those facilities has 0).
 */
export const capacityPer1000Residents: IndicatorDefinition<CapacityPer1000ResidentsParams> = {
  id: 'capacity-per-1000-residents',
  title: 'Capacity of a kind of facility per 1,000 residents',
  unit: 'places/1000 people',
  better: 'higher',
  parseParams,
  label: (p) => `${p.kind} places per 1,000 residents`,
  compute(context, p) {
    const { demand, facilities, model } = context.state;
    const districtCount = model.districts.count;
    const capacity = new Float64Array(districtCount);
    let totalCapacity = 0;
    let anyKnown = false;
    for (let f = 0; f < facilities.count; f++) {
      if (facilities.kinds[f] !== p.kind) continue;
      const c = Number.isFinite(facilities.capacity[f]) ? facilities.capacity[f] : p.assumedCapacity;
      if (c === undefined) continue;
      totalCapacity += c;
      anyKnown = true;
      const d = facilities.district[f];
      if (d >= 0) capacity[d] += c;
    }
    const people = new Float64Array(districtCount);
    let totalPeople = 0;
    for (let i = 0; i < demand.count; i++) {
      totalPeople += demand.population[i];
      if (demand.district[i] >= 0) people[demand.district[i]] += demand.population[i];
    }
    return {
      total: anyKnown && totalPeople > 0 ? (1000 * totalCapacity) / totalPeople : NaN,
      byDistrict: capacity.map((c, d) => (people[d] > 0 && anyKnown ? (1000 * c) / people[d] : NaN)),
    };
  },
};
