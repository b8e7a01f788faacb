import { createDefaultIndicatorRegistry } from '../indicators/builtin-indicators.js';
import { createIndicatorContext, type IndicatorRegistry, type IndicatorValue } from '../indicators/indicator.js';
import type { RegionModel } from '../model/region-model.js';
import { createSeededRandom } from '../random/seeded-random.js';
import { resolveAssumptions } from './assumptions.js';
import { RESULT_SCHEMA, type IndicatorResult, type ResultNumber, type ScenarioResult } from './result.js';
import {
  isTemplateIntervention,
  type Assumptions,
  type Change,
  type ConcreteScenario,
  type IndicatorSpec,
  type ScenarioDocument,
  type TemplateIntervention,
} from './scenario.js';
import { buildScenarioState, ChangeError, changeYear } from './scenario-state.js';

/** Progress of a run: `done` of `total` steps (one per modelled year). */
export interface RunProgress {
  scenario: string;
  done: number;
  total: number;
}

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** Indicator definitions; defaults to the built-ins. */
  registry?: IndicatorRegistry;
  /** Called after each modelled year. */
  onProgress?: (progress: RunProgress) => void;
  /** Cancels between years (throws the signal's reason, an AbortError). */
  signal?: AbortSignal;
}

/** Expands one template reference into changes (supplied by @regiontwin/templates). */
export type TemplateExpander = (
  intervention: TemplateIntervention,
  model: RegionModel,
  random: () => number,
) => { changes: Change[]; summary?: unknown };

