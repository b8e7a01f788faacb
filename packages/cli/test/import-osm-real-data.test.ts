/**
 * `regiontwin import osm` on real OpenStreetMap data: the 145 points of interest of Kostanay city
 * and the 60 malls of Astana (35 of them building outlines, one a multipolygon relation) from
 * ../shared/data/kazakhstan (ODbL, © OpenStreetMap contributors; never copied into the project),
 * written back as OSM XML at test time with their real tags, and imported against the real
 * district boundaries. Every expected number is counted here from the source GeoJSON, independently
 * of the importer: its tags, its own district labels, its geometry. Skipped without ../shared.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { compileRegion } from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { main } from '../src/main.js';
import { HAS_KOSTANAY } from './run-cli.js';

const DATA = join(import.meta.dirname, '../../../../shared/data/kazakhstan');
const read = (name: string) => JSON.parse(readFileSync(join(DATA, name), 'utf8')) as FeatureCollection;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regiontwin-osm-real-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const escape = (v: unknown) =>
  String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tagXml = (tags: Record<string, unknown>) =>
  Object.entries(tags)
    .filter(([k, v]) => v !== null && v !== undefined && typeof v !== 'object' && !k.startsWith('@'))
    .map(([k, v]) => `<tag k="${escape(k)}" v="${escape(v)}"/>`)
    .join('');

/** OSM XML of points (nodes with tags) and polygons (a closed way, or a multipolygon relation of one untagged outer way). */
function toOsmXml(points: { tags: Record<string, unknown>; at: number[] }[], areas: Feature<Polygon>[]): string {
  let nextNode = 1;
  let nextWay = 1;
  const nodes: string[] = [];
  const ways: string[] = [];
  const relations: string[] = [];
  for (const p of points)
    nodes.push(`<node id="${nextNode++}" lat="${p.at[1]}" lon="${p.at[0]}">${tagXml(p.tags)}</node>`);
  for (const area of areas) {
    const ring = area.geometry.coordinates[0];
    const first = nextNode;
    const refs = ring.slice(0, -1).map((c) => {
      nodes.push(`<node id="${nextNode}" lat="${c[1]}" lon="${c[0]}"/>`);
      return nextNode++;
    });
    refs.push(first);
    const [type, id] = String(area.properties?.['@id']).split('/');
    const nds = refs.map((r) => `<nd ref="${r}"/>`).join('');
    if (type === 'relation') {
      ways.push(`<way id="${nextWay}">${nds}</way>`);
      relations.push(
        `<relation id="${id}"><member type="way" ref="${nextWay++}" role="outer"/>${tagXml(area.properties ?? {})}</relation>`,
      );
    } else ways.push(`<way id="${id}">${nds}${tagXml(area.properties ?? {})}</way>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n${[...nodes, ...ways, ...relations].join('\n')}\n</osm>\n`;
}

describe.skipIf(!HAS_KOSTANAY)('import osm on real OpenStreetMap data', () => {
  it('Kostanay: 19 settlements and the city POIs become the settlement and facility layers the source counts', async () => {
    const settlements = read('kostanay_settlements.geojson');
    const pois = read('kostanay_city_pois_osm.geojson');
    const points = [
      ...settlements.features.map((f) => ({
        at: (f.geometry as Point).coordinates,
        tags: {
          place: Number(f.properties?.population ?? 0) >= 100_000 ? 'city' : 'town',
          name: f.properties?.name_ru,
          'name:en': f.properties?.name_en,
          population: f.properties?.population,
        },
      })),
      ...pois.features.map((f) => ({
        at: (f.geometry as Point).coordinates,
        tags: { amenity: f.properties?.amenity, name: f.properties?.name },
      })),
    ];
    const file = join(dir, 'kostanay.osm');
    await writeFile(file, toOsmXml(points, []));
    const out = join(dir, 'kostanay');
    const r = await cli(['import', 'osm', file, '--boundary', join(DATA, 'kostanay_districts.geojson'), '--out', out]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'import-report.json'), 'utf8'));

    // Settlements: all 19 lie in the oblast; those without a population in the source have none.
    const withoutPopulation = settlements.features.filter((f) => f.properties?.population == null).length;
    expect(report.settlements).toMatchObject({ imported: 19, outsideBoundary: 0, withoutPopulation });
    // Facilities by the documented table (docs/importing-data.md): the source's amenity values
    // that the table maps, counted from the source; fuel and music_school are not facilities.
    const mapped: Record<string, string> = {
      school: 'school',
      kindergarten: 'kindergarten',
      hospital: 'hospital',
      clinic: 'clinic',
      pharmacy: 'pharmacy',
      bank: 'bank',
    };
    const expectedKinds: Record<string, number> = {};
    for (const f of pois.features) {
      const kind = mapped[f.properties?.amenity];
      if (kind) expectedKinds[kind] = (expectedKinds[kind] ?? 0) + 1;
    }
    expect(report.facilities.byKind).toEqual(expectedKinds);
    expect(report.facilities.imported).toBe(142); // 145 − 2 fuel − 1 music_school (SOURCES.md)

    // Each facility lands in the district the source labels it with (its own district_pcode).
    const region = await loadRegion(out);
    const model = compileRegion(region);
    const districtOfPoi = new Map(
      pois.features.map((f, i) => [`n${settlements.features.length + 1 + i}`, f.properties?.district_pcode]),
    );
    const { facilities, districts } = model;
    let checked = 0;
    for (let i = 0; i < facilities.ids.length; i++) {
      expect(districts.ids[facilities.district[i]], facilities.ids[i]).toBe(districtOfPoi.get(facilities.ids[i]));
      checked++;
    }
    expect(checked).toBe(142);
    // And the people: the source's population total, person for person.
    const total = settlements.features.reduce((sum, f) => sum + Number(f.properties?.population ?? 0), 0);
    const imported = JSON.parse(await readFile(join(out, 'settlements.geojson'), 'utf8')) as FeatureCollection;
    expect(imported.features.reduce((sum, f) => sum + Number(f.properties?.population ?? 0), 0)).toBe(total);
  });

  it("Astana: the malls' building outlines (one a multipolygon relation) with their levels, malls as facilities by an override", async () => {
    const malls = read('astana_malls_osm.geojson');
    const adm2 = read('kazakhstan_adm2_2024.geojson');
    const astana: FeatureCollection = {
      type: 'FeatureCollection',
      features: adm2.features.filter((f) => f.properties?.ADM1_EN === 'Astana (city)'),
    };
    expect(astana.features).toHaveLength(5);
    const boundary = join(dir, 'astana-districts.geojson');
    await writeFile(boundary, JSON.stringify(astana));
    const nodes = malls.features
      .filter((f) => f.geometry.type === 'Point')
      .map((f) => ({ at: (f.geometry as Point).coordinates, tags: f.properties ?? {} }));
    const areas = malls.features.filter((f) => f.geometry.type === 'Polygon') as Feature<Polygon>[];
    const file = join(dir, 'astana.osm');
    // Buildings alone cannot be counted people with; one populated place (synthetic, labelled) makes the region valid.
    const centre = { at: [71.43, 51.13], tags: { place: 'city', name: 'synthetic test place', population: 1 } };
    await writeFile(file, toOsmXml([centre, ...nodes], areas));
    const kinds = join(dir, 'mall-kinds.json');
    await writeFile(kinds, JSON.stringify({ 'shop=mall': 'mall' }));
    const out = join(dir, 'astana');
    const r = await cli(['import', 'osm', file, '--boundary', boundary, '--out', out, '--facility-kinds', kinds]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'import-report.json'), 'utf8'));
    const buildings = JSON.parse(await readFile(join(out, 'buildings.geojson'), 'utf8')) as FeatureCollection;

    // Every outline is written or listed with its reason; none silently lost.
    const sourceIds = areas.map((f) => {
      const [type, id] = String(f.properties?.['@id']).split('/');
      return `${type[0]}${id}`;
    });
    const dropped = report.dropped
      .filter((d: { layer: string }) => d.layer === 'buildings')
      .map((d: { osmId: string }) => d.osmId);
    expect([...buildings.features.map((f) => String(f.properties?.osm_id)), ...dropped].sort()).toEqual(
      [...sourceIds].sort(),
    );
    expect(report.buildings.outsideBoundary).toBe(0);
    // The relation is assembled from its (untagged) member way, on the second pass.
    expect(report.multipolygons).toEqual({ relations: 1, assembled: 1, outsideBoundary: 0, failed: 0 });
    const relation = buildings.features.find((f) => String(f.properties?.osm_id).startsWith('r'))!;
    const source = areas.find((f) => String(f.properties?.['@id']).startsWith('relation/'))!;
    expect(relation.geometry).toEqual(source.geometry); // the same ring, in the same (counter-clockwise) order
    expect(relation.properties?.['building:levels']).toBe(Number(source.properties?.['building:levels']));
    // Levels: each written building's number equals the source's text read as a number.
    const levelsOf = new Map(areas.map((f, i) => [sourceIds[i], f.properties?.['building:levels']]));
    for (const f of buildings.features) {
      const expected = levelsOf.get(String(f.properties?.osm_id));
      expect(f.properties?.['building:levels'], String(f.properties?.osm_id)).toBe(
        expected === undefined ? undefined : Number(expected),
      );
    }
    // Malls as facilities through --facility-kinds: every source feature with shop=mall, point or area.
    const expectedMalls = malls.features.filter((f) => f.properties?.shop === 'mall').length;
    expect(report.facilities.byKind).toEqual({ mall: expectedMalls });
    const validated = await cli(['validate', out]);
    expect(validated.code, validated.err).toBe(0);
  });
});
