/**
 * Univariate round polynomials in evaluation form: a polynomial of degree ≤ d is sent as its values
 * at t = 0, 1, …, d, and evaluated elsewhere by Lagrange interpolation over those nodes:
 * p(r) = Σ_t p(t)·L_t(r), L_t(r) = Π_{u≠t} (r − u)/(t − u).
 * The weights L_t(r) are what the zero-knowledge verifier uses as the coefficients of its affine
 * forms (p(r) is linear in the sent values).
 */
import { fromInt, inv, mul } from '../field/babybear.ts';
import { type Ext, eSub, eMul, eMulBase, eFromBase, eOne, eAdd, eZero } from '../field/ext4.ts';

/** Largest supported round degree. */
export const MAX_ROUND_DEGREE = 8;

/**
 * The Lagrange weights L_0(r), …, L_d(r) for the nodes 0..d, as a flat ext vector of d+1 elements.
 * If r is itself a node t, the result is the unit vector e_t.
 */
export function lagrangeWeights(degree: number, r: Ext): Uint32Array {
  if (!Number.isInteger(degree) || degree < 0 || degree > MAX_ROUND_DEGREE) {
    throw new RangeError(`lagrangeWeights: expected degree in [0, ${MAX_ROUND_DEGREE}], got ${degree}`);
  }
  const out = new Uint32Array(4 * (degree + 1));
  const diffs: Ext[] = [];
  for (let u = 0; u <= degree; u++) diffs.push(eSub(r, eFromBase(u)));
  const dens = inverseDenominators(degree);
  for (let t = 0; t <= degree; t++) {
    let num = eOne();
    for (let u = 0; u <= degree; u++) if (u !== t) num = eMul(num, diffs[u]);
    out.set(eMulBase(num, dens[t]), 4 * t);
  }
  return out;
}

/** 1/Π_{u≠t}(t − u) for t = 0..degree, per degree (computed once: they depend on the degree only). */
const denominatorCache = new Map<number, number[]>();

function inverseDenominators(degree: number): number[] {
  let d = denominatorCache.get(degree);
  if (!d) {
    d = [];
    for (let t = 0; t <= degree; t++) {
      let den = 1;
      for (let u = 0; u <= degree; u++) if (u !== t) den = mul(den, fromInt(t - u));
      d.push(inv(den));
    }
    denominatorCache.set(degree, d);
  }
  return d;
}

/** p(r) for p given by its values at 0..d (flat ext vector of d+1 elements). */
export function interpolateAt(evals: Uint32Array, r: Ext): Ext {
  const d = evals.length / 4 - 1;
  const w = lagrangeWeights(d, r);
  let acc = eZero();
  for (let t = 0; t <= d; t++) acc = eAdd(acc, eMul(evals.subarray(4 * t, 4 * t + 4), w.subarray(4 * t, 4 * t + 4)));
  return acc;
}
