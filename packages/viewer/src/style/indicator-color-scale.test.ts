import type { IndicatorResult } from '@regiontwin/core';
import { describe, expect, it } from 'vitest';
import { createIndicatorColorScale, NO_DATA_COLOR, numberFormatter } from './indicator-color-scale.js';

function indicator(better: IndicatorResult['better'], rows: [number | null, number | null][]): IndicatorResult {
  return {
    id: 'test',
    params: {},
    unit: 'people',
    label: 'Test',
    better,
    baseline: 0,
    scenario: 0,
    delta: 0,
    byDistrict: rows.map(([baseline, scenario], i) => ({
      id: `d${i}`,
      name: `D${i}`,
      baseline,
      scenario,
      delta: baseline === null || scenario === null ? null : scenario - baseline,
    })),
    byYear: [],
  };
}

describe('createIndicatorColorScale', () => {
  const rows: [number | null, number | null][] = [
    [1200, 4800],
    [0, 3100],
    [2500, 2500],
    [null, null],
  ];

  it('shares one nice domain between baseline and scenario', () => {
    const baseline = createIndicatorColorScale(indicator('higher', rows), 'baseline');
    const scenario = createIndicatorColorScale(indicator('higher', rows), 'scenario');
    // Extent of both columns is [0, 4800]; d3's nice() rounds to [0, 5000].
    expect(baseline.domain).toEqual([0, 5000]);
    expect(scenario.domain).toEqual([0, 5000]);
    expect(baseline.color(2500)).toBe(scenario.color(2500));
    expect(baseline.type).toBe('sequential');
  });

  it('uses the ends of the ramp for the ends of the domain and grey for no data', () => {
    const scale = createIndicatorColorScale(indicator('higher', rows), 'scenario');
    expect(scale.color(0)).toBe(scale.colorAt(0));
    expect(scale.color(5000)).toBe(scale.colorAt(1));
    expect(scale.color(99999)).toBe(scale.colorAt(1));
    expect(scale.color(Number.NaN)).toBe(NO_DATA_COLOR);
  });

  it('centres deltas on 0 with a symmetric nice domain, blue for improvement', () => {
    const higher = createIndicatorColorScale(indicator('higher', rows), 'delta');
    // Largest |delta| is 3600 → nice 4000.
    expect(higher.domain).toEqual([-4000, 0, 4000]);
    expect(higher.type).toBe('diverging');
    const lower = createIndicatorColorScale(indicator('lower', rows), 'delta');
    // More people reached is better: +4000 is blue (RdBu at 1); for a lower-is-better indicator
    // the same +4000 is red.
    const blue = higher.color(4000);
    expect(blue).toBe('rgb(5, 48, 97)');
    expect(lower.color(-4000)).toBe(blue);
    expect(higher.color(0)).toBe(lower.color(0));
  });

  it('formats values with the unit and ticks inside the domain', () => {
    const scale = createIndicatorColorScale(indicator('higher', rows), 'scenario');
    expect(scale.formatValue(4800)).toBe('4,800 people');
    expect(scale.formatValue(612345)).toBe('612k people');
    expect(scale.formatValue(300, true)).toBe('+300 people');
    expect(scale.formatValue(Number.NaN)).toBe('no data');
    const ticks = scale.ticks(5);
    expect(ticks[0].value).toBe(0);
    expect(ticks[ticks.length - 1].value).toBe(5000);
  });

  it('formats shares as percentages', () => {
    expect(numberFormatter('share')(0.415)).toBe('42%');
  });
});
