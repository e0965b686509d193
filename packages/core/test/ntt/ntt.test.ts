import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { P, mul, add, inv, pow, rootOfUnity, randomVector, randomElement } from '../../src/field/babybear.ts';
import { eRandom, eMul, eAdd, eFromBase, eEq, eZero, type Ext } from '../../src/field/ext4.ts';
import {
  ntt,
  intt,
  cosetNtt,
  cosetIntt,
  nttExt,
  inttExt,
  cosetNttExt,
  cosetInttExt,
  evalPolyBase,
  evalPolyExt,
  powers,
  log2Exact,
  nttJs,
  inttJs,
  setNttBackend,
  getNttBackend,
  WASM_NTT_MIN_SIZE,
} from '../../src/ntt/ntt.ts';
import { wasmKernels } from '../../src/wasm/kernels.ts';
import { rsEncode, rsEncodeReference, interpolateSubgroup } from '../../src/ntt/reed-solomon.ts';
import { twiddles, bitReversal, clearTwiddleCache } from '../../src/ntt/twiddles.ts';

/** O(n²) DFT straight from the definition, independent of every table. */
function dft(a: Uint32Array, root: number): Uint32Array {
  const n = a.length;
  const out = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const x = pow(root, j);
    let acc = 0;
    let xi = 1;
    for (let i = 0; i < n; i++) {
      acc = add(acc, mul(a[i], xi));
      xi = mul(xi, x);
    }
    out[j] = acc;
  }
  return out;
}

function extHorner(coeffs: Uint32Array, x: Ext): Ext {
  let acc = eZero();
  for (let i = coeffs.length / 4 - 1; i >= 0; i--) acc = eAdd(eMul(acc, x), coeffs.subarray(4 * i, 4 * i + 4));
  return acc;
}

const SIZES = [1, 2, 4, 8, 16, 32, 128, 256];

describe('ntt', () => {
  it('matches the O(n²) DFT for several sizes, with both backends and the plain path', () => {
    for (const backend of ['js', 'auto'] as const) {
      setNttBackend(backend);
      expect(getNttBackend()).toBe(backend);
      for (const n of SIZES) {
        const a = randomVector(n);
        const want = dft(a, rootOfUnity(Math.log2(n)));
        const b = a.slice();
        ntt(b);
        expect(b).toEqual(want);
        const c = a.slice();
        nttJs(c);
        expect(c).toEqual(want);
        intt(b);
        expect(b).toEqual(a);
        inttJs(c);
        expect(c).toEqual(a);
      }
    }
    setNttBackend('auto');
    expect(() => setNttBackend('gpu' as 'js')).toThrow(RangeError);
  });

  it('the auto backend (WASM above the size threshold) equals the plain path on large sizes', () => {
    expect(wasmKernels()).toBeDefined();
    for (const n of [WASM_NTT_MIN_SIZE, 1 << 13]) {
      const a = randomVector(n);
      const b = a.slice(), c = a.slice();
      ntt(b);
      nttJs(c);
      expect(b).toEqual(c);
      intt(b);
      expect(b).toEqual(a);
    }
  });

  it('intt matches the inverse DFT scaled by 1/n', () => {
    for (const n of SIZES) {
      const a = randomVector(n);
      const b = a.slice();
      intt(b);
      const ref = dft(a, inv(rootOfUnity(Math.log2(n)))).map((x) => mul(x, inv(n)));
      expect(b).toEqual(ref);
    }
  });

  it('round trips for large sizes', () => {
    for (const n of [1 << 10, 1 << 14]) {
      const a = randomVector(n);
      const b = a.slice();
      ntt(b);
      expect(b).not.toEqual(a);
      intt(b);
      expect(b).toEqual(a);
    }
  });

  it('is correct on edge values (all p − 1, all zero, a delta)', () => {
    const n = 64;
    const a = new Uint32Array(n).fill(P - 1);
    const b = a.slice();
    ntt(b);
    expect(b).toEqual(dft(a, rootOfUnity(6)));
    const d = new Uint32Array(n);
    d[1] = 1;
    ntt(d);
    expect(d).toEqual(powers(rootOfUnity(6), n));
    const z = new Uint32Array(n);
    ntt(z);
    expect(z).toEqual(new Uint32Array(n));
  });

  it('is linear and turns cyclic convolution into pointwise products', () => {
    const n = 32;
    const a = randomVector(n), b = randomVector(n);
    const conv = new Uint32Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) conv[(i + j) % n] = add(conv[(i + j) % n], mul(a[i], b[j]));
    const fa = a.slice(), fb = b.slice();
    ntt(fa);
    ntt(fb);
    const prod = fa.map((x, i) => mul(x, fb[i]));
    intt(prod);
    expect(prod).toEqual(conv);
  });

  it('gives the same answer after the twiddle cache grows or is cleared', () => {
    const a = randomVector(16);
    const b1 = a.slice();
    ntt(b1);
    clearTwiddleCache();
    twiddles(12);
    const b2 = a.slice();
    ntt(b2);
    expect(b2).toEqual(b1);
  });

  it('rejects lengths that are not powers of two and non-Uint32Array inputs', () => {
    expect(() => ntt(new Uint32Array(3))).toThrow(RangeError);
    expect(() => intt(new Uint32Array(0))).toThrow(/power of two/);
    expect(() => ntt([1, 2] as unknown as Uint32Array)).toThrow(TypeError);
    expect(() => log2Exact(2 ** 28)).toThrow(RangeError);
    expect(log2Exact(1 << 20)).toBe(20);
  });
});

