/**
 * Runs each Node example as a developer would (`node --import tsx examples/node/<name>.ts --json`)
 * and checks the numbers it prints against hand calculations and an independent computation
 * from the fixture files (test/independent-coverage.ts).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { independentCoverage, SETTLEMENTS } from '../test/independent-coverage.js';

const REPO_DIR = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function example<T>(name: string): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', `examples/node/${name}.ts`, '--json'], {
    cwd: REPO_DIR,
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

interface Indicator {
  id: string;
  params: Record<string, unknown>;
  baseline?: number | null;
  scenario: number | null;
}

const value = (indicators: Indicator[], id: string) => indicators.find((i) => i.id === id)!.scenario!;

describe('Node examples', () => {
  it('run-scenario: the IT-hub scenario file, checked independently', async () => {
    const out = await example<{
      hubs: [number, number][];
      years: { start: number; end: number };
      indicators: Indicator[];
    }>('run-scenario');
    expect(out.hubs).toHaveLength(17); // one per oblast
    const { coveredPeople, totalPeople } = independentCoverage(out.hubs, 60);
    expect(Math.abs(value(out.indicators, 'coverage-share') - coveredPeople / totalPeople)).toBeLessThan(1e-9);
    // 2030 population = base × 1.012^4 (growth 1.2 %/yr, scenario file); relative tolerance 1e-9.
    const people = value(out.indicators, 'population-within-travel-time');
    expect(Math.abs(people / (coveredPeople * 1.012 ** 4) - 1)).toBeLessThan(1e-9);
    // 17 hubs × 120 seats × 2,500,000 KZT/seat; × 700,000 KZT/seat/yr; × 770 kWh/seat/yr × 0.64 kg/kWh.
    expect(value(out.indicators, 'capex')).toBe(17 * 120 * 2_500_000);
    expect(value(out.indicators, 'opex-per-year')).toBe(17 * 120 * 700_000);
    expect(value(out.indicators, 'energy-kwh-per-year')).toBe(17 * 120 * 770);
    expect(value(out.indicators, 'co2-tonnes-per-year')).toBeCloseTo((17 * 120 * 770 * 0.64) / 1000, 9);
  });

  it('run-sweep: every limit of the sweep, checked independently', async () => {
    const out = await example<{
      seatsPerHub: number;
      rows: { maxTravelMinutes: number; coverageShare: number; capexKzt: number; hubs: [number, number][] }[];
    }>('run-sweep');
    expect(out.rows.map((r) => r.maxTravelMinutes)).toEqual([15, 30, 45, 60, 90, 120]);
    for (const row of out.rows) {
      const { coveredPeople, totalPeople } = independentCoverage(row.hubs, row.maxTravelMinutes);
      expect(Math.abs(row.coverageShare - coveredPeople / totalPeople)).toBeLessThan(1e-9);
      expect(row.capexKzt).toBe(row.hubs.length * out.seatsPerHub * 2_500_000);
    }
    // A longer limit never reaches fewer people here (checked, not assumed: greedy is not monotone in general).
    const shares = out.rows.map((r) => r.coverageShare);
    expect(shares[5]).toBeGreaterThan(shares[0]);
  });

  it('custom-indicator: settlements within an hour, counted independently', async () => {
    const out = await example<{
      total: number;
      baseline: number;
      byDistrict: { id: string; scenario: number }[];
      hubs: [number, number][];
    }>('custom-indicator');
    const { coveredSettlements, coveredByDistrict } = independentCoverage(out.hubs, 60);
    expect(out.baseline).toBe(0);
    expect(out.total).toBe(coveredSettlements);
    for (const d of out.byDistrict) expect(d.scenario).toBe(coveredByDistrict.get(d.id) ?? 0);
    expect(out.byDistrict.reduce((a, d) => a + d.scenario, 0)).toBe(out.total);
  });

  it('custom-template: one point in the largest settlement of each oblast', async () => {
    const out = await example<{ points: { id: string; at: [number, number] }[]; indicators: Indicator[] }>(
      'custom-template',
    );
    // The most populous settlement of each district, from the fixture file.
    const largest = new Map<string, { population: number; at: number[] }>();
    for (const f of SETTLEMENTS.features) {
      const best = largest.get(f.properties.district);
      if (!best || f.properties.population > best.population) {
        largest.set(f.properties.district, { population: f.properties.population, at: f.geometry.coordinates });
      }
    }
    expect(out.points).toHaveLength(largest.size);
    for (const p of out.points) {
      const expected = largest.get(p.id.replace('e-services-', ''))!;
      expect(p.at[0]).toBeCloseTo(expected.at[0], 9);
      expect(p.at[1]).toBeCloseTo(expected.at[1], 9);
    }
    expect(value(out.indicators, 'capex')).toBe(17 * 15_000_000);
    expect(value(out.indicators, 'opex-per-year')).toBe(17 * 3 * 4_800_000);
    const { coveredPeople, totalPeople } = independentCoverage(
      out.points.map((p) => p.at),
      30,
    );
    expect(Math.abs(value(out.indicators, 'coverage-share') - coveredPeople / totalPeople)).toBeLessThan(1e-9);
  });
});
