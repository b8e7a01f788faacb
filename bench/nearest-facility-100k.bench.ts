/**
 * nearest-facility-100k: the same as nearest-facility-1m on a 316 × 316 = 99,856-node lattice
 * (issue 3: ≤ 15 ms). See bench/nearest-facility.ts.
 */
import { benchNearestFacility } from './nearest-facility.js';

benchNearestFacility('nearest-facility-100k', 316, { medianMs: 15 });
