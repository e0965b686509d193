/**
 * Evaluation of a univariate polynomial with base or ext coefficients at an ext point, by Horner's
 * rule: acc ← acc·x + c_i from the top coefficient down (n − 1 ext multiplications, no
 * allocation inside the loop). Coefficient i multiplies x^i, matching the NTT convention.
 */
import { P, mul } from '../field/babybear.ts';
import { type Ext, EXT_W } from '../field/ext4.ts';

function checkArray(a: unknown, what: string): asserts a is Uint32Array {
  if (!(a instanceof Uint32Array)) {
    throw new TypeError(`${what}: expected a Uint32Array, got ${Object.prototype.toString.call(a)}`);
  }
}

function checkFlat(flat: Uint32Array, what: string): number {
  checkArray(flat, what);
  if (flat.length % 4 !== 0) throw new RangeError(`${what}: expected a flat ext vector (length a multiple of 4), got length ${flat.length}`);
  return flat.length / 4;
}

/**
 * Σ_i coeffs[i]·x^i for base coefficients and an ext point x (Horner). Returns a new Ext.
 * Each step is acc ← acc·x + c with acc, x in K and c in F_p.
 */
export function evalPolyBase(coeffs: Uint32Array, x: Ext): Ext {
  checkArray(coeffs, 'evalPolyBase');
  const acc = new Uint32Array(4);
  for (let i = coeffs.length - 1; i >= 0; i--) {
    mulAccExt(acc, x);
    acc[0] = (acc[0] + coeffs[i]) % P;
  }
  return acc;
}

/** Σ_i coeffs[i]·x^i for a flat ext coefficient vector and an ext point x (Horner). */
export function evalPolyExt(coeffs: Uint32Array, x: Ext): Ext {
  const n = checkFlat(coeffs, 'evalPolyExt');
  const acc = new Uint32Array(4);
  for (let i = n - 1; i >= 0; i--) {
    mulAccExt(acc, x);
    const o = 4 * i;
    acc[0] = (acc[0] + coeffs[o]) % P;
    acc[1] = (acc[1] + coeffs[o + 1]) % P;
    acc[2] = (acc[2] + coeffs[o + 2]) % P;
    acc[3] = (acc[3] + coeffs[o + 3]) % P;
  }
  return acc;
}

/** acc ← acc·x in K (same formula as eMulInto; inlined to keep Horner allocation-free). */
function mulAccExt(acc: Uint32Array, x: Ext): void {
  const a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  const b0 = x[0], b1 = x[1], b2 = x[2], b3 = x[3];
  acc[0] = (mul(a0, b0) + EXT_W * ((mul(a1, b3) + mul(a2, b2) + mul(a3, b1)) % P)) % P;
  acc[1] = (mul(a0, b1) + mul(a1, b0) + EXT_W * ((mul(a2, b3) + mul(a3, b2)) % P)) % P;
  acc[2] = (mul(a0, b2) + mul(a1, b1) + mul(a2, b0) + EXT_W * mul(a3, b3)) % P;
  acc[3] = (mul(a0, b3) + mul(a1, b2) + mul(a2, b1) + mul(a3, b0)) % P;
}
