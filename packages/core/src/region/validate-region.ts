import findIntersections from 'sweepline-intersections';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import {
  DEFAULT_REGION_LIMITS,
  LAYER_NAMES,
  REGION_SCHEMA,
  type LayerMapping,
  type LayerName,
  type RegionLimits,
  type RegionManifest,
  type RegionProblem,
  type RegionProblemCode,
  type RegionValidationOptions,
} from './region-manifest.js';
import { describeValue, quoteName, readFeatureId, readNumber, readOwnProperty } from './read-properties.js';
import { buildDistrictGrid, locateDistrict } from '../geo/district-grid.js';
import { buildPolygonTable, polygonsOf } from '../geo/polygon-table.js';
import { representativePoint } from '../geo/representative-point.js';
import { CSV_LAYERS, isCsvLayerPath } from './parse-csv-layer.js';
import { decodeUtf8Text } from './decode-utf8-text.js';

/** Largest population accepted for one settlement or building: more than any city on Earth, by far. */
export const MAX_POPULATION = 1_000_000_000;

/** The geometry types each layer accepts. */
export const LAYER_GEOMETRY_TYPES: Readonly<Record<LayerName, readonly string[]>> = {
  districts: ['Polygon', 'MultiPolygon'],
  settlements: ['Point'],
  facilities: ['Point'],
  roads: ['LineString', 'MultiLineString'],
  buildings: ['Polygon', 'MultiPolygon'],
};

/** The mapping keys each layer understands (besides `path`). */
export const LAYER_MAPPING_KEYS: Readonly<Record<LayerName, readonly (keyof LayerMapping)[]>> = {
  districts: ['id', 'name', 'naturalZone', 'synthetic'],
  settlements: ['id', 'name', 'population', 'synthetic', 'lon', 'lat'],
  facilities: ['id', 'name', 'kind', 'fixedKind', 'capacity', 'synthetic', 'lon', 'lat'],
  roads: ['id', 'name', 'class', 'speedKmh', 'oneway', 'synthetic'],
  buildings: ['id', 'name', 'population', 'levels', 'height', 'synthetic'],
};

/** Collects problems with a common file/layer context. */
class ProblemList {
  readonly items: RegionProblem[] = [];
  error(file: string, code: RegionProblemCode, message: string, extra: Partial<RegionProblem> = {}): void {
    this.items.push({ severity: 'error', file, code, message, ...extra });
  }
  warning(file: string, code: RegionProblemCode, message: string, extra: Partial<RegionProblem> = {}): void {
    this.items.push({ severity: 'warning', file, code, message, ...extra });
  }
}

/** Resolves the effective limits. */
export function resolveLimits(options: RegionValidationOptions = {}): RegionLimits {
  return { ...DEFAULT_REGION_LIMITS, ...options.limits };
}

/**
 * Decodes bytes as UTF-8 (strictly: invalid bytes are a problem, not replacement characters) and
 * parses JSON. Returns the value or the problem.
 */
export function parseJsonBytes(
  bytes: Uint8Array | string,
  file: string,
  layer?: LayerName,
): { value: unknown } | { problem: RegionProblem } {
  const decoded = decodeUtf8Text(bytes, file, layer, 'GeoJSON must be UTF-8, RFC 7946 §11');
  if ('problem' in decoded) return decoded;
  const text = decoded.text;
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    // One line: the parser's excerpt of the text may hold line breaks.
    const reason = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    return {
      problem: {
        severity: 'error',
        file,
        layer,
        code: 'not-json',
        message: `is not valid JSON (${reason})`,
      },
    };
  }
}

/** Checks a layer path: relative, no URL scheme, and not escaping the region folder. */
export function checkLayerPath(path: string): string | undefined {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(path) || path.startsWith('/') || path.startsWith('\\')) {
    return `layer path ${quoteName(path)} must be relative to the region folder`;
  }
  let depth = 0;
  for (const segment of path.split(/[\\/]+/)) {
    if (segment === '..') depth--;
    else if (segment !== '.' && segment !== '') depth++;
    if (depth < 0) return `layer path ${quoteName(path)} leaves the region folder`;
  }
  return undefined;
}

