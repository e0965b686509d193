/**
 * region-terms.ts against a plain reference: for random tensor shapes placed like the private int8
 * block (largest first, power-of-two aligned) and several row widths — tensors inside one row,
 * spanning rows with and without a dim straddling the column boundary, partial last rows — the
 * tensor terms evaluate to the direct sum Σ_T Σ_{i real} b^{E_T + Σ σ_k i_k}·W[o_T + Σ π_k i_k].
 */
import { describe, expect, it } from 'vitest';
import { P, eAdd, eMul, eMulBase, eOne, ePow, eRandom, eZero, randomVector, type Ext } from '@vouch/core';
import { expTerms, geometricSum, type ExpTensor } from '../../src/prove/region-terms.ts';
import { padDims, prod } from '../../src/prove/tensor.ts';

function evalTerms(terms: ReturnType<typeof expTerms>, w: Uint32Array, l: number): Ext {
  let acc = eZero();
  for (const t of terms) {
    for (let h = 0; 4 * h < t.rowCoeffs.length; h++) {
      const rc = t.rowCoeffs.subarray(4 * h, 4 * h + 4);
      for (let c = 0; c < l; c++) acc = eAdd(acc, eMulBase(eMul(rc, t.cols.values.subarray(4 * c, 4 * c + 4)), w[(t.row + h) * l + c]));
    }
  }
  return acc;
}

function direct(tensors: ExpTensor[], base: Ext, scale: Ext, w: Uint32Array, row0: number, l: number): Ext {
  let acc = eZero();
  for (const t of tensors) {
    const { padded } = padDims(t.dims);
    const pstride = padded.map((_, d) => prod(padded.slice(d + 1)));
    const n = prod(t.dims);
    for (let j = 0; j < n; j++) {
      let rem = j;
      let pos = t.offset;
      let e = t.expOffset;
      for (let d = t.dims.length - 1; d >= 0; d--) {
        const i = rem % t.dims[d];
        rem = Math.floor(rem / t.dims[d]);
        pos += i * pstride[d];
        e += i * t.expStrides[d];
      }
      acc = eAdd(acc, eMulBase(eMul(scale, ePow(base, e)), w[row0 * l + pos]));
    }
  }
  return acc;
}

function placeAll(shapes: number[][]): ExpTensor[] {
  const items = shapes.map((dims) => ({ dims, size: prod(padDims(dims).padded) })).sort((a, b) => b.size - a.size);
  let off = 0;
  let t = 0;
  return items.map(({ dims, size }) => {
    const strides = dims.map((_, d) => prod(dims.slice(d + 1)));
    const e: ExpTensor = { offset: off, dims, expOffset: t * 7 + 3, expStrides: strides };
    off += size;
    t += prod(dims);
    return e;
  });
}

describe('expTerms', () => {
  const cases: number[][][] = [
    [[56, 784], [10, 56]],
    [[16, 6, 5, 5], [6, 1, 5, 5], [120, 400], [84, 120], [10, 84]],
    [[3], [5, 3], [2, 3, 7]],
    [[33, 17, 3]],
    [[1]],
    [[24, 40], [24, 40], [5], [3, 5]], // same-shape tensors share column vectors; small ones share rows
  ];
  for (const l of [4, 16, 64, 256]) {
    it(`equals the direct sum (ℓ = ${l})`, () => {
      for (const shapes of cases) {
        const tensors = placeAll(shapes);
        const total = tensors.reduce((a, t) => Math.max(a, t.offset + prod(padDims(t.dims).padded)), 0);
        const rows = Math.ceil(total / l) + 2;
        const w = randomVector(rows * l);
        const base = eRandom();
        const scale = eRandom();
        const terms = expTerms(l, 2, base, tensors, scale);
        expect(Array.from(evalTerms(terms, w, l))).toEqual(Array.from(direct(tensors, base, scale, w, 2, l)));
        expect(new Set(terms.map((t) => t.cols)).size).toBeLessThanOrEqual(2 * new Set(tensors.map((t) => t.dims.join())).size);
        // padding entries get no weight: changing one leaves the sum unchanged
        const v = w.slice();
        const t0 = tensors[0];
        const pd = padDims(t0.dims).padded;
        if (pd[pd.length - 1] > t0.dims[t0.dims.length - 1]) {
          v[2 * l + t0.offset + t0.dims[t0.dims.length - 1]] = (v[2 * l + t0.offset + t0.dims[t0.dims.length - 1]] + 1) % P;
          expect(evalTerms(expTerms(l, 2, base, tensors, scale), v, l)).toEqual(evalTerms(expTerms(l, 2, base, tensors, scale), w, l));
        }
      }
    });
  }
  it('geometricSum', () => {
    const b = eRandom();
    let acc = eZero();
    let p = eOne();
    for (let i = 0; i < 37; i++) {
      acc = eAdd(acc, p);
      p = eMul(p, b);
    }
    expect(geometricSum(b, 37)).toEqual(acc);
    expect(Array.from(geometricSum(eOne(), 5))).toEqual([5, 0, 0, 0]);
  });
});
