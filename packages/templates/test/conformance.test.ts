/**
 * The one conformance test every template of the library passes: it runs over `TEMPLATES`, so a
 * template added to the registry is checked without writing anything here. On a synthetic region
 * (roads, schools, clinics; seeded, labelled synthetic) and on the Kostanay fixture (no roads, real
 * settlements; skipped when its layers, linked from ../shared, are absent).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileRegion,
  createSeededRandom,
  generateSyntheticRegion,
  loadRegionFromObjects,
  locateDistrict,
  prepareScenario,
  runScenario,
  serializeRegionModel,
  type Change,
  type LonLat,
  type RegionModel,
  type ScenarioDocument,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { TEMPLATES, expandTemplate, resolveTemplateParams } from '../src/registry.js';
import { computeTerritoryProfile, type TerritoryProfile } from '../src/territory-profile.js';
import type { ParameterSpec, SolutionTemplate } from '../src/template.js';
import { compileConformanceRegion } from './conformance-region.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const KOSTANAY = `${root}fixtures/kostanay`;
const HAS_KOSTANAY = existsSync(`${KOSTANAY}/settlements.geojson`);
const CATEGORIES = [
  'digital-access',
  'public-services',
  'energy',
  'safety',
  'mobility',
  'environment',
  'health',
  'urban-development',
];

/** Every point a change places (facilities, road vertices, settlements, located costs). */
function pointsOf(change: Change): LonLat[] {
  switch (change.type) {
    case 'add-facility':
    case 'add-settlement':
      return [change.at];
    case 'move-facility':
      return [change.to];
    case 'add-road':
      return change.coordinates;
    case 'add-cost':
      return change.at ? [change.at] : [];
    default:
      return [];
  }
}

/** The model's serialized bytes (a Buffer, compared with .equals: a deep toEqual on 0.5 MB is slow). */
function modelBytes(model: RegionModel): Buffer {
  return Buffer.from(serializeRegionModel(model));
}

/** A value of the wrong type for a parameter. */
function wrongType(spec: ParameterSpec): unknown {
  return spec.type === 'string' ? 42 : 'not-a-value';
}

