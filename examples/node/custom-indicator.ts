/**
 * Write a custom indicator: "settlements within N minutes of a kind of facility" — a count of
 * places rather than of people, which a planner asks for when villages, not residents, are the
 * unit of a programme. It implements core's IndicatorDefinition contract, is registered next to
 * the built-ins, and runs through the engine like any other indicator.
 *
 *   npx tsx examples/node/custom-indicator.ts [--json]
 */
import { resolve } from 'node:path';
import {
  compileRegion,
  createDefaultIndicatorRegistry,
  prepareScenario,
  SCENARIO_SCHEMA,
  type IndicatorDefinition,
  type IndicatorSpec,
} from '@regiontwin/core';
import { createEngine, loadRegion } from '@regiontwin/core/node';
import { expandTemplate } from '@regiontwin/templates';

/** Parameters of {@link settlementsWithinTravelTime}. */
interface SettlementsParams {
  kind: string;
  minutes: number;
}

/** Settlements (demand points with residents) whose nearest facility of `kind` is within `minutes`. */
export const settlementsWithinTravelTime: IndicatorDefinition<SettlementsParams> = {
  id: 'settlements-within-travel-time',
  title: 'Settlements within a travel time of a kind of facility',
  unit: 'settlements',
  better: 'higher',
  parseParams(spec: IndicatorSpec): SettlementsParams {
    const { kind, minutes = 30 } = spec as IndicatorSpec & { kind?: unknown; minutes?: unknown };
    if (typeof kind !== 'string' || kind === '') throw new Error('settlements-within-travel-time needs a "kind"');
    if (typeof minutes !== 'number' || !(minutes > 0)) {
      throw new Error(`settlements-within-travel-time: "minutes" must be a positive number (got ${String(minutes)})`);
    }
    return { kind, minutes };
  },
  label: (p) => `Settlements within ${p.minutes} min of the nearest ${p.kind}`,
  compute(context, p) {
    const { demand, model } = context.state;
    const minutes = context.travelMinutes(p.kind); // memoised: shared with the built-in indicators
    const byDistrict = new Float64Array(model.districts.count);
    let total = 0;
    for (let i = 0; i < demand.count; i++) {
      if (!(demand.population[i] > 0) || !(minutes[i] <= p.minutes)) continue;
      total++;
      if (demand.district[i] >= 0) byDistrict[demand.district[i]]++;
    }
    return { total, byDistrict };
  },
};

const repo = resolve(import.meta.dirname, '../..');
const json = process.argv.includes('--json');
const registry = createDefaultIndicatorRegistry().register(settlementsWithinTravelTime);
const model = compileRegion(await loadRegion(resolve(repo, 'fixtures/kazakhstan')));
const scenario = prepareScenario(
  {
    schema: SCENARIO_SCHEMA,
    name: 'IT hubs: how many settlements are within an hour',
    region: '../kazakhstan',
    seed: 1,
    years: { start: 2026, end: 2026 },
    interventions: [{ template: 'it-hub-per-district', params: { maxTravelMinutes: 60 } }],
    indicators: [{ id: 'settlements-within-travel-time', kind: 'it-hub', minutes: 60 }],
  },
  model,
  { expandTemplate, registry },
);
// A custom indicator must exist where the scenario runs: in-process here (workers: 0). With
// worker threads, register it in a worker entry of your own: exposeEngineWorker(port, { registry }).
const engine = createEngine({ workers: 0, registry });
try {
  await engine.setModel(model);
  const result = await engine.run(scenario);
  const indicator = result.indicators[0];
  const hubs = scenario.changes.flatMap((c) => (c.type === 'add-facility' ? [c.at] : []));
  if (json) {
    console.log(
      JSON.stringify({
        total: indicator.scenario,
        baseline: indicator.baseline,
        byDistrict: indicator.byDistrict.map((d) => ({ id: d.id, scenario: d.scenario })),
        hubs,
      }),
    );
  } else {
    console.log(`${indicator.label}: ${indicator.baseline} → ${indicator.scenario} of ${model.demand.count}`);
    for (const d of indicator.byDistrict) console.log(`  ${d.name.padEnd(20)} ${d.scenario}`);
  }
} finally {
  engine.dispose();
}
