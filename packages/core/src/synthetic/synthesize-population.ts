import area from '@turf/area';
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { RegionData } from '../region/region-manifest.js';
import { readFeatureId, readNumber, readOwnProperty } from '../region/read-properties.js';
import { buildDistrictGrid, locateDistrict } from '../geo/district-grid.js';
import { buildPolygonTable, polygonsOf } from '../geo/polygon-table.js';
import { representativePoint } from '../geo/representative-point.js';
import { createSeededRandom, randomNormal } from '../random/seeded-random.js';

/**
 * Relative weight of a settlement without a population, by its class (OSM `place`): the typical
 * size of such a place by the OpenStreetMap definitions (city > 100,000 people, town 10,000–100,000,
 * village up to ~10,000 but mostly a few hundred in rural Kazakhstan, hamlet under ~100-200,
 * isolated dwelling and farm one or two households). Only the ratios matter: the known total
 * decides the sum. `other` is used for a class not in the table or a settlement without one.
 */
export const SETTLEMENT_CLASS_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  city: 100_000,
  town: 15_000,
  village: 700,
  hamlet: 60,
  isolated_dwelling: 6,
  farm: 6,
  other: 300,
});

/**
 * `building` values that house no residents (OSM building tags): buildings so tagged get no
 * synthetic population. Everything else (`yes`, `house`, `apartments`, `residential`, `detached`…)
 * is taken as housing.
 */
export const NON_RESIDENTIAL_BUILDINGS: ReadonlySet<string> = new Set([
  'industrial',
  'commercial',
  'retail',
  'office',
  'warehouse',
  'school',
  'kindergarten',
  'university',
  'college',
  'hospital',
  'church',
  'mosque',
  'cathedral',
  'chapel',
  'public',
  'civic',
  'government',
  'train_station',
  'transportation',
  'garage',
  'garages',
  'shed',
  'barn',
  'cowshed',
  'stable',
  'farm_auxiliary',
  'greenhouse',
  'hangar',
  'roof',
  'service',
  'kiosk',
  'toilets',
  'ruins',
  'construction',
]);

/** Storey height used to turn `height` into storeys when `building:levels` is missing, metres. */
export const STOREY_HEIGHT_METERS = 3;

/** The property that marks a generated population (true) in the output. */
export const SYNTHETIC_POPULATION_PROPERTY = 'population_synthetic';

/** Options of {@link synthesizePopulation}. Give `total` or `districtTotals`, not both. */
export interface SynthesizePopulationOptions {
  /**
   * What receives people: settlements by class, or buildings by residential floor area
   * (footprint m² × storeys). @default 'settlements'
   */
  target?: 'settlements' | 'buildings';
  /** Seed of the jitter (the same seed gives the same numbers). */
  seed: number;
  /** The known number of residents of the whole region. */
  total?: number;
  /** The known number of residents per district, by district id (districts not listed are left alone). */
  districtTotals?: Readonly<Record<string, number>>;
  /** Property holding the class: the settlement class (`place`), or the building type (`building`). @default 'place' / 'building' */
  classProperty?: string;
  /** Weight per class. @default SETTLEMENT_CLASS_WEIGHTS */
  classWeights?: Readonly<Record<string, number>>;
  /**
   * Spread of the multiplicative jitter: each weight is multiplied by exp(σ·z), z standard normal,
   * so that settlements of one class do not all get the same number. 0 turns it off. @default 0.25
   */
  jitterSigma?: number;
}

/** What was filled in one scope (the region, or one district). */
export interface PopulationScopeReport {
  /** `region` or the district id. */
  scope: string;
  /** The known total of the scope. */
  total: number;
  /** People in settlements that already had a population. */
  known: number;
  /** People distributed (total − known). */
  distributed: number;
  /** Settlements that received a synthetic population. */
  filled: number;
}

