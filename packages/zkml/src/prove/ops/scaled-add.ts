/**
 * Zero-knowledge proof of a ScaledAdd node (int/ops/scaled-add.ts; Jacob et al., CVPR 2018, App. A.2):
 * y = a·K_a + b·K_b element-wise, b a second activation or a constant `other` broadcast over the
 * leading dimensions (its shape must equal a's trailing dimensions). K_a, K_b are one-element
 * parameters (private: committed; open: public).
 *
 * Committed, column-aligned per-element tensors: copies ac, bc of the operands, broadcasts ka, kb of
 * the scalars, and the products pa = ac ⊙ ka, pb = bc ⊙ kb (row triples). At one point r
 * (`<node>/scaledadd.r`):
 *   `<node>/scaledadd.copy-a`  ac~(r) = a~(r)
 *   `<node>/scaledadd.copy-b`  bc~(r) = b~(r)   or   other~(r_trailing)·mask_lead~(r)
 *   `<node>/scaledadd.ka`      ka~(r) = K_a·mask~(r)     (K_a: the parameter's MLE, committed or public)
 *   `<node>/scaledadd.kb`      kb~(r) = K_b·mask~(r)
 *   `<node>/scaledadd.sum`     y~(r) = pa~(r) + pb~(r)
 * Soundness: each is the MLE of an element-wise residual at a random point (error ≤ v/|K| each); the
 * products are exact field products, and |a·K_a + b·K_b| < 2^23 ≪ p, so y is the integer result.
 */
import { Affine, eMul, type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { dimPoint, maskMle, sharedMle, totalBits } from '../tensor.ts';
import type { FillContext, OpProver, ParamHandle, PlanContext, TensorRef } from '../types.ts';
import { MessageFreeOp } from './message-free.ts';

class ScaledAddInstance extends MessageFreeOp {
  readonly node: IntNode;
  private readonly a: TensorRef;
  private readonly b: TensorRef | undefined;
  private readonly other: ParamHandle | undefined;
  private readonly ka: ParamHandle;
  private readonly kb: ParamHandle;
  private readonly y: TensorRef;
  private readonly t: Record<'ac' | 'bc' | 'kaB' | 'kbB' | 'pa' | 'pb', TensorRef>;

  constructor(ctx: PlanContext, node: IntNode) {
    super();
    this.node = node;
    this.a = ctx.tensor(node.inputs[0]);
    this.other = node.params.other === undefined ? undefined : ctx.param(node, 'other');
    this.b = this.other ? undefined : ctx.tensor(node.inputs[1]);
    this.ka = ctx.param(node, 'ka');
    this.kb = ctx.param(node, 'kb');
    const dims = this.a.dims;
    if (this.b && this.b.dims.join(',') !== dims.join(',')) throw new RangeError(`node ${node.name}: expected operands of one shape, got [${dims.join(', ')}] and [${this.b.dims.join(', ')}]`);
    if (this.other) {
      const tail = dims.slice(dims.length - this.other.dims.length);
      if (tail.join(',') !== this.other.dims.join(',')) throw new RangeError(`node ${node.name}: expected 'other' of a's trailing shape [${tail.join(', ')}], got [${this.other.dims.join(', ')}]`);
    }
    this.y = ctx.output(node);
    const v = (k: string) => ctx.alignedVector(dims, `${node.name} ${k}`);
    this.t = { ac: v('ac'), bc: v('bc'), kaB: v('ka'), kbB: v('kb'), pa: v('pa'), pb: v('pb') };
    ctx.triple(this.t.ac, this.t.kaB, this.t.pa);
    ctx.triple(this.t.bc, this.t.kbB, this.t.pb);
  }

  fill(f: FillContext): void {
    const a = f.value(this.node.inputs[0]);
    const b = this.other ? f.paramData(this.node.params.other) : f.value(this.node.inputs[1]);
    const ka = f.paramData(this.node.params.ka)[0];
    const kb = f.paramData(this.node.params.kb)[0];
    const n = a.length;
    const bb = Int32Array.from({ length: n }, (_, i) => b[i % b.length]);
    f.write(this.t.ac, a);
    f.write(this.t.bc, bb);
    f.write(this.t.kaB, new Int32Array(n).fill(ka));
    f.write(this.t.kbB, new Int32Array(n).fill(kb));
    f.write(this.t.pa, Int32Array.from(a, (x) => x * ka));
    f.write(this.t.pb, Int32Array.from(bb, (x) => x * kb));
  }

  protected constraints(ctx: VerifierContext): void {
    const { layout } = ctx;
    const name = this.node.name;
    const r = ctx.transcript.challengeExts(`${name}/scaledadd.r`, totalBits(this.a.bits));
    const T = (t: TensorRef) => sharedMle(layout, t.ref, r);
    const dims = this.a.dims;
    const mask = maskMle(dims, this.a.bits, r);
    const push = (f: Affine, check: string) => ctx.constraints.push(f.isZero(`${name}/${check}`));
    push(T(this.t.ac).sub(T(this.a)), 'scaledadd.copy-a');
    if (this.b) {
      push(T(this.t.bc).sub(T(this.b)), 'scaledadd.copy-b');
    } else {
      const o = this.other!;
      const lead = dims.length - o.dims.length;
      let leadMask: Uint32Array = Uint32Array.of(1, 0, 0, 0);
      for (let d = 0; d < lead; d++) leadMask = eMul(leadMask, maskMle([dims[d]], [this.a.bits[d]], dimPoint(this.a.bits, r, d)));
      const tailPoint = r.subarray(0, 4 * o.bits.reduce((x, y) => x + y, 0));
      push(T(this.t.bc).sub(o.mle(layout, tailPoint).scale(leadMask)), 'scaledadd.copy-b');
    }
    const empty = new Uint32Array(0);
    push(T(this.t.kaB).sub(this.ka.mle(layout, empty).scale(mask)), 'scaledadd.ka');
    push(T(this.t.kbB).sub(this.kb.mle(layout, empty).scale(mask)), 'scaledadd.kb');
    push(T(this.y).sub(T(this.t.pa)).sub(T(this.t.pb)), 'scaledadd.sum');
  }
}

/** The ScaledAdd op prover. */
export const scaledAddProver: OpProver = {
  op: 'ScaledAdd',
  plan: (ctx, node) => new ScaledAddInstance(ctx, node),
};
