/**
 * Vector kernels over BabyBear and flat K-vectors (K = F_p[X]/(X^4 − 11)), pointer-based:
 * every vector lives in this module's linear memory; pointers are byte offsets of u32 arrays.
 * Semantics match packages/core/src/field/vec.ts; tests compare them on random inputs.
 * Main loops are 4-lane SIMD (simd.ts); the tails (n mod 4 entries) use the scalar REDC path.
 */
import { redc, redcLazy, addMod, mulMont, fixSum } from './field';
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

/** 11·2^32 mod p: mulMontV(x, ELEVEN_MONT) = 11·x. */
const ELEVEN_MONT: u32 = 939524073;

/**
 * out[0..4) ← Σ_i a_i·b_i in K, one v128 per element: a·b = Σ_j b_j·(a·X^j), where in
 * K = F_p[X]/(X^4 − 11) the rows are a·X^0 = (a0, a1, a2, a3), a·X = (11a3, a0, a1, a2),
 * a·X² = (11a2, 11a3, a0, a1), a·X³ = (11a1, 11a2, 11a3, a0) (shuffles of a and 11·a).
 * Products b_j·row are taken in the R^{-1} domain (b is not in Montgomery form), summed in
 * lanes mod p, and corrected once by R² at the end.
 */
export function ext_inner(a: usize, b: usize, n: u32, out: usize): void {
  let acc = i32x4.splat(0);
  const eleven = i32x4.splat(ELEVEN_MONT);
  for (let i: u32 = 0; i < n; i++) {
    const o = <usize>i << 4;
    const av = v128.load(a + o);
    const bv = v128.load(b + o);
    const a11 = mulMontV(av, eleven);
    const p0 = mulMontV(av, i32x4.shuffle(bv, bv, 0, 0, 0, 0));
    const p1 = mulMontV(i32x4.shuffle(a11, av, 3, 4, 5, 6), i32x4.shuffle(bv, bv, 1, 1, 1, 1));
    const p2 = mulMontV(i32x4.shuffle(a11, av, 2, 3, 4, 5), i32x4.shuffle(bv, bv, 2, 2, 2, 2));
    const p3 = mulMontV(i32x4.shuffle(a11, av, 1, 2, 3, 4), i32x4.shuffle(bv, bv, 3, 3, 3, 3));
    acc = addV(acc, addV(addV(p0, p1), addV(p2, p3)));
  }
  v128.store(out, mulMontV(acc, i32x4.splat(R2_32)));
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
