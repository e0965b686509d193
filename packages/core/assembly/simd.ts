/**
 * 4-lane BabyBear arithmetic on v128 (WASM SIMD), lanes canonical u32 in [0, p).
 *
 * Montgomery product without 64-bit lanes of the sum (the signed variant used by Plonky3's
 * BabyBear packings, re-derived here): for x, y < p let m = lo32(x·y)·p^{-1} mod 2^32. Then
 * m·p ≡ x·y (mod 2^32), so x·y − m·p = (hi32(x·y) − hi32(m·p))·2^32 exactly, and
 * r = hi32(x·y) − hi32(m·p) ≡ x·y·2^{-32} (mod p) with r ∈ (−p, p) because x·y < p² < p·2^32
 * and m·p < 2^32·p. One conditional +p makes it canonical. hi32 halves come from
 * i64x2.extmul_{low,high}_i32x4_u and an odd-lane shuffle.
 * Add/sub use the unsigned-min trick: for s = x + y < 2p, min_u(s, s − p) is s mod p (s − p wraps
 * above 2^31 when s < p); for d = x − y, min_u(d, d + p) is d mod p.
 */
import { P } from './field';

/** p^{-1} mod 2^32 (the positive inverse, used by the signed Montgomery form). */
const P_INV: u32 = 2281701377;

/** x·y·2^{-32} mod p in each lane (so x·(s·2^32 mod p) gives x·s). */
// @ts-ignore: decorator
@inline export function mulMontV(x: v128, y: v128): v128 {
  const pv = i32x4.splat(P);
  const m = i32x4.mul(i32x4.mul(x, y), i32x4.splat(P_INV));
  const hxy = i32x4.shuffle(i64x2.extmul_low_i32x4_u(x, y), i64x2.extmul_high_i32x4_u(x, y), 1, 3, 5, 7);
  const hmp = i32x4.shuffle(i64x2.extmul_low_i32x4_u(m, pv), i64x2.extmul_high_i32x4_u(m, pv), 1, 3, 5, 7);
  const r = i32x4.sub(hxy, hmp);
  return i32x4.add(r, v128.and(i32x4.lt_s(r, i32x4.splat(0)), pv));
}

/** (x + y) mod p per lane. */
// @ts-ignore: decorator
@inline export function addV(x: v128, y: v128): v128 {
  const s = i32x4.add(x, y);
  return i32x4.min_u(s, i32x4.sub(s, i32x4.splat(P)));
}

/** (x − y) mod p per lane. */
// @ts-ignore: decorator
@inline export function subV(x: v128, y: v128): v128 {
  const d = i32x4.sub(x, y);
  return i32x4.min_u(d, i32x4.add(d, i32x4.splat(P)));
}
