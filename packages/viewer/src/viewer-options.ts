import type { ScenarioResult } from '@regiontwin/core';
import type { WebGLRenderer } from 'three';
import type { CoverageArea } from './result/read-result.js';
import type { ValueKind } from './style/indicator-color-scale.js';
import type { FacilityStyle } from './style/map-styles.js';

/** The layers the viewer draws; each can be hidden. */
export type LayerName = 'districts' | 'roads' | 'settlements' | 'facilities' | 'coverage' | 'buildings';

/** Options of {@link createViewer}. Every default lives in {@link DEFAULT_VIEWER_OPTIONS}. */
export interface ViewerOptions {
  /**
   * A renderer to draw with instead of creating one. The viewer then never disposes it, and its
   * canvas is put into the container (moved if it is elsewhere).
   * @default undefined (the viewer creates and owns a WebGLRenderer)
   */
  renderer?: WebGLRenderer;
  /** Device pixels per CSS pixel. @default window.devicePixelRatio (1 outside a browser) */
  pixelRatio?: number;
  /** Multisample anti-aliasing of an owned renderer. @default true */
  antialias?: boolean;
  /** Colour behind the region, CSS. @default '#e6ebef' */
  background?: string;
  /** Fill of districts when no indicator colours them, CSS. @default '#f3efe4' */
  landColor?: string;
  /** Colour of district outlines, CSS. @default '#5f6368' */
  outlineColor?: string;
  /** Colour of the selected district's or facility's outline, CSS. @default '#ff5a00' */
  highlightColor?: string;
  /** Colour of coverage areas, CSS. @default '#0f766e' */
  coverageColor?: string;
  /** Which number colours districts in the single view. @default 'scenario' */
  valueKind?: ValueKind;
  /**
   * Extrude districts by their value: the largest value (or |delta|) gets `maxHeightMeters`.
   * `true` uses a height of 6% of the region's larger side. @default false
   */
  extrudeDistricts?: boolean | { maxHeightMeters: number };
  /**
   * Coverage areas. `'auto'` follows the indicator: for `{ kind, meters }` (e.g.
   * `population-within-distance`) a disc of that radius around each facility of the kind; for
   * `{ kind, minutes }` (e.g. `population-within-travel-time`, `coverage-share`) the area that
   * reaches such a facility within the time by the engine's travel-time model, computed with the
   * result's assumptions and changes (roads included) on a grid of 256 cells along the region's
   * longer side. `{ kind, radiusMeters }` or `{ kind, minutes }` draws that always; null draws
   * none. @default 'auto'
   */
  coverage?: 'auto' | CoverageArea | null;
  /** Styles of facility kinds, overriding `DEFAULT_FACILITY_STYLES`. @default {} */
  facilityStyles?: Record<string, FacilityStyle>;
  /** Facility marker diameter, CSS pixels (added facilities are 1.45× larger). @default 12 */
  facilitySizePixels?: number;
  /** Diameter of the most populous settlement's marker, CSS pixels. @default 30 */
  settlementMaxSizePixels?: number;
  /** Smallest settlement marker diameter, CSS pixels. @default 4 */
  settlementMinSizePixels?: number;
  /**
   * How buildings are built: `'worker'` in the bundled Web Worker, `'main-thread'` synchronously,
   * or a function that starts a worker running `@regiontwin/viewer/buildings-worker` (for
   * bundlers that need the worker spelled out, e.g. Vite's
   * `import BuildingsWorker from '@regiontwin/viewer/buildings-worker?worker'`). @default 'worker'
   */
  buildingsWorker?: 'worker' | 'main-thread' | (() => Worker);
  /** Initially hidden layers. @default [] */
  hiddenLayers?: LayerName[];
  /** Map-like camera controls (three's MapControls: left-drag pans, right-drag rotates, wheel zooms). @default true */
  controls?: boolean;
  /** Legend panel. @default true */
  legend?: boolean;
  /** North arrow. @default true */
  northArrow?: boolean;
  /** Scale bar. @default true */
  scaleBar?: boolean;
  /** Year slider (shown when a result spans more than one year). @default true */
  yearSlider?: boolean;
  /** Hover tooltip with a district's or facility's name and numbers. @default true */
  tooltip?: boolean;
  /** Fit the camera to the region on `setRegion`. @default true */
  fitOnSetRegion?: boolean;
  /** Vertical field of view of the camera, degrees. @default 35 */
  fieldOfViewDegrees?: number;
}

