/**
 * Zero-knowledge proof of a Linear node: acc[a, n] = Σ_k X[a, k]·W[n, k] + bias[n] for every real
 * row a (batch × leading dims) — Thaler's matrix-multiplication sumcheck (Proofs, Arguments and
 * Zero-Knowledge §4.4) made zero-knowledge with padded messages (Longfellow; core sumcheck/zk-*.ts).
 *
 * With X laid out [A, Kp] (a·Kp + k), acc [A, Np] and W [Np, Kp] (padding zero), the verifier draws
 * r = (r_n, r_a) after the commitment; the claim is linear in the witness:
 *   acc~(r_n, r_a) − bias~(r_n)·mask~(r_a) = Σ_k X~(k, r_a)·W~(k, r_n)
 * (mask = real rows; padding rows of acc hold X·W only). A degree-2 ZK sumcheck over the log Kp
 * variables of k reduces it to X~(s, r_a)·W~(s, r_n) at a random s; the prover sends both values
 * padded (x' = X~ − P_X, w' = W~ − P_W) and the constraints are
 *   `<node>/linear.sumcheck round j`  the ZK sumcheck rounds,
 *   `<node>/linear.final`             C_final = (x' + P_X)(w' + P_W)   (hidden product, zk/products.ts),
 *   `<node>/linear.x-opening`         X~(s, r_a) = x' + P_X            (tensor term on committed X),
 *   `<node>/linear.w-opening`         W~(s, r_n) = w' + P_W            (committed W, or public in open mode),
 *   plus the pad product's copy constraints (the sumcheck and its closing: product-sumcheck.ts).
 * Soundness error: 2·log Kp/|K| (sumcheck) + (log A + log Np)/|K| (the claim at a random point).
 * Zero knowledge: x', w' and the rounds are masked by uniform pads used once.
 */
import { extTable, mleConstraint, partialEvalRows, eqTable, vectorWire, type Affine, type ProverContext, type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { concatExt, maskMle, totalBits } from '../tensor.ts';
import type { OpInstance, OpProof, OpProver, ParamHandle, PlanContext, TensorRef } from '../types.ts';
import { ProductSumcheck, type ProductClose } from './product-sumcheck.ts';

export { checkShape } from './proof-shape.ts';

class LinearInstance implements OpInstance {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly out: TensorRef;
  private readonly w: ParamHandle;
  private readonly bias: ParamHandle | undefined;
  private readonly kb: number;
  private readonly nb: number;
  private readonly zk: ProductSumcheck;

  constructor(ctx: PlanContext, node: IntNode) {
    this.node = node;
    this.x = ctx.tensor(node.inputs[0]);
    this.out = ctx.output(node);
    this.w = ctx.param(node, 'weight');
    this.bias = node.params.bias === undefined ? undefined : ctx.param(node, 'bias');
    const K = this.x.dims[this.x.dims.length - 1];
    if (this.w.dims.length !== 2 || this.w.dims[1] !== K) throw new RangeError(`node ${node.name}: expected a weight [N, ${K}], got [${this.w.dims.join(', ')}]`);
    this.kb = this.w.bits[1];
    this.nb = this.w.bits[0];
    if (this.kb < 1) throw new RangeError(`node ${node.name}: expected K ≥ 2 for the sumcheck, got ${K}`);
    this.zk = new ProductSumcheck(ctx, { node: node.name, check: 'linear', operands: ['x', 'w'], numVars: this.kb });
  }

  proofShape(): readonly number[] {
    return this.zk.proofShape();
  }

  fill(f: Parameters<OpInstance['fill']>[0]): void {
    this.zk.fill(f);
  }

  /** Both sides: the random point and the claim as an affine form. */
  private claim(ctx: VerifierContext): { rn: Uint32Array; ra: Uint32Array; claim: Affine } {
    const ab = totalBits(this.out.bits) - this.nb;
    const r = ctx.transcript.challengeExts(`${this.node.name}/linear.r`, this.nb + ab);
    const rn = r.slice(0, 4 * this.nb);
    const ra = r.slice(4 * this.nb);
    let claim = mleConstraint(ctx.layout, this.out.ref, r);
    if (this.bias) {
      const lead = this.out.dims.slice(0, -1);
      const mask = maskMle(lead, this.out.bits.slice(0, -1), ra);
      claim = claim.sub(this.bias.mle(ctx.layout, rn).scale(mask));
    }
    return { rn, ra, claim };
  }

  /** Both sides: X~(s, r_a) and W~(s, r_n) at the sumcheck point s. */
  private close(ctx: VerifierContext, rn: Uint32Array, ra: Uint32Array): ProductClose {
    return {
      left: (s) => mleConstraint(ctx.layout, this.x.ref, concatExt(s, ra)),
      right: (s) => this.w.mle(ctx.layout, concatExt(s, rn)),
    };
  }

  prove(ctx: ProverContext): OpProof {
    const { rn, ra, claim } = this.claim(ctx);
    const l = ctx.layout;
    const Kp = 2 ** this.kb;
    const A = this.x.ref.paddedLength / Kp;
    const xBase = vectorWire(l, this.x.ref, 0);
    const X = ctx.witness.subarray(xBase, xBase + A * Kp);
    const xa = partialEvalRows(X, A, Kp, eqTable(ra));
    let wn: Uint32Array;
    if (this.w.ref) {
      const wBase = vectorWire(l, this.w.ref, 0);
      wn = partialEvalRows(ctx.witness.subarray(wBase, wBase + this.w.ref.paddedLength), 2 ** this.nb, Kp, eqTable(rn));
    } else {
      wn = publicPartial(this.w, rn);
    }
    return this.zk.prove(ctx, [extTable(xa), extTable(wn)], claim, this.close(ctx, rn, ra));
  }

  verify(ctx: VerifierContext, proof: OpProof): void {
    this.zk.verify(ctx, proof, () => {
      const { rn, ra, claim } = this.claim(ctx);
      return { claim, ...this.close(ctx, rn, ra) };
    });
  }
}

/** W~(·, r_n) partial evaluation of a public weight (open mode, prover side). */
function publicPartial(w: ParamHandle, rn: Uint32Array): Uint32Array {
  // evaluate column by column through the handle's padded data: a[k] = Σ_n eq(rn)[n]·W[n, k]
  const Np = w.padded[0];
  const Kp = w.padded[1];
  const data = w.paddedData?.();
  if (!data) throw new RangeError(`linear: expected public weight data for ${w.spec.name}`);
  return partialEvalRows(data, Np, Kp, eqTable(rn));
}

/** The Linear op prover. */
export const linearProver: OpProver = {
  op: 'Linear',
  plan: (ctx, node) => new LinearInstance(ctx, node),
};
