/**
 * The three OSM readers pass each relation's members (type, ref, role) in file order. The
 * fixture fixtures/osm/multipolygon.osm (and its PBF twin made by osmium, fixtures/osm/build-pbf.sh)
 * is read as XML, as PBF and, rebuilt from the same elements, as Overpass JSON, into a collector
 * that records what it is given; the members expected are copied by hand from the fixture (see
 * fixtures/osm/README.md).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OsmCollection, OsmRelationMember } from '@regiontwin/core';
import { readOsmFile } from '../src/import/read-osm-file.js';

const root = join(import.meta.dirname, '../../..');
const fixture = (name: string) => join(root, 'fixtures/osm', name);

interface Recorded {
  nodes: { id: number; lon: number; lat: number; tags?: Record<string, string> }[];
  ways: { id: number; refs: number[]; tags?: Record<string, string> }[];
  relations: { id: number; tags?: Record<string, string>; members?: OsmRelationMember[] }[];
}

/**
 * A test double of the OsmCollector interface that records every call (copies, since a reader
 * may reuse its arrays). It keeps nothing for an import, so `finish` is never called here.
 */
function recordingCollector() {
  const recorded: Recorded = { nodes: [], ways: [], relations: [] };
  const collector = {
    addNode(id: number, lon: number, lat: number, tags?: Record<string, string>) {
      recorded.nodes.push({ id, lon, lat, tags });
    },
    addWay(id: number, refs: ArrayLike<number>, tags?: Record<string, string>) {
      recorded.ways.push({ id, refs: Array.from(refs), tags });
    },
    addRelation(id: number, tags?: Record<string, string>, members?: readonly OsmRelationMember[]) {
      recorded.relations.push({ id, tags, members: members?.map((m) => ({ ...m })) });
    },
    startMemberPass: () => false,
    finish: (): OsmCollection => {
      throw new Error('not used by these tests');
    },
  };
  return { collector, recorded };
}

/** The relations of fixtures/osm/multipolygon.osm, written out by hand from the file. */
const EXPECTED_RELATIONS = [
  {
    id: 400,
    members: [
      { type: 'way', ref: 401, role: 'outer' },
      { type: 'way', ref: 402, role: 'outer' },
      { type: 'way', ref: 403, role: 'inner' },
    ],
  },
  {
    id: 410,
    members: [
      { type: 'way', ref: 411, role: 'outer' },
      { type: 'way', ref: 412, role: '' },
    ],
  },
  {
    id: 420,
    members: [
      { type: 'way', ref: 421, role: 'outer' },
      { type: 'way', ref: 422, role: 'outer' },
    ],
  },
  { id: 430, members: [{ type: 'way', ref: 431, role: 'outer' }] },
  {
    id: 440,
    members: [
      { type: 'node', ref: 1, role: '' },
      { type: 'relation', ref: 400, role: 'part' },
      { type: 'way', ref: 500, role: '' },
    ],
  },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regiontwin-osm-members-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function record(path: string) {
  const { collector, recorded } = recordingCollector();
  const format = await readOsmFile(path, collector);
  return { format, recorded };
}

/** The same elements as Overpass JSON (`out body;`), nodes listed after the ways as Overpass does. */
function toOverpassJson(recorded: Recorded): string {
  const elements = [
    ...recorded.ways.map((w) => ({ type: 'way', id: w.id, nodes: w.refs, ...(w.tags && { tags: w.tags }) })),
    ...recorded.relations.map((r) => ({
      type: 'relation',
      id: r.id,
      members: r.members,
      ...(r.tags && { tags: r.tags }),
    })),
    ...recorded.nodes.map((n) => ({ type: 'node', id: n.id, lat: n.lat, lon: n.lon, ...(n.tags && { tags: n.tags }) })),
  ];
  return JSON.stringify({ version: 0.6, generator: 'regiontwin test', elements });
}

describe('OSM readers pass relation members', () => {
  it('XML: every relation with its members in file order', async () => {
    const { format, recorded } = await record(fixture('multipolygon.osm'));
    expect(format).toBe('xml');
    expect(recorded.relations.map(({ id, members }) => ({ id, members }))).toEqual(EXPECTED_RELATIONS);
    // The fixture's element counts (README): 27 nodes, 9 ways, 5 relations.
    expect([recorded.nodes.length, recorded.ways.length, recorded.relations.length]).toEqual([27, 9, 5]);
    expect(recorded.relations[0].tags).toEqual({
      type: 'multipolygon',
      building: 'yes',
      'building:levels': '3',
      name: 'Courtyard block',
    });
  });

  it('PBF (written by osmium) and Overpass JSON give exactly what XML gives', async () => {
    const xml = (await record(fixture('multipolygon.osm'))).recorded;
    const pbf = await record(fixture('multipolygon.osm.pbf'));
    expect(pbf.format).toBe('pbf');
    expect(pbf.recorded.relations).toEqual(xml.relations);
    expect(pbf.recorded.ways).toEqual(xml.ways);
    expect(pbf.recorded.nodes).toEqual(xml.nodes);

    const jsonPath = join(dir, 'multipolygon.json');
    await writeFile(jsonPath, toOverpassJson(xml));
    const json = await record(jsonPath);
    expect(json.format).toBe('overpass-json');
    expect(json.recorded.relations).toEqual(xml.relations);
    expect(json.recorded.relations.map(({ id, members }) => ({ id, members }))).toEqual(EXPECTED_RELATIONS);
  });

  it('Overpass JSON: a relation without "members" (out tags) has none; a role left out is empty', async () => {
    const path = join(dir, 'no-members.json');
    await writeFile(
      path,
      JSON.stringify({
        elements: [
          { type: 'relation', id: 7, tags: { type: 'multipolygon', building: 'yes' } },
          { type: 'relation', id: 8, members: [{ type: 'way', ref: 70 }] },
        ],
      }),
    );
    const { recorded } = await record(path);
    expect(recorded.relations.map((r) => r.members)).toEqual([[], [{ type: 'way', ref: 70, role: '' }]]);
  });

  it('XML: a member without a whole-number ref or of an unknown type is refused with its line', async () => {
    const cases = [
      { member: '<member type="way" ref="x12" role="outer"/>', reason: 'has no whole-number ref (ref="x12")' },
      { member: '<member type="way" role="outer"/>', reason: 'has no whole-number ref (ref="")' },
      { member: '<member type="area" ref="12" role="outer"/>', reason: 'has type="area" (node, way or relation)' },
    ];
    for (const { member, reason } of cases) {
      const path = join(dir, 'bad-member.osm');
      // The member sits on line 4.
      await writeFile(
        path,
        `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n  <relation id="9">\n    ${member}\n  </relation>\n</osm>\n`,
      );
      await expect(record(path)).rejects.toThrow(`${path}: line 4: <member> of relation 9 ${reason}`);
    }
  });

  it('Overpass JSON: a member without a type or ref is refused, naming the relation and the member', async () => {
    const path = join(dir, 'bad-member.json');
    await writeFile(
      path,
      JSON.stringify({ elements: [{ type: 'relation', id: 5, members: [{ type: 'way', ref: 1 }, { type: 'way' }] }] }),
    );
    await expect(record(path)).rejects.toThrow(
      `${path}: element relation 5: members[1] needs "type" (node, way or relation) and a whole-number "ref"`,
    );
  });
});
