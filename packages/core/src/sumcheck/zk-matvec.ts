/**
 * Worked example of the zero-knowledge pattern: y = W·x with W and x committed (private) and y
 * public. Both sides absorb y and draw the row point r; the ZK sumcheck proves
 * y~(r) = Σ_j W~(j, r)·x~(j) over the column variables; at the final point s the prover sends
 * W~(s, r) − P_W and x~(s) − P_X and the verifier emits
 *   `<label> final`:     C_final = (w' + P_W)·(x' + P_X)          (a hidden product, zk/products.ts)
 *   `<label> W opening`: W~(s, r) = w' + P_W                       (an MLE tensor constraint, zk/mle.ts)
 *   `<label> x opening`: x~(s) = x' + P_X
 * plus the product slot's copy constraints. W is laid out as one vector with index i·2^cb + j.
 */
import type { Ext } from '../field/ext4.ts';
import { mleEvalBase } from '../poly/mle.ts';
import { Affine } from '../zk/constraints.ts';
import type { LayoutBuilder, VectorRef, Wire } from '../zk/layout.ts';
import { mleConstraint } from '../zk/mle.ts';
import { hiddenProduct, padProductConstraints, type PadProductPlanner, type PadProductRef } from '../zk/products.ts';
import type { VerifierContext } from '../zk/session.ts';
import { MalformedError } from '../errors.ts';
import { isCanonical } from '../field/babybear.ts';
import { log2Ceil, type MatVecShape } from './matvec-verify.ts';
import type { SumcheckProof } from './types.ts';
import { planZkSumcheck, type ZkSumcheckPlan } from './zk-plan.ts';
import { verifyZkSumcheck } from './zk-verifier.ts';

/** Everything a ZK matrix-vector proof allocates. */
export interface ZkMatVecPlan {
  readonly label: string;
  readonly shape: MatVecShape;
  readonly rb: number;
  readonly cb: number;
  /** W as one vector of 2^{rb+cb} entries, index i·2^cb + j. */
  readonly w: VectorRef;
  readonly x: VectorRef;
  readonly sumcheck: ZkSumcheckPlan;
  readonly padW: readonly Wire[];
  readonly padX: readonly Wire[];
  readonly product: PadProductRef;
}

/** The sent part of a ZK matrix-vector proof. */
export interface ZkMatVecProof {
  readonly sumcheck: SumcheckProof;
  /** W~(s, r) − P_W. */
  readonly wSent: Ext;
  /** x~(s) − P_X. */
  readonly xSent: Ext;
}

/** Plan phase (both sides, public shapes only). */
export function planZkMatVec(builder: LayoutBuilder, products: PadProductPlanner, shape: MatVecShape, label: string): ZkMatVecPlan {
  const rb = log2Ceil(shape.rows);
  const cb = log2Ceil(shape.cols);
  const w = builder.vector(2 ** (rb + cb), `${label} W`);
  const x = builder.vector(2 ** cb, `${label} x`);
  const sumcheck = planZkSumcheck(builder, { numVars: cb, degree: 2, label });
  const padW = builder.scalars(4, `${label} final pads`);
  const padX = builder.scalars(4, `${label} final pads`);
  const product = products.plan(padW, padX, `${label} final product`);
  return { label, shape, rb, cb, w, x, sumcheck, padW, padX, product };
}

/** Both sides: absorb the public output and draw the row point; returns (r, y~(r)). */
export function zkMatVecStatement(ctx: VerifierContext, plan: ZkMatVecPlan, y: Uint32Array): { r: Uint32Array; claim: Ext } {
  if (y.length !== plan.shape.rows) throw new RangeError(`${plan.label}: expected y of length ${plan.shape.rows}, got ${y.length}`);
  ctx.transcript.absorbBase(`${plan.label}/y`, y);
  const r = ctx.transcript.challengeExts(`${plan.label}/r-rows`, plan.rb);
  const yp = new Uint32Array(2 ** plan.rb);
  yp.set(y);
  return { r, claim: mleEvalBase(yp, r) };
}

/** Both sides: absorb the sent final values and push the final constraints. */
export function pushZkMatVecFinal(ctx: VerifierContext, plan: ZkMatVecPlan, r: Uint32Array, s: Uint32Array, finalClaim: Affine, wSent: Ext, xSent: Ext): void {
  ctx.transcript.absorbExt(`${plan.label}/final`, Uint32Array.of(...wSent, ...xSent));
  const l = ctx.layout;
  const sr = new Uint32Array(s.length + r.length);
  sr.set(s);
  sr.set(r, s.length);
  ctx.constraints.push(finalClaim.equals(hiddenProduct(l, plan.product, wSent, xSent), `${plan.label} final`));
  ctx.constraints.push(mleConstraint(l, plan.w, sr).equals(Affine.extWire(plan.padW).addConstant(wSent), `${plan.label} W opening`));
  ctx.constraints.push(mleConstraint(l, plan.x, s).equals(Affine.extWire(plan.padX).addConstant(xSent), `${plan.label} x opening`));
  ctx.constraints.push(...padProductConstraints(l, plan.product));
}

/** Verifier: pushes every constraint of the proof; the commitment's tests discharge them. */
export function verifyZkMatVec(ctx: VerifierContext, plan: ZkMatVecPlan, y: Uint32Array, proof: ZkMatVecProof): void {
  for (const [name, v] of [['wSent', proof.wSent], ['xSent', proof.xSent]] as const) {
    if (!(v instanceof Uint32Array) || v.length !== 4 || !v.every(isCanonical)) throw new MalformedError(`${plan.label}.${name}`, 'expected one canonical ext element (4 coordinates)');
  }
  const { r, claim } = zkMatVecStatement(ctx, plan, y);
  const fin = verifyZkSumcheck(ctx, plan.sumcheck, Affine.constant(claim), proof.sumcheck);
  pushZkMatVecFinal(ctx, plan, r, fin.point, fin.finalClaim, proof.wSent, proof.xSent);
}
