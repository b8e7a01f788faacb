import { closeSync, cpSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegion } from '../src/node.js';
import { RegionValidationError } from '../src/region/region-validation-error.js';
import type { RegionProblem } from '../src/region/region-manifest.js';

/**
 * The broken inputs too large to commit, generated here at test time: a 10-million-vertex
 * district, a layer file over the default size limit, one over what a string can hold, and a million-level nested array. Each starts from a copy of the corpus's base
 * region (fixtures/invalid/too-many-features, which is valid at the default limits) and must end
 * in exactly its expected problem, with the default limits, without running out of memory.
 */

const BASE = fileURLToPath(new URL('../../../fixtures/invalid/too-many-features', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'regiontwin-generated-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let caseNumber = 0;
/** A copy of the base region in a fresh temporary folder. */
function baseCopy(): string {
  const dir = join(root, `case-${caseNumber++}`);
  cpSync(BASE, dir, { recursive: true });
  rmSync(join(dir, 'expected.json'));
  return dir;
}

async function problemsOf(dir: string): Promise<RegionProblem[]> {
  try {
    await loadRegion(dir);
  } catch (error) {
    if (error instanceof RegionValidationError) return error.problems;
    throw error;
  }
  throw new Error('the region loaded');
}

/** The parts of a problem a test pins (the message by its start). */
const summary = (p: RegionProblem) => ({
  code: p.code,
  layer: p.layer,
  featureIndex: p.featureIndex,
  message: p.message,
});

describe('generated broken inputs (too large to commit)', () => {
  it('a district of 10,000,000 vertices: rejected at the per-feature limit, reading stops there', async () => {
    const dir = baseCopy();
    // A ring around the west district's square written straight to the file: 10M positions of
    // 4-decimal coordinates (about 190 MB: under the 256 MiB file limit, so it is read and parsed),
    // 100 laps of a 100,000-position circle.
    const n = 10_000_000;
    const lap = 100_000;
    const fd = openSync(join(dir, 'districts.geojson'), 'w');
    writeSync(
      fd,
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"W","name":"West","synthetic":true},',
    );
    writeSync(fd, '"geometry":{"type":"Polygon","coordinates":[[');
    const positions: string[] = [];
    for (let i = 0; i < lap; i++) {
      const a = (2 * Math.PI * i) / lap;
      positions.push(`[${(63.25 + 0.25 * Math.cos(a)).toFixed(4)},${(53.25 + 0.25 * Math.sin(a)).toFixed(4)}]`);
    }
    const chunk = positions.join(',') + ',';
    for (let written = 0; written < n; written += lap) writeSync(fd, chunk);
    writeSync(fd, '[63.5,53.25]]]}}]}');
    closeSync(fd);
    const problems = await problemsOf(dir);
    expect(problems.map(summary)).toEqual([
      {
        code: 'too-many-vertices',
        layer: 'districts',
        featureIndex: 0,
        message:
          'has more than 1000000 coordinate positions in one feature (raise limits.maxVerticesPerFeature, CLI --max-feature-vertices; or simplify the geometry)',
      },
    ]);
  });

  it('a layer file over the default 256 MiB limit: rejected by its size, never read', async () => {
    const dir = baseCopy();
    // A sparse 300 MiB file: reading it would cost 300 MiB of memory; the size check costs none.
    const file = join(dir, 'settlements.geojson');
    writeFileSync(file, '{"type":"FeatureCollection","features":[');
    truncateSync(file, 300 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const problems = await problemsOf(dir);
    expect(problems.map(summary)).toEqual([
      {
        code: 'file-too-large',
        layer: 'settlements',
        featureIndex: undefined,
        message: 'is 300.0 MiB, more than the limit of 256.0 MiB (raise limits.maxFileBytes, CLI --max-file-mb)',
      },
    ]);
    // Not read: memory grew by far less than the file (tolerance: a quarter of its size).
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(75 * 1024 * 1024);
  });

  it('a layer over 512 MiB with its limit raised: too large for one string, said so (not "not UTF-8")', async () => {
    const dir = baseCopy();
    // 520 MiB (just above 2^29 − 24 bytes), sparse: the JSON start, then NUL bytes (valid UTF-8, so only the length can fail).
    const file = join(dir, 'settlements.geojson');
    writeFileSync(file, '{"type":"FeatureCollection","features":[');
    truncateSync(file, 520 * 1024 * 1024);
    let problems: RegionProblem[] = [];
    try {
      await loadRegion(dir, { limits: { maxFileBytes: 700 * 1024 * 1024 } });
    } catch (error) {
      if (!(error instanceof RegionValidationError)) throw error;
      problems = error.problems;
    }
    expect(problems.map(summary)).toEqual([
      {
        code: 'file-too-large',
        layer: 'settlements',
        featureIndex: undefined,
        message:
          'is 520 MiB, more text than one JavaScript string can hold (about 512 MiB): split the layer into smaller regions (for an OSM import, import district by district or cut the extract)',
      },
    ]);
  });

  it('a position nested 1,000,000 arrays deep: a clear problem, no stack overflow', async () => {
    const dir = baseCopy();
    const depth = 1_000_000;
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"f1","name":"Deep","amenity":"school","synthetic":true},"geometry":{"type":"Point","coordinates":${'['.repeat(depth)}63.26,53.25${']'.repeat(depth)}}}]}`;
    writeFileSync(join(dir, 'facilities.geojson'), text);
    const problems = await problemsOf(dir);
    expect(problems.map(summary)).toEqual([
      {
        code: 'feature-invalid',
        layer: 'facilities',
        featureIndex: 0,
        message: 'has malformed coordinates (1, first at position)',
      },
    ]);
  });
});
