/**
 * Zero-knowledge proof of a Requant node (split requantization, int/arith.ts; Jacob et al., CVPR
 * 2018 §2.2; split per shared/design/proof-system.md) with its clamp (a fused ReLU is lo = 0).
 *
 * Per element e of channel c (private multiplier M_c < 2^15, divisor D_c = 2^(s_c − 13) ≤ 2^14, both
 * broadcast to per-element committed tensors Mb, Db that are 0 on padding):
 *   E1 `requant.split`    acc = 2^13·h + l
 *   E2 `requant.low`      l·Mb + 2^12·Db = 2^13·c + r1          (2^(s−1) = 2^12·D)
 *   E3 `requant.high`     h·Mb + c = q·Db + r2
 *   E4 `requant.r2-bound` u = Db − mask − r2                     (u ≥ 0 ⇔ r2 < D on real entries)
 *   E5 `requant.mult`     Mb~(r) = M~(r_c)·mask_others~(r)       (broadcast of M over the channel axis)
 *   E6 `requant.div`      Db~(r) = D~(r_c)·mask_others~(r)
 *   clamp, y = clamp(q, lo, hi):
 *     full int16 range: E7 `requant.clamp` y = q;
 *     otherwise         E7 `requant.clamp` y = q + a − b, E8 `requant.clamp-ab` a·b = 0,
 *                       E9 `requant.clamp-lo` a·y − lo·a = 0, E10 `requant.clamp-hi` hi·b − b·y = 0
 *       (a > 0 ⇒ b = 0, y = lo, q = lo − a < lo; b > 0 ⇒ y = hi, q > hi; a = b = 0 ⇒ y = q ∈ [lo, hi]).
 * Products of hidden values are row triples (l⊙Mb, h⊙Mb, q⊙Db, a⊙b, a⊙y, b⊙y); each E_i is checked at
 * one random point of the tensor's variables (Schwartz–Zippel on the MLE of the residual).
 * Ranges: l, r1 ∈ [0, 2^13); h, q ∈ [−2^15, 2^15); c ∈ [0, 2^16); r2, u ∈ [0, 2^14); a, b ∈ [0, 2^16);
 * y ∈ [lo, hi] when hi − lo + 1 is a power of two (else refused); in private mode also M ∈ [0, 2^15)
 * and D ∈ {2^0, …, 2^14} (a lookup in that fixed public table: D is a power of two, audit O2).
 * Why the field equations are integer equations: E1's right side lies in [−2^28, 2^28); E2's sides in
 * [0, 2^29 + 2^13); E3's difference in absolute value below 2^30 + 2^29 < p (|h·M| < 2^30,
 * |q·D| ≤ 2^29); so each holds over Z, and with the ranges q = ⌊(acc·M + 2^(s−1))/2^s⌋
 * (docs/parts/quantization.md §2). Honest accumulators need |acc| < 2^28 (else the prover refuses).
 */
