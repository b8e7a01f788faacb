/**
 * Every template has an example scenario on the Kostanay fixture, fixtures/scenarios/kostanay-<id>.json,
 * that parses, prepares (templates expanded, every change inside the region) and runs. The CLI runs
 * the same files (`pnpm regiontwin run fixtures/scenarios/kostanay-<id>.json`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRegion, parseScenario, prepareScenario, runScenario, type RegionModel } from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { TEMPLATES, expandTemplate } from '../src/registry.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const HAS_KOSTANAY = existsSync(`${root}fixtures/kostanay/settlements.geojson`);

describe('example scenarios on Kostanay', () => {
  let model: RegionModel;
  beforeAll(async () => {
    if (HAS_KOSTANAY) model = compileRegion(await loadRegion(`${root}fixtures/kostanay`));
  });

  it.each(TEMPLATES.map((t) => [t.id] as const))('kostanay-%s.json uses the template and runs', (id) => {
    const file = `${root}fixtures/scenarios/kostanay-${id}.json`;
    expect(existsSync(file), `${file} exists`).toBe(true);
    const doc = parseScenario(readFileSync(file, 'utf8'), file);
    expect(doc.region).toBe('../kostanay');
    expect(doc.interventions.some((i) => 'template' in i && i.template === id)).toBe(true);
    if (!HAS_KOSTANAY) return; // the layers are linked from ../shared; the file itself is checked above
    const scenario = prepareScenario(doc, model, { expandTemplate });
    expect(scenario.changes.length).toBeGreaterThan(0);
    const result = runScenario(model, scenario);
    expect(result.indicators.length).toBe(doc.indicators!.length);
    expect(result.indicators.some((i) => i.delta !== null && i.delta !== 0)).toBe(true);
  });
});
