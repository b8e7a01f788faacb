import type { FeatureCollection, MultiPolygon } from 'geojson';
import { geoIdentity, geoPath } from 'd3-geo';
import { scaleBand, scaleDivergingSqrt, scaleLinear, scalePoint } from 'd3-scale';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { line } from 'd3-shape';
import { projectLonLat, type IndicatorResult, type RegionModel, type ResultNumber } from '@regiontwin/core';
import { formatCompact, formatDelta, formatValue } from '../format.js';
import { html, trustedHtml, type SafeHtml } from './escape-html.js';

/*
 * Static SVG charts drawn at generation time in Node with d3's pure modules (d3-geo paths,
 * d3-scale, d3-shape): the report needs no script to display and prints as it shows.
 */

/** Colour of baseline values in charts. */
export const BASELINE_COLOR = '#9ca3af';
/** Colour of scenario values in charts. */
export const SCENARIO_COLOR = '#2563eb';
/** Fill of a district without a value. */
export const NO_VALUE_COLOR = '#e5e7eb';

/** Rounds a coordinate for SVG: 0.1 px is finer than any screen or printer needs. */
const round = (v: number) => Math.round(v * 10) / 10;

/** A numbered point drawn on a map (e.g. an added facility). */
export interface MapMarker {
  lonLat: [number, number];
  /** Short text in the marker, e.g. "1". */
  label: string;
  /** Tooltip. */
  title: string;
}

/** Options of {@link renderDistrictMap}. */
export interface DistrictMapOptions {
  /** SVG width, px. @default 640 */
  width?: number;
  /** Largest SVG height, px (tall regions are narrowed to fit). @default 560 */
  maxHeight?: number;
  markers?: MapMarker[];
  /** Largest |change| the colours span; pass one value to maps that must share a scale. @default the map's own */
  extent?: number;
  /** Accessible name of the map. */
  title: string;
  /** Id unique in the page (names the legend's gradient; deterministic, unlike a random one). */
  id: string;
}

/**
 * The improvement a delta means: positive when the change is for the better (`better: lower`
 * flips the sign), so that one colour always means "better".
 */
export function improvementOf(indicator: Pick<IndicatorResult, 'better'>, delta: ResultNumber): number | null {
  if (delta === null) return null;
  return indicator.better === 'lower' ? -delta : delta;
}

/** Largest |district delta| of an indicator (0 when none). */
export function districtDeltaExtent(indicator: IndicatorResult): number {
  return indicator.byDistrict.reduce((m, d) => (d.delta === null ? m : Math.max(m, Math.abs(d.delta))), 0);
}

