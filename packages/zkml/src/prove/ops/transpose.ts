/**
 * Zero-knowledge proof of a Transpose node (ONNX semantics, attribute `perm` over the per-sample
 * dims; int/ops/transpose.ts). Both tensors are stored padded, row-major, one block of index bits per
 * dimension (prove/tensor.ts), so the padded output is exactly the padded input with its dimension
 * blocks permuted, and for every point r over the output's variables
 *   `<node>/transpose.permute`   out~(r) = in~(π⁻¹(r))
 * where π⁻¹(r) puts the block of output dim j at the position of input dim perm[j] (the batch
 * dimension stays first). One random r after the commitment: a wrong entry (real or padding) passes
 * with probability ≤ (Σ bits)/|K| (Schwartz–Zippel on the MLE of out − permuted in). No messages;
 * nothing is revealed (the check is a linear constraint proven by the Ligero linear test).
 */
import { mleConstraint, type VerifierContext } from '@vouch/core';
import { intAttrs, type IntNode } from '../../int/graph.ts';
import { dimPoint, totalBits } from '../tensor.ts';
import type { OpProver, PlanContext, TensorRef } from '../types.ts';
import { MessageFreeOp } from './message-free.ts';

/**
 * The input point of a dimension permutation: out dim j ↔ in dim perm[j] (both with the batch first).
 * @param outBits bits of the output dims; @param inBits bits of the input dims.
 */
export function permutePoint(perm: readonly number[], inBits: readonly number[], outBits: readonly number[], r: Uint32Array): Uint32Array {
  const out = new Uint32Array(4 * totalBits(inBits));
  // input dim d's block starts at Σ_{e > d} inBits[e] variables (last dim lowest)
  for (let j = 0; j < perm.length; j++) {
    const d = perm[j];
    let off = 0;
    for (let e = inBits.length - 1; e > d; e--) off += inBits[e];
    out.set(dimPoint(outBits, r, j), 4 * off);
  }
  return out;
}

class TransposeInstance extends MessageFreeOp {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly y: TensorRef;
  private readonly perm: number[];

  constructor(ctx: PlanContext, node: IntNode) {
    super();
    this.node = node;
    this.x = ctx.tensor(node.inputs[0]);
    const p = intAttrs(node, 'perm');
    const k = this.x.dims.length - 1;
    if (p.length !== k || [...p].sort((a, b) => a - b).some((v, i) => v !== i)) throw new RangeError(`node ${node.name}: expected perm to be a permutation of 0..${k - 1}, got [${p.join(', ')}]`);
    this.perm = [0, ...p.map((v) => v + 1)];
    this.y = ctx.output(node);
    this.perm.forEach((d, j) => {
      if (this.y.dims[j] !== this.x.dims[d]) throw new RangeError(`node ${node.name}: expected output dim ${j} = ${this.x.dims[d]}, got ${this.y.dims[j]}`);
    });
  }

  fill(): void {}

  protected constraints(ctx: VerifierContext): void {
    const r = ctx.transcript.challengeExts(`${this.node.name}/transpose.r`, totalBits(this.y.bits));
    const rin = permutePoint(this.perm, this.x.bits, this.y.bits, r);
    ctx.constraints.push(mleConstraint(ctx.layout, this.y.ref, r).equals(mleConstraint(ctx.layout, this.x.ref, rin), `${this.node.name}/transpose.permute`));
  }
}

/** The Transpose op prover. */
export const transposeProver: OpProver = {
  op: 'Transpose',
  plan: (ctx, node) => new TransposeInstance(ctx, node),
};
