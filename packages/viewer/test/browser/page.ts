/**
 * The browser side of the viewer tests: bundled by esbuild with the worker next to it, served on
 * 127.0.0.1 and driven through `window.harness` by viewer.browser.test.ts. Each case draws into a
 * fixed 800 × 600 container at pixel ratio 1 and returns what the Node side checks.
 */
import {
  compileRegion,
  loadRegionFromObjects,
  projectLonLat,
  unprojectXY,
  type RegionModel,
  type ScenarioResult,
} from '@regiontwin/core';
import { WebGLRenderer, type Mesh } from 'three';
import {
  buildBuildingGeometry,
  createBuildingsBuilder,
  createViewer,
  generateSyntheticBuildings,
  type PickInfo,
  type Viewer,
  type ViewerOptions,
} from '../../src/index.js';
import { KOSTANAY_FILES, KOSTANAY_MANIFEST, kostanayResult, smallRegionSources } from './test-data.js';

const WIDTH = 800;
const HEIGHT = 600;

let kostanay: RegionModel | null = null;
let current: Viewer | null = null;

async function loadKostanay(): Promise<RegionModel> {
  if (kostanay) return kostanay;
  const files: Record<string, unknown> = {};
  for (const name of Object.values(KOSTANAY_FILES)) {
    const response = await fetch(`/data/${name}`);
    if (!response.ok) throw new Error(`fetch /data/${name}: ${response.status}`);
    files[name] = await response.json();
  }
  kostanay = compileRegion(await loadRegionFromObjects(KOSTANAY_MANIFEST, files));
  return kostanay;
}

async function loadSmallRegion(names?: string[]): Promise<RegionModel> {
  const { manifest, files } = smallRegionSources(names);
  return compileRegion(await loadRegionFromObjects(manifest, files));
}

function freshContainer(): HTMLDivElement {
  current?.dispose();
  current = null;
  document.body.replaceChildren();
  const container = document.createElement('div');
  Object.assign(container.style, {
    position: 'absolute',
    left: '0',
    top: '0',
    width: `${WIDTH}px`,
    height: `${HEIGHT}px`,
  });
  document.body.append(container);
  return container;
}

function open(options: ViewerOptions = {}): Viewer {
  current = createViewer(freshContainer(), { pixelRatio: 1, ...options });
  return current;
}