/** Validates the manifest's shape. Returns the manifest when usable, with the problems found. */
export function validateManifest(
  value: unknown,
  file: string,
): { manifest?: RegionManifest; problems: RegionProblem[] } {
  const list = new ProblemList();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    list.error(file, 'manifest-invalid', 'must be a JSON object');
    return { problems: list.items };
  }
  const m = value as Record<string, unknown>;
  if (m.schema !== REGION_SCHEMA) {
    list.error(file, 'manifest-invalid', `"schema" must be "${REGION_SCHEMA}" (found ${describeValue(m.schema)})`);
  }
  for (const key of ['id', 'name'] as const) {
    if (typeof m[key] !== 'string' || (m[key] as string).trim() === '') {
      list.error(file, 'manifest-invalid', `"${key}" must be a non-empty string`);
    }
  }
  if (m.allowMissingPopulation !== undefined && typeof m.allowMissingPopulation !== 'boolean') {
    list.error(file, 'manifest-invalid', '"allowMissingPopulation" must be true or false');
  }
  if (
    m.attribution !== undefined &&
    !(Array.isArray(m.attribution) && m.attribution.every((a) => typeof a === 'string'))
  ) {
    list.error(file, 'manifest-invalid', '"attribution" must be an array of strings');
  }
  const layers = m.layers;
  if (layers === null || typeof layers !== 'object' || Array.isArray(layers)) {
    list.error(file, 'manifest-invalid', '"layers" must be an object naming the layer files');
    return { problems: list.items };
  }
  for (const name of Object.keys(layers)) {
    if (!(LAYER_NAMES as readonly string[]).includes(name)) {
      list.error(file, 'manifest-invalid', `unknown layer ${quoteName(name)} (known: ${LAYER_NAMES.join(', ')})`);
      continue;
    }
    const layer = name as LayerName;
    const mapping = (layers as Record<string, unknown>)[name];
    if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) {
      list.error(file, 'manifest-invalid', `layer "${name}" must be an object with a "path"`, { layer });
      continue;
    }
    const map = mapping as Record<string, unknown>;
    if (typeof map.path !== 'string' || map.path === '') {
      list.error(file, 'manifest-invalid', `layer "${name}" needs a "path" string`, { layer });
    } else {
      const pathProblem = checkLayerPath(map.path);
      if (pathProblem) list.error(file, 'path-outside-region', pathProblem, { layer });
    }
    if (typeof map.path === 'string') {
      const csvProblem = checkCsvMapping(name as LayerName, map);
      if (csvProblem) list.error(file, 'manifest-invalid', csvProblem, { layer });
    }
    for (const key of Object.keys(map)) {
      if (key === 'path') continue;
      if (!(LAYER_MAPPING_KEYS[layer] as readonly string[]).includes(key)) {
        list.error(
          file,
          'manifest-invalid',
          `layer "${name}" has an unknown mapping key ${quoteName(key)} (known: ${LAYER_MAPPING_KEYS[layer].join(', ')})`,
          { layer },
        );
      } else if (typeof map[key] !== 'string' || map[key] === '') {
        list.error(file, 'manifest-invalid', `layer "${name}" mapping "${key}" must be a property name (a string)`, {
          layer,
        });
      }
    }
  }
  const l = layers as Record<string, unknown>;
  if (!l.districts) list.error(file, 'layer-missing', 'a "districts" layer is required');
  if (!l.settlements && !l.buildings) {
    list.error(file, 'layer-missing', 'a demand layer is required: "settlements" or "buildings"');
  }
  const settlements = l.settlements as Record<string, unknown> | undefined;
  if (settlements && typeof settlements === 'object' && settlements.population === undefined) {
    list.error(file, 'manifest-invalid', 'layer "settlements" must map "population" to a property', {
      layer: 'settlements',
    });
  }
  const facilities = l.facilities as Record<string, unknown> | undefined;
  if (facilities && typeof facilities === 'object' && !facilities.kind && !facilities.fixedKind) {
    list.error(file, 'manifest-invalid', 'layer "facilities" must map "kind" to a property or set "fixedKind"', {
      layer: 'facilities',
    });
  }
  if (list.items.some((p) => p.severity === 'error')) return { problems: list.items };
  return { manifest: value as RegionManifest, problems: list.items };
}

