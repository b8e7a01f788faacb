/**
 * nearest-facility-1m: travel time from the nearest of 1,000 facilities to every node of a
 * 1,000,000-node road lattice by one multi-source Dijkstra (issue 3: ≤ 250 ms, ≥ 500× one
 * Dijkstra per facility). See bench/nearest-facility.ts.
 */
import { benchNearestFacility } from './nearest-facility.js';

benchNearestFacility('nearest-facility-1m', 1000, { medianMs: 250, ratio: 500 });
