/**
 * How OpenStreetMap tags become regiontwin layers: which `highway` values are roads, which
 * `place` values are settlements, which tags make a facility of which kind, and how `maxspeed`,
 * `oneway`, `population`, `building:levels` and `height` are read. Every table is documented in
 * docs/importing-data.md; the facility table can be overridden per import.
 */

/** An OSM element's tags. */
export type OsmTags = Readonly<Record<string, string>>;

/**
 * `highway` values imported as roads: the ones a car (or a district bus) can drive. Footways,
 * paths, cycleways, steps, bridleways, platforms and roads under construction or only proposed are
 * left out, so that network travel times are never computed along a footpath.
 */
export const ROUTABLE_HIGHWAYS: ReadonlySet<string> = new Set([
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'road',
  'track',
]);

/**
 * `place` values imported as settlements (people live there). Parts of a city (`suburb`,
 * `quarter`, `neighbourhood`) are left out because the city node already carries their residents;
 * `locality` is by definition unpopulated.
 */
export const SETTLEMENT_PLACES: readonly string[] = ['city', 'town', 'village', 'hamlet', 'isolated_dwelling', 'farm'];

/**
 * The default facility table: `key=value` → facility kind, checked in this order (the first rule
 * that matches wins). `key=*` matches any value but `no`. Kinds are kebab-case, as scenarios and
 * templates name them (`school`, `hospital`, `it-hub`…). Override or extend with
 * {@link resolveFacilityKindTable}.
 */
export const DEFAULT_FACILITY_KIND_TABLE: Readonly<Record<string, string>> = Object.freeze({
  'amenity=school': 'school',
  'education=school': 'school',
  'amenity=kindergarten': 'kindergarten',
  'education=kindergarten': 'kindergarten',
  'amenity=college': 'college',
  'education=college': 'college',
  'amenity=university': 'university',
  'education=university': 'university',
  'amenity=hospital': 'hospital',
  'healthcare=hospital': 'hospital',
  'amenity=clinic': 'clinic',
  'healthcare=clinic': 'clinic',
  'healthcare=centre': 'clinic',
  'amenity=doctors': 'doctor',
  'healthcare=doctor': 'doctor',
  'amenity=pharmacy': 'pharmacy',
  'healthcare=pharmacy': 'pharmacy',
  'amenity=library': 'library',
  'amenity=community_centre': 'community-centre',
  'amenity=post_office': 'post-office',
  'amenity=police': 'police',
  'amenity=fire_station': 'fire-station',
  'amenity=townhall': 'townhall',
  'office=government': 'government-office',
  'amenity=bank': 'bank',
  'amenity=coworking_space': 'coworking',
  'office=coworking': 'coworking',
  'amenity=internet_cafe': 'internet-cafe',
  'amenity=bus_station': 'bus-station',
});

/** A facility table resolved for matching: rules in order, `value` undefined for `key=*`. */
export interface FacilityKindRule {
  key: string;
  value?: string;
  kind: string;
}

/**
 * Resolves the facility table: the `overrides` first (in their order), then the defaults not
 * overridden. An override whose kind is `null` removes that rule (e.g. `{ "amenity=bank": null }`).
 *
 * @throws {RangeError} for a rule that is not `key=value` or `key=*`, or a kind that is not a
 *   non-empty string or null.
 */
export function resolveFacilityKindTable(
  overrides: Readonly<Record<string, string | null>> = {},
  defaults: Readonly<Record<string, string>> = DEFAULT_FACILITY_KIND_TABLE,
): FacilityKindRule[] {
  const rules: FacilityKindRule[] = [];
  const seen = new Set<string>();
  const add = (tag: string, kind: unknown) => {
    const match = /^([^=\s]+)=([^=]+)$/.exec(tag);
    if (!match) throw new RangeError(`facility rule "${tag}" must be written key=value or key=*`);
    if (kind !== null && (typeof kind !== 'string' || kind.trim() === '')) {
      throw new RangeError(`facility rule "${tag}" must map to a kind (a non-empty string) or null`);
    }
    seen.add(tag);
    if (kind !== null)
      rules.push({ key: match[1], value: match[2] === '*' ? undefined : match[2], kind: kind as string });
  };
  for (const [tag, kind] of Object.entries(overrides)) add(tag, kind);
  for (const [tag, kind] of Object.entries(defaults)) if (!seen.has(tag)) add(tag, kind);
  return rules;
}

/** The facility kind of an element's tags by the first matching rule, or undefined. */
export function facilityKindOf(tags: OsmTags | undefined, rules: readonly FacilityKindRule[]): string | undefined {
  if (!tags) return undefined;
  for (const rule of rules) {
    const value = tags[rule.key];
    if (value === undefined) continue;
    if (rule.value === undefined ? value !== 'no' : value === rule.value) return rule.kind;
  }
  return undefined;
}

