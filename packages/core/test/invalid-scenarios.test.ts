import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The scenario validation corpus (fixtures/invalid-scenarios, written by
 * fixtures/scripts/build-invalid-scenarios.mjs): `regiontwin run scenario.json`, run in each
 * case's folder, must exit 1 and print exactly the expected error — one line per problem, no stack
 * trace, nothing on stdout. End to end through the built command, because template ids and
 * parameters are checked by the template library that the CLI wires in.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CORPUS = join(REPO, 'fixtures/invalid-scenarios');
const BIN = join(REPO, 'packages/cli/dist/bin.js');

interface Expected {
  description: string;
  /** The first stderr line, exactly. */
  header?: string;
  /** …or its start (for messages that list every known id). */
  headerStartsWith?: string;
  /** The lines after the header (trimmed), exactly. */
  stderr?: string[];
}

function runIn(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, REGIONTWIN_DEBUG: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const cases = readdirSync(CORPUS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('fixtures/invalid-scenarios: every broken scenario is rejected with its exact message', () => {
  it('holds the corpus and the built command', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(existsSync(BIN), `${BIN} is missing: build the CLI first`).toBe(true);
  });

  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(CORPUS, name, 'expected.json'), 'utf8')) as Expected;
    const run = await runIn(join(CORPUS, name), ['run', 'scenario.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const [header, ...rest] = run.stderr.split('\n').filter((l) => l.trim() !== '');
    if (expected.header !== undefined) expect(header).toBe(expected.header);
    else expect(header.startsWith(expected.headerStartsWith!), header).toBe(true);
    expect(rest.map((l) => l.trim())).toEqual(expected.stderr ?? []);
  });
});