import { Affine, eFromBase, eMul, fromInt, eOf, type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { requantSplit } from '../../int/arith.ts';
import { dimPoint, maskMle, sharedMle, totalBits } from '../tensor.ts';
import type { FillContext, OpProver, ParamHandle, PlanContext, TensorRef } from '../types.ts';
import { MessageFreeOp } from './message-free.ts';

const INT16_LO = -32768;
const INT16_HI = 32767;
/** The divisors D = 2^(s − 13) a private shift may encode: {2^0, …, 2^14} (s ∈ [13, 27]). */
export const POW2_DIVISORS: readonly number[] = Array.from({ length: 15 }, (_, k) => 2 ** k);

class RequantInstance extends MessageFreeOp {
  readonly node: IntNode;
  private readonly acc: TensorRef;
  private readonly y: TensorRef;
  private readonly m: ParamHandle;
  private readonly d: ParamHandle;
  private readonly axis: number;
  private readonly lo: number;
  private readonly hi: number;
  private readonly identity: boolean;
  private readonly t: Record<string, TensorRef>;

  constructor(ctx: PlanContext, node: IntNode) {
    super();
    this.node = node;
    this.acc = ctx.tensor(node.inputs[0]);
    this.m = ctx.param(node, 'multiplier');
    this.d = ctx.param(node, 'shift');
    const axis = node.attrs.axis as number;
    this.lo = node.attrs.lo as number;
    this.hi = node.attrs.hi as number;
    // axis in the per-sample shape; tensor dims have the batch first
    this.axis = axis < 0 ? -1 : axis + 1;
    this.identity = this.lo === INT16_LO && this.hi === INT16_HI;
    const width = this.hi - this.lo + 1;
    if (!this.identity && (width & (width - 1)) !== 0) throw new RangeError(`node ${node.name}: expected a clamp range of a power-of-two width, got [${this.lo}, ${this.hi}]`);
    if (this.lo < INT16_LO || this.hi > INT16_HI) throw new RangeError(`node ${node.name}: expected a clamp range inside int16, got [${this.lo}, ${this.hi}]`);
    const dims = this.acc.dims;
    const name = node.name;
    const v = (k: string) => ctx.alignedVector(dims, `${name} ${k}`);
    const t: Record<string, TensorRef> = {};
    for (const k of ['h', 'l', 'c', 'r1', 'r2', 'u', 'q', 'Mb', 'Db', 'lM', 'hM', 'qD']) t[k] = v(k);
    ctx.triple(t.l, t.Mb, t.lM);
    ctx.triple(t.h, t.Mb, t.hM);
    ctx.triple(t.q, t.Db, t.qD);
    this.y = ctx.alias(node, v('y'));
    if (!this.identity) {
      for (const k of ['a', 'b', 'ab', 'ay', 'by']) t[k] = v(k);
      ctx.triple(t.a, t.b, t.ab);
      ctx.triple(t.a, this.y, t.ay);
      ctx.triple(t.b, this.y, t.by);
    }
    this.t = t;
    ctx.range(t.l, 0, 13, `${name} l`);
    ctx.range(t.r1, 0, 13, `${name} r1`);
    ctx.range(t.h, INT16_LO, 16, `${name} h`);
    ctx.range(t.c, 0, 16, `${name} c`);
    ctx.range(t.r2, 0, 14, `${name} r2`);
    ctx.range(t.u, 0, 14, `${name} u`);
    ctx.range(t.q, INT16_LO, 16, `${name} q`);
    if (!this.identity) {
      ctx.range(this.y, this.lo, Math.log2(this.hi - this.lo + 1), `${name} y`);
      ctx.range(t.a, 0, 16, `${name} a`);
      ctx.range(t.b, 0, 16, `${name} b`);
    }
    if (ctx.mode === 'private') {
      if (this.m.ref) ctx.range({ label: `${name} M`, dims: this.m.dims, padded: this.m.padded, bits: this.m.bits, ref: this.m.ref }, 0, 15, `${name} M`);
      // D = 2^(s − 13) is a power of two: a lookup in the fixed public table {2^0, …, 2^14} (audit O2)
      if (this.d.ref) ctx.member({ label: `${name} D`, dims: this.d.dims, padded: this.d.padded, bits: this.d.bits, ref: this.d.ref }, 'pow2-14', POW2_DIVISORS, `${name} D`);
    }
  }

  fill(f: FillContext): void {
    const acc = f.value(this.node.inputs[0]);
    const y = f.value(this.node.output);
    const M = f.paramData(this.node.params.multiplier);
    const S = f.paramData(this.node.params.shift);
    const dims = this.acc.dims;
    const C = this.axis < 0 ? 1 : dims[this.axis];
    const inner = this.axis < 0 ? acc.length : dims.slice(this.axis + 1).reduce((a, b) => a * b, 1);
    const n = acc.length;
    const cols: Record<string, Int32Array> = {};
    for (const k of Object.keys(this.t)) cols[k] = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const ch = this.axis < 0 ? 0 : Math.floor(i / inner) % C;
      const m = M[ch];
      const s = S[ch];
      const D = 2 ** (s - 13);
      const sp = requantSplit(acc[i], m, s);
      const q = sp.q;
      cols.h[i] = sp.h;
      cols.l[i] = sp.l;
      cols.c[i] = sp.c;
      cols.r1[i] = sp.r1;
      cols.r2[i] = sp.r2;
      cols.u[i] = D - 1 - sp.r2;
      cols.q[i] = q;
      cols.Mb[i] = m;
      cols.Db[i] = D;
      cols.lM[i] = sp.l * m;
      cols.hM[i] = sp.h * m;
      cols.qD[i] = q * D;
      if (!this.identity) {
        const a = q < this.lo ? this.lo - q : 0;
        const b = q > this.hi ? q - this.hi : 0;
        cols.a[i] = a;
        cols.b[i] = b;
        cols.ab[i] = a * b;
        cols.ay[i] = a * y[i];
        cols.by[i] = b * y[i];
      }
    }
    for (const [k, t] of Object.entries(this.t)) f.write(t, cols[k]);
  }

  /** Both sides: one point, every element-wise constraint. */
  protected constraints(ctx: VerifierContext): void {
    const { layout } = ctx;
    const name = this.node.name;
    const r = ctx.transcript.challengeExts(`${name}/requant.r`, totalBits(this.acc.bits));
    const T = (t: TensorRef) => sharedMle(layout, t.ref, r);
    const t = this.t;
    const c = (x: number) => eFromBase(fromInt(x));
    const mask = maskMle(this.acc.dims, this.acc.bits, r);
    const push = (a: Affine, check: string) => ctx.constraints.push(a.isZero(`${name}/${check}`));
    push(T(this.acc).sub(T(t.h).scale(c(8192))).sub(T(t.l)), 'requant.split');
    push(T(t.lM).add(T(t.Db).scale(c(4096))).sub(T(t.c).scale(c(8192))).sub(T(t.r1)), 'requant.low');
    push(T(t.hM).add(T(t.c)).sub(T(t.qD)).sub(T(t.r2)), 'requant.high');
    push(T(t.u).sub(T(t.Db)).add(T(t.r2)).addConstant(mask), 'requant.r2-bound');
    // broadcast: mask over every dim but the channel axis, times the parameter's MLE at r_axis
    let others = eOf(1);
    for (let d = 0; d < this.acc.dims.length; d++) {
      if (d === this.axis) continue;
      const sub = { dims: [this.acc.dims[d]], bits: [this.acc.bits[d]] };
      others = eMul(others, maskMle(sub.dims, sub.bits, dimPoint(this.acc.bits, r, d)));
    }
    const rc = this.axis < 0 ? new Uint32Array(4 * this.m.bits.reduce((a, b) => a + b, 0)) : dimPoint(this.acc.bits, r, this.axis);
    push(T(t.Mb).sub(this.m.mle(layout, rc).scale(others)), 'requant.mult');
    push(T(t.Db).sub(this.d.mle(layout, rc).scale(others)), 'requant.div');
    if (this.identity) {
      push(T(this.y).sub(T(t.q)), 'requant.clamp');
    } else {
      push(T(this.y).sub(T(t.q)).sub(T(t.a)).add(T(t.b)), 'requant.clamp');
      push(T(t.ab), 'requant.clamp-ab');
      push(T(t.ay).sub(T(t.a).scale(c(this.lo))), 'requant.clamp-lo');
      push(T(t.b).scale(c(this.hi)).sub(T(t.by)), 'requant.clamp-hi');
    }
  }
}

/** The Requant op prover. */
export const requantProver: OpProver = {
  op: 'Requant',
  plan: (ctx, node) => new RequantInstance(ctx, node),
};
