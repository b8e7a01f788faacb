/**
 * Write a custom template: "a public e-services point in the largest settlement of every
 * district" — metadata (titles in three languages, a parameter schema with units and ranges,
 * coefficients with sources), a pure `expand` and an `adapt`, following @regiontwin/templates'
 * SolutionTemplate contract. The scenario references it by id like a library template; a small
 * expander sends its id here and every other id to the library.
 *
 *   npx tsx examples/node/custom-template.ts [--json]
 */
import { resolve } from 'node:path';
import {
  compileRegion,
  prepareScenario,
  runScenario,
  SCENARIO_SCHEMA,
  type AddFacilityChange,
  type TemplateExpander,
} from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { expandTemplate, resolveTemplateParams, type SolutionTemplate } from '@regiontwin/templates';

/** Parameters of {@link eServicesPoint}. */
interface EServicesParams extends Record<string, unknown> {
  staffPerPoint: number;
}

/** One e-services point (an assisted-access desk for e-government) per district, in its largest settlement. */
export const eServicesPoint: SolutionTemplate<EServicesParams> = {
  id: 'e-services-point-per-district',
  title: {
    en: 'E-services point in every district centre',
    ru: 'Пункт электронных услуг в каждом районном центре',
    kk: 'Әр аудан орталығында электрондық қызмет көрсету пункті',
  },
  description: {
    en: 'An assisted-access desk for e-government services in the most populous settlement of each district.',
    ru: 'Пункт помощи с электронными госуслугами в самом населённом пункте каждого района.',
    kk: 'Әр ауданның ең көп халқы бар елді мекенінде электрондық үкімет қызметтеріне көмек көрсету пункті.',
  },
  category: 'public-services',
  parameters: {
    staffPerPoint: {
      type: 'integer',
      unit: 'staff',
      default: 2,
      minimum: 1,
      maximum: 20,
      description: 'Consultants per point; drives the operating cost.',
    },
  },
  coefficients: {
    capexKztPerPoint: {
      value: 15_000_000,
      unit: 'KZT/point',
      description: 'Fit-out of a 40 m² room, four workstations, a queue terminal.',
      source: 'Estimate: 40 m² × ≈250,000 KZT/m² fit-out + ≈5,000,000 KZT equipment (2025 prices).',
    },
    opexKztPerStaffYear: {
      value: 4_800_000,
      unit: 'KZT/staff/year',
      description: 'Wage cost per consultant and year.',
      source: 'Bureau of National Statistics average monthly wage 2025, ≈400,000 KZT × 12.',
    },
  },
  indicators: () => [
    { id: 'population-within-travel-time', kind: 'e-services-point', minutes: 30 },
    { id: 'coverage-share', kind: 'e-services-point', minutes: 30 },
    { id: 'capex' },
    { id: 'opex-per-year' },
  ],
  adapt: (profile) => ({ staffPerPoint: profile.meanDistrictPopulation > 200_000 ? 4 : 2 }),
  expand(model, params) {
    const { demand, districts } = model;
    const largest = new Int32Array(districts.count).fill(-1);
    for (let i = 0; i < demand.count; i++) {
      const d = demand.district[i];
      if (d >= 0 && (largest[d] < 0 || demand.population[i] > demand.population[largest[d]])) largest[d] = i;
    }
    const c = this.coefficients;
    const changes: AddFacilityChange[] = [];
    largest.forEach((i, d) => {
      if (i < 0) return;
      changes.push({
        type: 'add-facility',
        id: `e-services-${districts.ids[d]}`,
        kind: 'e-services-point',
        at: [demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]],
        name: `E-services point ${demand.names[i]}`,
        capexKzt: c.capexKztPerPoint.value,
        opexKztPerYear: params.staffPerPoint * c.opexKztPerStaffYear.value,
      });
    });
    return { changes, summary: { points: changes.length, staff: changes.length * params.staffPerPoint } };
  },
};

/** The library's expander, plus this template. */
const expandWithCustom: TemplateExpander = (intervention, model, random) =>
  intervention.template === eServicesPoint.id
    ? eServicesPoint.expand(
        model,
        resolveTemplateParams(eServicesPoint as unknown as SolutionTemplate, intervention.params) as EServicesParams,
        random,
      )
    : expandTemplate(intervention, model, random);

const repo = resolve(import.meta.dirname, '../..');
const json = process.argv.includes('--json');
const model = compileRegion(await loadRegion(resolve(repo, 'fixtures/kazakhstan')));
const params = { staffPerPoint: 3 };
const scenario = prepareScenario(
  {
    schema: SCENARIO_SCHEMA,
    name: eServicesPoint.title.en,
    region: '../kazakhstan',
    seed: 1,
    years: { start: 2026, end: 2026 },
    interventions: [{ template: eServicesPoint.id, params }],
    indicators: eServicesPoint.indicators(params),
  },
  model,
  { expandTemplate: expandWithCustom },
);
const result = runScenario(model, scenario);
const points = scenario.changes.flatMap((c) =>
  c.type === 'add-facility' ? [{ id: c.id, at: c.at, name: c.name }] : [],
);
if (json) {
  console.log(
    JSON.stringify({
      points,
      indicators: result.indicators.map((i) => ({ id: i.id, params: i.params, scenario: i.scenario })),
    }),
  );
} else {
  console.log(`${result.scenario}: ${points.length} points`);
  for (const i of result.indicators) console.log(`  ${i.label}: ${i.baseline} → ${i.scenario} ${i.unit}`);
}
