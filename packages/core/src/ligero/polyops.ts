/**
 * Small polynomial kernels used by the Ligero prover and verifier: pointwise products on
 * evaluation domains and Horner evaluation of ext polynomials at base-field points.
 * Plain loops over {@link mul}; the heavy encoding work is in the NTT.
 */
import { P, mul } from '../field/babybear.ts';
import { eMulInto } from '../field/ext4.ts';
import { extInnerBase } from '../field/vec.ts';

/** acc[i] += a[i]·b[i] for flat ext vectors of equal length. */
export function mulAccExtExt(acc: Uint32Array, a: Uint32Array, b: Uint32Array): void {
  const tmp = new Uint32Array(4);
  for (let o = 0; o < acc.length; o += 4) {
    eMulInto(tmp, 0, a, o, b, o);
    for (let c = 0; c < 4; c++) {
      const s = acc[o + c] + tmp[c];
      acc[o + c] = s >= P ? s - P : s;
    }
  }
}

/** acc[i] += a[i]·b[i] for flat ext a and base b. */
export function mulAccExtBase(acc: Uint32Array, a: Uint32Array, b: Uint32Array): void {
  for (let i = 0, o = 0; i < b.length; i++, o += 4) {
    const y = b[i];
    if (y === 0) continue;
    for (let c = 0; c < 4; c++) {
      const s = acc[o + c] + mul(a[o + c], y);
      acc[o + c] = s >= P ? s - P : s;
    }
  }
}

/** v[i] ← v[i]·s[i] for flat ext v and base s. */
export function scaleExtByBase(v: Uint32Array, s: Uint32Array): void {
  for (let i = 0, o = 0; i < s.length; i++, o += 4) {
    const y = s[i];
    v[o] = mul(v[o], y);
    v[o + 1] = mul(v[o + 1], y);
    v[o + 2] = mul(v[o + 2], y);
    v[o + 3] = mul(v[o + 3], y);
  }
}

/** Σ_i coeffs[i]·x^i for flat ext coefficients and a base point x (Horner: 4 base muls per step). */
export function evalExtAtBase(coeffs: Uint32Array, x: number): Uint32Array {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  for (let o = coeffs.length - 4; o >= 0; o -= 4) {
    a0 = mul(a0, x) + coeffs[o];
    if (a0 >= P) a0 -= P;
    a1 = mul(a1, x) + coeffs[o + 1];
    if (a1 >= P) a1 -= P;
    a2 = mul(a2, x) + coeffs[o + 2];
    if (a2 >= P) a2 -= P;
    a3 = mul(a3, x) + coeffs[o + 3];
    if (a3 >= P) a3 -= P;
  }
  return Uint32Array.of(a0, a1, a2, a3);
}

/** out += a·s for ext a (at offset ao) and base s, into out at offset o. */
export function addExtTimesBase(out: Uint32Array, o: number, a: Uint32Array, ao: number, s: number): void {
  if (s === 0) return;
  for (let c = 0; c < 4; c++) {
    const v = out[o + c] + mul(a[ao + c], s);
    out[o + c] = v >= P ? v - P : v;
  }
}

/** out += a·b for ext a, b (offsets), into out at offset o. */
export function addExtTimesExt(out: Uint32Array, o: number, a: Uint32Array, ao: number, b: Uint32Array, bo: number): void {
  const tmp = new Uint32Array(4);
  eMulInto(tmp, 0, a, ao, b, bo);
  for (let c = 0; c < 4; c++) {
    const v = out[o + c] + tmp[c];
    out[o + c] = v >= P ? v - P : v;
  }
}


/** x^0 … x^{count−1}. */
export function powersOf(x: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let p = 1;
  for (let i = 0; i < count; i++) {
    out[i] = p;
    p = mul(p, x);
  }
  return out;
}

/**
 * Σ_i coeffs[i]·x^i given the powers of x (at least as many as coefficients), by a lazily reduced
 * inner product; equals {@link evalExtAtBase} (tested against it).
 */
export function evalExtWithPowers(coeffs: Uint32Array, powers: Uint32Array): Uint32Array {
  return extInnerBase(coeffs, powers.subarray(0, coeffs.length / 4));
}
