/**
 * @regiontwin/viewer — a three.js viewer for regiontwin regions and scenario results: districts
 * coloured (and optionally extruded) by any indicator with d3 scales and a legend, settlements,
 * facilities, coverage areas, roads, buildings extruded from footprints (merged, built in a Web
 * Worker), a before/after split view, a year slider, picking, map controls and PNG export.
 * It takes a RegionModel and a result.json from `@regiontwin/core`; it never computes indicators.
 * @packageDocumentation
 */
export { createViewer, type Viewer, type ViewerState } from './create-viewer.js';
export {
  DEFAULT_VIEWER_OPTIONS,
  type FitOptions,
  type LayerName,
  type PickInfo,
  type SetIndicatorOptions,
  type SetResultOptions,
  type ViewerEvents,
  type ViewerOptions,
  type ViewSide,
} from './viewer-options.js';
export {
  buildBuildingGeometry,
  copyFootprints,
  type BuildBuildingGeometryOptions,
  type BuildingFootprints,
} from './buildings/build-building-geometry.js';
export {
  createBuildingsBuilder,
  startBundledBuildingsWorker,
  type BuildingsBuilder,
} from './buildings/create-buildings-worker.js';
export type { BuildingsWorkerApi } from './buildings/buildings-worker-api.js';
export {
  generateSyntheticBuildings,
  mulberry32,
  SYNTHETIC_BUILDING_SHAPES,
  type SyntheticBuildings,
  type SyntheticBuildingsOptions,
} from './buildings/generate-synthetic-buildings.js';
export {
  extrudePolygons,
  signedArea,
  type ExtrudedGeometry,
  type ExtrudePolygonsOptions,
  type PolygonFeatures,
} from './geometry/extrude-polygons.js';
export {
  createIndicatorColorScale,
  numberFormatter,
  NO_DATA_COLOR,
  type IndicatorColorScale,
  type ValueKind,
} from './style/indicator-color-scale.js';
export {
  DEFAULT_FACILITY_STYLES,
  FACILITY_SHAPES,
  ROAD_STYLES,
  resolveFacilityStyles,
  type FacilityShape,
  type FacilityStyle,
  type RoadStyle,
} from './style/map-styles.js';
export {
  coverageOfIndicator,
  districtValues,
  findIndicator,
  readScenarioChanges,
  changesUntil,
  type CoverageArea,
  numberOrNaN,
  type AddedFacility,
  type AddedRoad,
  type AddedSettlement,
  type ScenarioChanges,
} from './result/read-result.js';
export {
  computeTravelTimeReach,
  resultChanges,
  type TravelTimeReach,
  type TravelTimeReachOptions,
} from './result/travel-time-reach.js';
export { chooseScaleBar, type ScaleBar } from './overlay/draw-overlays.js';
