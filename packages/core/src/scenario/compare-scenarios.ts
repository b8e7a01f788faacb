import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { RegionModel } from '../model/region-model.js';
import type { IndicatorResult, ResultNumber, ScenarioResult } from './result.js';

/** One scenario's value of an indicator in a comparison. */
export interface ComparedValue {
  scenario: string;
  value: ResultNumber;
  /** value − baseline. */
  delta: ResultNumber;
  /** 1 = best by the indicator's `better` direction; null when unranked (no direction or no value). */
  rank: number | null;
}

/** One indicator compared across scenarios. */
export interface ComparedIndicator {
  /** `id` plus parameters, e.g. `population-within-travel-time {"kind":"it-hub","minutes":30}`. */
  key: string;
  id: string;
  label: string;
  unit: string;
  better: IndicatorResult['better'];
  baseline: ResultNumber;
  values: ComparedValue[];
}

/** The side-by-side comparison of scenarios over one region. */
export interface ScenarioComparison {
  region: string;
  scenarios: string[];
  indicators: ComparedIndicator[];
}

/** The key that identifies an indicator with its parameters across results. */
export function indicatorKey(indicator: Pick<IndicatorResult, 'id' | 'params'>): string {
  const params = Object.keys(indicator.params)
    .sort()
    .map((k) => [k, indicator.params[k]]);
  return params.length ? `${indicator.id} ${JSON.stringify(Object.fromEntries(params))}` : indicator.id;
}

/**
 * Compares scenario results of one region: for every indicator present in any result, each
 * scenario's value, its delta against the shared baseline and its rank (ties share a rank).
 * @throws Error when the results are of different regions or none is given.
 */
export function compareScenarios(results: readonly ScenarioResult[]): ScenarioComparison {
  if (results.length === 0) throw new Error('compareScenarios needs at least one result');
  const region = results[0].region;
  const other = results.find((r) => r.region !== region);
  if (other) throw new Error(`cannot compare results of different regions: "${region}" and "${other.region}"`);
  const order: string[] = [];
  const byKey = new Map<string, ComparedIndicator>();
  results.forEach((result) => {
    for (const indicator of result.indicators) {
      const key = indicatorKey(indicator);
      let entry = byKey.get(key);
      if (!entry) {
        entry = {
          key,
          id: indicator.id,
          label: indicator.label,
          unit: indicator.unit,
          better: indicator.better,
          baseline: indicator.baseline,
          values: results.map((r) => ({ scenario: r.scenario, value: null, delta: null, rank: null })),
        };
        byKey.set(key, entry);
        order.push(key);
      }
    }
  });
  results.forEach((result, s) => {
    for (const indicator of result.indicators) {
      const entry = byKey.get(indicatorKey(indicator))!;
      entry.values[s] = { scenario: result.scenario, value: indicator.scenario, delta: indicator.delta, rank: null };
    }
  });
  for (const entry of byKey.values()) rank(entry);
  return { region, scenarios: results.map((r) => r.scenario), indicators: order.map((k) => byKey.get(k)!) };
}

/** Competition ranking ("1224"): equal values share the better rank. */
function rank(entry: ComparedIndicator): void {
  if (entry.better === 'none') return;
  const sign = entry.better === 'higher' ? -1 : 1;
  const ranked = entry.values.filter((v) => v.value !== null).sort((a, b) => sign * (a.value! - b.value!));
  ranked.forEach((v, i) => {
    v.rank = i > 0 && ranked[i - 1].value === v.value ? ranked[i - 1].rank : i + 1;
  });
}

/**
 * A difference layer: the districts as GeoJSON MultiPolygons with, for one indicator of a
 * result, `baseline`, `scenario` and `delta` properties (plus `id`, `name`, `indicator`, `unit`).
 */
export function buildDifferenceLayer(
  model: RegionModel,
  result: ScenarioResult,
  indicatorIndex: number,
): FeatureCollection<MultiPolygon> {
  const indicator = result.indicators[indicatorIndex];
  if (!indicator) throw new Error(`result has no indicator #${indicatorIndex}`);
  const d = model.districts;
  const features: Feature<MultiPolygon>[] = [];
  for (let i = 0; i < d.count; i++) {
    const polygons: number[][][][] = [];
    for (let p = d.partOffsets[i]; p < d.partOffsets[i + 1]; p++) {
      const rings: number[][][] = [];
      for (let r = d.ringOffsets[p]; r < d.ringOffsets[p + 1]; r++) {
        const ring: number[][] = [];
        for (let v = d.vertexOffsets[r]; v < d.vertexOffsets[r + 1]; v++)
          ring.push([d.lonLat[v * 2], d.lonLat[v * 2 + 1]]);
        ring.push(ring[0]); // GeoJSON rings are closed
        rings.push(ring);
      }
      polygons.push(rings);
    }
    const values = indicator.byDistrict[i];
    features.push({
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: polygons },
      properties: {
        id: d.ids[i],
        name: d.names[i],
        indicator: indicatorKey(indicator),
        unit: indicator.unit,
        baseline: values?.baseline ?? null,
        scenario: values?.scenario ?? null,
        delta: values?.delta ?? null,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
