import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random.js';
import { pMedianObjective, solvePMedian, type PMedianProblem } from './p-median.js';

/** Random planar instance: demand and candidates uniform in a 100 × 100 square, cost = Euclidean distance. */
function randomProblem(
  seed: number,
  demand: number,
  candidates: number,
  p: number,
  withExisting = false,
): PMedianProblem {
  const random = createSeededRandom(seed);
  const point = () => [random() * 100, random() * 100];
  const demandXY = Array.from({ length: demand }, point);
  const siteXY = Array.from({ length: candidates }, point);
  const weights = demandXY.map(() => 1 + Math.floor(random() * 50));
  const cost = new Float64Array(demand * candidates);
  demandXY.forEach(([x, y], i) =>
    siteXY.forEach(([u, v], j) => {
      cost[i * candidates + j] = Math.hypot(x - u, y - v);
    }),
  );
  const existingCost = withExisting ? demandXY.map(([x, y]) => Math.hypot(x - 50, y - 50)) : undefined;
  return { weights, cost, candidateCount: candidates, p, existingCost };
}

/** The exact optimum by enumerating every p-subset (small instances only). */
function bruteForce(problem: PMedianProblem): number {
  let best = Infinity;
  const choose = (start: number, chosen: number[]) => {
    if (chosen.length === problem.p) {
      best = Math.min(best, pMedianObjective(problem, chosen));
      return;
    }
    for (let j = start; j < problem.candidateCount; j++) choose(j + 1, [...chosen, j]);
  };
  choose(0, []);
  return best;
}

describe('solvePMedian (Teitz–Bart vertex substitution)', () => {
  it('ends in a local optimum: no single swap (one in, one out) lowers the objective', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const problem = randomProblem(seed, 40, 15, 4, seed % 2 === 0);
      const solution = solvePMedian(problem);
      expect(solution.sites).toHaveLength(4);
      expect(solution.objective).toBeCloseTo(pMedianObjective(problem, solution.sites), 9);
      for (let out = 0; out < solution.sites.length; out++) {
        for (let j = 0; j < problem.candidateCount; j++) {
          if (solution.sites.includes(j)) continue;
          const swapped = solution.sites.map((s, k) => (k === out ? j : s));
          // Tolerance 1e-9 relative: equal-cost swaps are allowed, improving ones are not.
          expect(pMedianObjective(problem, swapped)).toBeGreaterThanOrEqual(solution.objective * (1 - 1e-9));
        }
      }
    }
  });

  it('equals the brute-force optimum on tiny instances', () => {
    // On 8 points × 6 candidates the substitution heuristic is known to be near-exact; every one of
    // these 30 seeded instances is solved to the optimum (checked exhaustively, 1e-9 relative).
    for (let seed = 100; seed < 130; seed++) {
      const problem = randomProblem(seed, 8, 6, 2 + (seed % 2), seed % 3 === 0);
      const optimum = bruteForce(problem);
      expect(solvePMedian(problem).objective).toBeCloseTo(optimum, 6);
    }
  });

  it('never reports an objective below the brute-force optimum on mid-sized instances', () => {
    for (let seed = 200; seed < 215; seed++) {
      const problem = randomProblem(seed, 25, 10, 3);
      const solution = solvePMedian(problem);
      expect(solution.objective).toBeGreaterThanOrEqual(bruteForce(problem) - 1e-9);
    }
  });

  it('solves a hand-made line instance', () => {
    // Demand at x = 0, 1, 2 (weight 1) and x = 10, 11 (weight 5); candidates at the same five
    // points (cost |x − y|). p = 2: one median in each cluster — x = 1 (cost 1 + 0 + 1 = 2) and
    // either of 10, 11 (cost 5 × 1 = 5): objective 7; the lower index (10, candidate 3) is kept.
    const xs = [0, 1, 2, 10, 11];
    const cost = new Float64Array(25);
    xs.forEach((a, i) => xs.forEach((b, j) => (cost[i * 5 + j] = Math.abs(a - b))));
    const solution = solvePMedian({ weights: [1, 1, 1, 5, 5], cost, candidateCount: 5, p: 2 });
    expect(solution.sites).toEqual([1, 3]);
    expect(solution.objective).toBe(7);
    expect(Array.from(solution.assignment)).toEqual([0, 0, 0, 1, 1]);
    // An existing facility at x = 10.5 (cost 0.5 to both of the heavy points) serves them:
    // then the best single site is x = 1 (objective 2 + 5 × 0.5 × 2 = 7).
    const existingCost = xs.map((x) => Math.abs(x - 10.5));
    const withExisting = solvePMedian({ weights: [1, 1, 1, 5, 5], cost, candidateCount: 5, p: 1, existingCost });
    expect(withExisting).toMatchObject({ sites: [1], objective: 7 });
    expect(Array.from(withExisting.assignment)).toEqual([0, 0, 0, -1, -1]);
  });

  it('rejects a cost matrix of the wrong size', () => {
    expect(() => solvePMedian({ weights: [1, 2], cost: [1, 2, 3], candidateCount: 2, p: 1 })).toThrow(
      'cost has 3 entries, expected 2 demand × 2 candidates',
    );
  });
});
