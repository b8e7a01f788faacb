import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_FIXTURES, REPO_DIR, runCli, temporaryDir } from './run-cli.js';

/**
 * The report.html of `regiontwin run --out` and `regiontwin compare --out`, opened in headless
 * Chromium with the network switched off. The tiny region's scenario, region and district names
 * carry HTML (`<script>alert("x")</script>`, `<b>&</b>`, `<img src=x onerror=alert(1)>`): they
 * must be shown as text, never run. Screenshots go to packages/cli/test-output/ for people to look at.
 */

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
];
const SCREENSHOTS = join(REPO_DIR, 'packages/cli/test-output');
const XSS_DISTRICT = '<img src=x onerror=alert(1)>';

let tmp: { dir: string; remove: () => Promise<void> };
let browser: Browser;

/** What happened while a page was open: every request, dialog, console error and page error. */
interface Opened {
  page: Page;
  context: BrowserContext;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

async function openOffline(file: string, width = 1280): Promise<Opened> {
  const context = await browser.newContext({ offline: true, viewport: { width, height: 900 } });
  const page = await context.newPage();
  const opened: Opened = { page, context, requests: [], dialogs: [], errors: [] };
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('requestfailed', (r) => opened.errors.push(`request failed: ${r.url()}`));
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') opened.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => opened.errors.push(`page error: ${e.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return opened;
}

beforeAll(async () => {
  tmp = await temporaryDir();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const run = await runCli(['run', join(CLI_FIXTURES, 'tiny-west.json'), '--out', join(tmp.dir, 'west')]);
  expect(run.code).toBe(0);
  const compare = await runCli(
    ['compare', 'tiny-west.json', 'tiny-east.json', 'tiny-both.json', '--out', join(tmp.dir, 'cmp')],
    CLI_FIXTURES,
  );
  expect(compare.code).toBe(0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await tmp?.remove();
});

describe('report.html of regiontwin run, in headless Chromium', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openOffline(join(tmp.dir, 'west/report.html'));
    await opened.page.screenshot({ path: join(SCREENSHOTS, 'run-report.png'), fullPage: true });
  });
  afterAll(async () => {
    await opened?.context.close();
  });

  it('opens offline: the only request is the file itself, no errors', () => {
    expect(opened.requests).toEqual([pathToFileURL(join(tmp.dir, 'west/report.html')).href]);
    expect(opened.errors).toEqual([]);
  });

  it('shows names that contain HTML as text: no alert, no injected element', async () => {
    const { page } = opened;
    expect(opened.dialogs).toEqual([]);
    expect(await page.locator('h1').textContent()).toBe('West hub <script>alert("x")</script>');
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('header b, header i').count()).toBe(0);
    expect(await page.locator('header').textContent()).toContain('Tiny test region <b>&</b>');
    // District B's name: in full in the map's tooltip, and as a (shortened) label of the district bars.
    const titles = await page.locator('svg title').allTextContents();
    expect(titles).toContain(`${XSS_DISTRICT}: 0 → 0 (0 people)`);
    const labels = await page.locator('svg text').allTextContents();
    expect(labels.some((t) => t.startsWith('<img src=x'))).toBe(true);
    expect(await page.locator('body').textContent()).toContain('West <hub>');
  });

  it('draws the map: district A (+1,000 people) blue, district B (no change) neutral, one marker', async () => {
    const { page } = opened;
    const fills = await page
      .locator('figure.map .districts path')
      .evaluateAll((paths) => paths.map((p) => getComputedStyle(p).fill));
    expect(fills).toHaveLength(2);
    const rgb = fills.map((f) => (f.match(/\d+/g) ?? []).map(Number));
    // A: the full "better" end of the red–blue scale (blue ≫ red); B: the midpoint (near white, r ≈ g ≈ b).
    expect(rgb[0][2] - rgb[0][0]).toBeGreaterThan(60);
    expect(Math.max(...rgb[1]) - Math.min(...rgb[1])).toBeLessThan(12);
    expect(await page.locator('figure.map .marker').count()).toBe(1);
  });

  it('has the indicator table, a year chart per indicator, and no sideways scrolling at 1280 px', async () => {
    const { page } = opened;
    const rows = await page.locator('table').first().locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('People within 10000 m of an it-hub');
    expect(await page.locator('.chart-grid figure').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('fits a 420 px phone screen: no sideways scrolling of the page, table words kept whole', async () => {
    const phone = await openOffline(join(tmp.dir, 'west/report.html'), 420);
    try {
      await phone.page.screenshot({ path: join(SCREENSHOTS, 'run-report-420px.png'), fullPage: true });
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      // The "Indicator" header is one line (it used to break into "Indic" / "ator").
      const header = phone.page.locator('table').first().locator('th').first();
      const lineHeight = await header.evaluate((th) => parseFloat(getComputedStyle(th).lineHeight));
      const box = await header.boundingBox();
      expect(box!.height).toBeLessThan(2 * lineHeight + 12); // one line plus padding, 5 px each side
    } finally {
      await phone.context.close();
    }
  });
});

describe('report.html of regiontwin compare, in headless Chromium', () => {
  it('opens offline, ranks the three scenarios, one small map each, names as text', async () => {
    const file = join(tmp.dir, 'cmp/report.html');
    const opened = await openOffline(file);
    try {
      await opened.page.screenshot({ path: join(SCREENSHOTS, 'compare-report.png'), fullPage: true });
      expect(opened.requests).toEqual([pathToFileURL(file).href]);
      expect(opened.errors).toEqual([]);
      expect(opened.dialogs).toEqual([]);
      expect(await opened.page.locator('script, img').count()).toBe(0);
      expect(await opened.page.locator('.small-maps figure.map').count()).toBe(3);
      const body = (await opened.page.locator('body').textContent()) ?? '';
      expect(body).toContain('West hub <script>alert("x")</script>');
      // People within 10 km: west 1,000 (rank 3), east 2,000 (rank 2), both 3,000 (rank 1).
      const row = await opened.page.locator('tr', { hasText: 'People within 10000 m of an it-hub' }).first();
      const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
      expect(cells.slice(3)).toEqual(['1,000', '+1,000', '3', '2,000', '+2,000', '2', '3,000', '+3,000', '1']);
    } finally {
      await opened.context.close();
    }
  });
});