/**
 * A CSV layer (path ending `.csv`) must be a layer of points and map both `lon` and `lat` to
 * columns; `lon`/`lat` mean nothing for a GeoJSON layer. Returns the problem, if any.
 */
function checkCsvMapping(layer: LayerName, map: Record<string, unknown>): string | undefined {
  if (isCsvLayerPath(map.path as string)) {
    if (!CSV_LAYERS.includes(layer)) {
      return `layer "${layer}" cannot be a CSV file (only ${CSV_LAYERS.join(' and ')} can: points with lon/lat columns)`;
    }
    if (map.lon === undefined || map.lat === undefined) {
      return `layer "${layer}" is a CSV file: map "lon" and "lat" to its longitude and latitude columns`;
    }
  } else if (map.lon !== undefined || map.lat !== undefined) {
    return `layer "${layer}": "lon" and "lat" apply to CSV layers only (GeoJSON carries its own geometry)`;
  }
  return undefined;
}

/** Counters shared across one layer's features so that limits apply to the whole layer. */
interface LayerWalk {
  vertices: number;
  vertexLimitReported: boolean;
}

/**
 * Validates one layer's parsed JSON. Reports every problem; returns the FeatureCollection when it
 * has the right shape (features with problems are kept in it, the problems decide).
 */
export function validateLayer(
  value: unknown,
  layer: LayerName,
  mapping: LayerMapping,
  options: RegionValidationOptions = {},
): { collection?: FeatureCollection; problems: RegionProblem[] } {
  const file = mapping.path;
  const list = new ProblemList();
  const limits = resolveLimits(options);
  const fc = value as { type?: unknown; features?: unknown };
  if (fc === null || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    list.error(
      file,
      'not-feature-collection',
      'is not a GeoJSON FeatureCollection (needs "type": "FeatureCollection" and a "features" array)',
      {
        layer,
      },
    );
    return { problems: list.items };
  }
  const features = fc.features as unknown[];
  if (features.length > limits.maxFeatures) {
    list.error(
      file,
      'too-many-features',
      `has ${features.length} features, more than the limit of ${limits.maxFeatures} (raise limits.maxFeatures, CLI --max-features)`,
      { layer },
    );
    return { problems: list.items };
  }
  if (features.length === 0) {
    const required = layer === 'districts' || layer === 'settlements';
    (required ? list.error : list.warning).call(list, file, 'empty-layer', 'has no features', { layer });
  }
  const walk: LayerWalk = { vertices: 0, vertexLimitReported: false };
  const seenIds = new Map<string, number>();
  const expected = LAYER_GEOMETRY_TYPES[layer];
  for (let i = 0; i < features.length; i++) {
    const feature = features[i] as Feature | null;
    const featureId = readFeatureId(feature, mapping.id);
    const at = { layer, featureIndex: i, featureId };
    if (feature === null || typeof feature !== 'object' || feature.type !== 'Feature') {
      list.error(file, 'feature-invalid', 'is not a GeoJSON Feature', at);
      continue;
    }
    if (feature.properties !== null && feature.properties !== undefined && typeof feature.properties !== 'object') {
      list.error(file, 'feature-invalid', '"properties" must be an object or null', at);
    }
    const geometry = feature.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (geometry === null || typeof geometry !== 'object') {
      list.error(file, 'geometry-type', `has no geometry (expected ${expected.join(' or ')})`, at);
    } else if (typeof geometry.type !== 'string' || !expected.includes(geometry.type)) {
      list.error(
        file,
        'geometry-type',
        `has geometry type ${describeValue(geometry.type)}; the ${layer} layer needs ${expected.join(' or ')}`,
        at,
      );
    } else {
      checkCoordinates(geometry.type, geometry.coordinates, list, file, at, walk, limits, options);
      if (walk.vertices > limits.maxVertices) {
        if (!walk.vertexLimitReported) {
          walk.vertexLimitReported = true;
          list.error(
            file,
            'too-many-vertices',
            `has more than ${limits.maxVertices} coordinate positions (raise limits.maxVertices, CLI --max-vertices)`,
            { layer },
          );
        }
        break;
      }
    }
    const badId = invalidIdValue(feature, mapping.id);
    if (badId !== undefined) {
      list.error(
        file,
        'feature-invalid',
        `${badId.where} ${describeValue(badId.value)}, which is not a string or a number`,
        at,
      );
    }
    if (featureId !== undefined) {
      const first = seenIds.get(featureId);
      if (first !== undefined) {
        list.error(
          file,
          'duplicate-id',
          `id ${describeValue(featureId)} is used again (first by feature #${first})`,
          at,
        );
      } else seenIds.set(featureId, i);
    }
    if (layer === 'settlements' || (layer === 'buildings' && mapping.population)) {
      checkPopulation(feature.properties, mapping.population, list, file, at, options);
    }
  }
  checkMappedPropertiesExist(features, layer, mapping, list, file);
  return { collection: value as FeatureCollection, problems: list.items };
}

