/**
 * Reshape (Flatten, Reshape, Squeeze, Unsqueeze): the same integers under a new static shape.
 * The output reuses the input's committed vector when both shapes have the same padded layout
 * (every real element keeps its padded index, e.g. [1, 784] → [784] or [B, C, 1] → [B, C]); nothing
 * is proven then. Reshapes that move elements between padded positions (e.g. [1, 3, 5] → [1, 15])
 * are proven by a re-layout check (conv-flatten.ts).
 */
import type { IntNode } from '../../int/graph.ts';
import { paddedIndices } from '../tensor.ts';
import type { OpInstance, OpProof, OpProver, PlanContext } from '../types.ts';
import { checkShape } from './linear.ts';
import { needsRelayout, RelayoutInstance } from './conv-flatten.ts';

function sameLayout(a: readonly number[], b: readonly number[]): boolean {
  const ia = paddedIndices(a);
  const ib = paddedIndices(b);
  if (ia.length !== ib.length) return false;
  for (let i = 0; i < ia.length; i++) if (ia[i] !== ib[i]) return false;
  const pa = a.reduce((s, d) => s * 2 ** Math.ceil(Math.log2(d)), 1);
  const pb = b.reduce((s, d) => s * 2 ** Math.ceil(Math.log2(d)), 1);
  return pa === pb;
}

class ReshapeInstance implements OpInstance {
  readonly node: IntNode;
  constructor(ctx: PlanContext, node: IntNode) {
    this.node = node;
    const x = ctx.tensor(node.inputs[0]);
    const out = ctx.graph.values.get(node.output);
    if (!out) throw new RangeError(`node ${node.name}: expected a declared output ${node.output}`);
    const dims = [ctx.batch, ...(out.shape.length ? out.shape : [1])];
    if (!sameLayout(x.dims, dims)) throw new RangeError(`node ${node.name}: expected a reshape that keeps the padded layout, got [${x.dims.join(', ')}] → [${dims.join(', ')}]`);
    ctx.alias(node, x);
  }
  proofShape(): readonly number[] {
    return [];
  }
  fill(): void {}
  prove(): OpProof {
    return [];
  }
  verify(_ctx: unknown, proof: OpProof): void {
    checkShape(this.node.name, proof, []);
  }
}

/** The Reshape op prover. */
export const reshapeProver: OpProver = {
  op: 'Reshape',
  plan: (ctx, node) => {
    // layout-changing reshapes (CNN flatten) are proven by a re-layout check (conv-flatten.ts)
    const out = ctx.graph.values.get(node.output);
    const dims = [ctx.batch, ...(out && out.shape.length ? out.shape : [1])];
    return out && needsRelayout(ctx.tensor(node.inputs[0]).dims, dims) ? new RelayoutInstance(ctx, node) : new ReshapeInstance(ctx, node);
  },
};
