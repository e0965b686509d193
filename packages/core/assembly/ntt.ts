/**
 * Radix-2 decimation-in-time NTT over BabyBear, natural order in and out, in place
 * (Cooley–Tukey; same convention as packages/core/src/ntt/ntt.ts: a[j] ← Σ_i a[i]·ω^{ij}).
 * `tw` points to a twiddle table in the shared layout tw[h + k] = ω_{2h}^{±k}·2^32 mod p
 * (Montgomery form, so a butterfly's product is one REDC). The inverse transform is the same
 * routine with the inverse table followed by vec_scale by n^{-1}.
 */
import { addMod, subMod, mulMont } from './field';
import { mulMontV, addV, subV } from './simd';

/** Permutes a[0..2^logN) into bit-reversed index order. */
export function bit_reverse(a: usize, logN: u32): void {
  const n: u32 = 1 << logN;
  let j: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    if (i < j) {
      const pi = a + (<usize>i << 2), pj = a + (<usize>j << 2);
      const t = load<u32>(pi);
      store<u32>(pi, load<u32>(pj));
      store<u32>(pj, t);
    }
    let bit: u32 = n >> 1;
    while (bit != 0 && (j & bit) != 0) {
      j ^= bit;
      bit >>= 1;
    }
    j |= bit;
  }
}

/**
 * The butterfly passes on bit-reversed input: (x, y) ← (x + w·y, x − w·y). Passes with
 * half-length h ≥ 4 run 4 butterflies per v128 (consecutive k share nothing but the pass);
 * the first two passes are scalar.
 */
export function ntt_passes(a: usize, logN: u32, tw: usize): void {
  const n: u32 = 1 << logN;
  for (let h: u32 = 1; h < n; h <<= 1) {
    const step = h << 1;
    const twh = tw + (<usize>h << 2);
    if (h < 4) {
      for (let start: u32 = 0; start < n; start += step) {
        const base = a + (<usize>start << 2);
        const hb = base + (<usize>h << 2);
        for (let k: u32 = 0; k < h; k++) {
          const ko = <usize>k << 2;
          const x = load<u32>(base + ko);
          const t = mulMont(load<u32>(hb + ko), load<u32>(twh + ko));
          store<u32>(base + ko, addMod(x, t));
          store<u32>(hb + ko, subMod(x, t));
        }
      }
      continue;
    }
    for (let start: u32 = 0; start < n; start += step) {
      const base = a + (<usize>start << 2);
      const hb = base + (<usize>h << 2);
      for (let k: u32 = 0; k < h; k += 4) {
        const ko = <usize>k << 2;
        const x = v128.load(base + ko);
        const t = mulMontV(v128.load(hb + ko), v128.load(twh + ko));
        v128.store(base + ko, addV(x, t));
        v128.store(hb + ko, subV(x, t));
      }
    }
  }
}

/** Full transform: bit reversal then the butterfly passes. */
export function ntt(a: usize, logN: u32, tw: usize): void {
  bit_reverse(a, logN);
  ntt_passes(a, logN, tw);
}
