import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRegionFromObjects, loadRegionFromSources, type LayerReader } from '../src/region/load-region.js';
import { RegionValidationError } from '../src/region/region-validation-error.js';
import { validateLayer, validateManifest } from '../src/region/validate-region.js';
import { compileRegion } from '../src/model/compile-region.js';
import type { RegionManifest, RegionValidationOptions } from '../src/region/region-manifest.js';
import {
  applyByteEdits,
  applyTreeEdits,
  byteCorruption,
  fuzzRuns,
  fuzzSeed,
  materialize,
  nastyValue,
  toJsonText,
  treeCorruption,
  type Json,
} from './fuzz-corruption.js';

/**
 * Property-based fuzzing of region loading: valid fixture regions, corrupted at random (bytes and
 * structure), must always end in a loaded region that also compiles, or a RegionValidationError
 * listing its problems — never another exception, a hang or a crash. Bounded: a fixed seed and a
 * fixed number of runs per property (a few seconds each), so CI runs the same cases every time;
 * a failure prints its seed and shrunk counterexample.
 */

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
/** Seed of every property; CI keeps this one, `FUZZ_SEED=n` explores others locally. */
const SEED = fuzzSeed();
/** Small, so that limits are hit by corruptions too (a duplicated array, a 100k string). */
const LIMITED: RegionValidationOptions = { limits: { maxFileBytes: 64 * 1024, maxFeatures: 200, maxVertices: 2000 } };

/** A valid region as bytes by path (region.json first). */
interface BaseRegion {
  name: string;
  files: Map<string, Uint8Array>;
}

function readFolder(name: string): BaseRegion {
  const dir = join(FIXTURES, name);
  const files = new Map<string, Uint8Array>();
  files.set('region.json', readFileSync(join(dir, 'region.json')));
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.geojson')) files.set(file, readFileSync(join(dir, file)));
  }
  return { name, files };
}

const BASES: BaseRegion[] = ['synthetic-hand', 'synthetic-small', 'valid-edge-cases/proto-keys'].map(readFolder);

/** A reader over in-memory files that honours the size limit like the Node and browser readers. */
function readerOf(files: Map<string, Uint8Array>): LayerReader {
  return async (path, maxBytes) => {
    const bytes = files.get(path);
    if (!bytes) return { kind: 'missing', reason: 'no such file' };
    if (bytes.byteLength > maxBytes) return { kind: 'too-large', sizeBytes: bytes.byteLength };
    return { kind: 'ok', bytes };
  };
}

type Outcome = 'loaded' | 'rejected';

/**
 * Loads the files; checks the only two acceptable endings. A loaded region must compile; a
 * rejection must be a RegionValidationError whose every problem says where and why.
 */
async function loadsOrExplains(files: Map<string, Uint8Array>, options?: RegionValidationOptions): Promise<Outcome> {
  try {
    const region = await loadRegionFromSources(files.get('region.json')!, 'region.json', readerOf(files), options);
    compileRegion(region);
    return 'loaded';
  } catch (error) {
    return explained(error);
  }
}

