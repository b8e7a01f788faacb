/**
 * district-assign-1m: assign 1,000,000 seeded random points to 200 jagged districts with the
 * uniform district grid (`buildDistrictGrid` + `assignDistricts`), against a plain loop of
 * `turf.booleanPointInPolygon` over every district (measured on a subset, scaled to 1M).
 *
 * Not timed: the grid must agree with turf on the subset and on points right next to borders.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { assignDistricts, buildDistrictGrid, buildPolygonTable, polygonsOf } from '../packages/core/src/index.js';
import { logPhase, measure, mulberry32, sink, writeResult } from './harness.js';
import { boundsOfPolygons, buildSyntheticDistricts, randomPointsInBounds } from './synthetic-districts.js';

const POINTS = 1_000_000;
const BASELINE_POINTS = 2_000;

const districts = buildSyntheticDistricts({ seed: 1 });
const features = districts.features;
const bbox = boundsOfPolygons(districts);
const table = buildPolygonTable(
  features.map((f) => polygonsOf(f.geometry)),
  { centerLon: (bbox[0] + bbox[2]) / 2, centerLat: (bbox[1] + bbox[3]) / 2 },
);
const edgeCount = table.lonLat.length / 2;
const points = randomPointsInBounds(POINTS, bbox, 2);
const subset = points.subarray(0, BASELINE_POINTS * 2);

/** The baseline: for each point, test every district in turn until one contains it. */
function assignWithTurf(lonLat: Float64Array, polygons: Feature<Polygon>[]): Int32Array {
  const n = lonLat.length >> 1;
  const out = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const point = [lonLat[i * 2], lonLat[i * 2 + 1]];
    for (let d = 0; d < polygons.length; d++) {
      if (booleanPointInPolygon(point, polygons[d])) {
        out[i] = d;
        break;
      }
    }
  }
  return out;
}

// Grid build, reported separately.
const build = measure(() => buildDistrictGrid(table), { warmup: 2, iterations: 10 });
const grid = buildDistrictGrid(table);
const cellCount = grid.cellCenterDistrict.length;
let cellsWithEdges = 0;
for (let c = 0; c < cellCount; c++) if (grid.cellEdgeOffsets[c + 1] > grid.cellEdgeOffsets[c]) cellsWithEdges++;

// The candidate: 1M points. The first call runs in on-stack-replaced code, as in a one-off
// compileRegion; V8 needs about ten calls before the whole function is optimised, hence the
// long warm-up. Both are reported.
const firstCall = measure(() => assignDistricts(grid, points, table.count), { warmup: 0, iterations: 1 });
const assign = measure(() => assignDistricts(grid, points, table.count), { warmup: 15, iterations: 21 });

// The baseline, on the subset, scaled to 1M.
const turfSubset = measure(() => assignWithTurf(subset, features), { warmup: 1, iterations: 3 });
const baselineMs = turfSubset.medianMs * (POINTS / BASELINE_POINTS);

// Agreement (not timed): the random subset, then points a hair off border vertices.
const gridSubset = assignDistricts(grid, subset, table.count);
const turfAnswer = assignWithTurf(subset, features);
let agree = 0;
const mismatches: unknown[] = [];
for (let i = 0; i < BASELINE_POINTS; i++) {
  if (gridSubset[i] === turfAnswer[i]) agree++;
  else if (mismatches.length < 10) {
    mismatches.push({ lonLat: [subset[i * 2], subset[i * 2 + 1]], grid: gridSubset[i], turf: turfAnswer[i] });
  }
}
const nearBorder = new Float64Array(BASELINE_POINTS * 2);
const random = mulberry32(3);
for (let i = 0; i < BASELINE_POINTS; i++) {
  const v = Math.floor(random() * edgeCount);
  // About 1 m off a border vertex, in a random direction.
  const angle = random() * 2 * Math.PI;
  nearBorder[i * 2] = table.lonLat[v * 2] + Math.cos(angle) * 1.5e-5;
  nearBorder[i * 2 + 1] = table.lonLat[v * 2 + 1] + Math.sin(angle) * 1e-5;
}
const gridNear = assignDistricts(grid, nearBorder, table.count);
const turfNear = assignWithTurf(nearBorder, features);
let agreeNear = 0;
for (let i = 0; i < BASELINE_POINTS; i++) {
  if (gridNear[i] === turfNear[i]) agreeNear++;
  else if (mismatches.length < 20) {
    mismatches.push({ lonLat: [nearBorder[i * 2], nearBorder[i * 2 + 1]], grid: gridNear[i], turf: turfNear[i] });
  }
}
sink(gridNear);

const all = assignDistricts(grid, points, table.count);
let outside = 0;
for (let i = 0; i < POINTS; i++) if (all[i] < 0) outside++;

console.log(`  turf agreement: ${agree}/${BASELINE_POINTS} random, ${agreeNear}/${BASELINE_POINTS} near borders`);
if (mismatches.length > 0) console.log(`  MISMATCHES (a bug): ${JSON.stringify(mismatches)}`);
logPhase('assign, first call (cold)', firstCall);
logPhase('assign, min', assign.minMs);
logPhase('grid build', build);
logPhase(`turf on ${BASELINE_POINTS} points`, turfSubset);

writeResult({
  name: 'district-assign-1m',
  size: `${POINTS.toLocaleString('en-US')} points × ${table.count} districts (${edgeCount.toLocaleString('en-US')} edges)`,
  medianMs: assign.medianMs,
  medianCpuMs: assign.medianCpuMs,
  baseline: {
    name: 'turf.booleanPointInPolygon loop',
    medianMs: baselineMs,
    note: `measured on ${BASELINE_POINTS} points (median ${turfSubset.medianMs.toFixed(1)} ms), scaled ×${POINTS / BASELINE_POINTS}`,
  },
  ratio: baselineMs / assign.medianMs,
  target: { medianMs: 50, ratio: 1000 },
  phases: {
    assignMs: assign.medianMs,
    assignMinMs: assign.minMs,
    assignFirstCallMs: firstCall.medianMs,
    gridBuildMs: build.medianMs,
    turfSubsetMs: turfSubset.medianMs,
  },
  details: {
    points: POINTS,
    districts: table.count,
    polygonEdges: edgeCount,
    gridColumns: grid.header[4],
    gridRows: grid.header[5],
    gridCells: cellCount,
    cellsWithEdges,
    cellEdgeEntries: grid.cellEdges.length,
    pointsOutsideAllDistricts: outside,
    turfAgreement: `${agree}/${BASELINE_POINTS}`,
    turfAgreementNearBorders: `${agreeNear}/${BASELINE_POINTS}`,
    mismatches,
  },
  samplesMs: assign.samplesMs,
});
