import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { assembleMultipolygon, type MultipolygonMemberWay } from './assemble-multipolygon.js';

/**
 * Node keys on a grid: key = x * 100 + y is the node at (x, y) (degrees, lon/lat), so a test can
 * write node keys and read their positions at a glance.
 */
const at = (key: number): [number, number] => [Math.floor(key / 100), key % 100];

const way = (wayId: number, role: string, ...nodes: number[]): MultipolygonMemberWay => ({ wayId, role, nodes });

/** Signed area (shoelace, independent of the module's own): > 0 counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += (ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]) / 2;
  return sum;
}

/** A ring as the set of its positions written "x,y" (start and direction free), to compare geometry. */
const vertexSet = (ring: readonly Position[]) => new Set(ring.map(([x, y]) => `${x},${y}`));

function assembled(members: MultipolygonMemberWay[]) {
  const result = assembleMultipolygon(members, at);
  if ('problem' in result) throw new Error(`unexpected problem: ${result.problem}`);
  return result;
}

function problemOf(members: MultipolygonMemberWay[]): string {
  const result = assembleMultipolygon(members, at);
  if (!('problem' in result)) throw new Error('expected a problem');
  return result.problem;
}

// The 10 × 10 square (0,0)–(10,10): corners 0, 1000, 1010, 10.
const SQUARE_AREA = 100;

