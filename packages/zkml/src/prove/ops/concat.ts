/**
 * Zero-knowledge proof of a Concat node (int/ops/concat.ts): out = [in_0 | in_1 | …] along `axis`.
 *
 * Supported (planning refuses the rest): every input's size d_j along the axis is a power of two and
 * its offset o_j = Σ_{i<j} d_i is a multiple of d_j (e.g. B5's four heads of 16 into 64). Then the
 * axis block [o_j, o_j + d_j) of the padded output is exactly the padded in_j, and for a random point
 * r over the output's variables, splitting the axis variables r_a into the low log d_j (r_a,lo) and
 * the rest (r_a,hi):
 *   `<node>/concat.blocks`   out~(r) = Σ_j eq(r_a,hi, o_j / d_j)·in_j~(r with r_a replaced by r_a,lo)
 * The right side has no weight on axis positions ≥ Σ d_j, so those padding entries of out are forced
 * to 0 (the honest value). Soundness error ≤ (Σ bits)/|K|. No messages; zero knowledge as for any
 * linear constraint.
 */
import { Affine, eMul, eOne, eSub, mleConstraint, type Ext, type VerifierContext } from '@vouch/core';
import { intAttr, type IntNode } from '../../int/graph.ts';
import { totalBits } from '../tensor.ts';
import type { OpProver, PlanContext, TensorRef } from '../types.ts';
import { MessageFreeOp } from './message-free.ts';

/** eq(z, n) for the bits of the integer n (flat ext z, one variable per bit, bit k ↔ z_k). */
export function eqAtIndex(z: Uint32Array, n: number): Ext {
  let acc = eOne();
  for (let k = 0; k < z.length / 4; k++) {
    const zk = z.subarray(4 * k, 4 * k + 4);
    acc = eMul(acc, (n >> k) & 1 ? zk : eSub(eOne(), zk));
  }
  return acc;
}

class ConcatInstance extends MessageFreeOp {
  readonly node: IntNode;
  private readonly ins: TensorRef[];
  private readonly y: TensorRef;
  private readonly axis: number;
  private readonly offsets: number[];

  constructor(ctx: PlanContext, node: IntNode) {
    super();
    this.node = node;
    this.ins = node.inputs.map((v) => ctx.tensor(v));
    this.axis = intAttr(node, 'axis') + 1;
    this.y = ctx.output(node);
    let off = 0;
    this.offsets = this.ins.map((t) => {
      const d = t.dims[this.axis];
      if (t.padded[this.axis] !== d || off % d !== 0) throw new RangeError(`node ${node.name}: expected power-of-two inputs at aligned offsets along the axis, got size ${d} at offset ${off}`);
      t.dims.forEach((e, k) => {
        if (k !== this.axis && e !== this.y.dims[k]) throw new RangeError(`node ${node.name}: expected input dim ${k} = ${this.y.dims[k]}, got ${e}`);
      });
      const o = off;
      off += d;
      return o;
    });
    if (off !== this.y.dims[this.axis]) throw new RangeError(`node ${node.name}: expected the inputs to fill ${this.y.dims[this.axis]} along the axis, got ${off}`);
  }

  fill(): void {}

  protected constraints(ctx: VerifierContext): void {
    const bits = this.y.bits;
    const r = ctx.transcript.challengeExts(`${this.node.name}/concat.r`, totalBits(bits));
    let below = 0;
    for (let e = bits.length - 1; e > this.axis; e--) below += bits[e];
    const ab = bits[this.axis];
    let rhs = Affine.constant(new Uint32Array(4));
    this.ins.forEach((t, j) => {
      const lb = t.bits[this.axis];
      const pt = new Uint32Array(4 * totalBits(t.bits));
      pt.set(r.subarray(0, 4 * (below + lb)));
      pt.set(r.subarray(4 * (below + ab)), 4 * (below + lb));
      const hi = r.subarray(4 * (below + lb), 4 * (below + ab));
      const w = eqAtIndex(hi, this.offsets[j] >> lb);
      rhs = rhs.add(mleConstraint(ctx.layout, t.ref, pt).scale(w));
    });
    ctx.constraints.push(mleConstraint(ctx.layout, this.y.ref, r).equals(rhs, `${this.node.name}/concat.blocks`));
  }
}

/** The Concat op prover. */
export const concatProver: OpProver = {
  op: 'Concat',
  plan: (ctx, node) => new ConcatInstance(ctx, node),
};

