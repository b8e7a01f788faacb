/**
 * kostanay-load-compile: `loadRegion` + `compileRegion` on the real Kostanay oblast
 * (fixtures/kostanay, layers linked from shared/data), with serialise / deserialise medians;
 * baseline: reading and `JSON.parse` of the same files alone.
 */
import { benchRegionLoadCompile } from './region-load-compile.js';

await benchRegionLoadCompile('kostanay-load-compile', 'fixtures/kostanay');