function explained(error: unknown): 'rejected' {
  if (!(error instanceof RegionValidationError)) {
    throw new Error(`not a RegionValidationError: ${error instanceof Error ? error.stack : String(error)}`);
  }
  const errors = error.problems.filter((p) => p.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  for (const problem of error.problems) {
    expect(typeof problem.file).toBe('string');
    expect(problem.file.length).toBeGreaterThan(0);
    expect(typeof problem.code).toBe('string');
    expect(typeof problem.message).toBe('string');
    expect(problem.message.length).toBeGreaterThan(0);
    // Messages stay short even when the offending value is a 5,000-character string.
    expect(problem.message.length).toBeLessThan(1000);
  }
  expect(error.message.length).toBeGreaterThan(0);
  return 'rejected';
}

const baseIndex = fc.nat({ max: BASES.length - 1 });
const fileIndex = fc.nat();
const withLimits = fc.boolean();

function pickFile(base: BaseRegion, index: number): string {
  const names = [...base.files.keys()];
  return names[index % names.length];
}

describe('fuzzing region loading (loadRegionFromSources, loadRegionFromObjects)', () => {
  it('the uncorrupted bases load and compile', async () => {
    for (const base of BASES) expect(await loadsOrExplains(base.files)).toBe('loaded');
  });

  it('byte corruption (flips, truncation, insertion, deletion, invalid UTF-8) loads or is explained', async () => {
    const outcomes: Record<Outcome, number> = { loaded: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(baseIndex, fileIndex, byteCorruption, withLimits, async (b, f, edits, limited) => {
        const base = BASES[b];
        const file = pickFile(base, f);
        const files = new Map(base.files);
        files.set(file, applyByteEdits(base.files.get(file)!, edits));
        outcomes[await loadsOrExplains(files, limited ? LIMITED : undefined)]++;
      }),
      { seed: SEED, numRuns: fuzzRuns(300) },
    );
    // Both endings occur: the corruptions are neither all harmless nor all fatal.
    expect(outcomes.rejected).toBeGreaterThan(0);
    expect(outcomes.loaded).toBeGreaterThan(0);
  });

  it('structural corruption (wrong types, NaN, 1e308, deleted keys, __proto__, deep nesting) loads or is explained', async () => {
    const parsed = BASES.map(
      (base) => new Map([...base.files].map(([k, v]) => [k, JSON.parse(Buffer.from(v).toString('utf8')) as Json])),
    );
    const outcomes: Record<Outcome, number> = { loaded: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(
        baseIndex,
        fc.array(fc.tuple(fileIndex, treeCorruption), { minLength: 1, maxLength: 2 }),
        withLimits,
        async (b, corruptions, limited) => {
          const base = BASES[b];
          const files = new Map(base.files);
          for (const [f, edits] of corruptions) {
            const file = pickFile(base, f);
            const tree = applyTreeEdits(parsed[b].get(file)!, edits);
            files.set(file, new TextEncoder().encode(toJsonText(tree)));
          }
          outcomes[await loadsOrExplains(files, limited ? LIMITED : undefined)]++;
        },
      ),
      { seed: SEED, numRuns: fuzzRuns(400) },
    );
    expect(outcomes.rejected).toBeGreaterThan(0);
    expect(outcomes.loaded).toBeGreaterThan(0);
  });

  it('in-memory objects with NaN, Infinity, deep nesting and cycles: loadRegionFromObjects loads or is explained', async () => {
    const base = BASES[0];
    const parsed = new Map(
      [...base.files].map(([k, v]) => [k, JSON.parse(Buffer.from(v).toString('utf8')) as unknown]),
    );
    await fc.assert(
      fc.asyncProperty(fileIndex, treeCorruption, fc.boolean(), async (f, edits, cycle) => {
        const file = pickFile(base, f);
        // The tree edits as real objects: NaN stays NaN, deep nests are real nested arrays.
        const tree = materialize(applyTreeEdits(parsed.get(file) as Json, edits));
        if (cycle && tree !== null && typeof tree === 'object') (tree as Record<string, unknown>).self = tree;
        const objects = Object.fromEntries([...parsed].map(([k, v]) => [k, k === file ? tree : v]));
        try {
          const region = await loadRegionFromObjects(
            objects['region.json'] as RegionManifest,
            Object.fromEntries(Object.entries(objects).filter(([k]) => k !== 'region.json')),
          );
          compileRegion(region);
        } catch (error) {
          explained(error);
        }
      }),
      { seed: SEED, numRuns: fuzzRuns(200) },
    );
  });

  it('validateManifest and validateLayer on arbitrary values report problems and never throw', () => {
    const mapping = { path: 'x.geojson', id: 'id', name: 'name', population: 'population' };
    fc.assert(
      fc.property(fc.oneof(nastyValue, fc.anything()), (value) => {
        const manifest = validateManifest(value, 'region.json');
        expect(manifest.manifest === undefined ? manifest.problems.length > 0 : true).toBe(true);
        const layer = validateLayer(value, 'settlements', mapping);
        expect(layer.collection !== undefined || layer.problems.length > 0).toBe(true);
        // The value as a coordinate and a population: checked like any other, never a throw.
        validateLayer(
          {
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: { population: value },
                geometry: { type: 'Point', coordinates: [value, value] },
              },
            ],
          },
          'settlements',
          mapping,
        );
      }),
      { seed: SEED, numRuns: fuzzRuns(500) },
    );
  });
});
