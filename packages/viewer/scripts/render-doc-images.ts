/**
 * Renders the pictures of docs/viewer.md into docs/images/ (viewer-*.png) in headless Chromium.
 *
 *   node packages/cli/dist/bin.js run fixtures/scenarios/kostanay-it-hub-per-district.json --out /tmp/kostanay-hubs
 *   npx tsx packages/viewer/scripts/render-doc-images.ts /tmp/kostanay-hubs/result.json
 *
 * Look at every image before committing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openTestPage, PACKAGE_DIR } from '../test/browser/serve-test-page.js';

const resultPath = process.argv[2];
if (!resultPath) {
  console.error('usage: render-doc-images.ts <result.json of kostanay-it-hub-per-district>');
  process.exit(1);
}
const result = JSON.parse(readFileSync(resolve(resultPath), 'utf8')) as unknown;
const imagesDir = resolve(PACKAGE_DIR, '../../docs/images');
const page = await openTestPage(join(PACKAGE_DIR, 'scripts/doc-images-page.ts'), {
  outDir: join(PACKAGE_DIR, 'test-output/doc-images-page'),
  viewport: { width: 960, height: 640 },
});
type Pages = Record<string, (...args: unknown[]) => Promise<string>>;
const render = (name: string, ...args: unknown[]) =>
  page.page.evaluate(
    ([fn, params]) => (window as unknown as { pages: Pages }).pages[fn as string](...(params as unknown[])),
    [name, args] as const,
  );
try {
  writeFileSync(
    join(imagesDir, 'viewer-kostanay-travel-time.png'),
    Buffer.from(await render('indicator', result, 'population-within-travel-time'), 'base64'),
  );
  writeFileSync(
    join(imagesDir, 'viewer-kostanay-split.png'),
    Buffer.from(await render('split', result, 'coverage-share'), 'base64'),
  );
  writeFileSync(join(imagesDir, 'viewer-buildings.png'), Buffer.from(await render('buildings'), 'base64'));
  if (page.errors.length > 0) throw new Error(`browser errors: ${page.errors.join(' | ')}`);
  console.log(`wrote viewer-kostanay-travel-time.png, viewer-kostanay-split.png, viewer-buildings.png to ${imagesDir}`);
} finally {
  await page.close();
}
