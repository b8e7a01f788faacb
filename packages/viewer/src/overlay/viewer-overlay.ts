import {
  drawLegend,
  drawNorthArrow,
  drawScaleBar,
  LEGEND_WIDTH,
  SPLIT_LEGEND_WIDTH,
  type LegendSpec,
  type ScaleBar,
} from './draw-overlays.js';

/** Top of the split view's legend, below the side labels, CSS pixels. */
export const SPLIT_LEGEND_TOP = 44;

/** The DOM around the WebGL canvas: overlays, tooltip, year slider, split-view labels. */
export interface ViewerOverlay {
  /** The element put into the container; holds the canvas and every overlay. */
  root: HTMLDivElement;
  legend: HTMLCanvasElement;
  northArrow: HTMLCanvasElement;
  scaleBar: HTMLCanvasElement;
  /**
   * Draws the legend (hidden when `spec` is null): at the top right beside the single view, or
   * centred across the divider below the side labels in the split view (see {@link setSplit}).
   */
  setLegend(spec: LegendSpec | null, pixelRatio: number): void;
  /** CSS size of the legend as drawn ({ 0, 0 } when hidden). */
  legendSize(): { width: number; height: number };
  /** Rotates the north arrow; `angleRadians` clockwise from screen-up. */
  setNorth(angleRadians: number, pixelRatio: number): void;
  setScaleBar(bar: ScaleBar, pixelRatio: number): void;
  /** Shows the split-view divider and labels, or hides them (null). */
  setSplit(labels: [string, string] | null): void;
  /** Shows the year slider for the given span, or hides it (null). */
  setYears(span: { start: number; end: number; year: number } | null): void;
  /** Shows the tooltip with lines of text near (x, y), CSS pixels in the container; null hides it. */
  setTooltip(lines: { text: string; strong?: boolean }[] | null, x: number, y: number): void;
  /** Split labels as drawn, for the PNG export: text and CSS box relative to the root. */
  splitLabelBoxes(): { text: string; left: number; top: number; width: number; height: number }[];
  /** Whether the split divider shows. */
  readonly split: boolean;
  dispose(): void;
}

