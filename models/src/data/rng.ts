/**
 * Seeded pseudo-random numbers for deterministic splits, shuffles and synthetic weights.
 *
 * mulberry32 (a 32-bit state generator, public domain) is enough here: the zoo needs
 * reproducibility across runs and machines, not statistical strength or secrecy.
 */

/** A seeded generator of floats in [0, 1). */
export type Rng = () => number;

/**
 * Creates a seeded generator.
 * @param seed - any 32-bit integer; equal seeds give equal streams.
 * @returns a function returning the next float in [0, 1).
 * @example
 * const r = mulberry32(1); r(); // always the same first value
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded permutation of 0..n-1 (Fisher–Yates).
 * @param n - length.
 * @param seed - generator seed.
 * @returns the permuted indices.
 */
export function permutation(n: number, seed: number): Uint32Array {
  const r = mulberry32(seed);
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * Standard normal samples (Box–Muller) from a seeded generator.
 * @param r - the generator.
 * @returns one N(0, 1) sample.
 */
export function gaussian(r: Rng): number {
  const u = 1 - r();
  const v = r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
