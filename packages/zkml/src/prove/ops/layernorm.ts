/**
 * Zero-knowledge proof of the integer LayerNorm over the last axis (int/ops/layernorm.ts; I-BERT,
 * Kim et al., ICML 2021 §3.5, with a public 1/√v table R), rows of N int8 values (any 2 ≤ N ≤ 2^14,
 * padded to 2^nb in the layout):
 *   N·m + ρm = Σx + ⌊N/2⌋, 0 ≤ ρm < N;  d = x − m;  N·v + ρv = Σd², 0 ≤ ρv < N;  r = R[v];
 *   2^11·q + ρz = d·r + 2^10, 0 ≤ ρz < 2^11;  z = clamp(q, −128, 127);  y = z·γ + β.
 *
 * Committed: per row [B, …, R]: m, ρm, v, ρv, r (and um, uv when N < 2^nb); per element (aligned,
 * for row triples): d, d⊙d, rb = r broadcast, d⊙rb, q, ρz (limbs 8 + 3), a, b, a⊙z, b⊙z, z,
 * gb = γ broadcast, z⊙gb; y (output).
 * At a random point r = (r_i, r_lead) after the commitment (half-point sums: Σ_i f = 2^nb·f~(½…½, ·);
 * mask_i = [i < N] public, Σx^mask(r_lead) = Σ_{i<N} x~(i, r_lead), (mask⊙x)~ its MLE: tensor terms
 * of public weights, row-mask.ts, equal to the plain sum / x~ when N = 2^nb):
 *   `layernorm.mean`      Σx^mask(r_lead) + ⌊N/2⌋·ind_lead = N·m~ + ρm~
 *   `layernorm.center`    d~(r) = (mask⊙x)~(r) − m~(r_lead)·mask~(r_i)   (d = 0 on the padding along i)
 *   `layernorm.var`       2^nb·(d⊙d)~(½, r_lead) = N·v~ + ρv~             (padding of d is 0: the real sum)
 *   `layernorm.mean-bound`, `layernorm.var-bound` (N < 2^nb only)  um~ + ρm~ = (N−1)·ind_lead, likewise uv
 *   `layernorm.rsqrt-bcast` rb~(r) = r~(r_lead)
 *   `layernorm.round`     (d⊙rb)~ + 2^10·ind~ = 2^11·q~ + ρz0~ + 2^8·ρz1~
 *   `layernorm.clamp`     z~ = q~ − a~ + b~
 *   `layernorm.clamp-hi`  127·a~ − (a⊙z)~ = 0       (a > 0 ⇒ z = 127)
 *   `layernorm.clamp-lo`  (b⊙z)~ + 128·b~ = 0       (b > 0 ⇒ z = −128; both > 0 is contradictory)
 *   `layernorm.gamma`     gb~(r) = γ~(r_i)·ind_lead(r_lead)
 *   `layernorm.affine`    y~(r) = (z⊙gb)~(r) + β~(r_i)·ind_lead(r_lead)
 * a logUp (labels `<node>/layernorm.rsqrt …`) of (v, r) against {(k, R[k]) : k < 2^14}, and ranges
 * m, z ∈ [−128, 128), ρm, ρv, um, uv ∈ [0, 2^nb), q ∈ [−2^13, 2^13), a, b ∈ [0, 2^14), ρz0 ∈ [0, 2^8),
 * ρz1 ∈ [0, 2^3). No relation reads x's padding (docs/parts/inference.md §2); d's padding along i is
 * forced to 0 by center, so d⊙d, d⊙rb, q, z vanish there (round's ind), and the half-point sum of d⊙d
 * is the real Σd². With ρ, u ∈ [0, 2^nb) and ρ + u = N − 1, 0 ≤ ρ < N.
 * The truncated table suffices: for int8 x, Σ(x − m)² = Σ(x − μ)² + N(μ − m)² ≤ N·(255²/4 + 1/4), so
 * v ≤ 16256 < 2^14 for every honest row (the range analysis' bound v ≤ 65025 is looser).
 * Integer soundness: with m, v, q, … in their ranges, the terms of every identity are below p in
 * absolute value (the largest: Σd² ≤ 255²·N and N·v < 2^14·N with N ≤ 2^14), so each field identity
 * is an integer identity, which gives the executor's floors.
 * Soundness error ≤ (Σ bits + 1)/|K| + the lookup's. Zero knowledge: only the lookup's padded GKR
 * messages are sent; γ and β (private) enter only through committed MLE terms. */
