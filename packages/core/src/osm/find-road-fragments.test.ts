import { describe, expect, it } from 'vitest';
import { findRoadFragments } from './find-road-fragments.js';

describe('findRoadFragments', () => {
  it('groups pieces that share an end key, largest first, and leaves out pieces not kept', () => {
    // Keys (junctions) 0–6. Pieces: 0: 5→6 (250 m) alone; 1: 0→1 and 2: 1→2 joined at key 1;
    // 3: 2→0 closes that loop; 4: 3→4 (50 m) alone; 5: 4→1 would join 4 to the loop but is not kept.
    const ends = {
      count: 6,
      startKey: Int32Array.from([5, 0, 1, 2, 3, 4]),
      endKey: Int32Array.from([6, 1, 2, 0, 4, 1]),
      keyCount: 7,
      meters: Float64Array.from([250, 100, 100, 100, 50, 10]),
      kept: Uint8Array.from([1, 1, 1, 1, 1, 0]),
    };
    const { fragments, fragmentOf } = findRoadFragments(ends);
    // The loop 1+2+3 (300 m) ranks before piece 0 (250 m), then piece 4 (50 m).
    expect(fragments.map((f) => [f.features, f.firstPiece])).toEqual([
      [3, 1],
      [1, 0],
      [1, 4],
    ]);
    // Summed in piece order: 0.1 + 0.1 + 0.1 km (to 1e-12 km, float rounding).
    expect(fragments.map((f) => f.km)).toEqual([expect.closeTo(0.3, 12), 0.25, 0.05]);
    expect(Array.from(fragmentOf)).toEqual([1, 0, 0, 0, 2, -1]);
    // With piece 5 kept, piece 4 joins the loop through key 4 → 1.
    const all = findRoadFragments({ ...ends, kept: undefined });
    expect(all.fragments.map((f) => f.features)).toEqual([5, 1]);
    expect(all.fragments[0].km).toBeCloseTo(0.36, 12); // 3 × 0.1 + 0.05 + 0.01 km
  });
});
