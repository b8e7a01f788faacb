/**
 * Run a scenario from Node: load and validate the embedded region, prepare a scenario file
 * (templates expanded), run it in a worker thread, print the indicator table.
 *
 *   npx tsx examples/node/run-scenario.ts [scenario.json] [--json]
 *
 * Default scenario: fixtures/scenarios/kz-it-hub-per-oblast.json. With --json, prints one JSON
 * object (indicator totals and the hubs placed) instead of the table.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { compileRegion, parseScenario, prepareScenario } from '@regiontwin/core';
import { createEngine, loadRegion } from '@regiontwin/core/node';
import { expandTemplate } from '@regiontwin/templates';

const repo = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const scenarioPath =
  args.find((a) => !a.startsWith('--')) ?? resolve(repo, 'fixtures/scenarios/kz-it-hub-per-oblast.json');

// 1. The scenario file names its region relative to itself.
const doc = parseScenario(await readFile(scenarioPath, 'utf8'), scenarioPath);
// 2. Load (validated: every problem is reported with file, feature and reason) and compile.
const model = compileRegion(await loadRegion(resolve(dirname(scenarioPath), doc.region)));
// 3. Expand the templates into concrete changes (deterministic for the scenario's seed).
const scenario = prepareScenario(doc, model, { expandTemplate });
// 4. Run in one worker thread; the model is sent once.
const engine = createEngine({ workers: 1 });
try {
  await engine.setModel(model);
  const result = await engine.run(scenario, {
    onProgress: (p) => {
      if (!json) process.stderr.write(`\r${p.scenario}: year ${p.done}/${p.total}`);
    },
  });
  if (json) {
    const placed = result.interventions.flatMap((i) => (i as { changes?: { at: [number, number] }[] }).changes ?? []);
    console.log(
      JSON.stringify({
        scenario: result.scenario,
        region: result.region,
        years: result.years,
        hubs: placed.map((c) => c.at),
        indicators: result.indicators.map((i) => ({
          id: i.id,
          params: i.params,
          unit: i.unit,
          baseline: i.baseline,
          scenario: i.scenario,
        })),
      }),
    );
  } else {
    process.stderr.write('\n');
    console.log(`${result.scenario} — ${result.region}, ${result.years.start}–${result.years.end}`);
    for (const i of result.indicators) {
      const value = (v: number | null) => (v === null ? '—' : Number(v.toPrecision(6)).toLocaleString('en-GB'));
      console.log(
        `  ${i.label.padEnd(62)} ${value(i.baseline).padStart(14)} → ${value(i.scenario).padStart(14)} ${i.unit}`,
      );
    }
  }
} finally {
  engine.dispose();
}
