/**
 * @regiontwin/core — load and validate region data, compile it to typed arrays, run scenarios
 * and indicators (in workers), compare scenarios, optimise placements. No DOM, no three: the
 * same code runs in Node, browsers and workers. Node-only folder loading is in
 * `@regiontwin/core/node`.
 * @packageDocumentation
 */
export * from './region/region-manifest.js';
export { RegionValidationError, formatRegionProblem } from './region/region-validation-error.js';
export {
  loadRegionFromSources,
  loadRegionFromObjects,
  loadRegionFromFiles,
  loadRegionFromUrl,
  formatBytes,
  type LayerBytes,
  type LayerReader,
} from './region/load-region.js';
export {
  validateManifest,
  validateLayer,
  validateAgainstDistricts,
  checkLayerPath,
  parseJsonBytes,
  LAYER_GEOMETRY_TYPES,
  LAYER_MAPPING_KEYS,
} from './region/validate-region.js';
export { readNumber, readOwnProperty, readSpeedKmh } from './region/read-properties.js';
export * from './model/region-model.js';
export { compileRegion, buildPointIndex, DEFAULT_BUILDING_HEIGHT_METERS, METERS_PER_LEVEL } from './model/compile-region.js';
export { buildRoadGraph } from './model/build-road-graph.js';
export { DEFAULT_SPEED_KMH_BY_CLASS, roadClassIndex } from './model/road-speeds.js';
export { buildCsrAdjacency, permute, type CsrAdjacency } from './model/csr-graph.js';
export { serializeRegionModel, deserializeRegionModel, listTransferables } from './model/serialize-region-model.js';
export { summarizeRegionModel, type RegionSummary } from './model/summarize-region-model.js';
export { haversineMeters, EARTH_RADIUS_METERS } from './geo/haversine.js';
export { projectLonLat, unprojectXY, projectInterleaved } from './geo/projection.js';
export { buildDistrictGrid, locateDistrict, assignDistricts, type DistrictGridOptions } from './geo/district-grid.js';
export { buildPolygonTable, polygonsOf, polygonTableCentroid, type PolygonCoordinates } from './geo/polygon-table.js';
export * from './scenario/result.js';
