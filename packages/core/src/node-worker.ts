/** Node `worker_threads` entry of the engine, through comlink's node adapter. */
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { exposeEngineWorker } from './engine/engine-api.js';

if (!parentPort) throw new Error('node-worker.js must run in a worker thread');
exposeEngineWorker(nodeEndpoint(parentPort as unknown as Parameters<typeof nodeEndpoint>[0]));
