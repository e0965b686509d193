/**
 * Zero-knowledge proof of a standalone Relu node, y = max(x, 0) element-wise (int/ops/relu.ts).
 * With a = y − x committed (a = max(−x, 0)) and the row triple a ⊙ y = ay:
 *   `<node>/relu.diff`   y~(r) − x~(r) − a~(r) = 0
 *   `<node>/relu.select` ay~(r) = 0                (a = 0 or y = 0: p is prime, no zero divisors)
 * and ranges y, a ∈ [0, 2^k) with k = 8 for int8 inputs, 16 otherwise. Then a > 0 ⇒ y = 0 and
 * x = −a < 0; a = 0 ⇒ y = x ≥ 0: y = max(x, 0) over the integers (|x|, |y|, |a| < 2^16 ≪ p).
 */
import { type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { sharedMle, totalBits } from '../tensor.ts';
import type { FillContext, OpProver, PlanContext, TensorRef } from '../types.ts';
import { MessageFreeOp } from './message-free.ts';

class ReluInstance extends MessageFreeOp {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly y: TensorRef;
  private readonly a: TensorRef;
  private readonly ay: TensorRef;

  constructor(ctx: PlanContext, node: IntNode) {
    super();
    this.node = node;
    this.x = ctx.tensor(node.inputs[0]);
    this.y = ctx.alias(node, ctx.alignedVector(this.x.dims, `${node.name} y`));
    this.a = ctx.alignedVector(this.x.dims, `${node.name} a`);
    this.ay = ctx.alignedVector(this.x.dims, `${node.name} ay`);
    ctx.triple(this.a, this.y, this.ay);
    const dtype = ctx.graph.values.get(node.inputs[0])?.dtype;
    const k = dtype === 'int8' ? 8 : 16;
    ctx.range(this.y, 0, k, `${node.name} y`);
    ctx.range(this.a, 0, k, `${node.name} a`);
  }

  fill(f: FillContext): void {
    const x = f.value(this.node.inputs[0]);
    const a = Int32Array.from(x, (v) => (v < 0 ? -v : 0));
    f.write(this.a, a);
    f.write(this.ay, new Int32Array(x.length));
  }

  protected constraints(ctx: VerifierContext): void {
    const r = ctx.transcript.challengeExts(`${this.node.name}/relu.r`, totalBits(this.x.bits));
    const T = (t: TensorRef) => sharedMle(ctx.layout, t.ref, r);
    ctx.constraints.push(T(this.y).sub(T(this.x)).sub(T(this.a)).isZero(`${this.node.name}/relu.diff`));
    ctx.constraints.push(T(this.ay).isZero(`${this.node.name}/relu.select`));
  }
}

/** The Relu op prover. */
export const reluProver: OpProver = {
  op: 'Relu',
  plan: (ctx, node) => new ReluInstance(ctx, node),
};
