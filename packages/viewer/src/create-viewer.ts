import {
  locateDistrict,
  unprojectXY,
  type IndicatorResult,
  type RegionModel,
  type ScenarioResult,
} from '@regiontwin/core';
import { scaleSequential } from 'd3-scale';
import { interpolateOranges } from 'd3-scale-chromatic';
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  DirectionalLight,
  Group,
  HemisphereLight,
  Mesh,
  MeshLambertMaterial,
  PerspectiveCamera,
  Plane,
  Raycaster,
  Scene,
  Vector2,
  Vector3,
  WebGLRenderer,
  type Material,
  type Object3D,
} from 'three';
import { MapControls } from 'three/examples/jsm/controls/MapControls.js';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { createBuildingsBuilder, type BuildingsBuilder } from './buildings/create-buildings-worker.js';
import { boundsCentre } from './geometry/extrude-polygons.js';
import { DistrictLayer, outlineSegments } from './layers/district-layer.js';
import { createMapLines } from './layers/map-lines.js';
import { createMarkerPoints } from './layers/marker-points.js';
import {
  createChangeLayer,
  createCoverageLayer,
  createFacilityMarkers,
  createReachLayer,
  createRoadLayer,
  createSettlementMarkers,
  type DrawnFacility,
} from './layers/region-layers.js';
import { chooseScaleBar, LEGEND_WIDTH, type LegendSpec } from './overlay/draw-overlays.js';
import { createViewerOverlay, SPLIT_LEGEND_TOP, type ViewerOverlay } from './overlay/viewer-overlay.js';
import {
  coverageOfIndicator,
  districtValues,
  changesUntil,
  findIndicator,
  readScenarioChanges,
  yearTotals,
  type ScenarioChanges,
} from './result/read-result.js';
import { computeTravelTimeReach, type TravelTimeReach } from './result/travel-time-reach.js';
import {
  createIndicatorColorScale,
  numberFormatter,
  type IndicatorColorScale,
  type ValueKind,
} from './style/indicator-color-scale.js';
import { resolveFacilityStyles, type FacilityStyle } from './style/map-styles.js';
import {
  DEFAULT_VIEWER_OPTIONS,
  type FitOptions,
  type LayerName,
  type PickInfo,
  type SetIndicatorOptions,
  type SetResultOptions,
  type ViewerEvents,
  type ViewerOptions,
  type ViewSide,
} from './viewer-options.js';

/** What the viewer shows now (see {@link Viewer.getState}). */
export interface ViewerState {
  /** Region id, or null before `setRegion`. */
  regionId: string | null;
  /** Scenario name of the result, or null. */
  scenario: string | null;
  /** Current indicator id, or null without a result. */
  indicatorId: string | null;
  /** Value kind of the single view. */
  valueKind: ValueKind;
  /** Selected year, or null without a result. */
  year: number | null;
  /** Whether the view is split (baseline or another result on the left). */
  split: boolean;
  /** Buildings drawn (0 until the worker delivers them). */
  buildingCount: number;
  /** Size of the drawing area, CSS pixels. */
  width: number;
  height: number;
}

/** The viewer: a three.js map of a region and a scenario result. */
export interface Viewer {
  /** The WebGL renderer (its `info` reports draw calls and GPU memory). */
  readonly renderer: WebGLRenderer;
  /** The camera: y is up, x east, z south (a map point (x, y) is at world (x − originX, 0, −(y − originY))). */
  readonly camera: PerspectiveCamera;
  /** The scene. */
  readonly scene: Scene;
  /** The camera controls (three's MapControls), or null when disabled. */
  readonly controls: MapControls | null;
  /** The scene origin, metres in the model's projection (x east, y north). */
  readonly origin: readonly [number, number];
  /**
   * Shows a region: districts, roads, settlements, facilities, and buildings (built off the main
   * thread). Replaces any previous region; keeps the result if one is set.
   * @returns a promise that resolves when the buildings are drawn too
   */
  setRegion(model: RegionModel): Promise<void>;
  /**
   * Shows a scenario result of the current region: districts coloured by an indicator, the
   * facilities it adds, coverage areas. `compareTo` splits the view (see {@link SetResultOptions}).
   * Pass null to go back to the region alone.
   */
  setResult(result: ScenarioResult | null, options?: SetResultOptions): void;
  /**
   * Colours districts by an indicator of the result (by id or position) and, in the single view,
   * by its baseline, scenario or delta value.
   * @throws Error when there is no result or no such indicator
   */
  setIndicator(idOrIndex: string | number, options?: SetIndicatorOptions): void;
  /**
   * Shows the scenario as it stands in `year` (clamped to the result's years): changes that start
   * later are hidden and the legend gives that year's region totals. District colours are the
   * result's final-year values (result.json reports districts for the final year only).
   */
  setYear(year: number): void;
  /** Shows or hides a layer. */
  setLayerVisible(layer: LayerName, visible: boolean): void;
  /** Points the camera at the whole region. */
  fitToRegion(options?: FitOptions): void;
  /** Points the camera at a box, metres in the model's projection: [minX, minY, maxX, maxY]. */
  fitToBounds(bounds: readonly [number, number, number, number], options?: FitOptions): void;
  /** What is under a point, CSS pixels from the container's top-left corner (null for nothing). */
  pick(x: number, y: number): PickInfo | null;
  /** Highlights a picked district or facility (null clears), as a click does. */
  select(target: PickInfo | null): void;
  /**
   * Where a map point appears, CSS pixels from the container's top-left, or null when behind the
   * camera. In the split view `side` chooses the half. @param x metres east @param y metres north
   */
  worldToScreen(x: number, y: number, options?: { side?: ViewSide; heightMeters?: number }): [number, number] | null;
  /** Listens to an event; returns a function that stops listening. */
  on<K extends keyof ViewerEvents>(type: K, listener: (event: ViewerEvents[K]) => void): () => void;
  /** Renders now (the viewer otherwise renders on demand, once per animation frame). */
  render(): void;
  /**
   * Exports the view as a PNG of the drawing buffer's size (CSS size × pixel ratio), with the
   * legend, north arrow, scale bar and split labels drawn in unless `overlays` is false.
   */
  toPNG(options?: { overlays?: boolean }): Promise<Blob>;
  /** The current state. */
  getState(): ViewerState;
  /**
   * Frees everything: GPU geometries and materials (renderer.info.memory returns to where it was
   * before the viewer drew), the buildings worker, DOM, listeners; an owned renderer is disposed.
   */
  dispose(): void;
}

/** One half of the split view (or the single view: side 1). */
interface SideView {
  group: Group;
  districts: DistrictLayer | null;
  facilities: Object3D | null;
  drawnFacilities: DrawnFacility[];
  coverage: Group | null;
  settlements: Object3D | null;
  /** Roads and settlements the scenario adds. */
  changes: Group | null;
  highlight: Group;
  /** Values colouring the districts (NaN: no data), or null without a result. */
  values: Float64Array | null;
  /** Which result's changes show on this side (null: the baseline). */
  changesOf: ScenarioResult | null;
  label: string;
}

const MIN_PITCH = 1e-4;
/** Steepest tilt `fitToBounds` accepts (the controls allow 0.45π), radians. */
const MAX_FIT_PITCH = Math.PI * 0.45;
const CLICK_TOLERANCE_PIXELS = 5;

