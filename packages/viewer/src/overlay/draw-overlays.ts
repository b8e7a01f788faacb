import type { IndicatorColorScale } from '../style/indicator-color-scale.js';
import { NO_DATA_COLOR } from '../style/indicator-color-scale.js';
import type { FacilityShape, FacilityStyle } from '../style/map-styles.js';

/**
 * Overlays (legend, north arrow, scale bar) are drawn with the Canvas 2D API: text goes through
 * `fillText`, never through HTML, and `toPNG()` composites the very same pixels into the export.
 */

const FONT_FAMILY = 'system-ui, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif';
const TEXT_COLOR = '#1f2328';
const MUTED_COLOR = '#57606a';
const PANEL_COLOR = 'rgba(255, 255, 255, 0.92)';

/** What the legend shows. */
export interface LegendSpec {
  /** First line, bold (e.g. the indicator label). */
  title: string;
  /** Second line (unit, value kind, year). */
  subtitle: string;
  /** Extra lines (e.g. the selected year's region totals). */
  notes: string[];
  /** The district colour scale, or null when districts are not coloured by an indicator. */
  scale: IndicatorColorScale | null;
  /** Whether some district has no value (adds a "no data" swatch). */
  noData: boolean;
  /** The coverage areas drawn: their CSS colour and what they mean, or null. */
  coverage?: { color: string; label: string } | null;
  /** Facility kinds drawn, with their styles; `added` marks kinds that a scenario adds. */
  facilities: { kind: string; style: FacilityStyle; count: number; added: number }[];
  /** Settlement size key: populations and their marker diameters, CSS pixels. */
  settlements: { population: string; sizePixels: number }[];
  /** Building height ramp: CSS colours along the ramp and the label of its ends, or null. */
  buildings: { colors: string[]; minLabel: string; maxLabel: string } | null;
}

/** Legend width beside the single view, CSS pixels. */
export const LEGEND_WIDTH = 232;
/** Legend width of the split view (centred across the divider, below the side labels), CSS pixels. */
export const SPLIT_LEGEND_WIDTH = 360;
const PAD = 10;
const BAR_HEIGHT = 12;

/**
 * Draws the legend into `canvas` at the given device pixel ratio, resizing the canvas to fit its
 * contents. Returns the legend's CSS size.
 *
 * @param widthPixels the legend's width, CSS pixels (text wraps to it)
 */
export function drawLegend(
  canvas: HTMLCanvasElement,
  spec: LegendSpec,
  pixelRatio: number,
  widthPixels: number = LEGEND_WIDTH,
): { width: number; height: number } {
  const width = Math.max(120, Math.round(widthPixels));
  const height = layoutLegend(spec, null, width);
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return { width, height };
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  layoutLegend(spec, ctx, width);
  return { width, height };
}

