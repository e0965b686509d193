import { describe, it, expect } from 'vitest';
import { P, randomVector, mul, add } from '../../src/field/babybear.ts';
import { eEq, eMul } from '../../src/field/ext4.ts';
import { VerificationError } from '../../src/errors.ts';
import { eqTable } from '../../src/poly/eq.ts';
import { mleEvalBase } from '../../src/poly/mle.ts';
import { partialEvalRows, partialEvalRowsReference, proveMatVec } from '../../src/sumcheck/matvec.ts';
import { verifyMatVec, log2Ceil } from '../../src/sumcheck/matvec-verify.ts';
import { checkSumcheckFinal } from '../../src/sumcheck/verifier.ts';
import { newTranscript, randomPoint, thrown } from './helpers.ts';

/** W padded to 2^rb × 2^cb as one table with index i·2^cb + j. */
function padMatrix(W: Uint32Array, rows: number, cols: number): Uint32Array {
  const cb = log2Ceil(cols), rb = log2Ceil(rows);
  const out = new Uint32Array(1 << (cb + rb));
  for (let i = 0; i < rows; i++) out.set(W.subarray(i * cols, (i + 1) * cols), i << cb);
  return out;
}

describe('matrix-vector sumcheck', () => {
  it('optimized partial evaluation equals the reference (random and extreme entries)', () => {
    for (const [rows, cols] of [[1, 1], [7, 5], [70, 33]]) {
      const W = randomVector(rows * cols);
      const eq = eqTable(randomPoint(log2Ceil(rows)));
      expect(partialEvalRows(W, rows, cols, eq)).toEqual(partialEvalRowsReference(W, rows, cols, eq));
    }
    const rows = 64, cols = 3;
    const W = new Uint32Array(rows * cols).fill(P - 1);
    const eq = new Uint32Array(4 * rows).fill(P - 1);
    expect(partialEvalRows(W, rows, cols, eq)).toEqual(partialEvalRowsReference(W, rows, cols, eq));
  });
  it('proves y~(r) for a 10×37 product and the final claim matches W~ and x~', () => {
    const rows = 10, cols = 37;
    const W = randomVector(rows * cols), x = randomVector(cols);
    const y = new Uint32Array(16);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) y[i] = add(y[i], mul(W[i * cols + j], x[j]));
    const r = randomPoint(4);
    const out = proveMatVec(newTranscript(), W, { rows, cols }, x, r, 'mv');
    expect(eEq(out.claim, mleEvalBase(y, r))).toBe(true);
    const fin = verifyMatVec(newTranscript(), { rows, cols }, mleEvalBase(y, r), out.proof, 'mv');
    const full = new Uint32Array(4 * 10);
    full.set(fin.point);
    full.set(r, 4 * 6);
    const xp = new Uint32Array(64);
    xp.set(x);
    const wEval = mleEvalBase(padMatrix(W, rows, cols), full);
    expect(eEq(wEval, out.wEval)).toBe(true);
    checkSumcheckFinal(fin, eMul(wEval, mleEvalBase(xp, fin.point)), 'mv');
    // a wrong output entry is caught
    y[3] = add(y[3], 1);
    const e = thrown(() => verifyMatVec(newTranscript(), { rows, cols }, mleEvalBase(y, r), out.proof, 'mv')) as VerificationError;
    expect(e.check).toBe('sumcheck.round-sum');
  });
});

describe('specialized inner-product state', () => {
  it('produces the generic state’s messages and final values in every round', async () => {
    const { InnerProductState } = await import('../../src/sumcheck/inner-product.ts');
    const { SumcheckState, extTable, baseTable } = await import('../../src/sumcheck/instance.ts');
    const { eRandom } = await import('../../src/field/ext4.ts');
    for (const v of [0, 1, 5]) {
      const a = randomVector(4 << v), b = randomVector(1 << v);
      const fast = new InnerProductState(a, b);
      const ref = new SumcheckState([extTable(a), baseTable(b)], [{ factors: [0, 1] }]);
      expect(fast.totalSum()).toEqual(ref.totalSum());
      for (let j = 0; j < v; j++) {
        expect(fast.roundEvals()).toEqual(ref.roundEvals());
        const r = eRandom();
        fast.bind(r);
        ref.bind(r);
      }
      expect(fast.finalValues()).toEqual(ref.finalValues());
    }
  });
});
