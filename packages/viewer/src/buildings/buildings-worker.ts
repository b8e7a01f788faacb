// The buildings worker entry: builds merged building geometry off the main thread.
import { expose } from 'comlink';
import { buildingsWorkerApi } from './buildings-worker-api.js';

expose(buildingsWorkerApi);
