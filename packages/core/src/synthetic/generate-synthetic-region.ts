import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, LineString, Point, Polygon, Position } from 'geojson';
import { REGION_SCHEMA, type LayerMapping, type LayerName, type RegionManifest } from '../region/region-manifest.js';
import { EARTH_RADIUS_METERS } from '../geo/haversine.js';
import { createSeededRandom, deriveSeed, randomInt, randomNormal } from '../random/seeded-random.js';

/**
 * Synthetic regions: small, seeded, fully labelled test territories. Real data for the ~700
 * villages, the roads and the buildings of Kostanay oblast could not be obtained, so tests,
 * benchmarks and examples that need them use a region generated here from documented rules and a
 * seed. Everything generated says so: the manifest id starts with `synthetic-`, every file name
 * starts with `synthetic-`, and every feature carries `"synthetic": true` (mapped by the
 * manifest's `synthetic` key, so the compiled model flags it too).
 */

/** Options of {@link generateSyntheticRegion}. Every field is optional; defaults in {@link DEFAULT_SYNTHETIC_REGION_OPTIONS}. */
export interface SyntheticRegionOptions {
  /** Seed of the random streams: the same options give the same region, byte for byte. @default 1 */
  seed?: number;
  /** Longitude of the south-west corner of the district grid, degrees. @default 63.6 (Kostanay) */
  originLon?: number;
  /** Latitude of the south-west corner of the district grid, degrees. @default 53.2 (Kostanay) */
  originLat?: number;
  /** Number of district columns (west → east). @default 2 */
  districtColumns?: number;
  /** Number of district rows (south → north). @default 2 */
  districtRows?: number;
  /**
   * Side of each district, km. Districts are lon/lat rectangles of this height; their width in
   * degrees is scaled by 1/cos(latitude of the grid's centre) so that they are about square on
   * the ground. @default 20
   */
  districtSizeKm?: number;
  /** Villages per district, besides its one town. @default 5 */
  villagesPerDistrict?: number;
  /** Median population of a district's town, people. @default 8000 */
  townPopulationMedian?: number;
  /** Median population of a village, people. @default 300 */
  villagePopulationMedian?: number;
  /**
   * Standard deviation of ln(population) around the medians: populations are log-normal,
   * `round(median · exp(σ · z))` with z standard normal. @default 0.8
   */
  populationLogSigma?: number;
  /** Every population is clamped to [min, max], people. @default [20, 250000] */
  populationRange?: [number, number];
  /**
   * Facilities per district by kind (the kind goes to the `amenity` property). The first of each
   * kind is at the town, the next ones at the villages in order of decreasing population.
   * @default { school: 2, clinic: 1 }
   */
  facilities?: Record<string, number>;
  /**
   * Generate a road network: a `primary` road between the towns of neighbouring districts (a grid),
   * and from each village a straight link to the nearest primary-network node — `secondary` for
   * villages of at least {@link SECONDARY_LINK_MIN_POPULATION} people, else `tertiary`. Roads that
   * join share the joining vertex exactly, so the graph is connected. @default true
   */
  roads?: boolean;
  /** Primary roads get a vertex (a road node) at least every this many km. @default 5 */
  roadNodeSpacingKm?: number;
  /**
   * Number of building footprints (rotated rectangles 8–20 m × 8–15 m) in the whole region, placed
   * around settlements with probability proportional to population. Buildings carry
   * `building:levels` but no population, so they do not add demand. @default 0
   */
  buildings?: number;
}

/** The defaults of {@link SyntheticRegionOptions}: one object, the single source of defaults. */
export const DEFAULT_SYNTHETIC_REGION_OPTIONS: Readonly<Required<SyntheticRegionOptions>> = Object.freeze({
  seed: 1,
  originLon: 63.6,
  originLat: 53.2,
  districtColumns: 2,
  districtRows: 2,
  districtSizeKm: 20,
  villagesPerDistrict: 5,
  townPopulationMedian: 8000,
  villagePopulationMedian: 300,
  populationLogSigma: 0.8,
  populationRange: [20, 250_000] as [number, number],
  facilities: { school: 2, clinic: 1 },
  roads: true,
  roadNodeSpacingKm: 5,
  buildings: 0,
});

