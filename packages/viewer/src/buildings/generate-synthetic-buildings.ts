import { unprojectXY, type BuildingTable, type ProjectionParams } from '@regiontwin/core';

/** Options of {@link generateSyntheticBuildings}. */
export interface SyntheticBuildingsOptions {
  /** Number of buildings. */
  count: number;
  /** Seed of the generator; the same seed gives the same bytes. @default 1 */
  seed?: number;
  /** Centre of the built-up area, metres (x east, y north). @default [0, 0] */
  centerXY?: readonly [number, number];
  /** Distance between neighbouring plot centres, metres. @default 42 */
  plotSpacingMeters?: number;
  /** Projection used to fill `lonLat` from `xy`. @default centred on 63.62° E, 53.21° N (Kostanay) */
  projection?: ProjectionParams;
}

/** Footprint shapes the generator draws, in the order of their codes in `shapes`. */
export const SYNTHETIC_BUILDING_SHAPES = [
  'l-shape',
  'courtyard',
  'u-shape',
  't-shape',
  'irregular',
  'chamfered',
  'two-part',
] as const;

/** A generated building table and the shape of each building. */
export interface SyntheticBuildings extends BuildingTable {
  /** Index into {@link SYNTHETIC_BUILDING_SHAPES} per building. */
  shapes: Uint8Array;
}

/**
 * Generates a seeded town of building footprints on a grid of plots: L-, U- and T-shaped blocks,
 * courtyard blocks (a ring with a hole), irregular star-shaped polygons, chamfered corners and
 * two-part buildings (MultiPolygons), each rotated and sized at random, with heights from storeys
 * (3 m each). Rings follow RFC 7946 order (exterior counter-clockwise, holes clockwise). For
 * benchmarks, tests and demos — the output is labelled synthetic by its name, not observed data.
 */
