import { describe, it, expect } from 'vitest';
import { P, randomVector, randomElement } from '../../src/field/babybear.ts';
import { eEq, eMul, eRandom, eZero, eAdd } from '../../src/field/ext4.ts';
import { VerificationError } from '../../src/errors.ts';
import { LayoutBuilder, vectorWire } from '../../src/zk/layout.ts';
import { Affine, evaluateConstraint } from '../../src/zk/constraints.ts';
import { mleConstraint } from '../../src/zk/mle.ts';
import { mleEvalBase } from '../../src/poly/mle.ts';
import { PadProductPlanner, fillPadProduct, padProductConstraints, hiddenProduct, padProductAffine } from '../../src/zk/products.ts';
import { directCheck, assertDirectCheck } from '../../src/zk/direct-check.ts';
import { randomPoint } from '../sumcheck/helpers.ts';

function readExt(w: Uint32Array, ws: readonly number[]) {
  return Uint32Array.of(w[ws[0]], w[ws[1]], w[ws[2]], w[ws[3]]);
}

describe('zk/mle', () => {
  it('mleConstraint evaluates v~(z) for whole-row and sub-row vectors', () => {
    const b = new LayoutBuilder(16);
    const big = b.vector(64, 'big');
    const small1 = b.vector(4, 'small1');
    const small2 = b.vector(3, 'small2');
    const layout = b.finish();
    expect(small2.col).toBe(4);
    const wit = new Uint32Array(layout.numRows * 16);
    for (const v of [big, small1, small2]) {
      const vals = randomVector(v.paddedLength);
      for (let i = v.length; i < v.paddedLength; i++) vals[i] = 0;
      for (let i = 0; i < v.paddedLength; i++) wit[vectorWire(layout, v, i)] = vals[i];
      const z = randomPoint(v.logLength);
      const a = mleConstraint(layout, v, z);
      expect(eEq(evaluateConstraint(a.isZero('t'), wit, 16), mleEvalBase(vals, z))).toBe(true);
    }
    expect(() => mleConstraint(layout, big, randomPoint(5))).toThrow(/expected a point of 6 variables, got 5/);
  });
});

describe('zk/products', () => {
  function setup(n: number) {
    const b = new LayoutBuilder(32);
    const pl = new PadProductPlanner(b);
    const refs = Array.from({ length: n }, (_, k) => pl.plan(b.scalars(4, 'a'), b.scalars(4, 'b'), `prod ${k}`));
    const layout = b.finish();
    const wit = new Uint32Array(layout.numRows * 32);
    for (const r of refs) for (const w of [...r.a, ...r.b]) wit[w] = randomElement();
    for (const r of refs) fillPadProduct(wit, layout, r);
    return { layout, wit, refs };
  }
  it('packs two products per 32-wide triple and satisfies copies and triples', () => {
    const { layout, wit, refs } = setup(3);
    expect(layout.triples.length).toBe(2);
    expect(refs[1].col).toBe(16);
    const cs = refs.flatMap((r) => padProductConstraints(layout, r));
    expect(directCheck(layout, wit, cs)).toEqual([]);
  });
  it('padProductAffine equals pA·pB and hiddenProduct equals (a + pA)(b + pB)', () => {
    const { layout, wit, refs } = setup(1);
    const r = refs[0];
    const pA = readExt(wit, r.a), pB = readExt(wit, r.b);
    expect(eEq(evaluateConstraint(padProductAffine(layout, r).isZero('x'), wit, 32), eMul(pA, pB))).toBe(true);
    const a = eRandom(), b = eRandom();
    expect(eEq(evaluateConstraint(hiddenProduct(layout, r, a, b).isZero('x'), wit, 32), eMul(eAdd(a, pA), eAdd(b, pB)))).toBe(true);
  });
  it('a copy that disagrees with its pad breaks exactly that copy constraint', () => {
    const { layout, wit, refs } = setup(1);
    const r = refs[0];
    // change the A copy of α_2 at column slot + 4·2 + 1 and the matching product, keeping the triple true
    const o = r.col + 9;
    wit[r.rowA * 32 + o] = (wit[r.rowA * 32 + o] + 1) % P;
    wit[r.rowC * 32 + o] = Number((BigInt(wit[r.rowA * 32 + o]) * BigInt(wit[r.rowB * 32 + o])) % BigInt(P));
    const f = directCheck(layout, wit, padProductConstraints(layout, r));
    expect(f.map((x) => x.label)).toEqual(['prod 0 copy A 2']);
  });
  it('a wrong product breaks the row triple', () => {
    const { layout, wit, refs } = setup(1);
    const r = refs[0];
    wit[r.rowC * 32 + r.col + 5] = (wit[r.rowC * 32 + r.col + 5] + 1) % P;
    const f = directCheck(layout, wit, padProductConstraints(layout, r));
    expect(f.length).toBe(1);
    expect(f[0].kind).toBe('triple');
    const e = (() => { try { assertDirectCheck(layout, wit, []); } catch (x) { return x as VerificationError; } throw new Error('no throw'); })();
    expect(e.check).toBe('zk.triple');
  });
  it('requires rows at least 16 wide', () => {
    expect(() => new PadProductPlanner(new LayoutBuilder(8))).toThrow(/expected rowWidth ≥ 16, got 8/);
  });
});

describe('zk/direct-check', () => {
  it('reports failing constraints by label and passes satisfied ones', () => {
    const b = new LayoutBuilder(4);
    const [w0, w1] = b.scalars(2, 's');
    const layout = b.finish();
    const wit = new Uint32Array(4);
    wit[w0] = 5;
    wit[w1] = 7;
    const five = eZero();
    five[0] = 5;
    const ok = Affine.wire(w0).equals(Affine.constant(five), 'w0 is 5');
    const bad = Affine.wire(w1).equals(Affine.constant(five), 'w1 is 5');
    expect(directCheck(layout, wit, [ok, bad]).map((f) => f.label)).toEqual(['w1 is 5']);
    let err: VerificationError | undefined;
    try { assertDirectCheck(layout, wit, [ok, bad]); } catch (e) { err = e as VerificationError; }
    expect(err?.check).toBe('zk.constraint');
    expect(err?.location).toBe('w1 is 5');
    expect(() => directCheck(layout, new Uint32Array(3), [])).toThrow(/expected a witness of 1×4 = 4 values, got 3/);
  });
});