import { Affine, eFromBase, eMulBase, eOne, eqPrefixSum, fillLogup, fromInt, planLogup, vectorWire, type LogupPlan, type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { LN_Z_SHIFT } from '../../int/ops/layernorm.ts';
import { lastDimMaskedMle } from '../row-mask.ts';
import { dimPoint, maskMle, paddedIndices, pow2, prod, sharedMle, totalBits } from '../tensor.ts';
import type { FillContext, OpProver, ParamHandle, PlanContext, TensorRef } from '../types.ts';
import { LogupBackedOp } from './logup-backed.ts';

const HALF = 1006632961; // 1/2 in F_p
/** Rows of the truncated 1/√v table (v < 2^14 for int8 inputs). */
export const LN_TABLE_ROWS = 2 ** 14;
/** Longest row: Σd² ≤ N·255² and N·v < N·2^14 stay below p, so the variance identity is over ℤ. */
export const LN_MAX_ROW = 2 ** 14;

class LayerNormInstance extends LogupBackedOp {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly y: TensorRef;
  private readonly row: Record<string, TensorRef> = {};
  private readonly el: Record<string, TensorRef> = {};
  private readonly gamma: ParamHandle;
  private readonly beta: ParamHandle;
  private readonly R: Int32Array;
  private readonly N: number;
  /** Padded row length 2^nb. */
  private readonly Np: number;
  protected readonly plan: LogupPlan;

  constructor(ctx: PlanContext, node: IntNode) {
    super();
    this.node = node;
    const name = node.name;
    this.x = ctx.tensor(node.inputs[0]);
    const dims = this.x.dims;
    this.N = dims[dims.length - 1];
    if (this.N < 2 || this.N > LN_MAX_ROW) throw new RangeError(`node ${name}: expected a row length in [2, ${LN_MAX_ROW}], got ${this.N}`);
    this.Np = pow2(this.N);
    if (ctx.graph.values.get(node.inputs[0])?.dtype !== 'int8') throw new RangeError(`node ${name}: expected an int8 input`);
    this.gamma = ctx.param(node, 'gamma');
    this.beta = ctx.param(node, 'beta');
    const rh = ctx.param(node, 'rsqrt');
    const rd = rh.paddedData?.();
    if (!rd || rh.ref || prod(rh.dims) < LN_TABLE_ROWS) throw new RangeError(`node ${name}: expected a public rsqrt table of ≥ ${LN_TABLE_ROWS} entries`);
    this.R = Int32Array.from(rd.subarray(0, LN_TABLE_ROWS));
    for (const v of this.R) if (v < 0 || v >= 2 ** 16) throw new RangeError(`node ${name}: expected rsqrt entries in [0, 2^16), got ${v}`);
    const lead = dims.slice(0, -1);
    // um = N − 1 − ρm, uv = N − 1 − ρv bound the remainders by N when N < 2^nb (ranges give < 2^nb only)
    for (const k of this.N === this.Np ? ['m', 'rm', 'v', 'rv', 'r'] : ['m', 'rm', 'v', 'rv', 'r', 'um', 'uv']) this.row[k] = ctx.vector(lead, `${name} ${k}`);
    for (const k of ['d', 'd2', 'rb', 'drb', 'a', 'b', 'z', 'az', 'bz', 'gb', 'zg']) this.el[k] = ctx.alignedVector(dims, `${name} ${k}`);
    for (const k of ['q', 'rz0', 'rz1']) this.el[k] = ctx.vector(dims, `${name} ${k}`);
    this.y = ctx.output(node);
    const e = this.el;
    ctx.triple(e.d, e.d, e.d2);
    ctx.triple(e.d, e.rb, e.drb);
    ctx.triple(e.a, e.z, e.az);
    ctx.triple(e.b, e.z, e.bz);
    ctx.triple(e.z, e.gb, e.zg);
    const nb = Math.log2(this.Np);
    ctx.range(this.row.m, -128, 8, `${name} m`);
    ctx.range(this.row.rm, 0, nb, `${name} rho-m`);
    ctx.range(this.row.rv, 0, nb, `${name} rho-v`);
    if (this.row.um) {
      ctx.range(this.row.um, 0, nb, `${name} bound-m`);
      ctx.range(this.row.uv, 0, nb, `${name} bound-v`);
    }
    ctx.range(e.z, -128, 8, `${name} z`);
    ctx.range(e.q, -(2 ** 13), 14, `${name} q`);
    ctx.range(e.a, 0, 14, `${name} a`);
    ctx.range(e.b, 0, 14, `${name} b`);
    ctx.range(e.rz0, 0, 8, `${name} rho-z0`);
    ctx.range(e.rz1, 0, LN_Z_SHIFT - 8, `${name} rho-z1`);
    const keys = Uint32Array.from({ length: LN_TABLE_ROWS }, (_, k) => k);
    this.plan = planLogup(ctx.builder, ctx.products, { label: `${name}/layernorm.rsqrt`, table: { kind: 'fixed', columns: [keys, Uint32Array.from(this.R)] }, groups: [{ columns: [this.row.v.ref, this.row.r.ref] }] });
  }

  /** The op-internal tensors (tests and diagnostics). */
  get internal(): Readonly<Record<string, TensorRef>> {
    return { ...this.row, ...this.el };
  }

  fill(f: FillContext): void {
    const name = this.node.name;
    const dims = this.x.dims;
    const N = this.N;
    const Np = this.Np;
    const lead = dims.slice(0, -1);
    const leadPadded = prod(this.x.padded.slice(0, -1));
    const rowOf = new Int32Array(leadPadded).fill(-1);
    paddedIndices(lead).forEach((lp, j) => (rowOf[lp] = j));
    const xv = f.value(this.node.inputs[0]);
    const yv = f.value(this.node.output);
    const g = f.paramData(this.node.params.gamma);
    const bt = f.paramData(this.node.params.beta);
    const size = leadPadded * Np;
    const rowCols: Record<string, Float64Array> = {};
    for (const k of ['m', 'rm', 'v', 'rv', 'r', 'um', 'uv']) rowCols[k] = new Float64Array(leadPadded);
    const el: Record<string, Float64Array> = {};
    for (const k of ['d', 'd2', 'rb', 'drb', 'a', 'b', 'z', 'az', 'bz', 'gb', 'zg', 'q', 'rz0', 'rz1', 'y']) el[k] = new Float64Array(size);
    for (let lp = 0; lp < leadPadded; lp++) {
      const j = rowOf[lp];
      let m = 0;
      let v = 0;
      if (j >= 0) {
        let sum = 0;
        for (let i = 0; i < N; i++) sum += xv[j * N + i];
        m = Math.floor((sum + Math.floor(N / 2)) / N);
        rowCols.rm[lp] = sum + Math.floor(N / 2) - N * m;
        let sq = 0;
        for (let i = 0; i < N; i++) sq += (xv[j * N + i] - m) ** 2;
        v = Math.floor(sq / N);
        rowCols.rv[lp] = sq - N * v;
        if (v >= LN_TABLE_ROWS) throw new RangeError(`node ${name}: expected a variance below ${LN_TABLE_ROWS}, got ${v}`);
        rowCols.um[lp] = N - 1 - rowCols.rm[lp];
        rowCols.uv[lp] = N - 1 - rowCols.rv[lp];
      }
      const r = this.R[v];
      rowCols.m[lp] = m;
      rowCols.v[lp] = v;
      rowCols.r[lp] = r;
      for (let i = 0; i < Np; i++) {
        const p = lp * Np + i;
        el.rb[p] = r;
        if (j < 0 || i >= N) continue;
        const d = xv[j * N + i] - m;
        const drb = d * r;
        const q = Math.floor((drb + 2 ** (LN_Z_SHIFT - 1)) / 2 ** LN_Z_SHIFT);
        const rz = drb + 2 ** (LN_Z_SHIFT - 1) - q * 2 ** LN_Z_SHIFT;
        const z = q < -128 ? -128 : q > 127 ? 127 : q;
        el.d[p] = d;
        el.d2[p] = d * d;
        el.drb[p] = drb;
        el.q[p] = q;
        el.rz0[p] = rz % 256;
        el.rz1[p] = Math.floor(rz / 256);
        el.a[p] = q > 127 ? q - 127 : 0;
        el.b[p] = q < -128 ? -128 - q : 0;
        el.z[p] = z;
        el.az[p] = el.a[p] * z;
        el.bz[p] = el.b[p] * z;
        el.gb[p] = g[i];
        el.zg[p] = z * g[i];
        el.y[p] = z * g[i] + bt[i];
        if (el.y[p] !== yv[j * N + i]) throw new RangeError(`node ${name}: expected the executor's output ${yv[j * N + i]}, got ${el.y[p]}`);
      }
    }
    const put = (t: TensorRef, data: Float64Array) => {
      const base = vectorWire(f.layout, t.ref, 0);
      for (let i = 0; i < data.length; i++) f.witness[base + i] = fromInt(data[i]);
    };
    for (const [k, t] of Object.entries(this.row)) put(t, rowCols[k]);
    for (const [k, t] of Object.entries(this.el)) put(t, el[k]);
    fillLogup(this.plan, f.layout, f.witness);
  }

  protected override constraints(ctx: VerifierContext): void {
    const name = this.node.name;
    const l = ctx.layout;
    const bits = this.x.bits;
    const nb = bits[bits.length - 1];
    const r = ctx.transcript.challengeExts(`${name}/layernorm.r`, totalBits(bits));
    const ri = dimPoint(bits, r, bits.length - 1);
    const rl = r.subarray(4 * nb);
    const half = new Uint32Array(4 * totalBits(bits));
    for (let k = 0; k < nb; k++) half[4 * k] = HALF;
    half.set(rl, 4 * nb);
    const T = (t: TensorRef) => sharedMle(l, t.ref, r);
    const Rw = (t: TensorRef) => sharedMle(l, t.ref, rl);
    const H = (t: TensorRef) => sharedMle(l, t.ref, half).scale(eFromBase(2 ** nb));
    const c = (v: number) => eFromBase(fromInt(v));
    const indLead = maskMle(this.x.dims.slice(0, -1), bits.slice(0, -1), rl);
    const ind = maskMle(this.x.dims, bits, r);
    const N = this.N;
    const e = this.el;
    const w = this.row;
    const push = (a: Affine, check: string) => ctx.constraints.push(a.isZero(`${name}/${check}`));
    // N = 2^nb: x has no padding along i; else only x's real entries enter (public 0/1 mask weights)
    const full = N === this.Np;
    const sumX = full ? H(this.x) : lastDimMaskedMle(l, this.x.ref, nb, N, rl);
    const xAt = full ? T(this.x) : lastDimMaskedMle(l, this.x.ref, nb, N, rl, ri);
    const maskI = full ? eOne() : eqPrefixSum(ri, N);
    push(sumX.addConstant(eMulBase(indLead, Math.floor(N / 2))).sub(Rw(w.m).scale(c(N))).sub(Rw(w.rm)), 'layernorm.mean');
    push(T(e.d).sub(xAt).add(Rw(w.m).scale(maskI)), 'layernorm.center');
    push(H(e.d2).sub(Rw(w.v).scale(c(N))).sub(Rw(w.rv)), 'layernorm.var');
    if (!full) {
      push(Rw(w.um).add(Rw(w.rm)).addConstant(eMulBase(indLead, fromInt(-(N - 1)))), 'layernorm.mean-bound');
      push(Rw(w.uv).add(Rw(w.rv)).addConstant(eMulBase(indLead, fromInt(-(N - 1)))), 'layernorm.var-bound');
    }
    push(T(e.rb).sub(Rw(w.r)), 'layernorm.rsqrt-bcast');
    push(T(e.drb).addConstant(eMulBase(ind, 2 ** (LN_Z_SHIFT - 1))).sub(T(e.q).scale(c(2 ** LN_Z_SHIFT))).sub(T(e.rz0)).sub(T(e.rz1).scale(c(256))), 'layernorm.round');
    push(T(e.z).sub(T(e.q)).add(T(e.a)).sub(T(e.b)), 'layernorm.clamp');
    push(T(e.a).scale(c(127)).sub(T(e.az)), 'layernorm.clamp-hi');
    push(T(e.bz).add(T(e.b).scale(c(128))), 'layernorm.clamp-lo');
    push(T(e.gb).sub(this.gamma.mle(l, ri).scale(indLead)), 'layernorm.gamma');
    push(T(this.y).sub(T(e.zg)).sub(this.beta.mle(l, ri).scale(indLead)), 'layernorm.affine');
  }

}

/** The LayerNorm op prover. */
export const layernormProver: OpProver = {
  op: 'LayerNorm',
  plan: (ctx, node) => new LayerNormInstance(ctx, node),
};
