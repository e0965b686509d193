/**
 * The Ligero quadratic test (Ames et al. CCS 2017 §4.4, "testing quadratic constraints"; Longfellow's
 * "quad" test), for the layout's row triples (a, b, c): W[a, i]·W[b, i] = W[c, i] for every i < ℓ.
 *
 * With independent v_k ∈ K per triple, P = Σ_k v_k·(f_a f_b − f_c) (degree < 2k − 1) vanishes on H
 * iff (except with probability 1/|K|) every triple holds, i.e. Z_H divides P. The prover sends
 *     Q' = P/Z_H + M_Q,   M_Q = M_Q0 + X^{t−1}·M_Q1,   deg Q' < k + t − 1,
 * and the verifier checks at each opened column η_j (Z_H(η_j) ≠ 0 since D ∩ H = ∅):
 *     Σ_k v_k·(U_a U_b − U_c)[j] + Z_H(η_j)·(M_Q0[j] + η_j^{t−1}·M_Q1[j]) = Z_H(η_j)·Q'(η_j).
 * The prover computes P pointwise on D from the codewords (n ≥ 2k − 1 points determine it), divides
 * by Z_H pointwise and interpolates (one ext coset iNTT of size n).
 */
import { P, mul, sub } from '../field/babybear.ts';
import { WASM_VEC_MIN_SIZE, extAxpyBaseJs, getVecBackend } from '../field/vec.ts';
import { toMontgomery, wasmKernels } from '../wasm/kernels.ts';
import { cosetInttExt } from '../ntt/ntt.ts';
import type { RowTriple } from '../zk/layout.ts';
import { vanishingInverseOnDomain } from './encode.ts';
import { combineMask } from './masks.ts';
import { COSET_SHIFT, MASK, type LigeroShape } from './params.ts';
import { addExtTimesBase, scaleExtByBase } from './polyops.ts';

/** Result of {@link quadraticResponse}. */
export interface QuadraticResponse {
  /** Q' (flat ext, k + t − 1 coefficients). */
  readonly response: Uint32Array;
  /** Whether P/Z_H was a polynomial (false iff some triple is unsatisfied, w.h.p.). */
  readonly exact: boolean;
}

/**
 * Prover: the quadratic response. When a triple is unsatisfied the quotient is truncated to its
 * first k + t − 1 coefficients (and `exact` is false); the verifier then rejects.
 * @param coeffs - row polynomials, R × k.
 * @param codewords - codewords row-major, R × n.
 */
export function quadraticResponse(
  shape: LigeroShape,
  coeffs: Uint32Array,
  codewords: Uint32Array,
  triples: readonly RowTriple[],
  v: Uint32Array,
): QuadraticResponse {
  const n = shape.codeLength;
  const k = shape.degreeBound;
  const t = shape.queries;
  const W = shape.witnessRows;
  const len = shape.quadraticLength;
  const out = combineMask(coeffs, k, W + MASK.quad0, W + MASK.quad1, t - 1, len);
  if (triples.length === 0) return { response: out, exact: true };
  const acc = quadraticNumerator(codewords, n, triples, v);
  scaleExtByBase(acc, vanishingInverseOnDomain(shape));
  const q = cosetInttExt(acc, COSET_SHIFT);
  let exact = true;
  for (let i = 4 * len; i < q.length; i++) if (q[i] !== 0) exact = false;
  for (let i = 0; i < 4 * len; i++) {
    const s = out[i] + q[i];
    out[i] = s >= P ? s - P : s;
  }
  return { response: out, exact };
}

/**
 * P on D: Σ_k v_k·(U_a·U_b − U_c) pointwise (flat ext, n values) from row-major codewords (R × n).
 * With the WASM kernels (vector backend 'auto') the accumulator stays resident in linear memory:
 * per triple the three rows are copied in once and d = U_a·U_b − U_c and acc += v_k·d run as
 * kernels (vec_scale by −1, vec_mul_add, ext_axpy_base), with no per-triple copy of the 4n-word
 * accumulator. Same values as {@link quadraticNumeratorReference} (tested on random inputs).
 */
export function quadraticNumerator(codewords: Uint32Array, n: number, triples: readonly RowTriple[], v: Uint32Array): Uint32Array {
  const kern = getVecBackend() === 'auto' && n >= WASM_VEC_MIN_SIZE ? wasmKernels() : undefined;
  if (!kern || triples.length === 0) return quadraticNumeratorReference(codewords, n, triples, v);
  const [pacc, pa, pb, pd] = kern.scratch(4 * n, n, n, n);
  const buf = kern.memory.buffer;
  const accView = new Uint32Array(buf, pacc, 4 * n);
  const aView = new Uint32Array(buf, pa, n);
  const bView = new Uint32Array(buf, pb, n);
  const dView = new Uint32Array(buf, pd, n);
  accView.fill(0);
  const x = kern.raw;
  const minusOne = toMontgomery(P - 1);
  triples.forEach((tr, ti) => {
    aView.set(codewords.subarray(tr.a * n, (tr.a + 1) * n));
    bView.set(codewords.subarray(tr.b * n, (tr.b + 1) * n));
    dView.set(codewords.subarray(tr.c * n, (tr.c + 1) * n));
    x.vec_scale(pd, n, minusOne);
    x.vec_mul_add(pd, pa, pb, n);
    const o = 4 * ti;
    x.ext_axpy_base(pacc, pd, n, toMontgomery(v[o]), toMontgomery(v[o + 1]), toMontgomery(v[o + 2]), toMontgomery(v[o + 3]));
  });
  return accView.slice();
}

/** Plain reference of {@link quadraticNumerator}: one TypeScript pass per triple. */
export function quadraticNumeratorReference(codewords: Uint32Array, n: number, triples: readonly RowTriple[], v: Uint32Array): Uint32Array {
  const acc = new Uint32Array(4 * n);
  const d = new Uint32Array(n);
  triples.forEach((tr, ti) => {
    const a = tr.a * n, b = tr.b * n, c = tr.c * n;
    for (let x = 0; x < n; x++) d[x] = sub(mul(codewords[a + x], codewords[b + x]), codewords[c + x]);
    extAxpyBaseJs(acc, v.subarray(4 * ti, 4 * ti + 4), d);
  });
  return acc;
}

/**
 * Verifier: the left side Σ_k v_k·(U_a U_b − U_c)[j] at each opened column (flat ext, t values).
 * @param columns - opened columns, t × R.
 */
export function quadraticColumnValues(shape: LigeroShape, triples: readonly RowTriple[], v: Uint32Array, columns: Uint32Array): Uint32Array {
  const R = shape.totalRows;
  const t = columns.length / R;
  const out = new Uint32Array(4 * t);
  triples.forEach((tr, ti) => {
    for (let j = 0, o = 0; j < t; j++, o += R) {
      addExtTimesBase(out, 4 * j, v, 4 * ti, sub(mul(columns[o + tr.a], columns[o + tr.b]), columns[o + tr.c]));
    }
  });
  return out;
}

/**
 * Checks that every triple names witness rows.
 * @throws RangeError on a row outside [0, numRows).
 */
export function checkTriples(triples: readonly RowTriple[], shape: LigeroShape): void {
  triples.forEach((tr, i) => {
    for (const r of [tr.a, tr.b, tr.c]) {
      if (!Number.isInteger(r) || r < 0 || r >= shape.witnessRows) {
        throw new RangeError(`triple ${i}: expected a witness row in [0, ${shape.witnessRows}), got ${r}`);
      }
    }
  });
}