/** The districts in the model's own metric projection (planar metres, no winding rules). */
function districtsInMetres(model: RegionModel): FeatureCollection<MultiPolygon> {
  const d = model.districts;
  const features: FeatureCollection<MultiPolygon>['features'] = [];
  for (let i = 0; i < d.count; i++) {
    const polygons: number[][][][] = [];
    for (let p = d.partOffsets[i]; p < d.partOffsets[i + 1]; p++) {
      const rings: number[][][] = [];
      for (let r = d.ringOffsets[p]; r < d.ringOffsets[p + 1]; r++) {
        const ring: number[][] = [];
        for (let v = d.vertexOffsets[r]; v < d.vertexOffsets[r + 1]; v++) ring.push([d.xy[v * 2], d.xy[v * 2 + 1]]);
        if (ring.length) ring.push(ring[0]);
        rings.push(ring);
      }
      polygons.push(rings);
    }
    features.push({
      type: 'Feature',
      properties: { index: i },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * A choropleth of the districts coloured by the change of one indicator (blue better, red
 * worse, grey no value), with a legend and optional numbered markers. The polygons are drawn in
 * the model's azimuthal equidistant projection (metres, centred on the region) through
 * d3-geo's `geoIdentity`, which keeps shapes true at oblast and country scale and avoids the
 * ring-winding rules of d3's spherical clipping.
 */
export function renderDistrictMap(
  model: RegionModel,
  indicator: IndicatorResult,
  options: DistrictMapOptions,
): SafeHtml {
  const width = options.width ?? 640;
  const maxHeight = options.maxHeight ?? 560;
  const pad = 6;
  const districts = districtsInMetres(model);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let v = 0; v < model.districts.xy.length; v += 2) {
    xs.push(model.districts.xy[v]);
    ys.push(model.districts.xy[v + 1]);
  }
  const spanX = Math.max(1, Math.max(...xs) - Math.min(...xs));
  const spanY = Math.max(1, Math.max(...ys) - Math.min(...ys));
  const height = Math.round(Math.min(maxHeight, ((width - 2 * pad) * spanY) / spanX + 2 * pad));
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [pad, pad],
        [width - pad, height - pad],
      ],
      districts,
    );
  const path = geoPath(projection);
  const extent = options.extent ?? districtDeltaExtent(indicator);
  // Square-root colour scale: district changes are skewed (a city gains ten times what a rural
  // district does), and a linear scale would leave every district but one near white.
  const color = scaleDivergingSqrt(interpolateRdBu).domain([-extent || -1, 0, extent || 1]);
  const fillOf = (delta: ResultNumber) => {
    const improvement = improvementOf(indicator, delta);
    return improvement === null ? NO_VALUE_COLOR : color(improvement);
  };
  const shapes = districts.features.map((feature, i) => {
    const value = indicator.byDistrict[i];
    const d = path(feature) ?? '';
    const tip = value
      ? `${value.name}: ${formatValue(value.baseline, indicator.unit)} → ${formatValue(value.scenario, indicator.unit)} (${formatDelta(value.delta, indicator.unit)} ${indicator.unit})`
      : model.districts.names[i];
    return html`<path d="${trustedHtml(d)}" fill="${fillOf(value?.delta ?? null)}" fill-rule="evenodd"
      ><title>${tip}</title></path
    >`;
  });
  const xy = new Float64Array(2);
  const markers = (options.markers ?? []).map((marker) => {
    projectLonLat(model.projection, marker.lonLat[0], marker.lonLat[1], xy, 0);
    const [x, y] = projection([xy[0], xy[1]]) ?? [NaN, NaN];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return html``;
    return html`<g class="marker" transform="translate(${round(x)},${round(y)})"
      ><title>${marker.title}</title><circle r="8"></circle><text dy="0.35em">${marker.label}</text></g
    >`;
  });
  return html`<figure class="map">
    <svg role="img" aria-label="${options.title}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
      <g class="districts">${shapes}</g>
      <g class="markers">${markers}</g>
    </svg>
    ${renderDivergingLegend(indicator, extent, `${options.id}-gradient`)}
  </figure>`;
}

/**
 * The map's legend: the red–blue gradient (left worse, right better) labelled with the change it
 * stands for at five points of the square-root scale, and the no-value swatch.
 */
function renderDivergingLegend(indicator: IndicatorResult, extent: number, id: string): SafeHtml {
  const width = 380;
  const barX = 36;
  const barWidth = 240;
  const stops = Array.from({ length: 11 }, (_, i) => {
    const t = i / 10;
    return html`<stop offset="${t * 100}%" stop-color="${interpolateRdBu(t)}"></stop>`;
  });
  const deltaAt = (improvement: number) => (indicator.better === 'lower' ? -improvement : improvement);
  // Positions 0, ¼, ½, ¾, 1 of the bar; on a square-root scale ¼ of the way from the middle is 1/4 of the extent.
  const ticks = [-1, -0.25, 0, 0.25, 1].map((fraction) => {
    const position = 0.5 + Math.sign(fraction) * Math.sqrt(Math.abs(fraction)) * 0.5;
    const x = round(barX + barWidth * position);
    const label = extent === 0 ? (fraction === 0 ? '0' : '') : formatCompactDelta(deltaAt(fraction * extent));
    return html`<line x1="${x}" x2="${x}" y1="24" y2="29"></line
      ><text x="${x}" y="41" text-anchor="middle">${label}</text>`;
  });
  return html`<svg class="legend" role="img" aria-label="legend" viewBox="0 0 ${width} 64" width="${width}" height="64">
    <defs><linearGradient id="${id}">${stops}</linearGradient></defs>
    <text x="${barX}" y="10">worse</text>
    <text x="${barX + barWidth}" y="10" text-anchor="end">better</text>
    <rect x="${barX}" y="14" width="${barWidth}" height="10" fill="url(#${id})"></rect>
    ${ticks}
    <rect x="${barX + barWidth + 24}" y="14" width="10" height="10" fill="${NO_VALUE_COLOR}"></rect>
    <text x="${barX + barWidth + 38}" y="23">no value</text>
    <text x="${barX}" y="59">change, ${indicator.unit} (square-root scale)</text>
  </svg>`;
}

function formatCompactDelta(value: number): string {
  const text = formatCompact(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : '0';
}

/** Options of {@link renderDistrictBars}. */
export interface DistrictBarsOptions {
  /** SVG width, px. @default 640 */
  width?: number;
}

/**
 * Horizontal bars per district: the baseline (grey, thin) and the scenario (blue), each
 * labelled with its value; districts with no value say so.
 */
export function renderDistrictBars(indicator: IndicatorResult, options: DistrictBarsOptions = {}): SafeHtml {
  const counts = new Map<string, number>();
  for (const d of indicator.byDistrict) counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
  return renderBarRows(
    // Two districts may share a name (a city and the district around it): tell them apart by id.
    indicator.byDistrict.map((d) => ({
      label: (counts.get(d.name) ?? 0) > 1 || d.name === '' ? `${d.name} (${d.id})` : d.name,
      baseline: d.baseline,
      value: d.scenario,
    })),
    indicator,
    options.width ?? 640,
    `${indicator.label} by district`,
  );
}

/** Bars of one indicator across scenarios (the comparison report), with the shared baseline. */
export function renderScenarioBars(
  indicator: Pick<IndicatorResult, 'label' | 'unit'>,
  baseline: ResultNumber,
  values: { label: string; value: ResultNumber }[],
  width = 640,
): SafeHtml {
  return renderBarRows(
    values.map((v) => ({ label: v.label, baseline, value: v.value })),
    indicator,
    width,
    `${indicator.label} by scenario`,
  );
}

function renderBarRows(
  rows: { label: string; baseline: ResultNumber; value: ResultNumber }[],
  indicator: Pick<IndicatorResult, 'label' | 'unit'>,
  width: number,
  title: string,
): SafeHtml {
  const labelWidth = 150;
  const valueWidth = 64;
  const rowHeight = 22;
  const top = 4;
  const height = top + rows.length * rowHeight + 22;
  const numbers = rows.flatMap((r) => [r.baseline, r.value]).filter((v): v is number => v !== null);
  const x = scaleLinear()
    .domain([Math.min(0, ...numbers), Math.max(0, ...numbers)])
    .range([labelWidth, width - valueWidth])
    .nice();
  if (x.domain()[0] === x.domain()[1]) x.domain([0, 1]);
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([top, top + rows.length * rowHeight])
    .paddingInner(0.2);
  const zero = round(x(0));
  const bar = (value: ResultNumber, y0: number, h: number, fill: string) => {
    if (value === null) return html``;
    const a = x(Math.min(0, value));
    const b = x(Math.max(0, value));
    return html`<rect
      x="${round(a)}"
      y="${round(y0)}"
      width="${round(Math.max(value === 0 ? 0 : 0.5, b - a))}"
      height="${round(h)}"
      fill="${fill}"
    ></rect>`;
  };
  const band = y.bandwidth();
  const body = rows.map((row, i) => {
    const y0 = y(i) ?? 0;
    const tip = `${row.label}: baseline ${formatValue(row.baseline, indicator.unit)}, scenario ${formatValue(row.value, indicator.unit)} ${indicator.unit}`;
    return html`<g
      ><title>${tip}</title>
      <text class="label" x="${labelWidth - 6}" y="${round(y0 + band / 2)}" dy="0.35em" text-anchor="end"
        >${truncate(row.label, 24)}</text
      >
      ${bar(row.baseline, y0, band * 0.3, BASELINE_COLOR)}${bar(row.value, y0 + band * 0.35, band * 0.65, SCENARIO_COLOR)}
      <text class="value" x="${width - valueWidth + 8}" y="${round(y0 + band / 2)}" dy="0.35em"
        >${formatCompact(row.value)}</text
      ></g
    >`;
  });
  const ticks = x.ticks(4).map((t) => {
    const tx = round(x(t));
    return html`<line class="grid" x1="${tx}" x2="${tx}" y1="${top}" y2="${height - 18}"></line
      ><text class="tick" x="${tx}" y="${height - 6}" text-anchor="middle">${formatCompact(t)}</text>`;
  });
  return html`<svg
    class="bars"
    role="img"
    aria-label="${title}"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
  >
    ${ticks}
    <line class="axis" x1="${zero}" x2="${zero}" y1="${top}" y2="${height - 18}"></line>
    ${body}
  </svg>`;
}

/** Options of {@link renderYearChart}. */
export interface YearChartOptions {
  /** SVG width, px. @default 300 */
  width?: number;
  /** SVG height, px. @default 150 */
  height?: number;
}

/** A small line chart of one indicator by year: baseline dashed grey, scenario solid blue. */
export function renderYearChart(indicator: IndicatorResult, options: YearChartOptions = {}): SafeHtml {
  const width = options.width ?? 300;
  const height = options.height ?? 150;
  const margin = { top: 8, right: 10, bottom: 20, left: 46 };
  const years = indicator.byYear.map((y) => y.year);
  const numbers = indicator.byYear.flatMap((y) => [y.baseline, y.scenario]).filter((v): v is number => v !== null);
  const x = scalePoint<number>()
    .domain(years)
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([Math.min(0, ...numbers), Math.max(0, ...numbers)])
    .range([height - margin.bottom, margin.top])
    .nice();
  if (y.domain()[0] === y.domain()[1]) y.domain([0, 1]);
  const series = (key: 'baseline' | 'scenario') =>
    line<{ year: number; value: ResultNumber }>()
      .defined((d) => d.value !== null)
      .x((d) => round(x(d.year) ?? 0))
      .y((d) => round(y(d.value ?? 0)))(indicator.byYear.map((d) => ({ year: d.year, value: d[key] }))) ?? '';
  const dots = indicator.byYear.map((d) =>
    d.scenario === null
      ? html``
      : html`<circle cx="${round(x(d.year) ?? 0)}" cy="${round(y(d.scenario))}" r="2.5" fill="${SCENARIO_COLOR}"
          ><title>
            ${d.year}: ${formatValue(d.scenario, indicator.unit)} ${indicator.unit} (baseline
            ${formatValue(d.baseline, indicator.unit)})
          </title></circle
        >`,
  );
  const every = Math.ceil(years.length / 8);
  const xTicks = years
    .filter((_, i) => i % every === 0 || i === years.length - 1)
    .map(
      (year) =>
        html`<text class="tick" x="${round(x(year) ?? 0)}" y="${height - 5}" text-anchor="middle">${year}</text>`,
    );
  const yTicks = y.ticks(3).map((t) => {
    const ty = round(y(t));
    return html`<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${ty}" y2="${ty}"></line
      ><text class="tick" x="${margin.left - 4}" y="${ty}" dy="0.35em" text-anchor="end">${formatCompact(t)}</text>`;
  });
  return html`<svg
    class="years"
    role="img"
    aria-label="${indicator.label} by year"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
  >
    ${yTicks}${xTicks}
    <path
      d="${trustedHtml(series('baseline'))}"
      fill="none"
      stroke="${BASELINE_COLOR}"
      stroke-width="1.5"
      stroke-dasharray="4 3"
    ></path>
    <path d="${trustedHtml(series('scenario'))}" fill="none" stroke="${SCENARIO_COLOR}" stroke-width="2"></path>
    ${dots}
  </svg>`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? text.slice(0, length - 1) + '…' : text;
}