/** The defaults of every {@link ViewerOptions} field (the single source of defaults). */
export const DEFAULT_VIEWER_OPTIONS = {
  antialias: true,
  background: '#e6ebef',
  landColor: '#f3efe4',
  outlineColor: '#5f6368',
  highlightColor: '#ff5a00',
  coverageColor: '#0f766e',
  valueKind: 'scenario' as ValueKind,
  extrudeDistricts: false as boolean | { maxHeightMeters: number },
  coverage: 'auto' as 'auto' | CoverageArea | null,
  facilityStyles: {} as Record<string, FacilityStyle>,
  facilitySizePixels: 12,
  settlementMaxSizePixels: 30,
  settlementMinSizePixels: 4,
  buildingsWorker: 'worker' as NonNullable<ViewerOptions['buildingsWorker']>,
  hiddenLayers: [] as LayerName[],
  controls: true,
  legend: true,
  northArrow: true,
  scaleBar: true,
  yearSlider: true,
  tooltip: true,
  fitOnSetRegion: true,
  fieldOfViewDegrees: 35,
} satisfies Omit<Required<ViewerOptions>, 'renderer' | 'pixelRatio'>;

/** What `setResult` compares the result with. */
export interface SetResultOptions {
  /**
   * `'baseline'`: split view, the result's baseline on the left and its scenario on the right.
   * Another result of the same region: split view, that result's scenario on the left and this
   * one's on the right. `null`/omitted: one view coloured by the value kind.
   * @default null
   */
  compareTo?: 'baseline' | ScenarioResult | null;
  /** Indicator to show (id or position). @default 0 (the first) */
  indicator?: string | number;
}

/** Options of `setIndicator`. */
export interface SetIndicatorOptions {
  /** Which number colours districts in the single view. @default the current value kind */
  valueKind?: ValueKind;
}

/** Options of `fitToRegion` and `fitToBounds`. */
export interface FitOptions {
  /** Camera tilt from straight down, degrees (0 = map view). @default 0 */
  pitchDegrees?: number;
  /** Direction the camera faces, degrees clockwise from north. @default 0 */
  bearingDegrees?: number;
  /** Margin around the bounds, as a share of their size. @default 0.04 */
  padding?: number;
}

/** Which part of the view a pick came from. */
export type ViewSide = 'single' | 'left' | 'right';

/** What is under a screen point. Text fields come from the data and must be shown as text. */
export interface PickInfo {
  /** What was hit. */
  kind: 'district' | 'facility' | 'settlement';
  /** Index in the model's table (districts, facilities, demand), or -1 for a facility the scenario adds. */
  index: number;
  /** Id from the model (district/facility/demand id), or '' for an added facility. */
  id: string;
  /** Display name. */
  name: string;
  /** Side of the view. */
  side: ViewSide;
  /** The ground point under the cursor, metres (x east, y north). */
  xy: [number, number];
  /** District values of the current indicator (districts only, when a result is set). */
  values?: {
    indicatorId: string;
    label: string;
    unit: string;
    baseline: number;
    scenario: number;
    delta: number;
    /** The value the district is coloured by on this side. */
    shown: number;
  };
  /** Facility kind (facilities only). */
  facilityKind?: string;
  /** Year a scenario adds the facility (added facilities only). */
  addedInYear?: number;
  /** Capacity of the facility (seats, beds…), when the data or the change gives one. */
  capacity?: number;
  /** Population (settlements only). */
  population?: number;
}

/** Events the viewer emits. */
export interface ViewerEvents {
  /** A click (press and release within 5 px): what is under the pointer, or null for nothing. */
  pick: PickInfo | null;
  /** The pointer moved over something else (null when over nothing). */
  hover: PickInfo | null;
  /** The buildings of the current region are built and drawn. */
  buildings: { count: number; buildMilliseconds: number; inWorker: boolean };
}
