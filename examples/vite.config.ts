import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The examples site: a landing page, the playground and one page per focused solution. `base: './'`
 * makes every URL relative, so the built `dist/` works from any static file server, in any folder,
 * offline (the embedded region is bundled into a lazily loaded chunk; nothing is fetched from the
 * network).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        playground: resolve(import.meta.dirname, 'playground/index.html'),
        'it-hub-per-district': resolve(import.meta.dirname, 'it-hub-per-district/index.html'),
        'rural-broadband': resolve(import.meta.dirname, 'rural-broadband/index.html'),
      },
    },
  },
  worker: { format: 'es' },
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
});
