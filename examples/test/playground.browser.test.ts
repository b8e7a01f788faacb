/**
 * End-to-end tests of the examples site in headless Chromium: the site is built with Vite (as
 * `pnpm build:examples` does) into test-output/, served by a plain static file server, and
 * driven through its controls like a planner would. Numbers are checked against an independent
 * computation from the fixture files (turf great-circle distances, the no-road travel-time
 * model of docs/indicators.md). Screenshots go to test-output/examples/.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compileRegion, parseScenario, prepareScenario, runScenario } from '@regiontwin/core';
import { loadRegion } from '@regiontwin/core/node';
import { expandTemplate } from '@regiontwin/templates';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { independentCoverage } from './independent-coverage.js';
import { serveStatic } from './serve-static.js';

const EXAMPLES_DIR = resolve(import.meta.dirname, '..');
const REPO_DIR = resolve(EXAMPLES_DIR, '..');
const OUTPUT_DIR = join(REPO_DIR, 'test-output/examples');
const SITE_DIR = join(OUTPUT_DIR, 'site');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
];

/** Covered and total base-year population by the independent computation (see independent-coverage.ts). */
function coverage(hubs: [number, number][], minutes: number): { covered: number; total: number } {
  const { coveredPeople, totalPeople } = independentCoverage(hubs, minutes);
  return { covered: coveredPeople, total: totalPeople };
}

interface PageResult {
  scenario: string;
  interventions: { changes: { at: [number, number]; capacity: number; capexKzt: number }[] }[];
  indicators: { id: string; params: Record<string, unknown>; scenario: number | null; baseline: number | null }[];
}

let browser: Browser;
let site: { url: string; close(): Promise<void> };
let page: Page;
const errors: string[] = [];

async function runs(): Promise<number> {
  return Number(await page.evaluate(() => document.body.dataset.runs ?? '0'));
}

/** Waits until a run after `before` has finished and the page is ready. */
async function waitForRun(before: number): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.body.dataset.runs ?? '0') > n && document.body.dataset.status === 'ready',
    before,
    { timeout: 20_000 },
  );
}

async function results(): Promise<PageResult[]> {
  return page.evaluate(() => (window as unknown as { playground: { results: unknown } }).playground.results) as Promise<
    PageResult[]
  >;
}

/** The raw value in the table of an indicator row (by its key) for a scenario column. */
async function tableValue(key: string, scenario: number): Promise<number> {
  const cell = page.locator(`tr[data-indicator='${key}'] td[data-scenario='${scenario}']`);
  return Number(await cell.getAttribute('data-value'));
}

async function setParameter(id: string, value: number): Promise<void> {
  const before = await runs();
  const box = page.locator(`#${id}`);
  await box.fill(String(value));
  await box.dispatchEvent('change');
  await waitForRun(before);
}

function hubsOf(result: PageResult): [number, number][] {
  return result.interventions[0].changes.map((c) => c.at);
}

