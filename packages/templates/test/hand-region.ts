import { compileRegion, loadRegionFromObjects, type RegionModel } from '@regiontwin/core';

/** A settlement of a hand-made test region: id, lon, lat, people. */
export type HandSettlement = [id: string, lon: number, lat: number, population: number];
/** A facility of a hand-made test region: id, kind, lon, lat. */
export type HandFacility = [id: string, kind: string, lon: number, lat: number];

/**
 * Compiles a hand-made region without roads (so travel time is straight line × 1.3 at 60 km/h):
 * `districts` 1° × 1° squares side by side from lon 60, lat 50…51 (district i spans lon 60+i…61+i).
 */
export async function compileHandRegion(
  districts: number,
  settlements: HandSettlement[],
  facilities: HandFacility[] = [],
): Promise<RegionModel> {
  const square = (x0: number) => [
    [
      [x0, 50],
      [x0 + 1, 50],
      [x0 + 1, 51],
      [x0, 51],
      [x0, 50],
    ],
  ];
  const point = (properties: Record<string, unknown>, lon: number, lat: number) => ({
    type: 'Feature',
    properties,
    geometry: { type: 'Point', coordinates: [lon, lat] },
  });
  const layers: Record<string, unknown> = {
    districts: { path: 'd.geojson', id: 'id' },
    settlements: { path: 's.geojson', id: 'id', name: 'id', population: 'population' },
  };
  const files: Record<string, unknown> = {
    'd.geojson': {
      type: 'FeatureCollection',
      features: Array.from({ length: districts }, (_, i) => ({
        type: 'Feature',
        properties: { id: `D${i}` },
        geometry: { type: 'Polygon', coordinates: square(60 + i) },
      })),
    },
    's.geojson': {
      type: 'FeatureCollection',
      features: settlements.map(([id, lon, lat, population]) => point({ id, population }, lon, lat)),
    },
  };
  if (facilities.length) {
    layers.facilities = { path: 'f.geojson', id: 'id', kind: 'kind', name: 'id' };
    files['f.geojson'] = {
      type: 'FeatureCollection',
      features: facilities.map(([id, kind, lon, lat]) => point({ id, kind }, lon, lat)),
    };
  }
  return compileRegion(
    await loadRegionFromObjects(
      { schema: 'regiontwin/region@1', id: 'hand', name: 'Hand-made test region', layers } as never,
      files as never,
    ),
  );
}
