import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bbox,
  booleanPointInPolygon,
  distance,
  flatten,
  point,
  pointOnFeature,
  pointToLineDistance,
  polygonToLine,
} from '@turf/turf';
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithGolden, OUTPUT_DIR } from './golden-images.js';
import { openTestPage, PACKAGE_DIR, SHARED_DATA_DIR, type TestPage } from './serve-test-page.js';

let testPage: TestPage;

async function call<T>(name: string, ...args: unknown[]): Promise<T> {
  return testPage.page.evaluate(
    ([fn, params]) =>
      (window as unknown as { harness: Record<string, (...a: unknown[]) => Promise<unknown>> }).harness[fn as string](
        ...(params as unknown[]),
      ),
    [name, args] as const,
  ) as Promise<T>;
}

function decode(png: string): PNG {
  return PNG.sync.read(Buffer.from(png, 'base64'));
}

/** Share of pixels whose colour differs from the background colour (#e6ebef). */
function nonBackgroundShare(png: PNG): number {
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i] - 0xe6) + Math.abs(png.data[i + 1] - 0xeb) + Math.abs(png.data[i + 2] - 0xef) > 12)
      count++;
  }
  return count / (png.width * png.height);
}

/**
 * The point of a 12 × 12 grid over the feature's bounding box that lies inside it (holes count as
 * outside) farthest from its boundary — far from every neighbour, so a pixel there is unambiguous.
 */
function deepInteriorPoint(feature: Feature<Polygon | MultiPolygon>): [number, number] {
  const [minX, minY, maxX, maxY] = bbox(feature);
  const lines = flatten(polygonToLine(feature) as Feature).features;
  let best: [number, number] = pointOnFeature(feature).geometry.coordinates as [number, number];
  let bestDistance = -1;
  for (let i = 0; i < 12; i++) {
    for (let j = 0; j < 12; j++) {
      const candidate = point([minX + ((i + 0.5) / 12) * (maxX - minX), minY + ((j + 0.5) / 12) * (maxY - minY)]);
      if (!booleanPointInPolygon(candidate, feature)) continue;
      const distance = Math.min(...lines.map((line) => pointToLineDistance(candidate, line as Feature<never>)));
      if (distance > bestDistance) {
        bestDistance = distance;
        best = candidate.geometry.coordinates as [number, number];
      }
    }
  }
  return best;
}

/** The tests draw the real Kostanay districts from ../shared/data (present in CI, not redistributed). */
const KOSTANAY_DISTRICTS = join(SHARED_DATA_DIR, 'kostanay_districts.geojson');
const districts = (
  existsSync(KOSTANAY_DISTRICTS) ? JSON.parse(readFileSync(KOSTANAY_DISTRICTS, 'utf8')) : { features: [] }
) as FeatureCollection<Polygon | MultiPolygon>;

