/**
 * kazakhstan-load-compile: `loadRegion` + `compileRegion` on the embedded national region
 * (fixtures/kazakhstan: Natural Earth oblasts, GeoNames settlements), with serialise /
 * deserialise medians; baseline: reading and `JSON.parse` of the same files alone.
 */
import { benchRegionLoadCompile } from './region-load-compile.js';

await benchRegionLoadCompile('kazakhstan-load-compile', 'fixtures/kazakhstan');
