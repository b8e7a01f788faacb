import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { compileRegion } from '../model/compile-region.js';
import type { RegionModel } from '../model/region-model.js';
import { loadRegionFromObjects } from '../region/load-region.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import { buildScenarioState } from '../scenario/scenario-state.js';
import type { Change } from '../scenario/scenario.js';
import { createIndicatorContext } from './indicator.js';
import { edgeMaxDistanceMeters, largestRoadGap } from './largest-road-gap.js';

/*
 * A corridor along the meridian 63.0° E (the projection's central meridian, where great-circle
 * distance is R·Δφ exactly). U = 0.01° of latitude = 6,371,008.8 · π / 180 / 100 = 1,111.950802 m.
 * Districts: south 52.95…53.07, north 53.07…53.20 (lon 62.9…63.1).
 * Roads (nodes by latitude): r1 primary 52.96 → 53.00 → 53.06; r2 primary 53.06 → 53.12;
 * r3 tertiary 53.12 → 53.16. A charger (kind ev-charger) stands on the road at 53.00, and one
 * at 63.0, 53.19: 3U = 3,336 m past the tertiary end and 7U from the last primary node.
 */
const U = (6_371_008.8 * Math.PI) / 180 / 100;
const TOLERANCE = 1e-9; // relative: only binary rounding of the latitudes

function point(properties: Record<string, unknown>, lat: number) {
  return { type: 'Feature' as const, properties, geometry: { type: 'Point' as const, coordinates: [63, lat] } };
}
function line(id: string, highway: string, lats: number[]) {
  return {
    type: 'Feature' as const,
    properties: { id, highway },
    geometry: { type: 'LineString' as const, coordinates: lats.map((lat) => [63, lat]) },
  };
}
function box(code: string, south: number, north: number) {
  const ring = [
    [62.9, south],
    [63.1, south],
    [63.1, north],
    [62.9, north],
    [62.9, south],
  ];
  return {
    type: 'Feature' as const,
    properties: { code },
    geometry: { type: 'Polygon' as const, coordinates: [ring] },
  };
}

async function corridor(roads = true): Promise<RegionModel> {
  const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features }) as FeatureCollection;
  return compileRegion(
    await loadRegionFromObjects(
      {
        schema: 'regiontwin/region@1',
        id: 'corridor',
        name: 'Corridor',
        layers: {
          districts: { path: 'd.geojson', id: 'code' },
          settlements: { path: 's.geojson', id: 'id', population: 'population' },
          facilities: { path: 'f.geojson', id: 'id', kind: 'amenity' },
          ...(roads ? { roads: { path: 'r.geojson', id: 'id', class: 'highway' } } : {}),
        },
      },
      {
        'd.geojson': fc([box('south', 52.95, 53.07), box('north', 53.07, 53.2)]),
        's.geojson': fc([point({ id: 's1', population: 100 }, 53.0), point({ id: 's2', population: 100 }, 53.15)]),
        'f.geojson': fc([
          point({ id: 'c1', amenity: 'ev-charger' }, 53.0),
          point({ id: 'c2', amenity: 'ev-charger' }, 53.19),
        ]),
        ...(roads
          ? {
              'r.geojson': fc([
                line('r1', 'primary', [52.96, 53.0, 53.06]),
                line('r2', 'primary', [53.06, 53.12]),
                line('r3', 'tertiary', [53.12, 53.16]),
              ]),
            }
          : {}),
      },
    ),
  );
}

function gap(model: RegionModel, spec: Record<string, unknown>, changes: Change[] = []) {
  const state = buildScenarioState(model, changes, 2026, 2026, resolveAssumptions());
  const params = largestRoadGap.parseParams({ id: 'largest-road-gap', ...spec });
  return largestRoadGap.compute(createIndicatorContext(state), params);
}

function expectKm(actual: number, units: number) {
  const expected = (units * U) / 1000;
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE * expected);
}

