/**
 * p-median by vertex substitution (Teitz & Bart 1968, "Heuristic Methods for Estimating the
 * Generalized Vertex Median of a Weighted Graph", Operations Research 16(5)): open `p` of the
 * candidate sites so that the weighted sum of each demand point's cost to its nearest open site
 * is smallest. Start from the greedy-add solution, then try every (entering, leaving) swap and
 * keep any that lowers the objective, until a full pass over the candidates improves nothing:
 * the result is a local optimum that no single swap improves (not always the global one; p-median
 * is NP-hard, Kariv & Hakimi 1979).
 *
 * Each entering candidate j is priced against every leaving site at once in one pass over the
 * demand (Whitaker 1983, "A fast algorithm for the greedy interchange for large-scale clustering
 * and median location problems"): with c1(i), c2(i) the costs to the nearest and second-nearest
 * open site, the objective after swapping j in and r out is
 *   Σᵢ wᵢ · min(cᵢⱼ, c1(i))  +  Σ_{i : nearest(i) = r} wᵢ · (min(cᵢⱼ, c2(i)) − min(cᵢⱼ, c1(i))),
 * so a pass costs O(candidates × demand), not O(candidates × p × demand).
 */

/** A p-median problem over demand points and candidate sites. */
export interface PMedianProblem {
  /** Weight of each demand point (e.g. population); length `demandCount`. */
  weights: ArrayLike<number>;
  /** Number of candidate sites. */
  candidateCount: number;
  /**
   * Cost from demand point i to candidate j (e.g. minutes) at `cost[i * candidateCount + j]`;
   * every entry finite (give unreachable pairs a large penalty).
   */
  cost: ArrayLike<number>;
  /** Number of sites to open (clamped to `candidateCount`). */
  p: number;
  /**
   * Optional cost from each demand point to the facilities that already exist (they stay open and
   * are never swapped out); Infinity where there is none. @default all Infinity
   */
  existingCost?: ArrayLike<number>;
}

/** The sites opened, the objective and how the search went. */
export interface PMedianSolution {
  /** Opened candidate indices, ascending. */
  sites: number[];
  /** Σ weight × cost to the nearest open (or existing) site. */
  objective: number;
  /** Per demand point, the index into `sites` of its nearest open site, or -1 for an existing facility. */
  assignment: Int32Array;
  /** Improving swaps made. */
  swaps: number;
  /** Full passes over the candidates (the last one found no improving swap). */
  passes: number;
}

/** Relative improvement below which a swap is not taken (guards against cycling on round-off). */
const IMPROVEMENT_TOLERANCE = 1e-12;

/** Solves a {@link PMedianProblem} by greedy add, then Teitz–Bart vertex substitution. */
export function solvePMedian(problem: PMedianProblem): PMedianSolution {
  const { weights, cost, candidateCount: m } = problem;
  const n = weights.length;
  if (cost.length !== n * m) {
    throw new RangeError(`p-median: cost has ${cost.length} entries, expected ${n} demand × ${m} candidates`);
  }
  const p = Math.max(0, Math.min(Math.floor(problem.p), m));
  const existing = problem.existingCost;
  const open: number[] = [];
  const isOpen = new Uint8Array(m);
  // c1/c2: cost to the nearest and second-nearest open site (existing facilities included);
  // nearest: the candidate index, or -1 for an existing facility / none.
  const c1 = new Float64Array(n);
  const c2 = new Float64Array(n);
  const nearest = new Int32Array(n);
  const refresh = () => {
    for (let i = 0; i < n; i++) {
      let best = existing ? existing[i] : Infinity;
      let second = Infinity;
      let who = -1;
      for (const j of open) {
        const c = cost[i * m + j];
        if (c < best) {
          second = best;
          best = c;
          who = j;
        } else if (c < second) second = c;
      }
      c1[i] = best;
      c2[i] = second;
      nearest[i] = who;
    }
  };
  refresh();

  // Greedy add: open, one at a time, the site that lowers the objective most (ties: lower index).
  while (open.length < p) {
    let bestSite = -1;
    let bestValue = Infinity;
    for (let j = 0; j < m; j++) {
      if (isOpen[j]) continue;
      let value = 0;
      for (let i = 0; i < n; i++) value += weights[i] * Math.min(cost[i * m + j], c1[i]);
      if (value < bestValue) {
        bestValue = value;
        bestSite = j;
      }
    }
    open.push(bestSite);
    isOpen[bestSite] = 1;
    refresh();
  }

  const objectiveNow = () => {
    let total = 0;
    for (let i = 0; i < n; i++) if (weights[i] !== 0) total += weights[i] * c1[i];
    return total;
  };
  let objective = objectiveNow();
  let swaps = 0;
  let passes = 0;
  if (p > 0 && p < m) {
    const extra = new Float64Array(m);
    let improved = true;
    while (improved) {
      improved = false;
      passes++;
      for (let j = 0; j < m; j++) {
        if (isOpen[j]) continue;
        let base = 0;
        for (const r of open) extra[r] = 0;
        for (let i = 0; i < n; i++) {
          const w = weights[i];
          if (w === 0) continue;
          const c = cost[i * m + j];
          const kept = Math.min(c, c1[i]);
          base += w * kept;
          const r = nearest[i];
          if (r >= 0) extra[r] += w * (Math.min(c, c2[i]) - kept);
        }
        let leave = -1;
        let leaveValue = Infinity;
        for (const r of open) {
          const value = base + extra[r];
          if (value < leaveValue || (value === leaveValue && r < leave)) {
            leaveValue = value;
            leave = r;
          }
        }
        if (leaveValue < objective - IMPROVEMENT_TOLERANCE * Math.max(1, Math.abs(objective))) {
          open[open.indexOf(leave)] = j;
          isOpen[leave] = 0;
          isOpen[j] = 1;
          refresh();
          objective = objectiveNow();
          swaps++;
          improved = true;
        }
      }
    }
  }
  const sites = [...open].sort((a, b) => a - b);
  const position = new Map(sites.map((s, k) => [s, k]));
  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) assignment[i] = nearest[i] >= 0 ? position.get(nearest[i])! : -1;
  return { sites, objective, assignment, swaps, passes };
}

/** Σ weight × cost to the nearest of `sites` (and of the existing facilities): the p-median objective. */
export function pMedianObjective(problem: PMedianProblem, sites: readonly number[]): number {
  const { weights, cost, candidateCount: m } = problem;
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    let best = problem.existingCost ? problem.existingCost[i] : Infinity;
    for (const j of sites) best = Math.min(best, cost[i * m + j]);
    if (weights[i] !== 0) total += weights[i] * best;
  }
  return total;
}
