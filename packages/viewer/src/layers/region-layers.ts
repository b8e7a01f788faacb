import {
  DEMAND_SOURCES,
  ROAD_CLASSES,
  type RoadClass,
  type DemandTable,
  type FacilityTable,
  type RoadGraph,
} from '@regiontwin/core';
import { scaleSqrt } from 'd3-scale';
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  DoubleSide,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  NotEqualStencilFunc,
  ReplaceStencilOp,
  type Object3D,
} from 'three';
import type { AddedFacility, ScenarioChanges } from '../result/read-result.js';
import type { TravelTimeReach } from '../result/travel-time-reach.js';
import { roadStyleOf, type FacilityStyle } from '../style/map-styles.js';
import { createMapLines } from './map-lines.js';
import { createMarkerPoints, type Marker } from './marker-points.js';

/**
 * Roads as wide lines coloured by class: one draw call per distinct width. A two-way road is two
 * directed edges in the graph; each pair is drawn once.
 *
 * @param roads the CSR road graph, node positions in metres
 * @param origin the scene origin, metres
 */
export function createRoadLayer(roads: RoadGraph, origin: readonly [number, number]): Group {
  const group = new Group();
  group.name = 'roads';
  if (roads.nodeCount === 0) return group;
  const { offsets, targets, nodeXY, edgeClass, nodeCount } = roads;
  const seen = new Set<number>();
  const byWidth = new Map<number, { positions: number[]; colors: number[] }>();
  const color = new Color();
  for (let u = 0; u < nodeCount; u++) {
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = targets[e];
      const low = Math.min(u, v);
      const high = Math.max(u, v);
      const key = low * nodeCount + high;
      if (seen.has(key)) continue;
      seen.add(key);
      const style = roadStyleOf(edgeClass[e]);
      let bucket = byWidth.get(style.widthPixels);
      if (!bucket) {
        bucket = { positions: [], colors: [] };
        byWidth.set(style.widthPixels, bucket);
      }
      bucket.positions.push(
        nodeXY[u * 2] - origin[0],
        0,
        -(nodeXY[u * 2 + 1] - origin[1]),
        nodeXY[v * 2] - origin[0],
        0,
        -(nodeXY[v * 2 + 1] - origin[1]),
      );
      color.set(style.color);
      bucket.colors.push(color.r, color.g, color.b, color.r, color.g, color.b);
    }
  }
  // Narrow roads first so that major roads are drawn over them.
  const widths = [...byWidth.keys()].sort((a, b) => a - b);
  widths.forEach((width, order) => {
    const bucket = byWidth.get(width)!;
    const lines = createMapLines(new Float32Array(bucket.positions), {
      widthPixels: width,
      colors: new Float32Array(bucket.colors),
      renderOrder: 3 + order * 0.01,
    });
    lines.name = `roads-${width}px`;
    group.add(lines);
  });
  return group;
}

/** Settlement marker sizing. */
export interface SettlementMarkers {
  /** The markers (one draw call), or null when the model has no settlement demand points. */
  points: Object3D | null;
  /** Diameter of each demand point's marker, CSS pixels (0 for non-settlement points). */
  sizes: Float32Array;
  /** Legend key: a few populations and their diameters. */
  key: { population: number; sizePixels: number }[];
  /** Marker diameter of a population, CSS pixels (for settlements a scenario adds). */
  sizeOf(population: number): number;
}

/**
 * Settlements (demand points from the settlements layer) as circles whose area is proportional to
 * population (d3 `scaleSqrt`), the largest `maxSizePixels` across; largest drawn first so small
 * ones stay visible on top.
 */
