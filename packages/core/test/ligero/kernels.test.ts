/** Optimized Ligero kernels against plain references on random inputs. */
import { describe, expect, it } from 'vitest';
import { add, mul, pow, rootOfUnity, sub } from '../../src/field/babybear.ts';
import { eMulInto } from '../../src/field/ext4.ts';
import { inttExt } from '../../src/ntt/ntt.ts';
import { ligeroCommit, seededRng, type LigeroParams } from '../../src/ligero/index.ts';
import { lagrangeAtPoints, lagrangeAtPointsReference, queryPoints, rowPolynomial, sumOverH } from '../../src/ligero/encode.ts';
import { combinedCoefficientsReference, linearColumnValues, linearResponse } from '../../src/ligero/linear.ts';
import { combineMask } from '../../src/ligero/masks.ts';
import { MASK } from '../../src/ligero/params.ts';
import { evalExtAtBase, evalExtWithPowers, powersOf } from '../../src/ligero/polyops.ts';
import { columnBytes, columnOf, encodeRows, hashColumnLeaves } from '../../src/ligero/commit.ts';
import { hashLeaves } from '../../src/merkle/merkle.ts';
import { cosetNtt } from '../../src/ntt/ntt.ts';
import { COSET_SHIFT } from '../../src/ligero/params.ts';
import { quadraticResponse } from '../../src/ligero/quadratic.ts';
import { randomInstance } from './instance.ts';

const rng = seededRng('kernels');
const PARAMS: LigeroParams = { name: 'k', queries: 5, blowup: 2 };

function evalBase(coeffs: Uint32Array, x: number): number {
  let acc = 0;
  for (let i = coeffs.length - 1; i >= 0; i--) acc = add(mul(acc, x), coeffs[i]);
  return acc;
}

/** Naive product of ext polynomials (flat). */
function polyMulExt(a: Uint32Array, b: Uint32Array): Uint32Array {
  const na = a.length / 4, nb = b.length / 4;
  const out = new Uint32Array(4 * (na + nb - 1));
  const tmp = new Uint32Array(4);
  for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) {
    eMulInto(tmp, 0, a, 4 * i, b, 4 * j);
    for (let c = 0; c < 4; c++) out[4 * (i + j) + c] = add(out[4 * (i + j) + c], tmp[c]);
  }
  return out;
}

function baseToExt(b: Uint32Array): Uint32Array {
  const out = new Uint32Array(4 * b.length);
  b.forEach((x, i) => (out[4 * i] = x));
  return out;
}

