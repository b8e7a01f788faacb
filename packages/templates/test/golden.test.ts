/**
 * Golden in/out fixtures, one pair per registered template (as Turf's test/in, test/out):
 * `goldens/<id>.in.json` holds the input — the synthetic region's options, the seed and the
 * parameters — and `goldens/<id>.out.json` the expected expansion (changes, summary) and the
 * indicator totals of running it. `REGEN=1 npx vitest run packages/templates/test/golden.test.ts`
 * rewrites the out files (and writes an in file with the adapted parameters for a new template);
 * review the diff before committing. Numbers compare at 1e-9 relative.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileRegion,
  createSeededRandom,
  generateSyntheticRegion,
  loadRegionFromObjects,
  prepareScenario,
  runScenario,
  type RegionModel,
  type SyntheticRegionOptions,
} from '@regiontwin/core';
import { TEMPLATES, expandTemplate, resolveTemplateParams } from '../src/registry.js';
import { computeTerritoryProfile } from '../src/territory-profile.js';
import { CONFORMANCE_REGION_OPTIONS } from './conformance-region.js';

const GOLDENS = fileURLToPath(new URL('./goldens/', import.meta.url));
const REGEN = process.env.REGEN === '1';
const RELATIVE_TOLERANCE = 1e-9;

/** The input of a golden case. */
interface GoldenInput {
  template: string;
  /** Options of generateSyntheticRegion (a synthetic region: nothing observed). */
  syntheticRegion: SyntheticRegionOptions;
  seed: number;
  years: { start: number; end: number };
  params: Record<string, unknown>;
}

async function compileSynthetic(options: SyntheticRegionOptions): Promise<RegionModel> {
  const region = generateSyntheticRegion(options);
  return compileRegion(await loadRegionFromObjects(region.manifest, region.files));
}

/** Runs a golden input: the resolved parameters, the expansion and the indicator totals. */
function runGolden(model: RegionModel, input: GoldenInput) {
  const template = TEMPLATES.find((t) => t.id === input.template)!;
  const params = resolveTemplateParams(template, input.params);
  const expansion = expandTemplate({ template: input.template, params }, model, createSeededRandom(input.seed));
  const scenario = prepareScenario(
    {
      schema: 'regiontwin/scenario@1',
      name: `golden ${input.template}`,
      region: '.',
      seed: input.seed,
      years: input.years,
      interventions: [{ template: input.template, params }],
      indicators: template.indicators(params),
    },
    model,
    { expandTemplate },
  );
  const result = runScenario(model, scenario);
  return {
    template: input.template,
    note: 'Expected output on a synthetic region (generated data, not observations). Regenerate with REGEN=1 and review the diff.',
    params,
    changes: expansion.changes,
    summary: expansion.summary,
    indicators: result.indicators.map((i) => ({
      id: i.id,
      params: i.params,
      unit: i.unit,
      baseline: i.baseline,
      scenario: i.scenario,
      delta: i.delta,
    })),
  };
}

/** Deep comparison with numbers at a relative tolerance; reports the JSON path of a difference. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(1, Math.abs(expected));
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      RELATIVE_TOLERANCE * scale,
    );
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, k) => expectClose((actual as unknown[])[k], e, `${path}[${k}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('golden in/out fixtures (synthetic region)', () => {
  let model: RegionModel;
  beforeAll(async () => {
    model = await compileSynthetic({ ...CONFORMANCE_REGION_OPTIONS });
    if (REGEN) mkdirSync(GOLDENS, { recursive: true });
  });

  it.each(TEMPLATES.map((t) => [t.id] as const))('%s', async (id) => {
    const inPath = `${GOLDENS}${id}.in.json`;
    const outPath = `${GOLDENS}${id}.out.json`;
    if (!existsSync(inPath)) {
      if (!REGEN) throw new Error(`no golden input ${inPath}: run REGEN=1 to create it, then review it`);
      const template = TEMPLATES.find((t) => t.id === id)!;
      const input: GoldenInput = {
        template: id,
        syntheticRegion: { ...CONFORMANCE_REGION_OPTIONS },
        seed: 1,
        years: { start: 2026, end: 2026 },
        params: resolveTemplateParams(template, template.adapt(computeTerritoryProfile(model))),
      };
      writeFileSync(inPath, JSON.stringify(input, null, 2) + '\n');
    }
    const input = JSON.parse(readFileSync(inPath, 'utf8')) as GoldenInput;
    const sameRegion = JSON.stringify(input.syntheticRegion) === JSON.stringify({ ...CONFORMANCE_REGION_OPTIONS });
    const region = sameRegion ? model : await compileSynthetic(input.syntheticRegion);
    // Round-trip through JSON so that the comparison sees what the file holds (no undefined, no -0).
    const actual = JSON.parse(JSON.stringify(runGolden(region, input)));
    if (REGEN) writeFileSync(outPath, JSON.stringify(actual, null, 2) + '\n');
    if (!existsSync(outPath)) throw new Error(`no golden output ${outPath}: run REGEN=1, then review the diff`);
    expectClose(actual, JSON.parse(readFileSync(outPath, 'utf8')));
  });
});