export function createSettlementMarkers(
  demand: DemandTable,
  origin: readonly [number, number],
  options: {
    maxSizePixels: number;
    minSizePixels: number;
    pixelRatio: number;
    /** Height of the ground under a point of a district (extruded districts), metres. */
    elevationOf?: (district: number) => number;
  },
): SettlementMarkers {
  const settlement = DEMAND_SOURCES.indexOf('settlement');
  const sizes = new Float32Array(demand.count);
  let maxPopulation = 0;
  const members: number[] = [];
  for (let i = 0; i < demand.count; i++) {
    if (demand.source[i] !== settlement) continue;
    members.push(i);
    maxPopulation = Math.max(maxPopulation, demand.population[i]);
  }
  if (members.length === 0 || maxPopulation <= 0) {
    return { points: null, sizes, key: [], sizeOf: () => options.maxSizePixels / 2 };
  }
  const size = scaleSqrt().domain([0, maxPopulation]).range([0, options.maxSizePixels]);
  const sizeOf = (population: number): number =>
    Math.min(options.maxSizePixels * 1.5, Math.max(options.minSizePixels, size(Math.max(0, population))));
  const markers: Marker[] = [];
  members.sort((a, b) => demand.population[b] - demand.population[a]);
  for (const i of members) {
    sizes[i] = Math.max(options.minSizePixels, size(Math.max(0, demand.population[i])));
    markers.push({
      x: demand.xy[i * 2] - origin[0],
      y: options.elevationOf?.(demand.district[i]) ?? 0,
      z: -(demand.xy[i * 2 + 1] - origin[1]),
      sizePixels: sizes[i],
      color: '#37474f',
      strokeColor: '#ffffff',
      strokeWidthPixels: 1,
      shape: 'circle',
    });
  }
  const points = createMarkerPoints(markers, { fillOpacity: 0.55, pixelRatio: options.pixelRatio, renderOrder: 10 });
  points.name = 'settlements';
  // Legend key: the largest population and two round fractions of it.
  const top = niceFloor(maxPopulation);
  const key = [top, niceFloor(top / 10), niceFloor(top / 100)]
    .filter((p, i, all) => p > 0 && all.indexOf(p) === i)
    .map((population) => ({ population, sizePixels: Math.max(options.minSizePixels, size(population)) }));
  return { points, sizes, key, sizeOf };
}

/** A facility drawn on one side of the view. */
export interface DrawnFacility {
  /** Index into the model's facility table, or -1 for a facility that the scenario adds. */
  modelIndex: number;
  /** The added facility (when modelIndex is -1). */
  added: AddedFacility | null;
  /** Whether the scenario moved this facility. */
  moved: boolean;
  kind: string;
  name: string;
  /** Position, metres (x east, y north). */
  xy: [number, number];
  /** Marker diameter, CSS pixels. */
  sizePixels: number;
  /** Height of the marker above the ground (top of an extruded district), metres. */
  elevation: number;
}

/**
 * Facilities as markers shaped and coloured by kind, as they stand with `changes` applied
 * (removed ones left out, moved ones at their new place, added ones larger with a dark outline).
 * Returns the markers and the list in drawing order (for picking).
 */