describe('examples in headless Chromium', () => {
  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await build({
      configFile: join(EXAMPLES_DIR, 'vite.config.ts'),
      build: { outDir: SITE_DIR, emptyOutDir: true },
      logLevel: 'warn',
    });
    site = await serveStatic(SITE_DIR);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('builds a static site whose pages reference only relative URLs', () => {
    const html = readFileSync(join(SITE_DIR, 'playground/index.html'), 'utf8');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) expect(url).not.toMatch(/^(\/|https?:)/);
    expect(readdirSync(join(SITE_DIR, 'assets')).some((f) => f.startsWith('prepare-worker'))).toBe(true);
  });

  it('opens the playground on the embedded region', async () => {
    await page.goto(`${site.url}playground/index.html`);
    await page.waitForFunction(() => document.body.dataset.status === 'idle', undefined, { timeout: 20_000 });
    await expect
      .poll(() => page.locator('.region-summary').textContent(), { timeout: 15_000 })
      .toContain('17 districts, 268 settlements');
    expect(await page.locator('#library [data-template=it-hub-per-district]').count()).toBe(1);
  });

  it('models an IT hub in every oblast: numbers match an independent computation', async () => {
    const before = await runs();
    await page.click('[data-testid=add-it-hub-per-district]');
    await waitForRun(before);
    // The template's adapt() proposes 60 min for a territory under 5 people/km² (Kazakhstan ≈ 4).
    const minutes = Number(await page.locator('#s0-c0-maxTravelMinutes').inputValue());
    const seats = Number(await page.locator('#s0-c0-seatsPerHub').inputValue());
    expect(minutes).toBe(60);
    const [result] = await results();
    const hubs = hubsOf(result);
    expect(hubs).toHaveLength(17);
    const { covered, total } = coverage(hubs, minutes);
    const share = await tableValue(`coverage-share {"kind":"it-hub","minutes":${minutes}}`, 0);
    expect(share).toBeGreaterThan(0.5);
    expect(Math.abs(share - covered / total)).toBeLessThan(1e-9);
    // People within the limit in 2030: base-year population × 1.012^4 (growth 1.2 %/yr from 2026).
    const people = await tableValue(`population-within-travel-time {"kind":"it-hub","minutes":${minutes}}`, 0);
    expect(Math.abs(people / (covered * 1.012 ** 4) - 1)).toBeLessThan(1e-9);
    // Investment: 17 hubs × seats × 2,500,000 KZT per seat (the template's coefficient).
    expect(await tableValue('capex', 0)).toBe(17 * seats * 2_500_000);
    await page.screenshot({ path: join(OUTPUT_DIR, 'playground-it-hub.png'), fullPage: true });
  });

  it('changing a parameter moves the indicator', async () => {
    const before = await tableValue('coverage-share {"kind":"it-hub","minutes":60}', 0);
    await setParameter('s0-c0-maxTravelMinutes', 30);
    const [result] = await results();
    const { covered, total } = coverage(hubsOf(result), 30);
    const after = await tableValue('coverage-share {"kind":"it-hub","minutes":30}', 0);
    expect(after).toBeLessThan(before);
    expect(Math.abs(after - covered / total)).toBeLessThan(1e-9);
    expect(await page.locator('tr[data-indicator=\'coverage-share {"kind":"it-hub","minutes":60}\']').count()).toBe(0);
  });

  it('a new change cancels the stale run', async () => {
    const before = await runs();
    // In the page: as soon as the run for 40 min starts, type 35 (as a planner correcting a typo).
    await page.evaluate(() => {
      const box = document.querySelector<HTMLInputElement>('#s0-c0-maxTravelMinutes')!;
      const observer = new MutationObserver(() => {
        if (document.body.dataset.status !== 'running') return;
        observer.disconnect();
        box.value = '35';
        box.dispatchEvent(new Event('change'));
      });
      observer.observe(document.body, { attributes: true, attributeFilter: ['data-status'] });
      box.value = '40';
      box.dispatchEvent(new Event('change'));
    });
    await waitForRun(before);
    expect(await runs()).toBe(before + 1);
    expect(Number(await page.evaluate(() => document.body.dataset.cancelled))).toBeGreaterThanOrEqual(1);
    const [result] = await results();
    const { covered, total } = coverage(hubsOf(result), 35);
    expect(
      Math.abs((await tableValue('coverage-share {"kind":"it-hub","minutes":35}', 0)) - covered / total),
    ).toBeLessThan(1e-9);
    expect(await page.locator(`tr[data-indicator='coverage-share {"kind":"it-hub","minutes":40}']`).count()).toBe(0);
    await setParameter('s0-c0-maxTravelMinutes', 30);
  });

  it('compares two scenarios side by side', async () => {
    const before = await runs();
    await page.click('[data-testid=add-scenario]');
    await waitForRun(before);
    await setParameter('s1-c0-maxTravelMinutes', 90);
    const [a, b] = await results();
    expect(a.scenario).toBe('Scenario A');
    expect(b.scenario).toBe('Scenario B');
    // Both scenarios compute both limits, so the rows line up.
    const a30 = await tableValue('coverage-share {"kind":"it-hub","minutes":30}', 0);
    const b90 = await tableValue('coverage-share {"kind":"it-hub","minutes":90}', 1);
    const b30 = await tableValue('coverage-share {"kind":"it-hub","minutes":30}', 1);
    expect(Math.abs(b90 - coverage(hubsOf(b), 90).covered / coverage(hubsOf(b), 90).total)).toBeLessThan(1e-9);
    expect(Math.abs(b30 - coverage(hubsOf(b), 30).covered / coverage(hubsOf(b), 30).total)).toBeLessThan(1e-9);
    expect(b90).toBeGreaterThan(a30);
    await page.check('[data-testid=view-compare]');
    const split = await page.evaluate(
      () =>
        (
          window as unknown as { playground: { viewer: { getState(): { split: boolean; scenario: string } } } }
        ).playground.viewer.getState().split,
    );
    expect(split).toBe(true);
    await page.screenshot({ path: join(OUTPUT_DIR, 'playground-compare.png'), fullPage: true });
  });

  it('keeps the state in the URL', async () => {
    const url = page.url();
    expect(url).toMatch(/#s=/);
    const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await other.goto(url);
    await other.waitForFunction(() => document.body.dataset.status === 'ready', undefined, { timeout: 20_000 });
    const cell = other.locator(
      `tr[data-indicator='coverage-share {"kind":"it-hub","minutes":90}'] td[data-scenario='1']`,
    );
    expect(Number(await cell.getAttribute('data-value'))).toBe(
      await tableValue('coverage-share {"kind":"it-hub","minutes":90}', 1),
    );
    await other.close();
  });

  it('changing the modelled years keeps every solution inside them', async () => {
    const before = await runs();
    const start = page.locator('#year-start');
    await start.fill('2028');
    await start.dispatchEvent('change');
    await waitForRun(before);
    const years = await page.evaluate(() =>
      (
        window as unknown as { playground: { state: { scenarios: { interventions: { year?: number }[] }[] } } }
      ).playground.state.scenarios.flatMap((s) => s.interventions.map((c) => c.year)),
    );
    expect(years).toEqual([2028, 2028]);
    const [a] = (await page.evaluate(
      () => (window as unknown as { playground: { results: unknown } }).playground.results,
    )) as { years: { start: number; end: number } }[];
    expect(a.years).toEqual({ start: 2028, end: 2030 });
  });

  it('saves the scenario as JSON that loads back', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(doc.schema).toBe('regiontwin/scenario@1');
    expect(doc.region).toBe('../kazakhstan');
    expect(doc.interventions[0]).toMatchObject({ template: 'it-hub-per-district', params: { maxTravelMinutes: 90 } });
    // The saved file is what `regiontwin run` takes: run it in Node from fixtures/scenarios/ and get
    // the browser's numbers (same engine, other thread and runtime: equal to the last bit).
    const file = join(REPO_DIR, 'fixtures/scenarios/saved-from-playground.json');
    const parsed = parseScenario(JSON.stringify(doc), file);
    const model = compileRegion(await loadRegion(resolve(dirname(file), parsed.region)));
    const nodeResult = runScenario(model, prepareScenario(parsed, model, { expandTemplate }));
    const browserResult = (await results())[1];
    expect(nodeResult.scenario).toBe(browserResult.scenario);
    expect(nodeResult.indicators.map((i) => i.scenario)).toEqual(browserResult.indicators.map((i) => i.scenario));
    doc.interventions[0].params.maxTravelMinutes = 45;
    const before = await runs();
    await page.setInputFiles('#load', {
      name: 'edited.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(doc)),
    });
    await waitForRun(before);
    expect(await page.locator('#s1-c0-maxTravelMinutes').inputValue()).toBe('45');
  });

  it('shows a clear error for a broken GeoJSON file and keeps the region', async () => {
    await page.setInputFiles('#files', {
      name: 'districts.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":'),
    });
    const problems = page.locator('[data-testid=region-problems]');
    await expect.poll(() => problems.textContent(), { timeout: 15_000 }).toContain('districts.geojson');
    const text = (await problems.textContent()) ?? '';
    expect(text).toMatch(/not valid JSON|JSON/);
    expect(text).toContain('1 problem');
    expect(await page.locator('.region-summary').textContent()).toContain('17 districts');
    await page.screenshot({ path: join(OUTPUT_DIR, 'playground-broken-geojson.png'), fullPage: true });
    // A region folder whose district ring is not closed: the feature and the reason are named.
    const folder = join(REPO_DIR, 'fixtures/invalid/ring-not-closed');
    await page.setInputFiles(
      '#files',
      readdirSync(folder)
        .filter((f) => f !== 'expected.json')
        .map((f) => join(folder, f)),
    );
    await expect.poll(() => problems.textContent(), { timeout: 15_000 }).toContain('ring');
    expect(await problems.textContent()).toMatch(/districts\.geojson: layer districts, feature #\d+/);
  });

  it('loads bare GeoJSON files as a region and reruns the scenarios on it', async () => {
    const before = await runs();
    const folder = join(REPO_DIR, 'fixtures/kazakhstan');
    await page.setInputFiles('#files', [join(folder, 'oblasts.geojson'), join(folder, 'settlements.geojson')]);
    await waitForRun(before);
    expect(await page.locator('.region-summary').textContent()).toContain('oblasts: 17 districts, 268 settlements');
    expect(await page.locator('[data-testid=region-problems]').count()).toBe(0);
    const [a] = await results();
    const { covered, total } = coverage(hubsOf(a), 30);
    expect(
      Math.abs((await tableValue('coverage-share {"kind":"it-hub","minutes":30}', 0)) - covered / total),
    ).toBeLessThan(1e-9);
  });

  it.skipIf(!existsSync(join(REPO_DIR, '../shared/data/kazakhstan/kostanay_districts.geojson')))(
    'loads a region folder with its region.json (real Kostanay oblast data)',
    async () => {
      const before = await runs();
      const folder = join(REPO_DIR, 'fixtures/kostanay');
      await page.setInputFiles(
        '#files',
        readdirSync(folder).map((f) => join(folder, f)),
      );
      await waitForRun(before);
      expect(await page.locator('.region-summary').textContent()).toMatch(
        /^Kostanay oblast: 20 districts, 19 settlements, 145 facilities/,
      );
      const [a] = await results();
      expect(a.indicators.find((i) => i.id === 'coverage-share')!.scenario).toBeGreaterThan(0);
      await page.screenshot({ path: join(OUTPUT_DIR, 'playground-kostanay.png'), fullPage: true });
    },
  );

  it('speaks Russian, with template titles in Russian and Kazakh', async () => {
    await page.selectOption('#language', 'ru');
    expect(await page.locator('#title').textContent()).toBe('Песочница regiontwin');
    expect(await page.locator('#library [data-template=it-hub-per-district] strong').textContent()).toBe(
      'IT-хаб в каждом районе',
    );
    await page.selectOption('#language', 'kk');
    expect(await page.locator('#library [data-template=it-hub-per-district] strong').textContent()).toBe(
      'Әр ауданда IT-хаб',
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'playground-kk.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('runs every template of the library together', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const pageErrors: string[] = [];
    fresh.on('pageerror', (error) => pageErrors.push(String(error)));
    await fresh.goto(`${site.url}playground/index.html`);
    await fresh.waitForFunction(() => document.body.dataset.status === 'idle', undefined, { timeout: 20_000 });
    const ids = await fresh.$$eval('#library [data-template]', (els) =>
      els.map((e) => e.getAttribute('data-template')!),
    );
    expect(ids).toContain('it-hub-per-district');
    for (const id of ids) await fresh.click(`[data-testid=add-${id}]`);
    // Done once the result holds every template (earlier runs with fewer were cancelled or superseded).
    await fresh.waitForFunction(
      (count) => {
        const results = (window as unknown as { playground: { results: { interventions: unknown[] }[] } }).playground
          .results;
        return (
          document.body.dataset.status === 'error' ||
          (document.body.dataset.status !== 'running' && results[0]?.interventions.length === count)
        );
      },
      ids.length,
      { timeout: 30_000 },
    );
    expect(await fresh.locator('#status-text').textContent()).toMatch(/^Done/);
    expect(await fresh.locator('#scenario-editor .choice').count()).toBe(ids.length);
    const result = (await fresh.evaluate(
      () => (window as unknown as { playground: { results: PageResult[] } }).playground.results[0],
    )) as PageResult;
    expect(result.interventions).toHaveLength(ids.length);
    // Free-text parameters (bus-line's stops) are typed into a text box, not picked from a list.
    if (ids.includes('bus-line')) {
      expect(await fresh.locator('#scenario-editor input[type=text][data-param=stops]').count()).toBe(1);
      expect(await fresh.locator('#scenario-editor select[data-param=stops]').count()).toBe(0);
    }
    expect(pageErrors).toEqual([]);
    await fresh.close();
  });

  it('tells the IT hub story on the embedded region', async () => {
    const story = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await story.goto(`${site.url}it-hub-per-district/index.html?lang=en`);
    await story.waitForFunction(() => document.body.dataset.status === 'ready', undefined, { timeout: 20_000 });
    expect(await story.locator('#placed tr').count()).toBe(17);
    expect(await story.locator('.narrative').first().textContent()).toContain('17 hubs');
    await story.screenshot({ path: join(OUTPUT_DIR, 'story-it-hub.png'), fullPage: true });
    await story.close();
  });

  it('tells the rural broadband story (the template is in the library)', async () => {
    const story = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await story.goto(`${site.url}rural-broadband/index.html?lang=en`);
    await story.waitForFunction(() => ['ready', 'missing'].includes(document.body.dataset.status ?? ''), undefined, {
      timeout: 20_000,
    });
    // The page would say "missing" only for a library without rural-broadband; this one has it.
    expect(await story.evaluate(() => document.body.dataset.status)).toBe('ready');
    expect(await story.locator('.narrative').count()).toBeGreaterThan(0);
    await story.screenshot({ path: join(OUTPUT_DIR, 'story-rural-broadband.png'), fullPage: true });
    await story.close();
  });
});
