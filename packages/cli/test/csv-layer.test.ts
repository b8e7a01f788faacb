/** `regiontwin validate` on a region whose settlements and facilities are CSV tables (fixtures/osm/csv-region). */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const region = join(import.meta.dirname, '../../../fixtures/osm/csv-region');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CSV layers in regiontwin validate', () => {
  it('accepts the CSV region: 4 settlements, 12,000 + 1,250 + 400 people, 2 schools', async () => {
    const r = await cli(['validate', region]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('4 demand points (13,650 people), 2 facilities');
    // V3 has an empty population cell: a warning that names the row.
    expect(r.err).toBe(
      'warning: villages.csv: layer settlements, feature #2 (id V3): row 4: has no population (property "people"); counted as 0 people',
    );
  });

  it('lists every bad row with its row number and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regiontwin-csv-'));
    dirs.push(dir);
    await cp(region, dir, { recursive: true });
    await writeFile(
      join(dir, 'schools.csv'),
      'id,name,lon,lat\nS1,School 1,63.035,53.055\nS2,School 2,63,0425,53.0725\nS3,School 3,x,53.07\n',
    );
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual([
      `error: ${dir}: invalid region, 3 problems`,
      '  warning: villages.csv: layer settlements, feature #2 (id V3): row 4: has no population (property "people"); counted as 0 people',
      '  schools.csv: layer facilities, feature #1 (id S2): row 3 has 5 fields, the header has 4',
      '  schools.csv: layer facilities, feature #2 (id S3): row 4: lon "x" is not a number (use a decimal point, e.g. 63.625)',
      // S2's decimal comma split "63,0425" into lon 63 and lat 0425 = 425: out of range as well.
      '  schools.csv: layer facilities, feature #1 (id S2): row 3: has 1 position(s) outside lon −180…180 / lat −90…90 (first: position [63,425])',
    ]);
  });
});