describe('largest-road-gap, worked out by hand on a corridor', () => {
  it('is the exact maximum along one edge', () => {
    expect(edgeMaxDistanceMeters(0, 6, 6)).toBe(6); // (0 + 6 + 6) / 2
    expect(edgeMaxDistanceMeters(4, 0, 4)).toBe(4); // the dead end
    expect(edgeMaxDistanceMeters(0, 0, 10)).toBe(5); // the midpoint between two chargers
    expect(edgeMaxDistanceMeters(0, 20, 10)).toBe(10); // not a shortest-path pair: min(du, dv) + L
    expect(edgeMaxDistanceMeters(0, Infinity, 10)).toBe(Infinity);
  });

  it('measures the primary network from the one charger on it', async () => {
    const model = await corridor();
    // Distances from the charger at 53.00 (c2 is 7U from the primary end 53.12: beyond 2,000 m):
    // 52.96: 4U, 53.06: 6U, 53.12: 12U. Edge maxima: 4U, (0 + 6 + 6)/2 = 6U, (6 + 12 + 6)/2 = 12U.
    // Gap = 2 × 12U = 24U = 26.687 km. South (edge midpoints 52.98 and 53.03): 2 × 6U; north
    // (midpoint 53.09): 2 × 12U.
    const v = gap(model, { kind: 'ev-charger' });
    expectKm(v.total, 24);
    expectKm(v.byDistrict[0], 12);
    expectKm(v.byDistrict[1], 24);
  });

  it('falls to the spacing when a second charger closes the corridor', async () => {
    const model = await corridor();
    // + a charger at 53.12: distances 4U, 0, 6U, 0 → edge maxima 4U, 6U, 6U → gap 12U in both districts.
    const v = gap(model, { kind: 'ev-charger' }, [{ type: 'add-facility', kind: 'ev-charger', at: [63, 53.12] }]);
    expectKm(v.total, 12);
    expectKm(v.byDistrict[0], 12);
    expectKm(v.byDistrict[1], 12);
  });

  it('takes lower classes and snapped facilities into account', async () => {
    const model = await corridor();
    // Tertiary or better adds 53.12 → 53.16 (4U). c2 is 3U from the node 53.16: beyond 2,000 m,
    // so only c1 counts: 53.16 is 16U away, edge max (12 + 16 + 4)/2 = 16U → gap 32U.
    expectKm(gap(model, { kind: 'ev-charger', roadClass: 'tertiary' }).total, 32);
    // With snapMeters 4,000, c2 joins at 53.16 with 3U: 53.16 = 3U, 53.12 = 7U, 53.06 = 6U.
    // Edges: 4U, (0 + 6 + 6)/2 = 6U, (6 + 7 + 6)/2 = 9.5U, (7 + 3 + 4)/2 = 7U → gap 19U.
    expectKm(gap(model, { kind: 'ev-charger', roadClass: 'tertiary', snapMeters: 4000 }).total, 19);
  });

  it('is Infinity without a charger on the network and NaN without roads', async () => {
    expect(gap(await corridor(), { kind: 'hospital' }).total).toBe(Infinity);
    expect(gap(await corridor(false), { kind: 'ev-charger' }).total).toBeNaN();
    // No motorway in the data: nothing to measure.
    expect(gap(await corridor(), { kind: 'ev-charger', roadClass: 'motorway' }).total).toBeNaN();
  });

  it('rejects bad parameters', () => {
    const parse = (spec: Record<string, unknown>) => () =>
      largestRoadGap.parseParams({ id: 'largest-road-gap', ...spec });
    expect(parse({})).toThrow(/"kind"/);
    expect(parse({ kind: 'ev-charger', roadClass: 'highway' })).toThrow(/"roadClass" one of motorway/);
    expect(parse({ kind: 'ev-charger', snapMeters: -1 })).toThrow(/"snapMeters"/);
    expect(parse({ kind: 'ev-charger', gapKm: 5 })).toThrow(/no parameter "gapKm"/);
    expect(parse({ kind: 'ev-charger' })()).toEqual({ kind: 'ev-charger', roadClass: 'primary', snapMeters: 2000 });
  });
});
