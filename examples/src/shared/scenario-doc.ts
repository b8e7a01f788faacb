/**
 * The playground's scenarios as plain data, and their conversion to and from the
 * `regiontwin/scenario@1` document format that the CLI runs too.
 */
import {
  indicatorKey,
  isTemplateIntervention,
  parseScenario,
  SCENARIO_SCHEMA,
  type Change,
  type IndicatorSpec,
  type ScenarioDocument,
} from '@regiontwin/core';
import { getTemplate, resolveTemplateParams } from '@regiontwin/templates';

/** A template of the library chosen in a scenario, with its parameters and opening year. */
export interface TemplateChoice {
  template: string;
  params: Record<string, unknown>;
  year?: number;
}

/** One scenario being edited: a name, template choices, and concrete changes loaded from a file. */
export interface ScenarioDraft {
  name: string;
  interventions: TemplateChoice[];
  /** Concrete changes from a loaded scenario file (kept as they are, not editable here). */
  changes?: Change[];
}

/** What every scenario of a comparison shares. */
export interface ModelSettings {
  years: { start: number; end: number };
  /** Population growth, share per year (0.012 = +1.2 %/yr). */
  populationGrowthPerYear: number;
  seed: number;
}

/** The settings the playground starts with. */
export const DEFAULT_SETTINGS: ModelSettings = {
  years: { start: 2026, end: 2030 },
  populationGrowthPerYear: 0.012,
  seed: 1,
};

/** A template choice with its parameters checked and defaults filled in. @throws Error naming the parameter. */
export function resolveChoice(choice: TemplateChoice): TemplateChoice {
  const template = getTemplate(choice.template);
  if (!template) throw new Error(`unknown template "${choice.template}"`);
  return { ...choice, params: resolveTemplateParams(template, choice.params) };
}

/**
 * The indicators of a comparison: every indicator that any chosen template moves, once (by id and
 * parameters), access indicators before cost ones; every scenario computes the same list, so they
 * line up side by side. Without templates: the four cost indicators.
 */
export function indicatorsFor(drafts: readonly ScenarioDraft[]): IndicatorSpec[] {
  const seen = new Map<string, IndicatorSpec>();
  for (const draft of drafts) {
    for (const choice of draft.interventions) {
      const template = getTemplate(choice.template);
      if (!template) continue;
      let params: Record<string, unknown>;
      try {
        params = resolveTemplateParams(template, choice.params);
      } catch {
        continue;
      }
      for (const spec of template.indicators(params)) {
        const { id, ...rest } = spec;
        const key = indicatorKey({ id, params: rest });
        if (!seen.has(key)) seen.set(key, spec);
      }
    }
  }
  const costs = ['capex', 'opex-per-year', 'energy-kwh-per-year', 'co2-tonnes-per-year'];
  for (const id of costs) if (!seen.has(id)) seen.set(id, { id });
  const list = [...seen.values()];
  return [...list.filter((s) => !costs.includes(s.id)), ...list.filter((s) => costs.includes(s.id))];
}

/** The scenario document of a draft (the format `regiontwin run` takes). */
export function toScenarioDocument(
  draft: ScenarioDraft,
  settings: ModelSettings,
  indicators: IndicatorSpec[],
  region: string,
): ScenarioDocument {
  return {
    schema: SCENARIO_SCHEMA,
    name: draft.name,
    region,
    seed: settings.seed,
    years: { ...settings.years },
    assumptions: { populationGrowthPerYear: settings.populationGrowthPerYear },
    interventions: [
      ...draft.interventions.map((c) => ({
        template: c.template,
        params: { ...c.params },
        ...(c.year !== undefined ? { year: c.year } : {}),
      })),
      ...(draft.changes ?? []),
    ],
    indicators,
  };
}

/**
 * Reads a scenario file back into a draft and its settings.
 * @throws Error with the file name and every problem (schema, unknown template, bad parameter).
 */
export function fromScenarioJson(text: string, file: string): { draft: ScenarioDraft; settings: ModelSettings } {
  const doc = parseScenario(text, file);
  const interventions: TemplateChoice[] = [];
  const changes: Change[] = [];
  doc.interventions.forEach((intervention, i) => {
    if (isTemplateIntervention(intervention)) {
      try {
        interventions.push(
          resolveChoice({
            template: intervention.template,
            params: intervention.params ?? {},
            year: intervention.year,
          }),
        );
      } catch (error) {
        throw new Error(`${file}: /interventions/${i}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else changes.push(intervention);
  });
  return {
    draft: { name: doc.name, interventions, ...(changes.length ? { changes } : {}) },
    settings: {
      years: doc.years ?? DEFAULT_SETTINGS.years,
      populationGrowthPerYear: doc.assumptions?.populationGrowthPerYear ?? 0,
      seed: doc.seed ?? 1,
    },
  };
}
