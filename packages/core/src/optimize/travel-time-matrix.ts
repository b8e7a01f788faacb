import type { RegionModel } from '../model/region-model.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import type { Assumptions } from '../scenario/scenario.js';
import { forEachCandidateTravelSeconds } from './candidate-travel-seconds.js';

/**
 * Minutes from every baseline demand point to every candidate site (lon/lat pairs) by the
 * travel-time model the indicators use (with roads: min(direct, access + network + access);
 * without: straight line × circuity at the no-road speed), as a dense matrix laid out
 * `minutes[demand * candidateCount + candidate]` — the cost matrix {@link solvePMedian} takes.
 * One Dijkstra per candidate with roads. Pairs beyond `maxMinutes` (and unreachable pairs) are
 * Infinity. Memory is 8 × demand × candidates bytes: meant for settlement-scale problems.
 */
export function travelTimeMatrix(
  model: RegionModel,
  candidates: Float64Array,
  options: { maxMinutes?: number; assumptions?: Partial<Assumptions> } = {},
): Float64Array {
  const m = candidates.length >> 1;
  const maxMinutes = options.maxMinutes ?? Infinity;
  const out = new Float64Array(model.demand.count * m);
  const assumptions = resolveAssumptions(options.assumptions);
  forEachCandidateTravelSeconds(model, candidates, assumptions, maxMinutes * 60, (c, seconds) => {
    for (let i = 0; i < seconds.length; i++) {
      const minutes = seconds[i] / 60;
      out[i * m + c] = minutes <= maxMinutes ? minutes : Infinity;
    }
  });
  return out;
}