const LABEL_STYLE: Partial<CSSStyleDeclaration> = {
  position: 'absolute',
  top: '10px',
  padding: '3px 8px',
  font: '600 12px system-ui, "DejaVu Sans", Arial, sans-serif',
  color: '#1f2328',
  background: 'rgba(255,255,255,0.92)',
  border: '1px solid rgba(0,0,0,0.18)',
  borderRadius: '4px',
  pointerEvents: 'none',
  whiteSpace: 'nowrap',
  maxWidth: '45%',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

/**
 * Creates the overlay DOM. Every piece of text from data is set with `textContent` (or drawn
 * with Canvas 2D `fillText`), never parsed as HTML.
 *
 * @param options which overlays exist and the year slider's change handler
 */
export function createViewerOverlay(options: {
  legend: boolean;
  northArrow: boolean;
  scaleBar: boolean;
  yearSlider: boolean;
  onYear: (year: number) => void;
}): ViewerOverlay {
  const root = document.createElement('div');
  root.className = 'regiontwin-viewer';
  Object.assign(root.style, { position: 'absolute', inset: '0', overflow: 'hidden', userSelect: 'none' });

  const legend = document.createElement('canvas');
  legend.className = 'regiontwin-legend';
  legend.setAttribute('role', 'img');
  Object.assign(legend.style, {
    position: 'absolute',
    top: '10px',
    right: '10px',
    pointerEvents: 'none',
    display: 'none',
  });

  const northArrow = document.createElement('canvas');
  northArrow.className = 'regiontwin-north-arrow';
  northArrow.setAttribute('role', 'img');
  northArrow.setAttribute('aria-label', 'North arrow');
  Object.assign(northArrow.style, { position: 'absolute', right: '10px', bottom: '10px', pointerEvents: 'none' });

  const scaleBar = document.createElement('canvas');
  scaleBar.className = 'regiontwin-scale-bar';
  scaleBar.setAttribute('role', 'img');
  Object.assign(scaleBar.style, { position: 'absolute', left: '10px', bottom: '10px', pointerEvents: 'none' });

  const divider = document.createElement('div');
  Object.assign(divider.style, {
    position: 'absolute',
    top: '0',
    bottom: '0',
    left: '50%',
    width: '2px',
    marginLeft: '-1px',
    background: '#ffffff',
    boxShadow: '0 0 2px rgba(0,0,0,0.5)',
    pointerEvents: 'none',
    display: 'none',
  });
  const leftLabel = document.createElement('div');
  const rightLabel = document.createElement('div');
  leftLabel.className = 'regiontwin-split-label';
  rightLabel.className = 'regiontwin-split-label';
  Object.assign(leftLabel.style, LABEL_STYLE, { left: '10px', display: 'none' });
  Object.assign(rightLabel.style, LABEL_STYLE, { left: 'calc(50% + 10px)', display: 'none' });

  const tooltip = document.createElement('div');
  tooltip.className = 'regiontwin-tooltip';
  tooltip.setAttribute('role', 'tooltip');
  Object.assign(tooltip.style, {
    position: 'absolute',
    display: 'none',
    pointerEvents: 'none',
    padding: '6px 8px',
    font: '12px/1.35 system-ui, "DejaVu Sans", Arial, sans-serif',
    color: '#1f2328',
    background: 'rgba(255,255,255,0.96)',
    border: '1px solid rgba(0,0,0,0.2)',
    borderRadius: '4px',
    boxShadow: '0 1px 4px rgba(0,0,0,0.2)',
    maxWidth: '260px',
    whiteSpace: 'normal',
    zIndex: '2',
  });

  const yearBox = document.createElement('div');
  yearBox.className = 'regiontwin-year';
  Object.assign(yearBox.style, {
    position: 'absolute',
    left: '50%',
    bottom: '10px',
    transform: 'translateX(-50%)',
    display: 'none',
    alignItems: 'center',
    gap: '8px',
    padding: '4px 10px',
    font: '600 12px system-ui, "DejaVu Sans", Arial, sans-serif',
    background: 'rgba(255,255,255,0.92)',
    border: '1px solid rgba(0,0,0,0.18)',
    borderRadius: '4px',
  });
  const yearInput = document.createElement('input');
  yearInput.type = 'range';
  yearInput.step = '1';
  yearInput.setAttribute('aria-label', 'Year');
  const yearLabel = document.createElement('span');
  yearBox.append(yearInput, yearLabel);
  const onInput = (): void => {
    yearLabel.textContent = yearInput.value;
    options.onYear(Number(yearInput.value));
  };
  yearInput.addEventListener('input', onInput);

  root.append(divider, leftLabel, rightLabel, legend, northArrow, scaleBar, yearBox, tooltip);
  if (!options.northArrow) northArrow.style.display = 'none';
  if (!options.scaleBar) scaleBar.style.display = 'none';
  let split = false;
  let legendSize = { width: 0, height: 0 };
  const placeLegend = (): void => {
    Object.assign(
      legend.style,
      split
        ? { top: `${SPLIT_LEGEND_TOP}px`, left: '50%', right: 'auto', transform: 'translateX(-50%)' }
        : { top: '10px', left: 'auto', right: '10px', transform: '' },
    );
  };

  return {
    root,
    legend,
    northArrow,
    scaleBar,
    get split() {
      return split;
    },
    setLegend(spec, pixelRatio) {
      if (!options.legend || !spec) {
        legend.style.display = 'none';
        legendSize = { width: 0, height: 0 };
        return;
      }
      legend.style.display = 'block';
      placeLegend();
      const width = split ? Math.min(SPLIT_LEGEND_WIDTH, Math.max(LEGEND_WIDTH, root.clientWidth - 20)) : LEGEND_WIDTH;
      legendSize = drawLegend(legend, spec, pixelRatio, width);
      legend.setAttribute('aria-label', [spec.title, spec.subtitle, ...spec.notes].filter(Boolean).join('. '));
    },
    legendSize() {
      return legendSize;
    },
    setNorth(angle, pixelRatio) {
      if (options.northArrow) drawNorthArrow(northArrow, angle, pixelRatio);
    },
    setScaleBar(bar, pixelRatio) {
      if (!options.scaleBar) return;
      drawScaleBar(scaleBar, bar, pixelRatio);
      scaleBar.setAttribute('aria-label', `Scale bar: ${bar.label}`);
    },
    setSplit(labels) {
      split = labels !== null;
      const display = split ? 'block' : 'none';
      divider.style.display = display;
      leftLabel.style.display = display;
      rightLabel.style.display = display;
      leftLabel.textContent = labels ? labels[0] : '';
      rightLabel.textContent = labels ? labels[1] : '';
      placeLegend();
    },
    setYears(span) {
      if (!options.yearSlider || !span || span.end <= span.start) {
        yearBox.style.display = 'none';
        return;
      }
      yearBox.style.display = 'flex';
      yearInput.min = String(span.start);
      yearInput.max = String(span.end);
      yearInput.value = String(span.year);
      yearLabel.textContent = String(span.year);
    },
    setTooltip(lines, x, y) {
      if (!lines || lines.length === 0) {
        tooltip.style.display = 'none';
        return;
      }
      tooltip.replaceChildren(
        ...lines.map((line) => {
          const element = document.createElement('div');
          element.textContent = line.text;
          if (line.strong) element.style.fontWeight = '600';
          return element;
        }),
      );
      tooltip.style.display = 'block';
      const width = root.clientWidth;
      const left = x + 14 + tooltip.offsetWidth > width ? x - 14 - tooltip.offsetWidth : x + 14;
      tooltip.style.left = `${Math.max(0, left)}px`;
      tooltip.style.top = `${Math.max(0, y + 14)}px`;
    },
    splitLabelBoxes() {
      if (!split) return [];
      const rootBox = root.getBoundingClientRect();
      return [leftLabel, rightLabel].map((label) => {
        const box = label.getBoundingClientRect();
        return {
          text: label.textContent ?? '',
          left: box.left - rootBox.left,
          top: box.top - rootBox.top,
          width: box.width,
          height: box.height,
        };
      });
    },
    dispose() {
      yearInput.removeEventListener('input', onInput);
      root.remove();
    },
  };
}
