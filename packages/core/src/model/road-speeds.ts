import { ROAD_CLASSES, type RoadClass } from './region-model.js';

/**
 * Default speed per road class, km/h (DESIGN.md's travel-time model). Rural Kazakhstan limits:
 * 110 on motorways, 90 on national roads, 80–60 on regional/local roads, 30 in settlements
 * (Rules of the Road of the Republic of Kazakhstan, §10). Override per scenario.
 */
export const DEFAULT_SPEED_KMH_BY_CLASS: Readonly<Record<RoadClass, number>> = Object.freeze({
  motorway: 110,
  trunk: 90,
  primary: 80,
  secondary: 70,
  tertiary: 60,
  unclassified: 50,
  residential: 30,
  service: 20,
  other: 30,
});

/** OSM `highway` values that map to one of our classes (links take their road's class). */
const CLASS_ALIASES: Readonly<Record<string, RoadClass>> = {
  motorway_link: 'motorway',
  trunk_link: 'trunk',
  primary_link: 'primary',
  secondary_link: 'secondary',
  tertiary_link: 'tertiary',
  living_street: 'residential',
  road: 'unclassified',
  track: 'service',
};

/** Maps a class value from data (e.g. OSM `highway`) to a {@link ROAD_CLASSES} index. */
export function roadClassIndex(value: unknown): number {
  if (typeof value !== 'string') return ROAD_CLASSES.indexOf('other');
  const key = value.trim().toLowerCase();
  const direct = (ROAD_CLASSES as readonly string[]).indexOf(key);
  if (direct >= 0) return direct;
  const alias = CLASS_ALIASES[key];
  return alias ? ROAD_CLASSES.indexOf(alias) : ROAD_CLASSES.indexOf('other');
}
