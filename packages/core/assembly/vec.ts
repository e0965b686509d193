/**
 * Vector kernels over BabyBear and flat K-vectors (K = F_p[X]/(X^4 − 11)), pointer-based:
 * every vector lives in this module's linear memory; pointers are byte offsets of u32 arrays.
 * Semantics match packages/core/src/field/vec.ts; tests compare them on random inputs.
 * Main loops are 4-lane SIMD (simd.ts); the tails (n mod 4 entries) use the scalar REDC path.
 */
import { P64, redc, redcLazy, addMod, mulMont, fixSum } from './field';
import { mulMontV, addV } from './simd';

/** R² mod p: redc(x·R2) = x·2^32 mod p, undoing one Montgomery factor. */
const R2_32: u32 = 1172168163;

/** acc[i] ← acc[i] + a[i]·b[i] for i < n. */
export function vec_mul_add(acc: usize, a: usize, b: usize, n: u32): void {
  const r2 = i32x4.splat(R2_32);
  const n4 = n & ~3;
  for (let i: u32 = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    // mulMont(a, b) = a·b·R^{-1}; a second product with R² restores a·b.
    const ab = mulMontV(mulMontV(v128.load(a + o), v128.load(b + o)), r2);
    v128.store(acc + o, addV(v128.load(acc + o), ab));
  }
  for (let i: u32 = n4; i < n; i++) {
    const o = <usize>i << 2;
    const ab = redc(<u64>redc(<u64>load<u32>(a + o) * <u64>load<u32>(b + o)) * <u64>R2_32);
    store<u32>(acc + o, addMod(load<u32>(acc + o), ab));
  }
}

/** acc[i] ← acc[i] + s·x[i] for i < n, with sMont = s·2^32 mod p. */
export function vec_axpy(acc: usize, x: usize, n: u32, sMont: u32): void {
  const sv = i32x4.splat(sMont);
  const n4 = n & ~3;
  for (let i: u32 = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    v128.store(acc + o, addV(v128.load(acc + o), mulMontV(v128.load(x + o), sv)));
  }
  for (let i: u32 = n4; i < n; i++) {
    const o = <usize>i << 2;
    store<u32>(acc + o, addMod(load<u32>(acc + o), mulMont(load<u32>(x + o), sMont)));
  }
}

/** a[i] ← s·a[i] for i < n, with sMont = s·2^32 mod p. */
export function vec_scale(a: usize, n: u32, sMont: u32): void {
  const sv = i32x4.splat(sMont);
  const n4 = n & ~3;
  for (let i: u32 = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    v128.store(a + o, mulMontV(v128.load(a + o), sv));
  }
  for (let i: u32 = n4; i < n; i++) {
    const o = <usize>i << 2;
    store<u32>(a + o, mulMont(load<u32>(a + o), sMont));
  }
}

/**
 * Σ a[i]·b[i] mod p. Lanes accumulate a·b·R^{-1} mod p; the scalar tail adds lazy REDC terms
 * (< 2p each) into a u64; the total ≡ Σ a·b·R^{-1} is corrected once by fixSum.
 */
export function vec_inner(a: usize, b: usize, n: u32): u32 {
  let acc = i32x4.splat(0);
  const n4 = n & ~3;
  for (let i: u32 = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    acc = addV(acc, mulMontV(v128.load(a + o), v128.load(b + o)));
  }
  let s: u64 = <u64>i32x4.extract_lane(acc, 0) + <u64>i32x4.extract_lane(acc, 1) + <u64>i32x4.extract_lane(acc, 2) + <u64>i32x4.extract_lane(acc, 3);
  for (let i: u32 = n4; i < n; i++) {
    const o = <usize>i << 2;
    s += redcLazy(<u64>load<u32>(a + o) * <u64>load<u32>(b + o));
  }
  return fixSum(s);
}

/**
 * acc[4i + c] ← acc[4i + c] + s_c·base[i] (ext acc, base vector), s_c given times 2^32 mod p.
 * One v128 per element: the 4 coordinates of s times the splatted base entry.
 */
export function ext_axpy_base(acc: usize, base: usize, n: u32, s0: u32, s1: u32, s2: u32, s3: u32): void {
  const sv = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(s0), 1, s1), 2, s2), 3, s3);
  for (let i: u32 = 0; i < n; i++) {
    const y = i32x4.splat(load<u32>(base + (<usize>i << 2)));
    const o = acc + (<usize>i << 4);
    v128.store(o, addV(v128.load(o), mulMontV(y, sv)));
  }
}

