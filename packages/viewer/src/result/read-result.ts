import { projectLonLat, type IndicatorResult, type ProjectionParams, type ScenarioResult } from '@regiontwin/core';
import type { ValueKind } from '../style/indicator-color-scale.js';

/**
 * Finds an indicator of a result by id (the first with that id) or by position.
 * @throws Error naming the available ids when there is no such indicator
 */
export function findIndicator(result: ScenarioResult, idOrIndex: string | number): IndicatorResult {
  const indicator =
    typeof idOrIndex === 'number' ? result.indicators[idOrIndex] : result.indicators.find((i) => i.id === idOrIndex);
  if (!indicator) {
    const ids = result.indicators.map((i, index) => `${index}: ${i.id}`).join(', ');
    throw new Error(`No indicator ${JSON.stringify(idOrIndex)} in result "${result.scenario}" (has ${ids || 'none'})`);
  }
  return indicator;
}

/**
 * One column of an indicator's per-district values, in the model's district order, matched by
 * district id (never by position, so a result with districts in another order or missing ones is
 * still drawn right). Districts without a value get NaN.
 *
 * @param indicator the indicator
 * @param districtIds the model's district ids, in model order
 * @param kind which column
 * @param year the modelled year; @default the final year (`byDistrict`), also for results without per-year district values
 */
export function districtValues(
  indicator: IndicatorResult,
  districtIds: readonly string[],
  kind: ValueKind,
  year?: number | null,
): Float64Array {
  const number = (value: unknown) => (typeof value === 'number' ? value : Number.NaN);
  const byId = new Map<string, number>();
  // A year's values when the result has them (`byYear[].byDistrict`, same order as `byDistrict`).
  const ofYear =
    year === undefined || year === null ? undefined : indicator.byYear?.find((y) => y.year === year)?.byDistrict;
  indicator.byDistrict.forEach((d, k) => {
    if (ofYear) {
      const baseline = number(ofYear.baseline[k]);
      const scenario = number(ofYear.scenario[k]);
      byId.set(d.id, kind === 'baseline' ? baseline : kind === 'scenario' ? scenario : scenario - baseline);
    } else byId.set(d.id, number(kind === 'baseline' ? d.baseline : kind === 'scenario' ? d.scenario : d.delta));
  });
  return Float64Array.from(districtIds, (id) => byId.get(id) ?? Number.NaN);
}

/** A facility that a scenario adds, read from the result's expanded interventions. */
export interface AddedFacility {
  /** Id given in the change ('' when none). */
  id: string;
  /** Facility kind, e.g. `it-hub`. */
  kind: string;
  /** Display name ('' when none). */
  name: string;
  /** Longitude, latitude, degrees. */
  lonLat: [number, number];
  /** Position in the model's projection, metres (x east, y north). */
  xy: [number, number];
  /** Year the facility opens; it is shown from this year on. */
  year: number;
  /** Capacity given in the change (seats, beds…), or NaN. */
  capacity: number;
}

/** A road that a scenario adds. */
export interface AddedRoad {
  /** Road class name (`primary`, `residential`…). */
  roadClass: string;
  /** Vertices, metres in the model's projection. */
  xy: [number, number][];
  year: number;
}

/** A settlement (demand point) that a scenario adds. */
export interface AddedSettlement {
  name: string;
  /** Residents, people. */
  population: number;
  lonLat: [number, number];
  xy: [number, number];
  year: number;
}

/** The drawable changes of a scenario, each with the year it takes effect. */
export interface ScenarioChanges {
  addedFacilities: AddedFacility[];
  /** Facilities removed, by id. */
  removedFacilities: { id: string; year: number }[];
  /** Facilities moved, by id, to a new position. */
  movedFacilities: { id: string; lonLat: [number, number]; xy: [number, number]; year: number }[];
  addedRoads: AddedRoad[];
  addedSettlements: AddedSettlement[];
}

/**
 * Reads what a scenario changes on the map from `result.interventions` (the expanded, concrete
 * changes of `@regiontwin/core`'s scenario format): `add-facility` (kind, at), `remove-facility`
 * (id), `move-facility` (id, to), `add-road` (coordinates, class) and `add-settlement` (at,
 * population). Changes nested in a template's `changes` inherit its year; a change without a
 * year starts in the first modelled year. Changes that move no geometry (costs, populations,
 * road upgrades) are not drawn. The viewer only places what the result lists; it computes
 * nothing.
 *
 * @param result the scenario result
 * @param projection the model's projection, to place changes in metres
 */
