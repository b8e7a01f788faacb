import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, ScenarioValidationError } from '../src/scenario/load-scenario.js';
import { prepareScenario, runScenario, ScenarioPreparationError } from '../src/scenario/run-scenario.js';
import { compileTinyRegion } from '../src/scenario/tiny-region.test-helper.js';
import type { RegionModel } from '../src/model/region-model.js';
import {
  applyByteEdits,
  applyTreeEdits,
  byteCorruption,
  fuzzRuns,
  fuzzSeed,
  toJsonText,
  treeCorruption,
  type Json,
} from './fuzz-corruption.js';

/**
 * Property-based fuzzing of scenario loading: valid scenarios, corrupted at random, must end in
 * a parsed scenario or a ScenarioValidationError listing its problems (file, JSON path, reason);
 * a parsed one must then prepare (or fail with a ScenarioPreparationError naming its JSON path)
 * and a prepared one must run to a result — never another exception, a hang or a crash. Seeded
 * and bounded like fuzz-region-loading.test.ts.
 */

const SEED = fuzzSeed();
const FILE = 'fuzz.scenario.json';

/**
 * A valid scenario for the tiny region (tiny-region.test-helper.ts: districts at 62.925…63.075° E,
 * 53.00…53.18° N; facility school-1, road road-1, settlements s1…s4) using every change type,
 * a template reference, assumptions and parameterised indicators, so that corruptions reach all
 * of the schema and of preparation.
 */
const TINY_SCENARIO = {
  schema: 'regiontwin/scenario@1',
  name: 'Every change type on the tiny region',
  description: 'Fuzzing base',
  region: '../tiny',
  seed: 7,
  years: { start: 2026, end: 2028 },
  assumptions: {
    populationGrowthPerYear: 0.01,
    accessSpeedKmh: 20,
    circuityFactor: 1.3,
    speedKmhByClass: { primary: 70 },
  },
  interventions: [
    { type: 'add-facility', id: 'hub-1', kind: 'it-hub', at: [63.0, 53.1], name: 'Hub', capacity: 50, capexKzt: 1e6 },
    { type: 'move-facility', id: 'hub-1', to: [63.0, 53.11], year: 2027 },
    { type: 'remove-facility', id: 'school-1', year: 2028 },
    {
      type: 'add-road',
      id: 'road-2',
      class: 'secondary',
      coordinates: [
        [63.0, 53.16],
        [63.01, 53.17],
      ],
    },
    { type: 'upgrade-road', id: 'road-1', class: 'trunk', speedKmh: 90 },
    { type: 'add-settlement', id: 'new-quarter', at: [63.01, 53.05], population: 250, name: 'New quarter' },
    { type: 'set-population', id: 's1', population: 150 },
    { type: 'add-cost', label: 'LED retrofit', opexKztPerYear: -1000, energyKwhPerYear: -500 },
    { template: 'it-hub-per-district', params: { maxTravelMinutes: 30 }, year: 2026 },
  ],
  indicators: [
    { id: 'population-within-travel-time', kind: 'it-hub', minutes: 30 },
    { id: 'population-within-distance', kind: 'it-hub', meters: 5000 },
    { id: 'mean-travel-time', kind: 'school' },
    { id: 'coverage-share', kind: 'it-hub', minutes: 30 },
    { id: 'equity', kind: 'it-hub', minutes: 30 },
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ],
};

/** The same without the template (which needs @regiontwin/templates), so that corruptions can reach the run. */
const TINY_RUNNABLE = { ...TINY_SCENARIO, interventions: TINY_SCENARIO.interventions.slice(0, -1) };

const FIXTURE_SCENARIOS = ['kostanay-it-hubs.json', 'kz-it-hub-per-oblast.json'].map((name) =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/scenarios/${name}`, import.meta.url)), 'utf8'),
);

const BASES: string[] = [JSON.stringify(TINY_SCENARIO, null, 2), JSON.stringify(TINY_RUNNABLE), ...FIXTURE_SCENARIOS];

let model: RegionModel;
beforeAll(async () => {
  model = await compileTinyRegion();
});

type Outcome = 'ran' | 'rejected' | 'not-prepared';

/** Parses, prepares and runs `text`; checks that every failure is one of the two explained kinds. */
function loadsOrExplains(text: string): Outcome {
  let doc;
  try {
    doc = parseScenario(text, FILE);
  } catch (error) {
    if (!(error instanceof ScenarioValidationError)) throw unexpected('parseScenario', error);
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) {
      expect(problem.file).toBe(FILE);
      expect(typeof problem.path).toBe('string');
      expect(problem.path === '' || problem.path.startsWith('/')).toBe(true);
      expect(problem.message.length).toBeGreaterThan(0);
      expect(problem.message.length).toBeLessThan(1000);
    }
    return 'rejected';
  }
  let scenario;
  try {
    scenario = prepareScenario(doc, model);
  } catch (error) {
    if (!(error instanceof ScenarioPreparationError)) throw unexpected('prepareScenario', error);
    expect(error.path === '' || error.path.startsWith('/')).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
    return 'not-prepared';
  }
  try {
    const result = runScenario(model, scenario);
    // The result is plain JSON: it serialises, and every number in it is finite (or null).
    const json = JSON.stringify(result);
    expect(json).not.toMatch(/\bNaN\b|Infinity/);
  } catch (error) {
    throw unexpected('runScenario', error);
  }
  return 'ran';
}

function unexpected(stage: string, error: unknown): Error {
  return new Error(`${stage} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
}

