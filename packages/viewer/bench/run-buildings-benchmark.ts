import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { openTestPage, PACKAGE_DIR } from '../test/browser/serve-test-page.js';
import type { BuildingsBenchOptions, BuildingsBenchReport } from './buildings-bench-page.js';

/**
 * Runs the buildings benchmark page (buildings-bench-page.ts) once in headless Chromium and
 * checks that the merged and the naive scene drew the same picture: both frames are written to
 * `outDir` (bench-buildings-merged.png, bench-buildings-naive.png) and compared with pixelmatch
 * (colour threshold 0.1).
 *
 * @param options what the page measures
 * @param outDir folder for the bundled page and the two frames
 * @returns the page's report and the share of pixels that differ between the two frames (0…1)
 */
export async function runBuildingsBenchmark(
  options: BuildingsBenchOptions,
  outDir: string,
): Promise<{ report: BuildingsBenchReport; differentShare: number; browserErrors: string[] }> {
  const page = await openTestPage(join(PACKAGE_DIR, 'bench/buildings-bench-page.ts'), {
    outDir: join(outDir, 'bench-page'),
    viewport: { width: options.width, height: options.height },
  });
  let report: BuildingsBenchReport;
  try {
    report = await page.page.evaluate(
      (o) => (window as unknown as { bench: { run(o: unknown): Promise<BuildingsBenchReport> } }).bench.run(o),
      options,
    );
  } finally {
    await page.close();
  }
  mkdirSync(outDir, { recursive: true });
  const merged = Buffer.from(report.viewerPng, 'base64');
  const naive = Buffer.from(report.naivePng, 'base64');
  writeFileSync(join(outDir, 'bench-buildings-merged.png'), merged);
  writeFileSync(join(outDir, 'bench-buildings-naive.png'), naive);
  const a = PNG.sync.read(merged);
  const b = PNG.sync.read(naive);
  const different = pixelmatch(a.data, b.data, null, a.width, a.height, { threshold: 0.1 });
  return { report, differentShare: different / (a.width * a.height), browserErrors: page.errors };
}