/**
 * Creates a viewer in `container` (which must have a size; the viewer follows its size). The
 * viewer renders a RegionModel and a result.json; it never computes indicators.
 *
 * @param container the element to draw into
 * @param options see {@link ViewerOptions}; defaults in {@link DEFAULT_VIEWER_OPTIONS}
 */
export function createViewer(container: HTMLElement, options: ViewerOptions = {}): Viewer {
  const settings = { ...DEFAULT_VIEWER_OPTIONS, ...options };
  const pixelRatio = options.pixelRatio ?? (typeof window !== 'undefined' ? window.devicePixelRatio : 1) ?? 1;
  const ownsRenderer = !options.renderer;
  const renderer =
    options.renderer ??
    new WebGLRenderer({ antialias: settings.antialias, stencil: true, alpha: false, preserveDrawingBuffer: false });
  renderer.setPixelRatio(pixelRatio);

  const scene = new Scene();
  scene.background = new Color(settings.background);
  const camera = new PerspectiveCamera(settings.fieldOfViewDegrees, 1, 1, 1e7);
  // Lights for buildings (districts and markers are unlit).
  const hemisphere = new HemisphereLight(0xffffff, 0x9a9288, 2.2);
  const sun = new DirectionalLight(0xffffff, 1.4);
  sun.position.set(-0.55, 1, 0.7);
  scene.add(hemisphere, sun);

  const sides: [SideView, SideView] = [createSide('left'), createSide('right')];
  const roadsGroup = new Group();
  const buildingsGroup = new Group();
  scene.add(sides[0].group, sides[1].group, roadsGroup, buildingsGroup);

  const previousPosition = container.style.position;
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  const overlay: ViewerOverlay = createViewerOverlay({
    legend: settings.legend,
    northArrow: settings.northArrow,
    scaleBar: settings.scaleBar,
    yearSlider: settings.yearSlider,
    onYear: (year) => setYear(year),
  });
  const canvas = renderer.domElement;
  Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', display: 'block', touchAction: 'none' });
  overlay.root.prepend(canvas);
  container.append(overlay.root);

  const controls = settings.controls ? new MapControls(camera, canvas) : null;
  if (controls) {
    controls.zoomToCursor = true;
    controls.maxPolarAngle = Math.PI * 0.45;
    controls.addEventListener('change', () => requestRender());
    controls.addEventListener('start', () => {
      cameraMovedByUser = true;
    });
  }
  const target = new Vector3();
  const raycaster = new Raycaster();
  const pointer = new Vector2();
  const scratch = new Vector3();

  const buildingsBuilder: BuildingsBuilder = createBuildingsBuilder(
    settings.buildingsWorker === 'main-thread'
      ? null
      : typeof settings.buildingsWorker === 'function'
        ? settings.buildingsWorker
        : undefined,
  );

  const listeners: { [K in keyof ViewerEvents]: Set<(event: ViewerEvents[K]) => void> } = {
    pick: new Set(),
    hover: new Set(),
    buildings: new Set(),
  };
  const emit = <K extends keyof ViewerEvents>(type: K, event: ViewerEvents[K]): void => {
    for (const listener of listeners[type]) listener(event);
  };

  let model: RegionModel | null = null;
  let origin: [number, number] = [0, 0];
  let regionBounds: [number, number, number, number] = [-1, -1, 1, 1];
  let regionGeneration = 0;
  let result: ScenarioResult | null = null;
  let compareTo: 'baseline' | ScenarioResult | null = null;
  let indicatorIndex = 0;
  let valueKind: ValueKind = settings.valueKind;
  let year: number | null = null;
  let colorScale: IndicatorColorScale | null = null;
  let facilityStyles = new Map<string, FacilityStyle>();
  let settlementKey: { population: number; sizePixels: number }[] = [];
  let settlementSizes: Float32Array = new Float32Array(0);
  let settlementSizeOf = (population: number): number => (population > 0 ? settings.settlementMinSizePixels : 0);
  let changesCache = new WeakMap<ScenarioResult, ScenarioChanges>();
  let reachCache = new WeakMap<object, Map<string, TravelTimeReach | null>>();
  let locateScratch = new Uint8Array(1);
  let buildingCount = 0;
  let buildingHeightDomain: [number, number] = [0, 0];
  let selection: PickInfo | null = null;
  let lastFit: { points: Float64Array; options: FitOptions } | null = null;
  /** Outline points of the region that fitToRegion frames (metres, interleaved x, y). */
  let regionOutline: Float64Array = new Float64Array(0);
  let cameraMovedByUser = false;
  const hidden = new Set<LayerName>(settings.hiddenLayers);
  let width = 0;
  let height = 0;
  let frame = 0;
  let disposed = false;

  // ---------------------------------------------------------------------------------------------
  // Size and rendering

  const resizeObserver = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => resize()) : null;
  resizeObserver?.observe(container);
  resize();

  function resize(): void {
    const w = Math.max(1, container.clientWidth);
    const h = Math.max(1, container.clientHeight);
    if (w === width && h === height) return;
    width = w;
    height = h;
    renderer.setSize(width, height, true);
    requestRender();
  }

  function requestRender(): void {
    if (disposed || frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderNow();
    });
  }

  function isSplit(): boolean {
    return result !== null && compareTo !== null;
  }

  /** The viewport of a side, CSS pixels (x from the left). */
  function viewportOf(sideIndex: 0 | 1): { x: number; width: number } {
    if (!isSplit()) return { x: 0, width };
    const half = Math.floor(width / 2);
    return sideIndex === 0 ? { x: 0, width: half } : { x: half, width: width - half };
  }

  function applyCamera(sideIndex: 0 | 1): { x: number; width: number } {
    const viewport = viewportOf(sideIndex);
    camera.aspect = viewport.width / height;
    const distance = camera.position.distanceTo(currentTarget());
    camera.near = Math.max(0.05, distance / 2000);
    camera.far = distance * 40 + Math.hypot(regionBounds[2] - regionBounds[0], regionBounds[3] - regionBounds[1]) * 2;
    camera.updateProjectionMatrix();
    camera.updateMatrixWorld();
    return viewport;
  }

  function currentTarget(): Vector3 {
    return controls ? controls.target : target;
  }

  function renderNow(): void {
    if (disposed) return;
    if (frame) {
      cancelAnimationFrame(frame);
      frame = 0;
    }
    const split = isSplit();
    renderer.setScissorTest(split);
    for (const sideIndex of split ? ([0, 1] as const) : ([1] as const)) {
      const viewport = applyCamera(sideIndex);
      renderer.setViewport(viewport.x, 0, viewport.width, height);
      renderer.setScissor(viewport.x, 0, viewport.width, height);
      sides[0].group.visible = sideIndex === 0;
      sides[1].group.visible = sideIndex === 1;
      scene.traverse((object) => {
        const material = (object as Mesh).material as Material | undefined;
        if (material instanceof LineMaterial) material.resolution.set(viewport.width, height);
      });
      renderer.render(scene, camera);
    }
    renderer.setScissorTest(false);
    updateNavigationOverlays();
  }

  function updateNavigationOverlays(): void {
    applyCamera(1);
    const focus = currentTarget();
    const distance = camera.position.distanceTo(focus);
    const metersPerPixel = (2 * distance * Math.tan((camera.fov * Math.PI) / 360)) / height;
    overlay.setScaleBar(chooseScaleBar(metersPerPixel, 110), pixelRatio);
    // North on screen: project the target and a point north of it (−z).
    const a = focus.clone().project(camera);
    const b = focus
      .clone()
      .add(new Vector3(0, 0, -Math.max(1, distance * 0.05)))
      .project(camera);
    const angle = Math.atan2(b.x - a.x, (b.y - a.y) / camera.aspect);
    overlay.setNorth(Number.isFinite(angle) ? angle : 0, pixelRatio);
  }

  // ---------------------------------------------------------------------------------------------
  // Region

  function createSide(name: string): SideView {
    const group = new Group();
    group.name = `side-${name}`;
    const highlight = new Group();
    highlight.name = 'highlight';
    group.add(highlight);
    return {
      group,
      districts: null,
      facilities: null,
      drawnFacilities: [],
      coverage: null,
      settlements: null,
      changes: null,
      highlight,
      values: null,
      changesOf: null,
      label: '',
    };
  }

  async function setRegion(next: RegionModel): Promise<void> {
    if (disposed) throw new Error('The viewer is disposed');
    const generation = ++regionGeneration;
    clearRegion();
    model = next;
    regionBounds = polygonBounds(next.districts.xy) ?? regionBoundsFallback(next);
    origin = [(regionBounds[0] + regionBounds[2]) / 2, (regionBounds[1] + regionBounds[3]) / 2];
    regionOutline = outlinePoints(next.districts.xy, regionBounds);

    for (const side of sides) {
      side.districts = new DistrictLayer(next.districts, origin, settings.outlineColor);
      side.group.add(side.districts.group);
    }
    roadsGroup.add(createRoadLayer(next.roads, origin));
    // Sizes and legend key only; the markers are made per side (they sit on extruded districts).
    const settlements = createSettlementMarkers(next.demand, origin, settlementOptions());
    if (settlements.points) disposeObject(settlements.points);
    settlementKey = settlements.key;
    settlementSizes = settlements.sizes;
    settlementSizeOf = settlements.sizeOf;
    changesCache = new WeakMap();
    reachCache = new WeakMap();
    locateScratch = new Uint8Array(Math.max(1, next.districts.count));

    refreshResultView();
    applyVisibility();
    if (settings.fitOnSetRegion) fitToRegion();
    requestRender();

    if (next.buildings.count === 0) return;
    const heights = Float32Array.from(next.buildings.heightMeters).sort();
    buildingHeightDomain = [0, Math.max(3, heights[Math.floor((heights.length - 1) * 0.98)] || 3)];
    let built: Awaited<ReturnType<BuildingsBuilder['build']>>;
    try {
      built = await buildingsBuilder.build(next.buildings, {
        origin,
        colorRamp: buildingColorRamp(),
        heightDomain: buildingHeightDomain,
      });
    } catch (error) {
      if (disposed || generation !== regionGeneration) return;
      throw error;
    }
    if (disposed || generation !== regionGeneration) return;
    const { geometry } = built;
    const bufferGeometry = new BufferGeometry();
    bufferGeometry.setAttribute('position', new BufferAttribute(geometry.positions, 3));
    bufferGeometry.setAttribute('normal', new BufferAttribute(geometry.normals, 3, true));
    if (geometry.colors) bufferGeometry.setAttribute('color', new BufferAttribute(geometry.colors, 3, true));
    bufferGeometry.setIndex(new BufferAttribute(geometry.indices, 1));
    bufferGeometry.computeBoundingSphere();
    const mesh = new Mesh(
      bufferGeometry,
      new MeshLambertMaterial({ vertexColors: Boolean(geometry.colors), color: 0xffffff }),
    );
    mesh.name = 'buildings';
    mesh.position.set(geometry.origin[0] - origin[0], 0, -(geometry.origin[1] - origin[1]));
    buildingsGroup.add(mesh);
    buildingCount = next.buildings.count;
    refreshLegend();
    requestRender();
    emit('buildings', {
      count: buildingCount,
      buildMilliseconds: built.buildMilliseconds,
      inWorker: buildingsBuilder.inWorker,
    });
  }

  function clearRegion(): void {
    for (const side of sides) {
      side.districts?.dispose();
      side.districts?.group.removeFromParent();
      side.districts = null;
      clearSideChanges(side);
      side.drawnFacilities = [];
      disposeChildren(side.highlight);
    }
    disposeChildren(roadsGroup);
    disposeChildren(buildingsGroup);
    buildingCount = 0;
    selection = null;
    model = null;
  }

  function settlementOptions(elevationOf?: (district: number) => number) {
    return {
      maxSizePixels: settings.settlementMaxSizePixels,
      minSizePixels: settings.settlementMinSizePixels,
      pixelRatio,
      elevationOf,
    };
  }

  /** Height of the ground at a map point on a side: the top of its district when extruded. */
  function elevationOn(side: SideView): (xy: readonly [number, number], district?: number) => number {
    const layer = side.districts;
    if (!layer || !model || extrusionHeight() <= 0) return () => 0;
    const lonLat = new Float64Array(2);
    const grid = model.indexes.districtGrid;
    return (xy, district) => {
      let d = district ?? -1;
      if (district === undefined) {
        unprojectXY(model!.projection, xy[0], xy[1], lonLat, 0);
        d = locateDistrict(grid, lonLat[0], lonLat[1], locateScratch);
      }
      return d >= 0 ? (layer.heights[d] ?? 0) : 0;
    };
  }

  function clearSideChanges(side: SideView): void {
    if (side.facilities) disposeObject(side.facilities);
    if (side.coverage) disposeObject(side.coverage);
    if (side.changes) disposeObject(side.changes);
    if (side.settlements) disposeObject(side.settlements);
    side.facilities = null;
    side.coverage = null;
    side.changes = null;
    side.settlements = null;
  }

  function buildingColorRamp(): Uint8Array {
    const steps = 64;
    const ramp = new Uint8Array(steps * 3);
    const scale = scaleSequential(interpolateOranges).domain([0, steps - 1]);
    const color = new Color();
    for (let i = 0; i < steps; i++) {
      // The lighter two thirds of the ramp: light stone for low houses to brick for towers.
      color.set(scale(i * 0.62 + steps * 0.08));
      ramp[i * 3] = Math.round(color.r * 255);
      ramp[i * 3 + 1] = Math.round(color.g * 255);
      ramp[i * 3 + 2] = Math.round(color.b * 255);
    }
    return ramp;
  }

  // ---------------------------------------------------------------------------------------------
  // Result

  function setResult(next: ScenarioResult | null, resultOptions: SetResultOptions = {}): void {
    const wasSplit = isSplit();
    result = next;
    compareTo = next ? (resultOptions.compareTo ?? null) : null;
    selection = null;
    if (next) {
      if (model && next.region !== model.id) {
        console.warn(`regiontwin viewer: result of region "${next.region}" shown on region "${model.id}"`);
      }
      indicatorIndex = resolveIndicatorIndex(next, resultOptions.indicator ?? 0);
      year = next.years?.end ?? null;
    } else {
      year = null;
    }
    controlsAfterSplitChange();
    refreshResultView();
    // The halves of a split view are narrower: fit again unless the user has moved the camera.
    if (wasSplit !== isSplit() && lastFit && !cameraMovedByUser) fitToPoints(lastFit.points, lastFit.options);
    requestRender();
  }

  function resolveIndicatorIndex(of: ScenarioResult, idOrIndex: string | number): number {
    const indicator = findIndicator(of, idOrIndex);
    return of.indicators.indexOf(indicator);
  }

  function setIndicator(idOrIndex: string | number, indicatorOptions: SetIndicatorOptions = {}): void {
    if (!result) throw new Error('setIndicator needs a result: call setResult first');
    indicatorIndex = resolveIndicatorIndex(result, idOrIndex);
    if (indicatorOptions.valueKind) valueKind = indicatorOptions.valueKind;
    refreshResultView();
    requestRender();
  }

  function setYear(nextYear: number): void {
    if (!result) return;
    const { start, end } = result.years;
    year = Math.min(end, Math.max(start, Math.round(nextYear)));
    // Districts take that year's values (when the result has them), so the whole view is recoloured.
    refreshResultView();
    requestRender();
  }

  function controlsAfterSplitChange(): void {
    // MapControls zooms to the cursor over the whole canvas; in a split view it would aim at the
    // wrong point, so zoom to the centre there.
    if (controls) controls.zoomToCursor = !isSplit();
  }

  function currentIndicator(): IndicatorResult | null {
    return result ? (result.indicators[indicatorIndex] ?? null) : null;
  }

  /** The indicator of `other` that matches the current one (same id and parameters, else same id). */
  function matchingIndicator(other: ScenarioResult, indicator: IndicatorResult): IndicatorResult | null {
    const params = JSON.stringify(indicator.params ?? {});
    return (
      other.indicators.find((i) => i.id === indicator.id && JSON.stringify(i.params ?? {}) === params) ??
      other.indicators.find((i) => i.id === indicator.id) ??
      null
    );
  }

  /** Recomputes colours, heights, facilities, coverage and the legend from the state. */
  function refreshResultView(): void {
    if (!model) {
      refreshLegend();
      overlay.setSplit(null);
      overlay.setYears(null);
      return;
    }
    const indicator = currentIndicator();
    const ids = model.districts.ids;
    const [left, right] = sides;
    if (!result || !indicator) {
      colorScale = null;
      for (const side of sides) {
        side.values = null;
        side.changesOf = null;
      }
    } else if (compareTo === 'baseline') {
      colorScale = createIndicatorColorScale(indicator, 'scenario');
      left.values = districtValues(indicator, ids, 'baseline', year);
      left.changesOf = null;
      left.label = `Baseline — ${result.scenario}`;
      right.values = districtValues(indicator, ids, 'scenario', year);
      right.changesOf = result;
      right.label = `Scenario — ${result.scenario}`;
    } else if (compareTo) {
      const other = matchingIndicator(compareTo, indicator);
      const otherValues = other
        ? districtValues(other, ids, 'scenario', year)
        : new Float64Array(ids.length).fill(Number.NaN);
      colorScale = createIndicatorColorScale(indicator, 'scenario', Array.from(otherValues));
      left.values = otherValues;
      left.changesOf = compareTo;
      left.label = compareTo.scenario;
      right.values = districtValues(indicator, ids, 'scenario', year);
      right.changesOf = result;
      right.label = result.scenario;
    } else {
      colorScale = createIndicatorColorScale(indicator, valueKind);
      right.values = districtValues(indicator, ids, valueKind, year);
      right.changesOf = valueKind === 'baseline' ? null : result;
      left.values = null;
      left.changesOf = null;
    }
    const maxHeight = extrusionHeight();
    for (const side of sides) {
      const values = side.values;
      const colors = Array.from({ length: model.districts.count }, (_, d) =>
        values && colorScale ? colorScale.color(values[d]) : settings.landColor,
      );
      side.districts?.update(
        colors,
        values && colorScale && maxHeight > 0 ? heightsOf(values, colorScale, maxHeight) : null,
      );
    }
    overlay.setSplit(isSplit() ? [left.label, right.label] : null);
    overlay.setYears(result && year !== null ? { start: result.years.start, end: result.years.end, year } : null);
    refreshChanges();
    refreshLegend();
  }

  function extrusionHeight(): number {
    const extrude = settings.extrudeDistricts;
    if (!extrude) return 0;
    if (typeof extrude === 'object') return extrude.maxHeightMeters;
    return Math.max(regionBounds[2] - regionBounds[0], regionBounds[3] - regionBounds[1]) * 0.06;
  }

  function heightsOf(values: Float64Array, scale: IndicatorColorScale, maxHeight: number): Float64Array {
    const heights = new Float64Array(values.length);
    const domain = scale.domain;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (!Number.isFinite(value)) continue;
      const share =
        scale.type === 'diverging'
          ? Math.abs(value) / domain[2]
          : (value - domain[0]) / (domain[domain.length - 1] - domain[0]);
      heights[i] = maxHeight * (0.02 + 0.98 * Math.min(1, Math.max(0, share)));
    }
    return heights;
  }

  /** Facilities and coverage of each side for the current year. */
  function refreshChanges(): void {
    if (!model) return;
    const indicator = currentIndicator();
    const coverage =
      settings.coverage === 'auto' ? (indicator ? coverageOfIndicator(indicator) : null) : (settings.coverage ?? null);
    const changesBySide = sides.map((side) => scenarioChangesOf(side.changesOf));
    facilityStyles = resolveFacilityStyles(
      [
        ...model.facilities.kinds,
        ...changesBySide.flatMap((changes) => changes?.addedFacilities.map((f) => f.kind) ?? []),
      ],
      settings.facilityStyles,
    );
    sides.forEach((side, index) => {
      clearSideChanges(side);
      if (index === 0 && !isSplit()) {
        side.drawnFacilities = [];
        return;
      }
      const changes = changesBySide[index];
      const elevationAt = elevationOn(side);
      const settlements = createSettlementMarkers(
        model!.demand,
        origin,
        settlementOptions((district) => elevationAt([0, 0], district)),
      );
      side.settlements = settlements.points;
      if (side.settlements) side.group.add(side.settlements);
      const facilities = createFacilityMarkers(model!.facilities, changes, facilityStyles, origin, {
        sizePixels: settings.facilitySizePixels,
        pixelRatio,
        elevationAt,
      });
      side.facilities = facilities.points;
      side.drawnFacilities = facilities.drawn;
      if (side.facilities) side.group.add(side.facilities);
      if (coverage && 'radiusMeters' in coverage) {
        const centers = facilities.drawn
          .filter((f) => f.kind === coverage.kind)
          .map((f) => [f.xy[0], f.xy[1], f.elevation] as const);
        side.coverage = createCoverageLayer(centers, coverage.radiusMeters, origin, settings.coverageColor);
        side.group.add(side.coverage);
      } else if (coverage) {
        const reach = travelTimeReachOf(side.changesOf, coverage.kind);
        if (reach) {
          side.coverage = createReachLayer(reach, coverage.minutes, origin, settings.coverageColor, (district) =>
            elevationAt([0, 0], district),
          );
          side.group.add(side.coverage);
        }
      }
      if (changes && (changes.addedRoads.length > 0 || changes.addedSettlements.length > 0)) {
        side.changes = createChangeLayer(changes, origin, { settlementSizeOf, pixelRatio, elevationAt });
        side.group.add(side.changes);
      }
    });
    refreshHighlight();
    applyVisibility();
  }

  /**
   * The travel-time reach of a kind's facilities on a side: the region's (`of` null) or with the
   * changes of `of` in force in the selected year (another result: its final year). Cached per
   * result, kind and year; null (with a warning) when the result's changes do not fit the region.
   */
  function travelTimeReachOf(of: ScenarioResult | null, kind: string): TravelTimeReach | null {
    if (!model) return null;
    const reachYear = of === result && year !== null ? year : (of?.years?.end ?? result?.years?.start ?? 0);
    const key: object = of ?? model;
    let byKey = reachCache.get(key);
    if (!byKey) {
      byKey = new Map();
      reachCache.set(key, byKey);
    }
    const cacheKey = `${kind}\u0000${reachYear}`;
    if (!byKey.has(cacheKey)) {
      let reach: TravelTimeReach | null = null;
      try {
        reach = computeTravelTimeReach(model, of, reachYear, kind);
      } catch (error) {
        console.warn(`regiontwin viewer: no travel-time reach for "${kind}": ${(error as Error).message}`);
      }
      byKey.set(cacheKey, reach);
    }
    return byKey.get(cacheKey) ?? null;
  }

  /** The changes of a result in force in the selected year (the other result's final year). */
  function scenarioChangesOf(of: ScenarioResult | null): ScenarioChanges | null {
    if (!of || !model) return null;
    let changes = changesCache.get(of);
    if (!changes) {
      changes = readScenarioChanges(of, model.projection);
      changesCache.set(of, changes);
    }
    const until = of === result && year !== null ? year : (of.years?.end ?? Infinity);
    return changesUntil(changes, until);
  }

  /** The coverage line of the legend, when coverage areas are drawn. */
  function coverageLegend(): { color: string; label: string } | null {
    if (hidden.has('coverage') || !sides.some((side) => side.coverage && side.coverage.children.length > 0))
      return null;
    const indicator = currentIndicator();
    const coverage =
      settings.coverage === 'auto' ? (indicator ? coverageOfIndicator(indicator) : null) : (settings.coverage ?? null);
    if (!coverage) return null;
    const within =
      'radiusMeters' in coverage
        ? `${numberFormatter('km')(coverage.radiusMeters / 1000)} km`
        : `${numberFormatter('minutes')(coverage.minutes)} min travel time`;
    return { color: settings.coverageColor, label: `Reach: ${coverage.kind} within ${within}` };
  }

  function refreshLegend(): void {
    if (!model) {
      overlay.setLegend(null, pixelRatio);
      return;
    }
    const indicator = currentIndicator();
    const notes: string[] = [];
    let title = model.name;
    let subtitle = 'Region';
    if (indicator && result) {
      title = indicator.label || indicator.id;
      const finalYear = result.years?.end;
      const what = isSplit()
        ? compareTo === 'baseline'
          ? 'left: baseline, right: scenario'
          : 'left: other scenario, right: this scenario'
        : valueKind === 'delta'
          ? 'change (scenario − baseline)'
          : valueKind;
      const shownYear =
        year !== null && indicator.byYear?.some((y) => y.year === year && y.byDistrict) ? year : finalYear;
      subtitle = `${indicator.unit} · ${what} · districts in ${shownYear}`;
      const totals = year !== null ? yearTotals(indicator, year) : null;
      if (totals) {
        const format = numberFormatter(indicator.unit);
        const unit = indicator.unit === 'share' ? '' : ` ${indicator.unit}`;
        const sign = totals.delta > 0 ? '+' : '';
        notes.push(
          `${totals.year}, region: ${format(totals.scenario)}${unit} (baseline ${format(totals.baseline)}, ${sign}${format(totals.delta)})`,
        );
      }
    }
    const rightSide = sides[1];
    const counts = new Map<string, { count: number; added: number }>();
    for (const facility of rightSide.drawnFacilities) {
      const entry = counts.get(facility.kind) ?? { count: 0, added: 0 };
      if (facility.added) entry.added++;
      else entry.count++;
      counts.set(facility.kind, entry);
    }
    const noData = sides.some((side) => side.values?.some((value) => !Number.isFinite(value)) ?? false);
    const format = numberFormatter('people');
    const ramp = buildingCount > 0 ? buildingColorRamp() : null;
    // A split view's halves are narrow: its legend keeps the colour scale only.
    const compact = isSplit();
    const spec: LegendSpec = {
      title,
      subtitle,
      notes,
      scale: colorScale,
      noData,
      coverage: coverageLegend(),
      facilities:
        hidden.has('facilities') || compact
          ? []
          : [...counts].map(([kind, entry]) => ({
              kind,
              style: facilityStyles.get(kind) ?? { shape: 'circle', color: '#555555' },
              count: entry.count,
              added: entry.added,
            })),
      settlements:
        hidden.has('settlements') || compact
          ? []
          : settlementKey.map((entry) => ({ population: format(entry.population), sizePixels: entry.sizePixels })),
      buildings:
        ramp && !hidden.has('buildings') && !compact
          ? {
              colors: Array.from(
                { length: ramp.length / 3 },
                (_, i) =>
                  `#${new Color(ramp[i * 3] / 255, ramp[i * 3 + 1] / 255, ramp[i * 3 + 2] / 255).getHexString()}`,
              ),
              minLabel: `${buildingHeightDomain[0]} m`,
              maxLabel: `≥ ${Math.round(buildingHeightDomain[1])} m`,
            }
          : null,
    };
    overlay.setLegend(spec, pixelRatio);
  }

  // ---------------------------------------------------------------------------------------------
  // Visibility, camera

  function setLayerVisible(layer: LayerName, visible: boolean): void {
    if (visible) hidden.delete(layer);
    else hidden.add(layer);
    applyVisibility();
    refreshLegend();
    requestRender();
  }

  function applyVisibility(): void {
    roadsGroup.visible = !hidden.has('roads');

    buildingsGroup.visible = !hidden.has('buildings');
    for (const side of sides) {
      if (side.districts) side.districts.group.visible = !hidden.has('districts');
      if (side.facilities) side.facilities.visible = !hidden.has('facilities');
      if (side.coverage) side.coverage.visible = !hidden.has('coverage');
      if (side.settlements) side.settlements.visible = !hidden.has('settlements');
      if (side.changes) side.changes.visible = !hidden.has('roads') || !hidden.has('settlements');
    }
  }

  function fitToRegion(fitOptions: FitOptions = {}): void {
    fitToPoints(regionOutline, fitOptions);
  }

  function fitToBounds(bounds: readonly [number, number, number, number], fitOptions: FitOptions = {}): void {
    fitToPoints(
      Float64Array.of(bounds[0], bounds[1], bounds[2], bounds[1], bounds[2], bounds[3], bounds[0], bounds[3]),
      fitOptions,
    );
  }

  /**
   * Points the camera so that every point (metres, interleaved x, y; grown by `padding` around
   * the centre of their bounding box) is in the free part of the view, centred there.
   */
  function fitToPoints(points: Float64Array, fitOptions: FitOptions = {}): void {
    lastFit = { points, options: { ...fitOptions } };
    cameraMovedByUser = false;
    const padding = fitOptions.padding ?? 0.04;
    const pitch = Math.min(MAX_FIT_PITCH, Math.max(MIN_PITCH, ((fitOptions.pitchDegrees ?? 0) * Math.PI) / 180));
    const bearing = ((fitOptions.bearingDegrees ?? 0) * Math.PI) / 180;
    const bounds = polygonBounds(points) ?? [-1, -1, 1, 1];
    const centreX = (bounds[0] + bounds[2]) / 2;
    const centreY = (bounds[1] + bounds[3]) / 2;
    const grow = 1 + 2 * padding;
    const box = [
      centreX - Math.max(0.5, (bounds[2] - bounds[0]) / 2) * grow,
      centreY - Math.max(0.5, (bounds[3] - bounds[1]) / 2) * grow,
      centreX + Math.max(0.5, (bounds[2] - bounds[0]) / 2) * grow,
      centreY + Math.max(0.5, (bounds[3] - bounds[1]) / 2) * grow,
    ];
    const viewport = viewportOf(1);
    // The free part of the view, CSS pixels: beside the legend in the single view, below it in
    // the split view.
    const legend = settings.legend ? overlay.legendSize() : { width: 0, height: 0 };
    const insetRight = legend.width > 0 && !isSplit() && viewport.width >= 2.4 * LEGEND_WIDTH ? legend.width + 20 : 0;
    const insetTop =
      legend.height > 0 && isSplit() && legend.height < height * 0.45 ? SPLIT_LEGEND_TOP + legend.height + 8 : 0;
    // That area in normalised device coordinates of the side's viewport.
    const area = {
      left: -1,
      right: 1 - (2 * insetRight) / viewport.width,
      bottom: -1,
      top: 1 - (2 * insetTop) / height,
    };
    camera.aspect = viewport.width / height;
    camera.up.set(0, 1, 0);
    // The points (grown about their centre) on the ground and, with extruded districts, at their
    // greatest height.
    const corners: Vector3[] = [];
    for (const h of extrusionHeight() > 0 ? [0, extrusionHeight()] : [0]) {
      for (let i = 0; i + 1 < points.length; i += 2) {
        const x = centreX + (points[i] - centreX) * grow;
        const y = centreY + (points[i + 1] - centreY) * grow;
        corners.push(new Vector3(x - origin[0], h, -(y - origin[1])));
      }
    }
    const focus = new Vector3((box[0] + box[2]) / 2 - origin[0], 0, -((box[1] + box[3]) / 2 - origin[1]));
    const tanHalf = Math.tan((camera.fov * Math.PI) / 360);
    // Straight down, the view shows 2·d·tan(fov/2) metres of ground vertically (aspect times that
    // horizontally), of which the free area is a share. That distance is the first guess; the
    // loop then projects the corners, scales the distance by how much they overflow (or
    // underfill) the free area and moves the focus until their screen box is centred in it —
    // which also fits tilted, perspective views.
    let distance = Math.max(
      (box[3] - box[1]) / (tanHalf * (area.top - area.bottom)),
      (box[2] - box[0]) / (tanHalf * camera.aspect * (area.right - area.left)),
    );
    const place = (): void => {
      camera.position.set(
        focus.x - Math.sin(bearing) * Math.sin(pitch) * distance,
        Math.cos(pitch) * distance,
        focus.z + Math.cos(bearing) * Math.sin(pitch) * distance,
      );
      camera.near = Math.max(0.05, distance / 2000);
      camera.far = distance * 40;
      camera.lookAt(focus);
      camera.updateProjectionMatrix();
      camera.updateMatrixWorld();
    };
    const ground = new Plane(new Vector3(0, 1, 0), 0);
    const groundAt = (ndcX: number, ndcY: number): Vector3 | null => {
      raycaster.setFromCamera(pointer.set(ndcX, ndcY), camera);
      return raycaster.ray.intersectPlane(ground, new Vector3());
    };
    for (let iteration = 0; iteration < 12; iteration++) {
      place();
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const corner of corners) {
        const p = scratch.copy(corner).project(camera);
        minX = Math.min(minX, p.x);
        maxX = Math.max(maxX, p.x);
        minY = Math.min(minY, p.y);
        maxY = Math.max(maxY, p.y);
      }
      const overflow = Math.max((maxX - minX) / (area.right - area.left), (maxY - minY) / (area.top - area.bottom));
      const from = groundAt((minX + maxX) / 2, (minY + maxY) / 2);
      const to = groundAt((area.left + area.right) / 2, (area.bottom + area.top) / 2);
      if (from && to) focus.add(from.sub(to));
      if (!(overflow > 0) || !Number.isFinite(overflow)) break;
      distance *= overflow;
      if (Math.abs(overflow - 1) < 1e-3 && (!from || from.length() < distance * 1e-4)) break;
    }
    place();
    if (controls) {
      controls.target.copy(focus);
      controls.minDistance = 5;
      controls.maxDistance = distance * 6;
      controls.update();
    } else {
      target.copy(focus);
    }
    requestRender();
  }

  // ---------------------------------------------------------------------------------------------
  // Picking

  function sideAt(x: number): 0 | 1 {
    return isSplit() && x < viewportOf(1).x ? 0 : 1;
  }

  function sideName(index: 0 | 1): ViewSide {
    return isSplit() ? (index === 0 ? 'left' : 'right') : 'single';
  }

  function pick(x: number, y: number): PickInfo | null {
    if (!model || disposed) return null;
    const sideIndex = sideAt(x);
    const side = sides[sideIndex];
    const viewport = applyCamera(sideIndex);
    pointer.set(((x - viewport.x) / viewport.width) * 2 - 1, -(y / height) * 2 + 1);
    raycaster.setFromCamera(pointer, camera);
    const groundXY = (point: Vector3 | null): [number, number] =>
      point ? [point.x + origin[0], -point.z + origin[1]] : [Number.NaN, Number.NaN];
    const name = sideName(sideIndex);

    // Markers first: they are drawn on top.
    if (!hidden.has('facilities')) {
      let best = -1;
      let bestDistance = Infinity;
      side.drawnFacilities.forEach((facility, i) => {
        const screen = projectToViewport(facility.xy[0], facility.xy[1], facility.elevation, viewport);
        if (!screen) return;
        const distance = Math.hypot(screen[0] - x, screen[1] - y);
        if (distance <= facility.sizePixels / 2 + 3 && distance < bestDistance) {
          best = i;
          bestDistance = distance;
        }
      });
      if (best >= 0) {
        const facility = side.drawnFacilities[best];
        const capacity = facility.added
          ? facility.added.capacity
          : facility.modelIndex >= 0
            ? model.facilities.capacity[facility.modelIndex]
            : Number.NaN;
        return {
          kind: 'facility',
          index: facility.modelIndex,
          id: facility.modelIndex >= 0 ? (model.facilities.ids[facility.modelIndex] ?? '') : '',
          name: facility.name,
          side: name,
          xy: facility.xy,
          facilityKind: facility.kind,
          ...(facility.added ? { addedInYear: facility.added.year } : {}),
          ...(Number.isFinite(capacity) ? { capacity } : {}),
        };
      }
    }
    if (!hidden.has('settlements')) {
      const elevationAt = elevationOn(side);
      let best = -1;
      let bestDistance = Infinity;
      for (let i = 0; i < model.demand.count; i++) {
        const size = settlementSizes[i];
        if (!size) continue;
        const screen = projectToViewport(
          model.demand.xy[i * 2],
          model.demand.xy[i * 2 + 1],
          elevationAt([0, 0], model.demand.district[i]),
          viewport,
        );
        if (!screen) continue;
        const distance = Math.hypot(screen[0] - x, screen[1] - y);
        if (distance <= size / 2 && distance < bestDistance) {
          best = i;
          bestDistance = distance;
        }
      }
      if (best >= 0) {
        return {
          kind: 'settlement',
          index: best,
          id: model.demand.ids[best] ?? '',
          name: model.demand.names[best] ?? '',
          side: name,
          xy: [model.demand.xy[best * 2], model.demand.xy[best * 2 + 1]],
          population: model.demand.population[best],
        };
      }
    }
    const fill = side.districts?.fillMesh;
    if (fill && !hidden.has('districts')) {
      fill.updateMatrixWorld();
      const hit = raycaster.intersectObject(fill, false)[0];
      if (hit?.face) {
        const district = side.districts!.districtOfVertex(hit.face.a);
        if (district >= 0) return districtPick(district, sideIndex, groundXY(hit.point));
      }
    }
    return null;
  }

  function districtPick(district: number, sideIndex: 0 | 1, xy: [number, number]): PickInfo {
    const info: PickInfo = {
      kind: 'district',
      index: district,
      id: model!.districts.ids[district],
      name: model!.districts.names[district],
      side: sideName(sideIndex),
      xy,
    };
    const indicator = currentIndicator();
    if (indicator) {
      // The shown year's numbers (the final year's for results without per-year districts).
      const valueOf = (kind: 'baseline' | 'scenario' | 'delta') => districtValues(indicator, [info.id], kind, year)[0];
      info.values = {
        indicatorId: indicator.id,
        label: indicator.label || indicator.id,
        unit: indicator.unit,
        baseline: valueOf('baseline'),
        scenario: valueOf('scenario'),
        delta: valueOf('delta'),
        shown: sides[sideIndex].values?.[district] ?? Number.NaN,
      };
    }
    return info;
  }

  function projectToViewport(
    x: number,
    y: number,
    heightMeters: number,
    viewport: { x: number; width: number },
  ): [number, number] | null {
    scratch.set(x - origin[0], heightMeters, -(y - origin[1])).project(camera);
    if (scratch.z < -1 || scratch.z > 1) return null;
    return [viewport.x + ((scratch.x + 1) / 2) * viewport.width, ((1 - scratch.y) / 2) * height];
  }

  function worldToScreen(
    x: number,
    y: number,
    screenOptions: { side?: ViewSide; heightMeters?: number } = {},
  ): [number, number] | null {
    const sideIndex: 0 | 1 = screenOptions.side === 'left' && isSplit() ? 0 : 1;
    const viewport = applyCamera(sideIndex);
    return projectToViewport(x, y, screenOptions.heightMeters ?? 0, viewport);
  }

  function select(next: PickInfo | null): void {
    selection = next;
    refreshHighlight();
    requestRender();
  }

  function refreshHighlight(): void {
    for (const side of sides) disposeChildren(side.highlight);
    if (!selection || !model) return;
    const current = selection;
    sides.forEach((side) => {
      if (current.kind === 'district' && side.districts) {
        const lines = createMapLines(
          outlineSegments(model!.districts, side.districts.heights, origin, [current.index]),
          { widthPixels: 3.5, color: settings.highlightColor, onTop: true, renderOrder: 20 },
        );
        side.highlight.add(lines);
      } else if (current.kind === 'facility' || current.kind === 'settlement') {
        const present =
          current.kind === 'settlement' ||
          side.drawnFacilities.some((f) => f.xy[0] === current.xy[0] && f.xy[1] === current.xy[1]);
        if (!present) return;
        const size =
          current.kind === 'settlement' ? settlementSizes[current.index] + 8 : settings.facilitySizePixels * 1.45 + 10;
        side.highlight.add(
          createMarkerPoints(
            [
              {
                x: current.xy[0] - origin[0],
                y: elevationOn(side)(
                  current.xy,
                  current.kind === 'settlement' ? model!.demand.district[current.index] : undefined,
                ),
                z: -(current.xy[1] - origin[1]),
                sizePixels: size,
                color: settings.highlightColor,
                strokeColor: settings.highlightColor,
                strokeWidthPixels: 2.5,
                shape: 'circle',
              },
            ],
            { fillOpacity: 0, pixelRatio, renderOrder: 12 },
          ),
        );
      }
    });
  }

  /** Tooltip lines for a pick: names and numbers, as plain text. */
  function describe(info: PickInfo): { text: string; strong?: boolean }[] {
    const lines: { text: string; strong?: boolean }[] = [{ text: info.name || '(unnamed)', strong: true }];
    if (info.kind === 'district' && info.values) {
      const scale = colorScale;
      const formatValue = scale ? scale.formatValue : (value: number) => String(value);
      lines.push({ text: info.values.label });
      lines.push({ text: `Baseline: ${formatValue(info.values.baseline)}` });
      lines.push({ text: `Scenario: ${formatValue(info.values.scenario)}` });
      lines.push({ text: `Change: ${formatValue(info.values.delta, true)}` });
    } else if (info.kind === 'district') {
      lines.push({ text: 'District' });
    } else if (info.kind === 'facility') {
      lines.push({ text: info.facilityKind ?? 'facility' });
      if (info.capacity !== undefined) lines.push({ text: `Capacity: ${numberFormatter('')(info.capacity)}` });
      if (info.addedInYear !== undefined) lines.push({ text: `Added by the scenario in ${info.addedInYear}` });
    } else if (info.kind === 'settlement') {
      lines.push({ text: `Population: ${numberFormatter('people')(info.population ?? Number.NaN)}` });
    }
    return lines;
  }

  // Pointer handling: hover shows the tooltip, a click (little movement) picks and highlights.
  let down: { x: number; y: number } | null = null;
  let hoverKey = '';
  let hoverFrame = 0;
  let lastPointer: { x: number; y: number } | null = null;

  function localPoint(event: PointerEvent): { x: number; y: number } {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }
  const onPointerDown = (event: PointerEvent): void => {
    if (event.button === 0) down = localPoint(event);
  };
  const onPointerUp = (event: PointerEvent): void => {
    if (event.button !== 0 || !down) return;
    const up = localPoint(event);
    const moved = Math.hypot(up.x - down.x, up.y - down.y);
    down = null;
    if (moved > CLICK_TOLERANCE_PIXELS) return;
    const info = pick(up.x, up.y);
    select(info);
    emit('pick', info);
  };
  const onPointerMove = (event: PointerEvent): void => {
    lastPointer = localPoint(event);
    if (hoverFrame) return;
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      if (!lastPointer || disposed) return;
      const info = down ? null : pick(lastPointer.x, lastPointer.y);
      if (settings.tooltip) overlay.setTooltip(info ? describe(info) : null, lastPointer.x, lastPointer.y);
      const key = info ? `${info.kind}:${info.index}:${info.side}:${info.xy.join(',')}` : '';
      canvas.style.cursor = info ? 'pointer' : '';
      if (key !== hoverKey) {
        hoverKey = key;
        emit('hover', info);
      }
    });
  };
  const onPointerLeave = (): void => {
    lastPointer = null;
    overlay.setTooltip(null, 0, 0);
    if (hoverKey) {
      hoverKey = '';
      emit('hover', null);
    }
  };
  canvas.addEventListener('pointerdown', onPointerDown);
  canvas.addEventListener('pointerup', onPointerUp);
  canvas.addEventListener('pointermove', onPointerMove);
  canvas.addEventListener('pointerleave', onPointerLeave);

  // ---------------------------------------------------------------------------------------------
  // Export, state, disposal

  async function toPNG(exportOptions: { overlays?: boolean } = {}): Promise<Blob> {
    renderNow();
    const output = document.createElement('canvas');
    output.width = canvas.width;
    output.height = canvas.height;
    const ctx = output.getContext('2d');
    if (!ctx) throw new Error('toPNG: no 2D canvas context');
    // Drawn in the same task as the render, so the drawing buffer is still intact without
    // preserveDrawingBuffer.
    ctx.drawImage(canvas, 0, 0);
    if (exportOptions.overlays ?? true) {
      const scale = canvas.width / width;
      const rootBox = overlay.root.getBoundingClientRect();
      if (overlay.split) {
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(Math.round(viewportOf(1).x * scale) - scale, 0, 2 * scale, output.height);
        ctx.font = `600 ${12 * scale}px system-ui, "DejaVu Sans", Arial, sans-serif`;
        ctx.textBaseline = 'middle';
        for (const box of overlay.splitLabelBoxes()) {
          ctx.fillStyle = 'rgba(255,255,255,0.92)';
          ctx.fillRect(box.left * scale, box.top * scale, box.width * scale, box.height * scale);
          ctx.strokeStyle = 'rgba(0,0,0,0.18)';
          ctx.strokeRect(box.left * scale, box.top * scale, box.width * scale, box.height * scale);
          ctx.fillStyle = '#1f2328';
          ctx.save();
          ctx.beginPath();
          ctx.rect(box.left * scale, box.top * scale, box.width * scale, box.height * scale);
          ctx.clip();
          ctx.fillText(box.text, (box.left + 8) * scale, (box.top + box.height / 2) * scale);
          ctx.restore();
        }
      }
      for (const element of [overlay.legend, overlay.northArrow, overlay.scaleBar]) {
        if (element.style.display === 'none' || element.width === 0) continue;
        const box = element.getBoundingClientRect();
        ctx.drawImage(
          element,
          (box.left - rootBox.left) * scale,
          (box.top - rootBox.top) * scale,
          box.width * scale,
          box.height * scale,
        );
      }
    }
    return new Promise((resolve, reject) =>
      output.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toPNG: encoding failed'))), 'image/png'),
    );
  }

  function getState(): ViewerState {
    return {
      regionId: model?.id ?? null,
      scenario: result?.scenario ?? null,
      indicatorId: currentIndicator()?.id ?? null,
      valueKind,
      year,
      split: isSplit(),
      buildingCount,
      width,
      height,
    };
  }

  function dispose(): void {
    if (disposed) return;
    regionGeneration++;
    clearRegion();
    disposed = true;
    if (frame) cancelAnimationFrame(frame);
    if (hoverFrame) cancelAnimationFrame(hoverFrame);
    frame = 0;
    resizeObserver?.disconnect();
    canvas.removeEventListener('pointerdown', onPointerDown);
    canvas.removeEventListener('pointerup', onPointerUp);
    canvas.removeEventListener('pointermove', onPointerMove);
    canvas.removeEventListener('pointerleave', onPointerLeave);
    controls?.dispose();
    buildingsBuilder.dispose();
    for (const key of Object.keys(listeners) as (keyof ViewerEvents)[]) listeners[key].clear();
    overlay.dispose();
    container.style.position = previousPosition;
    if (ownsRenderer) {
      renderer.dispose();
      renderer.forceContextLoss();
    } else {
      // Leave a borrowed renderer's canvas unstyled by us and out of our (removed) DOM.
      canvas.remove();
    }
  }

  return {
    renderer,
    camera,
    scene,
    controls,
    get origin() {
      return origin;
    },
    setRegion,
    setResult,
    setIndicator,
    setYear,
    setLayerVisible,
    fitToRegion,
    fitToBounds,
    pick,
    select,
    worldToScreen,
    on(type, listener) {
      listeners[type].add(listener);
      return () => listeners[type].delete(listener);
    },
    render: renderNow,
    toPNG,
    getState,
    dispose,
  };
}

