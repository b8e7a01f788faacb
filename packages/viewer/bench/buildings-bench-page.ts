/**
 * The browser side of the `viewer-buildings-100k` benchmark (bench/viewer-buildings-100k.bench.ts):
 * bundled with the buildings worker beside it, served on 127.0.0.1 and driven through
 * `window.bench` in headless Chromium. Everything is measured in one page, one renderer and one
 * camera, so the ratios compare like with like:
 *
 * - the merged geometry of N synthetic buildings built in the buildings worker (time inside the
 *   worker and the round trip from the main thread), and the longest main-thread stall meanwhile;
 * - the same build on the main thread, for reference;
 * - one three.js `ExtrudeGeometry` per building (the usual way), timed on an evenly spread subset
 *   and scaled to N;
 * - the frame time of the viewer with the merged buildings, against the same viewer scene with the
 *   buildings drawn as one `Mesh` per building (identical triangles, one shared material).
 */
import { compileRegion, loadRegionFromObjects, type RegionModel } from '@regiontwin/core';
import { BufferAttribute, BufferGeometry, ExtrudeGeometry, Group, Mesh, Path, Shape, Vector2 } from 'three';
import {
  buildBuildingGeometry,
  createBuildingsBuilder,
  createViewer,
  generateSyntheticBuildings,
  SYNTHETIC_BUILDING_SHAPES,
  type SyntheticBuildings,
  type Viewer,
} from '../src/index.js';
import type { ExtrudedGeometry } from '../src/geometry/extrude-polygons.js';
import { smallRegionSources } from '../test/browser/test-data.js';

/** Parameters of one benchmark run (all chosen by the Node side). */
export interface BuildingsBenchOptions {
  /** Number of buildings. */
  count: number;
  /** Seed of the synthetic town. */
  seed: number;
  /** Untimed and timed worker builds. */
  buildWarmup: number;
  buildIterations: number;
  /** Timed main-thread builds (reference only). */
  mainThreadIterations: number;
  /** Buildings in the ExtrudeGeometry subset (every count/subset-th building). */
  extrudeSubset: number;
  /** Untimed and timed frames of each scene. */
  frameWarmup: number;
  frames: number;
  naiveFrames: number;
  /** Drawing area, CSS pixels (pixel ratio 1). */
  width: number;
  height: number;
  /** Multisample anti-aliasing of the viewer's renderer (its default is on). */
  antialias: boolean;
}

/** What one run measures (milliseconds unless the name says otherwise). */
export interface BuildingsBenchReport {
  count: number;
  triangles: number;
  vertices: number;
  shapeCounts: Record<string, number>;
  holes: number;
  multipolygons: number;
  workerBuildMs: number[];
  workerRoundTripMs: number[];
  /** Longest gap between animation frames on the main thread during each worker build. */
  mainThreadStallsMs: number[];
  mainThreadBuildMs: number[];
  extrudeGeometry: { buildings: number; ms: number; triangles: number; scaledMs: number };
  /** Whole frames (render + wait for the GPU) and the main-thread part of them. */
  viewerFrameMs: number[];
  viewerCpuMs: number[];
  viewerDrawCalls: number;
  /** The viewer's frame with the buildings hidden (what the rest of the map costs). */
  withoutBuildingsFrameMs: number[];
  buildingDrawCalls: number;
  naiveFrameMs: number[];
  naiveCpuMs: number[];
  naiveDrawCalls: number;
  naiveSetupMs: number;
  userAgent: string;
  glRenderer: string;
  /** PNGs (base64) of the merged and the naive frame: they must show the same picture. */
  viewerPng: string;
  naivePng: string;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Waits for the next animation frame. */
const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Renders one frame and waits until the GPU has finished it: a 1-pixel `readPixels` cannot return
 * before every earlier command has run, so `frameMs` covers the CPU and the GPU side. `cpuMs` is
 * the time `render()` itself blocks the main thread (recording and submitting the commands).
 */
function timedFrame(viewer: Viewer, pixel: Uint8Array): { frameMs: number; cpuMs: number } {
  const gl = viewer.renderer.getContext();
  const start = performance.now();
  viewer.render();
  const submitted = performance.now();
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  return { frameMs: performance.now() - start, cpuMs: submitted - start };
}

/** Times `frames` frames, each after an animation frame, after `warmup` untimed ones. */
async function timeFrames(
  viewer: Viewer,
  warmup: number,
  frames: number,
): Promise<{ frameMs: number[]; cpuMs: number[] }> {
  const pixel = new Uint8Array(4);
  for (let i = 0; i < warmup; i++) timedFrame(viewer, pixel);
  const frameMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < frames; i++) {
    await nextFrame();
    const timed = timedFrame(viewer, pixel);
    frameMs.push(timed.frameMs);
    cpuMs.push(timed.cpuMs);
  }
  return { frameMs, cpuMs };
}

