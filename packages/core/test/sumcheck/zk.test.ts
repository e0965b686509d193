import { describe, it, expect } from 'vitest';
import { P, randomVector, add, mul } from '../../src/field/babybear.ts';
import { eAdd, eOf, eRandom, eEq, eSub } from '../../src/field/ext4.ts';
import { LayoutBuilder, type Layout } from '../../src/zk/layout.ts';
import { Affine, type LinearConstraint } from '../../src/zk/constraints.ts';
import type { ProverContext, VerifierContext } from '../../src/zk/session.ts';
import { directCheck } from '../../src/zk/direct-check.ts';
import { PadProductPlanner } from '../../src/zk/products.ts';
import { baseTable, SumcheckState } from '../../src/sumcheck/instance.ts';
import { planZkSumcheck, fillZkSumcheckPads, readExtWires } from '../../src/sumcheck/zk-plan.ts';
import { proveZkSumcheck } from '../../src/sumcheck/zk-prover.ts';
import { verifyZkSumcheck } from '../../src/sumcheck/zk-verifier.ts';
import { planZkMatVec, verifyZkMatVec, type ZkMatVecProof } from '../../src/sumcheck/zk-matvec.ts';
import { fillZkMatVec, proveZkMatVec } from '../../src/sumcheck/zk-matvec-prove.ts';
import { VerificationError, MalformedError } from '../../src/errors.ts';
import { evaluateProductTerms } from '../../src/sumcheck/instance.ts';
import { mleEvalBase } from '../../src/poly/mle.ts';
import { newTranscript, thrown } from './helpers.ts';

function contexts(layout: Layout, witness: Uint32Array) {
  const prover: ProverContext = { layout, witness, transcript: newTranscript('zk'), constraints: [] };
  const verifier: VerifierContext = { layout, transcript: newTranscript('zk'), constraints: [] };
  return { prover, verifier };
}

const labels = (layout: Layout, w: Uint32Array, cs: LinearConstraint[]) => directCheck(layout, w, cs).map((f) => f.label);

describe('zero-knowledge sumcheck', () => {
  function run(v: number, tamper?: (rounds: Uint32Array[]) => void) {
    const b = new LayoutBuilder(16);
    const plan = planZkSumcheck(b, { numVars: v, degree: 3, label: 'zs' });
    const layout = b.finish();
    const wit = new Uint32Array(layout.numRows * 16);
    fillZkSumcheckPads(plan, wit);
    const tabs = [randomVector(1 << v), randomVector(1 << v), randomVector(1 << v)];
    const terms = [{ factors: [0, 1, 2] }, { factors: [0], coeff: eOf(3) }];
    const { prover, verifier } = contexts(layout, wit);
    let claimValue = eOf(0);
    for (let i = 0; i < 1 << v; i++) claimValue = eAdd(claimValue, evaluateProductTerms(terms, tabs.map((t) => eOf(t[i]))));
    const out = proveZkSumcheck(prover, plan, tabs.map(baseTable), terms, Affine.constant(claimValue));
    const rounds = out.proof.rounds.map((m) => m.slice());
    tamper?.(rounds);
    const fin = verifyZkSumcheck(verifier, plan, Affine.constant(claimValue), { rounds });
    // discharge the final claim in the clear for the test: it must equal the summand at the point
    const summand = evaluateProductTerms(terms, tabs.map((t) => mleEvalBase(t, fin.point)));
    verifier.constraints.push(fin.finalClaim.equals(Affine.constant(summand), 'zs final'));
    return { layout, wit, prover, verifier, out, fin, plan };
  }
  it('honest proof: prover and verifier push the same constraints, all satisfied', () => {
    const { layout, wit, prover, verifier, out, fin } = run(5);
    expect(verifier.constraints.length).toBe(prover.constraints.length + 1);
    expect(labels(layout, wit, verifier.constraints)).toEqual([]);
    expect(fin.point).toEqual(out.point);
    expect(verifier.constraints.map((c) => c.label).slice(0, 5)).toEqual(['zs round 0', 'zs round 1', 'zs round 2', 'zs round 3', 'zs round 4']);
  });
  it('sent values are the true round values minus the pads', () => {
    const v = 3;
    const b = new LayoutBuilder(16);
    const plan = planZkSumcheck(b, { numVars: v, degree: 2, label: 'zs' });
    const layout = b.finish();
    const wit = new Uint32Array(layout.numRows * 16);
    fillZkSumcheckPads(plan, wit);
    const tabs = [randomVector(8), randomVector(8)];
    const { prover } = contexts(layout, wit);
    const out = proveZkSumcheck(prover, plan, tabs.map(baseTable), [{ factors: [0, 1] }], Affine.constant(eOf(0)));
    const truth = new SumcheckState(tabs.map(baseTable), [{ factors: [0, 1] }]).roundEvals();
    for (let t = 0; t < 3; t++) {
      const sent = out.proof.rounds[0].subarray(4 * t, 4 * t + 4);
      expect(eEq(eAdd(sent, readExtWires(wit, plan.pads[0], t)), truth.subarray(4 * t, 4 * t + 4))).toBe(true);
      expect(eEq(sent, truth.subarray(4 * t, 4 * t + 4))).toBe(false);
    }
  });
  it('corrupted_middle_round_detected: a tampered sent value breaks exactly that round', () => {
    const { layout, wit, verifier } = run(5, (r) => { r[2][0] = (r[2][0] + 1) % P; });
    expect(labels(layout, wit, verifier.constraints)[0]).toBe('zs round 2');
  });
  it('a sum-preserving tamper is caught by the next round constraint', () => {
    const { layout, wit, verifier } = run(5, (r) => { r[2][0] = (r[2][0] + 1) % P; r[2][4] = (r[2][4] + P - 1) % P; });
    expect(labels(layout, wit, verifier.constraints)[0]).toBe('zs round 3');
  });
  it('swapped_round_order_rejected', () => {
    const { layout, wit, verifier } = run(4, (r) => { const t = r[0]; r[0] = r[1]; r[1] = t; });
    expect(labels(layout, wit, verifier.constraints)[0]).toBe('zs round 0');
  });
  it('malformed and over-degree messages are rejected before any constraint', () => {
    expect(() => run(3, (r) => { r.pop(); })).toThrow(MalformedError);
    const e = thrown(() => run(3, (r) => { r[1] = new Uint32Array(20); })) as VerificationError;
    expect(e.check).toBe('sumcheck.degree');
  });
});