/** A village link is `secondary` from this population up, else `tertiary`, people. */
export const SECONDARY_LINK_MIN_POPULATION = 1000;

/** A generated region: its manifest and its layer files keyed by the manifest's paths. */
export interface SyntheticRegion {
  manifest: RegionManifest;
  files: Record<string, FeatureCollection>;
}

/** File names of the synthetic layers (all start with `synthetic-`). */
export const SYNTHETIC_FILE_NAMES: Readonly<Record<LayerName, string>> = Object.freeze({
  districts: 'synthetic-districts.geojson',
  settlements: 'synthetic-settlements.geojson',
  buildings: 'synthetic-buildings.geojson',
  facilities: 'synthetic-facilities.geojson',
  roads: 'synthetic-roads.geojson',
});

/** The property names the synthetic layers use, as a manifest maps them. */
const SYNTHETIC_MAPPINGS: Readonly<Record<LayerName, Omit<LayerMapping, 'path'>>> = {
  districts: { id: 'code', name: 'name', naturalZone: 'natural_zone', synthetic: 'synthetic' },
  settlements: { id: 'id', name: 'name', population: 'population', synthetic: 'synthetic' },
  buildings: { id: 'id', levels: 'building:levels', synthetic: 'synthetic' },
  facilities: { id: 'id', name: 'name', kind: 'amenity', synthetic: 'synthetic' },
  roads: { id: 'id', name: 'name', class: 'highway', synthetic: 'synthetic' },
};

/** Coordinates are rounded to 1e-6° (≈0.1 m): compact files, exact shared vertices. */
const COORDINATE_STEPS_PER_DEGREE = 1e6;
/** Points keep this fraction of the district's width and height away from its edges. */
const EDGE_MARGIN_FRACTION = 0.05;
/** A town lies within this fraction of the district's size from its centre. */
const TOWN_OFFSET_FRACTION = 0.1;
/** A facility lies within this fraction of the district's size from its settlement. */
const FACILITY_OFFSET_FRACTION = 0.01;
/** Buildings of a settlement of P people lie within this many metres × √P of it. */
const BUILDING_SPREAD_METERS_PER_SQRT_PERSON = 15;
/** Natural zones by latitude band, north to south (as in Kostanay oblast). */
const NATURAL_ZONES = ['Steppe', 'Dry steppe', 'Semi-desert'] as const;
const METERS_PER_DEGREE = (EARTH_RADIUS_METERS * Math.PI) / 180;
const RADIANS_PER_DEGREE = Math.PI / 180;

/** Random streams, one per part, so that e.g. adding buildings leaves settlements unchanged. */
const STREAM_SETTLEMENTS = 0;
const STREAM_FACILITIES = 1;
const STREAM_BUILDINGS = 2;

/** One district's rectangle and the inner rectangle where its points go. */
interface DistrictBox {
  code: string;
  name: string;
  west: number;
  east: number;
  south: number;
  north: number;
  coreWest: number;
  coreEast: number;
  coreSouth: number;
  coreNorth: number;
}

/** Settlements as parallel arrays (100,000 of them must be cheap). */
interface SettlementColumns {
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  district: Int32Array;
  ids: string[];
  names: string[];
  isTown: Uint8Array;
}

/**
 * Generates a seeded synthetic region: `districtColumns × districtRows` rectangular districts
 * (counter-clockwise rings; neighbours share their edges exactly), one town and
 * `villagesPerDistrict` villages in each (log-normal populations, every point strictly inside its
 * district, at least 5 % of the district's size from its edges), facilities per district, an
 * optional connected road network and optional building footprints.
 *
 * Fast enough for large tests: 100,000 demand points (villagesPerDistrict 25,000 on the default
 * grid, no roads) take well under a second.
 *
 * @throws {RangeError} for options out of range (non-integer counts, a grid beyond ±85° latitude…).
 */