describe('ligero kernels', () => {
  it('rowPolynomial: equals the row on H, degree < ℓ + t', () => {
    for (const [l, t] of [[8, 3], [4, 5], [16, 16]]) {
      const row = rng.field(l);
      const f = rowPolynomial(row, rng.field(t), l + t);
      const z = rootOfUnity(Math.log2(l));
      for (let i = 0; i < l; i++) expect(evalBase(f, pow(z, i))).toBe(row[i]);
      expect(f.length).toBe(l + t);
    }
  });

  it('evalExtWithPowers (lazy inner product) equals Horner evaluation', () => {
    for (const len of [1, 7, 300]) {
      const q = rng.field(4 * len);
      const x = rng.field(1)[0];
      expect(evalExtWithPowers(q, powersOf(x, len + 3))).toEqual(evalExtAtBase(q, x));
    }
  });

  it('hashColumnLeaves (tiled gather) equals hashing an explicit transpose', () => {
    for (const [R, k, n] of [[37, 10, 32], [5, 40, 256]]) {
      const coeffs = rng.field(R * k);
      const rows = encodeRows(coeffs, R, k, n);
      const cols = new Uint32Array(n * R);
      for (let r = 0; r < R; r++) {
        const cw = cosetNtt(coeffs.subarray(r * k, (r + 1) * k), COSET_SHIFT, n);
        expect(rows.subarray(r * n, (r + 1) * n)).toEqual(cw);
        for (let j = 0; j < n; j++) cols[j * R + r] = cw[j];
      }
      const salts = rng.bytes(16 * n);
      expect(hashColumnLeaves(rows, R, n, salts)).toEqual(hashLeaves(columnBytes(cols), 4 * R, salts));
      expect(columnOf(rows, R, n, 7)).toEqual(cols.subarray(7 * R, 8 * R));
    }
  });

  it('lagrangeAtPoints equals the product-formula reference', () => {
    const xs = rng.field(6);
    for (const l of [2, 8, 32]) expect(lagrangeAtPoints(l, xs)).toEqual(lagrangeAtPointsReference(l, xs));
  });

  it('sumOverH equals the sum of evaluations over H', () => {
    const l = 8;
    const q = rng.field(4 * 21);
    const z = rootOfUnity(3);
    const direct = new Uint32Array(4);
    for (let i = 0; i < l; i++) {
      const v = evalExtAtBase(q, pow(z, i));
      for (let c = 0; c < 4; c++) direct[c] = add(direct[c], v[c]);
    }
    expect(sumOverH(q, l)).toEqual(direct);
  });

  const inst = randomInstance({ rowWidth: 8, seed: 'kern', triples: 2, sparse: 3, tensor: 3 });
  const { state } = ligeroCommit(inst.layout, inst.witness, PARAMS, { rng: seededRng('kc') });
  const shape = state.shape;
  const { coeffs } = state;
  const k = shape.degreeBound, l = shape.rowWidth, W = shape.witnessRows;
  const alpha = rng.field(4 * inst.constraints.length);

  it('masks: Σ_H M_L = 0 for the committed linear mask', () => {
    const ml = combineMask(coeffs, k, W + MASK.linear0, W + MASK.linear1, l, l + k);
    expect(Array.from(sumOverH(ml, l))).toEqual([0, 0, 0, 0]);
  });

  it('linearResponse equals Σ_r ā_r·f_r + M_L computed naively from the full matrix a', () => {
    const a = combinedCoefficientsReference(shape, inst.constraints, alpha);
    let ref = combineMask(coeffs, k, W + MASK.linear0, W + MASK.linear1, l, l + k);
    for (let r = 0; r < W; r++) {
      const abar = a.slice(4 * r * l, 4 * (r + 1) * l);
      inttExt(abar);
      const prod = polyMulExt(abar, baseToExt(coeffs.subarray(r * k, (r + 1) * k)));
      const next = Uint32Array.from(ref);
      for (let i = 0; i < prod.length; i++) next[i] = add(next[i], prod[i]);
      ref = next;
    }
    expect(linearResponse(shape, coeffs, inst.constraints, alpha)).toEqual(ref);
  });

  it('linearColumnValues equals Σ_r Σ_i a_r[i]·L_i(η)·U_r[η] from the full matrix', () => {
    const idx = [0, 3, 17, 31, 40];
    const xs = queryPoints(shape, idx);
    const R = shape.totalRows;
    const cols = new Uint32Array(idx.length * R);
    idx.forEach((x, j) => columnOf(state.codewords, R, shape.codeLength, x, cols, j * R));
    const lag = lagrangeAtPointsReference(l, xs);
    const a = combinedCoefficientsReference(shape, inst.constraints, alpha);
    const ref = new Uint32Array(4 * idx.length);
    for (let j = 0; j < idx.length; j++) for (let r = 0; r < W; r++) for (let i = 0; i < l; i++) {
      const s = mul(lag[j * l + i], cols[j * R + r]);
      for (let c = 0; c < 4; c++) ref[4 * j + c] = add(ref[4 * j + c], mul(a[4 * (r * l + i) + c], s));
    }
    expect(linearColumnValues(shape, inst.constraints, alpha, lagrangeAtPoints(l, xs), cols)).toEqual(ref);
  });

  it('quadraticResponse: Z_H·(Q′ − M_Q) = Σ_k v_k (f_a f_b − f_c) exactly', () => {
    const v = rng.field(4 * inst.layout.triples.length);
    const { response, exact } = quadraticResponse(shape, coeffs, state.codewords, inst.layout.triples, v);
    expect(exact).toBe(true);
    const mq = combineMask(coeffs, k, W + MASK.quad0, W + MASK.quad1, shape.queries - 1, shape.quadraticLength);
    const q = response.map((x, i) => sub(x, mq[i]));
    // Z_H·q = X^ℓ·q − q
    const zq = new Uint32Array(q.length + 4 * l);
    for (let i = 0; i < q.length; i++) {
      zq[i + 4 * l] = add(zq[i + 4 * l], q[i]);
      zq[i] = sub(zq[i], q[i]);
    }
    let ref = new Uint32Array(4 * (2 * k - 1));
    inst.layout.triples.forEach((tr, ti) => {
      const fa = baseToExt(coeffs.subarray(tr.a * k, (tr.a + 1) * k));
      const fb = baseToExt(coeffs.subarray(tr.b * k, (tr.b + 1) * k));
      const fc = baseToExt(coeffs.subarray(tr.c * k, (tr.c + 1) * k));
      const d = polyMulExt(fa, fb);
      for (let i = 0; i < fc.length; i++) d[i] = sub(d[i], fc[i]);
      const term = polyMulExt(v.subarray(4 * ti, 4 * ti + 4), d);
      ref = ref.map((x, i) => add(x, term[i] ?? 0));
    });
    const padded = new Uint32Array(Math.max(ref.length, zq.length));
    padded.set(ref);
    const zqp = new Uint32Array(padded.length);
    zqp.set(zq);
    expect(zqp).toEqual(padded);
  });
});
