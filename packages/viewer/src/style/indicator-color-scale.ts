import type { IndicatorResult } from '@regiontwin/core';
import { scaleDiverging, scaleLinear, scaleSequential } from 'd3-scale';
import { interpolatePuOr, interpolateRdBu, interpolateYlGnBu, interpolateYlOrRd } from 'd3-scale-chromatic';
import { format as d3Format } from 'd3-format';

/** Which of an indicator's numbers colours the districts. */
export type ValueKind = 'baseline' | 'scenario' | 'delta';

/** Colour of a district without a value (not in the result, or NaN). sRGB. */
export const NO_DATA_COLOR = '#d4d4d4';

/**
 * A colour scale for one indicator and value kind, with what a legend needs. Colours are CSS
 * sRGB strings (as d3 returns them).
 */
export interface IndicatorColorScale {
  /** `sequential` for baseline/scenario values, `diverging` (centred on 0) for deltas. */
  type: 'sequential' | 'diverging';
  /** Domain ends ([min, max], or [−m, 0, m] for diverging), in the indicator's unit. */
  domain: number[];
  /** Colour of a value; {@link NO_DATA_COLOR} for NaN or ±Infinity. */
  color(value: number): string;
  /** Colour at position t ∈ [0, 1] along the legend bar. */
  colorAt(t: number): string;
  /** Legend ticks: values and their labels. */
  ticks(count?: number): { value: number; label: string }[];
  /** Formats a value for a tooltip, with its unit, e.g. "12,345 people", "+3.2 minutes", "41%". */
  formatValue(value: number, signed?: boolean): string;
}

/**
 * Builds the colour scale of an indicator. Baseline and scenario share one domain, the extent of
 * both columns over all districts, so the two sides of a split view are comparable; the delta
 * scale is symmetric around 0. Where lower values are better (travel time), the sequential ramp
 * runs yellow → red and a negative delta is blue; otherwise yellow → blue and a positive delta is
 * blue ("blue is better"). Indicators with no direction use purple–orange for deltas.
 *
 * @param indicator one indicator of a result.json
 * @param valueKind which number colours the districts
 * @param extraValues values from elsewhere (e.g. the result a split view compares to) that must
 *   fit in the sequential domain
 */
export function createIndicatorColorScale(
  indicator: IndicatorResult,
  valueKind: ValueKind,
  extraValues: readonly number[] = [],
): IndicatorColorScale {
  const formatNumber = numberFormatter(indicator.unit);
  const formatValue = (value: number, signed = false): string => {
    if (!Number.isFinite(value)) return 'no data';
    const text = formatNumber(value);
    const withSign = signed && value > 0 ? `+${text}` : text;
    return indicator.unit === 'share' ? withSign : `${withSign} ${indicator.unit}`;
  };

  if (valueKind === 'delta') {
    let extent = 0;
    for (const d of indicator.byDistrict) if (isFiniteNumber(d.delta)) extent = Math.max(extent, Math.abs(d.delta));
    if (extent === 0) extent = 1;
    const niceExtent = scaleLinear().domain([0, extent]).nice().domain()[1];
    const interpolator =
      indicator.better === 'none'
        ? interpolatePuOr
        : indicator.better === 'lower'
          ? (t: number) => interpolateRdBu(1 - t)
          : interpolateRdBu;
    const scale = scaleDiverging(interpolator).domain([-niceExtent, 0, niceExtent]).clamp(true);
    return {
      type: 'diverging',
      domain: [-niceExtent, 0, niceExtent],
      color: (value) => (Number.isFinite(value) ? scale(value) : NO_DATA_COLOR),
      colorAt: (t) => interpolator(t),
      ticks: (count = 5) => {
        const linear = scaleLinear().domain([-niceExtent, niceExtent]);
        return linear.ticks(count).map((value) => ({ value, label: signedLabel(formatNumber, value) }));
      },
      formatValue,
    };
  }

  let min = Infinity;
  let max = -Infinity;
  const consider = (value: number | null): void => {
    if (!isFiniteNumber(value)) return;
    if (value < min) min = value;
    if (value > max) max = value;
  };
  for (const d of indicator.byDistrict) {
    consider(d.baseline);
    consider(d.scenario);
  }
  for (const value of extraValues) consider(value);
  if (min === Infinity) {
    min = 0;
    max = 1;
  }
  if (min === max) {
    min = Math.min(0, min);
    max = max === min ? min + 1 : max;
  }
  const [niceMin, niceMax] = scaleLinear().domain([min, max]).nice().domain();
  const interpolator = indicator.better === 'lower' ? interpolateYlOrRd : interpolateYlGnBu;
  const scale = scaleSequential(interpolator).domain([niceMin, niceMax]).clamp(true);
  return {
    type: 'sequential',
    domain: [niceMin, niceMax],
    color: (value) => (Number.isFinite(value) ? scale(value) : NO_DATA_COLOR),
    colorAt: (t) => interpolator(t),
    ticks: (count = 5) => {
      const linear = scaleLinear().domain([niceMin, niceMax]);
      return linear.ticks(count).map((value) => ({ value, label: formatNumber(value) }));
    },
    formatValue,
  };
}

function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function signedLabel(formatNumber: (value: number) => string, value: number): string {
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value);
}

/**
 * Number format by unit: shares as percentages, money and people with SI suffixes when large,
 * everything else with up to 3 significant digits and thousands separators.
 */
export function numberFormatter(unit: string): (value: number) => string {
  if (unit === 'share') return d3Format('.0%');
  const si = d3Format('.3~s');
  const grouped = d3Format(',.3~r');
  return (value: number) => {
    const magnitude = Math.abs(value);
    if (magnitude >= 1e4) return si(value).replace('G', 'B');
    if (magnitude >= 1 || magnitude === 0) return grouped(value);
    return d3Format('.2~r')(value);
  };
}
