import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random.js';
import { greedyMaximalCoverage, plainGreedyMaximalCoverage, type CoverageProblem } from './greedy-maximal-coverage.js';

/** Random instance: `points` weighted demand points, `candidates` sites each covering a random subset. */
function randomProblem(seed: number, points: number, candidates: number, budget: number): CoverageProblem {
  const random = createSeededRandom(seed);
  const weights = Array.from({ length: points }, () => Math.floor(random() * 100));
  const covers = Array.from({ length: candidates }, () => {
    const list: number[] = [];
    for (let i = 0; i < points; i++) if (random() < 0.25) list.push(i);
    return Uint32Array.from(list);
  });
  return { weights, covers, budget };
}

/** Exhaustive optimum over every subset of size `budget` (small instances only). */
function bruteForceOptimum(problem: CoverageProblem): number {
  const n = problem.covers.length;
  let best = 0;
  const choose = (start: number, chosen: number[]) => {
    if (chosen.length === problem.budget) {
      const covered = new Uint8Array(problem.weights.length);
      let total = 0;
      for (const c of chosen) {
        for (const i of Array.from(problem.covers[c])) {
          if (!covered[i]) {
            covered[i] = 1;
            total += problem.weights[i];
          }
        }
      }
      best = Math.max(best, total);
      return;
    }
    for (let c = start; c < n; c++) choose(c + 1, [...chosen, c]);
  };
  choose(0, []);
  return best;
}

describe('greedyMaximalCoverage (lazy / CELF)', () => {
  it('picks exactly what the plain greedy picks, with fewer evaluations', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const problem = randomProblem(seed, 40, 25, 5);
      const lazy = greedyMaximalCoverage(problem);
      const plain = plainGreedyMaximalCoverage(problem);
      expect(lazy.sites).toEqual(plain.sites);
      expect(lazy.coveredWeight).toBe(plain.coveredWeight);
      expect(lazy.evaluations).toBeLessThanOrEqual(plain.evaluations);
    }
  });

  it('reaches at least (1 − 1/e) of the brute-force optimum (Nemhauser–Wolsey–Fisher)', () => {
    for (let seed = 100; seed < 140; seed++) {
      const problem = randomProblem(seed, 15, 10, 3);
      const optimum = bruteForceOptimum(problem);
      const greedy = greedyMaximalCoverage(problem).coveredWeight;
      expect(greedy).toBeLessThanOrEqual(optimum);
      expect(greedy).toBeGreaterThanOrEqual((1 - 1 / Math.E) * optimum - 1e-9);
    }
  });

  it('solves a hand-made instance and respects one site per group', () => {
    // Points 0..3 weigh 10, 20, 30, 40. Site A covers {0,1} (30), B {2,3} (70), C {1,2,3} (90).
    // Plain greedy: C first (90), then A adds point 0 (10) → 100. With A,B in group 0 and C in
    // group 1 and one site per group: C (90), then best of A (10) / B (0) → A → 100.
    const problem: CoverageProblem = {
      weights: [10, 20, 30, 40],
      covers: [Uint32Array.of(0, 1), Uint32Array.of(2, 3), Uint32Array.of(1, 2, 3)],
      budget: 2,
    };
    expect(greedyMaximalCoverage(problem)).toMatchObject({ sites: [2, 0], gains: [90, 10], coveredWeight: 100 });
    const grouped = greedyMaximalCoverage({ ...problem, budget: 3, groupOf: [0, 0, 1], maxPerGroup: 1 });
    expect(grouped.sites).toEqual([2, 0]);
    // Points already covered add nothing: with 2 and 3 covered, A (30) beats C (20).
    const preCovered = greedyMaximalCoverage({ ...problem, budget: 1, alreadyCovered: Uint8Array.of(0, 0, 1, 1) });
    expect(preCovered).toMatchObject({ sites: [0], coveredWeight: 30 });
  });
});
