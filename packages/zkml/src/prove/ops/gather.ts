/**
 * Zero-knowledge proof of a Gather node (token embedding; int/ops/gather.ts): y[t, :] = E[id_t, :]
 * for a PRIVATE int8 table E [V, d] (committed in private mode, public in open mode) and committed
 * ids (a graph input bound to the public tokens, or any committed int tensor).
 *
 * One-hot argument (no lookup against a committed table needed): the prover commits H [T, Vp]
 * (T = the ids' padded positions, Vp = V rounded up to a power of two) with H[t, v] = [v = id_t], and
 *   row triple  H ⊙ H = H                          (every entry is 0 or 1),
 *   `<node>/gather.one-hot`  2^vb·H~(½…½, r_t) = ind~(r_t)              (one 1 per real row, none in padding rows),
 *   `<node>/gather.index`    ids~(r_t) = Σ_k 2^k·2^(vb−1)·H~(e_k, r_t)   (e_k: ½ everywhere but coordinate k = 1;
 *                            Σ_v v·H[t, v] = id_t),
 *   `<node>/gather.sumcheck round j`, `<node>/gather.final`, `<node>/gather.h-opening`, `<node>/gather.e-opening`:
 *     y~(r_d, r_t) = Σ_v H~(v, r_t)·E~(v, r_d), a degree-2 ZK sumcheck over the vb variables of v
 *     closed as in Linear (padded final values, hidden product, two MLE openings; product-sumcheck.ts).
 * With r = (r_d, r_t) drawn after the commitment. Hence each real row of H is the indicator of id_t,
 * and y[t, :] = E[id_t, :] (E's padding rows are 0: fixed by the weight digest, or by the public data).
 * An id ≥ V can only select a zero padding row; ids are bound to the public input, whose range
 * [0, V) the statement declares. Soundness error ≤ (2·vb + Σ bits)/|K|. Zero knowledge: only padded
 * sumcheck messages are sent. Cost: T·Vp committed entries and one triple per row of H.
 */
import {
  Affine,
  eAdd,
  eMulBase,
  eZero,
  eFromBase,
  eqTable,
  extTable,
  fromInt,
  mleConstraint,
  partialEvalRows,
  vectorWire,
  type ProverContext,
  type VerifierContext,
} from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { concatExt, maskMle, totalBits } from '../tensor.ts';
import type { FillContext, OpInstance, OpProof, OpProver, ParamHandle, PlanContext, TensorRef } from '../types.ts';
import { ProductSumcheck, type ProductClose } from './product-sumcheck.ts';

const HALF = 1006632961; // 1/2 in F_p

class GatherInstance implements OpInstance {
  readonly node: IntNode;
  private readonly ids: TensorRef;
  private readonly y: TensorRef;
  private readonly E: ParamHandle;
  private readonly H: TensorRef;
  private readonly V: number;
  private readonly vb: number;
  private readonly db: number;
  private readonly zk: ProductSumcheck;

  constructor(ctx: PlanContext, node: IntNode) {
    this.node = node;
    this.ids = ctx.tensor(node.inputs[0]);
    this.E = ctx.param(node, 'table');
    if (this.E.dims.length !== 2) throw new RangeError(`node ${node.name}: expected a table [V, d], got [${this.E.dims.join(', ')}]`);
    this.V = this.E.dims[0];
    this.vb = this.E.bits[0];
    this.db = this.E.bits[1];
    if (this.vb < 1) throw new RangeError(`node ${node.name}: expected V ≥ 2, got ${this.V}`);
    this.y = ctx.output(node);
    if (this.y.dims.length !== this.ids.dims.length + 1 || this.y.dims[this.y.dims.length - 1] !== this.E.dims[1]) throw new RangeError(`node ${node.name}: expected an output [.., ${this.E.dims[1]}], got [${this.y.dims.join(', ')}]`);
    this.H = ctx.alignedVector([...this.ids.dims, this.V], `${node.name} one-hot`);
    ctx.triple(this.H, this.H, this.H);
    this.zk = new ProductSumcheck(ctx, { node: node.name, check: 'gather', operands: ['h', 'e'], numVars: this.vb });
  }

