import type { FeatureCollection } from 'geojson';
import {
  LAYER_NAMES,
  type LayerName,
  type RegionData,
  type RegionManifest,
  type RegionProblem,
  type RegionProblemCode,
  type RegionValidationOptions,
} from './region-manifest.js';
import { RegionValidationError } from './region-validation-error.js';
import { isCsvLayerPath, parseCsvLayer, relabelCsvProblems, type CsvLayer } from './parse-csv-layer.js';
import {
  parseJsonBytes,
  resolveLimits,
  validateAgainstDistricts,
  validateLayer,
  validateManifest,
} from './validate-region.js';

/** Problems after which a feature's geometry (or, without a feature index, a layer's) cannot be used. */
const GEOMETRY_PROBLEM_CODES: ReadonlySet<RegionProblemCode> = new Set<RegionProblemCode>([
  'feature-invalid',
  'geometry-type',
  'coordinate-not-finite',
  'coordinate-out-of-range',
  'coordinates-swapped',
  'ring-not-closed',
  'ring-too-short',
  'self-intersection',
  'too-many-vertices',
  'empty-layer',
]);

/** What a reader found at a layer path. */
export type LayerBytes =
  | { kind: 'ok'; bytes: Uint8Array | string }
  | { kind: 'missing'; reason: string }
  | { kind: 'too-large'; sizeBytes: number }
  /** In-memory data that cannot be JSON (a cycle, a BigInt, nesting too deep to write). */
  | { kind: 'not-json'; reason: string };

/** Reads a layer file given its manifest path (already checked to stay inside the region). */
export type LayerReader = (path: string, maxBytes: number) => Promise<LayerBytes>;

/**
 * Loads and validates a region from any source: the manifest's bytes and a reader for its layer
 * files. Node (folders), browsers (File objects, URLs) and tests (in-memory) all go through here,
 * so parsing and validation are one shared, pure path.
 *
 * @throws {RegionValidationError} with every problem found, when any is an error.
 */
export async function loadRegionFromSources(
  manifestBytes: Uint8Array | string,
  manifestFile: string,
  readLayer: LayerReader,
  options: RegionValidationOptions = {},
): Promise<RegionData> {
  const problems: RegionProblem[] = [];
  const parsed = parseJsonBytes(manifestBytes, manifestFile);
  if ('problem' in parsed) throw new RegionValidationError([parsed.problem], manifestFile);
  const { manifest, problems: manifestProblems } = validateManifest(parsed.value, manifestFile);
  problems.push(...manifestProblems);
  if (!manifest) throw new RegionValidationError(problems, manifestFile);
  if (manifest.allowMissingPopulation) options = { ...options, allowMissingPopulation: true };
  const limits = resolveLimits(options);
  const layers: Partial<Record<LayerName, FeatureCollection>> = {};
  const csvLayers = new Map<LayerName, CsvLayer>();
  for (const layer of LAYER_NAMES) {
    const mapping = manifest.layers[layer];
    if (!mapping) continue;
    const found = await readLayer(mapping.path, limits.maxFileBytes);
    if (found.kind === 'missing') {
      problems.push({ severity: 'error', file: mapping.path, layer, code: 'file-missing', message: found.reason });
      continue;
    }
    if (found.kind === 'too-large') {
      problems.push({
        severity: 'error',
        file: mapping.path,
        layer,
        code: 'file-too-large',
        message: `is ${formatBytes(found.sizeBytes)}, more than the limit of ${formatBytes(limits.maxFileBytes)} (raise limits.maxFileBytes, CLI --max-file-mb)`,
      });
      continue;
    }
    if (found.kind === 'not-json') {
      problems.push({ severity: 'error', file: mapping.path, layer, code: 'not-json', message: found.reason });
      continue;
    }
    const csv = isCsvLayerPath(mapping.path) ? parseCsvLayer(found.bytes, layer, mapping) : undefined;
    const json = csv ?? parseJsonBytes(found.bytes, mapping.path, layer);
    if ('problem' in json) {
      problems.push(json.problem);
      continue;
    }
    if (csv && 'rows' in csv) {
      csvLayers.set(layer, csv);
      problems.push(...csv.problems);
    }
    const checked = validateLayer(json.value, layer, mapping, options);
    problems.push(...checked.problems);
    if (checked.collection) layers[layer] = checked.collection;
  }
  // Points are checked against the districts whenever the districts are sound, even when other
  // layers have problems, so that one run reports every problem. Features (and layers cut short
  // by a limit) whose geometry was already rejected are left out.
  const unusable = problems.filter((p) => p.severity === 'error' && p.layer && GEOMETRY_PROBLEM_CODES.has(p.code));
  if (layers.districts && !unusable.some((p) => p.layer === 'districts')) {
    const skippedLayers = new Set(unusable.filter((p) => p.featureIndex === undefined).map((p) => p.layer));
    const skippedFeatures = new Set(unusable.map((p) => `${p.layer}#${p.featureIndex}`));
    const skip = (layer: LayerName, i: number) => skippedLayers.has(layer) || skippedFeatures.has(`${layer}#${i}`);
    problems.push(...validateAgainstDistricts(layers.districts, layers, manifest, skip));
  }
  // Problems in a CSV layer name the file's row (`row 7: …`), as a spreadsheet shows it.
  if (csvLayers.size > 0) {
    const relabelled = problems.flatMap((p) => {
      const csv = p.layer && csvLayers.get(p.layer);
      return csv ? relabelCsvProblems([p], csv) : [p];
    });
    problems.splice(0, problems.length, ...relabelled);
  }
  if (problems.some((p) => p.severity === 'error')) throw new RegionValidationError(problems, manifestFile);
  return { manifest, layers, source: manifestFile, warnings: problems };
}

