import { describe, expect, it } from 'vitest';
import { createSeededRandom, randomInt, randomNormal, type RandomSource } from '../random/seeded-random.js';
import { buildNearestGrid, findNearest } from './nearest-grid.js';

/** Brute force: the index with the smallest squared distance, the lowest index among ties. */
function bruteNearest(xy: Float64Array, x: number, y: number): { index: number; d2: number } {
  let index = -1;
  let d2 = Infinity;
  for (let i = 0; i < xy.length / 2; i++) {
    const dx = xy[i * 2] - x;
    const dy = xy[i * 2 + 1] - y;
    const d = dx * dx + dy * dy;
    if (d < d2) {
      d2 = d;
      index = i;
    }
  }
  return { index, d2 };
}

type Layout = 'uniform' | 'clustered' | 'duplicates' | 'line' | 'mixed-scale';

/** Points in metres: spread over ~100 km, clustered, with many exact duplicates, on a line, or a tight cluster plus far outliers. */
function randomPoints(random: RandomSource, n: number, layout: Layout): Float64Array {
  const xy = new Float64Array(n * 2);
  const centres = Array.from({ length: randomInt(random, 1, 6) }, () => [random() * 1e5, random() * 1e5]);
  for (let i = 0; i < n; i++) {
    let x: number;
    let y: number;
    switch (layout) {
      case 'uniform':
        x = random() * 1e5;
        y = random() * 1e5;
        break;
      case 'clustered': {
        const [cx, cy] = centres[randomInt(random, 0, centres.length)];
        x = cx + randomNormal(random) * 200;
        y = cy + randomNormal(random) * 200;
        break;
      }
      case 'duplicates': {
        // Few distinct positions, each repeated: ties everywhere.
        const [cx, cy] = centres[randomInt(random, 0, centres.length)];
        x = cx + randomInt(random, 0, 3) * 50;
        y = cy;
        break;
      }
      case 'line':
        x = random() * 1e5;
        y = 42;
        break;
      case 'mixed-scale':
        // 99 % within 10 m, 1 % up to 1,000 km away: cells sized by the outliers hold the whole cluster.
        if (random() < 0.99) {
          x = 5e5 + random() * 10;
          y = 5e5 + random() * 10;
        } else {
          x = random() * 1e6;
          y = random() * 1e6;
        }
        break;
    }
    xy[i * 2] = x;
    xy[i * 2 + 1] = y;
  }
  return xy;
}

/** A query near the points, on a point, or far outside the grid (up to 10,000 km away). */
function randomQuery(random: RandomSource, xy: Float64Array): [number, number] {
  const r = random();
  const n = xy.length / 2;
  if (r < 0.2 && n > 0) {
    const i = randomInt(random, 0, n);
    return [xy[i * 2], xy[i * 2 + 1]];
  }
  if (r < 0.5) return [(random() - 0.5) * 2e7, (random() - 0.5) * 2e7];
  return [random() * 1.2e5 - 1e4, random() * 1.2e5 - 1e4];
}

describe('findNearest against brute force', () => {
  const layouts: Layout[] = ['uniform', 'clustered', 'duplicates', 'line', 'mixed-scale'];
  for (const layout of layouts) {
    it(`finds the nearest point (lowest index among ties) for ${layout} points`, () => {
      const random = createSeededRandom(layouts.indexOf(layout) + 100);
      const failures: string[] = [];
      for (let c = 0; c < 60; c++) {
        const n = c < 5 ? c + 1 : randomInt(random, 1, 2000);
        const xy = randomPoints(random, n, layout);
        const grid = buildNearestGrid(xy, [1, 2, 8][c % 3]);
        const best = new Float64Array(1);
        for (let q = 0; q < 100; q++) {
          const [x, y] = randomQuery(random, xy);
          const expected = bruteNearest(xy, x, y);
          const index = findNearest(grid, x, y, best);
          if (index !== expected.index || best[0] !== expected.d2) {
            failures.push(
              `case ${c} query ${x},${y}: got ${index} (d² ${best[0]}), expected ${expected.index} (d² ${expected.d2})`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('returns -1 on an empty grid and the single point of a one-point grid from anywhere', () => {
    const empty = buildNearestGrid(new Float64Array(0));
    expect(findNearest(empty, 0, 0)).toBe(-1);
    const one = buildNearestGrid(Float64Array.of(10, 20));
    for (const [x, y] of [
      [10, 20],
      [-1e9, 1e9],
      [1e7, -3],
    ]) {
      const best = new Float64Array(1);
      expect(findNearest(one, x, y, best)).toBe(0);
      expect(best[0]).toBe((x - 10) ** 2 + (y - 20) ** 2);
    }
  });

  it('gives every index once in its cells (the buckets partition the points)', () => {
    const xy = randomPoints(createSeededRandom(7), 5000, 'clustered');
    const grid = buildNearestGrid(xy);
    expect(grid.cellStart[grid.cellStart.length - 1]).toBe(5000);
    expect([...grid.items].sort((a, b) => a - b)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});