/**
 * out[0..4) ← Σ_i e_i·b_i for a flat ext vector e (4n u32) and base vector b (n u32). Lanes hold
 * the 4 coordinates of the running sum of e_i·b_i·R^{-1}; fixed by R² at the end.
 */
export function ext_inner_base(ext: usize, base: usize, n: u32, out: usize): void {
  let acc = i32x4.splat(0);
  for (let i: u32 = 0; i < n; i++) {
    const y = i32x4.splat(load<u32>(base + (<usize>i << 2)));
    acc = addV(acc, mulMontV(v128.load(ext + (<usize>i << 4)), y));
  }
  v128.store(out, mulMontV(acc, i32x4.splat(R2_32)));
}

/**
 * out[0..4) ← Σ_i a_i·b_i in K. The 7 product-polynomial coefficients are summed from lazy REDC
 * terms (< 2p each, ≤ 4 per coefficient per element: fits u64 for n < 2^29), then X^4 = 11 folds
 * them: c_k = t_k + 11·t_{k+4}.
 */
export function ext_inner(a: usize, b: usize, n: u32, out: usize): void {
  let t0: u64 = 0, t1: u64 = 0, t2: u64 = 0, t3: u64 = 0, t4: u64 = 0, t5: u64 = 0, t6: u64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const oa = a + (<usize>i << 4), ob = b + (<usize>i << 4);
    const a0 = <u64>load<u32>(oa), a1 = <u64>load<u32>(oa + 4), a2 = <u64>load<u32>(oa + 8), a3 = <u64>load<u32>(oa + 12);
    const b0 = <u64>load<u32>(ob), b1 = <u64>load<u32>(ob + 4), b2 = <u64>load<u32>(ob + 8), b3 = <u64>load<u32>(ob + 12);
    t0 += redcLazy(a0 * b0);
    t1 += redcLazy(a0 * b1) + redcLazy(a1 * b0);
    t2 += redcLazy(a0 * b2) + redcLazy(a1 * b1) + redcLazy(a2 * b0);
    t3 += redcLazy(a0 * b3) + redcLazy(a1 * b2) + redcLazy(a2 * b1) + redcLazy(a3 * b0);
    t4 += redcLazy(a1 * b3) + redcLazy(a2 * b2) + redcLazy(a3 * b1);
    t5 += redcLazy(a2 * b3) + redcLazy(a3 * b2);
    t6 += redcLazy(a3 * b3);
  }
  const c4 = <u64>fixSum(t4), c5 = <u64>fixSum(t5), c6 = <u64>fixSum(t6);
  store<u32>(out, <u32>((<u64>fixSum(t0) + 11 * c4) % P64));
  store<u32>(out + 4, <u32>((<u64>fixSum(t1) + 11 * c5) % P64));
  store<u32>(out + 8, <u32>((<u64>fixSum(t2) + 11 * c6) % P64));
  store<u32>(out + 12, fixSum(t3));
}

/**
 * a[i] ← a[i]·g^i for i < n (coset scaling before an NTT). Lanes carry consecutive powers in
 * Montgomery form, (g^i·R, g^{i+1}·R, g^{i+2}·R, g^{i+3}·R), and advance by g^4 each step:
 * REDC(x·R · g^4·R) = x·g^4·R. l_c = g^c·2^32 mod p for c < 4, g4 = g^4·2^32 mod p.
 * The scalar tail continues from the lane powers.
 */
export function vec_mul_powers(a: usize, n: u32, l0: u32, l1: u32, l2: u32, l3: u32, g4: u32): void {
  let xs = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(l0), 1, l1), 2, l2), 3, l3);
  const g4v = i32x4.splat(g4);
  const n4 = n & ~3;
  for (let i: u32 = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    v128.store(a + o, mulMontV(v128.load(a + o), xs));
    xs = mulMontV(xs, g4v);
  }
  for (let i: u32 = n4; i < n; i++) {
    const o = <usize>i << 2;
    const lane = i - n4;
    const x = lane == 0 ? i32x4.extract_lane(xs, 0) : lane == 1 ? i32x4.extract_lane(xs, 1) : i32x4.extract_lane(xs, 2);
    store<u32>(a + o, mulMont(load<u32>(a + o), x));
  }
}