/** Lays the legend out; draws when `ctx` is given. Returns the height, CSS pixels. */
function layoutLegend(spec: LegendSpec, ctx: CanvasRenderingContext2D | null, width: number): number {
  const inner = width - 2 * PAD;
  let y = PAD;
  if (ctx) {
    // The panel is drawn first at the full height, computed by the dry run.
    const total = layoutLegend(spec, null, width);
    ctx.fillStyle = PANEL_COLOR;
    roundRect(ctx, 0.5, 0.5, width - 1, total - 1, 6);
    ctx.fill();
    ctx.strokeStyle = 'rgba(0,0,0,0.18)';
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  const text = (value: string, size: number, weight: string, color: string): void => {
    const lines = wrap(value, inner, size, weight);
    for (const line of lines) {
      y += size + 3;
      if (ctx) {
        ctx.font = `${weight} ${size}px ${FONT_FAMILY}`;
        ctx.fillStyle = color;
        ctx.textBaseline = 'alphabetic';
        ctx.textAlign = 'left';
        ctx.fillText(line, PAD, y - 3);
      }
    }
  };
  if (spec.title) text(spec.title, 13, '600', TEXT_COLOR);
  if (spec.subtitle) text(spec.subtitle, 11, '400', MUTED_COLOR);
  for (const note of spec.notes) text(note, 11, '400', TEXT_COLOR);

  if (spec.scale) {
    y += 6;
    if (ctx) {
      for (let x = 0; x < inner; x++) {
        ctx.fillStyle = spec.scale.colorAt(x / (inner - 1));
        ctx.fillRect(PAD + x, y, 1, BAR_HEIGHT);
      }
      ctx.strokeStyle = 'rgba(0,0,0,0.35)';
      ctx.lineWidth = 1;
      ctx.strokeRect(PAD + 0.5, y + 0.5, inner - 1, BAR_HEIGHT - 1);
    }
    y += BAR_HEIGHT;
    const [d0, d1] = [spec.scale.domain[0], spec.scale.domain[spec.scale.domain.length - 1]];
    const ticks = spec.scale.ticks(4);
    if (ctx) {
      ctx.font = `400 10px ${FONT_FAMILY}`;
      ctx.fillStyle = TEXT_COLOR;
      ctx.textBaseline = 'top';
      for (const tick of ticks) {
        const x = PAD + ((tick.value - d0) / (d1 - d0)) * (inner - 1);
        ctx.fillRect(Math.round(x), y, 1, 3);
        const width = ctx.measureText(tick.label).width;
        ctx.textAlign = 'left';
        ctx.fillText(tick.label, Math.min(Math.max(x - width / 2, PAD), PAD + inner - width), y + 4);
      }
    }
    y += 16;
  }
  if (spec.noData) {
    y += 4;
    if (ctx) {
      ctx.fillStyle = NO_DATA_COLOR;
      ctx.fillRect(PAD, y, 14, 10);
      ctx.strokeStyle = 'rgba(0,0,0,0.35)';
      ctx.strokeRect(PAD + 0.5, y + 0.5, 13, 9);
      label(ctx, 'no data', PAD + 20, y + 5);
    }
    y += 12;
  }
  if (spec.coverage) {
    y += 4;
    const lines = wrap(spec.coverage.label, inner - 20, 10, '400');
    if (ctx) {
      ctx.globalAlpha = 0.35;
      ctx.fillStyle = spec.coverage.color;
      ctx.fillRect(PAD, y, 14, 10);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = spec.coverage.color;
      ctx.strokeRect(PAD + 0.5, y + 0.5, 13, 9);
      lines.forEach((line, k) => label(ctx, line, PAD + 20, y + 5 + k * 13));
    }
    y += 12 + (lines.length - 1) * 13;
  }
  if (spec.facilities.length > 0) {
    y += 8;
    text('Facilities', 11, '600', TEXT_COLOR);
    for (const facility of spec.facilities) {
      y += 4;
      if (ctx) {
        drawShape(ctx, facility.style.shape, PAD + 7, y + 7, 12, facility.style.color, '#ffffff', 1.2);
        const counts =
          facility.added === 0
            ? `${facility.count}`
            : facility.count === 0
              ? `${facility.added} added`
              : `${facility.count} + ${facility.added} added`;
        label(ctx, `${facility.kind} · ${counts}`, PAD + 20, y + 7);
      }
      y += 14;
    }
  }
  if (spec.settlements.length > 0) {
    y += 8;
    text('Settlements by population', 11, '600', TEXT_COLOR);
    y += 4;
    const largest = Math.max(...spec.settlements.map((s) => s.sizePixels));
    let x = PAD;
    for (const settlement of spec.settlements) {
      if (ctx) {
        drawShape(
          ctx,
          'circle',
          x + largest / 2,
          y + largest / 2,
          settlement.sizePixels,
          '#37474f',
          '#ffffff',
          1,
          0.55,
        );
        label(ctx, settlement.population, x + largest + 4, y + largest / 2);
        ctx.font = `400 10px ${FONT_FAMILY}`;
        x += largest + 10 + ctx.measureText(settlement.population).width;
      } else {
        x += largest + 40;
      }
    }
    y += largest;
  }
  if (spec.buildings) {
    y += 8;
    text('Building height', 11, '600', TEXT_COLOR);
    y += 4;
    if (ctx) {
      const colors = spec.buildings.colors;
      for (let x = 0; x < inner; x++) {
        ctx.fillStyle = colors[Math.min(colors.length - 1, Math.floor((x / inner) * colors.length))];
        ctx.fillRect(PAD + x, y, 1, 8);
      }
      ctx.font = `400 10px ${FONT_FAMILY}`;
      ctx.fillStyle = TEXT_COLOR;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText(spec.buildings.minLabel, PAD, y + 10);
      ctx.textAlign = 'right';
      ctx.fillText(spec.buildings.maxLabel, PAD + inner, y + 10);
      ctx.textAlign = 'left';
    }
    y += 22;
  }
  return Math.ceil(y + PAD);
}

function label(ctx: CanvasRenderingContext2D, value: string, x: number, middleY: number): void {
  ctx.font = `400 10px ${FONT_FAMILY}`;
  ctx.fillStyle = TEXT_COLOR;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(value, x, middleY);
}

// Width of text without a context (dry run): a measuring canvas shared by every legend.
let measureContext: CanvasRenderingContext2D | null = null;
function measure(value: string, size: number, weight: string): number {
  if (!measureContext && typeof document !== 'undefined')
    measureContext = document.createElement('canvas').getContext('2d');
  if (!measureContext) return value.length * size * 0.55;
  measureContext.font = `${weight} ${size}px ${FONT_FAMILY}`;
  return measureContext.measureText(value).width;
}

/** Greedy word wrap to `width` CSS pixels. */
function wrap(value: string, width: number, size: number, weight: string): string[] {
  const words = value.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate, size, weight) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/**
 * Draws a facility shape centred at (x, y) with diameter `size`, CSS pixels — the Canvas 2D twin
 * of the marker shader, for the legend.
 */
export function drawShape(
  ctx: CanvasRenderingContext2D,
  shape: FacilityShape,
  x: number,
  y: number,
  size: number,
  fill: string,
  stroke: string,
  strokeWidth: number,
  fillOpacity = 1,
): void {
  const r = size / 2;
  ctx.beginPath();
  switch (shape) {
    case 'circle':
      ctx.arc(x, y, r, 0, Math.PI * 2);
      break;
    case 'square':
      ctx.rect(x - r * 0.82, y - r * 0.82, r * 1.64, r * 1.64);
      break;
    case 'triangle':
      polygon(ctx, x, y + r * 0.2, r * 1.1, 3, -Math.PI / 2);
      break;
    case 'diamond':
      polygon(ctx, x, y, r, 4, -Math.PI / 2);
      break;
    case 'hexagon':
      polygon(ctx, x, y, r, 6, 0);
      break;
    case 'star': {
      for (let i = 0; i < 10; i++) {
        const radius = i % 2 === 0 ? r : r * 0.45;
        const angle = -Math.PI / 2 + (i * Math.PI) / 5;
        const px = x + radius * Math.cos(angle);
        const py = y + r * 0.08 + radius * Math.sin(angle);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
      ctx.closePath();
      break;
    }
    case 'cross': {
      const w = r * 0.38;
      ctx.moveTo(x - w, y - r);
      ctx.lineTo(x + w, y - r);
      ctx.lineTo(x + w, y - w);
      ctx.lineTo(x + r, y - w);
      ctx.lineTo(x + r, y + w);
      ctx.lineTo(x + w, y + w);
      ctx.lineTo(x + w, y + r);
      ctx.lineTo(x - w, y + r);
      ctx.lineTo(x - w, y + w);
      ctx.lineTo(x - r, y + w);
      ctx.lineTo(x - r, y - w);
      ctx.lineTo(x - w, y - w);
      ctx.closePath();
      break;
    }
  }
  ctx.globalAlpha = fillOpacity;
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.globalAlpha = 1;
  if (strokeWidth > 0) {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = strokeWidth;
    ctx.stroke();
  }
}

function polygon(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, sides: number, start: number): void {
  for (let i = 0; i < sides; i++) {
    const angle = start + (i * 2 * Math.PI) / sides;
    if (i === 0) ctx.moveTo(x + r * Math.cos(angle), y + r * Math.sin(angle));
    else ctx.lineTo(x + r * Math.cos(angle), y + r * Math.sin(angle));
  }
  ctx.closePath();
}

/** North arrow size, CSS pixels. */
export const NORTH_ARROW_SIZE = 44;

/**
 * Draws a north arrow pointing `angleRadians` clockwise from screen-up (0 when north is up).
 */
export function drawNorthArrow(canvas: HTMLCanvasElement, angleRadians: number, pixelRatio: number): void {
  const size = NORTH_ARROW_SIZE;
  canvas.width = Math.round(size * pixelRatio);
  canvas.height = Math.round(size * pixelRatio);
  canvas.style.width = `${size}px`;
  canvas.style.height = `${size}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = PANEL_COLOR;
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, size / 2 - 1, 0, Math.PI * 2);
  ctx.fill();
  ctx.strokeStyle = 'rgba(0,0,0,0.18)';
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.save();
  ctx.translate(size / 2, size / 2);
  ctx.rotate(angleRadians);
  ctx.beginPath();
  ctx.moveTo(0, -15);
  ctx.lineTo(6, 6);
  ctx.lineTo(0, 2);
  ctx.closePath();
  ctx.fillStyle = '#c62828';
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(0, -15);
  ctx.lineTo(-6, 6);
  ctx.lineTo(0, 2);
  ctx.closePath();
  ctx.fillStyle = '#7f1d1d';
  ctx.fill();
  ctx.font = `700 10px ${FONT_FAMILY}`;
  ctx.fillStyle = TEXT_COLOR;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('N', 0, 13);
  ctx.restore();
}

/** A scale bar: its length on the ground, metres, on screen, CSS pixels, and its label. */
export interface ScaleBar {
  meters: number;
  pixels: number;
  label: string;
}

/**
 * Chooses the longest "nice" ground length (1, 2 or 5 × 10^k metres) whose bar fits in
 * `maxPixels` at `metersPerPixel`, labelled in m or km.
 *
 * @param metersPerPixel ground metres per CSS pixel at the map centre
 * @param maxPixels the longest bar allowed, CSS pixels
 */
export function chooseScaleBar(metersPerPixel: number, maxPixels: number): ScaleBar {
  if (!(metersPerPixel > 0) || !Number.isFinite(metersPerPixel)) return { meters: 0, pixels: 0, label: '' };
  const maxMeters = metersPerPixel * maxPixels;
  const exponent = Math.floor(Math.log10(maxMeters));
  let meters = 10 ** exponent;
  for (const step of [5, 2, 1]) {
    if (step * 10 ** exponent <= maxMeters) {
      meters = step * 10 ** exponent;
      break;
    }
  }
  const label = meters >= 1000 ? `${meters / 1000} km` : `${meters} m`;
  return { meters, pixels: meters / metersPerPixel, label };
}

/** Scale bar canvas size, CSS pixels. */
export const SCALE_BAR_SIZE = { width: 150, height: 30 };

/** Draws a scale bar (left-aligned bar with end ticks and a label). */
export function drawScaleBar(canvas: HTMLCanvasElement, bar: ScaleBar, pixelRatio: number): void {
  const { width, height } = SCALE_BAR_SIZE;
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (bar.pixels <= 0) return;
  ctx.fillStyle = PANEL_COLOR;
  roundRect(ctx, 0.5, 0.5, Math.min(width - 1, bar.pixels + 16), height - 1, 4);
  ctx.fill();
  const x0 = 8;
  const x1 = x0 + bar.pixels;
  ctx.strokeStyle = TEXT_COLOR;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x0, height - 12);
  ctx.lineTo(x0, height - 7);
  ctx.lineTo(x1, height - 7);
  ctx.lineTo(x1, height - 12);
  ctx.stroke();
  ctx.font = `400 10px ${FONT_FAMILY}`;
  ctx.fillStyle = TEXT_COLOR;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(bar.label, x0, 3);
}
