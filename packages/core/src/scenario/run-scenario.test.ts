import { beforeAll, describe, expect, it } from 'vitest';
import { compileRegion } from '../model/compile-region.js';
import type { RegionModel } from '../model/region-model.js';
import { serializeRegionModel } from '../model/serialize-region-model.js';
import { loadRegionFromObjects } from '../region/load-region.js';
import { resolveAssumptions } from './assumptions.js';
import type { ScenarioResult } from './result.js';
import { prepareScenario, runScenario, ScenarioPreparationError } from './run-scenario.js';
import type { Assumptions, Change, ConcreteScenario, IndicatorSpec, ScenarioDocument } from './scenario.js';
import { ACCESS_MINUTES_PER_U as M, compileTinyRegion, tinyRegionSources } from './tiny-region.test-helper.js';

/*
 * Scenario semantics on the tiny region of tiny-region.test-helper.ts (read its table first).
 * M = 3.335852 min is the time to cover 0.01° of latitude (U = 1,111.95 m) at the 20 km/h access
 * speed. Baseline travel times to the school (see builtin-indicators.test.ts for the working):
 *   s1 1 M, s2 1 M, s3 9 M, s4 6 M; mean (100·1 + 200·1 + 300·9 + 400·6) / 1,000 = 5.4 M.
 * Tolerances: people counts exact; travel times 1e-9 relative (points on the projection's central
 * meridian, haversine exact up to coordinate rounding); growth factors 1e-12 relative.
 */

const TRAVEL = 1e-9;
const ARITHMETIC = 1e-12;

