import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '../src/node.js';
import { compileRegion } from '../src/model/compile-region.js';
import { RegionValidationError } from '../src/region/region-validation-error.js';
import type { RegionProblem, RegionValidationOptions } from '../src/region/region-manifest.js';

/**
 * The validation corpus (fixtures/invalid, written by fixtures/scripts/build-invalid-corpus.mjs):
 * every broken region must be rejected with exactly the problems its expected.json lists.
 */

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const INVALID = join(FIXTURES, 'invalid');
const VALID_EDGE_CASES = join(FIXTURES, 'valid-edge-cases');

/** A problem as expected.json lists it. */
interface ExpectedProblem {
  code: string;
  file: string;
  layer?: string;
  featureIndex?: number;
  messageIncludes: string;
}

interface InvalidCase {
  description: string;
  options?: RegionValidationOptions;
  cliArgs?: string[];
  problems: ExpectedProblem[];
}

function caseNames(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function readCase<T>(root: string, name: string): T {
  return JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as T;
}

/** Whether an actual problem is the expected one (the manifest's file is reported with its folder). */
function matches(actual: RegionProblem, expected: ExpectedProblem): boolean {
  return (
    actual.code === expected.code &&
    (actual.file === expected.file || actual.file.endsWith(`/${expected.file}`)) &&
    actual.layer === expected.layer &&
    actual.featureIndex === expected.featureIndex &&
    actual.message.includes(expected.messageIncludes)
  );
}

/**
 * Pairs every expected problem with a distinct actual one; returns the expected problems left
 * without a partner and the actual problems nobody expected.
 */
function pairProblems(actual: RegionProblem[], expected: ExpectedProblem[]) {
  const unmatched = [...actual];
  const missing: ExpectedProblem[] = [];
  for (const e of expected) {
    const i = unmatched.findIndex((a) => matches(a, e));
    if (i >= 0) unmatched.splice(i, 1);
    else missing.push(e);
  }
  return { missing, unexpected: unmatched };
}

async function loadError(dir: string, options: RegionValidationOptions = {}): Promise<RegionValidationError> {
  try {
    await loadRegion(dir, options);
  } catch (error) {
    if (error instanceof RegionValidationError) return error;
    throw error;
  }
  throw new Error(`${dir} loaded, but it is in the invalid corpus`);
}

describe('fixtures/invalid: every broken region reports exactly its expected problems', () => {
  const names = caseNames(INVALID);

  it('holds the corpus (at least 40 cases; the huge ones are generated in invalid-generated.test.ts)', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  it.each(names)('%s', async (name) => {
    const expected = readCase<InvalidCase>(INVALID, name);
    const error = await loadError(join(INVALID, name), expected.options);
    expect(error.problems.every((p) => p.severity === 'error')).toBe(true);
    expect(pairProblems(error.problems, expected.problems)).toEqual({ missing: [], unexpected: [] });
    // The error's own message lists the problems too (first five).
    expect(error.message).toContain(expected.problems[0].messageIncludes);
  });

  it('covers every problem code that validation can report', () => {
    const codes = new Set(names.flatMap((name) => readCase<InvalidCase>(INVALID, name).problems.map((p) => p.code)));
    expect([...codes].sort()).toEqual(
      [
        'coordinate-not-finite',
        'coordinate-out-of-range',
        'coordinates-swapped',
        'duplicate-id',
        'empty-layer',
        'feature-invalid',
        'file-missing',
        'file-too-large',
        'geometry-type',
        'layer-missing',
        'manifest-invalid',
        'mapping-unknown-property',
        'not-feature-collection',
        'not-json',
        'not-utf8',
        'outside-districts',
        'path-outside-region',
        'population-invalid',
        'population-missing',
        'ring-not-closed',
        'ring-too-short',
        'self-intersection',
        'too-many-features',
        'too-many-vertices',
      ].sort(),
    );
  });

  it('loads the file-too-large region once the limit is raised', async () => {
    // The limit is the only problem of that case: with the default limits the region is valid.
    const region = await loadRegion(join(INVALID, 'file-too-large'));
    expect(region.layers.settlements?.features).toHaveLength(4);
  });
});

interface ValidCase {
  description: string;
  demandPoints: number;
  population: number;
  names?: string[];
  districts?: string[];
  warnings: ExpectedProblem[];
}

describe('fixtures/valid-edge-cases: unusual but valid regions load', () => {
  it.each(caseNames(VALID_EDGE_CASES))('%s', async (name) => {
    const expected = readCase<ValidCase>(VALID_EDGE_CASES, name);
    const region = await loadRegion(join(VALID_EDGE_CASES, name));
    expect(pairProblems(region.warnings, expected.warnings)).toEqual({ missing: [], unexpected: [] });
    const model = compileRegion(region);
    expect(model.demand.count).toBe(expected.demandPoints);
    expect(model.demand.population.reduce((sum, p) => sum + p, 0)).toBe(expected.population);
    if (expected.names) expect(model.demand.names).toEqual(expected.names);
    if (expected.districts) {
      expect(Array.from(model.demand.district, (d) => model.districts.ids[d])).toEqual(expected.districts);
    }
  });

  it('leaves Object.prototype untouched by __proto__ and constructor keys', async () => {
    const region = await loadRegion(join(VALID_EDGE_CASES, 'proto-keys'));
    compileRegion(region);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const withProto = region.layers.settlements!.features[3].properties!;
    // The key is plain data on the feature, not its prototype.
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(withProto, '__proto__')).toBe(true);
  });
});
