import { describe, expect, it } from 'vitest';
import { createOsmCollector, findOsmNode } from './osm-collector.js';

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
    expect(c.ways.map((w) => w.id)).toEqual([10, 12]);
    // Only the tags an import reads are kept.
    expect(c.ways[0].tags).toEqual({ highway: 'primary' });
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
    expect(c.ways.map((w) => w.id)).toEqual([21]);
    // The reader must refuse such a result (the CLI asks for `osmium sort`).
    expect(c.seen).toMatchObject({ nodesAfterWays: true, waysOutsideKeepBox: 1 });
    expect(Array.from(c.nodeIds)).toEqual([7, 8, 9]);
    expect(Array.from(c.nodeE7)).toEqual([635000000, 535000000, 637000000, 537000000, 636000000, 536000000]);
  });
});
