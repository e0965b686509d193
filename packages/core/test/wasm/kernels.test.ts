import { describe, it, expect } from 'vitest';
import { P, randomVector, mul } from '../../src/field/babybear.ts';
import { eRandom, eOf } from '../../src/field/ext4.ts';
import * as V from '../../src/field/vec.ts';
import { foldBase, foldExt } from '../../src/poly/fold.ts';
import { nttJs, cosetNtt, cosetIntt, setNttBackend, powers, nttExt, inttExt, cosetNttExt, cosetInttExt } from '../../src/ntt/ntt.ts';
import { requireWasmKernels, toMontgomery } from '../../src/wasm/kernels.ts';

const k = requireWasmKernels();
const SIZES = [1, 2, 3, 64, 257, 4096];

/** Random vectors with many extreme entries (0, 1, p − 1, p − 2) to stress the REDC bounds. */
function mixed(n: number): Uint32Array {
  const v = randomVector(n);
  for (let i = 0; i < n; i++) {
    const r = v[i] % 6;
    if (r === 0) v[i] = P - 1;
    else if (r === 1) v[i] = P - 2;
    else if (r === 2) v[i] = 0;
  }
  return v;
}

const EXTREME_EXT = [eOf(P - 1, P - 1, P - 1, P - 1), eOf(1), eOf(0, 0, 0, P - 1)];

describe('WASM kernels agree with the TypeScript paths', () => {
  it('toMontgomery multiplies by 2^32 mod p', () => {
    expect(toMontgomery(1)).toBe(Number(2n ** 32n % BigInt(P)));
    expect(toMontgomery(7)).toBe(mul(7, Number(2n ** 32n % BigInt(P))));
  });

  it('vecMulAdd (acc + a ⊙ b)', () => {
    for (const n of [0, ...SIZES]) for (const gen of [randomVector, mixed]) {
      const acc = gen(n), a = gen(n), b = gen(n);
      const want = V.vecAdd(acc, V.vecHadamard(a, b));
      expect(k.vecMulAdd(acc.slice(), a, b)).toEqual(want);
    }
  });

  it('vecAxpy and vecInner', () => {
    for (const n of [0, ...SIZES]) for (const gen of [randomVector, mixed]) {
      const acc = gen(n), x = gen(n);
      for (const s of [gen(1)[0], P - 1, 0, 1]) {
        expect(k.vecAxpy(acc.slice(), s, x)).toEqual(V.vecAxpyJs(acc.slice(), s, x));
      }
      expect(k.vecInner(acc, x)).toBe(V.vecInnerJs(acc, x));
    }
    const big = new Uint32Array(1 << 16).fill(P - 1);
    expect(k.vecInner(big, big)).toBe(V.vecInnerJs(big, big));
  });

  it('extAxpyBase, extInnerBase, extInner', () => {
    for (const n of [0, ...SIZES]) for (const gen of [randomVector, mixed]) {
      const acc = gen(4 * n), e = gen(4 * n), f = gen(4 * n), base = gen(n);
      for (const s of [eRandom(), ...EXTREME_EXT]) {
        expect(k.extAxpyBase(acc.slice(), s, base)).toEqual(V.extAxpyBaseJs(acc.slice(), s, base));
      }
      expect(k.extInnerBase(e, base)).toEqual(V.extInnerBaseJs(e, base));
      expect(k.extInner(e, f)).toEqual(V.extInnerJs(e, f));
    }
  });

  it('foldBase and foldExt (top variable, out[i] = T[i] + r·(T[i + half] − T[i]))', () => {
    for (const n of [2, 4, 64, 1024]) for (const gen of [randomVector, mixed]) {
      const tb = gen(n), te = gen(4 * n);
      for (const r of [eRandom(), ...EXTREME_EXT]) {
        expect(k.foldBase(tb, r)).toEqual(foldBase(tb, r));
        expect(k.foldExt(te, r)).toEqual(foldExt(te, r));
      }
    }
  });

  it('ntt and intt, including after the resident twiddle tables grow', () => {
    for (const n of [1, 2, 4, 8, 16, 32, 256, 1 << 12, 16, 1 << 13, 1 << 14]) for (const gen of [randomVector, mixed]) {
      const a = gen(n);
      const w = a.slice(), t = a.slice();
      k.ntt(w);
      nttJs(t);
      expect(w).toEqual(t);
      k.intt(w);
      expect(w).toEqual(a);
    }
  });

  it('mulPowers (a[i]·g^i), including tails n mod 4 ≠ 0', () => {
    for (const n of [0, ...SIZES]) for (const g of [randomVector(1)[0] || 3, 1, P - 1]) {
      const a = mixed(n);
      expect(k.mulPowers(a.slice(), g)).toEqual(V.vecHadamard(a, powers(g, n)));
    }
  });

  it('cosetNtt and cosetIntt (in place) equal the plain TypeScript coset transforms', () => {
    for (const n of [1, 4, 64, 2048]) for (const shift of [31, 1, P - 1]) {
      const c = mixed(n);
      setNttBackend('js');
      const want = cosetNtt(c, shift);
      const back = cosetIntt(want, shift);
      setNttBackend('auto');
      const got = c.slice();
      k.cosetNtt(got, shift);
      expect(got).toEqual(want);
      k.cosetIntt(got, shift);
      expect(got).toEqual(back);
      expect(got).toEqual(c);
    }
  });

  it('transformExt (split, four coset transforms, join) equals the TypeScript ext transforms', () => {
    for (const n of [1, 2, 4, 8, 64, 1024]) for (const shift of [1, 31]) {
      const flat = mixed(4 * n);
      setNttBackend('js');
      const fwd = flat.slice();
      if (shift === 1) nttExt(fwd);
      const cfwd = cosetNttExt(flat, shift);
      const back = cfwd.slice();
      inttExt(back);
      const cback = cosetInttExt(cfwd, shift);
      setNttBackend('auto');
      const got = flat.slice();
      k.transformExt(got, false, shift);
      expect(got).toEqual(cfwd);
      if (shift === 1) expect(got).toEqual(fwd);
      const inv1 = cfwd.slice();
      k.transformExt(inv1, true);
      expect(inv1).toEqual(back);
      k.transformExt(got, true, shift);
      expect(got).toEqual(cback);
      expect(got).toEqual(flat);
    }
    expect(() => k.transformExt(new Uint32Array(12), false)).toThrow(RangeError);
  });

  it('validates sizes like the TypeScript paths', () => {
    expect(() => k.ntt(new Uint32Array(3))).toThrow(RangeError);
    expect(() => k.vecInner(new Uint32Array(2), new Uint32Array(3))).toThrow(/equal lengths/);
    expect(() => k.foldBase(new Uint32Array(3), eRandom())).toThrow(/power-of-two/);
    expect(() => k.extInner(new Uint32Array(5), new Uint32Array(5))).toThrow(/multiple of 4/);
  });
});