export function createFacilityMarkers(
  facilities: FacilityTable,
  changes: ScenarioChanges | null,
  styles: Map<string, FacilityStyle>,
  origin: readonly [number, number],
  options: {
    sizePixels: number;
    pixelRatio: number;
    /**
     * Height of the ground at a map point (top of an extruded district), metres; `district` is
     * the point's district when known.
     */
    elevationAt?: (xy: readonly [number, number], district?: number) => number;
  },
): { points: Object3D | null; drawn: DrawnFacility[] } {
  const elevationAt = options.elevationAt ?? (() => 0);
  const removed = new Set(changes?.removedFacilities.map((change) => change.id) ?? []);
  const moved = new Map<string, [number, number]>();
  for (const change of changes?.movedFacilities ?? []) moved.set(change.id, change.xy);
  const drawn: DrawnFacility[] = [];
  for (let i = 0; i < facilities.count; i++) {
    const id = facilities.ids[i];
    if (removed.has(id)) continue;
    const to = moved.get(id);
    drawn.push({
      modelIndex: i,
      added: null,
      moved: Boolean(to),
      kind: facilities.kinds[facilities.kind[i]] ?? 'facility',
      name: facilities.names[i] ?? '',
      xy: to ?? [facilities.xy[i * 2], facilities.xy[i * 2 + 1]],
      sizePixels: options.sizePixels,
      elevation: 0,
    });
    const facility = drawn[drawn.length - 1];
    facility.elevation = elevationAt(facility.xy, to ? undefined : facilities.district[i]);
  }
  for (const facility of changes?.addedFacilities ?? []) {
    if (facility.id && removed.has(facility.id)) continue;
    const to = facility.id ? moved.get(facility.id) : undefined;
    drawn.push({
      modelIndex: -1,
      added: facility,
      moved: Boolean(to),
      kind: facility.kind,
      name: facility.name,
      xy: to ?? facility.xy,
      sizePixels: Math.round(options.sizePixels * 1.45),
      elevation: elevationAt(to ?? facility.xy),
    });
  }
  if (drawn.length === 0) return { points: null, drawn };
  const markers: Marker[] = drawn.map((facility) => {
    const style = styles.get(facility.kind) ?? { shape: 'circle', color: '#555555' };
    return {
      x: facility.xy[0] - origin[0],
      y: facility.elevation,
      z: -(facility.xy[1] - origin[1]),
      sizePixels: facility.sizePixels,
      color: style.color,
      strokeColor: facility.added || facility.moved ? '#111111' : '#ffffff',
      strokeWidthPixels: facility.added || facility.moved ? 2.2 : 1.2,
      shape: style.shape,
    };
  });
  const points = createMarkerPoints(markers, { pixelRatio: options.pixelRatio, renderOrder: 11 });
  points.name = 'facilities';
  return { points, drawn };
}

/**
 * Roads and settlements that a scenario adds: roads in their class colour, one pixel wider than
 * existing roads; settlements as population-scaled circles with a dark outline.
 */
export function createChangeLayer(
  changes: ScenarioChanges,
  origin: readonly [number, number],
  options: {
    settlementSizeOf: (population: number) => number;
    pixelRatio: number;
    elevationAt?: (xy: readonly [number, number]) => number;
  },
): Group {
  const elevationAt = options.elevationAt ?? (() => 0);
  const group = new Group();
  group.name = 'scenario-changes';
  const byWidth = new Map<number, { positions: number[]; colors: number[] }>();
  const color = new Color();
  for (const road of changes.addedRoads) {
    const classIndex = ROAD_CLASSES.indexOf(road.roadClass as RoadClass);
    const style = roadStyleOf(classIndex < 0 ? ROAD_CLASSES.length - 1 : classIndex);
    const width = style.widthPixels + 1;
    let bucket = byWidth.get(width);
    if (!bucket) {
      bucket = { positions: [], colors: [] };
      byWidth.set(width, bucket);
    }
    color.set(style.color);
    for (let i = 0; i + 1 < road.xy.length; i++) {
      const [x0, y0] = road.xy[i];
      const [x1, y1] = road.xy[i + 1];
      bucket.positions.push(
        x0 - origin[0],
        elevationAt(road.xy[i]),
        -(y0 - origin[1]),
        x1 - origin[0],
        elevationAt(road.xy[i + 1]),
        -(y1 - origin[1]),
      );
      bucket.colors.push(color.r, color.g, color.b, color.r, color.g, color.b);
    }
  }
  for (const [width, bucket] of byWidth) {
    const lines = createMapLines(new Float32Array(bucket.positions), {
      widthPixels: width,
      colors: new Float32Array(bucket.colors),
      renderOrder: 3.5,
    });
    lines.name = `added-roads-${width}px`;
    group.add(lines);
  }
  if (changes.addedSettlements.length > 0) {
    const markers: Marker[] = changes.addedSettlements.map((settlement) => ({
      x: settlement.xy[0] - origin[0],
      y: elevationAt(settlement.xy),
      z: -(settlement.xy[1] - origin[1]),
      sizePixels: options.settlementSizeOf(settlement.population),
      color: '#37474f',
      strokeColor: '#111111',
      strokeWidthPixels: 2,
      shape: 'circle',
    }));
    const points = createMarkerPoints(markers, { fillOpacity: 0.55, pixelRatio: options.pixelRatio, renderOrder: 10 });
    points.name = 'added-settlements';
    group.add(points);
  }
  return group;
}