/** A problem turning a scenario document into a runnable scenario. */
export class ScenarioPreparationError extends Error {
  /** JSON pointer of the offending intervention or indicator. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = 'ScenarioPreparationError';
    this.path = path;
  }
}

/**
 * Turns a validated scenario document into a {@link ConcreteScenario}: expands templates with a
 * random source seeded from the scenario's seed (deterministic), fills in defaults, checks the
 * indicator specs, and dry-runs the changes against the model so that a missing facility id or a
 * point outside the region is reported before any computing starts.
 * @throws {ScenarioPreparationError} naming the JSON path.
 */
export function prepareScenario(
  doc: ScenarioDocument,
  model: RegionModel,
  options: { expandTemplate?: TemplateExpander; registry?: IndicatorRegistry } = {},
): ConcreteScenario {
  const seed = doc.seed ?? 1;
  const random = createSeededRandom(seed);
  const years = doc.years ?? { start: new Date().getUTCFullYear(), end: new Date().getUTCFullYear() };
  const changes: Change[] = [];
  const changePaths: string[] = [];
  const interventions: unknown[] = [];
  doc.interventions.forEach((intervention, i) => {
    if (isTemplateIntervention(intervention)) {
      if (!options.expandTemplate) {
        throw new ScenarioPreparationError(
          `/interventions/${i}`,
          `template "${intervention.template}" needs the template library (@regiontwin/templates)`,
        );
      }
      let expanded;
      try {
        expanded = options.expandTemplate(intervention, model, random);
      } catch (error) {
        throw new ScenarioPreparationError(
          `/interventions/${i}`,
          error instanceof Error ? error.message : String(error),
        );
      }
      const year = intervention.year;
      for (const change of expanded.changes) {
        changes.push(year !== undefined && change.year === undefined ? { ...change, year } : change);
        changePaths.push(`/interventions/${i}`);
      }
      interventions.push({
        template: intervention.template,
        params: intervention.params ?? {},
        year: intervention.year ?? years.start,
        summary: expanded.summary,
        changes: expanded.changes,
      });
    } else {
      changes.push(intervention);
      changePaths.push(`/interventions/${i}`);
      interventions.push(intervention);
    }
  });
  const assumptions = resolveAssumptions(doc.assumptions);
  // Dry run: every change resolves (ids exist, points inside) in every year. Changes apply in list
  // order among those in force, so a change can fail in an intermediate year only (removing in
  // 2027 what is added in 2028); the state changes only in the years changes take effect.
  const effectiveYears = new Set(changes.map((c) => Math.max(years.start, changeYear(c, years.start))));
  effectiveYears.add(years.end);
  try {
    for (const year of [...effectiveYears].sort((a, b) => a - b)) {
      if (year <= years.end) buildScenarioState(model, changes, year, years.start, assumptions);
    }
  } catch (error) {
    if (error instanceof ChangeError) throw new ScenarioPreparationError(changePaths[error.changeIndex], error.message);
    throw error;
  }
  const indicators = doc.indicators?.length ? doc.indicators : defaultIndicators(changes);
  const registry = options.registry ?? createDefaultIndicatorRegistry();
  indicators.forEach((spec, i) => {
    const definition = registry.get(spec.id);
    if (!definition) {
      throw new ScenarioPreparationError(
        `/indicators/${i}`,
        `unknown indicator "${spec.id}" (known: ${registry.ids().join(', ')})`,
      );
    }
    try {
      definition.parseParams(spec);
    } catch (error) {
      throw new ScenarioPreparationError(`/indicators/${i}`, error instanceof Error ? error.message : String(error));
    }
  });
  return { name: doc.name, seed, years, assumptions, changes, indicators, interventions };
}

/**
 * The indicators a scenario gets when it lists none: for every facility kind it adds, people
 * within 30 min, mean travel time, coverage share and equity; and the four cost indicators.
 */
export function defaultIndicators(changes: readonly Change[]): IndicatorSpec[] {
  const kinds = [...new Set(changes.flatMap((c) => (c.type === 'add-facility' ? [c.kind] : [])))];
  return [
    ...kinds.flatMap((kind) => [
      { id: 'population-within-travel-time', kind, minutes: 30 },
      { id: 'mean-travel-time', kind },
      { id: 'coverage-share', kind, minutes: 30 },
      { id: 'equity', kind, minutes: 30 },
    ]),
    { id: 'capex' },
    { id: 'opex-per-year' },
    { id: 'energy-kwh-per-year' },
    { id: 'co2-tonnes-per-year' },
  ];
}

/** JSON-safe number: NaN and ±Infinity become null. */
export function toResultNumber(value: number): ResultNumber {
  return Number.isFinite(value) ? value : null;
}

function difference(a: number, b: number): ResultNumber {
  return Number.isFinite(a) && Number.isFinite(b) ? a - b : null;
}

/** Assumption sets whose baseline travel arrays are kept per model (least recently used dropped). */
const BASELINE_MEMO_LIMIT = 4;

/** Per model, per assumption set (as JSON): the memo of baseline-geometry states. */
const baselineMemos = new WeakMap<RegionModel, Map<string, Map<string, unknown>>>();

/**
 * The memo of the model's baseline-geometry states under these assumptions, kept across runs:
 * a sweep of many scenarios on one region computes the baseline's nearest distances and graph
 * searches once, not once per scenario. Its entries are pure functions of (model, assumptions,
 * key), so results are unchanged, byte for byte. Bounded to {@link BASELINE_MEMO_LIMIT}
 * assumption sets per model.
 */
function baselineMemo(model: RegionModel, assumptions: Assumptions): Map<string, unknown> {
  let byAssumptions = baselineMemos.get(model);
  if (!byAssumptions) {
    byAssumptions = new Map();
    baselineMemos.set(model, byAssumptions);
  }
  const key = JSON.stringify(assumptions);
  let memo = byAssumptions.get(key);
  if (memo) byAssumptions.delete(key);
  else {
    memo = new Map();
    if (byAssumptions.size >= BASELINE_MEMO_LIMIT) byAssumptions.delete(byAssumptions.keys().next().value!);
  }
  byAssumptions.set(key, memo);
  return memo;
}

/**
 * The memo of one run: entries of baseline-geometry states (memo keys starting with the
 * baseline's configuration key — no facility, road or demand-point change in force, whatever the
 * scenario) go to the cross-run `persistent` memo; everything else (configuration keys count the
 * changes of this scenario only) stays in this run. The indicator context uses get and set only.
 */
function layeredMemo(persistent: Map<string, unknown>, baselineKey: string): Map<string, unknown> {
  const prefix = `${baselineKey}|`;
  return new (class extends Map<string, unknown> {
    override get(key: string): unknown {
      return key.startsWith(prefix) ? persistent.get(key) : super.get(key);
    }
    override set(key: string, value: unknown): this {
      if (key.startsWith(prefix)) persistent.set(key, value);
      else super.set(key, value);
      return this;
    }
  })();
}

/**
 * Runs a concrete scenario on a compiled model: for every year, the baseline and the scenario
 * state, every indicator in total and by district. Pure and deterministic: the same model and
 * scenario give the same result, in any thread.
 */
export function runScenario(
  model: RegionModel,
  scenario: ConcreteScenario,
  options: RunScenarioOptions = {},
): ScenarioResult {
  const registry = options.registry ?? createDefaultIndicatorRegistry();
  const { start, end } = scenario.years;
  const assumptions = resolveAssumptions(scenario.assumptions);
  const specs = scenario.indicators.map((spec) => {
    const definition = registry.get(spec.id);
    if (!definition) throw new Error(`unknown indicator "${spec.id}"`);
    return { spec, definition, params: definition.parseParams(spec) };
  });
  let shared: Map<string, unknown> | undefined;
  const perYear: { year: number; baseline: IndicatorValue[]; scenario: IndicatorValue[] }[] = [];
  const total = end - start + 1;
  for (let year = start; year <= end; year++) {
    options.signal?.throwIfAborted();
    const baselineState = buildScenarioState(model, [], year, start, assumptions);
    shared ??= layeredMemo(baselineMemo(model, assumptions), baselineState.configurationKey);
    const baselineContext = createIndicatorContext(baselineState, shared);
    const scenarioContext = createIndicatorContext(
      buildScenarioState(model, scenario.changes, year, start, assumptions),
      shared,
    );
    perYear.push({
      year,
      baseline: specs.map((s) => s.definition.compute(baselineContext, s.params)),
      scenario: specs.map((s) => s.definition.compute(scenarioContext, s.params)),
    });
    options.onProgress?.({ scenario: scenario.name, done: year - start + 1, total });
  }
  const last = perYear[perYear.length - 1];
  const indicators: IndicatorResult[] = specs.map((s, k) => {
    const b = last.baseline[k];
    const v = last.scenario[k];
    return {
      id: s.spec.id,
      params: s.params as Record<string, unknown>,
      unit: s.definition.unit,
      label: s.definition.label(s.params),
      better: s.definition.better,
      baseline: toResultNumber(b.total),
      scenario: toResultNumber(v.total),
      delta: difference(v.total, b.total),
      byDistrict: Array.from({ length: model.districts.count }, (_, d) => ({
        id: model.districts.ids[d],
        name: model.districts.names[d],
        baseline: toResultNumber(b.byDistrict[d]),
        scenario: toResultNumber(v.byDistrict[d]),
        delta: difference(v.byDistrict[d], b.byDistrict[d]),
      })),
      byYear: perYear.map((y) => ({
        year: y.year,
        baseline: toResultNumber(y.baseline[k].total),
        scenario: toResultNumber(y.scenario[k].total),
        delta: difference(y.scenario[k].total, y.baseline[k].total),
        byDistrict: {
          baseline: Array.from(y.baseline[k].byDistrict, toResultNumber),
          scenario: Array.from(y.scenario[k].byDistrict, toResultNumber),
        },
      })),
    };
  });
  const warnings = syntheticDataWarnings(model);
  return {
    schema: RESULT_SCHEMA,
    scenario: scenario.name,
    region: model.id,
    years: { start, end },
    seed: scenario.seed,
    assumptions: flattenAssumptions(assumptions),
    interventions: scenario.interventions ?? scenario.changes,
    indicators,
    attribution: model.attribution,
    warnings,
  };
}

/**
 * One warning per kind of synthetic (generated, not observed) data the model holds: how many
 * people live at synthetic demand points (e.g. populations filled by `synthesize-population`) and
 * how many road features are synthetic (e.g. a `synthesize-roads` skeleton).
 */
export function syntheticDataWarnings(model: RegionModel): string[] {
  const warnings: string[] = [];
  const { demand, roads } = model;
  let points = 0;
  let people = 0;
  let total = 0;
  for (let i = 0; i < demand.count; i++) {
    total += demand.population[i];
    if (demand.synthetic[i] === 1) {
      points++;
      people += demand.population[i];
    }
  }
  if (points > 0) {
    const share = total > 0 ? ` (${((people / total) * 100).toFixed(1)}% of ${Math.round(total)})` : '';
    warnings.push(
      `The region contains synthetic (generated) data: ${points} of ${demand.count} demand points, ${Math.round(people)} people${share}, are synthetic; results that use them are not observations.`,
    );
  }
  const syntheticRoads = roads.featureSynthetic.reduce((n, x) => n + (x === 1 ? 1 : 0), 0);
  if (syntheticRoads > 0) {
    warnings.push(
      `The region contains synthetic (generated) data: ${syntheticRoads} of ${roads.featureSynthetic.length} road features are synthetic (not real roads); travel times along them are not observations.`,
    );
  }
  return warnings;
}

function flattenAssumptions(assumptions: ReturnType<typeof resolveAssumptions>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(assumptions)) {
    if (typeof value === 'number') out[key] = value;
    else for (const [cls, speed] of Object.entries(value)) out[`speedKmhByClass.${cls}`] = speed as number;
  }
  return out;
}
