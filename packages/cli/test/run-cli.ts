import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The built command, as `pnpm regiontwin` runs it. */
export const BIN = join(REPO_DIR, 'packages/cli/dist/bin.js');
/** packages/cli/test/fixtures. */
export const CLI_FIXTURES = join(REPO_DIR, 'packages/cli/test/fixtures');
/** The repository's fixtures/. */
export const FIXTURES = join(REPO_DIR, 'fixtures');
/** Whether the Kostanay data of ../shared (linked from fixtures/kostanay) is present. */
export const HAS_KOSTANAY = existsSync(join(FIXTURES, 'kostanay/districts.geojson'));

/** What one run of the command gave. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr split into non-empty lines. */
  errLines: string[];
}

/**
 * Runs `node packages/cli/dist/bin.js ...args` as a user would (a child process, not a TTY), in
 * `cwd` (default: the repository root). Build the CLI first: `pnpm --filter @regiontwin/cli build`.
 */
export function runCli(args: string[], cwd = REPO_DIR): Promise<CliRun> {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: build the CLI first (pnpm --filter @regiontwin/cli build)`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, REGIONTWIN_DEBUG: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, errLines: stderr.split('\n').filter((line) => line.trim() !== '') }),
    );
  });
}

/** A fresh temporary folder; `remove()` deletes it. */
export async function temporaryDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'regiontwin-cli-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Whether text looks like a JavaScript stack trace (never shown for a user mistake). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+(:\d+:\d+|\(native\))\)?$/m.test(text) || /\bError: .*\n\s+at /.test(text);
}

/**
 * The cells of the first line of an aligned text table that starts with `startsWith` (and, when
 * `cells` is given, has that many cells; columns are separated by two or more spaces).
 */
export function tableRow(stdout: string, startsWith: string, cells?: number): string[] | undefined {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(startsWith))
    .map((line) => line.split(/\s{2,}/).map((cell) => cell.trim()))
    .find((row) => cells === undefined || row.length === cells);
}
