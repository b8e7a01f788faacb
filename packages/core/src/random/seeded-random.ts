/**
 * Seeded pseudo-random numbers: the one source of randomness for generators, templates and
 * optimisers, so that the same seed gives the same bytes on every machine.
 *
 * The generator is **mulberry32** by Tommy Ettinger (2017, public domain; reference code in
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): a 32-bit state advanced
 * by a Weyl sequence (+0x6D2B79F5) and mixed by two multiply-xorshift rounds. It uses only 32-bit
 * integer arithmetic (`Math.imul`, shifts, xor), so its output is bit-identical on every JavaScript
 * engine and platform. Its period is 2^32 and not every 32-bit value occurs; that is fine for
 * simulation and test data, and it is not for cryptography.
 */

/** A source of uniform floats in [0, 1), as returned by {@link createSeededRandom}. */
export type RandomSource = () => number;

/** 2^32, to map a 32-bit unsigned integer to [0, 1). */
const UINT32_RANGE = 4294967296;

/**
 * Creates a mulberry32 generator. Each call of the returned function gives the next float in
 * [0, 1), with 32 bits of resolution (a multiple of 2^-32).
 *
 * @param seed An integer; it is reduced to 32 bits (`seed >>> 0`), so `-1` and `4294967295` give
 *   the same stream.
 * @throws {RangeError} when the seed is not a finite integer.
 */
export function createSeededRandom(seed: number): RandomSource {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer (got ${seed})`);
  let state = seed >>> 0;
  return function mulberry32(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / UINT32_RANGE;
  };
}

/**
 * Derives the seed of an independent sub-stream from a seed and a stream number, so that parts of a
 * generator (districts, settlements, roads…) draw from their own streams and adding draws to one
 * part leaves the others unchanged. Uses the 32-bit finaliser of MurmurHash3 (Austin Appleby,
 * public domain) over the seed and the stream number.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A uniform integer in [min, maxExclusive), from one draw of `random`. The bias is at most
 * (maxExclusive − min) / 2^32, negligible for the ranges used here.
 *
 * @throws {RangeError} when the bounds are not integers or the range is empty.
 */
export function randomInt(random: RandomSource, min: number, maxExclusive: number): number {
  if (!Number.isInteger(min) || !Number.isInteger(maxExclusive) || maxExclusive <= min) {
    throw new RangeError(`randomInt needs integers min < maxExclusive (got ${min}, ${maxExclusive})`);
  }
  return min + Math.floor(random() * (maxExclusive - min));
}

/**
 * A standard normal variate (mean 0, standard deviation 1) by the Box–Muller transform (G. E. P.
 * Box and M. E. Muller, "A Note on the Generation of Random Normal Deviates", Ann. Math. Statist.
 * 29(2), 1958): z = √(−2 ln u₁) · cos(2π u₂). Takes two draws and returns one variate (the sine
 * twin is dropped, which keeps the function stateless). u₁ is taken as 1 − random() so that it lies
 * in (0, 1] and the logarithm is finite.
 *
 * `Math.log` and `Math.cos` are not bit-specified by ECMAScript; V8 (Node, Chrome) computes them
 * with the same fdlibm port on every platform. Callers that need identical bytes across engines
 * should round the results (the synthetic-region generator rounds coordinates to 1e-6°).
 */
export function randomNormal(random: RandomSource): number {
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
