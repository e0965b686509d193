/**
 * Re-layout of a Reshape whose padded layout changes (the CNN → dense "Flatten", e.g. LeNet-5's
 * [B, 1, 16, 5, 5] → [B, 1, 400], padded [B,1,16,8,8] → [B,1,512]); reshapes that keep the padded
 * layout are aliases (reshape.ts), which delegates here otherwise.
 *
 * The output is a fresh committed tensor; one check at a random point r of the output's variables
 * (drawn after the commitment; Schwartz–Zippel on the MLE of the residual) ties it to the input:
 *   `<node>/reshape.relayout`   out~(r) = Σ_{j real} eq(r)[outIdx(j)]·X[inIdx(j)]
 * where j runs over the real elements in row-major order and inIdx/outIdx are their padded indices
 * (tensor.ts paddedIndices). The right side is a linear form on the committed X with one coefficient
 * vector over X's padded index (conv-tensor.ts: ≤ min(rows, ℓ) tensor terms); it fixes every output
 * entry: real ones to the moved inputs, padding ones to 0. No message; soundness error
 * (Σ output bits)/|K|; verifier work O(number of padded input elements).
 */
import { eqTable, mleConstraint, type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { paddedIndices, prod, totalBits } from '../tensor.ts';
import type { OpInstance, OpProof, PlanContext, TensorRef } from '../types.ts';
import { blockForm } from './conv-tensor.ts';
import { checkShape } from './linear.ts';

/** A Reshape proven by a re-layout check (module header). */
export class RelayoutInstance implements OpInstance {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly out: TensorRef;

  constructor(ctx: PlanContext, node: IntNode) {
    this.node = node;
    this.x = ctx.tensor(node.inputs[0]);
    this.out = ctx.output(node);
    if (prod(this.x.dims) !== prod(this.out.dims)) throw new RangeError(`node ${node.name}: expected a reshape keeping the element count, got [${this.x.dims.join(', ')}] → [${this.out.dims.join(', ')}]`);
  }

  proofShape(): readonly number[] {
    return [];
  }

  fill(): void {}

  private run(ctx: VerifierContext): void {
    const r = ctx.transcript.challengeExts(`${this.node.name}/reshape.r`, totalBits(this.out.bits));
    const eq = eqTable(r);
    const inIdx = paddedIndices(this.x.dims);
    const outIdx = paddedIndices(this.out.dims);
    const coef = new Uint32Array(4 * this.x.ref.paddedLength);
    for (let j = 0; j < inIdx.length; j++) coef.set(eq.subarray(4 * outIdx[j], 4 * outIdx[j] + 4), 4 * inIdx[j]);
    const rhs = blockForm(ctx.layout, this.x.ref, [{ bits: this.x.ref.logLength, vec: coef }]);
    ctx.constraints.push(mleConstraint(ctx.layout, this.out.ref, r).equals(rhs, `${this.node.name}/reshape.relayout`));
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

/** Whether a Reshape from `inDims` to `outDims` (batch first) moves elements between padded positions. */
export function needsRelayout(inDims: readonly number[], outDims: readonly number[]): boolean {
  const a = paddedIndices(inDims);
  const b = paddedIndices(outDims);
  if (a.length !== b.length) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return true;
  const pa = prod(inDims.map((d) => 2 ** Math.ceil(Math.log2(d))));
  const pb = prod(outDims.map((d) => 2 ** Math.ceil(Math.log2(d))));
  return pa !== pb;
}
