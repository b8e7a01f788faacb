// Worker for model-transfer-100k.bench.ts: deserialises a transferred model buffer (or counts the
// features of structured-cloned GeoJSON) and replies with a few numbers that prove it did.
// Imports the built package (run `pnpm -C packages/core build` first).
import { parentPort } from 'node:worker_threads';
import { deserializeRegionModel } from '../packages/core/dist/index.js';

parentPort.on('message', (message) => {
  if (message.kind === 'model' || message.kind === 'model-and-strings') {
    const model = deserializeRegionModel(message.buffer);
    // 'model-and-strings' also reads every id and name (parsing the lazy string sections).
    const strings = message.kind === 'model-and-strings' ? model.demand.ids.length + model.demand.names.length : 0;
    parentPort.postMessage({ demand: model.demand.count, districts: model.districts.count, strings });
  } else {
    const { districts, settlements } = message.layers;
    parentPort.postMessage({ demand: settlements.features.length, districts: districts.features.length });
  }
});
