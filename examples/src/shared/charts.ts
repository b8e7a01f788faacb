/**
 * The d3 charts of the examples: an indicator by district (grouped horizontal bars) and by year
 * (lines), for the baseline and up to three scenarios. Text from data goes in as text nodes.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { formatValue } from './format.js';
import type { Language } from './i18n.js';

/** Colours of the baseline and of scenarios 1–3 (also used by the table and the legend). */
export const SERIES_COLORS = ['#9aa0a6', '#0f766e', '#b45309', '#6d28d9'];

/** One series of a chart: a name and one value per category (null: no value). */
export interface ChartSeries {
  name: string;
  color: string;
  values: (number | null)[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function numeric(values: (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

/**
 * Draws grouped horizontal bars: one group per district (sorted by the last series, largest
 * first), one bar per series.
 */
export function drawDistrictBars(
  container: HTMLElement,
  districts: readonly string[],
  series: readonly ChartSeries[],
  unit: string,
  language: Language,
): void {
  container.replaceChildren();
  const order = districts.map((_, i) => i);
  const last = series[series.length - 1];
  order.sort((a, b) => (last?.values[b] ?? -Infinity) - (last?.values[a] ?? -Infinity));
  const width = Math.max(320, container.clientWidth || 520);
  const barHeight = Math.max(3, Math.min(8, 26 / Math.max(1, series.length)));
  const groupHeight = barHeight * series.length + 6;
  const margin = { top: 8, right: 16, bottom: 28, left: 140 };
  const height = margin.top + margin.bottom + groupHeight * districts.length;
  const all = series.flatMap((s) => numeric(s.values));
  const min = Math.min(0, ...all);
  const max = Math.max(0, ...all);
  const x = scaleLinear()
    .domain([min, max === min ? min + 1 : max])
    .nice()
    .range([margin.left, width - margin.right]);
  const y = scaleBand<number>()
    .domain(order)
    .range([margin.top, height - margin.bottom])
    .paddingInner(0.1);
  const svg = select(container)
    .append('svg')
    .attr('xmlns', SVG_NS)
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('class', 'chart district-bars');
  svg
    .append('g')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor(width / 110)))
        .tickFormat((v) => formatValue(Number(v), unit, language)),
    );
  svg
    .append('g')
    .attr('transform', `translate(${margin.left},0)`)
    .call(
      axisLeft(y)
        .tickFormat((i) => truncate(districts[i], 22))
        .tickSizeOuter(0),
    );
  const groups = svg
    .append('g')
    .selectAll('g')
    .data(order)
    .join('g')
    .attr('transform', (i) => `translate(0,${y(i)})`);
  series.forEach((s, k) => {
    groups
      .append('rect')
      .attr('x', (i) => x(Math.min(0, s.values[i] ?? 0)))
      .attr('y', k * barHeight)
      .attr('height', barHeight - 1)
      .attr('width', (i) => Math.abs(x(s.values[i] ?? 0) - x(0)))
      .attr('fill', s.color)
      .append('title')
      .text((i) => `${districts[i]} — ${s.name}: ${formatValue(s.values[i], unit, language)}`);
  });
}

/** Draws one line per series over the years, with a point per year. */
export function drawYearLines(
  container: HTMLElement,
  years: readonly number[],
  series: readonly ChartSeries[],
  unit: string,
  language: Language,
): void {
  container.replaceChildren();
  const width = Math.max(320, container.clientWidth || 520);
  const height = 200;
  const margin = { top: 10, right: 16, bottom: 28, left: 72 };
  const all = series.flatMap((s) => numeric(s.values));
  const min = Math.min(0, ...all);
  const max = Math.max(0, ...all);
  const x = scalePoint<number>()
    .domain([...years])
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([min, max === min ? min + 1 : max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const svg = select(container)
    .append('svg')
    .attr('xmlns', SVG_NS)
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('class', 'chart year-lines');
  svg
    .append('g')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).tickFormat((v) => String(v)));
  svg
    .append('g')
    .attr('transform', `translate(${margin.left},0)`)
    .call(
      axisLeft(y)
        .ticks(5)
        .tickFormat((v) => formatValue(Number(v), unit, language)),
    );
  for (const s of series) {
    const points = years.map((year, i) => [year, s.values[i]] as const).filter(([, v]) => v !== null);
    const path = line<readonly [number, number | null]>()
      .x(([year]) => x(year) ?? 0)
      .y(([, v]) => y(v ?? 0));
    svg.append('path').attr('d', path(points)).attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', 2);
    svg
      .append('g')
      .selectAll('circle')
      .data(points)
      .join('circle')
      .attr('cx', ([year]) => x(year) ?? 0)
      .attr('cy', ([, v]) => y(v ?? 0))
      .attr('r', 3)
      .attr('fill', s.color)
      .append('title')
      .text(([year, v]) => `${s.name} ${year}: ${formatValue(v, unit, language)}`);
  }
}

/** A legend of the series, as text. */
export function drawLegend(container: HTMLElement, series: readonly ChartSeries[]): void {
  container.replaceChildren(
    ...series.map((s) => {
      const item = document.createElement('span');
      item.className = 'legend-item';
      const swatch = document.createElement('i');
      swatch.style.background = s.color;
      item.append(swatch, document.createTextNode(s.name));
      return item;
    }),
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
