import { BufferAttribute, BufferGeometry, Color, Group, Mesh, MeshBasicMaterial } from 'three';
import type { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { extrudePolygons, type ExtrudedGeometry, type PolygonFeatures } from '../geometry/extrude-polygons.js';
import { createMapLines } from './map-lines.js';

/** Light direction for the baked shading of extruded district walls (world x, z; from the south-west). */
const LIGHT_X = -0.6;
const LIGHT_Z = 0.8;

/**
 * Districts of one side of the view: a fill (flat, or extruded by value) with per-district colour
 * and the district outlines on top. Fill colours are unlit (MeshBasicMaterial) so a district's
 * colour on screen is exactly its legend colour; extruded walls get a shade baked into their
 * vertex colours instead of scene lights.
 */
export class DistrictLayer {
  /** The fill and the outlines. */
  readonly group = new Group();
  private fill: Mesh<BufferGeometry, MeshBasicMaterial> | null = null;
  private outline: LineSegments2 | null = null;
  private extruded: ExtrudedGeometry | null = null;
  private districtHeights: Float64Array;
  private colors: string[] = [];

  /**
   * @param districts district polygons, metres
   * @param origin the scene origin, metres (x east, y north)
   * @param outlineColor CSS colour of the outlines
   */
  constructor(
    private readonly districts: PolygonFeatures,
    private readonly origin: readonly [number, number],
    private readonly outlineColor: string,
  ) {
    this.districtHeights = new Float64Array(districts.count);
    this.group.name = 'districts';
  }

  /**
   * Colours the districts and sets their heights. Geometry is rebuilt only when heights change;
   * a colour change rewrites one attribute.
   *
   * @param colors CSS colour of each district (model order)
   * @param heights height of each district, metres, or null for flat
   */
  update(colors: readonly string[], heights: Float64Array | null): void {
    const next = heights ?? new Float64Array(this.districts.count);
    const rebuild = !this.fill || !sameValues(next, this.districtHeights);
    this.districtHeights = Float64Array.from(next);
    this.colors = colors.slice();
    if (rebuild) this.rebuild();
    else this.writeColors();
  }

  /** The district whose fill triangle contains vertex `vertex` of the fill geometry (-1 if none). */
  districtOfVertex(vertex: number): number {
    if (!this.extruded) return -1;
    return upperBound(this.extruded.featureVertexOffsets, vertex) - 1;
  }

  /** The fill mesh (for ray casting), or null before the first update. */
  get fillMesh(): Mesh | null {
    return this.fill;
  }

  /** Height of each district's top, metres (model order). */
  get heights(): Float64Array {
    return this.districtHeights;
  }

  private rebuild(): void {
    this.disposeObjects();
    const withWalls = this.districtHeights.some((h) => h > 0);
    this.extruded = extrudePolygons(this.districts, this.districtHeights, {
      origin: this.origin,
      walls: withWalls,
      defaultHeightMeters: 0,
    });
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(this.extruded.positions, 3));
    geometry.setAttribute('normal', new BufferAttribute(this.extruded.normals, 3, true));
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(this.extruded.positions.length), 3));
    geometry.setIndex(new BufferAttribute(this.extruded.indices, 1));
    geometry.computeBoundingSphere();
    const material = new MeshBasicMaterial({
      vertexColors: true,
      // Push the fill back in depth so roads, outlines and coverage at the same height win.
      polygonOffset: true,
      polygonOffsetFactor: 1,
      polygonOffsetUnits: 4,
    });
    this.fill = new Mesh(geometry, material);
    this.fill.name = 'district-fill';
    this.group.add(this.fill);
    this.writeColors();

    this.outline = createMapLines(outlineSegments(this.districts, this.districtHeights, this.origin, null), {
      widthPixels: 1,
      color: this.outlineColor,
      opacity: 0.85,
      renderOrder: 2,
    });
    this.outline.name = 'district-outline';
    this.group.add(this.outline);
  }

  private writeColors(): void {
    if (!this.fill || !this.extruded) return;
    const attribute = this.fill.geometry.getAttribute('color') as BufferAttribute;
    const target = attribute.array as Float32Array;
    const { featureVertexOffsets, normals } = this.extruded;
    const color = new Color();
    for (let d = 0; d < this.districts.count; d++) {
      color.set(this.colors[d] ?? '#cccccc');
      for (let v = featureVertexOffsets[d]; v < featureVertexOffsets[d + 1]; v++) {
        // Roofs (normal straight up) keep the legend colour; walls are shaded by facing.
        const ny = normals[v * 3 + 1];
        const shade =
          ny > 100 ? 1 : 0.62 + 0.3 * Math.max(0, (normals[v * 3] * LIGHT_X + normals[v * 3 + 2] * LIGHT_Z) / 127);
        target[v * 3] = color.r * shade;
        target[v * 3 + 1] = color.g * shade;
        target[v * 3 + 2] = color.b * shade;
      }
    }
    attribute.needsUpdate = true;
  }

  private disposeObjects(): void {
    if (this.fill) {
      this.fill.geometry.dispose();
      this.fill.material.dispose();
      this.group.remove(this.fill);
      this.fill = null;
    }
    if (this.outline) {
      this.outline.geometry.dispose();
      this.outline.material.dispose();
      this.group.remove(this.outline);
      this.outline = null;
    }
  }

  /** Frees every GPU resource of the layer. */
  dispose(): void {
    this.disposeObjects();
    this.extruded = null;
  }
}

/**
 * Line segments along every ring of the given features (all when `only` is null), at each
 * feature's height, in world coordinates (x − originX, height, −(y − originY)).
 */
export function outlineSegments(
  features: PolygonFeatures,
  heights: ArrayLike<number> | null,
  origin: readonly [number, number],
  only: readonly number[] | null,
  lift = 0,
): Float32Array {
  const list = only ?? Array.from({ length: features.count }, (_, i) => i);
  let edges = 0;
  for (const f of list) {
    for (
      let r = features.ringOffsets[features.partOffsets[f]];
      r < features.ringOffsets[features.partOffsets[f + 1]];
      r++
    ) {
      edges += features.vertexOffsets[r + 1] - features.vertexOffsets[r];
    }
  }
  const out = new Float32Array(edges * 6);
  const { xy } = features;
  let o = 0;
  for (const f of list) {
    const h = (heights ? heights[f] : 0) + lift;
    for (
      let r = features.ringOffsets[features.partOffsets[f]];
      r < features.ringOffsets[features.partOffsets[f + 1]];
      r++
    ) {
      const start = features.vertexOffsets[r];
      const end = features.vertexOffsets[r + 1];
      for (let v = start; v < end; v++) {
        const w = v + 1 < end ? v + 1 : start;
        out[o++] = xy[v * 2] - origin[0];
        out[o++] = h;
        out[o++] = -(xy[v * 2 + 1] - origin[1]);
        out[o++] = xy[w * 2] - origin[0];
        out[o++] = h;
        out[o++] = -(xy[w * 2 + 1] - origin[1]);
      }
    }
  }
  return out;
}

/** First index i with sorted[i] > value (binary search). */
function upperBound(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
