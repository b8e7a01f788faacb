/**
 * Where the examples get a region: the embedded national region (bundled as text into a lazily
 * loaded chunk, so the built site needs no server beyond static files), or the files a planner
 * drops — a region folder with its region.json, or bare GeoJSON files whose layers and property
 * names are recognised. Every path goes through core's validation; its problems are returned as
 * text lines, never swallowed.
 */
import * as Comlink from 'comlink';
import {
  compileRegion,
  deserializeRegionModel,
  formatRegionProblem,
  loadRegionFromFiles,
  loadRegionFromSources,
  parseJsonBytes,
  RegionValidationError,
  type LayerName,
  type RegionData,
  type RegionManifest,
  type RegionModel,
  type RegionProblem,
} from '@regiontwin/core';
import type { RegionWorkerApi } from './region-worker-api.js';

/** A loaded, compiled region, or the problems that stopped it. */
export type RegionOutcome = { ok: true; model: RegionModel; warnings: string[] } | { ok: false; problems: string[] };

/** Id of the embedded region in URLs and saved scenarios. */
export const EMBEDDED_REGION_ID = 'kz-national';

/** The embedded region's folder as a scenario file in `fixtures/scenarios/` names it. */
export const EMBEDDED_REGION_PATH = '../kazakhstan';

/** Loads the embedded national region (fixtures/kazakhstan) from the bundle. */
export async function loadEmbeddedRegion(): Promise<RegionOutcome> {
  const [manifest, oblasts, settlements] = await Promise.all([
    import('../../../fixtures/kazakhstan/region.json?raw'),
    import('../../../fixtures/kazakhstan/oblasts.geojson?raw'),
    import('../../../fixtures/kazakhstan/settlements.geojson?raw'),
  ]);
  const files: Record<string, string> = {
    'oblasts.geojson': oblasts.default,
    'settlements.geojson': settlements.default,
  };
  return settle(() =>
    loadRegionFromSources(manifest.default, 'kazakhstan/region.json', async (path) =>
      Object.prototype.hasOwnProperty.call(files, path)
        ? { kind: 'ok', bytes: files[path] }
        : { kind: 'missing', reason: 'is not part of the embedded region' },
    ),
  );
}

/**
 * Loads a region from dropped or picked files. With a `region.json` among them, the manifest
 * says what each file is; without one, the layers are recognised from the geometry (polygons:
 * districts; points with a population property: settlements; other points: facilities) and the
 * property names from the usual spellings, and the guessed manifest is validated like any other.
 */
export async function loadDroppedRegion(files: readonly File[]): Promise<RegionOutcome> {
  if (files.length === 0) return { ok: false, problems: ['no files were dropped'] };
  if (files.some((f) => f.name === 'region.json')) return settle(() => loadRegionFromFiles(files));
  const geojson = files.filter((f) => /\.(geo)?json$/i.test(f.name));
  const others = files.filter((f) => !geojson.includes(f));
  const problems = others.map(
    (f) => `${f.name}: is not a .geojson or .json file (GeoJSON layers and region.json only)`,
  );
  const texts = new Map<string, Uint8Array>();
  const layers: Partial<Record<LayerName, { path: string; [key: string]: string }>> = {};
  for (const file of geojson) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const parsed = parseJsonBytes(bytes, file.name);
    if ('problem' in parsed) {
      problems.push(formatRegionProblem(parsed.problem));
      continue;
    }
    const guess = guessLayer(parsed.value, file.name);
    if ('problem' in guess) {
      problems.push(guess.problem);
      continue;
    }
    if (layers[guess.layer]) {
      problems.push(
        `${file.name}: looks like a second ${guess.layer} layer (the first is ${layers[guess.layer]!.path}); drop one file per layer, or add a region.json`,
      );
      continue;
    }
    texts.set(file.name, bytes);
    layers[guess.layer] = { path: file.name, ...guess.mapping };
  }
  if (problems.length) return { ok: false, problems };
  const manifest = {
    schema: 'regiontwin/region@1',
    id: 'dropped-region',
    name: layers.districts ? layers.districts.path.replace(/\.(geo)?json$/i, '') : 'dropped files',
    layers,
    attribution: ['Files dropped into the playground'],
  } as unknown as RegionManifest;
  return settle(() =>
    loadRegionFromSources(JSON.stringify(manifest), 'region.json (recognised from the dropped files)', async (path) => {
      const bytes = texts.get(path);
      return bytes ? { kind: 'ok', bytes } : { kind: 'missing', reason: 'was not among the dropped files' };
    }),
  );
}