/** One ExtrudeGeometry per building: a Shape per part with its holes as Paths, as three.js users do. */
function extrudeGeometryPerBuilding(town: SyntheticBuildings, buildings: number[]): { ms: number; triangles: number } {
  const start = performance.now();
  let triangles = 0;
  for (const b of buildings) {
    const shapes: Shape[] = [];
    for (let p = town.partOffsets[b]; p < town.partOffsets[b + 1]; p++) {
      const ring = (r: number): Vector2[] => {
        const points: Vector2[] = [];
        for (let k = town.vertexOffsets[r]; k < town.vertexOffsets[r + 1]; k++) {
          points.push(new Vector2(town.xy[k * 2], town.xy[k * 2 + 1]));
        }
        return points;
      };
      const shape = new Shape(ring(town.ringOffsets[p]));
      for (let r = town.ringOffsets[p] + 1; r < town.ringOffsets[p + 1]; r++) shape.holes.push(new Path(ring(r)));
      shapes.push(shape);
    }
    const geometry = new ExtrudeGeometry(shapes, { depth: town.heightMeters[b], bevelEnabled: false });
    geometry.rotateX(-Math.PI / 2);
    triangles += geometry.getAttribute('position').count / 3;
    geometry.dispose();
  }
  return { ms: performance.now() - start, triangles };
}

/**
 * The naive scene: one BufferGeometry and Mesh per building, cut out of the viewer's merged mesh
 * (so the triangles, colours and material are the same) along the per-building offsets.
 */
function naiveBuildings(mesh: Mesh, offsets: ExtrudedGeometry, count: number): Group {
  const group = new Group();
  group.name = 'naive-buildings';
  const source = mesh.geometry;
  const positions = source.getAttribute('position').array as Float32Array;
  const normals = source.getAttribute('normal').array as Int8Array;
  const colors = source.getAttribute('color')?.array as Uint8Array | undefined;
  const indices = source.getIndex()!.array as Uint32Array;
  const { featureVertexOffsets: vo, featureIndexOffsets: io } = offsets;
  for (let b = 0; b < count; b++) {
    const v0 = vo[b];
    const v1 = vo[b + 1];
    const part = new BufferGeometry();
    part.setAttribute('position', new BufferAttribute(positions.slice(v0 * 3, v1 * 3), 3));
    part.setAttribute('normal', new BufferAttribute(normals.slice(v0 * 3, v1 * 3), 3, true));
    if (colors) part.setAttribute('color', new BufferAttribute(colors.slice(v0 * 3, v1 * 3), 3, true));
    const index = new Uint16Array(io[b + 1] - io[b]);
    for (let k = 0; k < index.length; k++) index[k] = indices[io[b] + k] - v0;
    part.setIndex(new BufferAttribute(index, 1));
    part.computeBoundingSphere();
    group.add(new Mesh(part, mesh.material));
  }
  group.position.copy(mesh.position);
  return group;
}

