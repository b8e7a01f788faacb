import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTemplateParams, TEMPLATES } from '@regiontwin/templates';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { FIXTURES, hasStackTrace, HAS_KOSTANAY, runCli, tableRow } from './run-cli.js';

/**
 * `regiontwin templates`: the catalogue and one template's metadata. The expectations are read
 * from the registry itself (every template of @regiontwin/templates, however many there are),
 * so each template that conforms to the SolutionTemplate contract is checked, including ones
 * added later; it-hub-per-district's adapted values are worked out by hand.
 */

describe('regiontwin templates (the catalogue)', () => {
  it('lists every template of the registry: id, category, English title', async () => {
    const run = await runCli(['templates']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      `${TEMPLATES.length} template${TEMPLATES.length === 1 ? '' : 's'} in @regiontwin/templates:`,
    );
    expect(tableRow(run.stdout, 'Id ')).toEqual(['Id', 'Category', 'Title']);
    for (const t of TEMPLATES) expect(tableRow(run.stdout, `${t.id} `)).toEqual([t.id, t.category, t.title.en]);
  });

  it('--json: id, category and the three titles of each', async () => {
    const run = await runCli(['templates', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(TEMPLATES.map((t) => ({ id: t.id, category: t.category, title: t.title })));
  });

  it('an unknown id: one line listing the known ids, exit 1', async () => {
    const run = await runCli(['templates', 'it-hub-per-distrct']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.errLines).toEqual([
      `error: unknown template "it-hub-per-distrct" (known: ${TEMPLATES.map((t) => t.id).join(', ')})`,
    ]);
  });

  it('--region without an id is a mistake, not silently ignored', async () => {
    const run = await runCli(['templates', '--region', 'fixtures/kazakhstan']);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(['error: --region needs a template id: regiontwin templates <id> --region <dir>']);
  });
});

describe.each(TEMPLATES.map((t) => [t.id, t] as const))('regiontwin templates %s', (id, template) => {
  it('shows every parameter (type, unit, default, range, description), every coefficient with its source, the indicators', async () => {
    const run = await runCli(['templates', id]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`${id}: ${template.title.en} (${template.category})`);
    for (const [name, spec] of Object.entries(template.parameters)) {
      const row = tableRow(run.stdout, `${name} `, 6);
      expect(row?.[0]).toBe(name);
      expect(row?.[1]).toBe(spec.type);
      expect(row?.[2]).toBe(spec.unit ?? '—');
      expect(row?.[3]).toBe(JSON.stringify(spec.default));
      expect(row?.at(-1)).toBe(spec.description);
    }
    for (const [name, c] of Object.entries(template.coefficients)) {
      expect(run.stdout).toContain(`  ${name} = `);
      expect(run.stdout).toContain(`    source: ${c.source}\n`);
      expect(c.source.trim().length).toBeGreaterThan(0);
    }
    const defaults = resolveTemplateParams(template, {});
    for (const spec of template.indicators(defaults)) expect(run.stdout).toContain(`\n  ${spec.id}`);
  });

  it('--json: the metadata as data, indicators for the default parameters', async () => {
    const run = await runCli(['templates', id, '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.id).toBe(id);
    expect(doc.parameters).toEqual(JSON.parse(JSON.stringify(template.parameters)));
    expect(doc.coefficients).toEqual(JSON.parse(JSON.stringify(template.coefficients)));
    expect(doc.indicators).toEqual(
      JSON.parse(JSON.stringify(template.indicators(resolveTemplateParams(template, {})))),
    );
    expect(doc.adapted).toBeUndefined();
  });

  it('--region fixtures/synthetic-small: what adapt() proposes, valid under the schema', async () => {
    const run = await runCli(['templates', id, '--region', 'fixtures/synthetic-small', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(''); // no warning: the proposal fits the parameter schema
    const doc = JSON.parse(run.stdout);
    expect(doc.adapted.region.id).toBe('synthetic-2x2-seed-1');
    expect(doc.adapted.params).toEqual(resolveTemplateParams(template, doc.adapted.proposed));
    expect(doc.indicators).toEqual(JSON.parse(JSON.stringify(template.indicators(doc.adapted.params))));
  });
});

describe('regiontwin templates it-hub-per-district --region: adapted values worked out by hand', () => {
  // adapt(): maxTravelMinutes 60 below 5 people/km², else 30; seatsPerHub = mean district
  // population / 2,000 rounded to tens, clamped to 20…300.
  it('the synthetic region: 37,696 people on 2 × 2 districts of 20 km (1,600 km², 23.6 people/km²) → 30 min, 20 seats', async () => {
    const settlements = JSON.parse(
      readFileSync(join(FIXTURES, 'synthetic-small/synthetic-settlements.geojson'), 'utf8'),
    ) as FeatureCollection;
    const people = settlements.features.reduce((sum, f) => sum + (f.properties?.population as number), 0);
    expect(people / 1600).toBeGreaterThan(5);
    // 37,696 / 4 = 9,424 per district; 9,424 / 2,000 = 4.7 → 0 tens → clamped to 20.
    const run = await runCli(['templates', 'it-hub-per-district', '--region', 'fixtures/synthetic-small']);
    expect(run.code).toBe(0);
    expect(tableRow(run.stdout, 'maxTravelMinutes ', 3)).toEqual(['maxTravelMinutes', '30', '30']);
    expect(tableRow(run.stdout, 'seatsPerHub ', 3)).toEqual(['seatsPerHub', '60', '20']);
    expect(run.stdout).toContain(
      'Indicators it moves (with the proposed parameters)\n  population-within-travel-time kind=it-hub minutes=30',
    );
  });

  it.skipIf(!HAS_KOSTANAY)(
    'Kostanay oblast: 575,962 people on ≈ 196,000 km² (2.9 people/km², sparse steppe) → 60 min',
    async () => {
      const run = await runCli(['templates', 'it-hub-per-district', '--region', 'fixtures/kostanay', '--json']);
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout);
      // The oblast's official area is 196,000 km²; the district polygons give it within 1%.
      expect(doc.adapted.profile.areaKm2).toBeGreaterThan(196_000 * 0.99);
      expect(doc.adapted.profile.areaKm2).toBeLessThan(196_000 * 1.01);
      // 575,962 / 20 districts = 28,798 per district; / 2,000 = 14.4 → 10 → clamped to 20 seats.
      expect(doc.adapted.proposed).toEqual({ maxTravelMinutes: 60, seatsPerHub: 20 });
      expect(doc.indicators[0]).toEqual({ id: 'population-within-travel-time', kind: 'it-hub', minutes: 60 });
    },
  );

  it('an invalid region: its problems, one line each, exit 1', async () => {
    const run = await runCli(['templates', 'it-hub-per-district', '--region', 'fixtures/invalid/duplicate-ids']);
    expect(run.code).toBe(1);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.errLines).toEqual([
      'error: fixtures/invalid/duplicate-ids: invalid region, 1 problem',
      '  settlements.geojson: layer settlements, feature #3 (id s1): id "s1" is used again (first by feature #0)',
    ]);
  });
});
