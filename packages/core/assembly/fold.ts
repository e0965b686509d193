/**
 * Multilinear fold by the most significant variable (Thaler, Proofs, Arguments and Zero-Knowledge
 * §4.1): for a table T of 2^v entries (index i = Σ b_k 2^k) and challenge r ∈ K,
 * out[i] = T[i] + r·(T[i + half] − T[i]) for i < half = 2^{v−1}. Same semantics as
 * packages/core/src/poly/fold.ts. `out` may equal the table pointer (in place): entry i reads
 * only entries i and i + half before writing entry i.
 */
import { redc, addMod, subMod, mulMont } from './field';

/**
 * Base table (half·2 u32) → flat ext table (4·half u32). r_c are the challenge coordinates times
 * 2^32 mod p. `out` must not overlap the table (the output is 2× wider).
 */
export function fold_base(table: usize, out: usize, half: u32, r0: u32, r1: u32, r2: u32, r3: u32): void {
  const hiBase = table + (<usize>half << 2);
  for (let i: u32 = 0; i < half; i++) {
    const lo = load<u32>(table + (<usize>i << 2));
    const d = subMod(load<u32>(hiBase + (<usize>i << 2)), lo);
    const o = out + (<usize>i << 4);
    store<u32>(o, addMod(lo, mulMont(d, r0)));
    store<u32>(o + 4, mulMont(d, r1));
    store<u32>(o + 8, mulMont(d, r2));
    store<u32>(o + 12, mulMont(d, r3));
  }
}

/**
 * Flat ext table (4·2·half u32) → flat ext table (4·half u32). r_c are the coordinates times
 * 2^32 mod p, w_c = 11·r_c times 2^32 mod p. Each output coordinate of r·d is two REDCs of two
 * products each: 2p² < p·2^32, so REDC's input bound holds.
 */
export function fold_ext(table: usize, out: usize, half: u32, r0: u32, r1: u32, r2: u32, r3: u32, w1: u32, w2: u32, w3: u32): void {
  const hiBase = table + (<usize>half << 4);
  const R0 = <u64>r0, R1 = <u64>r1, R2m = <u64>r2, R3 = <u64>r3, W1 = <u64>w1, W2 = <u64>w2, W3 = <u64>w3;
  for (let i: u32 = 0; i < half; i++) {
    const ol = table + (<usize>i << 4), oh = hiBase + (<usize>i << 4);
    const l0 = load<u32>(ol), l1 = load<u32>(ol + 4), l2 = load<u32>(ol + 8), l3 = load<u32>(ol + 12);
    const d0 = <u64>subMod(load<u32>(oh), l0);
    const d1 = <u64>subMod(load<u32>(oh + 4), l1);
    const d2 = <u64>subMod(load<u32>(oh + 8), l2);
    const d3 = <u64>subMod(load<u32>(oh + 12), l3);
    const c0 = addMod(redc(d0 * R0 + d1 * W3), redc(d2 * W2 + d3 * W1));
    const c1 = addMod(redc(d0 * R1 + d1 * R0), redc(d2 * W3 + d3 * W2));
    const c2 = addMod(redc(d0 * R2m + d1 * R1), redc(d2 * R0 + d3 * W3));
    const c3 = addMod(redc(d0 * R3 + d1 * R2m), redc(d2 * R1 + d3 * R0));
    const o = out + (<usize>i << 4);
    store<u32>(o, addMod(l0, c0));
    store<u32>(o + 4, addMod(l1, c1));
    store<u32>(o + 8, addMod(l2, c2));
    store<u32>(o + 12, addMod(l3, c3));
  }
}