function expectRelative(actual: number | null | undefined, expected: number, tolerance: number, what = '') {
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

/** Everyone (a distance larger than the region). */
const EVERYONE: IndicatorSpec = { id: 'population-within-distance', kind: 'school', meters: 1e6 };
const MEAN_SCHOOL: IndicatorSpec = { id: 'mean-travel-time', kind: 'school' };

function concrete(
  changes: Change[],
  indicators: IndicatorSpec[],
  options: { years?: { start: number; end: number }; assumptions?: Partial<Assumptions>; name?: string } = {},
): ConcreteScenario {
  return {
    name: options.name ?? 'test',
    seed: 1,
    years: options.years ?? { start: 2026, end: 2026 },
    assumptions: resolveAssumptions(options.assumptions),
    changes,
    indicators,
  };
}

function documentOf(
  interventions: ScenarioDocument['interventions'],
  extra: Partial<ScenarioDocument> = {},
): ScenarioDocument {
  return {
    schema: 'regiontwin/scenario@1',
    name: 'doc',
    region: 'tiny',
    years: { start: 2026, end: 2030 },
    interventions,
    indicators: [EVERYONE],
    ...extra,
  };
}

/** Every number of a result (all indicators, totals, districts, years), in a fixed order. */
function allDeltas(result: ScenarioResult): (number | null)[] {
  return result.indicators.flatMap((r) => [
    r.delta,
    ...r.byDistrict.map((d) => d.delta),
    ...r.byYear.map((y) => y.delta),
  ]);
}

describe('years and population growth', () => {
  let model: RegionModel;
  beforeAll(async () => {
    model = await compileTinyRegion();
  });

  it('applies (1 + g)^(year − start) to every baseline population, one byYear entry per year', () => {
    // g = 1 %: 2026 1,000; 2027 1,010; 2028 1,020.1; 2029 1,030.301; 2030 1,040.60401.
    const result = runScenario(
      model,
      concrete([], [EVERYONE], { years: { start: 2026, end: 2030 }, assumptions: { populationGrowthPerYear: 0.01 } }),
    );
    const [everyone] = result.indicators;
    expect(everyone.byYear.map((y) => y.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    everyone.byYear.forEach((y, k) => {
      expectRelative(y.baseline, 1000 * 1.01 ** k, ARITHMETIC, `baseline ${y.year}`);
      expect(y.scenario).toBe(y.baseline);
    });
    // Totals and districts are the final year's: south 300 · 1.01⁴, north 700 · 1.01⁴.
    expectRelative(everyone.baseline, 1000 * 1.01 ** 4, ARITHMETIC);
    expectRelative(everyone.byDistrict[0].baseline, 300 * 1.01 ** 4, ARITHMETIC);
    expectRelative(everyone.byDistrict[1].baseline, 700 * 1.01 ** 4, ARITHMETIC);
    // Negative growth works the same way: −2 % over 2 years → 1,000 · 0.98² = 960.4.
    const shrinking = runScenario(
      model,
      concrete([], [EVERYONE], { years: { start: 2026, end: 2028 }, assumptions: { populationGrowthPerYear: -0.02 } }),
    );
    expectRelative(shrinking.indicators[0].baseline, 960.4, ARITHMETIC);
  });

  it('a change of 2028 has no effect in 2026–2027 and its full effect from 2028', () => {
    // A clinic at s4 (53.17), year 2028, capex 1,000,000. People within 1,000 m of a clinic: s4
    // only (s3 is 5 U = 5,560 m away) = 400 · 1.01^(year − 2026) from 2028, 0 before. Capex is
    // investment to date: 0, 0, then 1,000,000 in 2028, 2029 and 2030.
    const clinic: Change = { type: 'add-facility', kind: 'clinic', at: [63.0, 53.17], year: 2028, capexKzt: 1_000_000 };
    const result = runScenario(
      model,
      concrete([clinic], [{ id: 'population-within-distance', kind: 'clinic', meters: 1000 }, { id: 'capex' }], {
        years: { start: 2026, end: 2030 },
        assumptions: { populationGrowthPerYear: 0.01 },
      }),
    );
    const [near, capex] = result.indicators;
    expect(near.byYear.map((y) => y.baseline)).toEqual([0, 0, 0, 0, 0]);
    expect(near.byYear[0].scenario).toBe(0);
    expect(near.byYear[1].scenario).toBe(0);
    for (const k of [2, 3, 4]) expectRelative(near.byYear[k].scenario, 400 * 1.01 ** k, ARITHMETIC, `${2026 + k}`);
    expect(capex.byYear.map((y) => y.scenario)).toEqual([0, 0, 1_000_000, 1_000_000, 1_000_000]);
    expect(capex.byYear.map((y) => y.delta)).toEqual([0, 0, 1_000_000, 1_000_000, 1_000_000]);
  });

  it('grows an added settlement from its own year, and a set population from the start year', () => {
    // add-settlement of 500 people in 2028 (south): 0 before 2028, then 500 · 1.01^(year − 2028).
    // set-population s4 = 1,000 in 2028 sets the baseline-year population (before growth), so
    // from 2028 s4 counts 1,000 · 1.01^(year − 2026); before, 400 · 1.01^(year − 2026).
    const changes: Change[] = [
      { type: 'add-settlement', at: [63.0, 53.05], population: 500, year: 2028 },
      { type: 'set-population', id: 's4', population: 1000, year: 2028 },
    ];
    const result = runScenario(
      model,
      concrete(changes, [EVERYONE], {
        years: { start: 2026, end: 2030 },
        assumptions: { populationGrowthPerYear: 0.01 },
      }),
    );
    const expected = [0, 1, 2, 3, 4].map((k) => {
      const year = 2026 + k;
      const added = year >= 2028 ? 500 * 1.01 ** (year - 2028) : 0;
      const s4 = (year >= 2028 ? 1000 : 400) * 1.01 ** k;
      return 600 * 1.01 ** k + s4 + added;
    });
    result.indicators[0].byYear.forEach((y, k) => expectRelative(y.scenario, expected[k], ARITHMETIC, `${y.year}`));
  });
});

describe('a scenario is a patch over the baseline', () => {
  let model: RegionModel;
  beforeAll(async () => {
    model = await compileTinyRegion();
  });

  const everyChange: Change[] = [
    { type: 'add-facility', id: 'new-school', kind: 'school', at: [63.0, 53.17], year: 2027 },
    { type: 'move-facility', id: 'school-1', to: [63.0, 53.05], year: 2028 },
    {
      type: 'add-road',
      coordinates: [
        [63.0, 53.16],
        [63.0, 53.17],
      ],
      class: 'primary',
      year: 2027,
    },
    { type: 'upgrade-road', id: 'road-1', class: 'motorway', year: 2029 },
    { type: 'add-settlement', id: 'new-quarter', at: [63.0, 53.06], population: 900 },
    { type: 'set-population', id: 's1', population: 5000 },
    { type: 'add-cost', label: 'lights', at: [63.0, 53.1], capexKzt: 10 },
    { type: 'remove-facility', id: 'new-school', year: 2030 },
  ];
  const indicators: IndicatorSpec[] = [
    EVERYONE,
    MEAN_SCHOOL,
    { id: 'population-within-travel-time', kind: 'school', minutes: 25 },
    { id: 'equity', kind: 'school', minutes: 25, measure: 'gini' },
    { id: 'capex' },
  ];

  it('never mutates the model: the serialised bytes are identical before and after', () => {
    const before = new Uint8Array(serializeRegionModel(model));
    const edgeSeconds = Float64Array.from(model.roads.edgeSeconds);
    runScenario(model, concrete(everyChange, indicators, { years: { start: 2026, end: 2030 } }));
    runScenario(
      model,
      concrete(everyChange, indicators, {
        years: { start: 2026, end: 2030 },
        assumptions: { populationGrowthPerYear: 0.05, speedKmhByClass: { primary: 10 } },
      }),
    );
    const after = new Uint8Array(serializeRegionModel(model));
    expect(after.byteLength).toBe(before.byteLength);
    expect(Buffer.compare(after, before)).toBe(0);
    expect(model.roads.edgeSeconds).toEqual(edgeSeconds);
  });

  it('a scenario without changes equals the baseline exactly (every delta 0)', () => {
    const result = runScenario(
      model,
      concrete([], indicators, { years: { start: 2026, end: 2030 }, assumptions: { populationGrowthPerYear: 0.01 } }),
    );
    for (const r of result.indicators) {
      expect(r.scenario).toBe(r.baseline);
      for (const d of r.byDistrict) expect(d.scenario).toBe(d.baseline);
      for (const y of r.byYear) expect(y.scenario).toBe(y.baseline);
    }
    expect(allDeltas(result).every((d) => d === 0)).toBe(true);
  });

  it('add-facility then remove-facility of the same id restores the baseline', () => {
    const changes: Change[] = [
      { type: 'add-facility', id: 'temporary', kind: 'school', at: [63.0, 53.17] },
      { type: 'remove-facility', id: 'temporary' },
    ];
    const result = runScenario(model, concrete(changes, indicators.slice(0, 4)));
    expect(allDeltas(result).every((d) => d === 0)).toBe(true);
    // And when the removal comes a year later, the facility counts in 2026 only.
    const later: Change[] = [changes[0], { ...changes[1], year: 2027 }];
    const [, mean] = runScenario(
      model,
      concrete(later, indicators.slice(0, 2), { years: { start: 2026, end: 2027 } }),
    ).indicators;
    expect(mean.byYear[0].delta).toBeLessThan(0);
    expect(mean.byYear[1].delta).toBe(0);
  });

  it('many scenarios share one model: results do not depend on what ran before', async () => {
    const scenarios = [
      concrete(everyChange, indicators, { years: { start: 2026, end: 2030 }, name: 'all' }),
      concrete([everyChange[2]], indicators, { name: 'road' }),
      concrete([], indicators, { name: 'none' }),
      concrete([{ type: 'remove-facility', id: 'school-1' }], indicators, { name: 'remove' }),
      // Other assumptions change the baseline's travel times too (baselines are kept per
      // assumption set, at most 4 per model: these six also exercise the eviction).
      concrete([], indicators, { name: 'slow access', assumptions: { accessSpeedKmh: 5 } }),
      concrete([everyChange[2]], indicators, { name: 'slow roads', assumptions: { speedKmhByClass: { primary: 10 } } }),
      concrete([], indicators, { name: 'fast access', assumptions: { accessSpeedKmh: 50 } }),
      concrete([], indicators, { name: 'circuity', assumptions: { circuityFactor: 2, accessSpeedKmh: 7 } }),
    ];
    const first = scenarios.map((s) => JSON.stringify(runScenario(model, s)));
    const interleaved = [3, 1, 0, 4, 2, 5, 7, 0, 6, 3, 4].map(
      (i) => [i, JSON.stringify(runScenario(model, scenarios[i]))] as const,
    );
    for (const [i, json] of interleaved) expect(json).toBe(first[i]);
    // And each equals a run on a freshly compiled model of its own (nothing ran on it before).
    for (const [i, s] of scenarios.entries()) {
      expect(JSON.stringify(runScenario(await compileTinyRegion(), s)), s.name).toBe(first[i]);
    }
  });
});

describe('every change type', () => {
  let model: RegionModel;
  beforeAll(async () => {
    model = await compileTinyRegion();
  });

  /** Final-year [total, south, north] of the scenario, for one indicator. */
  const values = (changes: Change[], spec: IndicatorSpec) => {
    const [r] = runScenario(model, concrete(changes, [spec])).indicators;
    return { total: r.scenario, south: r.byDistrict[0].scenario, north: r.byDistrict[1].scenario, result: r };
  };

  it('add-facility: a second school at s4 (53.17)', () => {
    // Sources: school-1 at node A with access 2 M, the new school at node B (1 U away) with 1 M.
    // Node B: min(2 M + 3 M, 1 M) = 1 M. s4 is at the new school: direct 0 → 0.
    // s3: direct 5 U = 5 M; via B 4 M + 1 M = 5 M → 5 M. s1, s2 unchanged at 1 M.
    // Mean (100·1 + 200·1 + 300·5 + 400·0) / 1,000 M = 1.8 M; delta 1.8 M − 5.4 M = −3.6 M.
    const { total, result } = values([{ type: 'add-facility', kind: 'school', at: [63.0, 53.17] }], MEAN_SCHOOL);
    expectRelative(total, 1.8 * M, TRAVEL);
    expectRelative(result.delta, -3.6 * M, TRAVEL);
    expectRelative(result.byDistrict[1].scenario, (1500 / 700) * M, TRAVEL, 'north');
  });

  it('remove-facility: no school left, so nobody is covered and the mean is undefined', () => {
    const removed: Change[] = [{ type: 'remove-facility', id: 'school-1' }];
    expect(values(removed, EVERYONE).total).toBe(0);
    const { total, result } = values(removed, MEAN_SCHOOL);
    expect(total).toBeNull();
    expect(result.delta).toBeNull();
  });

  it('move-facility: the school moves to s4 (53.17), into the north district', () => {
    // The school's node is now B (1 U): node B 1 M, node A 1 M + 3 M = 4 M.
    //   s4: 0.  s3: direct 5 M; via B 4 M + 1 M = 5 M → 5 M.
    //   s2: direct 14 M; via A 1 M + 4 M = 5 M → 5 M.  s1: direct 16 M; via A 3 M + 4 M = 7 M → 7 M.
    // Mean (100·7 + 200·5 + 300·5 + 0) / 1,000 M = 3.2 M. Within 5,000 m: s4 only = 400 (north).
    const moved: Change[] = [{ type: 'move-facility', id: 'school-1', to: [63.0, 53.17], capexKzt: 7 }];
    expectRelative(values(moved, MEAN_SCHOOL).total, 3.2 * M, TRAVEL);
    const near = values(moved, { id: 'population-within-distance', kind: 'school', meters: 5000 });
    expect([near.total, near.south, near.north]).toEqual([400, 0, 400]);
    // The move's cost is booked in the district it moves to.
    const capex = values(moved, { id: 'capex' });
    expect([capex.total, capex.south, capex.north]).toEqual([7, 0, 7]);
  });

  it('add-road: a primary spur B → s4 joins the nearest nodes and saves s4 0.75 M', () => {
    // New nodes N0 (53.16, on B) and N1 (53.17, at s4); N0–N1 is 1 U at 80 km/h = M/4.
    // End connectors: N0 → B, 0 m; N1 → B (nearest existing node, 1 U) at 80 km/h, M/4.
    // Network from the school (A at 2 M): B 5 M, N0 5 M, N1 5.25 M. s4's nearest node is now N1
    // (0 m): s4 = min(direct 15 M, 0 + 5.25 M) = 5.25 M instead of 6 M. Others unchanged.
    // Mean delta: 400 · (5.25 − 6) M / 1,000 = −0.3 M = −1.0008 min.
    const { total, result } = values(
      [
        {
          type: 'add-road',
          coordinates: [
            [63.0, 53.16],
            [63.0, 53.17],
          ],
          class: 'primary',
        },
      ],
      MEAN_SCHOOL,
    );
    expectRelative(result.delta, -0.3 * M, TRAVEL);
    expectRelative(total, 5.1 * M, TRAVEL);
    expectRelative(result.byDistrict[1].delta, (-0.75 * M * 400) / 700, TRAVEL);
    // A road far from every trip (a service track at the south edge) changes nothing … except that
    // people now join the network at their nearest node, which is still A or B.
    const far = values(
      [
        {
          type: 'add-road',
          coordinates: [
            [62.93, 53.001],
            [62.94, 53.001],
          ],
          class: 'service',
        },
      ],
      MEAN_SCHOOL,
    );
    expectRelative(far.result.delta, 0, TRAVEL);
  });

  it('upgrade-road: by class (motorway, 110 km/h) or by speed', () => {
    // Road A–B is 12 U. Motorway: 12 M · 20/110 = 24/11 M.
    //   s3 = 4 M + 24/11 M + 2 M = 90/11 M; s4 = 1 M + 24/11 M + 2 M = 57/11 M.
    //   Mean = (100 + 200 + 300·90/11 + 400·57/11) / 1,000 M = 53,100 / 11,000 M = 4.82727 M.
    const motorway = values([{ type: 'upgrade-road', id: 'road-1', class: 'motorway' }], MEAN_SCHOOL);
    expectRelative(motorway.total, (53100 / 11000) * M, TRAVEL);
    // 40 km/h: the road takes 12 M · 20/40 = 6 M.
    //   s3 = min(4 + 6 + 2, direct 10) M = 10 M; s4 = min(1 + 6 + 2, 15) M = 9 M.
    //   Mean = (100 + 200 + 3,000 + 3,600) / 1,000 M = 6.9 M.
    const slow = values([{ type: 'upgrade-road', id: 'road-1', speedKmh: 40 }], MEAN_SCHOOL);
    expectRelative(slow.total, 6.9 * M, TRAVEL);
    // A speed wins over a class when both are given.
    const both = values([{ type: 'upgrade-road', id: 'road-1', class: 'motorway', speedKmh: 40 }], MEAN_SCHOOL);
    expectRelative(both.total, 6.9 * M, TRAVEL);
  });

  it('assumptions.speedKmhByClass re-times class-speed roads like an upgrade', () => {
    // primary at 40 km/h everywhere: the same 6.9 M as the 40 km/h upgrade above, in baseline and scenario.
    const [r] = runScenario(
      model,
      concrete([], [MEAN_SCHOOL], { assumptions: { speedKmhByClass: { primary: 40 } } }),
    ).indicators;
    expectRelative(r.baseline, 6.9 * M, TRAVEL);
  });

  it('add-settlement: its population appears in its district (and it gets a travel time)', () => {
    // 500 people at 53.05 in the south: south 300 → 800, region 1,000 → 1,500.
    const added: Change[] = [{ type: 'add-settlement', at: [63.0, 53.05], population: 500 }];
    const everyone = values(added, EVERYONE);
    expect([everyone.total, everyone.south, everyone.north]).toEqual([1500, 800, 700]);
    // Its time: direct 3 U = 3 M; via A (1 U) 1 M + 2 M = 3 M → 3 M.
    // Mean (5,400 M + 500 · 3 M) / 1,500 = 6,900 / 1,500 M = 4.6 M.
    expectRelative(values(added, MEAN_SCHOOL).total, 4.6 * M, TRAVEL);
  });

  it('set-population: replaces a point’s population, also of an added settlement', () => {
    const s4 = values([{ type: 'set-population', id: 's4', population: 1000 }], EVERYONE);
    expect([s4.total, s4.south, s4.north]).toEqual([1600, 300, 1300]);
    const quarter = values(
      [
        { type: 'add-settlement', id: 'quarter', at: [63.0, 53.05], population: 500 },
        { type: 'set-population', id: 'quarter', population: 50 },
      ],
      EVERYONE,
    );
    expect([quarter.total, quarter.south, quarter.north]).toEqual([1050, 350, 700]);
  });

  it('add-cost: located costs count in their district, unlocated ones in the total only', () => {
    const capex = values(
      [
        { type: 'add-cost', label: 'north lights', at: [63.0, 53.1], capexKzt: 100 },
        { type: 'add-cost', label: 'region-wide software', capexKzt: 1000 },
      ],
      { id: 'capex' },
    );
    expect([capex.total, capex.south, capex.north]).toEqual([1100, 0, 100]);
  });
});

describe('prepareScenario reports bad changes with the JSON path', () => {
  let model: RegionModel;
  beforeAll(async () => {
    model = await compileTinyRegion();
  });

  const prepareError = (doc: ScenarioDocument): ScenarioPreparationError => {
    try {
      prepareScenario(doc, model);
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioPreparationError);
      return error as ScenarioPreparationError;
    }
    throw new Error('prepareScenario accepted the document');
  };
  const ok: ScenarioDocument['interventions'][number] = { type: 'add-cost', label: 'ok', capexKzt: 1 };
  const outside: [number, number] = [10, 10];

  it.each([
    ['remove-facility of an unknown id', { type: 'remove-facility', id: 'nope' }, /no facility with id "nope"/],
    [
      'move-facility of an unknown id',
      { type: 'move-facility', id: 'nope', to: [63.0, 53.05] },
      /no facility with id "nope"/,
    ],
    ['upgrade-road of an unknown id', { type: 'upgrade-road', id: 'nope', class: 'primary' }, /no road with id "nope"/],
    ['upgrade-road without class or speed', { type: 'upgrade-road', id: 'road-1' }, /give a class or a speedKmh/],
    [
      'set-population of an unknown id',
      { type: 'set-population', id: 'nope', population: 1 },
      /no demand point with id "nope"/,
    ],
    [
      'add-facility outside every district',
      { type: 'add-facility', kind: 'school', at: outside },
      /outside every district/,
    ],
    [
      'move-facility outside every district',
      { type: 'move-facility', id: 'school-1', to: outside },
      /outside every district/,
    ],
    [
      'add-road with a vertex outside',
      { type: 'add-road', coordinates: [[63.0, 53.1], outside], class: 'primary' },
      /vertex 1 .*outside/,
    ],
    ['add-settlement outside', { type: 'add-settlement', at: outside, population: 5 }, /outside every district/],
    ['add-cost outside', { type: 'add-cost', label: 'x', at: outside }, /outside every district/],
  ] as [string, Change, RegExp][])('%s', (_name, change, message) => {
    const error = prepareError(documentOf([ok, ok, change]));
    expect(error.path).toBe('/interventions/2');
    expect(error.message).toMatch(message);
  });

  it('names the intervention of a change that fails in an intermediate year only', () => {
    // The facility is added in 2028 but removed in 2027: in 2027 there is nothing to remove,
    // although by 2030 (add, then remove in list order) everything resolves.
    const error = prepareError(
      documentOf([
        { type: 'add-facility', id: 'x', kind: 'school', at: [63.0, 53.05], year: 2028 },
        { type: 'remove-facility', id: 'x', year: 2027 },
      ]),
    );
    expect(error.path).toBe('/interventions/1');
    expect(error.message).toMatch(/no facility with id "x"/);
  });

  it('rejects templates without a template library, and unknown or bad indicators', () => {
    expect(prepareError(documentOf([ok, { template: 'it-hub-per-district' }])).path).toBe('/interventions/1');
    expect(prepareError(documentOf([ok], { indicators: [EVERYONE, { id: 'happiness' }] })).path).toBe('/indicators/1');
    const bad = prepareError(documentOf([ok], { indicators: [{ id: 'mean-travel-time' }] }));
    expect(bad.path).toBe('/indicators/0');
    expect(bad.message).toMatch(/"kind"/);
  });

  it('expands templates with the seeded random source and stamps the intervention year on their changes', () => {
    const seen: number[] = [];
    const scenario = prepareScenario(
      documentOf([{ template: 'two-schools', params: { n: 2 }, year: 2029 }], { seed: 42 }),
      model,
      {
        expandTemplate: (intervention, _model, random) => {
          seen.push(random());
          return {
            changes: [
              { type: 'add-facility', kind: 'school', at: [63.0, 53.05] },
              { type: 'add-facility', kind: 'school', at: [63.0, 53.15], year: 2030 },
            ],
            summary: intervention.params,
          };
        },
      },
    );
    expect(scenario.changes.map((c) => c.year)).toEqual([2029, 2030]);
    expect(scenario.interventions).toEqual([
      expect.objectContaining({ template: 'two-schools', year: 2029, summary: { n: 2 } }),
    ]);
    // Same seed, same draws.
    const again: number[] = [];
    prepareScenario(documentOf([{ template: 'two-schools' }], { seed: 42 }), model, {
      expandTemplate: (_i, _m, random) => {
        again.push(random());
        return { changes: [] };
      },
    });
    expect(again).toEqual(seen);
    // A template that throws is reported at its intervention.
    expect(() =>
      prepareScenario(documentOf([ok, { template: 'broken' }]), model, {
        expandTemplate: () => {
          throw new Error('needs a road network');
        },
      }),
    ).toThrow(expect.objectContaining({ path: '/interventions/1', message: 'needs a road network' }));
  });

  it('gives defaults: indicators for the kinds added, and the cost indicators', () => {
    const scenario = prepareScenario(
      documentOf([{ type: 'add-facility', kind: 'it-hub', at: [63.0, 53.05] }], { indicators: undefined }),
      model,
    );
    expect(scenario.indicators.map((i) => i.id)).toEqual([
      'population-within-travel-time',
      'mean-travel-time',
      'coverage-share',
      'equity',
      'capex',
      'opex-per-year',
      'energy-kwh-per-year',
      'co2-tonnes-per-year',
    ]);
    expect(scenario.assumptions).toEqual(resolveAssumptions());
  });
});

describe('results are plain, JSON-safe data', () => {
  it('writes null for undefined values and keeps the region, years, seed and warnings', async () => {
    const { manifest, files } = tinyRegionSources();
    const model = compileRegion(await loadRegionFromObjects(manifest, files));
    const result = runScenario(model, concrete([{ type: 'remove-facility', id: 'school-1' }], [MEAN_SCHOOL]));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.region).toBe('tiny');
    expect(result.years).toEqual({ start: 2026, end: 2026 });
    expect(result.schema).toBe('regiontwin/result@1');
    expect(result.warnings).toEqual([]);
    expect(result.indicators[0].scenario).toBeNull();
  });
});
