/**
 * BaseFold building blocks against plain references (docs/parts/basefold.md §1, §4): the Möbius
 * transform against the subset-sum formula for monomial coefficients, coefficient folding against
 * direct MLE evaluation of f(r, ·), the folded-codeword identity (FRI's local fold of every leaf of
 * encode(c) equals encode(fold(c, r))), the leaf arrangement, and the final-polynomial evaluators.
 */
import { describe, expect, it } from 'vitest';
import { P, add, mul, pow, rootOfUnity, sub } from '../../src/field/babybear.ts';
import { eAdd, eFromBase, eMul, ePow } from '../../src/field/ext4.ts';
import { cosetNtt, cosetNttExt } from '../../src/ntt/ntt.ts';
import { mleEvalBase, mleEvalExt } from '../../src/poly/mle.ts';
import {
  BASEFOLD_SHIFT,
  codewordLeaves,
  evalFinalMultilinear,
  evalFinalUnivariate,
  foldCoefficients,
  foldLeaf,
  layerShift,
  leafPoint,
  mobius,
  queryLeafIndices,
  basefoldLayers,
} from '../../src/basefold/index.ts';
import { extPoint, extZeta, pow2Shift, randInt, rng } from './harness.ts';

/** c_S = Σ_{T ⊆ S} (−1)^{|S∖T|} f(T), O(3^n). */
function naiveCoefficients(f: Uint32Array): Uint32Array {
  const out = new Uint32Array(f.length);
  for (let s = 0; s < f.length; s++) {
    let acc = 0;
    for (let t = s; ; t = (t - 1) & s) {
      const sign = popcount(s ^ t) % 2;
      acc = sign ? sub(acc, f[t]) : add(acc, f[t]);
      if (t === 0) break;
    }
    out[s] = acc;
  }
  return out;
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** Σ_i c_i Π_{k ∈ bits(i)} z_k for base coefficients at an ext point, term by term. */
function naiveMonomialEval(c: Uint32Array, z: Uint32Array): Uint32Array {
  let acc: Uint32Array = new Uint32Array(4);
  for (let i = 0; i < c.length; i++) {
    let term = eFromBase(c[i]);
    for (let k = 0; (1 << k) <= i; k++) if (i & (1 << k)) term = eMul(term, z.subarray(4 * k, 4 * k + 4));
    acc = eAdd(acc, term);
  }
  return acc;
}

/** Fold a base coefficient vector by `rs` (flat ext, one per variable, lowest variable first). */
function foldAll(c: Uint32Array, rs: Uint32Array): Uint32Array {
  let out = foldCoefficients(c, rs.subarray(0, 4), false);
  for (let t = 1; t < rs.length / 4; t++) out = foldCoefficients(out, rs.subarray(4 * t, 4 * t + 4), true);
  return out;
}

describe('basefold references', () => {
  it('mobius equals the subset-sum formula, and its zeta transform gives back f (n = 0 … 7)', () => {
    for (let n = 0; n <= 7; n++) {
      const f = rng(`mobius ${n}`).field(2 ** n);
      const c = mobius(f);
      expect(c).toEqual(naiveCoefficients(f));
      const back = extZeta(Uint32Array.from({ length: 4 * f.length }, (_, i) => (i % 4 ? 0 : c[i / 4])));
      expect(back.filter((_, i) => i % 4 === 0)).toEqual(f);
    }
  });

  it('the monomial form of mobius(f) equals the MLE of f at random ext points', () => {
    for (let n = 1; n <= 6; n++) {
      const g = rng(`monomial ${n}`);
      const f = g.field(2 ** n);
      const z = extPoint(g, n);
      expect(naiveMonomialEval(mobius(f), z)).toEqual(mleEvalBase(f, z));
      expect(evalFinalMultilinear(Uint32Array.from({ length: 4 * f.length }, (_, i) => (i % 4 ? 0 : mobius(f)[i / 4])), z)).toEqual(mleEvalBase(f, z));
    }
  });

  it('foldCoefficients(c, r) are the coefficients of f(r, ·): against direct MLE on every vertex and at a random point', () => {
    for (let n = 1; n <= 7; n++) {
      const g = rng(`fold ${n}`);
      const f = g.field(2 ** n);
      const r = extPoint(g, 1);
      const folded = foldCoefficients(mobius(f), r, false);
      const values = extZeta(folded);
      for (let b = 0; b < 2 ** (n - 1); b++) {
        const pt = new Uint32Array(4 * n);
        pt.set(r);
        for (let k = 1; k < n; k++) pt[4 * k] = (b >> (k - 1)) & 1;
        expect(values.subarray(4 * b, 4 * b + 4)).toEqual(mleEvalBase(f, pt));
      }
      // Two more folds (ext path) against f(r0, r1, r2, y).
      if (n >= 4) {
        const rs = extPoint(g, 3);
        const y = extPoint(g, n - 3);
        const pt = new Uint32Array(4 * n);
        pt.set(rs);
        pt.set(y, 12);
        expect(evalFinalMultilinear(foldAll(mobius(f), rs), y)).toEqual(mleEvalBase(f, pt));
      }
    }
  });

  it('foldCoefficients on an ext vector equals folding its four coordinate vectors by linearity', () => {
    const g = rng('fold-ext');
    const c = g.field(4 * 16);
    const r = extPoint(g, 1);
    const out = foldCoefficients(c, r, true);
    for (let i = 0; i < 8; i++) {
      const want = eAdd(c.subarray(8 * i, 8 * i + 4), eMul(r, c.subarray(8 * i + 4, 8 * i + 8)));
      expect(out.subarray(4 * i, 4 * i + 4)).toEqual(want);
    }
  });

  it('layer shifts: layerShift(k) = s_0^(2^k), s_0 = 31', () => {
    expect(BASEFOLD_SHIFT).toBe(31);
    for (let k = 0; k <= 24; k++) expect(layerShift(k)).toBe(pow2Shift(k));
  });

  it('leaves: leaf m holds the values at m + k·M, whose points x·ζ^k share their 2^a-th power', () => {
    const g = rng('leaves');
    for (const [logSize, a] of [[5, 1], [6, 2], [7, 3], [8, 4]] as const) {
      const cw = g.field(2 ** logSize);
      const { bytes, leafBytes } = codewordLeaves(cw, false, logSize, a);
      const m = 2 ** (logSize - a);
      expect(leafBytes).toBe(4 * 2 ** a);
      expect(bytes.length).toBe(4 * cw.length);
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const zeta = rootOfUnity(a);
      for (let leaf = 0; leaf < m; leaf++) {
        const x = leafPoint(BASEFOLD_SHIFT, logSize, leaf);
        for (let k = 0; k < 2 ** a; k++) {
          expect(view.getUint32(leaf * leafBytes + 4 * k, true)).toBe(cw[leaf + k * m]);
          const pt = mul(BASEFOLD_SHIFT, pow(rootOfUnity(logSize), leaf + k * m));
          expect(pt).toBe(mul(x, pow(zeta, k)));
          expect(pow(pt, 2 ** a)).toBe(pow(x, 2 ** a));
        }
      }
      const ext = g.field(4 * 2 ** logSize);
      const e = codewordLeaves(ext, true, logSize, a);
      expect(e.leafBytes).toBe(16 * 2 ** a);
      const ev = new DataView(e.bytes.buffer, e.bytes.byteOffset);
      for (let c = 0; c < 4; c++) expect(ev.getUint32(e.leafBytes * 3 + 16 * 1 + 4 * c, true)).toBe(ext[4 * (3 + m) + c]);
    }
  });

  it('folded-codeword identity: foldLeaf on every leaf of encode(c) = encode(fold^a(c, r)) on s^(2^a)·⟨ω_{N/2^a}⟩', () => {
    for (const [n, logBlowup, a] of [[3, 1, 1], [4, 2, 2], [5, 1, 3], [6, 2, 4], [6, 3, 3]] as const) {
      const g = rng(`identity ${n} ${a}`);
      const c = g.field(2 ** n);
      const logN = n + logBlowup;
      const rs = extPoint(g, a);
      const cw = cosetNtt(c, BASEFOLD_SHIFT, 2 ** logN);
      const next = cosetNttExt(foldAll(c, rs), pow2Shift(a), 2 ** (logN - a));
      const m = 2 ** (logN - a);
      for (let leaf = 0; leaf < m; leaf++) {
        const vals = new Uint32Array(4 * 2 ** a);
        for (let k = 0; k < 2 ** a; k++) vals[4 * k] = cw[leaf + k * m];
        const got = foldLeaf(vals, leafPoint(BASEFOLD_SHIFT, logN, leaf), rs);
        expect(got, `n=${n} a=${a} leaf ${leaf}`).toEqual(next.subarray(4 * leaf, 4 * leaf + 4));
      }
    }
  });

  it('folded-codeword identity at a later layer: ext leaves on s_l·⟨ω⟩ with s_l = s_0^(2^firstVar)', () => {
    const g = rng('identity-ext');
    const first = 3;
    const a = 2;
    const logN = 7;
    const c = g.field(4 * 2 ** 5); // ext coefficients of degree < 32
    const rs = extPoint(g, a);
    let folded = foldCoefficients(c, rs.subarray(0, 4), true);
    folded = foldCoefficients(folded, rs.subarray(4, 8), true);
    const cw = cosetNttExt(c, layerShift(first), 2 ** logN);
    const next = cosetNttExt(folded, layerShift(first + a), 2 ** (logN - a));
    const m = 2 ** (logN - a);
    for (let leaf = 0; leaf < m; leaf++) {
      const vals = new Uint32Array(4 * 2 ** a);
      for (let k = 0; k < 2 ** a; k++) vals.set(cw.subarray(4 * (leaf + k * m), 4 * (leaf + k * m) + 4), 4 * k);
      expect(foldLeaf(vals, leafPoint(layerShift(first), logN, leaf), rs)).toEqual(next.subarray(4 * leaf, 4 * leaf + 4));
    }
  });

  it('evalFinalMultilinear(c, y) = MLE of the zeta transform of c at y (f = 0 … 6)', () => {
    for (let f = 0; f <= 6; f++) {
      const g = rng(`final-ml ${f}`);
      const c = g.field(4 * 2 ** f);
      const y = extPoint(g, f);
      expect(evalFinalMultilinear(c, y)).toEqual(mleEvalExt(extZeta(c), y));
    }
  });

  it('evalFinalUnivariate(c, y) = Σ c_k y^k (f = 0 … 6, y including 0, 1 and p − 1)', () => {
    for (let f = 0; f <= 6; f++) {
      const g = rng(`final-uni ${f}`);
      const c = g.field(4 * 2 ** f);
      for (const y of [0, 1, P - 1, randInt(g, 2, P - 2)]) {
        let want: Uint32Array = new Uint32Array(4);
        for (let k = 0; k < 2 ** f; k++) want = eAdd(want, eMul(c.subarray(4 * k, 4 * k + 4), ePow(eFromBase(y), k)));
        expect(evalFinalUnivariate(c, y)).toEqual(want);
      }
    }
  });

  it('queryLeafIndices: layer l + 1 index = layer-l index mod M_{l+1}, duplicates kept', () => {
    const layers = basefoldLayers({ vars: 9, logBlowup: 2, logArity: 3, queries: 5, finalVars: 1 });
    expect(layers.map((l) => [l.logSize, l.vars, l.firstVar, l.depth])).toEqual([
      [11, 3, 0, 8],
      [8, 3, 3, 5],
      [5, 2, 6, 3],
    ]);
    const per = queryLeafIndices(layers, [255, 31, 63, 7]);
    expect(per).toEqual([
      [255, 31, 63, 7],
      [31, 31, 31, 7],
      [7, 7, 7, 7],
    ]);
  });
});