export function generateSyntheticRegion(options: SyntheticRegionOptions = {}): SyntheticRegion {
  const o = resolveOptions(options);
  const columns = o.districtColumns;
  const rows = o.districtRows;
  const latStep = (o.districtSizeKm * 1000) / METERS_PER_DEGREE;
  const centerLat = o.originLat + (rows * latStep) / 2;
  const lonStep = latStep / Math.cos(centerLat * RADIANS_PER_DEGREE);
  const metersPerDegreeLon = METERS_PER_DEGREE * Math.cos(centerLat * RADIANS_PER_DEGREE);
  // Grid lines are computed once and shared, so neighbouring districts have identical edge vertices.
  const lons = Array.from({ length: columns + 1 }, (_, c) => roundCoordinate(o.originLon + c * lonStep));
  const lats = Array.from({ length: rows + 1 }, (_, r) => roundCoordinate(o.originLat + r * latStep));
  if (lats[rows] > 85 || lons[columns] > 180) {
    throw new RangeError(
      `the district grid reaches ${lons[columns]}°, ${lats[rows]}°: keep it within 180° longitude and 85° latitude`,
    );
  }

  const boxes: DistrictBox[] = [];
  const districtFeatures: Feature<Polygon>[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const d = r * columns + c;
      const box = districtBox(`d${d + 1}`, `Synthetic district ${d + 1}`, lons[c], lons[c + 1], lats[r], lats[r + 1]);
      boxes.push(box);
      const zone = NATURAL_ZONES[Math.floor(((rows - 1 - r) * NATURAL_ZONES.length) / rows)];
      districtFeatures.push(districtFeature(box, zone));
    }
  }

  const settlements = generateSettlements(o, boxes);
  const settlementFeatures = settlementsToFeatures(settlements, boxes);
  const files: Record<string, FeatureCollection> = {
    [SYNTHETIC_FILE_NAMES.districts]: collection(districtFeatures),
    [SYNTHETIC_FILE_NAMES.settlements]: collection(settlementFeatures),
  };
  const layers: LayerName[] = ['districts', 'settlements'];

  const facilityFeatures = generateFacilities(o, boxes, settlements);
  if (facilityFeatures.length > 0) {
    files[SYNTHETIC_FILE_NAMES.facilities] = collection(facilityFeatures);
    layers.push('facilities');
  }
  if (o.roads) {
    const roadFeatures = generateRoads(o, boxes, settlements, metersPerDegreeLon);
    if (roadFeatures.length > 0) {
      files[SYNTHETIC_FILE_NAMES.roads] = collection(roadFeatures);
      layers.push('roads');
    }
  }
  if (o.buildings > 0) {
    files[SYNTHETIC_FILE_NAMES.buildings] = collection(generateBuildings(o, boxes, settlements, metersPerDegreeLon));
    layers.push('buildings');
  }

  const manifest = syntheticManifest(
    `synthetic-${columns}x${rows}-seed-${o.seed}`,
    `Synthetic region, ${columns}×${rows} districts (seed ${o.seed})`,
    layers,
    [
      'Every feature is synthetic ("synthetic": true): positions, populations, facilities, roads and buildings follow the documented rules of generateSyntheticRegion and a seed; nothing is observed.',
      `Generated by generateSyntheticRegion(${JSON.stringify(o)}).`,
    ],
  );
  return { manifest, files };
}

/**
 * A tiny fixed region whose numbers a person can work out on paper. It lies on the equator, where
 * one degree of longitude or latitude is the same great-circle distance, 2π × 6,371,008.8 m / 360
 * = 111,195.08 m, so every haversine distance below is a multiple of it.
 *
 * | feature   | kind                | lon, lat     | district | population |
 * |-----------|---------------------|--------------|----------|-----------:|
 * | west      | district            | 10…11, ±0.5  |          |            |
 * | east      | district            | 11…12, ±0.5  |          |            |
 * | w-town    | settlement          | 10.50, 0.00  | west     |      1,000 |
 * | w-village | settlement          | 10.25, 0.25  | west     |        200 |
 * | e-town    | settlement          | 11.50, 0.00  | east     |      3,000 |
 * | e-village | settlement          | 11.75, −0.25 | east     |        500 |
 * | school-1  | facility (school)   | 10.25, 0.00  | west     |            |
 * | clinic-1  | facility (clinic)   | 11.75, 0.00  | east     |            |
 * | road-1    | primary road        | 10.5,0 → 11.5,0 |       |            |
 *
 * Totals: west 1,200 people, east 3,500, region 4,700 (4 demand points, 2 facilities).
 * Distances (haversine, R = 6,371,008.8 m): w-village → school-1 = 0.25° = 27,798.77 m;
 * e-village → clinic-1 = 0.25° = 27,798.77 m; e-town → clinic-1 = 0.25° = 27,798.77 m.
 * road-1: one straight segment, 1.00° of the equator = 111,195.08 m; 2 nodes, 2 directed edges;
 * at the primary-road speed of 80 km/h (22.222 m/s) each edge takes 111,195.08 / 22.222… =
 * 5,003.78 s (83.40 min).
 */