export function generateSyntheticBuildings(options: SyntheticBuildingsOptions): SyntheticBuildings {
  const count = options.count;
  const random = mulberry32(options.seed ?? 1);
  const [cx, cy] = options.centerXY ?? [0, 0];
  const spacing = options.plotSpacingMeters ?? 42;
  const columns = Math.ceil(Math.sqrt(count));

  const partOffsets: number[] = [0];
  const ringOffsets: number[] = [0];
  const vertexOffsets: number[] = [0];
  const xy: number[] = [];
  const heights = new Float32Array(count);
  const shapes = new Uint8Array(count);

  const addRing = (ring: number[], ox: number, oy: number, angle: number): void => {
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    for (let i = 0; i < ring.length; i += 2) {
      xy.push(ox + ring[i] * cos - ring[i + 1] * sin, oy + ring[i] * sin + ring[i + 1] * cos);
    }
    vertexOffsets.push(xy.length / 2);
  };
  const addPart = (rings: number[][], ox: number, oy: number, angle: number): void => {
    for (const ring of rings) addRing(ring, ox, oy, angle);
    ringOffsets.push(vertexOffsets.length - 1);
  };

  for (let b = 0; b < count; b++) {
    const column = b % columns;
    const row = Math.floor(b / columns);
    const ox = cx + (column - (columns - 1) / 2) * spacing + (random() - 0.5) * spacing * 0.12;
    const oy = cy + ((columns - 1) / 2 - row) * spacing + (random() - 0.5) * spacing * 0.12;
    // Mostly aligned with the street grid, some turned freely.
    const angle = random() < 0.7 ? (random() - 0.5) * 0.2 : random() * Math.PI;
    const w = 12 + random() * 18;
    const h = 10 + random() * 16;
    const shape = Math.min(
      SYNTHETIC_BUILDING_SHAPES.length - 1,
      Math.floor(random() * SYNTHETIC_BUILDING_SHAPES.length),
    );
    shapes[b] = shape;
    switch (SYNTHETIC_BUILDING_SHAPES[shape]) {
      case 'l-shape': {
        const a = w * (0.35 + random() * 0.3);
        const c = h * (0.35 + random() * 0.3);
        addPart([centred([0, 0, w, 0, w, c, a, c, a, h, 0, h], w, h)], ox, oy, angle);
        break;
      }
      case 'courtyard': {
        const wall = 4 + random() * 3;
        const outer = centred([0, 0, w + 6, 0, w + 6, h + 6, 0, h + 6], w + 6, h + 6);
        const inner = centred(
          [wall, wall, wall, h + 6 - wall, w + 6 - wall, h + 6 - wall, w + 6 - wall, wall],
          w + 6,
          h + 6,
        );
        addPart([outer, inner], ox, oy, angle);
        break;
      }
      case 'u-shape': {
        const arm = w * (0.25 + random() * 0.1);
        const depth = h * (0.4 + random() * 0.3);
        addPart(
          [centred([0, 0, w, 0, w, h, w - arm, h, w - arm, h - depth, arm, h - depth, arm, h, 0, h], w, h)],
          ox,
          oy,
          angle,
        );
        break;
      }
      case 't-shape': {
        const stem = w * (0.3 + random() * 0.15);
        const bar = h * (0.3 + random() * 0.2);
        const s0 = (w - stem) / 2;
        addPart(
          [centred([s0, 0, s0 + stem, 0, s0 + stem, h - bar, w, h - bar, w, h, 0, h, 0, h - bar, s0, h - bar], w, h)],
          ox,
          oy,
          angle,
        );
        break;
      }
      case 'irregular': {
        const n = 5 + Math.floor(random() * 8);
        const ring: number[] = [];
        for (let i = 0; i < n; i++) {
          const theta = ((i + 0.2 + random() * 0.6) / n) * Math.PI * 2;
          const radius = (Math.min(w, h) / 2) * (0.6 + random() * 0.4);
          ring.push(radius * Math.cos(theta), radius * Math.sin(theta));
        }
        addPart([ring], ox, oy, angle);
        break;
      }
      case 'chamfered': {
        const k = Math.min(w, h) * (0.15 + random() * 0.15);
        addPart([centred([0, 0, w - k, 0, w, k, w, h, 0, h], w, h)], ox, oy, angle);
        break;
      }
      case 'two-part': {
        const gap = 2 + random() * 2;
        const half = (w - gap) / 2;
        addPart([centred([0, 0, half, 0, half, h, 0, h], w, h)], ox, oy, angle);
        addPart([centred([half + gap, 0, w, 0, w, h * 0.8, half + gap, h * 0.8], w, h)], ox, oy, angle);
        break;
      }
    }
    partOffsets.push(ringOffsets.length - 1);
    const r = random();
    const levels =
      r < 0.55
        ? 1 + Math.floor(random() * 2)
        : r < 0.85
          ? 3 + Math.floor(random() * 3)
          : r < 0.97
            ? 9
            : 12 + Math.floor(random() * 13);
    heights[b] = levels * 3;
  }

  const xyArray = Float64Array.from(xy);
  const projection = options.projection ?? { centerLon: 63.62, centerLat: 53.21 };
  const lonLat = new Float64Array(xyArray.length);
  for (let i = 0; i < xyArray.length; i += 2) unprojectXY(projection, xyArray[i], xyArray[i + 1], lonLat, i);
  return {
    count,
    partOffsets: Uint32Array.from(partOffsets),
    ringOffsets: Uint32Array.from(ringOffsets),
    vertexOffsets: Uint32Array.from(vertexOffsets),
    lonLat,
    xy: xyArray,
    heightMeters: heights,
    demandIndex: new Int32Array(count).fill(-1),
    shapes,
  };
}

/** Moves a ring given in a w × h box so that the box is centred on (0, 0). */
function centred(ring: number[], w: number, h: number): number[] {
  return ring.map((value, i) => (i % 2 === 0 ? value - w / 2 : value - h / 2));
}

/** Mulberry32, a small seeded PRNG with a 2^32 period (Tommy Ettinger, public domain). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
