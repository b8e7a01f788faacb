import type { Feature, FeatureCollection, Point } from 'geojson';
import { buildDistrictGrid, locateDistrict } from '../geo/district-grid.js';
import { buildPolygonTable, polygonsOf } from '../geo/polygon-table.js';

/** A population raster in geographic coordinates (lon/lat degrees, north up). */
export interface PopulationGrid {
  /** Cell values, row by row from the north-west corner: people per cell. */
  values: ArrayLike<number>;
  width: number;
  height: number;
  /** Longitude and latitude of the north-west corner of cell (0, 0), degrees. */
  originLon: number;
  originLat: number;
  /** Cell size, degrees (both positive; rows go south). */
  cellLon: number;
  cellLat: number;
  /** The value that means "no data" (e.g. −99999 or −3.4e38), if any. */
  noData?: number;
  /** Column and row of this window's cell (0, 0) in the whole raster, for stable cell ids. @default 0 */
  columnOffset?: number;
  rowOffset?: number;
}

/** The result of {@link populationGridToPoints}. */
export interface PopulationGridPoints {
  /** One Point per populated cell whose centre lies in a district: `id`, `population` (people), `source: 'population-grid'`. */
  points: FeatureCollection<Point>;
  /** People in the points written. */
  population: number;
  /** Populated cells whose centre lies outside every district, and their people. */
  outsideCells: number;
  outsidePopulation: number;
  /** Cells with no data, and cells with a negative or non-finite value (reported, never counted). */
  noDataCells: number;
  invalidCells: number;
}

/**
 * Turns a population grid (WorldPop, GHS-POP and similar: people per cell) into demand points:
 * every cell with people becomes a point at its centre carrying the cell's value, kept when the
 * centre lies inside a district — the point-in-district rule that validation applies to every
 * demand point. Cells of no data, zero people, or an invalid value (negative, NaN) write nothing;
 * the last are counted so that a broken raster does not pass silently. Ids are `cell-<row>-<col>`
 * in the whole raster's numbering.
 */
export function populationGridToPoints(grid: PopulationGrid, districts: FeatureCollection): PopulationGridPoints {
  const { values, width, height, originLon, originLat, cellLon, cellLat, noData } = grid;
  const table = buildPolygonTable(
    districts.features.map((f) => polygonsOf(f.geometry)),
    { centerLon: 0, centerLat: 0 },
  );
  const districtGrid = buildDistrictGrid(table);
  const scratch = new Uint8Array(Math.max(1, table.count));
  const features: Feature<Point>[] = [];
  let population = 0;
  let outsideCells = 0;
  let outsidePopulation = 0;
  let noDataCells = 0;
  let invalidCells = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const v = values[r * width + c];
      if (noData !== undefined && (v === noData || (Number.isNaN(noData) && Number.isNaN(v)))) {
        noDataCells++;
        continue;
      }
      if (!Number.isFinite(v) || v < 0) {
        invalidCells++;
        continue;
      }
      if (v === 0) continue;
      const lon = round7(originLon + (c + 0.5) * cellLon);
      const lat = round7(originLat - (r + 0.5) * cellLat);
      if (locateDistrict(districtGrid, lon, lat, scratch) < 0) {
        outsideCells++;
        outsidePopulation += v;
        continue;
      }
      population += v;
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: {
          id: `cell-${r + (grid.rowOffset ?? 0)}-${c + (grid.columnOffset ?? 0)}`,
          population: v,
          source: 'population-grid',
        },
      });
    }
  }
  return {
    points: { type: 'FeatureCollection', features },
    population,
    outsideCells,
    outsidePopulation,
    noDataCells,
    invalidCells,
  };
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