async function pngBase64(viewer: Viewer): Promise<string> {
  const bytes = new Uint8Array(await (await viewer.toPNG({ overlays: false })).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function run(options: BuildingsBenchOptions): Promise<BuildingsBenchReport> {
  const { manifest, files } = smallRegionSources();
  const region = compileRegion(await loadRegionFromObjects(manifest, files));
  const town = generateSyntheticBuildings({ count: options.count, seed: options.seed, projection: region.projection });
  const model: RegionModel = { ...region, buildings: town };
  const shapeCounts: Record<string, number> = {};
  for (const code of town.shapes)
    shapeCounts[SYNTHETIC_BUILDING_SHAPES[code]] = (shapeCounts[SYNTHETIC_BUILDING_SHAPES[code]] ?? 0) + 1;
  let holes = 0;
  let multipolygons = 0;
  for (let b = 0; b < town.count; b++) {
    const parts = town.partOffsets[b + 1] - town.partOffsets[b];
    if (parts > 1) multipolygons++;
    for (let p = town.partOffsets[b]; p < town.partOffsets[b + 1]; p++)
      holes += town.ringOffsets[p + 1] - town.ringOffsets[p] - 1;
  }

  // 1. Worker builds, with the main thread's longest stall between animation frames meanwhile.
  const builder = createBuildingsBuilder();
  const buildOptions = { origin: [0, 0] as [number, number] };
  for (let i = 0; i < options.buildWarmup; i++) await builder.build(town, buildOptions);
  const workerBuildMs: number[] = [];
  const workerRoundTripMs: number[] = [];
  const stalls: number[] = [];
  for (let i = 0; i < options.buildIterations; i++) {
    await nextFrame();
    await nextFrame();
    let watching = true;
    let longestStall = 0;
    let last = performance.now();
    const watch = (): void => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
      if (watching) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    const start = performance.now();
    const built = await builder.build(town, buildOptions);
    workerRoundTripMs.push(performance.now() - start);
    workerBuildMs.push(built.buildMilliseconds);
    await nextFrame();
    watching = false;
    stalls.push(longestStall);
  }
  builder.dispose();

  // 2. The same function on the main thread (reference: what the worker keeps off it).
  const mainThreadBuildMs: number[] = [];
  let merged: ExtrudedGeometry | null = null;
  for (let i = 0; i < options.mainThreadIterations; i++) {
    const start = performance.now();
    merged = buildBuildingGeometry(town, buildOptions);
    mainThreadBuildMs.push(performance.now() - start);
  }
  merged ??= buildBuildingGeometry(town, buildOptions);

  // 3. One ExtrudeGeometry per building on an evenly spread subset, scaled to all buildings.
  const step = Math.max(1, Math.floor(town.count / options.extrudeSubset));
  const subset: number[] = [];
  for (let b = 0; b < town.count && subset.length < options.extrudeSubset; b += step) subset.push(b);
  extrudeGeometryPerBuilding(town, subset.slice(0, Math.min(200, subset.length))); // warm-up
  const extrude = extrudeGeometryPerBuilding(town, subset);

  // 4. Frames: the viewer with merged buildings, then the same scene with one Mesh per building.
  const container = document.createElement('div');
  Object.assign(container.style, {
    position: 'absolute',
    left: '0',
    top: '0',
    width: `${options.width}px`,
    height: `${options.height}px`,
  });
  document.body.append(container);
  const viewer = createViewer(container, { pixelRatio: 1, controls: false, antialias: options.antialias });
  const drawn = new Promise<void>((resolve) => viewer.on('buildings', () => resolve()));
  await viewer.setRegion(model);
  await drawn;
  const half = (Math.ceil(Math.sqrt(town.count)) * 42) / 2 + 60;
  viewer.fitToBounds([-half, -half, half, half], { pitchDegrees: 45, bearingDegrees: 20, padding: 0 });
  const viewerFrames = await timeFrames(viewer, options.frameWarmup, options.frames);
  const viewerPng = await pngBase64(viewer);
  viewer.render();
  const viewerDrawCalls = viewer.renderer.info.render.calls;
  const buildingsMesh = viewer.scene.getObjectByName('buildings') as Mesh;
  buildingsMesh.visible = false;
  viewer.render();
  const buildingDrawCalls = viewerDrawCalls - viewer.renderer.info.render.calls;
  const withoutBuildings = await timeFrames(viewer, 1, Math.min(5, options.frames));
  const setupStart = performance.now();
  const naive = naiveBuildings(buildingsMesh, merged, town.count);
  buildingsMesh.parent!.add(naive);
  const naiveSetupMs = performance.now() - setupStart;
  const naiveFrames = await timeFrames(viewer, options.frameWarmup, options.naiveFrames);
  const naiveDrawCalls = viewer.renderer.info.render.calls;
  const naivePng = await pngBase64(viewer);
  const gl = viewer.renderer.getContext();
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const glRenderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  naive.traverse((object) => (object as Mesh).geometry?.dispose());
  naive.removeFromParent();
  viewer.dispose();
  container.remove();

  return {
    count: town.count,
    triangles: merged.indices.length / 3,
    vertices: merged.positions.length / 3,
    shapeCounts,
    holes,
    multipolygons,
    workerBuildMs,
    workerRoundTripMs,
    mainThreadStallsMs: stalls,
    mainThreadBuildMs,
    extrudeGeometry: {
      buildings: subset.length,
      ms: extrude.ms,
      triangles: extrude.triangles,
      scaledMs: (extrude.ms * town.count) / subset.length,
    },
    viewerFrameMs: viewerFrames.frameMs,
    viewerCpuMs: viewerFrames.cpuMs,
    viewerDrawCalls,
    withoutBuildingsFrameMs: withoutBuildings.frameMs,
    buildingDrawCalls,
    naiveFrameMs: naiveFrames.frameMs,
    naiveCpuMs: naiveFrames.cpuMs,
    naiveDrawCalls,
    naiveSetupMs,
    userAgent: navigator.userAgent,
    glRenderer,
    viewerPng,
    naivePng,
  };
}

const bench = { run, median };
(window as unknown as { bench: typeof bench }).bench = bench;
(window as unknown as { harnessReady: boolean }).harnessReady = true;