/**
 * At most ~2,000 points of the district outlines (every k-th vertex, plus the box corners when
 * there are no outlines), enough to frame the region's shape rather than its bounding box.
 */
function outlinePoints(xy: Float64Array, bounds: readonly [number, number, number, number]): Float64Array {
  const vertices = xy.length / 2;
  if (vertices < 3)
    return Float64Array.of(bounds[0], bounds[1], bounds[2], bounds[1], bounds[2], bounds[3], bounds[0], bounds[3]);
  const step = Math.max(1, Math.ceil(vertices / 2000));
  const out: number[] = [];
  // The extreme vertices always, so that the frame never cuts the region's tips.
  const extremes = new Set<number>();
  let [minX, minY, maxX, maxY] = [0, 0, 0, 0];
  for (let v = 0; v < vertices; v++) {
    if (xy[v * 2] < xy[minX * 2]) minX = v;
    if (xy[v * 2] > xy[maxX * 2]) maxX = v;
    if (xy[v * 2 + 1] < xy[minY * 2 + 1]) minY = v;
    if (xy[v * 2 + 1] > xy[maxY * 2 + 1]) maxY = v;
  }
  for (const v of [minX, minY, maxX, maxY]) extremes.add(v);
  for (let v = 0; v < vertices; v++) {
    if (v % step === 0 || extremes.has(v)) out.push(xy[v * 2], xy[v * 2 + 1]);
  }
  return Float64Array.from(out);
}

