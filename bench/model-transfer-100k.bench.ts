/**
 * model-transfer-100k: the compiled model of a 100,000-settlement synthetic region sent to a
 * worker_threads Worker as one transferred ArrayBuffer; the worker runs
 * `deserializeRegionModel` and replies. Median round trip, against posting the same region's
 * GeoJSON FeatureCollections by structured clone.
 *
 * The worker imports packages/core/dist: run `pnpm -C packages/core build` first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Feature, FeatureCollection, Point } from 'geojson';
import {
  compileRegion,
  loadRegionFromObjects,
  serializeRegionModel,
  type RegionManifest,
} from '../packages/core/src/index.js';
import { REPO_ROOT, logPhase, measure, measureAsync, mulberry32, writeResult } from './harness.js';
import { buildSyntheticDistricts } from './synthetic-districts.js';

const SETTLEMENTS = 100_000;

if (!existsSync(join(REPO_ROOT, 'packages/core/dist/index.js'))) {
  console.error('model-transfer-100k: packages/core/dist is missing; run `pnpm -C packages/core build` first');
  process.exit(1);
}

// Eight jagged districts over 600 × 400 km around (63.6E, 53.2N); settlements kept 20 km inside
// the nominal outer border (borders wander at most 0.12 × 150 km = 18 km), so each lies in some
// district.
const districts = buildSyntheticDistricts({ columns: 4, rows: 2, widthKm: 600, heightKm: 400, seed: 5 });
const halfWidthLon = (300 - 20) / (111.32 * Math.cos((53.2 * Math.PI) / 180));
const halfHeightLat = (200 - 20) / 110.574;
const random = mulberry32(6);
const features: Feature<Point>[] = [];
for (let i = 0; i < SETTLEMENTS; i++) {
  const lon = 63.6 + (2 * random() - 1) * halfWidthLon;
  const lat = 53.2 + (2 * random() - 1) * halfHeightLat;
  features.push({
    type: 'Feature',
    properties: { id: `S${i}`, name: `Settlement ${i}`, population: 1 + Math.floor(-Math.log(1 - random()) * 500) },
    geometry: { type: 'Point', coordinates: [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5] },
  });
}
const settlements: FeatureCollection<Point> = { type: 'FeatureCollection', features };
const manifest: RegionManifest = {
  schema: 'regiontwin/region@1',
  id: 'bench-100k',
  name: 'Synthetic 100k settlements',
  layers: {
    districts: { path: 'districts.geojson', id: 'id', name: 'name' },
    settlements: { path: 'settlements.geojson', id: 'id', name: 'name', population: 'population' },
  },
};
const region = await loadRegionFromObjects(manifest, {
  'districts.geojson': districts,
  'settlements.geojson': settlements,
});
const model = compileRegion(region);
const serialize = measure(() => serializeRegionModel(model), { warmup: 3, iterations: 15 });
const master = serializeRegionModel(model);

const worker = new Worker(new URL('./model-transfer-worker.mjs', import.meta.url));
const roundTrip = (message: unknown, transfer: ArrayBuffer[] = []) =>
  new Promise<{ demand: number; districts: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage(message, transfer);
  }).finally(() => worker.removeAllListeners('error'));

// Each round trip sends a fresh copy of the buffer (made outside the timing): transfer detaches it.
let buffer = master.slice(0);
const transfer = await measureAsync(() => roundTrip({ kind: 'model', buffer }, [buffer]), {
  warmup: 10,
  iterations: 41,
  setup: () => {
    buffer = master.slice(0);
  },
});
const reply = await roundTrip({ kind: 'model', buffer: master.slice(0) });
// The ids and names of the settlements are parsed on first use (serializeRegionModel's lazy
// string sections): what a worker pays when it does read them, measured separately.
const withStrings = await measureAsync(() => roundTrip({ kind: 'model-and-strings', buffer }, [buffer]), {
  warmup: 5,
  iterations: 21,
  setup: () => {
    buffer = master.slice(0);
  },
});
const layers = { districts, settlements };
const clone = await measureAsync(() => roundTrip({ kind: 'geojson', layers }), { warmup: 3, iterations: 15 });
await worker.terminate();

const checks = reply.demand === SETTLEMENTS && reply.districts === districts.features.length;
console.log(`  worker saw ${reply.demand} demand points, ${reply.districts} districts: ${checks ? 'ok' : 'WRONG'}`);
logPhase('serializeRegionModel (not in the round trip)', serialize);
logPhase('structured clone of the GeoJSON', clone);
logPhase('round trip reading every settlement id and name in the worker (lazy strings parsed)', withStrings);

writeResult({
  name: 'model-transfer-100k',
  size: `${SETTLEMENTS.toLocaleString('en-US')} settlements, ${districts.features.length} districts, model ${(master.byteLength / 1048576).toFixed(1)} MiB`,
  medianMs: transfer.medianMs,
  medianCpuMs: transfer.medianCpuMs,
  baseline: { name: 'postMessage GeoJSON (structured clone)', medianMs: clone.medianMs },
  ratio: clone.medianMs / transfer.medianMs,
  target: { medianMs: 5 },
  phases: {
    roundTripMs: transfer.medianMs,
    roundTripMinMs: transfer.minMs,
    serializeMs: serialize.medianMs,
    structuredCloneRoundTripMs: clone.medianMs,
    roundTripReadingIdsAndNamesMs: withStrings.medianMs,
  },
  details: { modelBytes: master.byteLength, workerReplyOk: checks },
  samplesMs: transfer.samplesMs,
});