/** The result of {@link synthesizePopulation}. */
export interface SynthesizedPopulation {
  /** The target layer (settlements or buildings) with every missing population filled and marked synthetic. */
  collection: FeatureCollection;
  /** The property the populations were written to (the layer's mapped `population`, else `population`). */
  populationProperty: string;
  /** Per scope: total, known, distributed, settlements filled. */
  scopes: PopulationScopeReport[];
  /** Features still without population (outside every scope given, or non-residential buildings). */
  stillMissing: number;
}

/**
 * Distributes a known total over the settlements that lack a population, honestly labelled:
 * 1. in each scope (the region, or each district given), remaining = total − the populations
 *    already known there (an error when negative);
 * 2. each settlement without a population gets weight = class weight ({@link SETTLEMENT_CLASS_WEIGHTS})
 *    × exp(σ·z), z drawn from the seeded generator in settlement order;
 * 3. remaining is split in proportion to the weights and rounded to whole people by the largest
 *    remainder method (Hamilton), so the scope adds up to its total exactly; ties go to the
 *    earlier settlement.
 * Every filled feature gets `population` and `population_synthetic: true`; known populations are
 * never changed. Pure: the input region is not modified.
 *
 * @throws {RangeError} when options are inconsistent (both or neither total, a negative or
 *   fractional total, an unknown district id, a total below the known population, a scope that
 *   has people to place but no settlement without population).
 */
export function synthesizePopulation(region: RegionData, options: SynthesizePopulationOptions): SynthesizedPopulation {
  const { seed, total, districtTotals } = options;
  if ((total === undefined) === (districtTotals === undefined)) {
    throw new RangeError('give either a total for the region or totals by district (not both)');
  }
  const target = options.target ?? 'settlements';
  const layer = region.layers[target];
  const mapping = region.manifest.layers[target];
  if (!layer || !mapping) throw new RangeError(`the region has no ${target} layer`);
  const populationProperty = mapping.population ?? 'population';
  const classProperty = options.classProperty ?? (target === 'settlements' ? 'place' : 'building');
  const weights = options.classWeights ?? SETTLEMENT_CLASS_WEIGHTS;
  const sigma = options.jitterSigma ?? 0.25;
  const features = layer.features;
  const known = features.map((f) => {
    const reading = readNumber(readOwnProperty(f.properties, mapping.population));
    return reading.kind === 'ok' ? reading.value : undefined;
  });
  // A settlement's point, or the mean of a building's outer ring: where validation places it.
  const pointOf = (f: Feature): Position => representativePoint(f)!;

  // Scope of each settlement: 0 for the region, or the index of its district's total.
  let scopeNames: string[];
  let scopeTotals: number[];
  let scopeOf: Int32Array;
  if (total !== undefined) {
    scopeNames = ['region'];
    scopeTotals = [checkTotal('region', total)];
    scopeOf = new Int32Array(features.length);
  } else {
    const districts = region.layers.districts!;
    const districtMapping = region.manifest.layers.districts!;
    const ids = districts.features.map((f, i) => readFeatureId(f, districtMapping.id) ?? `#${i}`);
    scopeNames = Object.keys(districtTotals!);
    scopeTotals = scopeNames.map((id) => checkTotal(`district ${id}`, districtTotals![id]));
    for (const id of scopeNames) {
      if (!ids.includes(id))
        throw new RangeError(
          `no district has id "${id}" (ids: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})`,
        );
    }
    const table = buildPolygonTable(
      districts.features.map((f) => polygonsOf(f.geometry)),
      { centerLon: 0, centerLat: 0 },
    );
    const grid = buildDistrictGrid(table);
    const scratch = new Uint8Array(Math.max(1, table.count));
    scopeOf = Int32Array.from(features, (f) => {
      const [lon, lat] = pointOf(f);
      const d = locateDistrict(grid, lon, lat, scratch);
      return d >= 0 ? scopeNames.indexOf(ids[d]) : -1;
    });
  }

  const random = createSeededRandom(seed);
  const weightOf = new Float64Array(features.length);
  features.forEach((f, i) => {
    if (known[i] !== undefined) return;
    const cls = readOwnProperty(f.properties, classProperty);
    const base =
      target === 'buildings'
        ? residentialFloorAreaSquareMeters(f, cls, mapping.levels, mapping.height)
        : ((typeof cls === 'string' ? weights[cls] : undefined) ?? weights.other ?? SETTLEMENT_CLASS_WEIGHTS.other);
    // Draw for every missing settlement, in order, so that one settlement's draw never depends on scopes.
    const z = randomNormal(random);
    weightOf[i] = base * Math.exp(sigma * z);
  });

  const filledPopulation = new Map<number, number>();
  const scopes: PopulationScopeReport[] = scopeNames.map((name, s) => {
    const members: number[] = [];
    let knownPeople = 0;
    for (let i = 0; i < features.length; i++) {
      if (scopeOf[i] !== s) continue;
      if (known[i] !== undefined) knownPeople += known[i]!;
      else if (weightOf[i] > 0) members.push(i);
    }
    const remaining = scopeTotals[s] - knownPeople;
    if (remaining < 0) {
      throw new RangeError(
        `${name === 'region' ? 'the region' : `district ${name}`}: the total ${scopeTotals[s]} is less than the ${knownPeople} people already known there`,
      );
    }
    if (members.length === 0 && remaining > 0) {
      throw new RangeError(
        `${name === 'region' ? 'the region' : `district ${name}`}: ${remaining} people to place but no ${target === 'settlements' ? 'settlement' : 'residential building'} there lacks a population`,
      );
    }
    const shares = largestRemainder(
      remaining,
      members.map((i) => weightOf[i]),
    );
    members.forEach((i, k) => filledPopulation.set(i, shares[k]));
    return { scope: name, total: scopeTotals[s], known: knownPeople, distributed: remaining, filled: members.length };
  });

  const out: Feature[] = features.map((f, i) => {
    const value = filledPopulation.get(i);
    if (value === undefined) return f;
    return {
      ...f,
      properties: { ...f.properties, [populationProperty]: value, [SYNTHETIC_POPULATION_PROPERTY]: true },
    };
  });
  const stillMissing = features.filter((_, i) => known[i] === undefined && !filledPopulation.has(i)).length;
  return { collection: { ...layer, features: out }, populationProperty, scopes, stillMissing };
}