/** The feature's id value when it is present but neither a string nor a finite number (an object, an array, true…). */
function invalidIdValue(
  feature: Feature,
  idProperty: string | undefined,
): { where: string; value: unknown } | undefined {
  const ok = (v: unknown) =>
    v === undefined || v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  const mapped = readOwnProperty(feature.properties, idProperty);
  if (!ok(mapped)) return { where: `id property ${quoteName(idProperty!)} holds`, value: mapped };
  const own = (feature as { id?: unknown }).id;
  if (mapped === undefined && !ok(own)) return { where: 'id member holds', value: own };
  return undefined;
}

function checkPopulation(
  properties: unknown,
  property: string | undefined,
  list: ProblemList,
  file: string,
  at: Partial<RegionProblem>,
  options: RegionValidationOptions,
): void {
  if (!property) return;
  const reading = readNumber(readOwnProperty(properties, property));
  if (reading.kind === 'missing') {
    const message = `has no population (property ${quoteName(property)})`;
    if (options.allowMissingPopulation) list.warning(file, 'population-missing', message + '; counted as 0 people', at);
    else list.error(file, 'population-missing', message + ' (use --allow-missing-population to count it as 0)', at);
  } else if (reading.kind === 'invalid') {
    list.error(file, 'population-invalid', `population ${describeValue(reading.raw)} is not a number`, at);
  } else if (reading.value < 0) {
    list.error(file, 'population-invalid', `population ${reading.value} is negative`, at);
  } else if (reading.value > MAX_POPULATION) {
    // A typo or a unit mix-up (1e308 from a broken export): sums would overflow to Infinity.
    list.error(
      file,
      'population-invalid',
      `population ${reading.value} is implausibly large (more than ${MAX_POPULATION.toLocaleString('en-US')} people)`,
      at,
    );
  }
}

function checkMappedPropertiesExist(
  features: unknown[],
  layer: LayerName,
  mapping: LayerMapping,
  list: ProblemList,
  file: string,
): void {
  if (features.length === 0) return;
  for (const key of LAYER_MAPPING_KEYS[layer]) {
    // fixedKind is a value, not a property; CSV lon/lat columns are checked against the header.
    if (key === 'fixedKind' || key === 'lon' || key === 'lat') continue;
    const property = mapping[key];
    if (typeof property !== 'string') continue;
    const found = features.some(
      (f) => readOwnProperty((f as { properties?: unknown } | null)?.properties, property) !== undefined,
    );
    // An id may also live in the feature's own `id` member.
    const foundAsId = key === 'id' && features.some((f) => (f as { id?: unknown } | null)?.id !== undefined);
    if (!found && !foundAsId) {
      list.error(
        file,
        'mapping-unknown-property',
        `mapping "${key}" names property ${quoteName(property)}, which no feature has`,
        { layer },
      );
    }
  }
}

/** Per-feature summary of coordinate problems (reported once per feature, not per vertex). */
interface CoordinateTally {
  notFinite: number;
  outOfRange: number;
  swapped: number;
  malformed: number;
  first?: string;
}

