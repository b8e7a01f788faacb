/**
 * viewer-buildings-100k: 100,000 synthetic extruded buildings (L, U, T, courtyard with a hole,
 * irregular, chamfered and two-part MultiPolygon footprints; generate-synthetic-buildings.ts) in
 * the three.js viewer, in headless Chromium (WebGL2 through SwiftShader unless a GPU is there).
 * One browser run measures:
 * - the merged geometry built in the buildings worker (median inside the worker; target ≤ 250 ms)
 *   and the round trip, against one three.js `ExtrudeGeometry` per building (timed on a subset,
 *   scaled to 100,000);
 * - draw calls of the whole viewer frame (target ≤ 10);
 * - the median frame time of the viewer, against the same scene with one `Mesh` per building
 *   (identical triangles and material) — the headline ratio (target ≥ 20×).
 *
 * The page is packages/viewer/bench/buildings-bench-page.ts, bundled and served by the browser
 * tests' server (run-buildings-benchmark.ts); frames of both scenes land in packages/viewer/test-output.
 * `BENCH_BUILDINGS=n` runs a smaller town (for a quick look); results are only written for 100k.
 */
import { join } from 'node:path';
import type { BuildingsBenchOptions } from '../packages/viewer/bench/buildings-bench-page.js';
import { runBuildingsBenchmark } from '../packages/viewer/bench/run-buildings-benchmark.js';
import { formatMs, formatRatio, logPhase, REPO_ROOT, sink, summarize, writeResult } from './harness.js';

const COUNT = Number(process.env.BENCH_BUILDINGS ?? 100_000);
const options: BuildingsBenchOptions = {
  count: COUNT,
  seed: 7,
  buildWarmup: 2,
  buildIterations: 7,
  mainThreadIterations: 3,
  extrudeSubset: Math.min(COUNT, 2_000),
  frameWarmup: 2,
  frames: 15,
  naiveFrames: 5,
  width: 1024,
  height: 768,
  antialias: process.env.BENCH_ANTIALIAS !== '0',
};

const { report, differentShare, browserErrors } = await runBuildingsBenchmark(
  options,
  join(REPO_ROOT, 'packages/viewer/test-output'),
);
if (browserErrors.length > 0) console.log(`  browser errors: ${browserErrors.join(' | ')}`);
sink(report.triangles);

const build = summarize(report.workerBuildMs);
const roundTrip = summarize(report.workerRoundTripMs);
const mainThread = summarize(report.mainThreadBuildMs);
const frame = summarize(report.viewerFrameMs);
const naive = summarize(report.naiveFrameMs);
const frameCpu = summarize(report.viewerCpuMs);
const naiveCpu = summarize(report.naiveCpuMs);
const extrudeRatio = report.extrudeGeometry.scaledMs / build.medianMs;
const frameRatio = naive.medianMs / frame.medianMs;

console.log(
  `  ${report.count.toLocaleString('en-US')} buildings, ${report.triangles.toLocaleString('en-US')} triangles, ` +
    `${report.holes.toLocaleString('en-US')} holes, ${report.multipolygons.toLocaleString('en-US')} multipolygons; ${report.glRenderer}`,
);
logPhase('geometry build in the worker (median)', build);
logPhase('worker round trip incl. transfer (median)', roundTrip);
const stall = summarize(report.mainThreadStallsMs);
logPhase('longest main-thread frame gap during a worker build (median)', stall);
logPhase('viewer frame with the buildings hidden (median)', summarize(report.withoutBuildingsFrameMs));
logPhase('same build on the main thread (median)', mainThread);
console.log(
  `  one ExtrudeGeometry per building: ${formatMs(report.extrudeGeometry.ms)} for ${report.extrudeGeometry.buildings.toLocaleString('en-US')}` +
    ` → ${formatMs(report.extrudeGeometry.scaledMs)} for ${report.count.toLocaleString('en-US')} (${formatRatio(extrudeRatio)} the worker build)`,
);
console.log(
  `  draw calls: viewer frame ${report.viewerDrawCalls} (buildings ${report.buildingDrawCalls}); naive ${report.naiveDrawCalls}`,
);
console.log(`  merged and naive frames differ in ${(differentShare * 100).toFixed(3)} % of the pixels`);
logPhase('viewer frame (median)', frame);
logPhase('naive one-Mesh-per-building frame (median)', naive);
console.log(
  `  main-thread part of a frame (render() call): viewer ${formatMs(frameCpu.medianMs)}, naive ${formatMs(naiveCpu.medianMs)}` +
    ` (${formatRatio(naiveCpu.medianMs / frameCpu.medianMs)})`,
);

