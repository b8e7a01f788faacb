import Ajv, { type ErrorObject } from 'ajv';
import scenarioSchema from '../../schema/scenario.schema.json';
import { SCENARIO_SCHEMA, type ScenarioDocument } from './scenario.js';
import { describeValue } from '../region/read-properties.js';

/** One problem in a scenario document: where (a JSON pointer) and why. */
export interface ScenarioProblem {
  /** The scenario file. */
  file: string;
  /** JSON pointer to the offending value, e.g. `/interventions/2/at`. Empty for the root. */
  path: string;
  /** A sentence a person can act on. */
  message: string;
}

/** Thrown when a scenario is rejected; carries every problem. */
export class ScenarioValidationError extends Error {
  readonly problems: ScenarioProblem[];
  constructor(problems: ScenarioProblem[]) {
    super(problems.map(formatScenarioProblem).join('\n'));
    this.name = 'ScenarioValidationError';
    this.problems = problems;
  }
}

/** `file: /json/path: reason` — the one line the CLI prints per problem. */
export function formatScenarioProblem(problem: ScenarioProblem): string {
  return `${problem.file}: ${problem.path || '(root)'}: ${problem.message}`;
}

/** The published JSON Schema of scenario documents (also in `@regiontwin/core/schema/scenario.schema.json`). */
export const SCENARIO_JSON_SCHEMA: object = scenarioSchema;

let validator: ReturnType<Ajv['compile']> | undefined;
function schemaValidator() {
  // Compiled once from our own schema (never from input).
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(scenarioSchema);
  return validator;
}

/**
 * Parses and validates a scenario document's text. Semantic checks beyond the schema: years in
 * order, change years within them.
 * @throws {ScenarioValidationError} with every problem (file, JSON path, reason).
 */
export function parseScenario(text: string, file: string): ScenarioDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ScenarioValidationError([
      // One line: the parser's excerpt of the text may hold line breaks.
      {
        file,
        path: '',
        message: `is not valid JSON (${(err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ')})`,
      },
    ]);
  }
  return validateScenarioDocument(value, file);
}

/** Validates an already parsed scenario document. @throws {ScenarioValidationError} */
export function validateScenarioDocument(value: unknown, file: string): ScenarioDocument {
  const validate = schemaValidator();
  if (!validate(value)) {
    throw new ScenarioValidationError(simplifyErrors(validate.errors ?? [], value).map((e) => ({ file, ...e })));
  }
  const doc = value as ScenarioDocument;
  const problems: ScenarioProblem[] = [];
  if (doc.years && doc.years.end < doc.years.start) {
    problems.push({ file, path: '/years', message: `end ${doc.years.end} is before start ${doc.years.start}` });
  }
  if (doc.years && doc.years.end - doc.years.start > 100) {
    problems.push({ file, path: '/years', message: 'spans more than 100 years' });
  }
  doc.interventions.forEach((intervention, i) => {
    const year = intervention.year;
    if (year !== undefined && doc.years && (year < doc.years.start || year > doc.years.end)) {
      problems.push({
        file,
        path: `/interventions/${i}/year`,
        message: `year ${year} is outside the scenario's years ${doc.years.start}–${doc.years.end}`,
      });
    }
  });
  if (problems.length) throw new ScenarioValidationError(problems);
  return doc;
}

/**
 * Turns ajv's errors into one clear message per location. For `oneOf` over interventions, the
 * branch matching the intervention's `type` (or `template`) is the one reported.
 */
function simplifyErrors(errors: ErrorObject[], root: unknown): { path: string; message: string }[] {
  const out = new Map<string, string>();
  const valueAt = (pointer: string): unknown =>
    pointer
      .split('/')
      .slice(1)
      .reduce<unknown>(
        (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
        root,
      );
  for (const error of errors) {
    const path = error.instancePath;
    const interventionMatch = /^\/interventions\/\d+/.exec(path + error.schemaPath.replace(/^#.*/, ''));
    // Errors inside the oneOf of an intervention: keep only those of the branch for its type.
    // ajv writes schema paths relative to the referenced definition (`#/oneOf/1/…`), or from the
    // root when the definition is inlined (`#/definitions/intervention/oneOf/1/…`).
    const branchMatch = /^#(?:\/definitions\/intervention)?\/oneOf\/(\d+)\//.exec(error.schemaPath);
    if (branchMatch && /^\/interventions\/\d+/.test(path)) {
      const branch = Number(branchMatch[1]);
      const interventionPath = /^\/interventions\/\d+/.exec(path)?.[0] ?? path;
      const intervention = valueAt(interventionPath) as Record<string, unknown> | undefined;
      const wanted = branchFor(intervention);
      if (wanted === undefined) {
        out.set(
          interventionPath,
          `needs a "template" id or a "type" of add-facility, remove-facility, move-facility, add-road, upgrade-road, add-settlement, set-population, add-cost (found ${describeValue(intervention?.type)})`,
        );
        continue;
      }
      if (branch !== wanted) continue;
    } else if (error.keyword === 'oneOf' && interventionMatch) continue;
    if (error.keyword === 'oneOf') continue;
    const message = messageFor(error, valueAt(path));
    const key = error.keyword === 'additionalProperties' ? `${path}/${String(error.params.additionalProperty)}` : path;
    if (!out.has(key)) out.set(key, message);
  }
  if (out.size === 0) out.set('', 'does not match the scenario schema');
  return [...out].map(([path, message]) => ({ path, message }));
}

const BRANCH_BY_TYPE: Record<string, number> = {
  'add-facility': 1,
  'remove-facility': 2,
  'move-facility': 3,
  'add-road': 4,
  'upgrade-road': 5,
  'add-settlement': 6,
  'set-population': 7,
  'add-cost': 8,
};

function branchFor(intervention: Record<string, unknown> | undefined): number | undefined {
  if (!intervention || typeof intervention !== 'object') return undefined;
  if ('template' in intervention) return 0;
  return typeof intervention.type === 'string' ? BRANCH_BY_TYPE[intervention.type] : undefined;
}

/** One sentence for an ajv error; `value` is the offending value, quoted where it helps. */
function messageFor(error: ErrorObject, value: unknown): string {
  switch (error.keyword) {
    case 'required':
      return `is missing "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `unknown property (not in the scenario schema)`;
    case 'const':
      return error.instancePath === '/schema'
        ? `must be "${SCENARIO_SCHEMA}"`
        : `must be ${describeValue(error.params.allowedValue)}`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => describeValue(v)).join(', ')}`;
    case 'type':
      return `must be ${String(error.params.type)} (found ${describeValue(value)})`;
    default:
      return error.message ?? 'is invalid';
  }
}
