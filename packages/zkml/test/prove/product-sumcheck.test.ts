/**
 * The shared ZK product sumcheck (src/prove/ops/product-sumcheck.ts) on its own: two committed
 * vectors L, R and an optional public factor table, checked directly (core direct-check). Each
 * tampered message is rejected by exactly the constraints that read it; the op-level tamper tests
 * are in ops.test.ts, transformer/{matmul,gather}.test.ts and cnn/conv.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  Affine,
  LayoutBuilder,
  MalformedError,
  P,
  PadProductPlanner,
  Sha256Transcript,
  baseTable,
  directCheck,
  eAdd,
  eOf,
  mleConstraint,
  mleEvalBase,
  mul,
  randomVector,
  vectorWire,
  type ProverContext,
  type VerifierContext,
} from '@vouch/core';
import { ProductSumcheck, type ProductClose } from '../../src/prove/ops/product-sumcheck.ts';
import type { OpProof } from '../../src/prove/types.ts';

function setup(withPub: boolean) {
  const b = new LayoutBuilder(16);
  const products = new PadProductPlanner(b);
  const L = b.vector(8, 'L');
  const R = b.vector(8, 'R');
  const zk = new ProductSumcheck({ builder: b, products }, { node: 'n', check: 't', operands: ['a', 'b'], numVars: 3, degree: withPub ? 3 : 2 });
  const layout = b.finish();
  const witness = new Uint32Array(layout.numRows * layout.rowWidth);
  const l = randomVector(8);
  const r = randomVector(8);
  const pub = randomVector(8);
  witness.set(l, vectorWire(layout, L, 0));
  witness.set(r, vectorWire(layout, R, 0));
  zk.fill({ witness, layout });
  let sum = eOf(0);
  for (let i = 0; i < 8; i++) sum = eAdd(sum, eOf(mul(mul(l[i], r[i]), withPub ? pub[i] : 1)));
  const close: ProductClose = {
    ...(withPub ? { scale: (s: Uint32Array) => mleEvalBase(pub, s) } : {}),
    left: (s) => mleConstraint(layout, L, s),
    right: (s) => mleConstraint(layout, R, s),
  };
  const tables = withPub ? [baseTable(l), baseTable(r), baseTable(pub)] : [baseTable(l), baseTable(r)];
  const prover: ProverContext = { layout, witness, transcript: new Sha256Transcript('ps', 1), constraints: [] };
  const proof = zk.prove(prover, tables, Affine.constant(sum), close, withPub ? [0, 1, 2] : [0, 1]);
  const verify = (p: OpProof, claim = sum) => {
    const v: VerifierContext = { layout, transcript: new Sha256Transcript('ps', 1), constraints: [] };
    zk.verify(v, p, () => ({ claim: Affine.constant(claim), ...close }));
    return v;
  };
  const failed = (v: VerifierContext) => directCheck(layout, witness, v.constraints).map((f) => f.label);
  return { zk, prover, proof, verify, failed };
}

const tamper = (proof: OpProof, msg: number, at: number): OpProof => proof.map((m, i) => (i === msg ? m.map((x, j) => (j === at ? (x + 1) % P : x)) : m));

describe('ProductSumcheck', () => {
  for (const withPub of [false, true]) {
    describe(withPub ? 'with a public factor (degree 3)' : 'degree 2', () => {
      it('honest: prover and verifier push the same labelled constraints in order, all satisfied', () => {
        const { zk, prover, proof, verify, failed } = setup(withPub);
        expect(proof.map((m) => m.length / 4)).toEqual(zk.proofShape());
        expect(zk.proofShape()).toEqual(withPub ? [4, 4, 4, 2] : [3, 3, 3, 2]);
        const v = verify(proof);
        expect(v.constraints.map((c) => c.label)).toEqual(prover.constraints.map((c) => c.label));
        expect(v.constraints.map((c) => c.label).slice(0, 6)).toEqual(['n/t.sumcheck round 0', 'n/t.sumcheck round 1', 'n/t.sumcheck round 2', 'n/t.final', 'n/t.a-opening', 'n/t.b-opening']);
        expect(v.constraints.length).toBe(6 + 8);
        expect(failed(v)).toEqual([]);
        expect(v.transcript.challengeExt('after')).toEqual(prover.transcript.challengeExt('after'));
      });
      it('a changed left final value breaks the final product and the a-opening only', () => {
        const { proof, verify, failed } = setup(withPub);
        expect(failed(verify(tamper(proof, 3, 0)))).toEqual(['n/t.final', 'n/t.a-opening']);
      });
      it('a changed right final value breaks the final product and the b-opening only', () => {
        const { proof, verify, failed } = setup(withPub);
        expect(failed(verify(tamper(proof, 3, 5)))).toEqual(['n/t.final', 'n/t.b-opening']);
      });
      it('corrupted_middle_round_detected', () => {
        const { proof, verify, failed } = setup(withPub);
        expect(failed(verify(tamper(proof, 1, 0)))[0]).toBe('n/t.sumcheck round 1');
      });
      it('a wrong claim fails round 0', () => {
        const { proof, verify, failed } = setup(withPub);
        expect(failed(verify(proof, eOf(1)))[0]).toBe('n/t.sumcheck round 0');
      });
    });
  }
  it('messages of the wrong shape → MalformedError before any challenge', () => {
    const { proof, verify } = setup(false);
    expect(() => verify(proof.slice(1))).toThrow(MalformedError);
    expect(() => verify([...proof.slice(0, 3), proof[3].subarray(0, 4)])).toThrow(MalformedError);
    expect(() => verify([...proof.slice(0, 3), Uint32Array.of(P, 0, 0, 0, 0, 0, 0, 0)])).toThrow(MalformedError);
  });
});
