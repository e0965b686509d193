/**
 * The zero-knowledge matrix-vector example, prover side (fill and prove); protocol, plan and verifier
 * in zk-matvec.ts.
 */
import { eSub } from '../field/ext4.ts';
import { eqTable } from '../poly/eq.ts';
import { Affine } from '../zk/constraints.ts';
import { vectorWire, type Layout } from '../zk/layout.ts';
import { fillPadProduct } from '../zk/products.ts';
import type { ProverContext } from '../zk/session.ts';
import { InnerProductState } from './inner-product.ts';
import { partialEvalRows } from './matvec.ts';
import { fillRandomWires, fillZkSumcheckPads, readExtWires } from './zk-plan.ts';
import { proveZkSumcheckWith } from './zk-prover.ts';
import { pushZkMatVecFinal, zkMatVecStatement, type ZkMatVecPlan, type ZkMatVecProof } from './zk-matvec.ts';

/** Fill phase (prover, before the commitment): W, x, fresh pads, then the pad product. */
export function fillZkMatVec(plan: ZkMatVecPlan, layout: Layout, witness: Uint32Array, W: Uint32Array, x: Uint32Array): void {
  const { rows, cols } = plan.shape;
  if (W.length !== rows * cols || x.length !== cols) throw new RangeError(`fillZkMatVec(${plan.label}): expected W of ${rows * cols} and x of ${cols} entries, got ${W.length} and ${x.length}`);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) witness[vectorWire(layout, plan.w, (i << plan.cb) + j)] = W[i * cols + j];
  for (let j = 0; j < cols; j++) witness[vectorWire(layout, plan.x, j)] = x[j];
  fillZkSumcheckPads(plan.sumcheck, witness);
  fillRandomWires(witness, plan.padW);
  fillRandomWires(witness, plan.padX);
  fillPadProduct(witness, layout, plan.product);
}

/** Prover (after the commitment): proves y = W·x for the W, x already in the witness. */
export function proveZkMatVec(ctx: ProverContext, plan: ZkMatVecPlan, W: Uint32Array, x: Uint32Array, y: Uint32Array): ZkMatVecProof {
  const { r, claim } = zkMatVecStatement(ctx, plan, y);
  const a = new Uint32Array(4 << plan.cb);
  a.set(partialEvalRows(W, plan.shape.rows, plan.shape.cols, eqTable(r)));
  const xp = new Uint32Array(1 << plan.cb);
  xp.set(x);
  const out = proveZkSumcheckWith(ctx, plan.sumcheck, new InnerProductState(a, xp), Affine.constant(claim));
  const wSent = eSub(out.finalValues[0], readExtWires(ctx.witness, plan.padW));
  const xSent = eSub(out.finalValues[1], readExtWires(ctx.witness, plan.padX));
  pushZkMatVecFinal(ctx, plan, r, out.point, out.finalClaim, wSent, xSent);
  return { sumcheck: out.proof, wSent, xSent };
}