export function readScenarioChanges(result: ScenarioResult, projection: ProjectionParams): ScenarioChanges {
  const changes: ScenarioChanges = {
    addedFacilities: [],
    removedFacilities: [],
    movedFacilities: [],
    addedRoads: [],
    addedSettlements: [],
  };
  const scratch = new Float64Array(2);
  const project = (lonLat: [number, number]): [number, number] => {
    projectLonLat(projection, lonLat[0], lonLat[1], scratch, 0);
    return [scratch[0], scratch[1]];
  };
  const visit = (change: unknown, inheritedYear: number): void => {
    if (!change || typeof change !== 'object') return;
    const record = change as Record<string, unknown>;
    const year = typeof record.year === 'number' && Number.isFinite(record.year) ? record.year : inheritedYear;
    const text = (key: string): string => (typeof record[key] === 'string' ? (record[key] as string) : '');
    switch (record.type) {
      case 'add-facility': {
        const lonLat = readLonLat(record.at);
        if (lonLat && typeof record.kind === 'string') {
          changes.addedFacilities.push({
            id: text('id'),
            kind: record.kind,
            name: text('name'),
            lonLat,
            xy: project(lonLat),
            year,
            capacity: typeof record.capacity === 'number' && record.capacity >= 0 ? record.capacity : Number.NaN,
          });
        }
        break;
      }
      case 'remove-facility':
        if (typeof record.id === 'string') changes.removedFacilities.push({ id: record.id, year });
        break;
      case 'move-facility': {
        const lonLat = readLonLat(record.to);
        if (lonLat && typeof record.id === 'string') {
          changes.movedFacilities.push({ id: record.id, lonLat, xy: project(lonLat), year });
        }
        break;
      }
      case 'add-road': {
        const coordinates = Array.isArray(record.coordinates) ? record.coordinates.map(readLonLat) : [];
        if (coordinates.length >= 2 && coordinates.every((c) => c !== null)) {
          changes.addedRoads.push({
            roadClass: text('class') || 'other',
            xy: (coordinates as [number, number][]).map(project),
            year,
          });
        }
        break;
      }
      case 'add-settlement': {
        const lonLat = readLonLat(record.at);
        if (lonLat && typeof record.population === 'number') {
          changes.addedSettlements.push({
            name: text('name'),
            population: record.population,
            lonLat,
            xy: project(lonLat),
            year,
          });
        }
        break;
      }
    }
    if (Array.isArray(record.changes)) for (const nested of record.changes) visit(nested, year);
  };
  for (const intervention of result.interventions ?? []) visit(intervention, result.years?.start ?? -Infinity);
  return changes;
}

/** Keeps the changes in effect in `year` (those whose year is not later). */
export function changesUntil(changes: ScenarioChanges, year: number): ScenarioChanges {
  const keep = <T extends { year: number }>(list: T[]): T[] => list.filter((change) => change.year <= year);
  return {
    addedFacilities: keep(changes.addedFacilities),
    removedFacilities: keep(changes.removedFacilities),
    movedFacilities: keep(changes.movedFacilities),
    addedRoads: keep(changes.addedRoads),
    addedSettlements: keep(changes.addedSettlements),
  };
}

function readLonLat(candidate: unknown): [number, number] | null {
  if (
    Array.isArray(candidate) &&
    candidate.length >= 2 &&
    typeof candidate[0] === 'number' &&
    typeof candidate[1] === 'number' &&
    Math.abs(candidate[0]) <= 180 &&
    Math.abs(candidate[1]) <= 90
  ) {
    return [candidate[0], candidate[1]];
  }
  return null;
}

/**
 * The coverage area an indicator implies: a radius for `{ kind, meters }` (e.g.
 * `population-within-distance`), a travel-time reach for `{ kind, minutes }` (e.g.
 * `population-within-travel-time`, `coverage-share`); null for other indicators.
 */
export function coverageOfIndicator(indicator: IndicatorResult): CoverageArea | null {
  const params = indicator.params ?? {};
  const kind = params.kind;
  if (typeof kind !== 'string') return null;
  const meters = params.meters ?? params.radiusMeters;
  if (typeof meters === 'number' && meters > 0) return { kind, radiusMeters: meters };
  const minutes = params.minutes;
  if (typeof minutes === 'number' && minutes > 0) return { kind, minutes };
  return null;
}

/**
 * A coverage area: discs of `radiusMeters` around each facility of `kind`, or the area from which
 * a facility of `kind` is reached within `minutes` by the travel-time model.
 */
export type CoverageArea = { kind: string; radiusMeters: number } | { kind: string; minutes: number };

/** The region totals of an indicator in one year (null when the result has no such year). */
export function yearTotals(
  indicator: IndicatorResult,
  year: number,
): { year: number; baseline: number; scenario: number; delta: number } | null {
  const entry = indicator.byYear.find((y) => y.year === year);
  if (!entry) return null;
  return {
    year,
    baseline: numberOrNaN(entry.baseline),
    scenario: numberOrNaN(entry.scenario),
    delta: numberOrNaN(entry.delta),
  };
}

/** A result number (number or null in JSON) as a number, NaN for null. */
export function numberOrNaN(value: number | null | undefined): number {
  return typeof value === 'number' ? value : Number.NaN;
}