export function generateHandRegion(): SyntheticRegion {
  const district = (code: string, name: string, west: number, east: number): Feature<Polygon> => ({
    type: 'Feature',
    properties: { code, name, natural_zone: 'Steppe', synthetic: true },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, -0.5],
          [east, -0.5],
          [east, 0.5],
          [west, 0.5],
          [west, -0.5],
        ],
      ],
    },
  });
  const point = (properties: Record<string, unknown>, lon: number, lat: number): Feature<Point> => ({
    type: 'Feature',
    properties: { ...properties, synthetic: true },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  });
  const files: Record<string, FeatureCollection> = {
    [SYNTHETIC_FILE_NAMES.districts]: collection([
      district('west', 'West district', 10, 11),
      district('east', 'East district', 11, 12),
    ]),
    [SYNTHETIC_FILE_NAMES.settlements]: collection([
      point({ id: 'w-town', name: 'West town', population: 1000 }, 10.5, 0),
      point({ id: 'w-village', name: 'West village', population: 200 }, 10.25, 0.25),
      point({ id: 'e-town', name: 'East town', population: 3000 }, 11.5, 0),
      point({ id: 'e-village', name: 'East village', population: 500 }, 11.75, -0.25),
    ]),
    [SYNTHETIC_FILE_NAMES.facilities]: collection([
      point({ id: 'school-1', name: 'West school', amenity: 'school' }, 10.25, 0),
      point({ id: 'clinic-1', name: 'East clinic', amenity: 'clinic' }, 11.75, 0),
    ]),
    [SYNTHETIC_FILE_NAMES.roads]: collection([
      {
        type: 'Feature',
        properties: { id: 'road-1', name: 'Equator road', highway: 'primary', synthetic: true },
        geometry: {
          type: 'LineString',
          coordinates: [
            [10.5, 0],
            [11.5, 0],
          ],
        },
      },
    ]),
  };
  const manifest = syntheticManifest(
    'synthetic-hand',
    'Synthetic hand-checkable region (2 districts on the equator)',
    ['districts', 'settlements', 'facilities', 'roads'],
    [
      'Every feature is synthetic ("synthetic": true). A fixed region whose expected numbers are worked out by hand in the TSDoc of generateHandRegion.',
    ],
  );
  return { manifest, files };
}

function resolveOptions(options: SyntheticRegionOptions): Required<SyntheticRegionOptions> {
  const o: Required<SyntheticRegionOptions> = { ...DEFAULT_SYNTHETIC_REGION_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof SyntheticRegionOptions, unknown][]) {
    if (value !== undefined) (o as Record<string, unknown>)[key] = value;
  }
  const integer = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min)
      throw new RangeError(`${name} must be an integer ≥ ${min} (got ${value})`);
  };
  const finite = (name: string, value: number, min: number, max: number) => {
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new RangeError(`${name} must be a number in [${min}, ${max}] (got ${value})`);
    }
  };
  integer('seed', o.seed, -(2 ** 31));
  finite('originLon', o.originLon, -180, 180);
  finite('originLat', o.originLat, -85, 85);
  integer('districtColumns', o.districtColumns, 1);
  integer('districtRows', o.districtRows, 1);
  finite('districtSizeKm', o.districtSizeKm, 0.1, 1000);
  integer('villagesPerDistrict', o.villagesPerDistrict, 0);
  finite('townPopulationMedian', o.townPopulationMedian, 0, 1e8);
  finite('villagePopulationMedian', o.villagePopulationMedian, 0, 1e8);
  finite('populationLogSigma', o.populationLogSigma, 0, 10);
  const [minPopulation, maxPopulation] = o.populationRange;
  finite('populationRange[0]', minPopulation, 0, 1e8);
  finite('populationRange[1]', maxPopulation, minPopulation, 1e8);
  finite('roadNodeSpacingKm', o.roadNodeSpacingKm, 0.01, 1e4);
  integer('buildings', o.buildings, 0);
  for (const [kind, count] of Object.entries(o.facilities)) integer(`facilities.${kind}`, count, 0);
  return { ...o, populationRange: [minPopulation, maxPopulation], facilities: { ...o.facilities } };
}