describe('twiddle tables', () => {
  it('hold ω_{2h}^k at index h + k and w/p beside it', () => {
    const { w, wq } = twiddles(6);
    for (let h = 1; h < 64; h <<= 1) {
      const root = rootOfUnity(Math.log2(2 * h));
      for (let k = 0; k < h; k++) {
        expect(w[h + k]).toBe(pow(root, k));
        expect(wq[h + k]).toBe(w[h + k] / P);
      }
    }
    const iw = twiddles(6, true).w;
    for (let i = 1; i < 64; i++) expect(mul(iw[i], w[i])).toBe(1);
  });

  it('bit reversal is an involution that reverses bits', () => {
    const r = bitReversal(5);
    expect(r[1]).toBe(16);
    expect(r[6]).toBe(12);
    for (let i = 0; i < 32; i++) expect(r[r[i]]).toBe(i);
  });
});

describe('coset NTT', () => {
  it('evaluates zero-padded coefficients on shift·⟨ω_n⟩', () => {
    for (const [k, n] of [[1, 1], [3, 4], [8, 32], [16, 16], [5, 64]]) {
      const c = randomVector(k);
      const shift = randomElement() || 7;
      const got = cosetNtt(c, shift, n);
      expect(got).toEqual(rsEncodeReference(c, n, shift));
      expect(rsEncode(c, n, shift)).toEqual(got);
    }
  });

  it('cosetIntt inverts cosetNtt (and leaves its input untouched)', () => {
    for (const n of [1, 2, 16, 1024]) {
      const c = randomVector(n);
      const copy = c.slice();
      const e = cosetNtt(c, 31);
      expect(c).toEqual(copy);
      expect(cosetIntt(e, 31)).toEqual(c);
    }
  });

  it('rejects a zero or non-canonical shift and too many coefficients', () => {
    expect(() => cosetNtt(randomVector(4), 0)).toThrow(/shift/);
    expect(() => cosetNtt(randomVector(4), P)).toThrow(RangeError);
    expect(() => cosetNtt(randomVector(8), 1, 4)).toThrow(/at most n = 4/);
    expect(() => cosetIntt(randomVector(6), 3)).toThrow(RangeError);
  });
});

describe('reed-solomon', () => {
  it('interpolateSubgroup recovers the coefficients from subgroup values', () => {
    const c = randomVector(64);
    expect(interpolateSubgroup(rsEncodeReference(c, 64, 1))).toEqual(c);
  });

  it('codewords of degree < k have zero high coefficients after interpolation on the coset', () => {
    const c = randomVector(8);
    const cw = rsEncode(c, 32, 31);
    const back = cosetIntt(cw, 31);
    expect(back.subarray(0, 8)).toEqual(c);
    expect(back.subarray(8)).toEqual(new Uint32Array(24));
  });
});

describe.each(['js', 'auto'] as const)('ext NTT, backend %s', (backend) => {
  beforeAll(() => setNttBackend(backend));
  afterAll(() => setNttBackend('auto'));
  it('nttExt transforms each coordinate and inverts with inttExt', () => {
    for (const n of [1, 4, 64, 256]) {
      const flat = randomVector(4 * n);
      const got = flat.slice();
      nttExt(got);
      for (let c = 0; c < 4; c++) {
        const coord = new Uint32Array(n).map((_, i) => flat[4 * i + c]);
        ntt(coord);
        for (let i = 0; i < n; i++) expect(got[4 * i + c]).toBe(coord[i]);
      }
      inttExt(got);
      expect(got).toEqual(flat);
    }
  });

  it('cosetNttExt evaluates ext polynomials on the coset; cosetInttExt inverts it', () => {
    for (const [k, n] of [[4, 16], [40, 128]]) {
    const shift = 31;
    const c = randomVector(4 * k);
    const e = cosetNttExt(c, shift, n);
    const w = rootOfUnity(Math.log2(n));
    for (let j = 0; j < n; j++) {
      const x = eFromBase(mul(shift, pow(w, j)));
      expect(eEq(e.subarray(4 * j, 4 * j + 4), extHorner(c, x))).toBe(true);
    }
    const back = cosetInttExt(e, shift);
    expect(back.subarray(0, 4 * k)).toEqual(c);
    expect(back.subarray(4 * k)).toEqual(new Uint32Array(4 * (n - k)));
    }
  });

  it('rejects flat vectors whose length is not a multiple of 4 or not 4·2^k', () => {
    expect(() => nttExt(new Uint32Array(6))).toThrow(/multiple of 4/);
    expect(() => inttExt(new Uint32Array(12))).toThrow(/power of two/);
    expect(() => cosetNttExt(new Uint32Array(32), 3, 4)).toThrow(/at most/);
  });
});

describe('polynomial evaluation', () => {
  it('evalPolyBase agrees with ext Horner on embedded coefficients', () => {
    for (const n of [0, 1, 7, 33]) {
      const c = randomVector(n);
      const flat = new Uint32Array(4 * n);
      for (let i = 0; i < n; i++) flat[4 * i] = c[i];
      const x = eRandom();
      expect(evalPolyBase(c, x)).toEqual(extHorner(flat, x));
    }
  });

  it('evalPolyExt agrees with the reference and with coset NTT values', () => {
    const c = randomVector(4 * 9);
    const x = eRandom();
    expect(evalPolyExt(c, x)).toEqual(extHorner(c, x));
    const e = cosetNttExt(c, 5, 16);
    const at3 = eFromBase(mul(5, pow(rootOfUnity(4), 3)));
    expect(evalPolyExt(c, at3)).toEqual(e.subarray(12, 16));
  });
});
