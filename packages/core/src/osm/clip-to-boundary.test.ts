import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { createBoundaryClipper } from './clip-to-boundary.js';

const square = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];
/** Two districts side by side, 63.0–63.1 and 63.1–63.2 °E, 53.0–53.1 °N. */
const districts: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(63.0, 53.0, 63.1, 53.1) } },
    { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(63.1, 53.0, 63.2, 53.1) } },
  ],
};

describe('createBoundaryClipper', () => {
  const clipper = createBoundaryClipper(districts);

  it('cuts a line where it leaves and re-enters the boundary', () => {
    // From inside, north out of the boundary at 53.1, and back in: two parts.
    const parts = clipper.clipLine([
      [63.05, 53.05],
      [63.05, 53.15],
      [63.15, 53.15],
      [63.15, 53.05],
    ]);
    expect(parts).toEqual([
      [
        [63.05, 53.05],
        [63.05, 53.1],
      ],
      [
        [63.15, 53.1],
        [63.15, 53.05],
      ],
    ]);
  });

  it('adds no vertex where a line crosses from one district into the other', () => {
    expect(
      clipper.clipLine([
        [63.05, 53.05],
        [63.15, 53.05],
      ]),
    ).toEqual([
      [
        [63.05, 53.05],
        [63.15, 53.05],
      ],
    ]);
  });

  it('cuts a segment that passes through with both ends outside', () => {
    // y = 53.05 from 62.9 to 63.3: inside between 63.0 and 63.2.
    expect(
      clipper.clipLine([
        [62.9, 53.05],
        [63.3, 53.05],
      ]),
    ).toEqual([
      [
        [63.0, 53.05],
        [63.2, 53.05],
      ],
    ]);
    expect(
      clipper.clipLine([
        [63.3, 53.05],
        [63.4, 53.05],
      ]),
    ).toEqual([]);
  });

  it('tests points against the districts', () => {
    expect(clipper.inside(63.15, 53.05)).toBe(true);
    expect(clipper.inside(63.25, 53.05)).toBe(false);
  });
});