describe('zero-knowledge matrix-vector example', () => {
  function setup(rows: number, cols: number) {
    const b = new LayoutBuilder(32);
    const products = new PadProductPlanner(b);
    const plan = planZkMatVec(b, products, { rows, cols }, 'mv');
    const layout = b.finish();
    const W = randomVector(rows * cols), x = randomVector(cols);
    const y = new Uint32Array(rows);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) y[i] = add(y[i], mul(W[i * cols + j], x[j]));
    const wit = new Uint32Array(layout.numRows * 32);
    fillZkMatVec(plan, layout, wit, W, x);
    return { plan, layout, W, x, y, wit };
  }
  it('honest y = W·x is accepted with identical constraint lists on both sides', () => {
    const { plan, layout, W, x, y, wit } = setup(12, 40);
    const { prover, verifier } = contexts(layout, wit);
    const proof = proveZkMatVec(prover, plan, W, x, y);
    verifyZkMatVec(verifier, plan, y, proof);
    expect(verifier.constraints.map((c) => c.label)).toEqual(prover.constraints.map((c) => c.label));
    expect(labels(layout, wit, verifier.constraints)).toEqual([]);
  });
  it('a wrong public output fails the first round', () => {
    const { plan, layout, W, x, y, wit } = setup(8, 16);
    const { prover, verifier } = contexts(layout, wit);
    const proof = proveZkMatVec(prover, plan, W, x, y);
    const y2 = y.slice();
    y2[5] = add(y2[5], 1);
    verifyZkMatVec(verifier, plan, y2, proof);
    expect(labels(layout, wit, verifier.constraints)[0]).toBe('mv round 0');
  });
  it('each final check is tied to its name', () => {
    const { plan, layout, W, x, y, wit } = setup(8, 16);
    const { prover } = contexts(layout, wit);
    const proof = proveZkMatVec(prover, plan, W, x, y);
    const check = (p: ZkMatVecProof, w = wit) => {
      const v: VerifierContext = { layout, transcript: newTranscript('zk'), constraints: [] };
      verifyZkMatVec(v, plan, y, p);
      return labels(layout, w, v.constraints);
    };
    expect(check({ ...proof, wSent: eAdd(proof.wSent, eOf(1)) })).toEqual(['mv final', 'mv W opening']);
    expect(check({ ...proof, xSent: eSub(proof.xSent, eRandom()) })).toEqual(['mv final', 'mv x opening']);
    // a committed W different from the one proven: only the opening of W fails
    const w2 = wit.slice();
    w2[plan.w.row * 32 + 3] = (w2[plan.w.row * 32 + 3] + 1) % P;
    expect(check(proof, w2)).toEqual(['mv W opening']);
    expect(() => check({ ...proof, wSent: Uint32Array.of(1, 2, 3) })).toThrow(MalformedError);
  });
});

describe('zero-knowledge sumcheck hides the witness', () => {
  it('for any other witness there are pads giving the identical sent transcript (pads are a bijection)', () => {
    const v = 4;
    const b = new LayoutBuilder(16);
    const plan = planZkSumcheck(b, { numVars: v, degree: 2, label: 'zs' });
    const layout = b.finish();
    const terms = [{ factors: [0, 1] }];
    const run = (tabs: Uint32Array[], wit: Uint32Array) => {
      const ctx: ProverContext = { layout, witness: wit, transcript: newTranscript('zk-hide'), constraints: [] };
      return proveZkSumcheck(ctx, plan, tabs.map(baseTable), terms, Affine.constant(eOf(0)));
    };
    const w1 = new Uint32Array(layout.numRows * 16);
    fillZkSumcheckPads(plan, w1);
    const t1 = [randomVector(16), randomVector(16)];
    const out1 = run(t1, w1);
    // a different witness: choose its pads as (its round values at the same challenges) − (the sent values)
    const t2 = [randomVector(16), randomVector(16)];
    const st = new SumcheckState(t2.map(baseTable), terms);
    const w2 = new Uint32Array(layout.numRows * 16);
    for (let j = 0; j < v; j++) {
      const evals = st.roundEvals();
      for (let t = 0; t <= 2; t++) {
        const pad = eSub(evals.subarray(4 * t, 4 * t + 4), out1.proof.rounds[j].subarray(4 * t, 4 * t + 4));
        for (let c = 0; c < 4; c++) w2[plan.pads[j][4 * t + c]] = pad[c];
      }
      st.bind(out1.point.subarray(4 * (v - 1 - j), 4 * (v - j)));
    }
    const out2 = run(t2, w2);
    expect(out2.proof.rounds).toEqual(out1.proof.rounds);
    expect(out2.point).toEqual(out1.point);
    expect(out2.finalValues).not.toEqual(out1.finalValues);
  });
});
