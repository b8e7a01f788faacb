import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { PACKAGE_DIR } from './serve-test-page.js';

/** Where goldens live (committed) and where failed runs leave their images (gitignored). */
export const GOLDEN_DIR = join(PACKAGE_DIR, 'test/goldens');
export const OUTPUT_DIR = join(PACKAGE_DIR, 'test-output');

/** Regenerate goldens instead of comparing (`UPDATE_GOLDENS=1`). */
export const UPDATE_GOLDENS = process.env.UPDATE_GOLDENS === '1';

/** Share of pixels allowed to differ (beyond pixelmatch's per-pixel colour threshold). */
const MAX_DIFFERENT_SHARE = 0.005;

/**
 * Compares a PNG (base64) with the golden `name`.png: pixelmatch with a colour threshold of 0.1
 * (anti-aliased pixels ignored); at most 0.5 % of the pixels may differ. With UPDATE_GOLDENS=1
 * the golden is rewritten instead. On a mismatch the actual image and a diff image are written
 * to test-output/.
 */
export function compareWithGolden(
  name: string,
  pngBase64: string,
): { differentPixels: number; total: number; updated: boolean } {
  const actualBytes = Buffer.from(pngBase64, 'base64');
  const goldenPath = join(GOLDEN_DIR, `${name}.png`);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  writeFileSync(join(OUTPUT_DIR, `${name}.actual.png`), actualBytes);
  if (UPDATE_GOLDENS) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(goldenPath, actualBytes);
    return { differentPixels: 0, total: 0, updated: true };
  }
  if (!existsSync(goldenPath)) {
    throw new Error(`No golden ${goldenPath}; run with UPDATE_GOLDENS=1 and look at the image before committing it`);
  }
  const actual = PNG.sync.read(actualBytes);
  const golden = PNG.sync.read(readFileSync(goldenPath));
  if (actual.width !== golden.width || actual.height !== golden.height) {
    throw new Error(`${name}: size ${actual.width}×${actual.height}, golden ${golden.width}×${golden.height}`);
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differentPixels = pixelmatch(actual.data, golden.data, diff.data, actual.width, actual.height, {
    threshold: 0.1,
  });
  const total = actual.width * actual.height;
  if (differentPixels > total * MAX_DIFFERENT_SHARE) {
    writeFileSync(join(OUTPUT_DIR, `${name}.diff.png`), PNG.sync.write(diff));
    throw new Error(
      `${name}: ${differentPixels} of ${total} pixels differ from the golden (allowed ${Math.floor(total * MAX_DIFFERENT_SHARE)}); ` +
        `see test-output/${name}.actual.png and ${name}.diff.png`,
    );
  }
  return { differentPixels, total, updated: false };
}
