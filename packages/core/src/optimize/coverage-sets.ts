import type { RegionModel } from '../model/region-model.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import type { Assumptions } from '../scenario/scenario.js';
import { forEachCandidateTravelSeconds } from './candidate-travel-seconds.js';

/**
 * For each candidate site (lon/lat), the baseline demand points within `minutes` of it by the
 * travel-time model (the same rule the indicators use: with roads min(direct, access + network
 * + access); without roads straight line × circuity at the no-road speed). One bounded Dijkstra
 * per candidate with roads; a distance test without.
 */
export function travelTimeCoverSets(
  model: RegionModel,
  candidates: Float64Array,
  minutes: number,
  partialAssumptions: Partial<Assumptions> = {},
): Uint32Array[] {
  const out: Uint32Array[] = [];
  const limitSeconds = minutes * 60;
  forEachCandidateTravelSeconds(
    model,
    candidates,
    resolveAssumptions(partialAssumptions),
    limitSeconds,
    (_c, seconds) => {
      const hits: number[] = [];
      for (let i = 0; i < seconds.length; i++) if (seconds[i] <= limitSeconds) hits.push(i);
      out.push(Uint32Array.from(hits));
    },
  );
  return out;
}