const baseIndex = fc.nat({ max: BASES.length - 1 });

describe('fuzzing scenario loading (parseScenario → prepareScenario → runScenario)', () => {
  it('the uncorrupted bases parse; the template-free one runs', () => {
    for (const text of BASES) expect(() => parseScenario(text, FILE)).not.toThrow();
    expect(loadsOrExplains(BASES[1])).toBe('ran');
  });

  it('byte corruption (flips, truncation, insertion, deletion, invalid UTF-8) is parsed or explained', () => {
    const outcomes: Record<Outcome, number> = { ran: 0, rejected: 0, 'not-prepared': 0 };
    fc.assert(
      fc.property(baseIndex, byteCorruption, (b, edits) => {
        const bytes = applyByteEdits(new TextEncoder().encode(BASES[b]), edits);
        // Read as the CLI reads a file (invalid UTF-8 becomes U+FFFD).
        outcomes[loadsOrExplains(new TextDecoder('utf-8').decode(bytes))]++;
      }),
      { seed: SEED, numRuns: fuzzRuns(300) },
    );
    expect(outcomes.rejected).toBeGreaterThan(0);
  });

  it('structural corruption (wrong types, NaN, 1e308, deleted keys, __proto__, deep nesting) is parsed or explained', () => {
    const parsed = BASES.map((text) => JSON.parse(text) as Json);
    const outcomes: Record<Outcome, number> = { ran: 0, rejected: 0, 'not-prepared': 0 };
    fc.assert(
      fc.property(baseIndex, treeCorruption, (b, edits) => {
        outcomes[loadsOrExplains(toJsonText(applyTreeEdits(parsed[b], edits)))]++;
      }),
      { seed: SEED, numRuns: fuzzRuns(600) },
    );
    // All three endings occur: corruptions reach the schema, preparation and the run.
    expect(outcomes.rejected).toBeGreaterThan(0);
    expect(outcomes['not-prepared']).toBeGreaterThan(0);
    expect(outcomes.ran).toBeGreaterThan(0);
  });
});

describe('__proto__ and constructor keys in scenarios are inert data', () => {
  /** The runnable base with `key` set (as JSON text, so that JSON.parse makes it an own key) at several levels. */
  function withKey(key: string): string {
    const marker = `"${key}": { "polluted": true, "populationGrowthPerYear": 0.2, "prototype": { "polluted": true } }`;
    return JSON.stringify(TINY_RUNNABLE)
      .replace('"assumptions":{', `"assumptions":{${marker},`)
      .replace('"indicators":[{', `"indicators":[{${marker},`)
      .replace('"interventions":[{', `"interventions":[{${marker},`)
      .replace(/^\{/, `{${marker},`);
  }

  it.each(['__proto__', 'constructor', 'prototype'])('%s: rejected as an unknown property, nothing polluted', (key) => {
    let error: unknown;
    try {
      parseScenario(withKey(key), FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioValidationError);
    const paths = (error as ScenarioValidationError).problems.map((p) => p.path);
    // The schema allows no unknown keys, so each one is reported where it is (indicators allow parameters).
    expect(paths).toEqual(expect.arrayContaining([`/${key}`, `/assumptions/${key}`, `/interventions/0/${key}`]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('__proto__ in indicator parameters stays plain data: reported as an unknown parameter, nothing inherited', () => {
    const text = JSON.stringify({ ...TINY_RUNNABLE, indicators: [{ id: 'capex' }] }).replace(
      '"indicators":[{',
      '"indicators":[{"__proto__":{"minutes":1,"polluted":true},',
    );
    // The schema lets indicators carry parameters, so the key passes it as an own data property…
    const doc = parseScenario(text, FILE);
    const spec = doc.indicators![0];
    expect(Object.getPrototypeOf(spec)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(spec, '__proto__')).toBe(true);
    expect((spec as Record<string, unknown>).minutes).toBeUndefined();
    // …and the indicator rejects it by name, like any unknown parameter.
    expect(() => prepareScenario(doc, model)).toThrow(/indicator "capex" has no parameter "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).minutes).toBeUndefined();
  });
});
