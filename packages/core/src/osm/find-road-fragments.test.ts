import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { findRoadFragments } from './find-road-fragments.js';

const road = (id: string, coordinates: number[][]): Feature => ({
  type: 'Feature',
  properties: { id },
  geometry: { type: 'LineString', coordinates },
});

describe('findRoadFragments', () => {
  it('groups roads that share a vertex, largest first', () => {
    const fragments = findRoadFragments([
      road('short', [
        [63.5, 53.0],
        [63.5, 53.01],
      ]),
      road('a', [
        [63.0, 53.0],
        [63.0, 53.1],
      ]),
      // Shares a's end (within 1e-7°, below the 1e-6° node step) and continues.
      road('b', [
        [63.0000001, 53.1],
        [63.0, 53.2],
      ]),
      // Crosses b's line without a shared vertex: not connected (no junction in the data).
      road('c', [
        [62.9, 53.15],
        [63.1, 53.15],
      ]),
    ]);
    expect(fragments.map((f) => f.firstId)).toEqual(['a', 'c', 'short']);
    expect(fragments[0].featureIndices).toEqual([1, 2]);
    // 0.2° of latitude = 0.2 × 111.195 km (R = 6371.0088 km).
    expect(fragments[0].km).toBeCloseTo(0.2 * ((6371.0088 * Math.PI) / 180), 3);
  });
});