const NAME_KEYS = ['name', 'name_en', 'NAME', 'Name', 'ADM2_EN', 'ADM1_EN', 'name_ru', 'name_kk'];
const ID_KEYS = ['id', 'ID', 'code', 'ADM2_PCODE', 'ADM1_PCODE', 'iso_3166_2', 'geonameid', 'osm_id'];
const KIND_KEYS = ['kind', 'amenity', 'type'];

/** Which layer a parsed GeoJSON file is, and the property mapping, from its first features. */
function guessLayer(
  value: unknown,
  file: string,
): { layer: LayerName; mapping: Record<string, string> } | { problem: string } {
  const features = (value as { type?: unknown; features?: unknown }).features;
  if ((value as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    return { problem: `${file}: is not a GeoJSON FeatureCollection (RFC 7946 §3.3)` };
  }
  if (features.length === 0) return { problem: `${file}: has no features` };
  const first = features[0] as { geometry?: { type?: unknown }; properties?: Record<string, unknown> | null };
  const type = first?.geometry?.type;
  const keys = new Set(Object.keys(first?.properties ?? {}));
  const pick = (candidates: string[]) => candidates.find((k) => keys.has(k));
  const mapping: Record<string, string> = {};
  const name = pick(NAME_KEYS);
  const id = pick(ID_KEYS);
  if (name) mapping.name = name;
  if (id) mapping.id = id;
  if (type === 'Polygon' || type === 'MultiPolygon') return { layer: 'districts', mapping };
  if (type === 'Point') {
    const population = [...keys].find((k) => /^pop(ulation)?$/i.test(k) || /^population/i.test(k));
    if (population) return { layer: 'settlements', mapping: { ...mapping, population } };
    const kind = pick(KIND_KEYS);
    if (kind) return { layer: 'facilities', mapping: { ...mapping, kind } };
    return {
      problem: `${file}: feature #0: points without a "population" property (settlements) or a "kind"/"amenity" property (facilities); add a region.json that maps your property names`,
    };
  }
  if (type === 'LineString' || type === 'MultiLineString') {
    const cls = pick(['class', 'highway', 'road_class']);
    return { layer: 'roads', mapping: cls ? { ...mapping, class: cls } : mapping };
  }
  return {
    problem: `${file}: feature #0: geometry type ${JSON.stringify(type ?? null)} is not a district polygon, a settlement or facility point, or a road line`,
  };
}

/** Runs a load, compiles the model, and turns a validation error into its problem lines. */
async function settle(load: () => Promise<RegionData>): Promise<RegionOutcome> {
  try {
    const data = await load();
    const model = compileRegion(data);
    return { ok: true, model, warnings: data.warnings.map(formatRegionProblem) };
  } catch (error) {
    if (error instanceof RegionValidationError) {
      const errors = error.problems.filter((p: RegionProblem) => p.severity === 'error');
      return { ok: false, problems: errors.map(formatRegionProblem) };
    }
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
}

/**
 * Loads a region in a Web Worker (reading, validation and compiling off the page's thread) and
 * returns the model rebuilt from the buffer it sends back.
 * @param source `'embedded'` or the dropped files
 */
export async function loadRegionInWorker(source: 'embedded' | File[]): Promise<RegionOutcome> {
  const worker = new Worker(new URL('./region-worker.ts', import.meta.url), {
    type: 'module',
    name: 'regiontwin-region',
  });
  const remote = Comlink.wrap<RegionWorkerApi>(worker);
  try {
    const outcome = await remote.load(source);
    if (!outcome.ok) return outcome;
    return { ok: true, model: deserializeRegionModel(outcome.buffer), warnings: outcome.warnings };
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  } finally {
    remote[Comlink.releaseProxy]();
    worker.terminate();
  }
}
