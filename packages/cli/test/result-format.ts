import { expect } from 'vitest';

/** A number of a result: finite or null (JSON has no NaN). */
function expectResultNumber(value: unknown, where: string): void {
  expect(value === null || (typeof value === 'number' && Number.isFinite(value)), `${where} = ${String(value)}`).toBe(
    true,
  );
}

/** delta = scenario − baseline (null when either is), within 1e-9 relative. */
function expectDelta(row: { baseline: unknown; scenario: unknown; delta: unknown }, where: string): void {
  for (const key of ['baseline', 'scenario', 'delta'] as const) expectResultNumber(row[key], `${where}.${key}`);
  if (typeof row.baseline === 'number' && typeof row.scenario === 'number') {
    expect(row.delta as number, `${where}.delta`).toBeCloseTo(
      row.scenario - row.baseline,
      Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(row.scenario) + 1))),
    );
  }
}

/**
 * Checks a document against the `regiontwin/result@1` contract of ../shared/DESIGN.md, written
 * out here independently of the code: the fields, their types, delta = scenario − baseline,
 * one byDistrict row per district (in `districtIds` order) and one byYear row per modelled year.
 */
export function expectResultFormat(doc: Record<string, unknown>, districtIds: string[]): void {
  expect(doc.schema).toBe('regiontwin/result@1');
  expect(typeof doc.scenario).toBe('string');
  expect(typeof doc.region).toBe('string');
  const years = doc.years as { start: number; end: number };
  expect(Number.isInteger(years.start) && Number.isInteger(years.end) && years.end >= years.start).toBe(true);
  expect(Number.isInteger(doc.seed)).toBe(true);
  for (const value of Object.values(doc.assumptions as Record<string, unknown>)) expect(typeof value).toBe('number');
  expect(Array.isArray(doc.interventions)).toBe(true);
  for (const change of doc.interventions as Record<string, unknown>[]) {
    expect(typeof change.type).toBe('string');
    if ('at' in change) {
      const [lon, lat] = change.at as number[];
      expect(Math.abs(lon) <= 180 && Math.abs(lat) <= 90).toBe(true);
    }
  }
  expect(Array.isArray(doc.attribution)).toBe(true);
  expect(Array.isArray(doc.warnings)).toBe(true);
  const indicators = doc.indicators as Record<string, unknown>[];
  expect(indicators.length).toBeGreaterThan(0);
  indicators.forEach((ind, i) => {
    const where = `indicators[${i}] (${String(ind.id)})`;
    expect(typeof ind.id, where).toBe('string');
    expect(typeof ind.params, where).toBe('object');
    expect(typeof ind.unit, where).toBe('string');
    expect(typeof ind.label, where).toBe('string');
    expect(['higher', 'lower', 'none'], where).toContain(ind.better);
    expectDelta(ind as never, where);
    const byDistrict = ind.byDistrict as { id: string; name: string }[];
    expect(byDistrict.map((d) => d.id)).toEqual(districtIds);
    byDistrict.forEach((d, k) => {
      expect(typeof d.name).toBe('string');
      expectDelta(d as never, `${where}.byDistrict[${k}]`);
    });
    const byYear = ind.byYear as { year: number }[];
    expect(byYear.map((y) => y.year)).toEqual(
      Array.from({ length: years.end - years.start + 1 }, (_, k) => years.start + k),
    );
    byYear.forEach((y, k) => expectDelta(y as never, `${where}.byYear[${k}]`));
    // The totals are the final year's.
    const last = byYear[byYear.length - 1] as unknown as { baseline: unknown; scenario: unknown };
    expect(ind.baseline, `${where}: total = final year`).toEqual(last.baseline);
    expect(ind.scenario, `${where}: total = final year`).toEqual(last.scenario);
    // Every year has its district values, in byDistrict's order; the final year's equal byDistrict.
    for (const [k, y] of (
      byYear as unknown as { byDistrict: { baseline: unknown[]; scenario: unknown[] } }[]
    ).entries()) {
      for (const column of ['baseline', 'scenario'] as const) {
        expect(y.byDistrict[column], `${where}.byYear[${k}].byDistrict.${column}`).toHaveLength(districtIds.length);
        for (const v of y.byDistrict[column]) expect(v === null || typeof v === 'number').toBe(true);
      }
    }
    const lastDistricts = (last as unknown as { byDistrict: { baseline: unknown[]; scenario: unknown[] } }).byDistrict;
    expect(lastDistricts.baseline, `${where}: final year's districts`).toEqual(
      (byDistrict as unknown as { baseline: unknown }[]).map((d) => d.baseline),
    );
    expect(lastDistricts.scenario, `${where}: final year's districts`).toEqual(
      (byDistrict as unknown as { scenario: unknown }[]).map((d) => d.scenario),
    );
  });
}