const targets = { buildMs: 250, drawCalls: 10, frameRatio: 20 };
const meets =
  build.medianMs <= targets.buildMs && report.viewerDrawCalls <= targets.drawCalls && frameRatio >= targets.frameRatio;

if (COUNT !== 100_000) {
  console.log(`  (BENCH_BUILDINGS=${COUNT}: not written; frame ratio ${formatRatio(frameRatio)})`);
} else {
  writeResult({
    name: 'viewer-buildings-100k',
    size: `${report.count.toLocaleString('en-US')} synthetic buildings (${report.triangles.toLocaleString('en-US')} triangles), ${options.width}×${options.height} px`,
    medianMs: frame.medianMs,
    baseline: {
      name: 'one Mesh per building, same scene and camera',
      medianMs: naive.medianMs,
      note: 'identical triangles and material, cut out of the merged mesh',
    },
    ratio: frameRatio,
    target: { ratio: targets.frameRatio },
    meetsTarget: meets,
    phases: {
      viewerFrameMs: frame.medianMs,
      naiveFrameMs: naive.medianMs,
      viewerFrameCpuMs: frameCpu.medianMs,
      naiveFrameCpuMs: naiveCpu.medianMs,
      workerBuildMs: build.medianMs,
      workerBuildMinMs: build.minMs,
      workerRoundTripMs: roundTrip.medianMs,
      mainThreadFrameGapMs: stall.medianMs,
      mainThreadFrameGapMaxMs: stall.maxMs,
      withoutBuildingsFrameMs: summarize(report.withoutBuildingsFrameMs).medianMs,
      mainThreadBuildMs: mainThread.medianMs,
      extrudeGeometrySubsetMs: report.extrudeGeometry.ms,
      extrudeGeometryScaledMs: report.extrudeGeometry.scaledMs,
      naiveSetupMs: report.naiveSetupMs,
    },
    details: {
      targets,
      buildingCount: report.count,
      triangles: report.triangles,
      vertices: report.vertices,
      holes: report.holes,
      multipolygons: report.multipolygons,
      shapeCounts: report.shapeCounts,
      drawCalls: report.viewerDrawCalls,
      buildingDrawCalls: report.buildingDrawCalls,
      naiveDrawCalls: report.naiveDrawCalls,
      extrudeGeometryRatio: extrudeRatio,
      frameCpuRatio: naiveCpu.medianMs / frameCpu.medianMs,
      antialias: options.antialias,
      mergedVsNaiveDifferentPixelShare: differentShare,
      extrudeGeometrySubset: report.extrudeGeometry.buildings,
      extrudeGeometryTriangles: report.extrudeGeometry.triangles,
      buildMeetsTarget: build.medianMs <= targets.buildMs,
      drawCallsMeetTarget: report.viewerDrawCalls <= targets.drawCalls,
      frameRatioMeetsTarget: frameRatio >= targets.frameRatio,
      workerBuildSamplesMs: report.workerBuildMs,
      naiveFrameSamplesMs: report.naiveFrameMs,
      glRenderer: report.glRenderer,
      userAgent: report.userAgent,
    },
    samplesMs: report.viewerFrameMs,
  });
}
