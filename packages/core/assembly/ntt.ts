/**
 * Radix-2 decimation-in-time NTT over BabyBear, natural order in and out, in place
 * (Cooley–Tukey; same convention as packages/core/src/ntt/ntt.ts: a[j] ← Σ_i a[i]·ω^{ij}).
 * `tw` points to a twiddle table in the shared layout tw[h + k] = ω_{2h}^{±k}·2^32 mod p
 * (Montgomery form, so a butterfly's product is one REDC). The inverse transform is the same
 * routine with the inverse table followed by vec_scale by n^{-1}.
 */
import { addMod, subMod } from './field';
import { mulMontV, addV, subV } from './simd';

/** Reverses the 32 bits of x (branch-free swaps of halves, bytes, nibbles, pairs, bits). */
// @ts-ignore: decorator
@inline function reverse32(x: u32): u32 {
  x = (x >>> 16) | (x << 16);
  x = ((x & 0xff00ff00) >>> 8) | ((x & 0x00ff00ff) << 8);
  x = ((x & 0xf0f0f0f0) >>> 4) | ((x & 0x0f0f0f0f) << 4);
  x = ((x & 0xcccccccc) >>> 2) | ((x & 0x33333333) << 2);
  return ((x & 0xaaaaaaaa) >>> 1) | ((x & 0x55555555) << 1);
}

/** Permutes a[0..2^logN) into bit-reversed index order (logN ≥ 1). */
export function bit_reverse(a: usize, logN: u32): void {
  if (logN == 0) return;
  const n: u32 = 1 << logN;
  const sh = 32 - logN;
  for (let i: u32 = 0; i < n; i++) {
    const j = reverse32(i) >>> sh;
    if (i < j) {
      const pi = a + (<usize>i << 2), pj = a + (<usize>j << 2);
      const t = load<u32>(pi);
      store<u32>(pi, load<u32>(pj));
      store<u32>(pj, t);
    }
  }
}

/**
 * The first two passes (h = 1 and h = 2) on one v128 of 4 consecutive entries (a0, a1, a2, a3):
 * h = 1: b = (a0 + a1, a0 − a1, a2 + a3, a2 − a3); h = 2: c = (b0 + b2, b1 + w·b3, b0 − b2,
 * b1 − w·b3) with w = ω_4 (twiddles tw[2] = 1 and tw[3] = ω_4, Montgomery form). Needs n ≥ 4.
 */
function firstTwoPasses(a: usize, n: u32, tw: usize): void {
  const one = load<u32>(tw + 8), w4 = load<u32>(tw + 12);
  const twv = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(one), 1, w4), 2, one), 3, w4);
  for (let i: u32 = 0; i < n; i += 4) {
    const p = a + (<usize>i << 2);
    const v = v128.load(p);
    const x = i32x4.shuffle(v, v, 0, 0, 2, 2);
    const y = i32x4.shuffle(v, v, 1, 1, 3, 3);
    const b = i32x4.shuffle(addV(x, y), subV(x, y), 0, 5, 2, 7);
    const xx = i32x4.shuffle(b, b, 0, 1, 0, 1);
    const t = mulMontV(i32x4.shuffle(b, b, 2, 3, 2, 3), twv);
    v128.store(p, i32x4.shuffle(addV(xx, t), subV(xx, t), 0, 1, 6, 7));
  }
}

/**
 * The butterfly passes on bit-reversed input: (x, y) ← (x + w·y, x − w·y). For n ≥ 4 the first
 * two passes run fused on single v128s (firstTwoPasses); later passes run 4 butterflies per v128,
 * fused in pairs (h, 2h) to halve memory traffic. Sizes 1 and 2 are scalar.
 */
export function ntt_passes(a: usize, logN: u32, tw: usize): void {
  const n: u32 = 1 << logN;
  if (n < 4) {
    if (n == 2) {
      const x = load<u32>(a), y = load<u32>(a + 4);
      store<u32>(a, addMod(x, y));
      store<u32>(a + 4, subMod(x, y));
    }
    return;
  }
  firstTwoPasses(a, n, tw);
  let h: u32 = 4;
  // Pairs of passes (h, 2h) fused: each group of 4 vectors at k, k + h, k + 2h, k + 3h is
  // loaded once, goes through both radix-2 stages in registers, and is stored once.
  for (; (h << 2) <= n; h <<= 2) {
    const step = h << 2;
    const hb = <usize>h << 2;
    const tw1 = tw + hb, tw2 = tw + (hb << 1), tw3 = tw2 + hb;
    for (let start: u32 = 0; start < n; start += step) {
      const p0 = a + (<usize>start << 2);
      for (let k: u32 = 0; k < h; k += 4) {
        const ko = <usize>k << 2;
        const q0 = p0 + ko, q1 = q0 + hb, q2 = q1 + hb, q3 = q2 + hb;
        const w1 = v128.load(tw1 + ko);
        const a0 = v128.load(q0), a2 = v128.load(q2);
        let t = mulMontV(v128.load(q1), w1);
        const b0 = addV(a0, t), b1 = subV(a0, t);
        t = mulMontV(v128.load(q3), w1);
        const b2 = addV(a2, t), b3 = subV(a2, t);
        t = mulMontV(b2, v128.load(tw2 + ko));
        v128.store(q0, addV(b0, t));
        v128.store(q2, subV(b0, t));
        t = mulMontV(b3, v128.load(tw3 + ko));
        v128.store(q1, addV(b1, t));
        v128.store(q3, subV(b1, t));
      }
    }
  }
  if (h < n) {
    // One pass left; here h = n/2.
    const hb = <usize>h << 2;
    const twh = tw + hb;
    for (let k: u32 = 0; k < h; k += 4) {
      const ko = <usize>k << 2;
      const x = v128.load(a + ko);
      const t = mulMontV(v128.load(a + hb + ko), v128.load(twh + ko));
      v128.store(a + ko, addV(x, t));
      v128.store(a + hb + ko, subV(x, t));
    }
  }
}

/** Full transform: bit reversal then the butterfly passes. */
export function ntt(a: usize, logN: u32, tw: usize): void {
  bit_reverse(a, logN);
  ntt_passes(a, logN, tw);
}
