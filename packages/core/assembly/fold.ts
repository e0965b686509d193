/**
 * Multilinear fold by the most significant variable (Thaler, Proofs, Arguments and Zero-Knowledge
 * §4.1): for a table T of 2^v entries (index i = Σ b_k 2^k) and challenge r ∈ K,
 * out[i] = T[i] + r·(T[i + half] − T[i]) for i < half = 2^{v−1}. Same semantics as
 * packages/core/src/poly/fold.ts. One v128 holds one ext element.
 */
import { subMod } from './field';
import { mulMontV, addV, subV } from './simd';

/** A v128 from 4 lanes. */
// @ts-ignore: decorator
@inline function v4(a: u32, b: u32, c: u32, d: u32): v128 {
  return i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(a), 1, b), 2, c), 3, d);
}

/**
 * Base table (2·half u32) → flat ext table (4·half u32): out_i = (T[i], 0, 0, 0) + d_i·r with
 * d_i = T[i + half] − T[i]. r_c are the challenge coordinates times 2^32 mod p. `out` must not
 * overlap the table (the output is twice as wide).
 */
export function fold_base(table: usize, out: usize, half: u32, r0: u32, r1: u32, r2: u32, r3: u32): void {
  const rv = v4(r0, r1, r2, r3);
  const hiBase = table + (<usize>half << 2);
  for (let i: u32 = 0; i < half; i++) {
    const lo = load<u32>(table + (<usize>i << 2));
    const d = subMod(load<u32>(hiBase + (<usize>i << 2)), lo);
    v128.store(out + (<usize>i << 4), addV(i32x4.replace_lane(i32x4.splat(0), 0, lo), mulMontV(i32x4.splat(d), rv)));
  }
}

/**
 * Flat ext table (4·2·half u32) → flat ext table (4·half u32), in place allowed (out = table:
 * entry i reads entries i and i + half before writing entry i). With d = T[i + half] − T[i],
 * r·d = Σ_j d_j·(r·X^j), and the rows r·X^j in K = F_p[X]/(X^4 − 11) are
 * (r0, r1, r2, r3), (11r3, r0, r1, r2), (11r2, 11r3, r0, r1), (11r1, 11r2, 11r3, r0).
 * r_c are given times 2^32 mod p and w_c = 11·r_c times 2^32 mod p.
 */
export function fold_ext(table: usize, out: usize, half: u32, r0: u32, r1: u32, r2: u32, r3: u32, w1: u32, w2: u32, w3: u32): void {
  const row0 = v4(r0, r1, r2, r3);
  const row1 = v4(w3, r0, r1, r2);
  const row2 = v4(w2, w3, r0, r1);
  const row3 = v4(w1, w2, w3, r0);
  const hiBase = table + (<usize>half << 4);
  for (let i: u32 = 0; i < half; i++) {
    const lo = v128.load(table + (<usize>i << 4));
    const d = subV(v128.load(hiBase + (<usize>i << 4)), lo);
    const c01 = addV(mulMontV(i32x4.shuffle(d, d, 0, 0, 0, 0), row0), mulMontV(i32x4.shuffle(d, d, 1, 1, 1, 1), row1));
    const c23 = addV(mulMontV(i32x4.shuffle(d, d, 2, 2, 2, 2), row2), mulMontV(i32x4.shuffle(d, d, 3, 3, 3, 3), row3));
    v128.store(out + (<usize>i << 4), addV(lo, addV(c01, c23)));
  }
}