function checkCoordinates(
  type: string,
  coordinates: unknown,
  list: ProblemList,
  file: string,
  at: Partial<RegionProblem>,
  walk: LayerWalk,
  limits: RegionLimits,
  options: RegionValidationOptions,
): void {
  const tally: CoordinateTally = { notFinite: 0, outOfRange: 0, swapped: 0, malformed: 0 };
  const layerVerticesBefore = walk.vertices;
  /** Past a limit nothing more of this feature is read (nor checked for self-intersections). */
  const overLimit = () =>
    walk.vertices > limits.maxVertices || walk.vertices - layerVerticesBefore > limits.maxVerticesPerFeature;
  const visitPosition = (p: unknown, where: string): boolean => {
    walk.vertices++;
    if (!Array.isArray(p) || p.length < 2) {
      tally.malformed++;
      tally.first ??= where;
      return false;
    }
    const [lon, lat] = p as unknown[];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      tally.notFinite++;
      tally.first ??= `${where} ${describeValue([lon, lat])}`;
      return false;
    }
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      if (Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lon) <= 90) tally.swapped++;
      else tally.outOfRange++;
      tally.first ??= `${where} ${describeValue([lon, lat])}`;
      return false;
    }
    return true;
  };
  const visitLine = (line: unknown, where: string, minLength: number): boolean => {
    if (!Array.isArray(line)) {
      tally.malformed++;
      tally.first ??= where;
      return false;
    }
    let ok = true;
    for (let i = 0; i < line.length; i++) {
      if (overLimit()) return false;
      ok = visitPosition(line[i], `${where} vertex ${i}`) && ok;
    }
    if (line.length < minLength) {
      list.error(
        file,
        minLength >= 4 ? 'ring-too-short' : 'feature-invalid',
        `${where} has ${line.length} positions, needs at least ${minLength}`,
        at,
      );
      return false;
    }
    return ok;
  };
  const visitPolygon = (polygon: unknown, where: string): void => {
    if (!Array.isArray(polygon) || polygon.length === 0) {
      list.error(file, 'feature-invalid', `${where} has no rings`, at);
      return;
    }
    let ringsOk = true;
    polygon.forEach((ring, r) => {
      const ringWhere = `${where}ring ${r}`;
      if (!visitLine(ring, ringWhere, 4)) {
        ringsOk = false;
        return;
      }
      const first = (ring as number[][])[0];
      const last = (ring as number[][])[(ring as number[][]).length - 1];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        ringsOk = false;
        list.error(
          file,
          'ring-not-closed',
          `${ringWhere} is not closed: first position ${describeValue(first)} differs from last ${describeValue(last)}`,
          at,
        );
      }
    });
    if (ringsOk && !overLimit() && !options.skipSelfIntersection) {
      const rings = (polygon as Position[][]).map(dropRepeatedPositions);
      // A sweep, O((n + k) log n): a quadratic pairwise test takes minutes on a 100,000-vertex boundary.
      const crossings = findIntersections({ type: 'Polygon', coordinates: rings } as Polygon);
      if (crossings.length > 0) {
        const c = crossings[0];
        list.error(
          file,
          'self-intersection',
          `${where || 'polygon '}intersects itself (${crossings.length} crossing${crossings.length === 1 ? '' : 's'}, first near ${c[0].toFixed(5)}, ${c[1].toFixed(5)})`,
          at,
        );
      }
    }
  };
  switch (type) {
    case 'Point':
      visitPosition(coordinates, 'position');
      break;
    case 'LineString':
      visitLine(coordinates, 'line', 2);
      break;
    case 'MultiLineString':
      if (!Array.isArray(coordinates)) tally.malformed++;
      else coordinates.forEach((line, i) => visitLine(line, `line ${i}`, 2));
      break;
    case 'Polygon':
      visitPolygon(coordinates, '');
      break;
    case 'MultiPolygon':
      if (!Array.isArray(coordinates)) tally.malformed++;
      else coordinates.forEach((polygon, i) => visitPolygon(polygon, `polygon ${i} `));
      break;
  }
  const featureVertices = walk.vertices - layerVerticesBefore;
  if (featureVertices > limits.maxVerticesPerFeature) {
    list.error(
      file,
      'too-many-vertices',
      `has more than ${limits.maxVerticesPerFeature} coordinate positions in one feature (raise limits.maxVerticesPerFeature, CLI --max-feature-vertices; or simplify the geometry)`,
      at,
    );
  }
  if (tally.malformed) {
    list.error(
      file,
      'feature-invalid',
      `has malformed coordinates (${tally.malformed}, first at ${tally.first ?? 'the top'})`,
      at,
    );
  }
  if (tally.notFinite) {
    list.error(
      file,
      'coordinate-not-finite',
      `has ${tally.notFinite} coordinate(s) that are not finite numbers (first: ${tally.first})`,
      at,
    );
  }
  if (tally.swapped) {
    list.error(
      file,
      'coordinates-swapped',
      `has ${tally.swapped} position(s) with latitude beyond ±90° but a valid longitude as latitude: lon/lat look swapped (GeoJSON is [lon, lat]; first: ${tally.first})`,
      at,
    );
  }
  if (tally.outOfRange) {
    list.error(
      file,
      'coordinate-out-of-range',
      `has ${tally.outOfRange} position(s) outside lon −180…180 / lat −90…90 (first: ${tally.first})`,
      at,
    );
  }
}

