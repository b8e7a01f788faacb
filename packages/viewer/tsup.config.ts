import { defineConfig } from 'tsup';

// Two entries: the library and the buildings worker. The library starts the worker with
// `new Worker(new URL('./buildings-worker.js', import.meta.url), { type: 'module' })`, a pattern
// that Vite, webpack 5 and esbuild-based bundlers recognise, so both files must sit side by side
// in dist/.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'buildings-worker': 'src/buildings/buildings-worker.ts',
  },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'browser',
});
