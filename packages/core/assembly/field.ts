/**
 * BabyBear arithmetic for the WASM kernels (AssemblyScript), in Montgomery style with R = 2^32.
 *
 * Data stays canonical (plain residues in [0, p)); only fixed multipliers (twiddles, scalars,
 * challenge coordinates) are passed pre-multiplied by R, so redc(x·(s·R)) = x·s needs no
 * conversion of the data. REDC (Montgomery, Math. Comp. 1985): for x < p·2^32,
 * m = (x mod 2^32)·(−p^{-1}) mod 2^32 and t = (x + m·p)/2^32 < 2p with t ≡ x·2^{-32} (mod p);
 * x + m·p < p·2^33 < 2^64, so nothing overflows.
 */

/** The modulus p = 15·2^27 + 1. */
export const P: u32 = 2013265921;
/** p widened. */
export const P64: u64 = 2013265921;
/** −p^{-1} mod 2^32. */
export const PNEG_INV: u32 = 2013265919;
/** R² mod p with R = 2^32: redc(x·R2) = x·R mod p. */
export const R2: u64 = 1172168163;

/** Montgomery reduction to [0, 2p) (lazy); requires x < p·2^32. */
// @ts-ignore: decorator
@inline export function redcLazy(x: u64): u64 {
  const m: u32 = (<u32>x) * PNEG_INV;
  return (x + <u64>m * P64) >> 32;
}

/** Montgomery reduction to [0, p); requires x < p·2^32. */
// @ts-ignore: decorator
@inline export function redc(x: u64): u32 {
  const t = <u32>redcLazy(x);
  return t >= P ? t - P : t;
}

/** a + b mod p for canonical a, b. */
// @ts-ignore: decorator
@inline export function addMod(a: u32, b: u32): u32 {
  const s = a + b; // < 2p < 2^32
  return s >= P ? s - P : s;
}

/** a − b mod p for canonical a, b. */
// @ts-ignore: decorator
@inline export function subMod(a: u32, b: u32): u32 {
  return a >= b ? a - b : a + P - b;
}

/** x·s mod p for canonical x and sMont = s·R mod p. */
// @ts-ignore: decorator
@inline export function mulMont(x: u32, sMont: u32): u32 {
  return redc(<u64>x * <u64>sMont);
}

/** For a lazy sum s ≡ Σ x·y·2^{-32} (mod p) (any u64): returns Σ x·y mod p, i.e. (s mod p)·2^32 mod p. */
// @ts-ignore: decorator
@inline export function fixSum(s: u64): u32 {
  // s ≡ Σ x·y·R^{-1}; (s mod p)·R² reduced once more gives Σ x·y.
  return redc((s % P64) * R2);
}