/**
 * The ring without consecutive repeated positions (common in real data after rounding): turf.kinks
 * reports the zero-length edge of a repeated position as a crossing.
 */
function dropRepeatedPositions(ring: Position[]): Position[] {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
}

/**
 * Cross-layer checks once the districts are valid: points of settlements, facilities and
 * buildings must fall inside some district; a point outside whose swapped coordinates fall inside
 * is reported as swapped lon/lat. A district where both settlements and buildings carry people
 * gets a `population-in-two-layers` warning: villages as points and a town by building is fine,
 * the same residents in both is not, and only the region's author can tell. `skip(layer, i)`
 * leaves out features whose geometry was already rejected.
 */
export function validateAgainstDistricts(
  districts: FeatureCollection,
  layers: Partial<Record<LayerName, FeatureCollection>>,
  manifest: RegionManifest,
  skip: (layer: LayerName, featureIndex: number) => boolean = () => false,
): RegionProblem[] {
  const list = new ProblemList();
  const polygons = districts.features.map((f) => polygonsOf(f.geometry));
  const table = buildPolygonTable(polygons, { centerLon: 0, centerLat: 0 });
  const grid = buildDistrictGrid(table);
  const scratch = new Uint8Array(Math.max(1, table.count));
  // People by district and layer, to notice residents counted in both settlements and buildings.
  const people = { settlements: new Float64Array(table.count), buildings: new Float64Array(table.count) };
  const carriers = { settlements: new Int32Array(table.count), buildings: new Int32Array(table.count) };
  for (const layer of ['settlements', 'facilities', 'buildings'] as const) {
    const collection = layers[layer];
    const mapping = manifest.layers[layer];
    if (!collection || !mapping) continue;
    collection.features.forEach((feature, i) => {
      if (skip(layer, i)) return;
      const point = representativePoint(feature);
      if (!point) return;
      const district = locateDistrict(grid, point[0], point[1], scratch);
      if (district >= 0) {
        if (layer !== 'facilities' && mapping.population) {
          const reading = readNumber(readOwnProperty(feature.properties, mapping.population));
          if (reading.kind === 'ok' && reading.value > 0) {
            people[layer][district] += reading.value;
            carriers[layer][district]++;
          }
        }
        return;
      }
      const at = { layer, featureIndex: i, featureId: readFeatureId(feature, mapping.id) };
      if (locateDistrict(grid, point[1], point[0], scratch) >= 0) {
        list.error(
          mapping.path,
          'coordinates-swapped',
          `position ${point[0]}, ${point[1]} is outside every district, but ${point[1]}, ${point[0]} is inside: lon/lat look swapped (GeoJSON is [lon, lat])`,
          at,
        );
      } else {
        list.error(
          mapping.path,
          'outside-districts',
          `position ${point[0].toFixed(5)}, ${point[1].toFixed(5)} is outside every district`,
          at,
        );
      }
    });
  }
  const districtsMapping = manifest.layers.districts;
  for (let d = 0; d < table.count; d++) {
    if (carriers.settlements[d] === 0 || carriers.buildings[d] === 0) continue;
    const districtId = readFeatureId(districts.features[d], districtsMapping?.id) ?? `#${d}`;
    list.warning(
      districtsMapping?.path ?? 'districts',
      'population-in-two-layers',
      `district ${quoteName(districtId)}: ${carriers.settlements[d]} settlement(s) with ${Math.round(people.settlements[d])} people and ${carriers.buildings[d]} building(s) with ${Math.round(people.buildings[d])} people both count residents; if they are the same people they are counted twice (keep population in one layer there)`,
      { layer: 'districts', featureIndex: d, featureId: districtId },
    );
  }
  return list.items;
}
