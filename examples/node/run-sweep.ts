/**
 * Run a parameter sweep from Node: the same scenario with `maxTravelMinutes` from 15 to 120,
 * all runs in parallel in two worker threads sharing one copy of the model.
 *
 *   npx tsx examples/node/run-sweep.ts [--json]
 *
 * Prints, for each travel-time limit, the share of people within it of a hub and the investment.
 */
import { resolve } from 'node:path';
import { compileRegion, prepareScenario, SCENARIO_SCHEMA, type ScenarioDocument } from '@regiontwin/core';
import { createEngine, loadRegion } from '@regiontwin/core/node';
import { expandTemplate } from '@regiontwin/templates';

const repo = resolve(import.meta.dirname, '../..');
const json = process.argv.includes('--json');
const model = compileRegion(await loadRegion(resolve(repo, 'fixtures/kazakhstan')));
const limits = [15, 30, 45, 60, 90, 120];
const seatsPerHub = 120;

const scenarios = limits.map((minutes) => {
  const doc: ScenarioDocument = {
    schema: SCENARIO_SCHEMA,
    name: `IT hubs, ${minutes} min`,
    region: '../kazakhstan',
    seed: 1,
    years: { start: 2026, end: 2026 },
    interventions: [{ template: 'it-hub-per-district', params: { maxTravelMinutes: minutes, seatsPerHub } }],
    indicators: [{ id: 'coverage-share', kind: 'it-hub', minutes }, { id: 'capex' }],
  };
  return prepareScenario(doc, model, { expandTemplate });
});

const engine = createEngine({ workers: 2 });
try {
  await engine.setModel(model);
  const outcomes = await engine.runMany(scenarios, {
    onProgress: (p) => {
      if (!json) process.stderr.write(`\r${p.done}/${p.total} runs`);
    },
  });
  const rows = outcomes.map((outcome, k) => {
    if (outcome.status !== 'ok') throw new Error(`${outcome.scenario}: ${outcome.status}`);
    const value = (id: string) => outcome.result.indicators.find((i) => i.id === id)!.scenario;
    const hubs = scenarios[k].changes.flatMap((c) => (c.type === 'add-facility' ? [c.at] : []));
    return { maxTravelMinutes: limits[k], coverageShare: value('coverage-share'), capexKzt: value('capex'), hubs };
  });
  if (json) console.log(JSON.stringify({ seatsPerHub, rows }));
  else {
    process.stderr.write('\n');
    console.log('limit, min   people within the limit   investment, KZT');
    for (const r of rows) {
      console.log(
        `${String(r.maxTravelMinutes).padStart(10)}   ${`${((r.coverageShare ?? 0) * 100).toFixed(1)} %`.padStart(22)}   ${(r.capexKzt ?? 0).toLocaleString('en-GB').padStart(15)}`,
      );
    }
  }
} finally {
  engine.dispose();
}