/** Bounding box of interleaved x, y, or null when empty. */
function polygonBounds(xy: Float64Array): [number, number, number, number] | null {
  if (xy.length < 2) return null;
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < xy.length; i += 2) {
    bounds[0] = Math.min(bounds[0], xy[i]);
    bounds[1] = Math.min(bounds[1], xy[i + 1]);
    bounds[2] = Math.max(bounds[2], xy[i]);
    bounds[3] = Math.max(bounds[3], xy[i + 1]);
  }
  return bounds;
}

function regionBoundsFallback(model: RegionModel): [number, number, number, number] {
  for (const xy of [model.demand.xy, model.facilities.xy, model.roads.nodeXY, model.buildings.xy]) {
    const bounds = polygonBounds(xy);
    if (bounds) return bounds;
  }
  const [cx, cy] = boundsCentre(new Float64Array(0));
  return [cx - 1000, cy - 1000, cx + 1000, cy + 1000];
}

/** Disposes the geometries and materials of an object and its descendants and detaches it. */
function disposeObject(object: Object3D): void {
  object.traverse((child) => {
    const mesh = child as Mesh;
    mesh.geometry?.dispose();
    const material = mesh.material as Material | Material[] | undefined;
    if (Array.isArray(material)) for (const m of material) m.dispose();
    else material?.dispose();
  });
  object.removeFromParent();
}

function disposeChildren(group: Group): void {
  for (const child of [...group.children]) disposeObject(child);
}
