import { compileRegion, generateSyntheticRegion, loadRegionFromObjects, type RegionModel } from '@regiontwin/core';

/** Options of the synthetic region the conformance test and the golden fixtures use: 3 × 2 districts. */
export const CONFORMANCE_REGION_OPTIONS = Object.freeze({
  seed: 4,
  districtColumns: 3,
  districtRows: 2,
  villagesPerDistrict: 8,
});

/** Compiles the synthetic conformance region (seeded, every feature labelled synthetic). */
export async function compileConformanceRegion(): Promise<RegionModel> {
  const region = generateSyntheticRegion({ ...CONFORMANCE_REGION_OPTIONS });
  return compileRegion(await loadRegionFromObjects(region.manifest, region.files));
}
