import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import {
  formatRegionProblem,
  haversineMeters,
  RegionValidationError,
  SYNTHETIC_POPULATION_PROPERTY,
  synthesizePopulation,
  synthesizeRoadSkeleton,
  SYNTHETIC_ROAD_SPEED_KMH,
  type LayerMapping,
  type LayerName,
  type RegionData,
  type RegionManifest,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { regionOptionsFromFlags, type RegionLimitFlags } from '../commands/validate.js';
import { openOutputDir } from '../atomic-output.js';
import type { CommandContext } from '../command-context.js';
import { formatNumber } from '../format.js';
import { UserError } from '../user-error.js';
import { formatFeatureCollection } from './format-feature-collection.js';

/** Flags of `regiontwin synthesize-population`. */
export interface SynthesizePopulationFlags extends RegionLimitFlags {
  out: string;
  target?: string;
  total?: string;
  districtTotal: string[];
  seed?: string;
  classProperty?: string;
  jitter?: string;
  force?: boolean;
  json?: boolean;
}

/** Flags of `regiontwin synthesize-roads`. */
export interface SynthesizeRoadsFlags extends RegionLimitFlags {
  out: string;
  nearestLinks?: string;
  force?: boolean;
  json?: boolean;
}

/** Loads a region for a synthesize command (missing populations allowed: filling them is the point). */
export async function loadSourceRegion(
  path: string,
  limitFlags: RegionLimitFlags = {},
): Promise<{ region: RegionData; folder: string }> {
  const { limits } = regionOptionsFromFlags(limitFlags);
  try {
    const region = await loadRegion(path, { allowMissingPopulation: true, limits });
    const info = await stat(path);
    return { region, folder: info.isDirectory() ? path : dirname(path) };
  } catch (error) {
    if (error instanceof RegionValidationError) {
      const errors = error.problems.filter((p) => p.severity === 'error');
      throw new UserError(
        `${path}: invalid region, ${errors.length} problem${errors.length === 1 ? '' : 's'} (fix them first; regiontwin validate lists them)`,
        errors.slice(0, 20).map(formatRegionProblem),
      );
    }
    throw error;
  }
}

/** Parses a whole number ≥ 0 from a flag. */
function wholeNumber(flag: string, text: string): number {
  const cleaned = text.replace(/[\s_,]/g, '');
  const value = Number(cleaned);
  if (!/^\d+$/.test(cleaned) || !Number.isSafeInteger(value)) {
    throw new UserError(`${flag} must be a whole number, 0 or more (got "${text}")`);
  }
  return value;
}

/**
 * Writes a region derived from `source`: every layer file copied unchanged, except the one
 * replaced (a new path and content), and the new manifest last — all atomically.
 */
export async function writeDerivedRegion(
  source: { region: RegionData; folder: string },
  out: string,
  force: boolean,
  replaced: { layer: LayerName; mapping: LayerMapping; collection: FeatureCollection },
  manifest: RegionManifest,
): Promise<void> {
  const writer = await openOutputDir(out, { force, markers: ['region.json'] });
  try {
    for (const [layer, mapping] of Object.entries(source.region.manifest.layers) as [LayerName, LayerMapping][]) {
      if (layer === replaced.layer) continue;
      await writer.stage(mapping.path, await readFile(join(source.folder, mapping.path), 'utf8'));
    }
    await writer.stage(replaced.mapping.path, formatFeatureCollection(replaced.collection));
    await writer.stage('region.json', JSON.stringify(manifest, null, 2) + '\n');
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** The path a regenerated layer takes: a CSV layer becomes GeoJSON beside it. */
function geojsonPath(path: string): string {
  return path.replace(/\.csv$/i, '.geojson');
}

/**
 * `regiontwin synthesize-population <region> --total N | --district-total ID=N … --out DIR`:
 * fills the settlements that lack a population by the documented class-weight rule, seeded, and
 * writes a new region in which every filled value carries `population_synthetic: true` (mapped as
 * the layer's `synthetic` property, so results that use them say so).
 */
export async function synthesizePopulationCommand(
  path: string,
  flags: SynthesizePopulationFlags,
  context: CommandContext,
): Promise<number> {
  const districtTotals: Record<string, number> = {};
  for (const entry of flags.districtTotal) {
    const match = /^([^=]+)=(.+)$/.exec(entry);
    if (!match) throw new UserError(`--district-total must be written ID=N (got "${entry}")`);
    districtTotals[match[1].trim()] = wholeNumber(`--district-total ${match[1]}`, match[2]);
  }
  const byDistrict = flags.districtTotal.length > 0;
  if (byDistrict === (flags.total !== undefined)) {
    throw new UserError('give --total N for the whole region or --district-total ID=N (repeatable), not both');
  }
  const seed = flags.seed === undefined ? 1 : wholeNumber('--seed', flags.seed);
  const jitterSigma = flags.jitter === undefined ? undefined : Number(flags.jitter);
  if (jitterSigma !== undefined && !(jitterSigma >= 0 && jitterSigma <= 2)) {
    throw new UserError(`--jitter must be a number from 0 to 2 (got "${flags.jitter}")`);
  }
  const target = flags.target ?? 'settlements';
  if (target !== 'settlements' && target !== 'buildings') {
    throw new UserError(`--target must be settlements or buildings (got "${flags.target}")`);
  }
  const source = await loadSourceRegion(path, flags);
  const mapping = source.region.manifest.layers[target];
  if (!mapping) throw new UserError(`${path}: has no ${target} layer to fill`);
  if (target === 'buildings' && source.region.manifest.layers.settlements) {
    throw new UserError(
      `${path}: has a settlements layer as well: people in buildings would be counted twice; remove "settlements" from region.json to count people by building`,
    );
  }
  let result;
  try {
    result = synthesizePopulation(source.region, {
      seed,
      target,
      total: byDistrict ? undefined : wholeNumber('--total', flags.total!),
      districtTotals: byDistrict ? districtTotals : undefined,
      classProperty: flags.classProperty,
      jitterSigma,
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UserError(`${path}: ${error.message}`);
    throw error;
  }
  const filled = result.scopes.reduce((n, s) => n + s.filled, 0);
  const syntheticProperty = mapping.synthetic ?? SYNTHETIC_POPULATION_PROPERTY;
  if (syntheticProperty !== SYNTHETIC_POPULATION_PROPERTY) {
    // The layer already names its own synthetic flag: set it too, so the model marks these points.
    for (const f of result.collection.features) {
      if (f.properties?.[SYNTHETIC_POPULATION_PROPERTY] === true) f.properties[syntheticProperty] = true;
    }
  }
  const { lon: _lon, lat: _lat, ...rest } = mapping;
  const newMapping: LayerMapping = {
    ...rest,
    path: geojsonPath(mapping.path),
    population: result.populationProperty,
    synthetic: syntheticProperty,
  };
  const old = source.region.manifest;
  const { allowMissingPopulation: _allow, ...manifestRest } = old;
  const manifest: RegionManifest = {
    ...manifestRest,
    ...(result.stillMissing > 0 ? { allowMissingPopulation: true } : {}),
    layers: { ...old.layers, [target]: newMapping },
    notes: [
      ...(old.notes ?? []),
      `SYNTHETIC: the populations of ${filled} ${target} were generated by \`regiontwin synthesize-population\` (seed ${seed}; ${result.scopes
        .map(
          (s) =>
            `${s.scope}: ${s.distributed} of ${s.total} people distributed by ${target === 'settlements' ? 'settlement class' : 'residential floor area'}`,
        )
        .join('; ')}); they are marked "${syntheticProperty}": true and are not observations.`,
    ],
  };
  await writeDerivedRegion(
    source,
    flags.out,
    Boolean(flags.force),
    { layer: target, mapping: newMapping, collection: result.collection },
    manifest,
  );
  if (flags.json) {
    context.out(JSON.stringify({ out: flags.out, scopes: result.scopes, stillMissing: result.stillMissing }, null, 2));
  } else {
    for (const s of result.scopes) {
      context.out(
        `${s.scope}: ${formatNumber(s.distributed)} of ${formatNumber(s.total)} people distributed over ${s.filled} ${target === 'settlements' ? 'settlement' : 'building'}${s.filled === 1 ? '' : 's'} without population (${formatNumber(s.known)} already known)`,
      );
    }
    context.out(
      `wrote ${flags.out}: ${filled} synthetic populations, marked "${syntheticProperty}": true` +
        (result.stillMissing > 0
          ? `; ${result.stillMissing} ${target} (outside the districts given${target === 'buildings' ? ', or not housing' : ''}) still have none`
          : ''),
    );
  }
  return 0;
}

/**
 * `regiontwin synthesize-roads <region> --out DIR`: for a region without roads, a synthetic road
 * skeleton between its settlements (minimum spanning tree plus nearest-neighbour links), written as
 * a roads layer whose every feature is `synthetic: true`.
 */
export async function synthesizeRoadsCommand(
  path: string,
  flags: SynthesizeRoadsFlags,
  context: CommandContext,
): Promise<number> {
  const nearestLinks = flags.nearestLinks === undefined ? 2 : wholeNumber('--nearest-links', flags.nearestLinks);
  const source = await loadSourceRegion(path, flags);
  const old = source.region.manifest;
  if (old.layers.roads) {
    throw new UserError(
      `${path}: already has a roads layer (${old.layers.roads.path}); a synthetic skeleton is only for regions without one`,
    );
  }
  const settlements = source.region.layers.settlements?.features ?? [];
  if (settlements.length < 2) throw new UserError(`${path}: needs at least 2 settlements to link`);
  const points = settlements.map(
    (f) => (f.geometry as { coordinates: number[] }).coordinates as unknown as [number, number],
  );
  const roads = synthesizeRoadSkeleton(points, { nearestLinks });
  const usedPaths = new Set(Object.values(old.layers).map((m) => m.path));
  const roadPath = usedPaths.has('roads.geojson') ? 'synthetic-roads.geojson' : 'roads.geojson';
  const mapping: LayerMapping = {
    path: roadPath,
    id: 'id',
    class: 'class',
    speedKmh: 'speedKmh',
    synthetic: 'synthetic',
  };
  const km = roads.features.reduce((sum, f) => sum + lengthMeters(f.geometry.coordinates), 0) / 1000;
  const manifest: RegionManifest = {
    ...old,
    layers: { ...old.layers, roads: mapping },
    notes: [
      ...(old.notes ?? []),
      `SYNTHETIC: the roads layer is not real roads. \`regiontwin synthesize-roads\` linked the settlements by their minimum spanning tree plus each one's ${nearestLinks} nearest Delaunay neighbours, straight, at ${SYNTHETIC_ROAD_SPEED_KMH.toFixed(2)} km/h (60 km/h over circuity 1.3); every feature is marked "synthetic": true.`,
    ],
  };
  await writeDerivedRegion(
    source,
    flags.out,
    Boolean(flags.force),
    { layer: 'roads', mapping, collection: roads },
    manifest,
  );
  const tree = roads.features.filter((f) => f.properties?.rule === 'spanning-tree').length;
  if (flags.json)
    context.out(JSON.stringify({ out: flags.out, links: roads.features.length, spanningTree: tree, km }, null, 2));
  else {
    context.out(
      `wrote ${flags.out}: ${roads.features.length} synthetic links (${tree} spanning tree, ${roads.features.length - tree} nearest-neighbour), ${formatNumber(km, 1)} km, between ${settlements.length} settlements; marked "synthetic": true, not real roads`,
    );
  }
  return 0;
}

function lengthMeters(line: number[][]): number {
  let m = 0;
  for (let i = 1; i < line.length; i++) m += haversineMeters(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
  return m;
}