/** Segments of the coverage circles' outlines. */
const CIRCLE_SEGMENTS = 72;

/**
 * Coverage areas: a disc of `radiusMeters` around each given position, filled once per pixel
 * however many discs overlap (stencil test), with outlines. Radii are in the model's projected
 * metres (azimuthal equidistant: exact distances from the region's centre, within 0.1% of the
 * ground distance up to ~500 km from it).
 *
 * @param centers x, y of each centre, metres, and optionally its height above the ground
 */
export function createCoverageLayer(
  centers: readonly (readonly [number, number, number?])[],
  radiusMeters: number,
  origin: readonly [number, number],
  color: string,
): Group {
  const group = new Group();
  group.name = 'coverage';
  if (centers.length === 0 || !(radiusMeters > 0)) return group;
  const n = centers.length;
  const fillPositions = new Float32Array(n * (CIRCLE_SEGMENTS + 1) * 3);
  const fillIndex = new Uint32Array(n * CIRCLE_SEGMENTS * 3);
  const linePositions = new Float32Array(n * CIRCLE_SEGMENTS * 2 * 3);
  let p = 0;
  let t = 0;
  let l = 0;
  centers.forEach(([x, y, elevation = 0], c) => {
    const cx = x - origin[0];
    const cz = -(y - origin[1]);
    const cy = elevation;
    const base = c * (CIRCLE_SEGMENTS + 1);
    fillPositions[p++] = cx;
    fillPositions[p++] = cy;
    fillPositions[p++] = cz;
    for (let s = 0; s < CIRCLE_SEGMENTS; s++) {
      const a0 = (s / CIRCLE_SEGMENTS) * Math.PI * 2;
      const a1 = ((s + 1) / CIRCLE_SEGMENTS) * Math.PI * 2;
      fillPositions[p++] = cx + radiusMeters * Math.cos(a0);
      fillPositions[p++] = cy;
      fillPositions[p++] = cz - radiusMeters * Math.sin(a0);
      // Counter-clockwise seen from above (+y).
      fillIndex[t++] = base;
      fillIndex[t++] = base + 1 + s;
      fillIndex[t++] = base + 1 + ((s + 1) % CIRCLE_SEGMENTS);
      linePositions[l++] = cx + radiusMeters * Math.cos(a0);
      linePositions[l++] = cy;
      linePositions[l++] = cz - radiusMeters * Math.sin(a0);
      linePositions[l++] = cx + radiusMeters * Math.cos(a1);
      linePositions[l++] = cy;
      linePositions[l++] = cz - radiusMeters * Math.sin(a1);
    }
  });
  const fillGeometry = new BufferGeometry();
  fillGeometry.setAttribute('position', new BufferAttribute(fillPositions, 3));
  fillGeometry.setIndex(new BufferAttribute(fillIndex, 1));
  const fill = new Mesh(
    fillGeometry,
    new MeshBasicMaterial({
      color,
      transparent: true,
      opacity: 0.2,
      depthWrite: false,
      // Each pixel is blended once: the first disc to cover it writes 1 to the stencil buffer,
      // later discs fail the "not equal 1" test there.
      stencilWrite: true,
      stencilRef: 1,
      stencilFunc: NotEqualStencilFunc,
      stencilZPass: ReplaceStencilOp,
    }),
  );
  fill.renderOrder = 4;
  fill.frustumCulled = false;
  fill.name = 'coverage-fill';
  const lineGeometry = new BufferGeometry();
  lineGeometry.setAttribute('position', new BufferAttribute(linePositions, 3));
  const outline = new LineSegments(lineGeometry, new LineBasicMaterial({ color, transparent: true, opacity: 0.8 }));
  outline.renderOrder = 5;
  outline.frustumCulled = false;
  outline.name = 'coverage-outline';
  group.add(fill, outline);
  return group;
}

/** Largest 1, 2 or 5 × 10^k not above `value`. */
function niceFloor(value: number): number {
  if (!(value > 0)) return 0;
  const exponent = Math.floor(Math.log10(value));
  for (const step of [5, 2, 1]) if (step * 10 ** exponent <= value) return step * 10 ** exponent;
  return 10 ** exponent;
}

