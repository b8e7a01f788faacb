/** Browser Web Worker entry of the engine: `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`. */
import { exposeEngineWorker } from './engine/engine-api.js';

exposeEngineWorker(self as unknown as Parameters<typeof exposeEngineWorker>[0]);
