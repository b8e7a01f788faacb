import { describe, expect, it } from 'vitest';
import { chooseScaleBar } from './draw-overlays.js';

describe('chooseScaleBar', () => {
  it('picks the longest 1-2-5 length that fits', () => {
    // 100 m/px × 110 px = 11 km available → 10 km, 100 px.
    expect(chooseScaleBar(100, 110)).toEqual({ meters: 10_000, pixels: 100, label: '10 km' });
    // 3.7 m/px × 110 px = 407 m → 200 m, 200 / 3.7 px.
    const bar = chooseScaleBar(3.7, 110);
    expect(bar.meters).toBe(200);
    expect(bar.label).toBe('200 m');
    expect(bar.pixels).toBeCloseTo(54.054, 3);
    // 6000 m/px × 110 px = 660 km → 500 km.
    expect(chooseScaleBar(6000, 110).label).toBe('500 km');
    expect(chooseScaleBar(0.01, 110).label).toBe('1 m');
  });

  it('returns an empty bar for a degenerate scale', () => {
    expect(chooseScaleBar(0, 110).pixels).toBe(0);
    expect(chooseScaleBar(Number.NaN, 110).label).toBe('');
  });
});
