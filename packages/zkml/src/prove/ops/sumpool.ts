/**
 * Zero-knowledge proof of a SumPool node (the window sums of AveragePool / GlobalAveragePool, as run
 * by int/ops/sumpool.ts; the division is the following Requant). The op is linear, so one check at a
 * random point suffices (Schwartz–Zippel on the MLE of the residual; the "linear layer" case of
 * zkCNN, Liu–Xie–Zhang CCS 2021, without a sumcheck because the map has tensor structure).
 *
 * Tensors X [L…, C, H, W], out [L…, C, OH, OW] (batch dims first, padded to powers of two). The
 * verifier draws r = (r_L, r_c, r_y, r_x) after the commitment and checks
 *   `<node>/sumpool.sum`   out~(r) = Σ_{ℓ, c real} eq(r_L, ℓ)·eq(r_c, c)·Σ_{h,w} ΣSY[h]·ΣSX[w]·X[ℓ, c, h, w]
 * with ΣSY[h] = Σ_i SY[i][h] = Σ_{y<OH} eq(r_y, y)·#{i : s·y + d·i − pad = h} (conv-window.ts): the
 * right side is the MLE at r of the window sums on real entries and 0 on padding, so the check fixes
 * every output entry, padding included. It is one tensor-form linear constraint on (out, X); no
 * message is sent and nothing is revealed. Soundness error (Σ output bits)/|K|. Verifier work
 * O(KH·OH + KW·OW) plus a few tensor terms.
 */
import { eqTable, mleConstraint, type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { dimPoint, totalBits } from '../tensor.ts';
import type { OpInstance, OpProof, OpProver, PlanContext, TensorRef } from '../types.ts';
import { blockForm, maskedEq, type Block } from './conv-tensor.ts';
import { readWindow, selectorColumnSums, selectorMatrix, type Window2d } from './conv-window.ts';
import { checkShape } from './linear.ts';

class SumPoolInstance implements OpInstance {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly out: TensorRef;
  private readonly win: Window2d;
  private readonly lead: number;

  constructor(ctx: PlanContext, node: IntNode) {
    this.node = node;
    this.x = ctx.tensor(node.inputs[0]);
    this.out = ctx.output(node);
    const xd = this.x.dims;
    const od = this.out.dims;
    if (xd.length < 4 || od.length !== xd.length) throw new RangeError(`node ${node.name}: expected NCHW input and output, got [${xd.join(', ')}] → [${od.join(', ')}]`);
    this.lead = xd.length - 3;
    for (let d = 0; d <= this.lead; d++) if (xd[d] !== od[d]) throw new RangeError(`node ${node.name}: expected equal batch and channel dims, got [${xd.join(', ')}] → [${od.join(', ')}]`);
    this.win = readWindow(node, xd.slice(this.lead + 1), od.slice(this.lead + 1));
  }

  proofShape(): readonly number[] {
    return [];
  }

  fill(): void {}

  private run(ctx: VerifierContext): void {
    const ob = this.out.bits;
    const r = ctx.transcript.challengeExts(`${this.node.name}/sumpool.r`, totalBits(ob));
    const k = this.lead;
    const blocks: Block[] = [];
    for (let d = 0; d <= k; d++) blocks.push({ bits: this.x.bits[d], vec: maskedEq(dimPoint(ob, r, d), this.x.dims[d]) });
    const sy = selectorColumnSums(this.win.y, selectorMatrix(this.win.y, eqTable(dimPoint(ob, r, k + 1))));
    const sx = selectorColumnSums(this.win.x, selectorMatrix(this.win.x, eqTable(dimPoint(ob, r, k + 2))));
    blocks.push({ bits: this.x.bits[k + 1], vec: sy }, { bits: this.x.bits[k + 2], vec: sx });
    const lhs = mleConstraint(ctx.layout, this.out.ref, r);
    ctx.constraints.push(lhs.equals(blockForm(ctx.layout, this.x.ref, blocks), `${this.node.name}/sumpool.sum`));
  }

  prove(ctx: VerifierContext): OpProof {
    this.run(ctx);
    return [];
  }

  verify(ctx: VerifierContext, proof: OpProof): void {
    checkShape(this.node.name, proof, []);
    this.run(ctx);
  }
}

/** The SumPool op prover. */
export const sumpoolProver: OpProver = {
  op: 'SumPool',
  plan: (ctx, node) => new SumPoolInstance(ctx, node),
};
