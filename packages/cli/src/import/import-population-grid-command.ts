import { basename } from 'node:path';
import { fromFile } from 'geotiff';
import { populationGridToPoints, type LayerMapping, type RegionManifest } from '@regiontwin/core';
import type { CommandContext } from '../command-context.js';
import { formatNumber } from '../format.js';
import { UserError } from '../user-error.js';
import { boundaryBox, plural } from './import-osm-command.js';
import { loadSourceRegion, writeDerivedRegion } from './synthesize-commands.js';

/** Flags of `regiontwin import population-grid`. */
export interface ImportPopulationGridFlags {
  region: string;
  out: string;
  band?: string;
  maxCells?: string;
  force?: boolean;
  json?: boolean;
}

/** Most raster cells read at once by default (the window over the districts). */
export const DEFAULT_MAX_GRID_CELLS = 20_000_000;

/**
 * `regiontwin import population-grid <grid.tif> --region DIR --out DIR`: reads a population
 * GeoTIFF (people per cell, in EPSG:4326 lon/lat, as WorldPop distributes it) over the region's
 * districts only, and writes a region whose demand layer is one point per populated cell.
 */
export async function importPopulationGridCommand(
  file: string,
  flags: ImportPopulationGridFlags,
  context: CommandContext,
): Promise<number> {
  const band = flags.band === undefined ? 1 : Number(flags.band);
  if (!Number.isInteger(band) || band < 1)
    throw new UserError(`--band must be a whole number ≥ 1 (got "${flags.band}")`);
  const maxCells = flags.maxCells === undefined ? DEFAULT_MAX_GRID_CELLS : Number(flags.maxCells);
  if (!Number.isInteger(maxCells) || maxCells < 1)
    throw new UserError(`--max-cells must be a whole number ≥ 1 (got "${flags.maxCells}")`);
  const source = await loadSourceRegion(flags.region);
  const layers = source.region.manifest.layers;
  if (layers.buildings?.population) {
    throw new UserError(
      `${flags.region}: its buildings carry population: people would be counted twice; remove "population" from the buildings layer first`,
    );
  }
  let image;
  try {
    image = await (await fromFile(file)).getImage();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: ${code === 'ENOENT' ? 'does not exist' : `is not a readable GeoTIFF (${(error as Error).message})`}`,
    );
  }
  const keys = (image.getGeoKeys() ?? {}) as Record<string, number | undefined>;
  if (
    keys.ProjectedCSTypeGeoKey !== undefined ||
    (keys.GTModelTypeGeoKey !== undefined && keys.GTModelTypeGeoKey !== 2)
  ) {
    throw new UserError(
      `${file}: is in a projected coordinate system${keys.ProjectedCSTypeGeoKey ? ` (EPSG:${keys.ProjectedCSTypeGeoKey})` : ''}; reproject it to lon/lat first: gdalwarp -t_srs EPSG:4326 ${basename(file)} grid-4326.tif`,
    );
  }
  if (keys.GeographicTypeGeoKey !== undefined && keys.GeographicTypeGeoKey !== 4326) {
    throw new UserError(
      `${file}: uses datum EPSG:${keys.GeographicTypeGeoKey}, not WGS 84 (EPSG:4326); reproject it first`,
    );
  }
  if (band > image.getSamplesPerPixel()) {
    throw new UserError(`--band ${band}: ${file} has ${image.getSamplesPerPixel()} band(s)`);
  }
  let origin: number[];
  let resolution: number[];
  try {
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch (error) {
    throw new UserError(`${file}: has no usable georeference (${(error as Error).message})`);
  }
  const cellLon = resolution[0];
  const cellLat = -resolution[1];
  if (!(cellLon > 0 && cellLat > 0)) throw new UserError(`${file}: rotated or south-up rasters are not supported`);
  const [west, south, east, north] = boundaryBox(source.region.layers.districts!);
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const c0 = clamp(Math.floor((west - origin[0]) / cellLon), image.getWidth());
  const c1 = clamp(Math.ceil((east - origin[0]) / cellLon), image.getWidth());
  const r0 = clamp(Math.floor((origin[1] - north) / cellLat), image.getHeight());
  const r1 = clamp(Math.ceil((origin[1] - south) / cellLat), image.getHeight());
  const cells = (c1 - c0) * (r1 - r0);
  if (cells === 0) throw new UserError(`${file}: does not cover the districts of ${flags.region}`);
  if (cells > maxCells) {
    throw new UserError(
      `${file}: ${formatNumber(cells)} cells over the districts, more than --max-cells ${formatNumber(maxCells)} (use a coarser grid or raise the limit)`,
    );
  }
  const rasters = (await image.readRasters({
    window: [c0, r0, c1, r1],
    samples: [band - 1],
  })) as unknown as ArrayLike<number>[];
  const noData = image.getGDALNoData();
  const result = populationGridToPoints(
    {
      values: rasters[0],
      width: c1 - c0,
      height: r1 - r0,
      originLon: origin[0] + c0 * cellLon,
      originLat: origin[1] - r0 * cellLat,
      cellLon,
      cellLat,
      noData: noData ?? undefined,
      columnOffset: c0,
      rowOffset: r0,
    },
    source.region.layers.districts!,
  );
  if (result.points.features.length === 0) throw new UserError(`${file}: no populated cell lies inside the districts`);
  const mapping: LayerMapping = { path: 'population-grid.geojson', id: 'id', population: 'population' };
  const old = source.region.manifest;
  const { allowMissingPopulation: _allow, ...rest } = old;
  const manifest: RegionManifest = {
    ...rest,
    layers: { ...old.layers, settlements: mapping },
    attribution: [...(old.attribution ?? []), `Population grid: ${basename(file)}`],
    notes: [
      ...(old.notes ?? []),
      `Demand comes from the population grid ${basename(file)} (band ${band}): one point per populated cell of ${cellLon}° × ${cellLat}°, ${Math.round(result.population)} people${old.layers.settlements ? `; the former settlements layer (${old.layers.settlements.path}) is no longer used` : ''}.`,
    ],
  };
  await writeDerivedRegion(
    source,
    flags.out,
    Boolean(flags.force),
    { layer: 'settlements', mapping, collection: result.points },
    manifest,
  );
  const summary = {
    out: flags.out,
    points: result.points.features.length,
    population: result.population,
    outsideCells: result.outsideCells,
    outsidePopulation: result.outsidePopulation,
    noDataCells: result.noDataCells,
    invalidCells: result.invalidCells,
  };
  if (flags.json) context.out(JSON.stringify(summary, null, 2));
  else {
    context.out(
      `wrote ${flags.out}: ${plural(summary.points, 'populated cell')} inside the districts, ${formatNumber(summary.population)} people; outside the districts: ${plural(summary.outsideCells, 'cell')}, ${formatNumber(summary.outsidePopulation)} people; no data: ${plural(summary.noDataCells, 'cell')}`,
    );
    if (summary.invalidCells > 0) {
      context.err(
        `warning: ${file}: ${plural(summary.invalidCells, 'cell')} with a negative or non-numeric value, not counted`,
      );
    }
  }
  return 0;
}
