import type { IndicatorResult, ScenarioResult } from '@regiontwin/core';
import { describe, expect, it } from 'vitest';
import {
  changesUntil,
  coverageOfIndicator,
  districtValues,
  findIndicator,
  readScenarioChanges,
  yearTotals,
} from './read-result.js';

const indicator: IndicatorResult = {
  id: 'population-within-distance',
  params: { kind: 'it-hub', meters: 5000 },
  unit: 'people',
  label: 'People within 5 km of an it-hub',
  better: 'higher',
  baseline: 10,
  scenario: 30,
  delta: 20,
  byDistrict: [
    { id: 'b', name: 'B', baseline: 4, scenario: 14, delta: 10 },
    { id: 'a', name: 'A', baseline: 6, scenario: null, delta: null },
  ],
  byYear: [
    { year: 2026, baseline: 10, scenario: 20, delta: 10 },
    { year: 2027, baseline: 10, scenario: 30, delta: 20 },
  ],
};

const result: ScenarioResult = {
  schema: 'regiontwin/result@1',
  scenario: 'Hubs',
  region: 'test',
  years: { start: 2026, end: 2028 },
  seed: 1,
  assumptions: {},
  interventions: [
    { type: 'add-facility', kind: 'it-hub', at: [63.62, 53.21], name: 'Centre hub', year: 2027 },
    {
      template: 'it-hub-per-district',
      params: {},
      year: 2028,
      changes: [
        { type: 'add-facility', kind: 'it-hub', at: [63.62, 53.3], capacity: 20 },
        { type: 'remove-facility', id: 'school-1', year: 2026 },
      ],
    },
    { type: 'move-facility', id: 'clinic-2', to: [63.7, 53.21] },
    {
      type: 'add-road',
      class: 'primary',
      coordinates: [
        [63.62, 53.21],
        [63.63, 53.22],
      ],
      year: 2027,
    },
    { type: 'add-settlement', at: [63.6, 53.2], population: 1500, name: 'New quarter' },
    { type: 'add-cost', label: 'LED' },
    { type: 'add-facility', kind: 'it-hub', at: [200, 53] },
  ],
  indicators: [indicator],
  attribution: [],
  warnings: [],
};

describe('reading a result', () => {
  it('finds indicators by id and position, and names the ids when missing', () => {
    expect(findIndicator(result, 'population-within-distance')).toBe(indicator);
    expect(findIndicator(result, 0)).toBe(indicator);
    expect(() => findIndicator(result, 'capex')).toThrow(/0: population-within-distance/);
  });

  it('matches district values by id, NaN for missing and null', () => {
    const values = districtValues(indicator, ['a', 'b', 'c'], 'scenario');
    expect(Array.from(values)).toEqual([Number.NaN, 14, Number.NaN]);
    expect(Array.from(districtValues(indicator, ['a', 'b'], 'delta'))).toEqual([Number.NaN, 10]);
  });

  it("takes a year's district values when the result has them, the final year's otherwise", () => {
    // byDistrict lists b then a; byYear's arrays follow that order.
    const phased: IndicatorResult = {
      ...indicator,
      byDistrict: [
        { id: 'b', name: 'B', baseline: 4, scenario: 14, delta: 10 },
        { id: 'a', name: 'A', baseline: 1, scenario: 3, delta: 2 },
      ],
      byYear: [
        { year: 2026, baseline: 5, scenario: 5, delta: 0, byDistrict: { baseline: [4, 1], scenario: [4, 1] } },
        { year: 2027, baseline: 5, scenario: 17, delta: 12, byDistrict: { baseline: [4, 1], scenario: [14, null] } },
      ],
    };
    expect(Array.from(districtValues(phased, ['a', 'b'], 'scenario', 2026))).toEqual([1, 4]);
    expect(Array.from(districtValues(phased, ['a', 'b'], 'delta', 2026))).toEqual([0, 0]);
    expect(Array.from(districtValues(phased, ['a', 'b'], 'scenario', 2027))).toEqual([Number.NaN, 14]);
    expect(Array.from(districtValues(phased, ['a', 'b'], 'delta', 2027))).toEqual([Number.NaN, 10]);
    // No such year, or no year given: the final year's byDistrict.
    expect(Array.from(districtValues(phased, ['a', 'b'], 'scenario', 2031))).toEqual([3, 14]);
    expect(Array.from(districtValues(phased, ['a', 'b'], 'scenario'))).toEqual([3, 14]);
  });

  it('reads the drawable changes with their years, in metres of the projection', () => {
    const changes = readScenarioChanges(result, { centerLon: 63.62, centerLat: 53.21 });
    expect(changes.addedFacilities.map((f) => [f.name, f.year])).toEqual([
      ['Centre hub', 2027],
      ['', 2028],
    ]);
    // At the projection centre; 0.09° of latitude north ≈ 10,007.5 m (R = 6,371,008.8 m).
    expect(changes.addedFacilities.map((f) => f.capacity)).toEqual([Number.NaN, 20]);
    expect(changes.addedFacilities[0].xy[0]).toBeCloseTo(0, 6);
    expect(changes.addedFacilities[0].xy[1]).toBeCloseTo(0, 6);
    expect(changes.addedFacilities[1].xy[1]).toBeCloseTo((0.09 * Math.PI * 6371008.8) / 180, 3);
    expect(changes.removedFacilities).toEqual([{ id: 'school-1', year: 2026 }]);
    expect(changes.movedFacilities[0]).toMatchObject({ id: 'clinic-2', year: 2026 });
    expect(changes.addedRoads[0]).toMatchObject({ roadClass: 'primary', year: 2027 });
    expect(changes.addedSettlements[0]).toMatchObject({ name: 'New quarter', population: 1500, year: 2026 });

    const in2026 = changesUntil(changes, 2026);
    expect(in2026.addedFacilities).toHaveLength(0);
    expect(in2026.addedRoads).toHaveLength(0);
    expect(in2026.removedFacilities).toHaveLength(1);
    expect(changesUntil(changes, 2027).addedFacilities).toHaveLength(1);
  });

  it('derives coverage from population-within-distance and reads year totals', () => {
    expect(coverageOfIndicator(indicator)).toEqual({ kind: 'it-hub', radiusMeters: 5000 });
    expect(coverageOfIndicator({ ...indicator, params: { kind: 'it-hub', minutes: 30 } })).toEqual({
      kind: 'it-hub',
      minutes: 30,
    });
    expect(coverageOfIndicator({ ...indicator, params: { kind: 'it-hub' } })).toBeNull();
    expect(coverageOfIndicator({ ...indicator, params: { minutes: 30 } })).toBeNull();
    expect(yearTotals(indicator, 2027)).toEqual({ year: 2027, baseline: 10, scenario: 30, delta: 20 });
    expect(yearTotals(indicator, 2030)).toBeNull();
  });
});
