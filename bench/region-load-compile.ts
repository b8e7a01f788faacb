/**
 * The body of the `*-load-compile` benchmarks: load a real region folder with `loadRegion`,
 * compile it, serialise and deserialise the model. Baseline: reading the same layer files and
 * `JSON.parse` alone — the floor any loader pays; the ratio (< 1) shows what validation,
 * property mapping and compilation cost on top of it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileRegion, deserializeRegionModel, serializeRegionModel } from '../packages/core/src/index.js';
import { loadRegion } from '../packages/core/src/node.js';
import type { RegionManifest } from '../packages/core/src/index.js';
import { REPO_ROOT, logPhase, measure, measureAsync, writeResult } from './harness.js';

/** Runs the benchmark on the region folder `folder` (relative to the repository root). */
export async function benchRegionLoadCompile(name: string, folder: string): Promise<void> {
  const directory = join(REPO_ROOT, folder);
  const manifest = JSON.parse(await readFile(join(directory, 'region.json'), 'utf8')) as RegionManifest;
  const layerPaths = Object.values(manifest.layers).map((layer) => join(directory, layer!.path));
  let bytes = 0;
  for (const path of layerPaths) bytes += (await readFile(path)).byteLength;

  const options = { warmup: 5, iterations: 30 };
  const parseOnly = await measureAsync(async () => {
    const parsed: unknown[] = [];
    for (const path of layerPaths) parsed.push(JSON.parse(await readFile(path, 'utf8')));
    return parsed;
  }, options);
  const load = await measureAsync(() => loadRegion(directory), options);
  const region = await loadRegion(directory);
  const compile = measure(() => compileRegion(region), options);
  const loadAndCompile = await measureAsync(async () => compileRegion(await loadRegion(directory)), options);
  const model = compileRegion(region);
  const serialize = measure(() => serializeRegionModel(model), options);
  const buffer = serializeRegionModel(model);
  const deserialize = measure(() => deserializeRegionModel(buffer), options);

  logPhase('read + JSON.parse (baseline)', parseOnly);
  logPhase('loadRegion', load);
  logPhase('compileRegion', compile);
  logPhase('serializeRegionModel', serialize);
  logPhase('deserializeRegionModel', deserialize);

  const counts = {
    districts: model.districts.count,
    districtVertices: model.districts.lonLat.length / 2,
    demandPoints: model.demand.count,
    facilities: model.facilities.count,
    roadNodes: model.roads.nodeCount,
  };
  writeResult({
    name,
    size: `${folder}: ${(bytes / 1024).toFixed(0)} KiB GeoJSON, ${counts.districts} districts (${counts.districtVertices.toLocaleString('en-US')} vertices), ${counts.demandPoints} demand points, ${counts.facilities} facilities`,
    medianMs: loadAndCompile.medianMs,
    medianCpuMs: loadAndCompile.medianCpuMs,
    baseline: { name: 'read + JSON.parse of the layers', medianMs: parseOnly.medianMs },
    ratio: parseOnly.medianMs / loadAndCompile.medianMs,
    phases: {
      loadAndCompileMs: loadAndCompile.medianMs,
      loadMs: load.medianMs,
      compileMs: compile.medianMs,
      serializeMs: serialize.medianMs,
      deserializeMs: deserialize.medianMs,
      readAndParseMs: parseOnly.medianMs,
    },
    details: { ...counts, geojsonBytes: bytes, modelBytes: buffer.byteLength },
    samplesMs: loadAndCompile.samplesMs,
  });
}
