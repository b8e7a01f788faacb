import { compileRegion, formatRegionProblem, RegionValidationError, summarizeRegionModel } from '@regiontwin/core';
import type { RegionValidationOptions } from '@regiontwin/core';
import type { Command } from 'commander';
import { loadRegion } from '@regiontwin/core/node';
import { UserError } from '../user-error.js';
import { formatNumber } from '../format.js';

/** The loader's size-limit flags (`--max-file-mb` …), shared by every command that loads a region. */
export interface RegionLimitFlags {
  maxFileMb?: string;
  maxFeatures?: string;
  maxVertices?: string;
  maxFeatureVertices?: string;
}

/** Options of `regiontwin validate`. */
export interface ValidateOptions extends RegionLimitFlags {
  json?: boolean;
  allowMissingPopulation?: boolean;
}

/** Builds loader options from the CLI's limit flags. */
export function regionOptionsFromFlags(flags: ValidateOptions): RegionValidationOptions {
  const limits: RegionValidationOptions['limits'] = {};
  const positive = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UserError(`--${flag} must be a positive number (got "${value}")`);
    return n;
  };
  const mb = positive('max-file-mb', flags.maxFileMb);
  if (mb !== undefined) limits.maxFileBytes = Math.round(mb * 1024 * 1024);
  const features = positive('max-features', flags.maxFeatures);
  if (features !== undefined) limits.maxFeatures = features;
  const vertices = positive('max-vertices', flags.maxVertices);
  if (vertices !== undefined) limits.maxVertices = vertices;
  const featureVertices = positive('max-feature-vertices', flags.maxFeatureVertices);
  if (featureVertices !== undefined) limits.maxVerticesPerFeature = featureVertices;
  return { allowMissingPopulation: flags.allowMissingPopulation, limits };
}

/**
 * `regiontwin validate <region-dir>`: loads, validates and compiles a region. Prints a one-line
 * summary (or JSON) and returns 0, or throws a UserError listing every problem (exit 1).
 */
export async function validateCommand(
  dir: string,
  flags: ValidateOptions,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  let region;
  try {
    region = await loadRegion(dir, regionOptionsFromFlags(flags));
  } catch (error) {
    if (error instanceof RegionValidationError) {
      const errors = error.problems.filter((p) => p.severity === 'error');
      throw new UserError(
        `${dir}: invalid region, ${errors.length} problem${errors.length === 1 ? '' : 's'}`,
        error.problems.map(formatRegionProblem),
        { valid: false, problems: error.problems },
      );
    }
    throw error;
  }
  const summary = summarizeRegionModel(compileRegion(region));
  if (flags.json) {
    out(JSON.stringify({ valid: true, summary, warnings: region.warnings }, null, 2));
    return 0;
  }
  for (const warning of region.warnings) err(formatRegionProblem(warning));
  const layers = region.manifest.layers;
  const parts = [
    `${summary.districts} districts`,
    `${summary.demandPoints} demand points (${formatNumber(summary.population)} people)`,
    layers.facilities ? `${summary.facilities} facilities` : undefined,
    layers.roads ? `${summary.roadNodes} road nodes, ${formatNumber(summary.roadKm, 1)} km of road` : undefined,
    layers.buildings ? `${summary.buildings} buildings` : undefined,
  ].filter(Boolean);
  const bbox = summary.bbox.map((v) => v.toFixed(5)).join(', ');
  out(`valid: ${summary.id} "${summary.name}": ${parts.join(', ')}; bbox [${bbox}]`);
  return 0;
}

/** Adds the loader's size-limit flags to a command that loads a region. */
export function withRegionLimits(command: Command): Command {
  return command
    .option('--max-file-mb <mb>', 'largest layer file accepted, MiB (default 256)')
    .option('--max-features <n>', 'most features in one layer (default 5000000)')
    .option('--max-vertices <n>', 'most coordinate positions in one layer (default 50000000)')
    .option('--max-feature-vertices <n>', 'most coordinate positions in one feature (default 1000000)');
}
