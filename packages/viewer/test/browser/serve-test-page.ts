import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
/** The package folder (packages/viewer). */
export const PACKAGE_DIR = resolve(here, '../..');
/** Real data shared beside the repository (`../shared` from the repository root); never copied in. */
export const SHARED_DATA_DIR = resolve(PACKAGE_DIR, '../../../shared/data/kazakhstan');

/** The Chromium flags of every browser test: software WebGL (SwiftShader), no network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
];

/** A served, loaded test page. */
export interface TestPage {
  page: Page;
  browser: Browser;
  url: string;
  /** Browser console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Bundles `entry` (and the buildings worker beside it, as dist/ has it) with esbuild into a
 * temporary folder, serves it on 127.0.0.1 with the files of SHARED_DATA_DIR under /data/, and
 * opens it in headless Chromium.
 */
export async function openTestPage(
  entry: string,
  options: { outDir: string; viewport?: { width: number; height: number } },
): Promise<TestPage> {
  const outDir = options.outDir;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: {
      page: entry,
      'buildings-worker': join(PACKAGE_DIR, 'src/buildings/buildings-worker.ts'),
    },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><style>html,body{margin:0;background:#fff}</style></head>' +
      '<body><script type="module" src="/page.js"></script></body></html>',
  );
  const server = await listen(outDir);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/index.html`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 800, height: 600 },
    deviceScaleFactor: 1,
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
  return {
    page,
    browser,
    url,
    errors,
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.json': 'application/json',
};

function listen(outDir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    // Only plain file names: no folders, no "..".
    const name = path.split('/').pop() ?? '';
    const safe = /^[\w.-]+$/.test(name) && !name.startsWith('.');
    const file = !safe ? null : path.startsWith('/data/') ? join(SHARED_DATA_DIR, name) : join(outDir, name);
    try {
      if (!file) throw new Error('bad path');
      const body = readFileSync(file);
      const extension = name.slice(name.lastIndexOf('.'));
      response.writeHead(200, {
        'content-type': TYPES[extension] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  return new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise(server)));
}