/**
 * Writes in-memory data as JSON text for the shared parsing path. NaN and ±Infinity (which JSON
 * cannot hold and JSON.stringify would silently turn into null) are written as the strings
 * "NaN", "Infinity", "-Infinity", so that validation reports them as what they are.
 */
function objectToJson(value: unknown): { text: string } | { reason: string } {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    );
    return text === undefined ? { reason: 'is not JSON data (undefined)' } : { text };
  } catch (error) {
    // A cycle, a BigInt, or nesting so deep that it overflows the stack.
    return { reason: `is not JSON data (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}

/** Builds a region from in-memory data: a manifest object and FeatureCollections (or a CSV layer's text) by path. */
export function loadRegionFromObjects(
  manifest: RegionManifest,
  files: Record<string, unknown>,
  options: RegionValidationOptions = {},
): Promise<RegionData> {
  const manifestJson = objectToJson(manifest);
  if ('reason' in manifestJson) {
    const problem: RegionProblem = {
      severity: 'error',
      file: 'region.json',
      code: 'not-json',
      message: manifestJson.reason,
    };
    return Promise.reject(new RegionValidationError([problem], 'region.json'));
  }
  return loadRegionFromSources(
    manifestJson.text,
    'region.json',
    async (path, maxBytes) => {
      if (!Object.prototype.hasOwnProperty.call(files, path)) return { kind: 'missing', reason: 'no such file' };
      // A CSV layer is given as its text.
      if (isCsvLayerPath(path) && typeof files[path] === 'string') return { kind: 'ok', bytes: files[path] as string };
      const json = objectToJson(files[path]);
      if ('reason' in json) return { kind: 'not-json', reason: json.reason };
      // The limit applies to the data as a file would hold it (UTF-8 bytes; a UTF-16 unit is 1–3 bytes).
      if (json.text.length * 3 > maxBytes) {
        const sizeBytes = new TextEncoder().encode(json.text).byteLength;
        if (sizeBytes > maxBytes) return { kind: 'too-large', sizeBytes };
      }
      return { kind: 'ok', bytes: json.text };
    },
    options,
  );
}

/**
 * Loads a region in a browser from the files a user dropped or picked (`<input type=file
 * webkitdirectory>`): one must be `region.json`; layers are matched by their path, or by base
 * name when the browser gives no folder structure.
 */
export async function loadRegionFromFiles(
  files: ArrayLike<File>,
  options: RegionValidationOptions = {},
): Promise<RegionData> {
  const list = Array.from(files);
  const pathOf = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
  const manifestFile = list.find((f) => f.name === 'region.json');
  if (!manifestFile) {
    throw new RegionValidationError(
      [
        {
          severity: 'error',
          file: 'region.json',
          code: 'file-missing',
          message: 'no region.json among the files given',
        },
      ],
      'region.json',
    );
  }
  const base = pathOf(manifestFile).slice(0, -'region.json'.length);
  const manifestBytes = new Uint8Array(await manifestFile.arrayBuffer());
  return loadRegionFromSources(
    manifestBytes,
    pathOf(manifestFile),
    async (path, maxBytes) => {
      const normalized = path.replace(/^\.\//, '');
      const file =
        list.find((f) => pathOf(f) === base + normalized) ?? list.find((f) => f.name === normalized.split('/').pop());
      if (!file) return { kind: 'missing', reason: `file not found among the files given` };
      if (file.size > maxBytes) return { kind: 'too-large', sizeBytes: file.size };
      return { kind: 'ok', bytes: new Uint8Array(await file.arrayBuffer()) };
    },
    options,
  );
}

/** Loads a region from the URL of its `region.json`; layers are fetched relative to it. */
export async function loadRegionFromUrl(
  url: string | URL,
  options: RegionValidationOptions & { fetch?: typeof fetch } = {},
): Promise<RegionData> {
  const fetchImpl = options.fetch ?? fetch;
  const manifestUrl = new URL(url, typeof location === 'undefined' ? undefined : location.href);
  const response = await fetchImpl(manifestUrl);
  if (!response.ok) {
    throw new RegionValidationError(
      [{ severity: 'error', file: manifestUrl.href, code: 'file-missing', message: `HTTP ${response.status}` }],
      manifestUrl.href,
    );
  }
  const manifestBytes = new Uint8Array(await response.arrayBuffer());
  return loadRegionFromSources(
    manifestBytes,
    manifestUrl.href,
    async (path, maxBytes) => {
      const layerResponse = await fetchImpl(new URL(path, manifestUrl));
      if (!layerResponse.ok) return { kind: 'missing', reason: `HTTP ${layerResponse.status}` };
      const declared = Number(layerResponse.headers.get('content-length'));
      if (declared > maxBytes) return { kind: 'too-large', sizeBytes: declared };
      const bytes = new Uint8Array(await layerResponse.arrayBuffer());
      if (bytes.byteLength > maxBytes) return { kind: 'too-large', sizeBytes: bytes.byteLength };
      return { kind: 'ok', bytes };
    },
    options,
  );
}

/** `1.5 MiB`-style size for messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