/** Rounds to the 1e-6° grid (dividing by the integer scale gives the correctly rounded decimal); no −0. */
function roundCoordinate(degrees: number): number {
  const rounded = Math.round(degrees * COORDINATE_STEPS_PER_DEGREE) / COORDINATE_STEPS_PER_DEGREE;
  return rounded === 0 ? 0 : rounded;
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

function districtBox(
  code: string,
  name: string,
  west: number,
  east: number,
  south: number,
  north: number,
): DistrictBox {
  const marginLon = (east - west) * EDGE_MARGIN_FRACTION;
  const marginLat = (north - south) * EDGE_MARGIN_FRACTION;
  return {
    code,
    name,
    west,
    east,
    south,
    north,
    coreWest: west + marginLon,
    coreEast: east - marginLon,
    coreSouth: south + marginLat,
    coreNorth: north - marginLat,
  };
}

function districtFeature(box: DistrictBox, zone: string): Feature<Polygon> {
  return {
    type: 'Feature',
    properties: { code: box.code, name: box.name, natural_zone: zone, synthetic: true },
    geometry: {
      type: 'Polygon',
      // Counter-clockwise exterior ring (RFC 7946 §3.1.6): south-west, south-east, north-east, north-west.
      coordinates: [
        [
          [box.west, box.south],
          [box.east, box.south],
          [box.east, box.north],
          [box.west, box.north],
          [box.west, box.south],
        ],
      ],
    },
  };
}

/** A rounded point clamped into the district's core (rounding moves it ≤ 0.1 m; the margin is ≥ 5 m). */
function pointInCore(box: DistrictBox, lon: number, lat: number): [number, number] {
  return [
    roundCoordinate(clamp(lon, box.coreWest, box.coreEast)),
    roundCoordinate(clamp(lat, box.coreSouth, box.coreNorth)),
  ];
}

function generateSettlements(o: Required<SyntheticRegionOptions>, boxes: DistrictBox[]): SettlementColumns {
  const random = createSeededRandom(deriveSeed(o.seed, STREAM_SETTLEMENTS));
  const perDistrict = 1 + o.villagesPerDistrict;
  const count = boxes.length * perDistrict;
  const s: SettlementColumns = {
    lon: new Float64Array(count),
    lat: new Float64Array(count),
    population: new Float64Array(count),
    district: new Int32Array(count),
    ids: new Array<string>(count),
    names: new Array<string>(count),
    isTown: new Uint8Array(count),
  };
  const [minPopulation, maxPopulation] = o.populationRange;
  const drawPopulation = (median: number) =>
    clamp(Math.round(median * Math.exp(o.populationLogSigma * randomNormal(random))), minPopulation, maxPopulation);
  let i = 0;
  let village = 0;
  boxes.forEach((box, d) => {
    for (let k = 0; k < perDistrict; k++, i++) {
      const town = k === 0;
      let lon: number;
      let lat: number;
      if (town) {
        lon = (box.west + box.east) / 2 + (random() - 0.5) * 2 * TOWN_OFFSET_FRACTION * (box.east - box.west);
        lat = (box.south + box.north) / 2 + (random() - 0.5) * 2 * TOWN_OFFSET_FRACTION * (box.north - box.south);
      } else {
        lon = box.coreWest + random() * (box.coreEast - box.coreWest);
        lat = box.coreSouth + random() * (box.coreNorth - box.coreSouth);
      }
      [s.lon[i], s.lat[i]] = pointInCore(box, lon, lat);
      s.population[i] = drawPopulation(town ? o.townPopulationMedian : o.villagePopulationMedian);
      s.district[i] = d;
      s.isTown[i] = town ? 1 : 0;
      s.ids[i] = `s${i + 1}`;
      s.names[i] = town ? `Synthetic town ${d + 1}` : `Synthetic village ${++village}`;
    }
  });
  return s;
}

function settlementsToFeatures(s: SettlementColumns, boxes: DistrictBox[]): Feature<Point>[] {
  const features = new Array<Feature<Point>>(s.lon.length);
  for (let i = 0; i < features.length; i++) {
    features[i] = {
      type: 'Feature',
      properties: {
        id: s.ids[i],
        name: s.names[i],
        place: s.isTown[i] ? 'town' : 'village',
        population: s.population[i],
        district: boxes[s.district[i]].code,
        synthetic: true,
      },
      geometry: { type: 'Point', coordinates: [s.lon[i], s.lat[i]] },
    };
  }
  return features;
}

function generateFacilities(
  o: Required<SyntheticRegionOptions>,
  boxes: DistrictBox[],
  s: SettlementColumns,
): Feature<Point>[] {
  const random = createSeededRandom(deriveSeed(o.seed, STREAM_FACILITIES));
  const kinds = Object.entries(o.facilities).filter(([, count]) => count > 0);
  const features: Feature<Point>[] = [];
  if (kinds.length === 0) return features;
  const perDistrict = 1 + o.villagesPerDistrict;
  const numberByKind = new Map<string, number>();
  boxes.forEach((box, d) => {
    // Town first, then villages by decreasing population (ties by index): where services go first.
    const first = d * perDistrict;
    const villages = Array.from({ length: o.villagesPerDistrict }, (_, k) => first + 1 + k);
    villages.sort((a, b) => s.population[b] - s.population[a] || a - b);
    const candidates = [first, ...villages];
    for (const [kind, count] of kinds) {
      for (let k = 0; k < count; k++) {
        const at = candidates[k % candidates.length];
        const number = (numberByKind.get(kind) ?? 0) + 1;
        numberByKind.set(kind, number);
        const [lon, lat] = pointInCore(
          box,
          s.lon[at] + (random() - 0.5) * 2 * FACILITY_OFFSET_FRACTION * (box.east - box.west),
          s.lat[at] + (random() - 0.5) * 2 * FACILITY_OFFSET_FRACTION * (box.north - box.south),
        );
        features.push({
          type: 'Feature',
          properties: {
            id: `f${features.length + 1}`,
            name: `Synthetic ${kind} ${number}`,
            amenity: kind,
            district: box.code,
            settlement: s.ids[at],
            synthetic: true,
          },
          geometry: { type: 'Point', coordinates: [lon, lat] },
        });
      }
    }
  });
  return features;
}

function generateRoads(
  o: Required<SyntheticRegionOptions>,
  boxes: DistrictBox[],
  s: SettlementColumns,
  metersPerDegreeLon: number,
): Feature<LineString>[] {
  const columns = o.districtColumns;
  const perDistrict = 1 + o.villagesPerDistrict;
  const town = (d: number): Position => [s.lon[d * perDistrict], s.lat[d * perDistrict]];
  const features: Feature<LineString>[] = [];
  // Nodes of the primary network (towns and intermediate vertices), for the nearest-node search.
  const nodes: Position[] = boxes.map((_, d) => town(d));
  const addPrimary = (a: number, b: number) => {
    const from = town(a);
    const to = town(b);
    const lengthKm = Math.hypot((to[0] - from[0]) * metersPerDegreeLon, (to[1] - from[1]) * METERS_PER_DEGREE) / 1000;
    const segments = Math.max(1, Math.ceil(lengthKm / o.roadNodeSpacingKm));
    const line: Position[] = [from];
    for (let k = 1; k < segments; k++) {
      const vertex = [
        roundCoordinate(from[0] + ((to[0] - from[0]) * k) / segments),
        roundCoordinate(from[1] + ((to[1] - from[1]) * k) / segments),
      ];
      line.push(vertex);
      nodes.push(vertex);
    }
    line.push(to);
    features.push(
      road(features.length + 1, 'primary', `Synthetic primary road ${boxes[a].code}–${boxes[b].code}`, line),
    );
  };
  for (let d = 0; d < boxes.length; d++) {
    if ((d % columns) + 1 < columns) addPrimary(d, d + 1);
    if (d + columns < boxes.length) addPrimary(d, d + columns);
  }
  if (o.villagesPerDistrict === 0) return features;
  const index = new Flatbush(nodes.length);
  for (const [lon, lat] of nodes) index.add(lon * metersPerDegreeLon, lat * METERS_PER_DEGREE);
  index.finish();
  for (let i = 0; i < s.lon.length; i++) {
    if (s.isTown[i]) continue;
    const [nearest] = index.neighbors(s.lon[i] * metersPerDegreeLon, s.lat[i] * METERS_PER_DEGREE, 1);
    const node = nodes[nearest];
    if (node[0] === s.lon[i] && node[1] === s.lat[i]) continue;
    const roadClass = s.population[i] >= SECONDARY_LINK_MIN_POPULATION ? 'secondary' : 'tertiary';
    features.push(
      road(features.length + 1, roadClass, `Synthetic link to ${s.names[i]}`, [[s.lon[i], s.lat[i]], node]),
    );
  }
  return features;
}

function road(number: number, roadClass: string, name: string, coordinates: Position[]): Feature<LineString> {
  return {
    type: 'Feature',
    properties: { id: `r${number}`, name, highway: roadClass, synthetic: true },
    geometry: { type: 'LineString', coordinates },
  };
}

function generateBuildings(
  o: Required<SyntheticRegionOptions>,
  boxes: DistrictBox[],
  s: SettlementColumns,
  metersPerDegreeLon: number,
): Feature<Polygon>[] {
  const random = createSeededRandom(deriveSeed(o.seed, STREAM_BUILDINGS));
  const cumulative = new Float64Array(s.population.length);
  let total = 0;
  for (let i = 0; i < cumulative.length; i++) cumulative[i] = total += Math.max(1, s.population[i]);
  const features = new Array<Feature<Polygon>>(o.buildings);
  for (let b = 0; b < o.buildings; b++) {
    const at = pickWeighted(cumulative, random() * total);
    const box = boxes[s.district[at]];
    const spread = BUILDING_SPREAD_METERS_PER_SQRT_PERSON * Math.sqrt(s.population[at]) * Math.sqrt(random());
    const direction = 2 * Math.PI * random();
    const width = 8 + 12 * random();
    const depth = 8 + 7 * random();
    const angle = (Math.PI / 2) * random();
    const levels = s.isTown[at] ? randomInt(random, 1, 6) : randomInt(random, 1, 3);
    // The centre stays in the core shrunk by the footprint's half-diagonal, so every corner is
    // strictly inside the district.
    const halfDiagonal = Math.hypot(width, depth) / 2;
    const padLon = halfDiagonal / metersPerDegreeLon;
    const padLat = halfDiagonal / METERS_PER_DEGREE;
    const centerLon = clamp(
      s.lon[at] + (spread * Math.cos(direction)) / metersPerDegreeLon,
      box.coreWest + padLon,
      box.coreEast - padLon,
    );
    const centerLat = clamp(
      s.lat[at] + (spread * Math.sin(direction)) / METERS_PER_DEGREE,
      box.coreSouth + padLat,
      box.coreNorth - padLat,
    );
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const ring: Position[] = [
      [-width / 2, -depth / 2],
      [width / 2, -depth / 2],
      [width / 2, depth / 2],
      [-width / 2, depth / 2],
    ].map(([x, y]) => [
      // A rotation keeps the counter-clockwise order.
      roundCoordinate(centerLon + (x * cos - y * sin) / metersPerDegreeLon),
      roundCoordinate(centerLat + (x * sin + y * cos) / METERS_PER_DEGREE),
    ]);
    ring.push([ring[0][0], ring[0][1]]);
    features[b] = {
      type: 'Feature',
      properties: {
        id: `b${b + 1}`,
        building: 'yes',
        'building:levels': levels,
        settlement: s.ids[at],
        synthetic: true,
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  }
  return features;
}

/** The first index whose cumulative weight exceeds `target` (binary search). */
function pickWeighted(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function collection<G extends Feature>(features: G[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

function syntheticManifest(id: string, name: string, layers: LayerName[], notes: string[]): RegionManifest {
  const mappings: RegionManifest['layers'] = {};
  for (const layer of layers) mappings[layer] = { path: SYNTHETIC_FILE_NAMES[layer], ...SYNTHETIC_MAPPINGS[layer] };
  return {
    schema: REGION_SCHEMA,
    id,
    name,
    layers: mappings,
    attribution: ['Synthetic data generated by @regiontwin/core (no observed data, no third-party sources)'],
    notes,
  };
}
