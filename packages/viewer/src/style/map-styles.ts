import { ROAD_CLASSES, type RoadClass } from '@regiontwin/core';
import { schemeTableau10 } from 'd3-scale-chromatic';

/** Marker shapes for facilities (drawn as signed-distance shapes in the point shader). */
export const FACILITY_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star', 'hexagon'] as const;
/** A facility marker shape. */
export type FacilityShape = (typeof FACILITY_SHAPES)[number];

/** How the facilities of one kind are drawn. */
export interface FacilityStyle {
  /** Marker shape. */
  shape: FacilityShape;
  /** Fill colour, CSS (sRGB). */
  color: string;
}

/**
 * Styles for the facility kinds that regiontwin's templates and the Kostanay data use. Other
 * kinds get a shape and a Tableau-10 colour by their order of appearance.
 */
export const DEFAULT_FACILITY_STYLES: Readonly<Record<string, FacilityStyle>> = {
  'it-hub': { shape: 'star', color: '#7b3fe4' },
  school: { shape: 'square', color: '#1f77b4' },
  kindergarten: { shape: 'triangle', color: '#17becf' },
  hospital: { shape: 'cross', color: '#d62728' },
  clinic: { shape: 'cross', color: '#e377c2' },
  polyclinic: { shape: 'cross', color: '#e377c2' },
  pharmacy: { shape: 'diamond', color: '#2ca02c' },
  bank: { shape: 'hexagon', color: '#8c564b' },
  'bus-stop': { shape: 'circle', color: '#ff7f0e' },
};

/**
 * Resolves a style for every kind: `overrides` first, then {@link DEFAULT_FACILITY_STYLES}, then a
 * shape and colour cycled from the kind's position in `kinds`.
 */
export function resolveFacilityStyles(
  kinds: readonly string[],
  overrides: Readonly<Record<string, FacilityStyle>> = {},
): Map<string, FacilityStyle> {
  const styles = new Map<string, FacilityStyle>();
  let next = 0;
  for (const kind of kinds) {
    if (styles.has(kind)) continue;
    const style = overrides[kind] ?? DEFAULT_FACILITY_STYLES[kind];
    if (style) {
      styles.set(kind, style);
      continue;
    }
    styles.set(kind, {
      shape: FACILITY_SHAPES[next % FACILITY_SHAPES.length],
      color: schemeTableau10[next % schemeTableau10.length],
    });
    next++;
  }
  return styles;
}

/** How the roads of one class are drawn. */
export interface RoadStyle {
  /** Line colour, CSS (sRGB). */
  color: string;
  /** Line width, CSS pixels. */
  widthPixels: number;
}

/** Road styles by class, after the usual OSM cartography (major roads wide and warm). */
export const ROAD_STYLES: Readonly<Record<RoadClass, RoadStyle>> = {
  motorway: { color: '#e4572e', widthPixels: 3 },
  trunk: { color: '#f07e26', widthPixels: 3 },
  primary: { color: '#f2a541', widthPixels: 2.5 },
  secondary: { color: '#c9a227', widthPixels: 2 },
  tertiary: { color: '#8d8d8d', widthPixels: 1.5 },
  unclassified: { color: '#9e9e9e', widthPixels: 1 },
  residential: { color: '#a9a9a9', widthPixels: 1 },
  service: { color: '#bdbdbd', widthPixels: 1 },
  other: { color: '#b0b0b0', widthPixels: 1 },
};

/** The road style of a class index of `RoadGraph.edgeClass`. */
export function roadStyleOf(classIndex: number): RoadStyle {
  return ROAD_STYLES[ROAD_CLASSES[classIndex] ?? 'other'] ?? ROAD_STYLES.other;
}
