/**
 * The browser side of render-doc-images.ts: draws the pictures of docs/viewer.md with the real
 * Kostanay layers (served from ../shared/data) and a result.json made by `regiontwin run`.
 */
import { compileRegion, loadRegionFromObjects, type RegionModel, type ScenarioResult } from '@regiontwin/core';
import { createViewer, generateSyntheticBuildings, type Viewer, type ViewerOptions } from '../src/index.js';
import { KOSTANAY_FILES, KOSTANAY_MANIFEST, smallRegionSources } from '../test/browser/test-data.js';

async function loadKostanay(): Promise<RegionModel> {
  const files: Record<string, unknown> = {};
  for (const name of Object.values(KOSTANAY_FILES)) files[name] = await (await fetch(`/data/${name}`)).json();
  return compileRegion(await loadRegionFromObjects(KOSTANAY_MANIFEST, files));
}

let current: Viewer | null = null;

function open(width: number, height: number, options: ViewerOptions = {}): Viewer {
  current?.dispose();
  document.body.replaceChildren();
  const container = document.createElement('div');
  Object.assign(container.style, {
    position: 'absolute',
    left: '0',
    top: '0',
    width: `${width}px`,
    height: `${height}px`,
  });
  document.body.append(container);
  current = createViewer(container, { pixelRatio: 1, ...options });
  return current;
}

async function base64(viewer: Viewer): Promise<string> {
  const bytes = new Uint8Array(await (await viewer.toPNG()).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const pages = {
  /** Kostanay coloured by an indicator of the result, with its travel-time reach. */
  async indicator(result: ScenarioResult, indicator: string) {
    const viewer = open(960, 640);
    await viewer.setRegion(await loadKostanay());
    viewer.setResult(result, { indicator });
    return base64(viewer);
  },
  /** Baseline and scenario side by side. */
  async split(result: ScenarioResult, indicator: string) {
    const viewer = open(960, 640);
    await viewer.setRegion(await loadKostanay());
    viewer.setResult(result, { indicator, compareTo: 'baseline' });
    return base64(viewer);
  },
  /** A synthetic town of 900 extruded buildings on the hand-made test grid (labelled synthetic). */
  async buildings() {
    const { manifest, files } = smallRegionSources();
    const region = compileRegion(await loadRegionFromObjects(manifest, files));
    const town = generateSyntheticBuildings({ count: 900, seed: 3, projection: region.projection });
    const viewer = open(960, 640);
    const drawn = new Promise<void>((resolve) => viewer.on('buildings', () => resolve()));
    await viewer.setRegion({ ...region, buildings: town });
    await drawn;
    viewer.fitToBounds([-560, -560, 560, 560], { pitchDegrees: 50, bearingDegrees: -25, padding: 0 });
    return base64(viewer);
  },
};

(window as unknown as { pages: typeof pages }).pages = pages;
(window as unknown as { harnessReady: boolean }).harnessReady = true;
