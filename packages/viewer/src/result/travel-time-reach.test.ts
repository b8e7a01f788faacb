import {
  compileRegion,
  loadRegionFromObjects,
  unprojectXY,
  type RegionModel,
  type ScenarioResult,
} from '@regiontwin/core';
import { distance, point } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { smallRegionSources } from '../../test/browser/test-data.js';
import { computeTravelTimeReach, resultChanges } from './travel-time-reach.js';

/** Great-circle kilometres (turf, independent of core's haversine). */
const km = (a: [number, number], b: [number, number]): number => distance(point(a), point(b), { units: 'kilometers' });

/** The kept cell whose centre is nearest to a lon/lat, by turf. */
function nearestCell(
  reach: ReturnType<typeof computeTravelTimeReach>,
  model: RegionModel,
  lonLat: [number, number],
): { index: number; lonLat: [number, number] } {
  let best = -1;
  let bestKm = Infinity;
  let bestLonLat: [number, number] = [0, 0];
  for (let i = 0; i < reach.district.length; i++) {
    const cell = cellLonLat(model, reach, i);
    const d = km(cell, lonLat);
    if (d < bestKm) {
      bestKm = d;
      best = i;
      bestLonLat = cell;
    }
  }
  return { index: best, lonLat: bestLonLat };
}

/** Lon/lat of a cell centre (the projection itself is tested in core). */
function cellLonLat(model: RegionModel, reach: ReturnType<typeof computeTravelTimeReach>, i: number): [number, number] {
  const out = new Float64Array(2);
  unprojectXY(model.projection, reach.xy[i * 2], reach.xy[i * 2 + 1], out, 0);
  return [out[0], out[1]];
}

describe('computeTravelTimeReach', () => {
  let withRoads: RegionModel;
  let withoutRoads: RegionModel;
  const school: [number, number] = [63.65, 53.15];

  beforeAll(async () => {
    const { manifest, files } = smallRegionSources();
    withRoads = compileRegion(await loadRegionFromObjects(manifest, files));
    const { roads: _roads, ...layers } = manifest.layers;
    withoutRoads = compileRegion(await loadRegionFromObjects({ ...manifest, layers }, files));
  });

  it('without roads: distance × 1.3 at 60 km/h from the nearest facility, for every cell', () => {
    const reach = computeTravelTimeReach(withoutRoads, null, 2026, 'school', { cellsAlongLongerSide: 40 });
    // The region is a 0.2° square (about 13.4 km × 22.2 km): 40 cells along the north-south side.
    expect(reach.cellMeters).toBeGreaterThan(22_000 / 40);
    expect(reach.cellMeters).toBeLessThan(22_400 / 40);
    expect(reach.district.length).toBeGreaterThan(40 * 22);
    let worst = 0;
    for (let i = 0; i < reach.district.length; i++) {
      const expected = (km(cellLonLat(withoutRoads, reach, i), school) * 1.3 * 60) / 60;
      worst = Math.max(worst, Math.abs(reach.minutes[i] - expected) / Math.max(expected, 1e-9));
    }
    // Within 0.1 % of turf's great-circle distance.
    expect(worst).toBeLessThan(1e-3);
  });

  it('with roads: a cell at the far end of the residential road goes by road (hand-computed path)', () => {
    const reach = computeTravelTimeReach(withRoads, null, 2026, 'school');
    const node: [number, number] = [63.53, 53.27];
    const centre: [number, number] = [63.6, 53.2];
    const tertiaryEnd: [number, number] = [63.67, 53.13];
    const cell = nearestCell(reach, withRoads, node);
    // Access to the node at 20 km/h, residential at 30, tertiary at 60, then 20 km/h to the school.
    const expected =
      (km(cell.lonLat, node) / 20 +
        km(node, centre) / 30 +
        km(centre, tertiaryEnd) / 60 +
        km(tertiaryEnd, school) / 20) *
      60;
    const direct = (km(cell.lonLat, school) / 20) * 60;
    expect(expected).toBeLessThan(direct);
    expect(reach.minutes[cell.index]).toBeCloseTo(expected, 0);
    expect(Math.abs(reach.minutes[cell.index] - expected) / expected).toBeLessThan(5e-3);
    // Right at the school: the direct leg.
    const here = nearestCell(reach, withRoads, school);
    expect(reach.minutes[here.index]).toBeCloseTo((km(here.lonLat, school) / 20) * 60, 6);
  });

  it("applies a result's changes up to the year: a hub opening in 2027 reaches nothing in 2026", () => {
    const hub: [number, number] = [63.55, 53.25];
    const result = {
      schema: 'regiontwin/result@1',
      scenario: 'one hub',
      region: 'test-grid',
      years: { start: 2026, end: 2028 },
      seed: 1,
      assumptions: {},
      interventions: [
        {
          template: 'it-hub-per-district',
          params: {},
          year: 2027,
          changes: [{ type: 'add-facility', kind: 'it-hub', at: hub, name: 'Hub' }],
        },
      ],
      indicators: [],
      attribution: [],
      warnings: [],
    } as unknown as ScenarioResult;
    expect(resultChanges(result)).toEqual([{ type: 'add-facility', kind: 'it-hub', at: hub, name: 'Hub', year: 2027 }]);
    const before = computeTravelTimeReach(withoutRoads, result, 2026, 'it-hub', { cellsAlongLongerSide: 40 });
    expect(before.minutes.every((m) => m === Infinity)).toBe(true);
    const after = computeTravelTimeReach(withoutRoads, result, 2027, 'it-hub', { cellsAlongLongerSide: 40 });
    const cell = nearestCell(after, withoutRoads, hub);
    expect(after.minutes[cell.index]).toBeCloseTo((km(cell.lonLat, hub) * 1.3 * 60) / 60, 6);
    // No baseline hub: the region alone reaches nothing either.
    expect(computeTravelTimeReach(withoutRoads, null, 2027, 'it-hub').minutes.every((m) => m === Infinity)).toBe(true);
  });
});