async function pngBase64(viewer: Viewer): Promise<string> {
  const blob = await viewer.toPNG();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Screen point of a lon/lat in the current viewer. */
function screenOf(
  viewer: Viewer,
  model: RegionModel,
  lonLat: [number, number],
  side?: 'left' | 'right',
): [number, number] | null {
  const xy = new Float64Array(2);
  projectLonLat(model.projection, lonLat[0], lonLat[1], xy, 0);
  return viewer.worldToScreen(xy[0], xy[1], side ? { side } : {});
}

function summary(info: PickInfo | null): Record<string, unknown> | null {
  if (!info) return null;
  return {
    kind: info.kind,
    id: info.id,
    name: info.name,
    side: info.side,
    index: info.index,
    facilityKind: info.facilityKind,
    capacity: info.capacity,
    addedInYear: info.addedInYear,
    values: info.values,
  };
}

const harness = {
  async regionOnly() {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    return { png: await pngBase64(viewer), state: viewer.getState(), calls: viewer.renderer.info.render.calls };
  },

  async indicator() {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    viewer.setResult(kostanayResult(model));
    return { png: await pngBase64(viewer), state: viewer.getState() };
  },

  async deltaExtruded() {
    const model = await loadKostanay();
    const viewer = open({ extrudeDistricts: true, valueKind: 'delta' });
    await viewer.setRegion(model);
    viewer.setResult(kostanayResult(model));
    viewer.fitToRegion({ pitchDegrees: 50, bearingDegrees: -20, padding: 0.02 });
    // Screen box of every district vertex on the ground.
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (let v = 0; v < model.districts.xy.length / 2; v++) {
      const p = viewer.worldToScreen(model.districts.xy[v * 2], model.districts.xy[v * 2 + 1]);
      if (!p) continue;
      box[0] = Math.min(box[0], p[0]);
      box[1] = Math.min(box[1], p[1]);
      box[2] = Math.max(box[2], p[0]);
      box[3] = Math.max(box[3], p[1]);
    }
    const legend = document.querySelector('.regiontwin-legend')!.getBoundingClientRect();
    return { png: await pngBase64(viewer), state: viewer.getState(), box, legendWidth: legend.width };
  },

  async split() {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    viewer.setResult(kostanayResult(model), { compareTo: 'baseline' });
    return { png: await pngBase64(viewer), state: viewer.getState() };
  },

  async buildings() {
    const model = await loadSmallRegion();
    const town = generateSyntheticBuildings({
      count: 900,
      seed: 42,
      projection: model.projection,
      plotSpacingMeters: 40,
    });
    const withBuildings: RegionModel = { ...model, buildings: town };
    const viewer = open();
    const built = new Promise<{ count: number; inWorker: boolean }>((resolve) => viewer.on('buildings', resolve));
    await viewer.setRegion(withBuildings);
    const event = await built;
    viewer.fitToBounds([-640, -640, 640, 640], { pitchDegrees: 55, bearingDegrees: 30 });
    const png = await pngBase64(viewer);
    const calls = viewer.renderer.info.render.calls;
    // The worker's bytes equal the main thread's.
    const builder = createBuildingsBuilder();
    const inWorker = await builder.build(town, { origin: [0, 0] });
    builder.dispose();
    const direct = buildBuildingGeometry(town, { origin: [0, 0] });
    const same =
      inWorker.geometry.positions.length === direct.positions.length &&
      inWorker.geometry.indices.every((value, i) => value === direct.indices[i]) &&
      inWorker.geometry.positions.every((value, i) => value === direct.positions[i]);
    return { png, event, calls, workerMatchesMainThread: same, triangles: direct.indices.length / 3 };
  },

  /** Picks at the screen points of given lon/lat points, in the single and the split view. */
  async picking(points: { id: string; lonLat: [number, number] }[]) {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    viewer.setResult(kostanayResult(model));
    // Markers are picked before districts; hide them so that every point must hit its district.
    viewer.setLayerVisible('settlements', false);
    viewer.setLayerVisible('facilities', false);
    viewer.render();
    const single = points.map((point) => {
      const screen = screenOf(viewer, model, point.lonLat)!;
      return { expected: point.id, screen, got: summary(viewer.pick(screen[0], screen[1])) };
    });
    viewer.setResult(kostanayResult(model), { compareTo: 'baseline' });
    viewer.render();
    const split = points.flatMap((point) =>
      (['left', 'right'] as const).map((side) => {
        const screen = screenOf(viewer, model, point.lonLat, side)!;
        return { expected: point.id, side, screen, got: summary(viewer.pick(screen[0], screen[1])) };
      }),
    );
    return { single, split, outside: summary(viewer.pick(3, 3)) };
  },

  /** Prepares the view for a real mouse click (driven by Playwright) and records pick events. */
  async prepareClick(lonLat: [number, number]) {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    viewer.setResult(kostanayResult(model));
    viewer.render();
    const events: (Record<string, unknown> | null)[] = [];
    viewer.on('pick', (info) => events.push(summary(info)));
    (window as unknown as { pickEvents: typeof events }).pickEvents = events;
    return screenOf(viewer, model, lonLat);
  },

  async afterClick() {
    const viewer = current!;
    const tooltip = document.querySelector('.regiontwin-tooltip') as HTMLElement | null;
    return {
      events: (window as unknown as { pickEvents: unknown[] }).pickEvents,
      png: await pngBase64(viewer),
      tooltip: tooltip && tooltip.style.display !== 'none' ? tooltip.textContent : null,
    };
  },

  /** Year slider: the district under `lonLat` shows each year's own value. */
  async yearColours(lonLat: [number, number]) {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    viewer.setResult(kostanayResult(model));
    viewer.setLayerVisible('settlements', false);
    viewer.setLayerVisible('facilities', false);
    const out: { year: number; index: number; scenario: number; shown: number }[] = [];
    for (const year of [2026, 2027, 2028]) {
      viewer.setYear(year);
      viewer.render();
      const screen = screenOf(viewer, model, lonLat)!;
      const info = viewer.pick(screen[0], screen[1]);
      if (info?.kind !== 'district') throw new Error(`no district under ${lonLat.join(', ')} in ${year}`);
      out.push({ year, index: info.index, scenario: info.values!.scenario, shown: info.values!.shown });
    }
    return out;
  },

  /** Year slider: which added hubs are pickable in each year. */
  async years() {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    const result = kostanayResult(model);
    viewer.setResult(result);
    const hubs = (result.interventions as { at?: [number, number]; changes?: { at: [number, number] }[] }[]).map(
      (i) => i.at ?? i.changes![0].at,
    );
    const out: { year: number; hubs: (string | null)[] }[] = [];
    for (const year of [2026, 2027, 2028, 2031]) {
      viewer.setYear(year);
      viewer.render();
      out.push({
        year: viewer.getState().year!,
        hubs: hubs.map((lonLat) => {
          const screen = screenOf(viewer, model, lonLat)!;
          const info = viewer.pick(screen[0], screen[1]);
          return info?.kind === 'facility' ? `${info.facilityKind}:${info.addedInYear}` : (info?.kind ?? null);
        }),
      });
    }
    const slider = document.querySelector('.regiontwin-year input') as HTMLInputElement;
    const rudnyScreen = screenOf(viewer, model, hubs[1])!;
    const rudny = summary(viewer.pick(rudnyScreen[0], rudnyScreen[1]));
    return { out, slider: { min: slider.min, max: slider.max, value: slider.value }, rudny };
  },

  /**
   * A travel-time indicator draws the reach of its facilities: the drawn cells' centres (lon/lat)
   * in the final year and in the first (when only the first hub is open).
   */
  async travelTimeReach() {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    const result = kostanayResult(model);
    viewer.setResult(result, { indicator: 'population-within-travel-time' });
    const png = await pngBase64(viewer);
    const cells = () => {
      const mesh = viewer.scene.getObjectByName('side-right')!.getObjectByName('coverage-reach') as Mesh | undefined;
      if (!mesh) return [];
      const positions = mesh.geometry.getAttribute('position');
      const out: [number, number][] = [];
      const lonLat = new Float64Array(2);
      for (let q = 0; q < positions.count / 4; q++) {
        // The centre of a quad is the mean of its first and third corners.
        const x = (positions.getX(q * 4) + positions.getX(q * 4 + 2)) / 2 + viewer.origin[0];
        const y = -(positions.getZ(q * 4) + positions.getZ(q * 4 + 2)) / 2 + viewer.origin[1];
        unprojectXY(model.projection, x, y, lonLat, 0);
        out.push([lonLat[0], lonLat[1]]);
      }
      return out;
    };
    const final = cells();
    viewer.setYear(2026);
    const first = cells();
    const hubs = (result.interventions as { at?: [number, number]; changes?: { at: [number, number] }[] }[]).map(
      (i) => i.at ?? i.changes![0].at,
    );
    const mesh = viewer.scene.getObjectByName('coverage-reach') as Mesh;
    const corners = mesh.geometry.getAttribute('position');
    const cellMeters = Math.abs(corners.getX(1) - corners.getX(0));
    return { png, final, first, hubs, cellMeters };
  },

  /** Names from data with markup are shown as text and never parsed. */
  async textNotHtml() {
    const evil = '<img src=x onerror="window.__xss=1">Evil';
    const model = await loadSmallRegion([evil, 'North-east', 'South-west', 'South-east']);
    const viewer = open();
    await viewer.setRegion(model);
    viewer.render();
    // The first district's centre: the middle of its projected bounding box.
    const xs: number[] = [];
    const ys: number[] = [];
    for (let v = model.districts.vertexOffsets[0]; v < model.districts.vertexOffsets[1]; v++) {
      xs.push(model.districts.xy[v * 2]);
      ys.push(model.districts.xy[v * 2 + 1]);
    }
    const centre = viewer.worldToScreen(
      (Math.min(...xs) + Math.max(...xs)) / 2,
      (Math.min(...ys) + Math.max(...ys)) / 2,
    )!;
    const canvas = viewer.renderer.domElement;
    const box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(
      new PointerEvent('pointermove', { clientX: box.left + centre[0], clientY: box.top + centre[1], bubbles: true }),
    );
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const tooltip = document.querySelector('.regiontwin-tooltip') as HTMLElement;
    return {
      tooltipText: tooltip.textContent,
      tooltipFirstLine: tooltip.firstElementChild?.textContent ?? null,
      images: document.querySelectorAll('img').length,
      elementsInTooltip: tooltip.querySelectorAll('*').length,
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
    };
  },

  /** dispose() returns renderer.info.memory to where it was. */
  async dispose() {
    const model = await loadKostanay();
    const renderer = new WebGLRenderer({ stencil: true });
    const before = { ...renderer.info.memory };
    const viewer = open({ renderer });
    const town = generateSyntheticBuildings({ count: 300, seed: 5, projection: model.projection });
    await viewer.setRegion({ ...model, buildings: town });
    viewer.setResult(kostanayResult(model), { compareTo: 'baseline' });
    viewer.render();
    viewer.select(viewer.pick(400, 300));
    viewer.render();
    const during = { ...renderer.info.memory };
    viewer.setResult(kostanayResult(model));
    viewer.setIndicator('mean-travel-time', { valueKind: 'delta' });
    viewer.render();
    viewer.dispose();
    current = null;
    const after = { ...renderer.info.memory };
    const canvasInDocument = document.body.contains(renderer.domElement);
    renderer.dispose();

    // An owned renderer: counts drop to zero before it is disposed.
    const owned = open();
    await owned.setRegion(model);
    owned.setResult(kostanayResult(model));
    owned.render();
    const ownedDuring = { ...owned.renderer.info.memory };
    owned.dispose();
    current = null;
    const ownedAfter = { ...owned.renderer.info.memory };
    return {
      before,
      during,
      after,
      ownedDuring,
      ownedAfter,
      canvasInDocument,
      domLeft: document.querySelectorAll('.regiontwin-viewer, canvas').length,
    };
  },

  async exportPng() {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    const blob = await viewer.toPNG({ overlays: false });
    return { type: blob.type, size: blob.size, png: await pngBase64(viewer) };
  },

  /** Result of another scenario as the left side of the split view. */
  async compareResults() {
    const model = await loadKostanay();
    const viewer = open();
    await viewer.setRegion(model);
    const a = kostanayResult(model);
    const b: ScenarioResult = { ...a, scenario: 'Only Kostanay', interventions: [a.interventions[0]] };
    viewer.setResult(a, { compareTo: b });
    viewer.render();
    const labels = [...document.querySelectorAll('.regiontwin-split-label')].map((element) => element.textContent);
    return { state: viewer.getState(), labels };
  },
};

(window as unknown as { harness: typeof harness }).harness = harness;
(window as unknown as { harnessReady: boolean }).harnessReady = true;
