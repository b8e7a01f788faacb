import { compileRegion, loadRegionFromObjects, type RegionModel } from '@regiontwin/core';

/** A settlement or facility of a hand-made test region. */
export interface HandPoint {
  id: string;
  at: [number, number];
  population?: number;
  kind?: string;
  capacity?: number;
  name?: string;
}

/** A road of a hand-made test region. */
export interface HandRoad {
  id: string;
  highway: string;
  coordinates: [number, number][];
}

/** Districts as lon/lat boxes: [id, west, south, east, north]. */
export type HandBox = [string, number, number, number, number];

/**
 * Compiles a small hand-made region (test only): box districts, settlements, facilities (with
 * optional capacity) and roads, every property mapped by the names used here.
 */
export async function compileHandRegion(region: {
  districts: HandBox[];
  settlements: HandPoint[];
  facilities?: HandPoint[];
  roads?: HandRoad[];
}): Promise<RegionModel> {
  const point = (p: HandPoint) => ({
    type: 'Feature',
    properties: {
      id: p.id,
      name: p.name ?? p.id,
      ...(p.population !== undefined ? { population: p.population } : {}),
      ...(p.kind ? { amenity: p.kind } : {}),
      ...(p.capacity !== undefined ? { capacity: p.capacity } : {}),
    },
    geometry: { type: 'Point', coordinates: p.at },
  });
  const facilities = region.facilities ?? [];
  const files: Record<string, unknown> = {
    'd.geojson': {
      type: 'FeatureCollection',
      features: region.districts.map(([id, w, s, e, n]) => ({
        type: 'Feature',
        properties: { id, name: `${id} district` },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [w, s],
              [e, s],
              [e, n],
              [w, n],
              [w, s],
            ],
          ],
        },
      })),
    },
    's.geojson': { type: 'FeatureCollection', features: region.settlements.map(point) },
  };
  if (facilities.length) files['f.geojson'] = { type: 'FeatureCollection', features: facilities.map(point) };
  if (region.roads?.length) {
    files['r.geojson'] = {
      type: 'FeatureCollection',
      features: region.roads.map((r) => ({
        type: 'Feature',
        properties: { id: r.id, highway: r.highway },
        geometry: { type: 'LineString', coordinates: r.coordinates },
      })),
    };
  }
  return compileRegion(
    await loadRegionFromObjects(
      {
        schema: 'regiontwin/region@1',
        id: 'hand',
        name: 'Hand-made test region',
        layers: {
          districts: { path: 'd.geojson', id: 'id', name: 'name' },
          settlements: { path: 's.geojson', id: 'id', name: 'name', population: 'population' },
          ...(facilities.length
            ? {
                facilities: {
                  path: 'f.geojson',
                  id: 'id',
                  name: 'name',
                  kind: 'amenity',
                  ...(facilities.some((f) => f.capacity !== undefined) ? { capacity: 'capacity' } : {}),
                },
              }
            : {}),
          ...(region.roads?.length ? { roads: { path: 'r.geojson', id: 'id', class: 'highway' } } : {}),
        },
      },
      files as never,
    ),
  );
}