describe('assembleMultipolygon', () => {
  it('joins a square split into two ways into one counter-clockwise ring', () => {
    // Way 1 goes 0 → 1000 → 1010, way 2 goes 1010 → 10 → 0: already head to tail.
    const { polygons, roleMismatchWayIds } = assembled([way(1, 'outer', 0, 1000, 1010), way(2, 'outer', 1010, 10, 0)]);
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(1);
    const ring = polygons[0][0];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(signedArea(ring)).toBeCloseTo(SQUARE_AREA, 12);
    expect(vertexSet(ring)).toEqual(new Set(['0,0', '10,0', '10,10', '0,10']));
    expect(roleMismatchWayIds).toEqual([]);
  });

  it('joins three ways with one reversed, and turns a clockwise result counter-clockwise', () => {
    // Clockwise square 0 → 10 → 1010 → 1000 → 0; way 2 is drawn backwards (1010 → 10).
    const { polygons } = assembled([way(1, 'outer', 0, 10), way(2, 'outer', 1010, 10), way(3, 'outer', 1010, 1000, 0)]);
    expect(polygons).toHaveLength(1);
    const ring = polygons[0][0];
    expect(ring).toHaveLength(5);
    expect(signedArea(ring)).toBeCloseTo(SQUARE_AREA, 12);
    expect(vertexSet(ring)).toEqual(new Set(['0,0', '10,0', '10,10', '0,10']));
  });

  it('puts two holes into their outer ring, clockwise; an empty role counts as outer', () => {
    // Holes (1,1)–(3,3), area 4, and (5,5)–(8,7), area 6, both drawn counter-clockwise.
    const { polygons, roleMismatchWayIds } = assembled([
      way(1, '', 0, 1000, 1010, 10, 0),
      way(2, 'inner', 101, 301, 303, 103, 101),
      way(3, 'inner', 505, 805, 807, 507, 505),
    ]);
    expect(polygons).toHaveLength(1);
    const [outer, hole1, hole2] = polygons[0];
    expect(polygons[0]).toHaveLength(3);
    expect(signedArea(outer)).toBeCloseTo(SQUARE_AREA, 12);
    expect(signedArea(hole1)).toBeCloseTo(-4, 12);
    expect(signedArea(hole2)).toBeCloseTo(-6, 12);
    expect(vertexSet(hole2)).toEqual(new Set(['5,5', '8,5', '8,7', '5,7']));
    expect(roleMismatchWayIds).toEqual([]);
  });

  it('returns one polygon per outer ring', () => {
    // Squares (0,0)–(10,10) and (20,0)–(23,3) (area 9), the second clockwise.
    const { polygons } = assembled([
      way(1, 'outer', 0, 1000, 1010, 10, 0),
      way(2, 'outer', 2000, 2003, 2303, 2300, 2000),
    ]);
    expect(polygons).toHaveLength(2);
    expect(polygons.map((p) => p.length)).toEqual([1, 1]);
    expect(signedArea(polygons[0][0])).toBeCloseTo(SQUARE_AREA, 12);
    expect(signedArea(polygons[1][0])).toBeCloseTo(9, 12);
  });

  it('nests a hole listed before its outer ring, the outer made of two ways', () => {
    const { polygons } = assembled([
      way(7, 'inner', 202, 204, 404, 402, 202), // clockwise already: stays so
      way(8, 'outer', 0, 1000, 1010),
      way(9, 'outer', 0, 10, 1010),
    ]);
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(2);
    expect(signedArea(polygons[0][0])).toBeCloseTo(SQUARE_AREA, 12);
    expect(signedArea(polygons[0][1])).toBeCloseTo(-4, 12);
  });

  it('follows nesting over roles and lists the disagreeing ways; an island in a hole is an outer', () => {
    // Way 2 (role outer) lies inside way 1: a hole. Way 3 (role inner) lies inside the hole: an island.
    const { polygons, roleMismatchWayIds } = assembled([
      way(1, 'outer', 0, 1000, 1010, 10, 0),
      way(2, 'outer', 101, 901, 909, 109, 101),
      way(3, 'inner', 404, 604, 606, 406, 404),
    ]);
    expect(polygons).toHaveLength(2);
    expect(polygons[0]).toHaveLength(2);
    expect(signedArea(polygons[0][1])).toBeCloseTo(-64, 12);
    expect(polygons[1]).toHaveLength(1);
    expect(signedArea(polygons[1][0])).toBeCloseTo(4, 12);
    expect(roleMismatchWayIds).toEqual([2, 3]);
  });

  it('splits two rings that touch at a node into two rings, and nests a hole touching its outer', () => {
    // Squares (0,0)–(10,10) and (10,10)–(20,20) touch at node 1010, each drawn as two ways. Listed
    // in this order, the walk from way 1 turns into the second square at 1010 and comes back to
    // 1010 before it closes: that loop is split off as its own ring.
    const { polygons } = assembled([
      way(1, 'outer', 0, 1000, 1010),
      way(4, 'outer', 1010, 10, 0),
      way(2, 'outer', 1010, 2010, 2020),
      way(3, 'outer', 2020, 1020, 1010),
      // A triangle hole (0,0), (3,1), (1,3), area 4, with its corner on the first square's node 0.
      way(5, 'inner', 0, 301, 103, 0),
    ]);
    expect(polygons).toHaveLength(2);
    expect(polygons.map((p) => p.length)).toEqual([2, 1]);
    expect(polygons.map((p) => signedArea(p[0]))).toEqual([SQUARE_AREA, SQUARE_AREA]);
    expect(vertexSet(polygons[0][0])).toEqual(new Set(['0,0', '10,0', '10,10', '0,10']));
    expect(vertexSet(polygons[1][0])).toEqual(new Set(['10,10', '20,10', '20,20', '10,20']));
    expect(polygons[1][0]).toHaveLength(5);
    expect(signedArea(polygons[0][1])).toBeCloseTo(-4, 12);
  });

  it('assembles a relation of 1000 ways into one ring of 1001 positions', () => {
    // A circle of 1000 ways, each one edge, in shuffled order and alternating direction.
    const n = 1000;
    const positions = Array.from({ length: n }, (_, i): [number, number] => [
      Math.cos((2 * Math.PI * i) / n),
      Math.sin((2 * Math.PI * i) / n),
    ]);
    const members: MultipolygonMemberWay[] = [];
    for (let k = 0; k < n; k++) {
      const i = (k * 379) % n; // 379 is prime to 1000: every edge once
      const ends = [i, (i + 1) % n];
      members.push({ wayId: i, role: 'outer', nodes: k % 2 ? ends.reverse() : ends });
    }
    const result = assembleMultipolygon(members, (key) => positions[key]);
    if ('problem' in result) throw new Error(result.problem);
    expect(result.polygons).toHaveLength(1);
    expect(result.polygons[0][0]).toHaveLength(n + 1);
    // Area of a regular 1000-gon of radius 1: (n/2)·sin(2π/n).
    expect(signedArea(result.polygons[0][0])).toBeCloseTo((n / 2) * Math.sin((2 * Math.PI) / n), 9);
  });

  it('puts 900 holes listed before their outer ring into it, each clockwise', () => {
    // Outer square (0,0)–(60,60); holes 1 × 1 at (2i+0.5, 2j+0.5), i, j < 30, drawn counter-clockwise.
    const positions: [number, number][] = [];
    const square = (x: number, y: number, size: number) => {
      const k = positions.length;
      positions.push([x, y], [x + size, y], [x + size, y + size], [x, y + size]);
      return [k, k + 1, k + 2, k + 3, k];
    };
    const members: MultipolygonMemberWay[] = [];
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 30; j++)
        members.push({ wayId: 1 + i * 30 + j, role: 'inner', nodes: square(2 * i + 0.5, 2 * j + 0.5, 1) });
    }
    members.push({ wayId: 5000, role: 'outer', nodes: square(0, 0, 60) });
    const result = assembleMultipolygon(members, (key) => positions[key]);
    if ('problem' in result) throw new Error(result.problem);
    expect(result.polygons).toHaveLength(1);
    expect(result.polygons[0]).toHaveLength(901);
    expect(signedArea(result.polygons[0][0])).toBeCloseTo(3600, 9);
    expect(result.polygons[0].slice(1).every((hole) => Math.abs(signedArea(hole) + 1) < 1e-9)).toBe(true);
    expect(result.roleMismatchWayIds).toEqual([]);
  });

  describe('problems', () => {
    it('a node missing from the input, named by its OSM id', () => {
      expect(problemOf([{ wayId: 5, role: 'outer', nodes: [0, 1000, -1, 0], nodeIds: [11, 12, 999, 11] }])).toBe(
        'node 999 of way 5 is missing from the input (export the area with complete multipolygons, e.g. osmium extract --strategy=smart)',
      );
    });

    it('a ring that cannot be closed, naming the open end', () => {
      // Ways 1 and 2 make 0 → 1000 → 1010 → 10; nothing goes from 10 back to 0.
      expect(problemOf([way(1, 'outer', 0, 1000, 1010), way(2, 'outer', 10, 1010)])).toBe(
        'the ring is not closed: way 2 ends at node 10, where no other member way continues',
      );
      expect(problemOf([{ wayId: 3, role: 'outer', nodes: [0, 1000, 1010], nodeIds: [31, 32, 33] }])).toBe(
        'the ring is not closed: way 3 ends at node 33, where no other member way continues',
      );
    });

    it('a ring with fewer than 4 positions, and one with no area', () => {
      expect(problemOf([way(4, 'outer', 0, 1000), way(6, 'outer', 1000, 0)])).toBe(
        'the ring of ways 4, 6 has 3 positions; a ring needs at least 4 (3 distinct nodes and the closing one)',
      );
      expect(problemOf([way(4, 'outer', 0, 500, 1000, 0)])).toBe(
        'the ring of way 4 has no area (its nodes lie on a line)',
      );
    });

    it('an inner ring inside no outer ring', () => {
      expect(problemOf([way(1, 'outer', 0, 1000, 1010, 10, 0), way(2, 'inner', 2000, 2003, 2303, 2000)])).toBe(
        'the inner ring of way 2 lies inside no outer ring',
      );
    });

    it('no outer ring at all', () => {
      expect(problemOf([way(2, 'inner', 2000, 2003, 2303, 2000)])).toBe(
        'has no outer ring (every way member has role inner)',
      );
      expect(problemOf([])).toBe('has no outer ring (no way members)');
    });

    it('a way listed twice or with fewer than 2 distinct nodes', () => {
      expect(problemOf([way(1, 'outer', 0, 1000, 1010, 0), way(1, 'outer', 0, 1000, 1010, 0)])).toBe(
        'way 1 is a member twice',
      );
      expect(problemOf([way(8, 'outer', 0, 0)])).toBe('way 8 has fewer than 2 distinct nodes');
    });
  });
});
