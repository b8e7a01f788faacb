/**
 * The streamed import: the region must not depend on how the layers are cut into chunks, the
 * chunked writer must write the same bytes as formatting a whole layer, and repeated OSM ids (a
 * merged or damaged file) must be dropped once, listed, not written twice.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection } from 'geojson';
import { buildOsmRegion, createOsmCollector, type OsmCollection } from '@regiontwin/core';
import { readOsmFile, type OsmReadState } from '../src/import/read-osm-file.js';
import { openOutputDir } from '../src/atomic-output.js';
import { createFeatureCollectionWriter, formatFeatureCollection } from '../src/import/format-feature-collection.js';
import { main } from '../src/main.js';
import { limitNote } from '../src/import/import-osm-command.js';

const root = join(import.meta.dirname, '../../..');
const fixture = (name: string) => join(root, 'fixtures/osm', name);

const quiet = { out: () => {}, err: () => {} };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regiontwin-osm-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(file: string, state?: OsmReadState): Promise<OsmCollection> {
  const collector = createOsmCollector({ keepBox: [62, 52, 65, 55] });
  await readOsmFile(file, collector, undefined, state);
  if (collector.startMemberPass()) await readOsmFile(file, collector, undefined, state);
  return collector.finish();
}

describe('streamed OSM import', () => {
  it('gives the same region whatever the chunk size, with and without dropping fragments', async () => {
    const boundary = JSON.parse(await readFile(fixture('boundary.geojson'), 'utf8'));
    for (const dropFragments of [false, true]) {
      const whole = buildOsmRegion(await collect(fixture('tiny.osm')), boundary, { regionId: 't', dropFragments });
      // One feature per chunk and two per chunk: every chunk boundary falls somewhere else.
      for (const chunkFeatures of [1, 2]) {
        const chunked = buildOsmRegion(await collect(fixture('tiny.osm')), boundary, {
          regionId: 't',
          dropFragments,
          chunkFeatures,
        });
        expect(chunked).toEqual(whole);
      }
      expect(Object.keys(whole.files).length).toBeGreaterThan(3);
    }
  });

  it('writes a layer chunk by chunk with the bytes of formatFeatureCollection', async () => {
    const feature = (i: number): Feature => ({
      type: 'Feature',
      properties: { id: `f${i}`, name: i % 2 ? 'Ä "quoted"' : null },
      geometry: { type: 'Point', coordinates: [63 + i / 10, 53] },
    });
    const out = await openOutputDir(join(dir, 'writer'), { force: false, markers: [] });
    const cases = { empty: [[]], one: [[0]], many: [[0, 1, 2], [], [3], [4, 5]] };
    const sizes: Record<string, number> = {};
    const lengths: Record<string, number> = {};
    for (const [name, chunks] of Object.entries(cases)) {
      const writer = createFeatureCollectionWriter(await out.stageFile(`${name}.geojson`));
      for (const chunk of chunks) await writer.add(chunk.map(feature));
      const written = await writer.end();
      expect(written.features).toBe(chunks.flat().length);
      sizes[name] = written.bytes;
      lengths[name] = written.characters;
    }
    await out.commit();
    for (const [name, chunks] of Object.entries(cases)) {
      const whole: FeatureCollection = { type: 'FeatureCollection', features: chunks.flat().map(feature) };
      const text = await readFile(join(dir, 'writer', `${name}.geojson`), 'utf8');
      expect(text, name).toBe(formatFeatureCollection(whole));
      // Bytes, not characters: the names hold a two-byte "Ä".
      expect(sizes[name], name).toBe(Buffer.byteLength(text));
      expect(lengths[name], name).toBe(text.length);
      expect(JSON.parse(text)).toEqual(whole);
    }
  });

  it('drops elements whose OSM id the file repeats, keeping the first copy', async () => {
    // Way 7 (a building) and node 3 (a village) appear twice, as when two extracts are concatenated.
    const xml = `<osm>
<node id="1" lat="53.05" lon="63.05"/><node id="2" lat="53.05" lon="63.051"/><node id="4" lat="53.051" lon="63.051"/>
<node id="3" lat="53.06" lon="63.06"><tag k="place" v="village"/><tag k="population" v="120"/></node>
<node id="3" lat="53.06" lon="63.06"><tag k="place" v="village"/><tag k="population" v="120"/></node>
<way id="7"><nd ref="1"/><nd ref="2"/><nd ref="4"/><nd ref="1"/><tag k="building" v="house"/></way>
<way id="8"><nd ref="1"/><nd ref="4"/><nd ref="2"/><nd ref="1"/><tag k="building" v="shed"/></way>
<way id="7"><nd ref="1"/><nd ref="2"/><nd ref="4"/><nd ref="1"/><tag k="building" v="house"/></way>
</osm>`;
    const file = join(dir, 'repeated.osm');
    await writeFile(file, xml);
    const out = join(dir, 'repeated');
    const err: string[] = [];
    const code = await main(['import', 'osm', file, '--boundary', fixture('boundary.geojson'), '--out', out], {
      out: () => {},
      err: (l) => err.push(l),
    });
    expect(code, err.join('\n')).toBe(0);
    const buildings = JSON.parse(await readFile(join(out, 'buildings.geojson'), 'utf8')) as FeatureCollection;
    expect(buildings.features.map((f) => f.properties?.osm_id)).toEqual(['w7', 'w8']);
    const settlements = JSON.parse(await readFile(join(out, 'settlements.geojson'), 'utf8')) as FeatureCollection;
    expect(settlements.features.map((f) => f.properties?.osm_id)).toEqual(['n3']);
    const report = JSON.parse(await readFile(join(out, 'import-report.json'), 'utf8'));
    const reason = 'the input repeats this OSM id (its first copy is kept)';
    expect(report.dropped).toEqual([
      { layer: 'settlements', osmId: 'n3', reason },
      { layer: 'buildings', osmId: 'w7', reason },
    ]);
    // And `regiontwin validate` accepts what was written (no duplicate ids left).
    expect(await main(['validate', out], { out: () => {}, err: () => {} })).toBe(0);
  });

  it('writes a building once when both its way and its multipolygon relation carry building=*', async () => {
    // Old-style tagging: way 7 is tagged building and is also the outer ring of building relation
    // 9, which adds a courtyard (way 8). The relation (with the hole) is written, the way is listed.
    const xml = `<osm>
<node id="1" lat="53.05" lon="63.05"/><node id="2" lat="53.05" lon="63.052"/><node id="3" lat="53.052" lon="63.052"/><node id="4" lat="53.052" lon="63.05"/>
<node id="5" lat="53.0505" lon="63.0505"/><node id="6" lat="53.0505" lon="63.0515"/><node id="7" lat="53.0515" lon="63.0515"/>
<node id="9" lat="53.06" lon="63.06"><tag k="place" v="village"/><tag k="population" v="50"/></node>
<way id="7"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="building" v="yes"/></way>
<way id="8"><nd ref="5"/><nd ref="6"/><nd ref="7"/><nd ref="5"/></way>
<relation id="9"><member type="way" ref="7" role="outer"/><member type="way" ref="8" role="inner"/><tag k="type" v="multipolygon"/><tag k="building" v="yes"/></relation>
</osm>`;
    const file = join(dir, 'old-style.osm');
    await writeFile(file, xml);
    const out = join(dir, 'old-style');
    const code = await main(['import', 'osm', file, '--boundary', fixture('boundary.geojson'), '--out', out], {
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(0);
    const buildings = JSON.parse(await readFile(join(out, 'buildings.geojson'), 'utf8')) as FeatureCollection;
    expect(
      buildings.features.map((f) => [
        f.properties?.osm_id,
        (f.geometry as { coordinates: unknown[] }).coordinates.length,
      ]),
    ).toEqual([['r9', 2]]);
    const report = JSON.parse(await readFile(join(out, 'import-report.json'), 'utf8'));
    expect(report.dropped).toEqual([
      { layer: 'buildings', osmId: 'w7', reason: 'it is the outer ring of relation r9, written instead' },
    ]);
    expect(report.buildings).toMatchObject({ imported: 1, outsideBoundary: 0, fromRelations: 1 });
  });

  it("notes a layer beyond the loader's default limits, with the flag that raises them", () => {
    const mib = 1024 * 1024;
    expect(limitNote('roads.geojson', { features: 10, bytes: 256 * mib, characters: 256 * mib })).toBeUndefined();
    // 256 MiB + 1 byte rounds up to 257 MiB; 5,000,001 features is one above the default.
    expect(limitNote('buildings.geojson', { features: 5_000_001, bytes: 256 * mib + 1, characters: 256 * mib })).toBe(
      'buildings.geojson is large: 257 MiB, above the default file limit of 256 MiB (--max-file-mb 257); 5000001 features, above the default 5000000 (--max-features 5000001); pass them to regiontwin validate, run, compare, sweep and synthesize-population.',
    );
    // 600 MiB of Cyrillic names can be fewer characters than a string holds: still loadable.
    expect(limitNote('roads.geojson', { features: 1, bytes: 600 * mib, characters: 400 * mib })).toMatch(
      / is large: 600 MiB/,
    );
    // Past 2^29 − 24 characters no flag helps (one string cannot hold the text): said so.
    expect(limitNote('roads.geojson', { features: 1, bytes: 600 * mib, characters: 600 * mib })).toBe(
      'roads.geojson is 600 MiB: more text than one JavaScript string can hold (about 512 MiB), so no regiontwin command can load it; import a smaller area (district by district, or an extract cut with osmium extract).',
    );
  });

  it('reads only the blocks with ways on the member pass of a PBF, and keeps the same members', async () => {
    const state: OsmReadState = {};
    const skipping = await collect(fixture('multipolygon.osm.pbf'), state);
    // osmium writes the OSMHeader, then one block each of nodes, ways and relations (fixture size).
    expect(state.blockHasWays).toEqual([false, false, true, false]);
    const full = await collect(fixture('multipolygon.osm.pbf'));
    expect(skipping).toEqual(full);
    // The member ways 401–403, 411, 412, 421, 422 are kept by the second pass (untagged, so the
    // first pass dropped them).
    expect(skipping.relations.flatMap((r) => r.members.map((m) => m.way >= 0))).toEqual(Array(7).fill(true));
  });

  it('writes a school once when its way and its multipolygon relation both carry the tags', async () => {
    // Way 100 and relation 500 both say building=school, amenity=school: one school, one building.
    const xml = `<osm>
<node id="1" lat="53.05" lon="63.05"/><node id="2" lat="53.05" lon="63.052"/><node id="3" lat="53.052" lon="63.052"/>
<node id="9" lat="53.06" lon="63.06"><tag k="place" v="village"/><tag k="population" v="50"/></node>
<way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="building" v="school"/><tag k="amenity" v="school"/></way>
<relation id="500"><member type="way" ref="100" role="outer"/><tag k="type" v="multipolygon"/><tag k="building" v="school"/><tag k="amenity" v="school"/></relation>
</osm>`;
    const file = join(dir, 'school-twice.osm');
    await writeFile(file, xml);
    const out = join(dir, 'school-twice');
    expect(await main(['import', 'osm', file, '--boundary', fixture('boundary.geojson'), '--out', out], quiet)).toBe(0);
    const ids = async (layer: string) =>
      (JSON.parse(await readFile(join(out, `${layer}.geojson`), 'utf8')) as FeatureCollection).features.map(
        (f) => f.properties?.osm_id,
      );
    expect(await ids('facilities')).toEqual(['r500']);
    expect(await ids('buildings')).toEqual(['r500']);
    const report = JSON.parse(await readFile(join(out, 'import-report.json'), 'utf8'));
    const reason = 'it is the outer ring of relation r500, written instead';
    expect(report.dropped).toEqual([
      { layer: 'facilities', osmId: 'w100', reason },
      { layer: 'buildings', osmId: 'w100', reason },
    ]);
  });

  it('Overpass JSON is read once; a relation whose ways the answer lacks is listed, not counted outside', async () => {
    const overpass = {
      elements: [
        { type: 'node', id: 9, lat: 53.06, lon: 63.06, tags: { place: 'village', population: '50' } },
        // `out tags` for the relation: its member way 999 is not in the answer.
        {
          type: 'relation',
          id: 700,
          members: [{ type: 'way', ref: 999, role: 'outer' }],
          tags: { type: 'multipolygon', building: 'yes' },
        },
      ],
    };
    const file = join(dir, 'no-members.json');
    await writeFile(file, JSON.stringify(overpass));
    const out = join(dir, 'no-members');
    expect(await main(['import', 'osm', file, '--boundary', fixture('boundary.geojson'), '--out', out], quiet)).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'import-report.json'), 'utf8'));
    expect(report.multipolygons).toEqual({ relations: 1, assembled: 0, outsideBoundary: 0, failed: 1 });
    expect(report.buildings.outsideBoundary).toBe(0);
    expect(report.dropped).toEqual([
      { layer: 'buildings', osmId: 'r700', reason: 'none of its member ways is in the input (w999…)' },
    ]);
    // The collector would ask for a member pass (way 999 is missing), but the import does not
    // read Overpass JSON twice: the answer is already whole.
    const collector = createOsmCollector();
    await readOsmFile(file, collector);
    expect(collector.startMemberPass()).toBe(true);
  });

  it('the member pass over a PBF reads fewer bytes than the file (the node blocks are skipped)', async () => {
    const state: OsmReadState = {};
    const collector = createOsmCollector();
    const pbf = fixture('multipolygon.osm.pbf');
    const size = (await readFile(pbf)).length;
    await readOsmFile(pbf, collector, undefined, state);
    expect(collector.startMemberPass()).toBe(true);
    const progress: number[] = [];
    await readOsmFile(pbf, collector, (bytes) => progress.push(bytes), state);
    // The last call reports the whole file as done; the ones before count the bytes actually read.
    expect(progress.at(-1)).toBe(size);
    expect(Math.max(...progress.slice(0, -1))).toBeLessThan(size);
    expect(collector.finish().relations[0].members.every((m) => m.way >= 0)).toBe(true);
  });

  it('reports progress in OSM elements: steadily up to a total known from the start', async () => {
    const boundary = JSON.parse(await readFile(fixture('boundary.geojson'), 'utf8'));
    for (const dropFragments of [false, true]) {
      const collection = await collect(fixture('tiny.osm'));
      // The tagged points, the multipolygon relation and the kept ways once each, and the road ways
      // once more per road pass (twice when fragments are dropped).
      let roadWays = 0;
      for (let w = 0; w < collection.ways.count; w++) if (collection.ways.roles[w] & 1) roadWays++;
      // tiny.osm's routable ways (fixtures/osm/README.md): w100–w104 and w106–w109; w105 is a footway.
      expect(roadWays).toBe(9);
      const total =
        collection.points.length +
        collection.relations.length +
        collection.ways.count +
        roadWays * (dropFragments ? 2 : 1);
      const calls: [number, number, string][] = [];
      buildOsmRegion(collection, boundary, {
        regionId: 't',
        dropFragments,
        onProgress: (done, all, step) => calls.push([done, all, step]),
      });
      expect(calls.every(([, all]) => all === total)).toBe(true);
      expect(calls.map(([done]) => done)).toEqual([...calls.map(([done]) => done)].sort((a, b) => a - b));
      expect(calls.at(-1)![0]).toBe(total);
      expect(calls.map(([, , step]) => step)).toEqual([
        'settlements and facilities',
        'multipolygons',
        'areas and buildings',
        'roads',
        'road fragments',
      ]);
    }
  });
});
