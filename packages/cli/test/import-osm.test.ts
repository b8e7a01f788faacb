/**
 * `regiontwin import osm` on the hand-made fixture fixtures/osm/tiny.osm (and its PBF twin made
 * by osmium, see fixtures/osm/build-pbf.sh). Every count below was worked out by hand from the
 * fixture; fixtures/osm/README.md lists the elements and why each is kept, clipped or dropped.
 */
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString } from 'geojson';
import { compileRegion } from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { main } from '../src/main.js';

const root = join(import.meta.dirname, '../../..');
const fixture = (name: string) => join(root, 'fixtures/osm', name);

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function readJson<T = FeatureCollection>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** Great-circle distance, metres (mean Earth radius 6,371,008.8 m), written out here independently of core. */
function haversine(a: number[], b: number[]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regiontwin-osm-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('regiontwin import osm', () => {
  it('imports the XML fixture with the hand-counted layers', async () => {
    const out = join(dir, 'xml');
    const r = await cli([
      'import',
      'osm',
      fixture('tiny.osm'),
      '--boundary',
      fixture('boundary.geojson'),
      '--out',
      out,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = await readJson<Record<string, any>>(join(out, 'import-report.json')); // eslint-disable-line @typescript-eslint/no-explicit-any
    // 51 nodes, 16 ways, 2 relations in the file.
    expect(report.seen).toEqual({
      nodes: 51,
      ways: 16,
      relations: 2,
      invalidNodes: 0,
      nodesOutsideKeepBox: 0,
      waysOutsideKeepBox: 0,
      nodesAfterWays: false,
    });
    // Settlements: town n20, villages n21, n23, w200 (an area), hamlet n22; suburb n24 is not a
    // settlement; village n25 lies outside. n22 has no population, n23's "~300" is unreadable.
    expect(report.settlements).toEqual({
      imported: 5,
      outsideBoundary: 1,
      withoutPopulation: 2,
      populationUnreadable: 1,
      byClass: { town: 1, village: 3, hamlet: 1 },
    });
    // Facilities: schools n40 and w201 (a building with amenity=school), clinic n41
    // (healthcare=clinic), bank n42; a bench is not a facility; school n44 lies outside.
    expect(report.facilities).toEqual({ imported: 4, outsideBoundary: 1, byKind: { school: 2, clinic: 1, bank: 1 } });
    // Buildings: w201 (2 levels) and w202 (5 levels, 15 m) kept; w203 is not closed, w204 is a
    // bow tie (self-intersecting), w205 lies outside; relation 300, a multipolygon building whose
    // outer ring is w205 (tagged building too: the same building), lies outside, counted once.
    expect(report.buildings).toEqual({
      imported: 2,
      outsideBoundary: 1,
      withLevels: 2,
      withHeight: 1,
      fromRelations: 0,
    });
    expect(report.dropped.map((d: { osmId: string }) => d.osmId)).toEqual(['w203', 'w204']);
    expect(report.multipolygons).toEqual({ relations: 1, assembled: 0, outsideBoundary: 1, failed: 0 });
    // Roads: 9 routable ways (the footway w105 is not). w100 splits at n2 (shared with w101) and
    // n4 (shared with w102) into 3; w101, w102, w103, w104 (clipped at 53.10° N), w106, w108, w109
    // (cut at the missing node 999) give 1 each; w107 lies outside: 10 segments. One-way: w102
    // (oneway=yes), w103 (oneway=-1, reversed), w108 (motorway, implied). Fragments: the main
    // network, w106 and w109.
    expect(report.roads.ways).toBe(9);
    expect(report.roads.features).toBe(10);
    expect(report.roads.oneway).toBe(3);
    expect(report.roads.fragmentCount).toBe(3);
    expect(report.roads.fragments.map((f: { firstId: string }) => f.firstId)).toEqual(['w100.0', 'w106.0', 'w109.0']);
    expect(report.roads.missingNodeRefs).toBe(1);
    expect(report.roads.maxspeedUnreadable).toBe(1); // w102 maxspeed=signals
    // Cut off: w104 north of 53.10° (0.03° of latitude) and all of w107 (0.02° of longitude at 53.05° N).
    const outsideKm = (haversine([63.06, 53.1], [63.06, 53.13]) + haversine([63.3, 53.05], [63.32, 53.05])) / 1000;
    expect(report.roads.outsideKm).toBeCloseTo(outsideKm, 2); // ±0.005 km (report rounds to metres)

    const roads = await readJson(join(out, 'roads.geojson'));
    const byId = new Map(roads.features.map((f) => [f.properties?.id, f]));
    expect([...byId.keys()].sort()).toEqual(
      ['w100.0', 'w100.1', 'w100.2', 'w101.0', 'w102.0', 'w103.0', 'w104.0', 'w106.0', 'w108.0', 'w109.0'].sort(),
    );
    // Split at shared nodes: the middle piece of w100 runs n2 → n3 → n4.
    expect((byId.get('w100.1')!.geometry as LineString).coordinates).toEqual([
      [63.06, 53.05],
      [63.1, 53.05],
      [63.14, 53.05],
    ]);
    // oneway=-1 is written reversed as oneway=yes: n9 → n8.
    expect(byId.get('w103.0')!.properties).toMatchObject({ oneway: 'yes' });
    expect((byId.get('w103.0')!.geometry as LineString).coordinates).toEqual([
      [63.17, 53.02],
      [63.14, 53.02],
    ]);
    // Clipped at the boundary: ends on 53.10° N.
    expect((byId.get('w104.0')!.geometry as LineString).coordinates).toEqual([
      [63.06, 53.09],
      [63.06, 53.1],
    ]);
    expect(byId.get('w101.0')!.properties).toMatchObject({ maxspeed: 60 }); // RU:urban
    expect(byId.get('w100.0')!.properties).toMatchObject({ maxspeed: 80, oneway: 'no' });

    const settlements = await readJson(join(out, 'settlements.geojson'));
    const pop = Object.fromEntries(settlements.features.map((f) => [f.properties?.osm_id, f.properties?.population]));
    expect(pop).toEqual({ n20: 12000, n21: 1250, n22: null, n23: null, w200: 400 });
    // The area's point is the mean of its ring: (63.16 + 63.17) / 2, (53.08 + 53.09) / 2.
    const area = settlements.features.find((f) => f.properties?.osm_id === 'w200')!;
    expect(area.geometry).toEqual({ type: 'Point', coordinates: [63.165, 53.085] });

    const validate = await cli(['validate', out]);
    expect(validate.code).toBe(0);
    // 5 settlements, 13,650 people; 15 distinct road vertices.
    expect(validate.out).toContain('5 demand points (13,650 people)');
    expect(validate.out).toContain('15 road nodes');
  });

  it('gives the same region from the PBF made by osmium', async () => {
    const xml = join(dir, 'xml-same');
    const pbf = join(dir, 'pbf-same');
    const args = ['--boundary', fixture('boundary.geojson'), '--id', 'same'];
    expect((await cli(['import', 'osm', fixture('tiny.osm'), ...args, '--out', xml])).code).toBe(0);
    expect((await cli(['import', 'osm', fixture('tiny.osm.pbf'), ...args, '--out', pbf])).code).toBe(0);
    const files = (await readdir(xml)).sort();
    expect(files).toEqual((await readdir(pbf)).sort());
    for (const file of files) {
      expect(await readFile(join(pbf, file), 'utf8'), file).toBe(await readFile(join(xml, file), 'utf8'));
    }
  });

  it('imports multipolygon buildings from their untagged member ways (fixtures/osm/multipolygon.osm)', async () => {
    const args = ['--boundary', fixture('boundary.geojson'), '--id', 'mp'];
    const xml = join(dir, 'mp-xml');
    const pbf = join(dir, 'mp-pbf');
    const r = await cli(['import', 'osm', fixture('multipolygon.osm'), ...args, '--out', xml]);
    expect(r.code, r.err).toBe(0);
    expect((await cli(['import', 'osm', fixture('multipolygon.osm.pbf'), ...args, '--out', pbf])).code).toBe(0);
    for (const file of await readdir(xml)) {
      expect(await readFile(join(pbf, file), 'utf8'), file).toBe(await readFile(join(xml, file), 'utf8'));
    }
    /**
     * Planar signed area of a closed ring, deg² (shoelace, relative to its first vertex so that
     * no precision is lost to 63 × 53): positive when counter-clockwise. Compared to 1e-14 deg².
     */
    const signedArea = (ring: number[][]) => {
      const [x0, y0] = ring[0];
      let sum = 0;
      for (let i = 1; i < ring.length; i++) {
        sum += (ring[i - 1][0] - x0) * (ring[i][1] - y0) - (ring[i][0] - x0) * (ring[i - 1][1] - y0);
      }
      return sum / 2;
    };
    const buildings = await readJson(join(xml, 'buildings.geojson'));
    expect(buildings.features.map((f) => f.properties?.osm_id)).toEqual(['r400', 'r410']);
    // r400 (fixtures/osm/README.md): outer ring of ways 401 + 402 (reversed), 0.001° × 0.0006° =
    // 6e-7 deg², counter-clockwise; courtyard way 403, 0.0004° × 0.0002° = 8e-8 deg², clockwise.
    const [courtyard, twin] = buildings.features;
    expect(courtyard.geometry.type).toBe('Polygon');
    const rings = (courtyard.geometry as { coordinates: number[][][] }).coordinates;
    expect(rings.map((ring) => ring.length)).toEqual([5, 5]);
    expect(signedArea(rings[0])).toBeCloseTo(6e-7, 14);
    expect(signedArea(rings[1])).toBeCloseTo(-8e-8, 14);
    expect(courtyard.properties).toMatchObject({ building: 'yes', 'building:levels': 3 });
    // r410: two outers (roles outer and '') → a MultiPolygon, 0.0005° × 0.0004° and 0.0003° × 0.0003°.
    expect(twin.geometry.type).toBe('MultiPolygon');
    const parts = (twin.geometry as { coordinates: number[][][][] }).coordinates;
    expect(parts.map((p) => p.length)).toEqual([1, 1]);
    expect(signedArea(parts[0][0])).toBeCloseTo(2e-7, 14);
    expect(signedArea(parts[1][0])).toBeCloseTo(9e-8, 14);
    const report = await readJson<{
      multipolygons: unknown;
      buildings: { fromRelations: number };
      dropped: unknown[];
    }>(join(xml, 'import-report.json'));
    // 400, 410 and 420 are buildings; 430 (forest) and 440 (a site) are of no interest.
    expect(report.multipolygons).toEqual({ relations: 3, assembled: 2, outsideBoundary: 0, failed: 1 });
    expect(report.buildings.fromRelations).toBe(2);
    expect(report.dropped).toEqual([
      {
        layer: 'buildings',
        osmId: 'r420',
        reason:
          'its rings cannot be assembled: the ring is not closed: way 422 ends at node 1044, where no other member way continues',
      },
    ]);
    expect(r.out).toContain(
      'multipolygon relations: 3 relations of interest, 2 assembled inside the boundary (2 buildings), 0 outside, 1 that cannot be assembled (listed in import-report.json)',
    );
    const validated = await cli(['validate', xml]);
    expect(validated.code, validated.err).toBe(0);
    expect(validated.out).toContain('2 buildings');
    // The compiled model keeps the shapes the viewer extrudes: r400 one part of two rings (the
    // courtyard a hole), r410 two parts of one ring each.
    const { buildings: table } = compileRegion(await loadRegion(xml));
    const partsAndRings = Array.from({ length: table.count }, (_, b) =>
      Array.from({ length: table.partOffsets[b + 1] - table.partOffsets[b] }, (_, k) => {
        const p = table.partOffsets[b] + k;
        return table.ringOffsets[p + 1] - table.ringOffsets[p];
      }),
    );
    expect(partsAndRings).toEqual([[2], [1, 1]]);
  });

  it('reads Overpass JSON (nodes listed after the ways that use them)', async () => {
    const overpass = {
      elements: [
        { type: 'way', id: 1, nodes: [10, 11, 12], tags: { highway: 'residential' } },
        { type: 'node', id: 20, lat: 53.06, lon: 63.03, tags: { place: 'village', population: '300' } },
        { type: 'node', id: 10, lat: 53.05, lon: 63.02 },
        { type: 'node', id: 11, lat: 53.05, lon: 63.05 },
        { type: 'node', id: 12, lat: 53.05, lon: 63.15 },
      ],
    };
    const file = join(dir, 'overpass.json');
    await writeFile(file, JSON.stringify(overpass));
    const out = join(dir, 'overpass');
    const r = await cli(['import', 'osm', file, '--boundary', fixture('boundary.geojson'), '--out', out]);
    expect(r.code).toBe(0);
    const roads = await readJson(join(out, 'roads.geojson'));
    // One way, crossing the inner district border at 63.10° E: no vertex added there.
    expect(roads.features).toHaveLength(1);
    expect((roads.features[0].geometry as LineString).coordinates).toHaveLength(3);
    expect((await cli(['validate', out])).code).toBe(0);
  });

  it('keeps only the largest road fragment with --drop-fragments', async () => {
    const out = join(dir, 'dropped');
    const r = await cli([
      'import',
      'osm',
      fixture('tiny.osm'),
      '--boundary',
      fixture('boundary.geojson'),
      '--out',
      out,
      '--drop-fragments',
    ]);
    expect(r.code).toBe(0);
    const roads = await readJson(join(out, 'roads.geojson'));
    expect(roads.features).toHaveLength(8); // 10 − w106 − w109
    const report = await readJson<{ roads: { droppedFragments: number; droppedFragmentKm: number } }>(
      join(out, 'import-report.json'),
    );
    expect(report.roads.droppedFragments).toBe(2);
    const km = (haversine([63.03, 53.02], [63.04, 53.02]) + haversine([63.09, 53.02], [63.095, 53.02])) / 1000;
    expect(report.roads.droppedFragmentKm).toBeCloseTo(km, 2);
  });

  it('applies a facility table override (a rule removed, one added)', async () => {
    const table = join(dir, 'kinds.json');
    await writeFile(table, JSON.stringify({ 'amenity=bank': null, 'amenity=bench': 'bench' }));
    const out = join(dir, 'kinds');
    const r = await cli([
      'import',
      'osm',
      fixture('tiny.osm'),
      '--boundary',
      fixture('boundary.geojson'),
      '--out',
      out,
      '--facility-kinds',
      table,
    ]);
    expect(r.code).toBe(0);
    const report = await readJson<{ facilities: { byKind: Record<string, number> } }>(join(out, 'import-report.json'));
    expect(report.facilities.byKind).toEqual({ school: 2, clinic: 1, bench: 1 });
  });

  it('rejects bad input with one clear line and writes nothing', async () => {
    const notOsm = join(dir, 'not-osm.txt');
    await writeFile(notOsm, 'hello');
    const out = join(dir, 'never');
    let r = await cli(['import', 'osm', notOsm, '--boundary', fixture('boundary.geojson'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: ${notOsm}: is not an OSM file (expected .osm.pbf, OSM XML or Overpass JSON)`);
    const broken = join(dir, 'broken.osm');
    await writeFile(broken, '<osm><node id="1" lat="53" lon="63"></osm>');
    r = await cli(['import', 'osm', broken, '--boundary', fixture('boundary.geojson'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: .*broken\.osm: .*not well-formed XML/);
    // Damaged compressed data inside a block: zlib fails while inflating it (this once escaped the
    // stream as an uncaught exception).
    const damaged = Buffer.from(await readFile(fixture('tiny.osm.pbf')));
    for (let i = 600; i < 604; i++) damaged[i] ^= 0xff;
    const damagedPbf = join(dir, 'damaged.osm.pbf');
    await writeFile(damagedPbf, damaged);
    r = await cli(['import', 'osm', damagedPbf, '--boundary', fixture('boundary.geojson'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `error: ${damagedPbf}: cannot be read as OSM PBF (a compressed block is damaged: incorrect data check)`,
    );
    const overpass = join(dir, 'bad-overpass.json');
    await writeFile(overpass, '{"elements": [{"type": "node", "id": 1, "lat": 1e999, "lon": 63}]}');
    r = await cli(['import', 'osm', overpass, '--boundary', fixture('boundary.geojson'), '--out', out]);
    expect(r.err).toBe(`error: ${overpass}: element node 1: needs numeric "lat" and "lon"`);
    await writeFile(overpass, '{"elements": [null]}');
    r = await cli(['import', 'osm', overpass, '--boundary', fixture('boundary.geojson'), '--out', out]);
    expect(r.err).toBe(`error: ${overpass}: elements[0] is not an object`);
    const unsorted = join(dir, 'unsorted.osm');
    await writeFile(
      unsorted,
      '<osm><node id="1" lat="53.05" lon="63.05"><tag k="place" v="village"/></node><way id="5"><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/></way><node id="2" lat="53.05" lon="63.06"/><node id="3" lat="53.05" lon="63.07"/></osm>',
    );
    r = await cli(['import', 'osm', unsorted, '--boundary', fixture('boundary.geojson'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `error: ${unsorted}: lists nodes after ways (not sorted by type and id), so ways cannot be placed while reading; sort it first: osmium sort unsorted.osm -o sorted.osm.pbf`,
    );
    const badPbf = join(dir, 'bad.osm.pbf');
    const pbf = await readFile(fixture('tiny.osm.pbf'));
    await writeFile(badPbf, pbf.subarray(0, pbf.length - 40));
    r = await cli(['import', 'osm', badPbf, '--boundary', fixture('boundary.geojson'), '--out', out]);
    expect(r.code).toBe(1);
    // Cut 40 bytes short: the last block is incomplete, and the message says the file is truncated.
    expect(r.err).toMatch(
      /^error: .*bad\.osm\.pbf: cannot be read as OSM PBF \(the file ends in the middle of a block, so it is truncated; download or export it again\)$/,
    );
    const boundary = join(dir, 'boundary-points.geojson');
    await writeFile(
      boundary,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [63, 53] } }],
      }),
    );
    r = await cli(['import', 'osm', fixture('tiny.osm'), '--boundary', boundary, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(`error: --boundary ${boundary}: not a valid districts layer, 1 problem`);
    await expect(readdir(out)).rejects.toThrow(); // nothing written
  });

  it('refuses to overwrite an earlier region without --force', async () => {
    const out = join(dir, 'twice');
    const args = ['import', 'osm', fixture('tiny.osm'), '--boundary', fixture('boundary.geojson'), '--out', out];
    expect((await cli(args)).code).toBe(0);
    const again = await cli(args);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds region.json');
    expect((await cli([...args, '--force'])).code).toBe(0);
  });
});

describe('the imported fixture region in a scenario (network travel times)', () => {
  it('matches the committed fixtures/osm/tiny-region (REGEN=1 rewrites it)', async () => {
    const out = process.env.REGEN ? fixture('tiny-region') : join(dir, 'golden');
    if (process.env.REGEN) await mkdir(out, { recursive: true });
    const r = await cli([
      'import',
      'osm',
      fixture('tiny.osm'),
      '--boundary',
      fixture('boundary.geojson'),
      '--out',
      out,
      '--id',
      'osm-tiny',
      '--name',
      'Tiny OSM fixture',
      '--force',
    ]);
    expect(r.code).toBe(0);
    for (const file of await readdir(fixture('tiny-region'))) {
      expect(await readFile(join(out, file), 'utf8'), file).toBe(
        await readFile(fixture(`tiny-region/${file}`), 'utf8'),
      );
    }
  });

  it('routes Eastvillage to school n40 along the primary road', async () => {
    const r = await cli(['run', fixture('tiny-scenario.json'), '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    // Eastvillage (1,250 people) → nearest road node n4 (63.14, 53.05) on foot at 20 km/h, the
    // primary road (maxspeed 80) west to n1 (63.02, 53.05), on foot to school n40. Straight to
    // the school at 20 km/h is slower (≈ 23.6 min), and without roads (× 1.3 at 60 km/h) it would be
    // ≈ 10.2 min, inside both thresholds: the thresholds below tell the network model apart.
    const village = [63.15, 53.04];
    const school = [63.035, 53.055];
    const walk = (m: number) => m / (20 / 3.6) / 60;
    const drive = (m: number) => m / (80 / 3.6) / 60;
    const minutes =
      walk(haversine(village, [63.14, 53.05])) +
      drive(
        haversine([63.14, 53.05], [63.1, 53.05]) +
          haversine([63.1, 53.05], [63.06, 53.05]) +
          haversine([63.06, 53.05], [63.02, 53.05]),
      ) +
      walk(haversine(school, [63.02, 53.05]));
    expect(minutes).toBeGreaterThan(13.2); // ≈ 13.36 min: outside 13, inside 14
    expect(minutes).toBeLessThan(13.5);
    const east = (i: number) => result.indicators[i].byDistrict.find((d: { id: string }) => d.id === 'E');
    // Baseline, district E: Eastvillage (13.4 min) is not within 13 min but is within 14;
    // Areaville (400) is ≈ 18.6 min away. The scenario adds a school at Areaville.
    expect(east(0)).toMatchObject({ baseline: 0, scenario: 400 });
    expect(east(1)).toMatchObject({ baseline: 1250, scenario: 1650 });
    // West: Westtown (12,000) is 0.65 km from school n40 (≈ 2 min on foot).
    expect(result.indicators[1].byDistrict.find((d: { id: string }) => d.id === 'W')).toMatchObject({
      baseline: 12000,
      scenario: 12000,
    });
  });
});
