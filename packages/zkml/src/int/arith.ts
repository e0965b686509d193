/**
 * Exact integer arithmetic helpers of the integer executor, on JS numbers holding integers.
 *
 * Every value here stays below 2^53 in magnitude, so double arithmetic is exact; division by a
 * power of two is exact in binary floating point and Math.floor of an exact quotient is the floor.
 * Never Math.round (it rounds −2.5 to −2), never `|0` or Math.imul on values that may exceed 32 bits.
 *
 * Requantization (Jacob et al., integer-only quantization, CVPR 2018, §2.2, with round-half-up
 * instead of their saturating doubling high-mul) in the split form of the Vouch proof system
 * (shared/design/proof-system.md, "Integer semantics in a 31-bit field"):
 *   acc = h·2^13 + l,                    0 ≤ l < 2^13
 *   l·M + 2^(s−1) = c·2^13 + r1,         0 ≤ r1 < 2^13
 *   h·M + c       = q·2^(s−13) + r2,     0 ≤ r2 < 2^(s−13)
 * gives q = ⌊(acc·M + 2^(s−1)) / 2^s⌋ (proof in docs/parts/quantization.md).
 */

/** 2^13: the low-limb radix of the split requantization. */
export const REQUANT_LIMB = 8192;
/** Smallest allowed requantization shift (the split needs s ≥ 13). */
export const SHIFT_MIN = 13;
/** Largest allowed requantization shift. */
export const SHIFT_MAX = 29;
/** Multipliers are integers in [0, 2^16). */
export const MULTIPLIER_LIMIT = 65536;

/**
 * Floor division with remainder: returns [q, r] with a = q·d + r, 0 ≤ r < d.
 * @param a an integer, |a| < 2^53
 * @param d a positive integer
 */
export function floorDivMod(a: number, d: number): [number, number] {
  const q = Math.floor(a / d);
  let r = a - q * d;
  // a / d is correctly rounded; for |a| < 2^53 and the d used here the floor is exact, but keep
  // the remainder canonical even if a rounding ever pushed q by one.
  let qq = q;
  if (r < 0) {
    qq -= 1;
    r += d;
  } else if (r >= d) {
    qq += 1;
    r -= d;
  }
  return [qq, r];
}

/** All intermediates of one split requantization (what a proof commits to). */
export interface RequantSplit {
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly r1: number;
  readonly r2: number;
  /** ⌊(acc·M + 2^(s−1)) / 2^s⌋, before clamping. */
  readonly q: number;
}

/**
 * The split requantization of one accumulator, every step exact.
 * @param acc the accumulator, |acc| ≤ (p−1)/2
 * @param m the multiplier, 0 ≤ M < 2^16
 * @param s the shift, 13 ≤ s ≤ 29
 * @returns h, l, c, r1, r2 and the unclamped q
 */
export function requantSplit(acc: number, m: number, s: number): RequantSplit {
  const [h, l] = floorDivMod(acc, REQUANT_LIMB);
  const [c, r1] = floorDivMod(l * m + 2 ** (s - 1), REQUANT_LIMB);
  const [q, r2] = floorDivMod(h * m + c, 2 ** (s - 13));
  return { h, l, c, r1, r2, q };
}

/**
 * Requantizes one accumulator: ⌊(acc·M + 2^(s−1)) / 2^s⌋ (round half up) clamped to [lo, hi].
 * Computed in the split form so the executor runs exactly the steps the proof attests.
 */
export function requantize(acc: number, m: number, s: number, lo: number, hi: number): number {
  const h = Math.floor(acc / REQUANT_LIMB);
  const l = acc - h * REQUANT_LIMB;
  const c = Math.floor((l * m + 2 ** (s - 1)) / REQUANT_LIMB);
  const q = Math.floor((h * m + c) / 2 ** (s - 13));
  return q < lo ? lo : q > hi ? hi : q;
}

/** Round half up of a real number to an integer (⌊x + 1/2⌋), the rounding used for quantizing floats. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

/** Clamps an integer to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