/**
 * A travel-time reach as one mesh: a square per grid cell within `maxMinutes`, at the height of
 * its district (extruded districts), translucent like the coverage discs.
 *
 * @param reach cells and their minutes (see `computeTravelTimeReach`)
 * @param maxMinutes the time limit, minutes
 * @param origin the scene origin, metres
 * @param color CSS colour
 * @param elevationOf height of a district's top, metres (0 for flat districts)
 */
export function createReachLayer(
  reach: TravelTimeReach,
  maxMinutes: number,
  origin: readonly [number, number],
  color: string,
  elevationOf: (district: number) => number = () => 0,
): Group {
  const group = new Group();
  group.name = 'coverage';
  let count = 0;
  for (let i = 0; i < reach.minutes.length; i++) if (reach.minutes[i] <= maxMinutes) count++;
  if (count === 0) return group;
  const positions = new Float32Array(count * 4 * 3);
  const index = new Uint32Array(count * 6);
  const half = reach.cellMeters / 2;
  let q = 0;
  for (let i = 0; i < reach.minutes.length; i++) {
    if (!(reach.minutes[i] <= maxMinutes)) continue;
    const x = reach.xy[i * 2] - origin[0];
    const z = -(reach.xy[i * 2 + 1] - origin[1]);
    const y = elevationOf(reach.district[i]);
    const corners = [
      [x - half, z + half],
      [x + half, z + half],
      [x + half, z - half],
      [x - half, z - half],
    ];
    corners.forEach(([cx, cz], k) => {
      positions.set([cx, y, cz], (q * 4 + k) * 3);
    });
    // Counter-clockwise seen from above (+y): south-west, south-east, north-east, north-west.
    index.set([q * 4, q * 4 + 1, q * 4 + 2, q * 4, q * 4 + 2, q * 4 + 3], q * 6);
    q++;
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setIndex(new BufferAttribute(index, 1));
  const fill = new Mesh(
    geometry,
    new MeshBasicMaterial({ color, transparent: true, opacity: 0.28, depthWrite: false, side: DoubleSide }),
  );
  fill.renderOrder = 4;
  fill.frustumCulled = false;
  fill.name = 'coverage-reach';
  group.add(fill);

  // The outline: every cell edge between a reached cell and one that is not (or is outside).
  const reachedAt = new Map<number, number>();
  for (let i = 0; i < reach.minutes.length; i++) if (reach.minutes[i] <= maxMinutes) reachedAt.set(reach.cell[i], i);
  const segments: number[] = [];
  for (const [cell, i] of reachedAt) {
    const column = cell % reach.columns;
    const row = (cell - column) / reach.columns;
    const x = reach.xy[i * 2] - origin[0];
    const z = -(reach.xy[i * 2 + 1] - origin[1]);
    const y = elevationOf(reach.district[i]);
    const neighbours: [boolean, number, number, number, number][] = [
      [column > 0 && reachedAt.has(cell - 1), x - half, z - half, x - half, z + half],
      [column + 1 < reach.columns && reachedAt.has(cell + 1), x + half, z - half, x + half, z + half],
      [row > 0 && reachedAt.has(cell - reach.columns), x - half, z + half, x + half, z + half],
      [row + 1 < reach.rows && reachedAt.has(cell + reach.columns), x - half, z - half, x + half, z - half],
    ];
    for (const [inside, x0, z0, x1, z1] of neighbours) if (!inside) segments.push(x0, y, z0, x1, y, z1);
  }
  const lineGeometry = new BufferGeometry();
  lineGeometry.setAttribute('position', new BufferAttribute(Float32Array.from(segments), 3));
  const outline = new LineSegments(lineGeometry, new LineBasicMaterial({ color, transparent: true, opacity: 0.8 }));
  outline.renderOrder = 5;
  outline.frustumCulled = false;
  outline.name = 'coverage-outline';
  group.add(outline);
  return group;
}
