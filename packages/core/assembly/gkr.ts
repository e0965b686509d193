/**
 * logUp-GKR prover kernels (Papini–Haböck, ePrint 2023/1284 §3; the layer sumcheck with the eq
 * factor split off, Gruen ePrint 2024/108): fraction-tree layers, the layer sumcheck's round sums,
 * eq tables and their halving. Same semantics as packages/core/src/lookup/{fraction-tree,gkr-layer}.ts
 * (src/lookup/gkr-wasm.ts drives them; tests compare both on random inputs).
 *
 * Data are flat K-vectors (K = F_p[X]/(X^4 − 11)), one v128 per element, kept in the MONTGOMERY
 * domain: x̃ = x·2^32 mod p. mulMontV(x̃, ỹ) = (xy)~, so sums and products stay in the domain;
 * gkr_to_mont / gkr_from_mont convert (mulMontV by R² mod p, resp. by 1).
 */
import { mulMontV, addV, subV } from './simd';

/** R² mod p (R = 2^32): mulMontV(x, R²) = x·R. */
const R2: u32 = 1172168163;
/** 11·R mod p: mulMontV(x̃, 11R) = 11·x̃. */
const W_MONT: u32 = 939524073;

/**
 * a·b in K, both in the Montgomery domain. a·b = Σ_j a_j·(X^j·b) and X^j·b has coefficient rows
 * (b0, b1, b2, b3), (11b3, b0, b1, b2), (11b2, 11b3, b0, b1), (11b1, 11b2, 11b3, b0).
 */
// @ts-ignore: decorator
@inline function extMulV(a: v128, b: v128): v128 {
  const w = mulMontV(b, i32x4.splat(W_MONT));
  const c0 = mulMontV(i32x4.shuffle(a, a, 0, 0, 0, 0), b);
  const c1 = mulMontV(i32x4.shuffle(a, a, 1, 1, 1, 1), i32x4.shuffle(w, b, 3, 4, 5, 6));
  const c2 = mulMontV(i32x4.shuffle(a, a, 2, 2, 2, 2), i32x4.shuffle(w, b, 2, 3, 4, 5));
  const c3 = mulMontV(i32x4.shuffle(a, a, 3, 3, 3, 3), i32x4.shuffle(w, b, 1, 2, 3, 4));
  return addV(addV(c0, c1), addV(c2, c3));
}

/** In place: n ext elements (4n words) into the Montgomery domain. */
export function gkr_to_mont(ptr: usize, n: u32): void {
  const r2 = i32x4.splat(R2);
  for (let i: u32 = 0; i < n; i++) {
    const o = ptr + (<usize>i << 4);
    v128.store(o, mulMontV(v128.load(o), r2));
  }
}

/** In place: n ext elements out of the Montgomery domain. */
export function gkr_from_mont(ptr: usize, n: u32): void {
  const one = i32x4.splat(1);
  for (let i: u32 = 0; i < n; i++) {
    const o = ptr + (<usize>i << 4);
    v128.store(o, mulMontV(v128.load(o), one));
  }
}

/**
 * One fraction-tree layer (half entries) from its children (2·half): np[i] = p[i]·q[i+half] +
 * p[i+half]·q[i], nq[i] = q[i]·q[i+half] for i < full; for i ≥ full the caller guarantees child
 * i + half = (0, 1) (an unused leaf), so the parent is child i, copied without multiplications.
 */
export function gkr_frac_layer(p: usize, q: usize, half: u32, np: usize, nq: usize, full: u32): void {
  const hb = <usize>half << 4;
  for (let i: u32 = full; i < half; i++) {
    const o = <usize>i << 4;
    v128.store(np + o, v128.load(p + o));
    v128.store(nq + o, v128.load(q + o));
  }
  for (let i: u32 = 0; i < full; i++) {
    const o = <usize>i << 4;
    const pl = v128.load(p + o), ph = v128.load(p + hb + o);
    const ql = v128.load(q + o), qh = v128.load(q + hb + o);
    v128.store(np + o, addV(extMulV(pl, qh), extMulV(ph, ql)));
    v128.store(nq + o, extMulV(ql, qh));
  }
}

/**
 * eq(z)[i] = Π_k (b_k z_k + (1 − b_k)(1 − z_k)) for i < 2^v (bit k of i ↔ z_k), built variable by
 * variable in place (hi = old·z_k, lo = old − hi); z: v ext elements; all Montgomery.
 */
export function gkr_eq_table(out: usize, z: usize, v: u32): void {
  // 1 in the Montgomery domain is R mod p
  v128.store(out, i32x4.replace_lane(i32x4.splat(0), 0, 268435454));
  let size: u32 = 1;
  for (let k: u32 = 0; k < v; k++) {
    const zk = v128.load(z + (<usize>k << 4));
    for (let i: i32 = <i32>size - 1; i >= 0; i--) {
      const lo = out + (<usize>i << 4);
      const hi = out + (<usize>(<u32>i + size) << 4);
      const old = v128.load(lo);
      const h = extMulV(old, zk);
      v128.store(hi, h);
      v128.store(lo, subV(old, h));
    }
    size <<= 1;
  }
}

