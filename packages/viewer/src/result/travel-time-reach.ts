import {
  buildNearestGrid,
  buildScenarioState,
  computeNearestDistanceMeters,
  computeTravelMinutes,
  findNearest,
  haversineMeters,
  locateDistrict,
  resolveAssumptions,
  unprojectXY,
  type Assumptions,
  type Change,
  type RegionModel,
  type ScenarioResult,
  type ScenarioState,
} from '@regiontwin/core';

/**
 * Travel minutes to the nearest facility of a kind on a square grid over the region, by the
 * engine's own travel-time model (core's `computeTravelMinutes`): the area a facility reaches
 * within a time is drawn from it. Only cells whose centre lies in a district are kept.
 */
export interface TravelTimeReach {
  /** Facility kind. */
  kind: string;
  /** Side of a cell, metres. */
  cellMeters: number;
  /** South-west corner of the grid, metres (x east, y north). */
  minX: number;
  minY: number;
  /** Cells of the grid west–east and south–north. */
  columns: number;
  rows: number;
  /** Grid position of each kept cell: row · columns + column. */
  cell: Int32Array;
  /** Centre of each kept cell, interleaved x, y, metres. */
  xy: Float64Array;
  /** District of each kept cell (its centre's). */
  district: Int32Array;
  /** Minutes from each kept cell to the nearest facility of the kind (Infinity: none reachable). */
  minutes: Float64Array;
}

/** Options of {@link computeTravelTimeReach}. */
export interface TravelTimeReachOptions {
  /** Cells along the longer side of the region's bounding box. @default 256 */
  cellsAlongLongerSide?: number;
}

/**
 * The changes of a result as core applies them: template entries (with `changes`) contribute
 * their expanded changes, which inherit the entry's year; plain entries are changes themselves.
 */
export function resultChanges(result: ScenarioResult): Change[] {
  const changes: Change[] = [];
  for (const entry of result.interventions ?? []) {
    if (!entry || typeof entry !== 'object') continue;
    const record = entry as Record<string, unknown>;
    if (Array.isArray(record.changes)) {
      const year = typeof record.year === 'number' ? record.year : undefined;
      for (const change of record.changes as Change[]) {
        changes.push(year !== undefined && change.year === undefined ? { ...change, year } : change);
      }
    } else if (typeof record.type === 'string') {
      changes.push(record as unknown as Change);
    }
  }
  return changes;
}

/**
 * Computes the travel-time reach of the facilities of `kind` in force in `year`: those of the
 * region, with the changes of `result` applied (its roads too) when one is given, with the
 * result's assumptions (speeds, circuity). The minutes come from core's travel-time model with
 * the grid cells as demand points, so the drawn area agrees with what the indicator counts.
 *
 * @param model the region
 * @param result the scenario whose changes apply, or null for the baseline
 * @param year the year (changes up to it apply)
 * @param kind facility kind
 * @throws Error (core's ChangeError) when a change of the result does not fit the region
 */
export function computeTravelTimeReach(
  model: RegionModel,
  result: ScenarioResult | null,
  year: number,
  kind: string,
  options: TravelTimeReachOptions = {},
): TravelTimeReach {
  const assumptions = resolveAssumptions((result?.assumptions ?? {}) as Partial<Assumptions>);
  const startYear = result?.years?.start ?? year;
  const state = buildScenarioState(model, result ? resultChanges(result) : [], year, startYear, assumptions);

  const xy = model.districts.xy;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < xy.length; i += 2) {
    minX = Math.min(minX, xy[i]);
    maxX = Math.max(maxX, xy[i]);
    minY = Math.min(minY, xy[i + 1]);
    maxY = Math.max(maxY, xy[i + 1]);
  }
  const cells = Math.max(8, Math.round(options.cellsAlongLongerSide ?? 256));
  const cellMeters = Math.max(maxX - minX, maxY - minY, 1) / cells;
  const columns = Math.ceil((maxX - minX) / cellMeters);
  const rows = Math.ceil((maxY - minY) / cellMeters);

  const keptXY: number[] = [];
  const keptLonLat: number[] = [];
  const keptDistrict: number[] = [];
  const keptCell: number[] = [];
  const lonLat = new Float64Array(2);
  const scratch = new Uint8Array(Math.max(1, model.districts.count));
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const x = minX + (column + 0.5) * cellMeters;
      const y = minY + (row + 0.5) * cellMeters;
      unprojectXY(model.projection, x, y, lonLat, 0);
      const district = locateDistrict(model.indexes.districtGrid, lonLat[0], lonLat[1], scratch);
      if (district < 0) continue;
      keptXY.push(x, y);
      keptLonLat.push(lonLat[0], lonLat[1]);
      keptDistrict.push(district);
      keptCell.push(row * columns + column);
    }
  }
  const count = keptDistrict.length;
  const cellXY = Float64Array.from(keptXY);
  const cellLonLat = Float64Array.from(keptLonLat);
  // Nearest road node and access distance of each cell, as core does for demand points.
  const nearestRoadNode = new Int32Array(count).fill(-1);
  const accessMeters = new Float64Array(count);
  const { nodeXY, nodeLonLat } = state.roads;
  if (nodeXY.length > 0) {
    const grid = buildNearestGrid(nodeXY);
    for (let i = 0; i < count; i++) {
      const node = findNearest(grid, cellXY[i * 2], cellXY[i * 2 + 1]);
      nearestRoadNode[i] = node;
      accessMeters[i] = haversineMeters(
        cellLonLat[i * 2],
        cellLonLat[i * 2 + 1],
        nodeLonLat[node * 2],
        nodeLonLat[node * 2 + 1],
      );
    }
  }
  const district = Int32Array.from(keptDistrict);
  const cellsState: ScenarioState = {
    ...state,
    demand: {
      count,
      lonLat: cellLonLat,
      xy: cellXY,
      population: new Float64Array(count),
      district,
      ids: [],
      nearestRoadNode,
      accessMeters,
    },
  };
  const straight = computeNearestDistanceMeters(cellsState, kind);
  const minutes = computeTravelMinutes(cellsState, kind, straight);
  return {
    kind,
    cellMeters,
    minX,
    minY,
    columns,
    rows,
    cell: Int32Array.from(keptCell),
    xy: cellXY,
    district,
    minutes,
  };
}
