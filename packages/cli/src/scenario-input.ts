import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, win32 } from 'node:path';
import {
  compileRegion,
  formatRegionProblem,
  formatScenarioProblem,
  parseScenario,
  prepareScenario,
  RegionValidationError,
  ScenarioPreparationError,
  ScenarioValidationError,
  type ConcreteScenario,
  type RegionData,
  type RegionModel,
  type ScenarioDocument,
  type ScenarioProblem,
  type TemplateExpander,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { regionOptionsFromFlags, type RegionLimitFlags } from './commands/validate.js';
import { UserError } from './user-error.js';

/** A scenario file read and validated, with its region located. */
export interface ScenarioInput {
  /** The scenario file as the user named it (used in every message). */
  file: string;
  doc: ScenarioDocument;
  /** The region folder or region.json, as a path relative to the working directory (for messages and loading). */
  regionPath: string;
  /** The region's manifest file, canonical (symbolic links resolved): equal for scenarios of one region. */
  regionKey: string;
}

/** A loaded and compiled region. */
export interface RegionInput {
  region: RegionData;
  model: RegionModel;
}

/** The UserError for a rejected scenario: one line per problem, `file: /json/path: reason`. */
export function scenarioProblemsError(file: string, problems: ScenarioProblem[]): UserError {
  const lines = problems.map(formatScenarioProblem);
  if (lines.length === 1) return new UserError(lines[0], [], { error: lines[0], problems });
  return new UserError(`${file}: invalid scenario, ${problems.length} problems`, lines, {
    error: `${file}: invalid scenario`,
    problems,
  });
}

/**
 * Whether a region reference is a URL (`https:`, `file:`, `data:` …) rather than a path. A
 * scheme has two or more characters, so a Windows drive letter (`C:`) is not one.
 */
function isUrl(reference: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(reference);
}

/**
 * Reads a scenario file, validates it (every schema problem at once) and locates its region:
 * the `region` path is relative to the scenario file's folder, must not be absolute or a URL
 * (a scenario must stay valid when its folder is moved or shared), and must exist.
 * @throws {UserError} naming the file and, per problem, the JSON path.
 */
export async function readScenarioInput(file: string): Promise<ScenarioInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a scenario file' : 'cannot be read';
    throw new UserError(`${file}: ${reason}`);
  }
  let doc: ScenarioDocument;
  try {
    doc = parseScenario(text, file);
  } catch (error) {
    if (error instanceof ScenarioValidationError) throw scenarioProblemsError(file, error.problems);
    throw error;
  }
  const { regionPath, regionKey } = await locateRegion(file, doc.region);
  return { file, doc, regionPath, regionKey };
}

async function locateRegion(file: string, reference: string): Promise<{ regionPath: string; regionKey: string }> {
  const problem = (message: string) => scenarioProblemsError(file, [{ file, path: '/region', message }]);
  if (isUrl(reference)) {
    throw problem(`"${reference}" is a URL; give the region folder as a path relative to the scenario file`);
  }
  if (isAbsolute(reference) || win32.isAbsolute(reference)) {
    throw problem(`"${reference}" is an absolute path; give the region folder relative to the scenario file`);
  }
  const absolute = resolve(dirname(file), reference);
  const info = await stat(absolute).catch(() => undefined);
  const manifest = info?.isDirectory() ? join(absolute, 'region.json') : absolute;
  const manifestInfo = info?.isDirectory() ? await stat(manifest).catch(() => undefined) : info;
  if (!manifestInfo?.isFile()) {
    const shown = relative(process.cwd(), manifest) || manifest;
    throw problem(`region "${reference}" not found (looked for ${shown})`);
  }
  return { regionPath: relative(process.cwd(), absolute) || '.', regionKey: await realpath(manifest) };
}

/**
 * Loads, validates and compiles a region, with the size limits the command's flags raise.
 * @throws {UserError} listing every region problem, as `regiontwin validate` does.
 */
export async function loadRegionInput(regionPath: string, limitFlags: RegionLimitFlags = {}): Promise<RegionInput> {
  let region: RegionData;
  const { limits } = regionOptionsFromFlags(limitFlags);
  try {
    region = await loadRegion(regionPath, { limits });
  } catch (error) {
    if (error instanceof RegionValidationError) {
      const errors = error.problems.filter((p) => p.severity === 'error');
      throw new UserError(
        `${regionPath}: invalid region, ${errors.length} problem${errors.length === 1 ? '' : 's'}`,
        error.problems.map(formatRegionProblem),
        { error: `${regionPath}: invalid region`, problems: error.problems },
      );
    }
    throw error;
  }
  return { region, model: compileRegion(region) };
}

/**
 * Prepares a validated scenario on a model (templates expanded, ids and points checked).
 * @throws {UserError} `file: /json/path: reason`.
 */
export function prepareScenarioInput(
  file: string,
  doc: ScenarioDocument,
  model: RegionModel,
  expandTemplate: TemplateExpander | undefined,
): ConcreteScenario {
  try {
    return prepareScenario(doc, model, { expandTemplate });
  } catch (error) {
    if (error instanceof ScenarioPreparationError) {
      throw scenarioProblemsError(file, [{ file, path: error.path, message: error.message }]);
    }
    throw error;
  }
}
