import { UserError } from './user-error.js';

/** Most variants one sweep may have (the product of every parameter's steps). */
export const MAX_SWEEP_VARIANTS = 100_000;

/** One `--param NAME=FROM..TO:STEPS`. */
export interface SweepParam {
  /** NAME as given, e.g. `interventions.0.params.maxTravelMinutes`. */
  name: string;
  /** NAME split into keys and array indices. */
  path: string[];
  from: number;
  to: number;
  steps: number;
  /** STEPS evenly spaced values from FROM to TO, both included. */
  values: number[];
}

const SYNTAX = 'NAME=FROM..TO:STEPS, e.g. assumptions.populationGrowthPerYear=0..0.01:5';
/** Keys that would reach an object's prototype instead of the document. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Parses `NAME=FROM..TO:STEPS`. NAME is a dotted path into the scenario document
 * (`interventions.1.at.0`), or a JSON pointer (`/interventions/1/at/0`).
 * @throws {UserError} explaining what is wrong with the text.
 */
export function parseSweepParam(text: string): SweepParam {
  const fail = (why: string) => new UserError(`--param "${text}": ${why} (expected ${SYNTAX})`);
  const equals = text.indexOf('=');
  if (equals <= 0) throw fail(equals === 0 ? 'NAME is empty' : 'no "="');
  const name = text.slice(0, equals).trim();
  const spec = text.slice(equals + 1).trim();
  const colon = spec.lastIndexOf(':');
  if (colon < 0) throw fail('no ":STEPS"');
  const range = spec.slice(0, colon);
  const stepsText = spec.slice(colon + 1).trim();
  const dots = range.indexOf('..');
  if (dots < 0) throw fail('no ".." between FROM and TO');
  const number = (label: string, raw: string) => {
    const trimmed = raw.trim();
    const value = trimmed === '' ? NaN : Number(trimmed);
    if (!Number.isFinite(value)) throw fail(`${label} "${raw}" is not a number`);
    return value;
  };
  const from = number('FROM', range.slice(0, dots));
  const to = number('TO', range.slice(dots + 2));
  const steps = Number(stepsText);
  if (!/^\d+$/.test(stepsText) || steps < 2)
    throw fail(`STEPS must be a whole number of at least 2 (got "${stepsText}")`);
  if (steps > MAX_SWEEP_VARIANTS)
    throw fail(
      `STEPS ${steps} is more than the ${MAX_SWEEP_VARIANTS.toLocaleString('en-US')} variants a sweep may have`,
    );
  const path = name.startsWith('/')
    ? name
        .slice(1)
        .split('/')
        .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
    : name.split('.');
  if (path.some((key) => key === '')) throw fail(`NAME "${name}" has an empty part`);
  const forbidden = path.find((key) => FORBIDDEN_KEYS.has(key));
  if (forbidden) throw fail(`NAME "${name}" may not contain "${forbidden}"`);
  return { name, path, from, to, steps, values: evenlySpaced(from, to, steps) };
}

/**
 * `steps` values from `from` to `to`, both included, evenly spaced. Rounded to 12 significant
 * digits so that 0.1..0.3:3 gives 0.2 and 0.3, not 0.30000000000000004.
 */
export function evenlySpaced(from: number, to: number, steps: number): number[] {
  return Array.from({ length: steps }, (_, i) =>
    i === steps - 1 ? to : Number((from + ((to - from) * i) / (steps - 1)).toPrecision(12)),
  );
}

/**
 * Number of variants (the cartesian product of every parameter's steps).
 * @throws {UserError} when it exceeds {@link MAX_SWEEP_VARIANTS} or a NAME repeats.
 */
export function countVariants(params: readonly SweepParam[]): number {
  const names = new Set<string>();
  for (const param of params) {
    const key = param.path.join('\u0000');
    if (names.has(key)) throw new UserError(`--param ${param.name} is given twice`);
    names.add(key);
  }
  const count = params.reduce((product, p) => product * p.steps, 1);
  if (count > MAX_SWEEP_VARIANTS) {
    throw new UserError(
      `the sweep has ${count.toLocaleString('en-US')} variants (${params.map((p) => p.steps).join(' × ')}); at most ${MAX_SWEEP_VARIANTS.toLocaleString('en-US')} are allowed: use fewer STEPS or fewer --param`,
    );
  }
  return count;
}

/** The values of variant `index` (the last parameter varies fastest). */
export function variantValues(params: readonly SweepParam[], index: number): number[] {
  const values = new Array<number>(params.length);
  let rest = index;
  for (let p = params.length - 1; p >= 0; p--) {
    values[p] = params[p].values[rest % params[p].steps];
    rest = Math.floor(rest / params[p].steps);
  }
  return values;
}

/**
 * Sets `value` at `path` inside a parsed scenario document. Missing object members on the way
 * are created (`assumptions.populationGrowthPerYear` works when `assumptions` is absent); array
 * items must exist.
 * @throws {UserError} naming the parameter and the part of the path that does not fit.
 */
export function setAtPath(document: unknown, param: Pick<SweepParam, 'name' | 'path'>, value: number): void {
  let node = document;
  param.path.forEach((key, depth) => {
    const where = param.path.slice(0, depth).join('.') || 'the scenario';
    const last = depth === param.path.length - 1;
    if (Array.isArray(node)) {
      const index = Number(key);
      if (!/^\d+$/.test(key) || index >= node.length) {
        throw new UserError(
          `--param ${param.name}: ${where} is a list of ${node.length} item${node.length === 1 ? '' : 's'}; "${key}" is not an index in it (0…${node.length - 1})`,
        );
      }
      if (last) node[index] = value;
      else node = node[index];
      return;
    }
    if (node === null || typeof node !== 'object') {
      throw new UserError(`--param ${param.name}: ${where} is ${JSON.stringify(node)}, not an object or a list`);
    }
    const record = node as Record<string, unknown>;
    if (last) record[key] = value;
    else {
      if (!Object.prototype.hasOwnProperty.call(record, key)) {
        if (/^\d+$/.test(param.path[depth + 1])) {
          throw new UserError(`--param ${param.name}: ${where} has no "${key}" list`);
        }
        record[key] = {};
      }
      node = record[key];
    }
  });
}