  /** The op-internal tensors (tests and diagnostics). */
  get internal(): Readonly<Record<string, TensorRef>> {
    return { H: this.H };
  }

  proofShape(): readonly number[] {
    return this.zk.proofShape();
  }

  fill(f: FillContext): void {
    const ids = f.value(this.node.inputs[0]);
    const H = new Int32Array(ids.length * this.V);
    ids.forEach((id, t) => {
      if (id < 0 || id >= this.V) throw new RangeError(`node ${this.node.name}: expected ids in [0, ${this.V}), got ${id}`);
      H[t * this.V + id] = 1;
    });
    f.write(this.H, H);
    this.zk.fill(f);
  }

  private point(ctx: VerifierContext): { rd: Uint32Array; rt: Uint32Array; claim: Affine } {
    const name = this.node.name;
    const l = ctx.layout;
    const r = ctx.transcript.challengeExts(`${name}/gather.r`, totalBits(this.y.bits));
    const rd = r.slice(0, 4 * this.db);
    const rt = r.slice(4 * this.db);
    const vb = this.vb;
    const half = new Uint32Array(4 * vb);
    for (let k = 0; k < vb; k++) half[4 * k] = HALF;
    const H = (pt: Uint32Array) => mleConstraint(l, this.H.ref, concatExt(pt, rt));
    const ind = maskMle(this.ids.dims, this.ids.bits, rt);
    ctx.constraints.push(H(half).scale(eFromBase(2 ** vb)).equals(Affine.constant(ind), `${name}/gather.one-hot`));
    let idx = Affine.constant(eZero());
    for (let k = 0; k < vb; k++) {
      const pt = half.slice();
      pt[4 * k] = 1;
      idx = idx.add(H(pt).scale(eFromBase(fromInt(2 ** k * 2 ** (vb - 1)))));
    }
    ctx.constraints.push(mleConstraint(l, this.ids.ref, rt).equals(idx, `${name}/gather.index`));
    return { rd, rt, claim: mleConstraint(l, this.y.ref, r) };
  }

  /** Both sides: H~(s, r_t) and E~(r_d, s) at the sumcheck point s. */
  private close(ctx: VerifierContext, p: { rd: Uint32Array; rt: Uint32Array }): ProductClose {
    return {
      left: (s) => mleConstraint(ctx.layout, this.H.ref, concatExt(s, p.rt)),
      right: (s) => this.E.mle(ctx.layout, concatExt(p.rd, s)),
    };
  }

  prove(ctx: ProverContext): OpProof {
    const p = this.point(ctx);
    const l = ctx.layout;
    const Vp = 2 ** this.vb;
    const Dp = 2 ** this.db;
    const T = this.H.ref.paddedLength / Vp;
    const hb = vectorWire(l, this.H.ref, 0);
    const Hr = partialEvalRows(ctx.witness.subarray(hb, hb + T * Vp), T, Vp, eqTable(p.rt));
    let Edata: Uint32Array;
    if (this.E.ref) {
      const eb = vectorWire(l, this.E.ref, 0);
      Edata = ctx.witness.subarray(eb, eb + Vp * Dp);
    } else {
      const d = this.E.paddedData?.();
      if (!d) throw new RangeError(`node ${this.node.name}: expected public table data`);
      Edata = d;
    }
    const eqD = eqTable(p.rd);
    const Er = new Uint32Array(4 * Vp);
    for (let v = 0; v < Vp; v++) {
      let acc = eZero();
      for (let d = 0; d < Dp; d++) {
        const x = Edata[v * Dp + d];
        if (x !== 0) acc = eAdd(acc, eMulBase(eqD.subarray(4 * d, 4 * d + 4), x));
      }
      Er.set(acc, 4 * v);
    }
    return this.zk.prove(ctx, [extTable(Hr), extTable(Er)], p.claim, this.close(ctx, p));
  }

  verify(ctx: VerifierContext, proof: OpProof): void {
    this.zk.verify(ctx, proof, () => {
      const p = this.point(ctx);
      return { claim: p.claim, ...this.close(ctx, p) };
    });
  }
}

/** The Gather op prover (one-hot argument, private or public table). */
export const gatherProver: OpProver = {
  op: 'Gather',
  plan: (ctx, node) => new GatherInstance(ctx, node),
};

