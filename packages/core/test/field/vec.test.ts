import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { P, randomVector } from '../../src/field/babybear.ts';
import { eRandom } from '../../src/field/ext4.ts';
import * as V from '../../src/field/vec.ts';
import * as R from '../../src/field/vec-reference.ts';

const SIZES = [0, 1, 3, 63, 64, 65, 200, 1000, 2048];

/** Random vectors biased towards the extremes (0, 1, p − 1, p − 2) to stress the lazy bounds. */
function edgeVector(n: number): Uint32Array {
  const v = randomVector(n);
  for (let i = 0; i < n; i++) {
    const r = v[i] % 8;
    if (r === 0) v[i] = P - 1;
    else if (r === 1) v[i] = P - 2;
    else if (r === 2) v[i] = 0;
  }
  return v;
}

describe.each(['js', 'auto'] as const)('backend %s', (backend) => {
  beforeAll(() => V.setVecBackend(backend));
  afterAll(() => V.setVecBackend('auto'));

describe('base vector ops match the plain references', () => {
  it('add, sub, scale, axpy, hadamard, inner on random and extreme inputs', () => {
    expect(V.getVecBackend()).toBe(backend);
    for (const n of SIZES) {
      for (const gen of [randomVector, edgeVector]) {
        const a = gen(n), b = gen(n);
        const s = gen(1)[0] ?? 5;
        expect(V.vecAdd(a, b)).toEqual(R.vecAddRef(a, b));
        expect(V.vecSub(a, b)).toEqual(R.vecSubRef(a, b));
        expect(V.vecScale(a, s)).toEqual(R.vecScaleRef(a, s));
        expect(V.vecScale(a, P - 1)).toEqual(R.vecScaleRef(a, P - 1));
        expect(V.vecHadamard(a, b)).toEqual(R.vecHadamardRef(a, b));
        expect(V.vecInner(a, b)).toBe(R.vecInnerRef(a, b));
        const acc = gen(n);
        const want = R.vecAxpyRef(acc, s, b);
        expect(V.vecAxpy(acc, s, b)).toEqual(want);
      }
    }
  });

  it('inner product of all (p − 1) stresses the 64-term lazy block bound', () => {
    for (const n of [64, 128, 4096]) {
      const a = new Uint32Array(n).fill(P - 1);
      expect(V.vecInner(a, a)).toBe(n % P);
    }
  });

  it('supports out aliasing its inputs', () => {
    const a = randomVector(50), b = randomVector(50);
    const want = R.vecAddRef(a, b);
    expect(V.vecAdd(a, b, a)).toEqual(want);
    expect(a).toEqual(want);
  });

  it('property: inner product is bilinear', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (n) => {
        const a = randomVector(n), b = randomVector(n), c = randomVector(n);
        return V.vecInner(V.vecAdd(a, c), b) === (V.vecInner(a, b) + V.vecInner(c, b)) % P;
      }),
      { numRuns: 50 },
    );
  });

  it('rejects mismatched lengths', () => {
    expect(() => V.vecAdd(new Uint32Array(2), new Uint32Array(3))).toThrow(/expected equal lengths, got 2 and 3/);
    expect(() => V.vecInner(new Uint32Array(2), new Uint32Array(1))).toThrow(RangeError);
    expect(() => V.vecAxpy(new Uint32Array(2), 1, new Uint32Array(1))).toThrow(RangeError);
  });
});

describe('ext vector ops match the plain references', () => {
  it('extAxpyBase, extInnerBase, extScale, extAdd, extInner', () => {
    for (const n of SIZES) {
      for (const gen of [randomVector, edgeVector]) {
        const e = gen(4 * n), f = gen(4 * n), base = gen(n);
        const s = eRandom();
        const acc = gen(4 * n);
        const want = R.extAxpyBaseRef(acc, s, base);
        expect(V.extAxpyBase(acc, s, base)).toEqual(want);
        expect(V.extInnerBase(e, base)).toEqual(R.extInnerBaseRef(e, base));
        expect(V.extScale(e, s)).toEqual(R.extScaleRef(e, s));
        expect(V.extScale(e, Uint32Array.of(P - 1, P - 1, P - 1, P - 1))).toEqual(R.extScaleRef(e, Uint32Array.of(P - 1, P - 1, P - 1, P - 1)));
        expect(V.extAdd(e, f)).toEqual(R.vecAddRef(e, f));
        expect(V.extInner(e, f)).toEqual(R.extInnerRef(e, f));
      }
    }
  });

  it('rejects non-flat and mismatched vectors', () => {
    expect(() => V.extInner(new Uint32Array(5), new Uint32Array(5))).toThrow(/multiple of 4/);
    expect(() => V.extAxpyBase(new Uint32Array(8), eRandom(), new Uint32Array(3))).toThrow(/length 2, got 3/);
    expect(() => V.extInnerBase(new Uint32Array(8), new Uint32Array(1))).toThrow(RangeError);
    expect(() => V.extAxpyBase(new Uint32Array(4 * 1024), eRandom(), new Uint32Array(2048))).toThrow(RangeError);
    expect(() => V.vecInner(new Uint32Array(4096), new Uint32Array(4095))).toThrow(RangeError);
  });
});
});

describe('the JS paths equal the dispatching functions on long vectors', () => {
  it('vecAxpyJs, vecInnerJs, extAxpyBaseJs, extInnerBaseJs, extInnerJs', () => {
    const n = 4096;
    const a = randomVector(n), b = randomVector(n), e = randomVector(4 * n), f = randomVector(4 * n), s = eRandom();
    expect(V.vecInnerJs(a, b)).toBe(V.vecInner(a, b));
    expect(V.vecAxpyJs(a.slice(), 7, b)).toEqual(V.vecAxpy(a.slice(), 7, b));
    expect(V.extAxpyBaseJs(e.slice(), s, a)).toEqual(V.extAxpyBase(e.slice(), s, a));
    expect(V.extInnerBaseJs(e, a)).toEqual(V.extInnerBase(e, a));
    expect(V.extInnerJs(e, f)).toEqual(V.extInner(e, f));
    expect(() => V.setVecBackend('simd' as 'js')).toThrow(RangeError);
  });
});
