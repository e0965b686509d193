import { describe, it, expect } from 'vitest';
import { add, mul, randomVector, fromInt } from '../../src/field/babybear.ts';
import { LayoutBuilder, vectorWire } from '../../src/zk/layout.ts';
import { PadProductPlanner } from '../../src/zk/products.ts';
import { proveZk, verifyZk } from '../../src/zk/prove.ts';
import { LIGERO_TEST } from '../../src/ligero/presets.ts';
import { VerificationError } from '../../src/errors.ts';
import { planLogup, verifyLogup } from '../../src/lookup/logup.ts';
import { fillLogup, proveLogup, computeLogupMultiplicities } from '../../src/lookup/logup-prove.ts';
import { planZkMatVec, verifyZkMatVec } from '../../src/sumcheck/zk-matvec.ts';
import { fillZkMatVec, proveZkMatVec } from '../../src/sumcheck/zk-matvec-prove.ts';
import { newTranscript } from '../sumcheck/helpers.ts';

/** One layout holding a 6×20 matrix-vector product and a 4-bit range check of 30 values. */
function build() {
  const b = new LayoutBuilder(32);
  const products = new PadProductPlanner(b);
  const mv = planZkMatVec(b, products, { rows: 6, cols: 20 }, 'mv');
  const vals = b.vector(30, 'values');
  const lk = planLogup(b, products, { label: 'logup', table: { kind: 'range', bits: 4 }, groups: [{ columns: [vals] }] });
  return { mv, vals, lk, layout: b.finish() };
}

function run(values: number[], cheat: boolean) {
  const { mv, vals, lk, layout } = build();
  const W = randomVector(120), x = randomVector(20);
  const y = new Uint32Array(6);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 20; j++) y[i] = add(y[i], mul(W[i * 20 + j], x[j]));
  const witness = new Uint32Array(layout.numRows * layout.rowWidth);
  fillZkMatVec(mv, layout, witness, W, x);
  values.forEach((v, i) => { witness[vectorWire(layout, vals, i)] = fromInt(v); });
  fillLogup(lk, layout, witness, cheat ? computeLogupMultiplicities(lk, layout, witness).mult : undefined);
  const proof = proveZk({
    layout, witness, transcript: newTranscript('e2e'), params: LIGERO_TEST, prove: { check: !cheat },
    run: (ctx) => ({ mv: proveZkMatVec(ctx, mv, W, x, y), lk: proveLogup(ctx, lk) }),
  });
  verifyZk({
    layout, transcript: newTranscript('e2e'), params: LIGERO_TEST, root: proof.root, ligero: proof.ligero,
    run: (ctx) => { verifyZkMatVec(ctx, mv, y, proof.messages.mv); verifyLogup(ctx, lk, proof.messages.lk); },
  });
}

describe('sumcheck and logUp-GKR through the ZK Ligero commitment', () => {
  it('an honest matrix-vector proof and range check verify', () => {
    expect(() => run(Array.from({ length: 30 }, (_, i) => i % 16), false)).not.toThrow();
  });
  it('a value outside the range is rejected by the Ligero linear test', () => {
    const v = Array.from({ length: 30 }, (_, i) => i % 16);
    v[9] = 16;
    let err: unknown;
    try { run(v, true); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(VerificationError);
    expect((err as VerificationError).check).toMatch(/^ligero\.linear/);
  });
});
