import { describe, expect, it } from 'vitest';
import { createOsmCollector, findOsmNode, osmWayAt, OSM_ROLE, type OsmCollection } from './osm-collector.js';

const wayIds = (c: OsmCollection) => Array.from({ length: c.ways.count }, (_, w) => c.ways.ids[w]);

describe('createOsmCollector', () => {
  it('keeps nodes inside the keep box and leaves out ways with none of their nodes kept', () => {
    const collector = createOsmCollector({ keepBox: [63, 53, 64, 54] });
    collector.addNode(1, 63.5, 53.5);
    collector.addNode(2, 63.6, 53.5);
    collector.addNode(3, 65.0, 53.5); // outside the box
    collector.addNode(4, 65.1, 53.5); // outside the box
    collector.addNode(5, 63.7, 53.5, { amenity: 'school', name: 'S', 'addr:street': 'Main' });
    collector.addNode(6, 1000, 53.5); // out of range: would wrap in int32 at 1e-7°
    collector.addNode(7, 63.5, NaN);
    collector.addWay(10, [1, 2], { highway: 'primary', surface: 'asphalt' });
    collector.addWay(11, [3, 4], { highway: 'primary' }); // all nodes outside: left out
    collector.addWay(12, [2, 3], { highway: 'primary' }); // one node inside: kept
    collector.addWay(13, [1, 2], { barrier: 'fence' }); // of no interest
    const c = collector.finish();
    expect(c.nodeCount).toBe(3);
    expect(c.seen).toMatchObject({
      nodes: 7,
      ways: 4,
      invalidNodes: 2,
      nodesOutsideKeepBox: 2,
      waysOutsideKeepBox: 1,
      nodesAfterWays: false,
    });
    expect(wayIds(c)).toEqual([10, 12]);
    // Only the tags an import reads are kept.
    expect(osmWayAt(c, 0).tags).toEqual({ highway: 'primary' });
    expect(c.points.map((p) => p.tags)).toEqual([{ amenity: 'school', name: 'S' }]);
    expect(findOsmNode(c, 2)).toBe(1);
    expect(findOsmNode(c, 3)).toBe(-1);
  });

  it('flags a node after a way (a way may have been left out wrongly) and sorts unsorted nodes', () => {
    const collector = createOsmCollector({ keepBox: [63, 53, 64, 54] });
    collector.addNode(7, 63.5, 53.5);
    collector.addWay(20, [8, 9], { highway: 'residential' }); // its nodes come later: left out
    collector.addNode(9, 63.6, 53.6);
    collector.addNode(8, 63.7, 53.7);
    collector.addWay(21, [8, 9], { highway: 'residential' }); // nodes out of order: no early filter
    const c = collector.finish();
    expect(wayIds(c)).toEqual([21]);
    // The reader must refuse such a result (the CLI asks for `osmium sort`).
    expect(c.seen).toMatchObject({ nodesAfterWays: true, waysOutsideKeepBox: 1 });
    expect(Array.from(c.nodeIds)).toEqual([7, 8, 9]);
    expect(Array.from(c.nodeE7)).toEqual([635000000, 535000000, 637000000, 537000000, 636000000, 536000000]);
  });

  it('interns equal tag sets: ways with the same kept tags share one entry', () => {
    const collector = createOsmCollector();
    collector.addNode(1, 63.5, 53.5);
    collector.addNode(2, 63.6, 53.5);
    collector.addNode(3, 63.6, 53.6);
    for (let id = 10; id < 15; id++) collector.addWay(id, [1, 2, 3, 1], { building: 'yes', source: `survey ${id}` });
    collector.addWay(15, [1, 2, 3, 1], { 'building:levels': '2', building: 'yes' });
    collector.addWay(16, [1, 2, 3, 1], { building: 'yes', 'building:levels': '2' }); // same tags, other order
    const c = collector.finish();
    expect(c.ways.count).toBe(7);
    // `source` is not kept, so ways 10–14 are all {building: yes}; 15 and 16 share the second set.
    expect(c.tagSets).toEqual([{ building: 'yes' }, { 'building:levels': '2', building: 'yes' }]);
    expect(Array.from(c.ways.tagSet.subarray(0, 7))).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(osmWayAt(c, 6)).toEqual({ id: 16, refStart: 24, refCount: 4, tags: c.tagSets[1], roles: OSM_ROLE.building });
  });

  it('keeps untagged member ways of a multipolygon in a second pass over the same stream', () => {
    // PBF order: nodes, ways, relations. The members 20 and 21 are untagged, so the first pass
    // drops them; way 22 belongs to a relation of no interest (landuse) and is never kept.
    const stream = (collector: ReturnType<typeof createOsmCollector>) => {
      collector.addNode(1, 63.5, 53.5);
      collector.addNode(2, 63.6, 53.5);
      collector.addNode(3, 63.6, 53.6);
      collector.addNode(4, 70, 53.6); // outside the keep box
      collector.addWay(20, [1, 2, 3]);
      collector.addWay(21, [3, 1]);
      collector.addWay(22, [1, 2, 3, 1]);
      collector.addWay(23, [4, 4]); // a member lying beyond the keep box
      collector.addRelation(30, { type: 'multipolygon', building: 'yes', name: 'Hall' }, [
        { type: 'way', ref: 20, role: 'outer' },
        { type: 'way', ref: 21, role: 'outer' },
        { type: 'way', ref: 23, role: 'outer' },
        { type: 'node', ref: 1, role: 'label' },
      ]);
      collector.addRelation(31, { type: 'multipolygon', landuse: 'forest' }, [{ type: 'way', ref: 22, role: 'outer' }]);
      collector.addRelation(32, { type: 'route', building: 'yes' }, [{ type: 'way', ref: 22, role: '' }]);
    };
    const collector = createOsmCollector({ keepBox: [63, 53, 64, 54] });
    stream(collector);
    expect(collector.startMemberPass()).toBe(true);
    stream(collector);
    const c = collector.finish();
    expect(wayIds(c)).toEqual([20, 21]);
    expect(osmWayAt(c, 0).roles).toBe(OSM_ROLE.member);
    // Counted once, although streamed twice.
    expect(c.seen).toMatchObject({ nodes: 4, ways: 4, relations: 3 });
    expect(c.relations).toEqual([
      {
        id: 30,
        tags: { building: 'yes', name: 'Hall' },
        roles: OSM_ROLE.building,
        members: [
          { wayId: 20, role: 'outer', way: 0, beyondKeepBox: false },
          { wayId: 21, role: 'outer', way: 1, beyondKeepBox: false },
          { wayId: 23, role: 'outer', way: -1, beyondKeepBox: true },
        ],
        otherMembers: 1,
      },
    ]);
  });

  it('needs no second pass when the relations come before their members', () => {
    const collector = createOsmCollector();
    collector.addNode(1, 63.5, 53.5);
    collector.addNode(2, 63.6, 53.5);
    collector.addRelation(30, { type: 'multipolygon', building: 'yes' }, [{ type: 'way', ref: 20, role: 'outer' }]);
    collector.addWay(20, [1, 2, 1]);
    expect(collector.startMemberPass()).toBe(false);
    const c = collector.finish();
    expect(c.relations[0].members).toEqual([{ wayId: 20, role: 'outer', way: 0, beyondKeepBox: false }]);
  });
});
