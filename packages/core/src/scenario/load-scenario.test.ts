import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioValidationError, type ScenarioProblem } from './load-scenario.js';

/** The problems a scenario text is rejected with, as `path: message`. */
function problemsOf(document: unknown): string[] {
  try {
    parseScenario(JSON.stringify(document), 'broken.json');
  } catch (error) {
    if (error instanceof ScenarioValidationError)
      return error.problems.map((p: ScenarioProblem) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

const base = { schema: 'regiontwin/scenario@1', name: 'n', region: 'r' };

describe('parseScenario names the one bad value of an intervention', () => {
  it('reports a bad field of an add-facility change, not the other change types', () => {
    // The intervention oneOf has nine branches; only the branch of its `type` is reported.
    expect(
      problemsOf({ ...base, interventions: [{ type: 'add-facility', kind: 'x', at: [63.6, 53.2], capexKzt: -1 }] }),
    ).toEqual(['/interventions/0/capexKzt: must be >= 0']);
    expect(problemsOf({ ...base, interventions: [{ type: 'add-facility', kind: 'x', at: '71.43, 51.13' }] })).toEqual([
      '/interventions/0/at: must be array (found "71.43, 51.13")',
    ]);
    expect(
      problemsOf({ ...base, interventions: [{ type: 'move-facility', id: 'a', to: [1, 2], colour: 'red' }] }),
    ).toEqual(['/interventions/0/colour: unknown property (not in the scenario schema)']);
  });

  it('reports a missing field of its own type and an unknown type once', () => {
    expect(problemsOf({ ...base, interventions: [{ type: 'remove-facility' }] })).toEqual([
      '/interventions/0: is missing "id"',
    ]);
    const [unknownType] = problemsOf({ ...base, interventions: [{ type: 'teleport', at: [1, 2] }] });
    expect(unknownType).toContain('/interventions/0: needs a "template" id or a "type" of add-facility');
    expect(unknownType).toContain('(found "teleport")');
  });

  it('reports a template reference with a stray field as that field', () => {
    expect(problemsOf({ ...base, interventions: [{ template: 'it-hub-per-district', colour: 'red' }] })).toEqual([
      '/interventions/0/colour: unknown property (not in the scenario schema)',
    ]);
  });

  it('accepts a valid document', () => {
    expect(problemsOf({ ...base, interventions: [{ type: 'add-facility', kind: 'x', at: [63.6, 53.2] }] })).toEqual([]);
  });
});
