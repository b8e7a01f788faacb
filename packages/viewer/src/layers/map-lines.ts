import { Color } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';

/** Options of {@link createMapLines}. */
export interface MapLinesOptions {
  /** Line width, CSS pixels. */
  widthPixels: number;
  /** Colour of every segment, CSS (sRGB), when `colors` is not given. @default '#000000' */
  color?: string;
  /** Per-vertex colours (2 vertices per segment), linear RGB 0…1, or null for one colour. */
  colors?: Float32Array | null;
  /** Opacity 0…1. @default 1 */
  opacity?: number;
  /** Draw order among transparent objects. @default 1 */
  renderOrder?: number;
  /** Draw over everything (no depth test). @default false */
  onTop?: boolean;
}

/**
 * Wide lines in screen pixels (three's LineSegments2: every segment is a screen-aligned quad,
 * because WebGL lines are 1 pixel wide everywhere but in some desktop drivers).
 *
 * @param segments x, y, z of both ends of every segment, world metres
 */
export function createMapLines(segments: Float32Array, options: MapLinesOptions): LineSegments2 {
  const geometry = new LineSegmentsGeometry();
  geometry.setPositions(segments);
  if (options.colors) geometry.setColors(options.colors);
  const material = new LineMaterial({
    color: options.colors ? 0xffffff : new Color(options.color ?? '#000000').getHex(),
    linewidth: options.widthPixels,
    vertexColors: Boolean(options.colors),
    worldUnits: false,
    transparent: (options.opacity ?? 1) < 1 || Boolean(options.onTop),
    opacity: options.opacity ?? 1,
    depthTest: !options.onTop,
    depthWrite: false,
  });
  const lines = new LineSegments2(geometry, material);
  lines.renderOrder = options.renderOrder ?? 1;
  lines.frustumCulled = false;
  return lines;
}