describe('every template: metadata', () => {
  it('has unique ids', () => {
    const ids = TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(TEMPLATES.map((t) => [t.id, t] as const))('%s', (_id, template: SolutionTemplate) => {
    it('is complete: titles and descriptions in en/ru/kk, category, parameters, sourced coefficients', () => {
      expect(template.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const text of [template.title, template.description]) {
        for (const lang of ['en', 'ru', 'kk'] as const) expect(text[lang]?.trim().length, lang).toBeGreaterThan(3);
      }
      // Russian and Kazakh texts are in Cyrillic, not copies of the English one.
      expect(template.title.ru).toMatch(/[а-яё]/i);
      expect(template.title.kk).toMatch(/[а-яёәғқңөұүһі]/i);
      expect(CATEGORIES).toContain(template.category);
      expect(Object.keys(template.parameters).length).toBeGreaterThan(0);
      for (const [name, spec] of Object.entries(template.parameters) as [string, ParameterSpec][]) {
        expect(spec.description.trim().length, name).toBeGreaterThan(10);
        if (spec.type === 'number' || spec.type === 'integer') {
          expect(spec.unit?.trim(), `${name} unit`).toBeTruthy();
          expect(typeof spec.minimum, `${name} minimum`).toBe('number');
          expect(typeof spec.maximum, `${name} maximum`).toBe('number');
          expect(spec.minimum!).toBeLessThan(spec.maximum!);
          expect(typeof spec.default).toBe('number');
          expect(spec.default as number).toBeGreaterThanOrEqual(spec.minimum!);
          expect(spec.default as number).toBeLessThanOrEqual(spec.maximum!);
          if (spec.type === 'integer') expect(Number.isInteger(spec.default)).toBe(true);
        } else if (spec.type === 'string') {
          // A string is a choice (enum, holding the default) or free text (e.g. bus-line's stops).
          if (spec.enum !== undefined) {
            expect(spec.enum.length, `${name} enum`).toBeGreaterThan(0);
            expect(spec.enum).toContain(spec.default);
          } else expect(typeof spec.default, `${name} default`).toBe('string');
        } else {
          expect(typeof spec.default).toBe('boolean');
        }
      }
      expect(Object.keys(template.coefficients).length).toBeGreaterThan(0);
      for (const [name, c] of Object.entries(template.coefficients)) {
        expect(Number.isFinite(c.value), name).toBe(true);
        expect(c.unit.trim(), `${name} unit`).toBeTruthy();
        expect(c.description.trim().length, `${name} description`).toBeGreaterThan(5);
        expect(c.source.trim().length, `${name} source`).toBeGreaterThan(15);
      }
      const defaults = resolveTemplateParams(template, {});
      expect(template.indicators(defaults).length).toBeGreaterThan(0);
    });

    it('validates parameters with clear errors: out of range, wrong type, unknown name', () => {
      expect(() => resolveTemplateParams(template, { noSuchParameter: 1 })).toThrow(
        `template "${template.id}": unknown parameter "noSuchParameter"`,
      );
      for (const [name, spec] of Object.entries(template.parameters) as [string, ParameterSpec][]) {
        expect(() => resolveTemplateParams(template, { [name]: wrongType(spec) }), name).toThrow(`"${name}" must be`);
        if (spec.type === 'number' || spec.type === 'integer') {
          expect(() => resolveTemplateParams(template, { [name]: spec.maximum! + 1 }), name).toThrow(
            new RegExp(`"${name}" is .* outside`),
          );
          expect(() => resolveTemplateParams(template, { [name]: spec.minimum! - 1 }), name).toThrow(
            new RegExp(`"${name}" is .* outside`),
          );
        }
        if (spec.type === 'integer') {
          expect(() => resolveTemplateParams(template, { [name]: spec.minimum! + 0.5 })).toThrow('whole number');
        }
        if (spec.type === 'string' && spec.enum) {
          expect(() => resolveTemplateParams(template, { [name]: 'no-such-choice' })).toThrow('must be one of');
        }
      }
    });
  });
});

describe('every template adapts to the territory', () => {
  let sparse: TerritoryProfile;
  let dense: TerritoryProfile;
  beforeAll(async () => {
    // Sparse steppe: the embedded national region (≈ 7 people/km² over 2.7 million km²).
    sparse = computeTerritoryProfile(compileRegion(await loadRegion(`${root}fixtures/kazakhstan`)));
    // Dense urban: a synthetic city of 2 × 2 districts of 5 km with ≈ 200,000-person towns.
    const city = generateSyntheticRegion({
      seed: 2,
      districtSizeKm: 5,
      townPopulationMedian: 200_000,
      villagePopulationMedian: 20_000,
    });
    dense = computeTerritoryProfile(compileRegion(await loadRegionFromObjects(city.manifest, city.files)));
  });

  it('the two test territories are a sparse steppe and a dense urban one', () => {
    expect(sparse.densityPerKm2).toBeLessThan(10);
    expect(dense.densityPerKm2).toBeGreaterThan(1000);
    expect(dense.urbanShare).toBeGreaterThan(0.9);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s proposes different, valid parameters for each', (_id, t) => {
    const forSparse = t.adapt(sparse);
    const forDense = t.adapt(dense);
    expect(() => resolveTemplateParams(t, forSparse)).not.toThrow();
    expect(() => resolveTemplateParams(t, forDense)).not.toThrow();
    expect(forDense).not.toEqual(forSparse);
  });
});

const regions: [string, () => Promise<RegionModel>, boolean][] = [
  ['synthetic region (3 × 2 districts, roads)', compileConformanceRegion, true],
  ['Kostanay oblast (fixtures/kostanay)', async () => compileRegion(await loadRegion(KOSTANAY)), HAS_KOSTANAY],
];

/** Changes expanded per template over the test regions. */
const changeCounts = new Map<string, number>();

/** How many concrete changes the result's template interventions expanded into. */
function scenarioChanges(result: { interventions: unknown[] }): number {
  return result.interventions.reduce<number>(
    (sum, i) => sum + ((i as { changes?: unknown[] }).changes?.length ?? 0),
    0,
  );
}

describe.each(regions)('every template on the %s', (_name, compile, available) => {
  let model: RegionModel;
  beforeAll(async () => {
    if (available) model = await compile();
  });

  describe.each(TEMPLATES.map((t) => [t.id, t] as const))('%s', (_id, template: SolutionTemplate) => {
    it.skipIf(!available)('adapt() proposes valid parameters', () => {
      const proposed = template.adapt(computeTerritoryProfile(model));
      for (const key of Object.keys(proposed)) expect(Object.keys(template.parameters)).toContain(key);
      expect(() => resolveTemplateParams(template, proposed)).not.toThrow();
    });

    it.skipIf(!available)(
      'expands deterministically, never mutates the model, keeps every change inside the region',
      () => {
        const before = modelBytes(model);
        const params = { ...template.adapt(computeTerritoryProfile(model)) };
        const first = expandTemplate({ template: template.id, params }, model, createSeededRandom(11));
        const second = expandTemplate({ template: template.id, params }, model, createSeededRandom(11));
        expect(second).toEqual(first);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
        expect(modelBytes(model).equals(before), 'model bytes unchanged').toBe(true);
        // A template may rightly change nothing on one territory (telemedicine where every village
        // is within the standard); it must change something on at least one (checked below).
        changeCounts.set(template.id, (changeCounts.get(template.id) ?? 0) + first.changes.length);
        const scratch = new Uint8Array(model.districts.count);
        for (const change of first.changes) {
          for (const [lon, lat] of pointsOf(change)) {
            expect(Number.isFinite(lon) && Number.isFinite(lat)).toBe(true);
            expect(
              locateDistrict(model.indexes.districtGrid, lon, lat, scratch),
              `${change.type} at ${lon}, ${lat}`,
            ).toBeGreaterThanOrEqual(0);
          }
          for (const field of ['capexKzt', 'opexKztPerYear', 'energyKwhPerYear'] as const) {
            const value = change[field];
            if (value !== undefined) expect(Number.isFinite(value), field).toBe(true);
          }
        }
      },
    );

    it.skipIf(!available)('computes every indicator it declares when the scenario runs, and moves one', () => {
      const params = resolveTemplateParams(template, template.adapt(computeTerritoryProfile(model)));
      const declared = template.indicators(params);
      const doc: ScenarioDocument = {
        schema: 'regiontwin/scenario@1',
        name: `conformance ${template.id}`,
        region: '.',
        seed: 3,
        years: { start: 2026, end: 2026 },
        interventions: [{ template: template.id, params }],
        indicators: declared,
      };
      const before = modelBytes(model);
      const result = runScenario(model, prepareScenario(doc, model, { expandTemplate }));
      expect(modelBytes(model).equals(before), 'model bytes unchanged').toBe(true);
      expect(result.indicators).toHaveLength(declared.length);
      result.indicators.forEach((indicator, k) => {
        expect(indicator.id).toBe(declared[k].id);
        expect(indicator.scenario === null || Number.isFinite(indicator.scenario)).toBe(true);
        expect(indicator.byDistrict).toHaveLength(model.districts.count);
      });
      if (scenarioChanges(result) > 0) {
        expect(
          result.indicators.some((i) => i.delta !== null && i.delta !== 0),
          'at least one declared indicator moves',
        ).toBe(true);
      }
    });
  });
});

describe('every template on the test regions together', () => {
  it.each(TEMPLATES.map((t) => [t.id] as const))('%s changes something on at least one of them', (id) => {
    expect(changeCounts.get(id) ?? 0).toBeGreaterThan(0);
  });
});
