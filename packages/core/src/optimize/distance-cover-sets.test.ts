import { describe, expect, it } from 'vitest';
import { compileRegion } from '../model/compile-region.js';
import { loadRegionFromObjects } from '../region/load-region.js';
import { generateSyntheticRegion } from '../synthetic/generate-synthetic-region.js';
import { haversineMeters } from '../geo/haversine.js';
import { createSeededRandom } from '../random/seeded-random.js';
import { distanceCoverSets } from './distance-cover-sets.js';

describe('distanceCoverSets', () => {
  it('equals a brute-force haversine scan over every demand point', async () => {
    const region = generateSyntheticRegion({ seed: 9, districtColumns: 3, villagesPerDistrict: 60, roads: false });
    const model = compileRegion(await loadRegionFromObjects(region.manifest, region.files));
    const random = createSeededRandom(2);
    const [minLon, minLat, maxLon, maxLat] = model.bbox;
    const candidates = new Float64Array(80);
    for (let c = 0; c < 40; c++) {
      candidates[c * 2] = minLon + random() * (maxLon - minLon);
      candidates[c * 2 + 1] = minLat + random() * (maxLat - minLat);
    }
    for (const radius of [1500, 6000, 25_000]) {
      const covers = distanceCoverSets(model, candidates, radius);
      for (let c = 0; c < 40; c++) {
        const expected: number[] = [];
        for (let i = 0; i < model.demand.count; i++) {
          const d = haversineMeters(
            candidates[c * 2],
            candidates[c * 2 + 1],
            model.demand.lonLat[i * 2],
            model.demand.lonLat[i * 2 + 1],
          );
          if (d <= radius) expected.push(i);
        }
        expect(Array.from(covers[c])).toEqual(expected);
      }
    }
  });
});