/** Whether a way is a routable road: a {@link ROUTABLE_HIGHWAYS} value and not an area. */
export function isRoutableRoad(tags: OsmTags | undefined): boolean {
  return !!tags && ROUTABLE_HIGHWAYS.has(tags.highway ?? '') && tags.area !== 'yes';
}

/** The settlement class (`place` value) when the element is a settlement, else undefined. */
export function settlementClassOf(tags: OsmTags | undefined): string | undefined {
  const place = tags?.place;
  return place !== undefined && SETTLEMENT_PLACES.includes(place) ? place : undefined;
}

/** Whether an element is a building (`building=*` but `no`). */
export function isBuilding(tags: OsmTags | undefined): boolean {
  const b = tags?.building;
  return b !== undefined && b !== 'no';
}

/**
 * Travel direction of a road by OSM's rules: 1 along the way, -1 against it, 0 both ways.
 * `oneway=yes|true|1` → 1, `oneway=-1|reverse` → -1, `oneway=no|false|0` → 0; without a `oneway`
 * tag, `highway=motorway` and `junction=roundabout|circular` imply one way. `oneway=reversible` and
 * `alternating` (direction changes during the day) count as both ways.
 */
export function onewayOf(tags: OsmTags): number {
  const v = tags.oneway?.trim().toLowerCase();
  if (v === 'yes' || v === 'true' || v === '1') return 1;
  if (v === '-1' || v === 'reverse') return -1;
  if (v !== undefined) return 0;
  if (tags.highway === 'motorway') return 1;
  if (tags.junction === 'roundabout' || tags.junction === 'circular') return 1;
  return 0;
}

/**
 * Implicit speed limits written as `maxspeed=CC:zone`, km/h, for the countries of the region's
 * origin (Rules of the Road of the Republic of Kazakhstan §10; the Russian, Belarusian, Ukrainian,
 * Kyrgyz and Uzbek rules have the same values): urban 60, rural 90, motorway 110, living street 20.
 */
export const ZONE_SPEED_KMH: Readonly<Record<string, number>> = Object.freeze({
  urban: 60,
  rural: 90,
  motorway: 110,
  living_street: 20,
});

/** Countries whose `CC:zone` maxspeed values {@link ZONE_SPEED_KMH} knows. */
const ZONE_COUNTRIES = new Set(['KZ', 'RU', 'BY', 'UA', 'KG', 'UZ']);

/**
 * Reads `maxspeed` as km/h: `60`, `60 km/h`, `30 mph` (× 1.609344), `KZ:urban` (by
 * {@link ZONE_SPEED_KMH}), `none` (undefined: the class default applies). Returns undefined for
 * anything else (`signals`, `walk`, several values).
 */
export function parseMaxspeedKmh(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const numeric = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph)?$/i.exec(v);
  if (numeric) {
    const speed = Number(numeric[1]) * (numeric[2]?.toLowerCase() === 'mph' ? 1.609344 : 1);
    return speed > 0 ? Math.round(speed * 1000) / 1000 : undefined;
  }
  const zone = /^([A-Z]{2}):([a-z_]+)$/.exec(v);
  if (zone && ZONE_COUNTRIES.has(zone[1])) return ZONE_SPEED_KMH[zone[2]];
  return undefined;
}

/**
 * Reads `population` as a whole number of people: `1234`, `1 234`, `1,234` (thousands
 * separators), `1234.0`. Returns undefined for anything else (`~500`, `500-600`, `unknown`).
 */
export function parsePopulation(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (/^\d{1,3}(,\d{3})+$/.test(v)) return Number(v.replace(/,/g, ''));
  if (/^\d+(\.0+)?$/.test(v)) return Number(v);
  return undefined;
}

/**
 * Reads a length in metres: `12`, `12.5`, `12 m`, `12m`; feet (`40'`, `40 ft`) converted at 0.3048.
 * Returns undefined for anything else or a value ≤ 0.
 */
export function parseMeters(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const metric = /^(\d+(?:\.\d+)?)\s*(m)?$/.exec(v);
  if (metric) return Number(metric[1]) > 0 ? Number(metric[1]) : undefined;
  const feet = /^(\d+(?:\.\d+)?)\s*('|ft)$/.exec(v);
  if (feet) return Number(feet[1]) > 0 ? Math.round(Number(feet[1]) * 0.3048 * 1000) / 1000 : undefined;
  return undefined;
}

/** Reads `building:levels` as a positive number of storeys (`5`, `2.5`), else undefined. */
export function parseLevels(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (!/^\d+(\.\d+)?$/.test(v)) return undefined;
  const n = Number(v);
  return n > 0 ? n : undefined;
}
