import type { FeatureCollection } from 'geojson';

/** The schema tag every region manifest carries. */
export const REGION_SCHEMA = 'regiontwin/region@1';

/** The layers a region may have. `districts` and one demand layer are required. */
export type LayerName = 'districts' | 'settlements' | 'buildings' | 'facilities' | 'roads';

/** All layer names, in the order they are loaded and reported. */
export const LAYER_NAMES: readonly LayerName[] = ['districts', 'settlements', 'buildings', 'facilities', 'roads'];

/**
 * One layer of a region manifest: where its GeoJSON lives and which of the source's own property
 * names carry the values regiontwin needs. Real data never uses our names, so every field except
 * `path` names a property of the source features.
 */
export interface LayerMapping {
  /** Path of the GeoJSON file, relative to the folder of `region.json`. Must stay inside it. */
  path: string;
  /** Property holding a unique feature id (districts: required for stable results). */
  id?: string;
  /** Property holding a display name. */
  name?: string;
  /** Property holding the number of residents (settlements, buildings). */
  population?: string;
  /** Property holding the facility kind, e.g. `amenity` (facilities). */
  kind?: string;
  /** A fixed kind for every feature of this layer when the source has no kind property. */
  fixedKind?: string;
  /** Property holding the capacity of a facility (seats, beds, pupils). */
  capacity?: string;
  /** Property holding the road class, e.g. `highway` (roads). */
  class?: string;
  /** Property holding the speed limit in km/h, e.g. `maxspeed` (roads). */
  speedKmh?: string;
  /** Property that marks a one-way road (`yes`, `true`, `1`, `-1`) (roads). */
  oneway?: string;
  /** Property holding the number of storeys (buildings). */
  levels?: string;
  /** Property holding the height in metres (buildings). */
  height?: string;
  /** Property holding the natural zone, e.g. `Steppe` (districts). */
  naturalZone?: string;
  /** Property marking a feature as synthetic (generated, not observed). */
  synthetic?: string;
  /** Column holding the longitude, degrees (CSV layers of points only: settlements, facilities). */
  lon?: string;
  /** Column holding the latitude, degrees (CSV layers of points only: settlements, facilities). */
  lat?: string;
}

/** The `region.json` manifest: names the layers and maps the source's property names. */
export interface RegionManifest {
  schema: typeof REGION_SCHEMA;
  /** Stable id of the region, e.g. `kz-kostanay`. */
  id: string;
  /** Display name. */
  name: string;
  /** The layers, keyed by layer name. */
  layers: Partial<Record<LayerName, LayerMapping>>;
  /** Attribution lines for every data source used by the layers. */
  attribution?: string[];
  /** Free-form notes (provenance, caveats). */
  notes?: string[];
  /**
   * The data knowingly lacks some populations: report missing ones as warnings (0 people)
   * instead of errors. Same as the loader option of that name. @default false
   */
  allowMissingPopulation?: boolean;
}

/** A region as loaded: its manifest plus each layer's parsed FeatureCollection. */
export interface RegionData {
  manifest: RegionManifest;
  layers: Partial<Record<LayerName, FeatureCollection>>;
  /** Where the manifest came from (a path or URL), for messages. */
  source: string;
  /** Non-fatal problems found while loading (e.g. missing population when allowed). */
  warnings: RegionProblem[];
}

/** One problem found in a region: where it is and why it is a problem. */
export interface RegionProblem {
  /** `error` rejects the region; `warning` is reported but accepted. */
  severity: 'error' | 'warning';
  /** The file the problem is in (as given in the manifest, or `region.json`). */
  file: string;
  /** The layer, when the problem belongs to one. */
  layer?: LayerName;
  /** Zero-based index of the feature in its FeatureCollection. */
  featureIndex?: number;
  /** The feature's id from the mapped id property (or `id` member), when it has one. */
  featureId?: string;
  /** A stable machine-readable code, e.g. `ring-not-closed`. */
  code: RegionProblemCode;
  /** A sentence a person can act on. */
  message: string;
}

/** Every problem code that validation can report. Documented in docs/region-format.md. */
export type RegionProblemCode =
  | 'file-missing'
  | 'file-too-large'
  | 'path-outside-region'
  | 'not-json'
  | 'not-utf8'
  | 'manifest-invalid'
  | 'layer-missing'
  | 'not-feature-collection'
  | 'too-many-features'
  | 'too-many-vertices'
  | 'feature-invalid'
  | 'geometry-type'
  | 'coordinate-not-finite'
  | 'coordinate-out-of-range'
  | 'coordinates-swapped'
  | 'ring-not-closed'
  | 'ring-too-short'
  | 'self-intersection'
  | 'population-missing'
  | 'population-invalid'
  | 'population-in-two-layers'
  | 'duplicate-id'
  | 'outside-districts'
  | 'mapping-unknown-property'
  | 'empty-layer'
  | 'csv-invalid';

/** Limits that protect loading from inputs too large for the machine. Override any of them. */
export interface RegionLimits {
  /** Largest accepted layer file, bytes. @default 268435456 (256 MiB) */
  maxFileBytes: number;
  /** Most features in one layer. @default 5000000 */
  maxFeatures: number;
  /** Most coordinate positions in one layer. @default 50000000 */
  maxVertices: number;
  /**
   * Most coordinate positions in one feature (a district boundary at full detail has well under
   * a million; checking one of a million for self-intersections takes about 10 s). @default 1000000
   */
  maxVerticesPerFeature: number;
}

/** The default {@link RegionLimits}. */
export const DEFAULT_REGION_LIMITS: Readonly<RegionLimits> = Object.freeze({
  maxFileBytes: 256 * 1024 * 1024,
  maxFeatures: 5_000_000,
  maxVertices: 50_000_000,
  maxVerticesPerFeature: 1_000_000,
});

/** Options for validating and loading a region. */
export interface RegionValidationOptions {
  /** Treat a missing population as a warning (the point counts 0 people) instead of an error. @default false */
  allowMissingPopulation?: boolean;
  /** Size limits; missing fields take {@link DEFAULT_REGION_LIMITS}. */
  limits?: Partial<RegionLimits>;
  /** Skip the self-intersection test (quadratic-free but the slowest check). @default false */
  skipSelfIntersection?: boolean;
}
