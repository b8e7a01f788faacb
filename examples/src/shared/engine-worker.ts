/** The engine's Web Worker for the examples: core's worker entry, spelled out for the bundler. */
import { exposeEngineWorker } from '@regiontwin/core';

exposeEngineWorker(self as unknown as Parameters<typeof exposeEngineWorker>[0]);