describe.skipIf(!existsSync(KOSTANAY_DISTRICTS))('viewer in headless Chromium', () => {
  beforeAll(async () => {
    testPage = await openTestPage(join(PACKAGE_DIR, 'test/browser/page.ts'), { outDir: join(OUTPUT_DIR, 'page') });
  });
  afterAll(async () => {
    await testPage?.close();
  });

  it('draws the region alone', async () => {
    const { png, state } = await call<{ png: string; state: { regionId: string; width: number; height: number } }>(
      'regionOnly',
    );
    expect(state).toMatchObject({ regionId: 'kz-kostanay', width: 800, height: 600 });
    const image = decode(png);
    expect([image.width, image.height]).toEqual([800, 600]);
    // The oblast fills a good part of the view, and not all of it.
    const share = nonBackgroundShare(image);
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.95);
    compareWithGolden('region-only', png);
  });

  it('colours districts by an indicator, with coverage and a legend', async () => {
    const { png, state } = await call<{ png: string; state: { indicatorId: string; year: number; split: boolean } }>(
      'indicator',
    );
    expect(state).toMatchObject({ indicatorId: 'population-within-distance', year: 2028, split: false });
    compareWithGolden('indicator', png);
  });

  it('extrudes districts by their change', async () => {
    const { png, box, legendWidth } = await call<{ png: string; box: number[]; legendWidth: number }>('deltaExtruded');
    // Tilted and turned, the region still fits beside the legend (800 − 232 − 20 px wide, 600 px
    // high) and fills it in one direction: the fit projects the outline, not its bounding box.
    const free = 800 - legendWidth - 20;
    expect(legendWidth).toBe(232);
    expect(box[0]).toBeGreaterThanOrEqual(0);
    expect(box[1]).toBeGreaterThanOrEqual(0);
    expect(box[2]).toBeLessThanOrEqual(free);
    expect(box[3]).toBeLessThanOrEqual(600);
    expect(Math.max((box[2] - box[0]) / free, (box[3] - box[1]) / 600)).toBeGreaterThan(0.85);
    compareWithGolden('delta-extruded', png);
  });

  it('shows baseline and scenario side by side with one camera', async () => {
    const { png, state } = await call<{ png: string; state: { split: boolean } }>('split');
    expect(state.split).toBe(true);
    compareWithGolden('split', png);
  });

  it('labels the sides when comparing two results', async () => {
    const { state, labels } = await call<{ state: { split: boolean }; labels: string[] }>('compareResults');
    expect(state.split).toBe(true);
    expect(labels).toEqual(['Only Kostanay', 'IT hubs in the three largest towns']);
  });

  it('extrudes buildings built in a worker, in one draw call, the same bytes as on the main thread', async () => {
    const result = await call<{
      png: string;
      event: { count: number; inWorker: boolean };
      calls: number;
      workerMatchesMainThread: boolean;
      triangles: number;
    }>('buildings');
    expect(result.event).toMatchObject({ count: 900, inWorker: true });
    expect(result.workerMatchesMainThread).toBe(true);
    expect(result.triangles).toBeGreaterThan(900 * 10);
    // Districts (fill + outline), 4 road widths, settlements, facilities, buildings: a handful.
    expect(result.calls).toBeLessThanOrEqual(12);
    compareWithGolden('buildings', result.png);
  });

  it('picks the district under known screen points, in the single and the split view', async () => {
    // Deep interior points from turf (independent of the viewer), projected by the viewer's camera.
    const points = districts.features.map((feature: Feature<Polygon | MultiPolygon>) => ({
      id: String(feature.properties!.ADM2_PCODE),
      lonLat: deepInteriorPoint(feature),
    }));
    const { single, split, outside } = await call<{
      single: { expected: string; got: { kind: string; id: string; values?: { baseline: number } } | null }[];
      split: { expected: string; side: string; got: { kind: string; id: string; side: string } | null }[];
      outside: unknown;
    }>('picking', points);
    expect(single).toHaveLength(20);
    expect(split).toHaveLength(40);
    for (const entry of [...single, ...split]) {
      expect(entry.got).toMatchObject({ kind: 'district', id: entry.expected });
    }
    for (const entry of split) expect(entry.got!.side).toBe(entry.side);
    // District numbers come with the pick (the last district has no value in the test result).
    expect(single[0].got!.values).toMatchObject({ baseline: 0 });
    expect(outside).toBeNull();
  });

  it('highlights a clicked district and emits a pick event', async () => {
    // Amangeldi district (KZ393400), a large district in the south-east with no markers inside.
    const amangeldi = districts.features.find((f) => f.properties!.ADM2_PCODE === 'KZ393400')!;
    const lonLat = pointOnFeature(amangeldi).geometry.coordinates as [number, number];
    const screen = await call<[number, number]>('prepareClick', lonLat);
    await testPage.page.mouse.move(screen[0], screen[1]);
    await testPage.page.mouse.down();
    await testPage.page.mouse.up();
    await testPage.page.waitForTimeout(50);
    const { events, png, tooltip } = await call<{
      events: { kind: string; id: string; name: string; values: { label: string; scenario: number } }[];
      png: string;
      tooltip: string | null;
    }>('afterClick');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'district', id: 'KZ393400', name: 'Amangeldi' });
    expect(events[0].values.label).toBe('People within 30 km of an IT hub');
    expect(tooltip).toContain('Amangeldi');
    compareWithGolden('picking-highlight', png);
  });

  it('colours districts with the values of the shown year', async () => {
    // Amangeldi district, no markers inside. The test result's district i changes by
    // ((i·13) mod 7) · 2,600 people in all, 40 % of it by 2026 and 70 % by 2027 (test-data.ts).
    const amangeldi = districts.features.find((f) => f.properties!.ADM2_PCODE === 'KZ393400')!;
    const lonLat = pointOnFeature(amangeldi).geometry.coordinates as [number, number];
    const out = await call<{ year: number; index: number; scenario: number; shown: number }[]>('yearColours', lonLat);
    const i = out[0].index;
    const baseline = ((i * 37) % 20) * 1500;
    const change = ((i * 13) % 7) * 2600;
    expect(change).toBeGreaterThan(0); // the district does change, so the years differ
    expect(out.map((o) => o.year)).toEqual([2026, 2027, 2028]);
    // Exact: the same arithmetic in the result and here (tolerance 1e-9 people).
    [0.4, 0.7, 1].forEach((share, k) => {
      expect(out[k].scenario).toBeCloseTo(baseline + change * share, 9);
      expect(out[k].shown).toBeCloseTo(baseline + change * share, 9);
    });
  });

  it('shows phased changes by year', async () => {
    const { out, slider, rudny } = await call<{
      out: { year: number; hubs: (string | null)[] }[];
      slider: Record<string, string>;
      rudny: { kind: string; name: string; index: number; capacity?: number; addedInYear?: number };
    }>('years');
    // An added facility's pick carries what the change says about it.
    expect(rudny).toMatchObject({ kind: 'facility', name: 'Rudny IT hub', index: -1, capacity: 20, addedInYear: 2027 });
    // Hubs open in 2026 (Kostanay), 2027 (Rudny) and 2028 (Arkalyk); years clamp to 2026…2028.
    // Kostanay's hub sits among the city's POI markers, so only "a facility" is asserted there.
    expect(out.map((entry) => entry.year)).toEqual([2026, 2027, 2028, 2028]);
    // Before a hub opens, its point is the town's settlement marker.
    expect(out[0].hubs.slice(1)).toEqual(['settlement', 'settlement']);
    expect(out[1].hubs.slice(1)).toEqual(['it-hub:2027', 'settlement']);
    expect(out[2].hubs.slice(1)).toEqual(['it-hub:2027', 'it-hub:2028']);
    expect(out[0].hubs[0]).toMatch(/^(it-hub:2026|settlement|[a-z-]+:undefined)$/);
    expect(slider).toEqual({ min: '2026', max: '2028', value: '2028' });
  });

  it('draws the travel-time reach of a travel-time indicator, year by year', async () => {
    const { png, final, first, hubs, cellMeters } = await call<{
      png: string;
      final: [number, number][];
      first: [number, number][];
      hubs: [number, number][];
      cellMeters: number;
    }>('travelTimeReach');
    // The Kostanay layers have no roads: 60 min at 60 km/h with circuity 1.3 is 46.15 km straight.
    const limitKm = (60 * 60) / 1.3 / 60;
    // Cells (256 along the region's longer side) are kept by their centre: half a diagonal of
    // slack, plus 0.2 % for the projection.
    const cellKm = cellMeters / 1000;
    expect(cellKm).toBeGreaterThan(1);
    expect(cellKm).toBeLessThan(3);
    const slackKm = cellKm * 0.71 + limitKm * 0.002;
    const nearestHubKm = (cell: [number, number], of: [number, number][]) =>
      Math.min(...of.map((hub) => distance(point(cell), point(hub), { units: 'kilometers' })));
    expect(final.length).toBeGreaterThan(100);
    for (const cell of final) expect(nearestHubKm(cell, hubs)).toBeLessThan(limitKm + slackKm);
    // Every hub has cells around it in 2028; in 2026 only Kostanay's hub is open.
    for (const hub of hubs) expect(final.some((cell) => nearestHubKm(cell, [hub]) < limitKm / 2)).toBe(true);
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(final.length);
    for (const cell of first) expect(nearestHubKm(cell, [hubs[0]])).toBeLessThan(limitKm + slackKm);
    // The drawn area: at least Arkalyk's whole disc (inside the oblast), at most three discs.
    const discKm2 = Math.PI * limitKm ** 2;
    expect(final.length * cellKm ** 2).toBeGreaterThan(discKm2 * 0.95);
    expect(final.length * cellKm ** 2).toBeLessThan(discKm2 * 3);
    compareWithGolden('travel-time-reach', png);
  });

  it('shows names from data as text, never as HTML', async () => {
    const result = await call<{
      tooltipFirstLine: string;
      images: number;
      elementsInTooltip: number;
      xss: number | null;
    }>('textNotHtml');
    expect(result.tooltipFirstLine).toBe('<img src=x onerror="window.__xss=1">Evil');
    expect(result.images).toBe(0);
    expect(result.xss).toBeNull();
    // Only the line <div>s the tooltip is made of.
    expect(result.elementsInTooltip).toBe(2);
  });

  it('returns GPU memory to where it was on dispose()', async () => {
    const result = await call<{
      before: { geometries: number; textures: number };
      during: { geometries: number; textures: number };
      after: { geometries: number; textures: number };
      ownedDuring: { geometries: number; textures: number };
      ownedAfter: { geometries: number; textures: number };
      canvasInDocument: boolean;
      domLeft: number;
    }>('dispose');
    expect(result.during.geometries).toBeGreaterThan(result.before.geometries + 5);
    expect(result.after).toEqual(result.before);
    expect(result.ownedDuring.geometries).toBeGreaterThan(5);
    expect(result.ownedAfter).toEqual({ geometries: 0, textures: 0 });
    expect(result.canvasInDocument).toBe(false);
    expect(result.domLeft).toBe(0);
  });

  it('exports a PNG of the drawing buffer', async () => {
    const { type, size, png } = await call<{ type: string; size: number; png: string }>('exportPng');
    expect(type).toBe('image/png');
    expect(size).toBeGreaterThan(10_000);
    const image = decode(png);
    expect([image.width, image.height]).toEqual([800, 600]);
  });

  it('logs no errors in the browser', () => {
    expect(testPage.errors).toEqual([]);
  });
});
