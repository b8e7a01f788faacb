import type { IndicatorSpec } from '../scenario/scenario.js';
import type { IndicatorDefinition } from './indicator.js';

/** Parameters of {@link populationWithinTravelTimeOfAny}. */
export interface AnyKindMinutes {
  /** Facility kinds, e.g. `["clinic", "telemedicine-point"]`. */
  kinds: string[];
  /** Travel-time limit, minutes. */
  minutes: number;
}

function parseParams(spec: IndicatorSpec): AnyKindMinutes {
  const allowed = ['kinds', 'minutes'];
  for (const key of Object.keys(spec)) {
    if (key !== 'id' && !allowed.includes(key)) {
      throw new Error(`indicator "${spec.id}" has no parameter "${key}" (known: ${allowed.join(', ')})`);
    }
  }
  const kinds = spec.kinds;
  if (!Array.isArray(kinds) || kinds.length === 0 || kinds.some((k) => typeof k !== 'string' || k === '')) {
    throw new Error(`indicator "${spec.id}" needs "kinds" as a non-empty list of facility kinds, e.g. ["clinic"]`);
  }
  const minutes = spec.minutes;
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) {
    throw new Error(
      `indicator "${spec.id}" needs "minutes" as a positive number of minutes (got ${JSON.stringify(minutes)})`,
    );
  }
  return { kinds: [...(kinds as string[])], minutes };
}

/**
 * People whose nearest facility of ANY of the kinds is within `minutes` by the travel-time model
 * (a resident counts once): e.g. a clinic within the health-access standard or a telemedicine
 * point in the village. Unit: people; by district of residence.
 */
export const populationWithinTravelTimeOfAny: IndicatorDefinition<AnyKindMinutes> = {
  id: 'population-within-travel-time-of-any',
  title: 'People within a travel time of a facility of any of several kinds',
  unit: 'people',
  better: 'higher',
  parseParams,
  label: (p) => `People within ${p.minutes} min of a ${p.kinds.join(' or ')}`,
  compute(context, p) {
    const { demand, model } = context.state;
    const times = p.kinds.map((kind) => context.travelMinutes(kind));
    const byDistrict = new Float64Array(model.districts.count);
    let total = 0;
    for (let i = 0; i < demand.count; i++) {
      if (!times.some((t) => t[i] <= p.minutes)) continue;
      total += demand.population[i];
      if (demand.district[i] >= 0) byDistrict[demand.district[i]] += demand.population[i];
    }
    return { total, byDistrict };
  },
};
