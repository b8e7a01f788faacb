import { BufferAttribute, BufferGeometry, Color, Points, ShaderMaterial } from 'three';
import { FACILITY_SHAPES, type FacilityShape } from '../style/map-styles.js';

/** One marker: a screen-sized symbol at a map position. */
export interface Marker {
  /** World x (metres east of the scene origin). */
  x: number;
  /** World z (metres south of the scene origin: −north). */
  z: number;
  /** World y: height above the ground, metres. @default 0 */
  y?: number;
  /** Diameter, CSS pixels. */
  sizePixels: number;
  /** Fill colour, CSS (sRGB). */
  color: string;
  /** Outline colour, CSS (sRGB). */
  strokeColor: string;
  /** Outline width, CSS pixels, drawn inside the diameter. */
  strokeWidthPixels: number;
  /** Shape. */
  shape: FacilityShape;
}

const VERTEX_SHADER = /* glsl */ `
attribute float markerSize;
attribute vec3 markerColor;
attribute vec3 markerStroke;
attribute float markerStrokeWidth;
attribute float markerShape;
uniform float pixelRatio;
varying vec3 vColor;
varying vec3 vStroke;
varying float vStrokeWidth;
varying float vShape;
varying float vSize;
void main() {
  vColor = markerColor;
  vStroke = markerStroke;
  vStrokeWidth = markerStrokeWidth * pixelRatio;
  vShape = markerShape;
  vSize = markerSize * pixelRatio;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = vSize;
}
`;

// Signed distances in pixels (negative inside) after Inigo Quilez, "2D distance functions"
// (iquilezles.org/articles/distfunctions2d), MIT.
const FRAGMENT_SHADER = /* glsl */ `
uniform float fillOpacity;
varying vec3 vColor;
varying vec3 vStroke;
varying float vStrokeWidth;
varying float vShape;
varying float vSize;

float sdBox(vec2 p, vec2 b) {
  vec2 d = abs(p) - b;
  return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
}
float sdTriangle(vec2 p, float r) {
  const float k = 1.7320508;
  p.x = abs(p.x) - r;
  p.y = p.y + r / k;
  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
  p.x -= clamp(p.x, -2.0 * r, 0.0);
  return -length(p) * sign(p.y);
}
float sdHexagon(vec2 p, float r) {
  const vec3 k = vec3(-0.866025404, 0.5, 0.577350269);
  p = abs(p);
  p -= 2.0 * min(dot(k.xy, p), 0.0) * k.xy;
  p -= vec2(clamp(p.x, -k.z * r, k.z * r), r);
  return length(p) * sign(p.y);
}
float sdStar5(vec2 p, float r, float rf) {
  const vec2 k1 = vec2(0.809016994375, -0.587785252292);
  const vec2 k2 = vec2(-0.809016994375, -0.587785252292);
  p.x = abs(p.x);
  p -= 2.0 * max(dot(k1, p), 0.0) * k1;
  p -= 2.0 * max(dot(k2, p), 0.0) * k2;
  p.x = abs(p.x);
  p.y -= r;
  vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);
  float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
  return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}
float sdCross(vec2 p, vec2 b) {
  p = abs(p);
  p = (p.y > p.x) ? p.yx : p.xy;
  vec2 q = p - b;
  float k = max(q.y, q.x);
  vec2 w = (k > 0.0) ? q : vec2(b.y - p.x, -k);
  return sign(k) * length(max(w, 0.0));
}

void main() {
  float r = vSize * 0.5 - 0.75;
  vec2 p = (gl_PointCoord - 0.5) * vSize;
  p.y = -p.y;
  float d;
  if (vShape < 0.5) d = length(p) - r;
  else if (vShape < 1.5) d = sdBox(p, vec2(r * 0.82));
  else if (vShape < 2.5) d = sdTriangle(p - vec2(0.0, -r * 0.2), r * 0.95);
  else if (vShape < 3.5) d = (abs(p.x) + abs(p.y) - r) * 0.70710678;
  else if (vShape < 4.5) d = sdCross(p, vec2(r, r * 0.38));
  else if (vShape < 5.5) d = sdStar5(p - vec2(0.0, -r * 0.08), r, 0.45);
  else d = sdHexagon(p, r * 0.9);
  float inside = 1.0 - smoothstep(-0.5, 0.5, d);
  float strokeMix = vStrokeWidth > 0.0 ? smoothstep(-vStrokeWidth - 0.5, -vStrokeWidth + 0.5, d) : 0.0;
  vec4 color = mix(vec4(vColor, fillOpacity), vec4(vStroke, 1.0), strokeMix);
  color.a *= inside;
  if (color.a < 0.004) discard;
  gl_FragColor = color;
  #include <colorspace_fragment>
}
`;

/**
 * Builds screen-sized markers (one draw call for any number) drawn with per-marker shape, size,
 * fill and outline, on top of everything else (no depth test): map symbology, not 3D objects.
 *
 * @param markers the markers, positions in world metres
 * @param options `fillOpacity` (0…1, default 1) and the device pixel ratio (default 1)
 */
export function createMarkerPoints(
  markers: readonly Marker[],
  options: { fillOpacity?: number; pixelRatio?: number; renderOrder?: number } = {},
): Points<BufferGeometry, ShaderMaterial> {
  const n = markers.length;
  const positions = new Float32Array(n * 3);
  const sizes = new Float32Array(n);
  const colors = new Float32Array(n * 3);
  const strokes = new Float32Array(n * 3);
  const strokeWidths = new Float32Array(n);
  const shapes = new Float32Array(n);
  const color = new Color();
  markers.forEach((marker, i) => {
    positions[i * 3] = marker.x;
    positions[i * 3 + 1] = marker.y ?? 0;
    positions[i * 3 + 2] = marker.z;
    sizes[i] = marker.sizePixels;
    color.set(marker.color).toArray(colors, i * 3);
    color.set(marker.strokeColor).toArray(strokes, i * 3);
    strokeWidths[i] = marker.strokeWidthPixels;
    shapes[i] = FACILITY_SHAPES.indexOf(marker.shape);
  });
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setAttribute('markerSize', new BufferAttribute(sizes, 1));
  geometry.setAttribute('markerColor', new BufferAttribute(colors, 3));
  geometry.setAttribute('markerStroke', new BufferAttribute(strokes, 3));
  geometry.setAttribute('markerStrokeWidth', new BufferAttribute(strokeWidths, 1));
  geometry.setAttribute('markerShape', new BufferAttribute(shapes, 1));
  const material = new ShaderMaterial({
    uniforms: {
      pixelRatio: { value: options.pixelRatio ?? 1 },
      fillOpacity: { value: options.fillOpacity ?? 1 },
    },
    vertexShader: VERTEX_SHADER,
    fragmentShader: FRAGMENT_SHADER,
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
  const points = new Points(geometry, material);
  points.frustumCulled = false;
  points.renderOrder = options.renderOrder ?? 10;
  return points;
}
