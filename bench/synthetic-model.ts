/**
 * Compiled models of seeded synthetic regions for the benchmarks, from the project's own
 * generator (`generateSyntheticRegion`, packages/core/src/synthetic): generated as GeoJSON,
 * validated by `loadRegionFromObjects` and compiled by `compileRegion`, exactly as a user's region
 * would be. Everything in them is synthetic (labelled so by the generator).
 */
import {
  compileRegion,
  generateSyntheticRegion,
  loadRegionFromObjects,
  type RegionModel,
  type SyntheticRegion,
  type SyntheticRegionOptions,
} from '../packages/core/src/index.js';

/** A generated region, its compiled model, and how long the set-up took (not part of any measurement). */
export interface SyntheticModel {
  region: SyntheticRegion;
  model: RegionModel;
  setupMs: number;
}

/** Generates, validates and compiles a synthetic region. */
export async function compileSyntheticModel(options: SyntheticRegionOptions): Promise<SyntheticModel> {
  const start = performance.now();
  const region = generateSyntheticRegion(options);
  const model = compileRegion(await loadRegionFromObjects(region.manifest, region.files));
  return { region, model, setupMs: performance.now() - start };
}

/** Sum of a typed array (populations). */
export function sumOf(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
