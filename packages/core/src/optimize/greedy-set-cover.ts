/**
 * Greedy (weighted) set cover (Chvátal 1979, "A Greedy Heuristic for the Set-Covering Problem",
 * Mathematics of Operations Research 4(3)): repeatedly open the candidate with the most
 * still-uncovered elements per unit of cost, until every coverable element is covered. The
 * solution costs at most H(d) = 1 + 1/2 + … + 1/d times the optimum, d the largest number of
 * elements one candidate covers. Lazy evaluation as in the maximal-coverage greedy: a
 * candidate's ratio can only fall as elements get covered, so only the heap's top is re-priced.
 */

import { createCandidateHeap } from './candidate-heap.js';

/** A set cover problem: elements (demand points) to cover, candidates (sites) that cover some. */
export interface SetCoverProblem {
  /** Number of elements. */
  elementCount: number;
  /** For each candidate, the elements it covers (indices). */
  covers: readonly ArrayLike<number>[];
  /** Cost of each candidate (> 0). @default 1 each (fewest sites) */
  costs?: ArrayLike<number>;
  /** Elements that need covering (1) or not (0). @default all */
  required?: Uint8Array;
  /** Elements already covered (e.g. by existing facilities). */
  alreadyCovered?: Uint8Array;
  /** Stop after this many candidates even if elements remain uncovered. @default Infinity */
  maxSites?: number;
}

/** The chosen candidates, in pick order, and what remains uncovered. */
export interface SetCoverSolution {
  sites: number[];
  /** Σ cost of the chosen candidates. */
  totalCost: number;
  /** Required elements no candidate covers (they stay uncovered whatever is chosen). */
  uncoverable: number[];
  /** Required, coverable elements left uncovered because `maxSites` was reached. */
  uncovered: number[];
  /** Ratio evaluations performed. */
  evaluations: number;
}

/** Solves a {@link SetCoverProblem} by lazy greedy. Ties go to the lower candidate index. */
export function greedySetCover(problem: SetCoverProblem): SetCoverSolution {
  const { elementCount, covers } = problem;
  const m = covers.length;
  const costOf = (c: number) => (problem.costs ? problem.costs[c] : 1);
  for (let c = 0; c < m; c++) {
    const cost = costOf(c);
    if (!(cost > 0) || !Number.isFinite(cost)) {
      throw new RangeError(`set cover: candidate ${c} has cost ${cost}; costs must be positive and finite`);
    }
  }
  // need[e] = 1 while element e is required, coverable and not yet covered.
  const need = new Uint8Array(elementCount);
  const coverable = new Uint8Array(elementCount);
  for (const list of covers) for (let k = 0; k < list.length; k++) coverable[list[k]] = 1;
  const uncoverable: number[] = [];
  let remaining = 0;
  for (let e = 0; e < elementCount; e++) {
    if (problem.required && !problem.required[e]) continue;
    if (problem.alreadyCovered?.[e]) continue;
    if (!coverable[e]) {
      uncoverable.push(e);
      continue;
    }
    need[e] = 1;
    remaining++;
  }
  const gainOf = (c: number) => {
    let g = 0;
    const list = covers[c];
    for (let k = 0; k < list.length; k++) g += need[list[k]];
    return g;
  };
  // Candidates by (gain per cost desc, index asc).
  const key = new Float64Array(m);
  const heap = createCandidateHeap(key);
  const stamp = new Int32Array(m);
  let evaluations = 0;
  for (let c = 0; c < m; c++) {
    key[c] = gainOf(c) / costOf(c);
    evaluations++;
    if (key[c] > 0) heap.push(c);
  }
  const maxSites = problem.maxSites ?? Infinity;
  const sites: number[] = [];
  let totalCost = 0;
  while (remaining > 0 && sites.length < maxSites && heap.size > 0) {
    const c = heap.pop();
    if (stamp[c] !== sites.length) {
      key[c] = gainOf(c) / costOf(c);
      evaluations++;
      stamp[c] = sites.length;
      if (key[c] > 0) heap.push(c);
      continue;
    }
    sites.push(c);
    totalCost += costOf(c);
    const list = covers[c];
    for (let k = 0; k < list.length; k++) {
      if (need[list[k]]) {
        need[list[k]] = 0;
        remaining--;
      }
    }
  }
  const uncovered: number[] = [];
  for (let e = 0; e < elementCount; e++) if (need[e]) uncovered.push(e);
  return { sites, totalCost, uncoverable, uncovered, evaluations };
}

/** The harmonic number H(d) = 1 + 1/2 + … + 1/d: greedy set cover's approximation bound. */
export function harmonicNumber(d: number): number {
  let h = 0;
  for (let k = 1; k <= d; k++) h += 1 / k;
  return h;
}
