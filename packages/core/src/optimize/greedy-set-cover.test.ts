import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random.js';
import { greedySetCover, harmonicNumber, type SetCoverProblem } from './greedy-set-cover.js';

/** Random instance: each candidate covers each element with probability 0.3; costs 1…4. */
function randomProblem(seed: number, elements: number, candidates: number, weighted: boolean): SetCoverProblem {
  const random = createSeededRandom(seed);
  const covers = Array.from({ length: candidates }, () => {
    const list: number[] = [];
    for (let e = 0; e < elements; e++) if (random() < 0.3) list.push(e);
    return Uint32Array.from(list);
  });
  const costs = weighted ? covers.map(() => 1 + Math.floor(random() * 4)) : undefined;
  return { elementCount: elements, covers, costs };
}

/** Cheapest cover of every coverable element, by enumerating all subsets (≤ 14 candidates). */
function bruteForceCost(problem: SetCoverProblem): number {
  const m = problem.covers.length;
  const coverable = new Set<number>();
  for (const list of problem.covers) for (const e of Array.from(list)) coverable.add(e);
  let best = Infinity;
  for (let mask = 0; mask < 1 << m; mask++) {
    let cost = 0;
    const covered = new Set<number>();
    for (let c = 0; c < m; c++) {
      if (!(mask & (1 << c))) continue;
      cost += problem.costs ? problem.costs[c] : 1;
      for (const e of Array.from(problem.covers[c])) covered.add(e);
    }
    if (cost < best && covered.size === coverable.size) best = cost;
  }
  return best;
}

describe('greedySetCover (lazy Chvátal greedy)', () => {
  it('covers every coverable element within H(max set size) of the brute-force optimum', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const problem = randomProblem(seed, 14, 12, seed % 2 === 0);
      const solution = greedySetCover(problem);
      const covered = new Set<number>();
      for (const c of solution.sites) for (const e of Array.from(problem.covers[c])) covered.add(e);
      for (let e = 0; e < problem.elementCount; e++) {
        expect(covered.has(e) || solution.uncoverable.includes(e)).toBe(true);
      }
      expect(solution.uncovered).toEqual([]);
      const optimum = bruteForceCost(problem);
      const d = Math.max(...problem.covers.map((c) => c.length));
      expect(solution.totalCost).toBeGreaterThanOrEqual(optimum);
      expect(solution.totalCost).toBeLessThanOrEqual(harmonicNumber(d) * optimum + 1e-9);
    }
  });

  it('solves a hand-made instance, honours required / already covered / maxSites', () => {
    // Elements 0..5. A = {0,1,2,3} (cost 1), B = {0,1,2} (1), C = {3,4,5} (1), D = {4,5} (1).
    // Greedy: A (4 new), then C (2 new: 4, 5) → total 2; element 6 is in no set: uncoverable.
    const problem: SetCoverProblem = {
      elementCount: 7,
      covers: [Uint32Array.of(0, 1, 2, 3), Uint32Array.of(0, 1, 2), Uint32Array.of(3, 4, 5), Uint32Array.of(4, 5)],
    };
    expect(greedySetCover(problem)).toMatchObject({ sites: [0, 2], totalCost: 2, uncoverable: [6], uncovered: [] });
    // Only 4 and 5 required: C and D tie at 2 new elements; the lower index (C) wins.
    const required = Uint8Array.of(0, 0, 0, 0, 1, 1, 0);
    expect(greedySetCover({ ...problem, required }).sites).toEqual([2]);
    // A costs 10: ratios A 0.4, B 3, C 3, D 2 → B (0,1,2), then C (3,4,5).
    expect(greedySetCover({ ...problem, costs: [10, 1, 1, 1] }).sites).toEqual([1, 2]);
    // Elements 0..3 already covered: C alone.
    expect(greedySetCover({ ...problem, alreadyCovered: Uint8Array.of(1, 1, 1, 1, 0, 0, 0) }).sites).toEqual([2]);
    expect(greedySetCover({ ...problem, maxSites: 1 })).toMatchObject({ sites: [0], uncovered: [4, 5] });
    expect(() => greedySetCover({ ...problem, costs: [1, 0, 1, 1] })).toThrow('candidate 1 has cost 0');
  });

  it('computes the harmonic bound', () => {
    expect(harmonicNumber(1)).toBe(1);
    expect(harmonicNumber(4)).toBeCloseTo(25 / 12, 12);
  });
});