/**
 * Residential floor area of a building, m²: footprint (geodesic area, turf) × storeys, where
 * storeys = the mapped levels, else mapped height / {@link STOREY_HEIGHT_METERS} (at least 1),
 * else 1. 0 for a type in {@link NON_RESIDENTIAL_BUILDINGS}.
 */
export function residentialFloorAreaSquareMeters(
  feature: Feature,
  buildingType: unknown,
  levelsProperty: string | undefined,
  heightProperty: string | undefined,
): number {
  if (typeof buildingType === 'string' && NON_RESIDENTIAL_BUILDINGS.has(buildingType)) return 0;
  const levels = readNumber(readOwnProperty(feature.properties, levelsProperty));
  const height = readNumber(readOwnProperty(feature.properties, heightProperty));
  const storeys =
    levels.kind === 'ok' && levels.value > 0
      ? levels.value
      : height.kind === 'ok' && height.value > 0
        ? Math.max(1, height.value / STOREY_HEIGHT_METERS)
        : 1;
  return area(feature) * storeys;
}

function checkTotal(name: string, total: number): number {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`${name}: the total must be a whole number of people, 0 or more (got ${total})`);
  }
  return total;
}

/**
 * Splits a whole number `total` in proportion to `weights` into whole numbers that add up to it
 * exactly: each gets floor(total · w / Σw), and the units left go to the largest fractional parts
 * (ties to the earlier index). The largest remainder (Hamilton) method.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (!(sum > 0))
    return largestRemainder(
      total,
      weights.map(() => 1),
    );
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => i).sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || a - b);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]]++;
  return out;
}