/** dst[i] = src[i] + src[i + h] for i < h (dst may be src). */
export function gkr_add_halves(src: usize, dst: usize, h: u32): void {
  const hb = <usize>h << 4;
  for (let i: u32 = 0; i < h; i++) {
    const o = <usize>i << 4;
    v128.store(dst + o, addV(v128.load(src + o), v128.load(src + hb + o)));
  }
}

/**
 * The layer sumcheck's round sums g(t) = Σ_{i<half} eq[i]·(p0·q1 + q0·(p1 + λ·q1))(t) with each
 * table on the line lo + t·(hi − lo) (lo = entry i, hi = entry i + half), for t = 0 and t = 2, and
 * for t = 1 too when `withOne` ≠ 0. For i ≥ full the caller guarantees p1 = 0 and q1 = 1 at entries
 * i and i + half, where the summand is eq·(p0 + λ·q0) (4 instead of 8 multiplications per pair).
 * Writes g(0), g(2), g(1) (plain, out of the Montgomery domain) to out[0..4), out[4..8), out[8..12).
 * lam: λ (Montgomery), one v128.
 */
export function gkr_round_sums(p0: usize, p1: usize, q0: usize, q1: usize, eq: usize, half: u32, lam: usize, withOne: u32, full: u32, out: usize): void {
  const l = v128.load(lam);
  const hb = <usize>half << 4;
  let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0);
  for (let i: u32 = full; i < half; i++) {
    const o = <usize>i << 4;
    const e = v128.load(eq + o);
    const p0l = v128.load(p0 + o), p0h = v128.load(p0 + hb + o);
    const q0l = v128.load(q0 + o), q0h = v128.load(q0 + hb + o);
    a0 = addV(a0, extMulV(e, addV(p0l, extMulV(l, q0l))));
    a2 = addV(a2, extMulV(e, addV(subV(addV(p0h, p0h), p0l), extMulV(l, subV(addV(q0h, q0h), q0l)))));
    if (withOne) a1 = addV(a1, extMulV(e, addV(p0h, extMulV(l, q0h))));
  }
  for (let i: u32 = 0; i < full; i++) {
    const o = <usize>i << 4;
    const e = v128.load(eq + o);
    const p0l = v128.load(p0 + o), p0h = v128.load(p0 + hb + o);
    const p1l = v128.load(p1 + o), p1h = v128.load(p1 + hb + o);
    const q0l = v128.load(q0 + o), q0h = v128.load(q0 + hb + o);
    const q1l = v128.load(q1 + o), q1h = v128.load(q1 + hb + o);
    a0 = addV(a0, extMulV(e, addV(extMulV(p0l, q1l), extMulV(q0l, addV(p1l, extMulV(l, q1l))))));
    const p02 = subV(addV(p0h, p0h), p0l), p12 = subV(addV(p1h, p1h), p1l);
    const q02 = subV(addV(q0h, q0h), q0l), q12 = subV(addV(q1h, q1h), q1l);
    a2 = addV(a2, extMulV(e, addV(extMulV(p02, q12), extMulV(q02, addV(p12, extMulV(l, q12))))));
    if (withOne) a1 = addV(a1, extMulV(e, addV(extMulV(p0h, q1h), extMulV(q0h, addV(p1h, extMulV(l, q1h))))));
  }
  const one = i32x4.splat(1);
  v128.store(out, mulMontV(a0, one));
  v128.store(out + 16, mulMontV(a2, one));
  v128.store(out + 32, mulMontV(a1, one));
}

/**
 * In place: fold(T, r)[i] = T[i] + r·(T[i + half] − T[i]) for i < count ≤ half only (entries
 * count..half are left as they are: the caller guarantees T[i] = T[i + half] there, so folding
 * would not change them). Rows as in fold.ts fold_ext: r_c and w_c = 11·r_c times 2^32 mod p.
 */
export function gkr_fold_prefix(table: usize, half: u32, count: u32, r0: u32, r1: u32, r2: u32, r3: u32, w1: u32, w2: u32, w3: u32): void {
  const row0 = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(r0), 1, r1), 2, r2), 3, r3);
  const row1 = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(w3), 1, r0), 2, r1), 3, r2);
  const row2 = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(w2), 1, w3), 2, r0), 3, r1);
  const row3 = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(w1), 1, w2), 2, w3), 3, r0);
  const hb = <usize>half << 4;
  for (let i: u32 = 0; i < count; i++) {
    const o = table + (<usize>i << 4);
    const lo = v128.load(o);
    const d = subV(v128.load(o + hb), lo);
    const c01 = addV(mulMontV(i32x4.shuffle(d, d, 0, 0, 0, 0), row0), mulMontV(i32x4.shuffle(d, d, 1, 1, 1, 1), row1));
    const c23 = addV(mulMontV(i32x4.shuffle(d, d, 2, 2, 2, 2), row2), mulMontV(i32x4.shuffle(d, d, 3, 3, 3, 3), row3));
    v128.store(o, addV(lo, addV(c01, c23)));
  }
}
