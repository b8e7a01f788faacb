/**
 * @regiontwin/core — load and validate region data, compile it to typed arrays, run scenarios
 * and indicators (in workers), compare scenarios, optimise placements. No DOM, no three: the
 * same code runs in Node, browsers and workers. Node-only folder loading is in
 * `@regiontwin/core/node`.
 * @packageDocumentation
 */
export * from './region/region-manifest.js';
export { MAX_STRING_LENGTH } from './region/decode-utf8-text.js';
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
export {
  parseCsvLayer,
  relabelCsvProblems,
  isCsvLayerPath,
  CSV_LAYERS,
  type CsvLayer,
} from './region/parse-csv-layer.js';
export * from './model/region-model.js';
export {
  compileRegion,
  buildPointIndex,
  DEFAULT_BUILDING_HEIGHT_METERS,
  METERS_PER_LEVEL,
} from './model/compile-region.js';
export { buildRoadGraph } from './model/build-road-graph.js';
export { DEFAULT_SPEED_KMH_BY_CLASS, roadClassIndex } from './model/road-speeds.js';
export { buildCsrAdjacency, permute, type CsrAdjacency } from './model/csr-graph.js';
export { reverseSearchGraph } from './model/reverse-search-graph.js';
export { serializeRegionModel, deserializeRegionModel, listTransferables } from './model/serialize-region-model.js';
export { summarizeRegionModel, type RegionSummary } from './model/summarize-region-model.js';
export { haversineMeters, EARTH_RADIUS_METERS } from './geo/haversine.js';
export { projectLonLat, unprojectXY, projectInterleaved } from './geo/projection.js';
export { buildDistrictGrid, locateDistrict, assignDistricts, type DistrictGridOptions } from './geo/district-grid.js';
export { buildPolygonTable, polygonsOf, polygonTableCentroid, type PolygonCoordinates } from './geo/polygon-table.js';
export * from './scenario/result.js';
export * from './scenario/scenario.js';
export { DEFAULT_ASSUMPTIONS, resolveAssumptions, speedForClass } from './scenario/assumptions.js';
export {
  parseScenario,
  validateScenarioDocument,
  ScenarioValidationError,
  formatScenarioProblem,
  SCENARIO_JSON_SCHEMA,
  type ScenarioProblem,
} from './scenario/load-scenario.js';
export { buildScenarioState, ChangeError, changeYear, type ScenarioState } from './scenario/scenario-state.js';
export {
  runScenario,
  prepareScenario,
  defaultIndicators,
  toResultNumber,
  ScenarioPreparationError,
  syntheticDataWarnings,
  type RunProgress,
  type RunScenarioOptions,
  type TemplateExpander,
} from './scenario/run-scenario.js';
export {
  compareScenarios,
  buildDifferenceLayer,
  indicatorKey,
  type ScenarioComparison,
  type ComparedIndicator,
  type ComparedValue,
} from './scenario/compare-scenarios.js';
export {
  IndicatorRegistry,
  createIndicatorContext,
  type IndicatorContext,
  type IndicatorDefinition,
  type IndicatorValue,
} from './indicators/indicator.js';
export * from './indicators/builtin-indicators.js';
export { largestRoadGap, edgeMaxDistanceMeters, type LargestRoadGapParams } from './indicators/largest-road-gap.js';
export {
  capacityPer1000Residents,
  type CapacityPer1000ResidentsParams,
} from './indicators/capacity-per-1000-residents.js';
export {
  populationWithinTravelTimeOfAny,
  type AnyKindMinutes,
} from './indicators/population-within-travel-time-of-any.js';
export {
  facilityCapacity,
  capacityReach,
  computeCatchments,
  type CapacityReachParams,
} from './indicators/capacity-indicators.js';
export {
  computeNearestDistanceMeters,
  computeTravelMinutes,
  facilityIndicesOfKind,
} from './indicators/travel-times.js';
export {
  multiSourceDijkstra,
  createDijkstraScratch,
  type SearchGraph,
  type DijkstraScratch,
} from './engine/multi-source-dijkstra.js';
export { buildNearestGrid, findNearest, type NearestGrid } from './geo/nearest-grid.js';
export {
  createEngine,
  DEFAULT_SCENARIO_TIMEOUT_MS,
  WorkerFailureError,
  type Engine,
  type EngineOptions,
  type EngineWorkerFactory,
  type EngineWorkerHandle,
  type RunOptions,
  type RunOutcome,
  type BatchProgress,
} from './engine/create-engine.js';
export {
  createEngineWorkerApi,
  exposeEngineWorker,
  type EngineWorkerApi,
  type EngineWorkerOptions,
  type EngineFault,
  type EngineFaultInjection,
} from './engine/engine-api.js';
export {
  greedyMaximalCoverage,
  plainGreedyMaximalCoverage,
  type CoverageProblem,
  type CoverageSolution,
} from './optimize/greedy-maximal-coverage.js';
export { travelTimeCoverSets } from './optimize/coverage-sets.js';
export { solvePMedian, pMedianObjective, type PMedianProblem, type PMedianSolution } from './optimize/p-median.js';
export {
  greedySetCover,
  harmonicNumber,
  type SetCoverProblem,
  type SetCoverSolution,
} from './optimize/greedy-set-cover.js';
export { travelTimeMatrix } from './optimize/travel-time-matrix.js';
export { distanceCoverSets } from './optimize/distance-cover-sets.js';
export { createSeededRandom, deriveSeed, randomInt, randomNormal, type RandomSource } from './random/seeded-random.js';
export {
  generateSyntheticRegion,
  generateHandRegion,
  DEFAULT_SYNTHETIC_REGION_OPTIONS,
  SECONDARY_LINK_MIN_POPULATION,
  SYNTHETIC_FILE_NAMES,
  type SyntheticRegion,
  type SyntheticRegionOptions,
} from './synthetic/generate-synthetic-region.js';
export {
  createOsmCollector,
  findOsmNode,
  OSM_ROLE,
  type OsmCollection,
  type OsmCollector,
  type OsmCollectorOptions,
  type OsmPointElement,
  type OsmRelationMember,
  type OsmRelationElement,
  type OsmWayTable,
  osmWayAt,
  type OsmWayElement,
} from './osm/osm-collector.js';
export {
  buildOsmRegion,
  streamOsmRegion,
  type OsmLayerChunk,
  type OsmRegionSummary,
  type OsmRoadFragmentSummary,
  OSM_REGION_BUILD_STEPS,
  OSM_REGION_FILE_NAMES,
  type OsmRegion,
  type OsmRegionOptions,
  type OsmImportReport,
  type OsmDroppedFeature,
} from './osm/build-osm-region.js';
export * from './osm/osm-tag-tables.js';
export { createBoundaryClipper, type BoundaryClipper } from './osm/clip-to-boundary.js';
export { findRoadFragments, type RoadFragment, type RoadPieceEnds } from './osm/find-road-fragments.js';
export {
  assembleMultipolygon,
  type AssembledMultipolygon,
  type MultipolygonMemberWay,
  type MultipolygonProblem,
} from './osm/assemble-multipolygon.js';
export {
  synthesizePopulation,
  largestRemainder,
  SETTLEMENT_CLASS_WEIGHTS,
  SYNTHETIC_POPULATION_PROPERTY,
  NON_RESIDENTIAL_BUILDINGS,
  STOREY_HEIGHT_METERS,
  residentialFloorAreaSquareMeters,
  type SynthesizePopulationOptions,
  type SynthesizedPopulation,
  type PopulationScopeReport,
} from './synthetic/synthesize-population.js';
export {
  synthesizeRoadSkeleton,
  SYNTHETIC_ROAD_SPEED_KMH,
  type RoadSkeletonOptions,
  type SyntheticLinkRule,
} from './synthetic/synthesize-road-skeleton.js';
export {
  populationGridToPoints,
  type PopulationGrid,
  type PopulationGridPoints,
} from './grid/population-grid-to-points.js';
