/**
 * Zero-knowledge proof of the integer Softmax over the last axis (int/ops/softmax.ts; I-BERT-style
 * with a public 256-row exp table E, Kim et al., ICML 2021; quant/lower-transformer.ts), rows of
 * length N, public 0/1 mask (causal attention). Per real row j and real i, with keep = real ∧ unmasked:
 *   m_j = max_{keep} x,  d = m_j − x ∈ [0, 255],  e = E[255 − d] (0 where not kept),
 *   S_j = Σ_i e,  y = ⌊(510·e + S_j) / (2·S_j)⌋ ∈ [0, 255].
 *
 * Committed (all [B, …, R, N] padded unless said): m [B, …, R]; kp = keep (public, committed so that
 * products with it are row triples); G0 = m ⊗ 1_N − x; KG = kp ⊙ G0 (triple); Z = KG − kp + 1;
 * e; sel, sel ⊙ Z (triple); Sb = S broadcast over real i; y (the output); y ⊙ Sb (triple); the
 * remainder ρ and the bound u = 2·Sb − ind − ρ as 8-bit limbs (ρ = Σ 2^(8t)·ρ_t, likewise u).
 * One random point r (after the commitment) over the tensor's variables, r = (r_i, r_lead):
 *   `softmax.keep`     kp~(r) = keep~(r)                               (public MLE, O(size) for the verifier)
 *   `softmax.shift`    G0~(r) = m~(r_lead)·ind_N~(r_i) − x~(r)
 *   `softmax.zero-key` Z~(r) = KG~(r) − kp~(r) + 1
 *   `softmax.argmax`   (sel⊙Z)~(r) = 0
 *   `softmax.select`   2^n·sel~(½…½, r_lead) = ind_lead~(r_lead)       (Σ_i sel = 1 on real rows)
 *   `softmax.sum`      Sb~(r) = 2^n·e~(½…½, r_lead)·ind_N~(r_i)
 *   `softmax.div`      510·e~ + Sb~ − 2·(y⊙Sb)~ − ρ~ = 0
 *   `softmax.rem-bound` 2·Sb~ − ind~ − ρ~ − u~ = 0
 * and one logUp (labels `<node>/softmax.exp …`) of the triples (KG, kp, e) against the public table
 * {(k, 1, E[255 − k]) : k < 256} ∪ {(0, 0, 0)}; ranges (framework): y, every limb ∈ [0, 2^8) (top
 * limb to its own width).
 * Why this is the executor's relation: the lookup forces, where kept, KG = d ∈ [0, 255] (so m ≥ x)
 * and e = E[255 − d], and elsewhere e = 0. Z = d where kept and 1 elsewhere, so sel ⊙ Z = 0 puts sel
 * only on kept entries with d = 0, and Σ sel = 1 makes one exist: m is the max. e vanishes on the
 * padding along i, so the half-point sums are the row sums. With y < 2^8, 0 ≤ ρ < 2^W, u ≥ 0 and
 * every term below p/2 (N·max E·514 < p is checked at planning), div is an integer identity with
 * 0 ≤ ρ < 2S: y is the floor. Rows with no unmasked entry are refused at planning (not used).
 * Soundness error: (Σ bits + 1)/|K| for the point (Schwartz–Zippel) plus the lookups' error.
 * Zero knowledge: only the lookup's padded GKR messages are sent.
 */
import { Affine, eFromBase, eMulBase, eOf, fillLogup, fromInt, mleConstraint, mleEvalBase, planLogup, vectorWire, type LogupPlan, type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { dimPoint, maskMle, paddedField, paddedIndices, prod, totalBits } from '../tensor.ts';
import type { FillContext, OpProver, PlanContext, TensorRef } from '../types.ts';
import { LogupBackedOp } from './logup-backed.ts';

const HALF = 1006632961; // 1/2 in F_p

/** 8-bit limb widths of a W-bit value. */
export function limbWidths(W: number): number[] {
  const out: number[] = [];
  for (let left = W; left > 0; left -= 8) out.push(Math.min(8, left));
  return out.length ? out : [1];
}

class SoftmaxInstance extends LogupBackedOp {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly y: TensorRef;
  private readonly m: TensorRef;
  private readonly t: Record<string, TensorRef> = {};
  private readonly rho: TensorRef[];
  private readonly u: TensorRef[];
  private readonly N: number;
  private readonly keep: Uint8Array;
  private readonly keepField: Uint32Array;
  private readonly E: Int32Array;
  protected readonly plan: LogupPlan;

  constructor(ctx: PlanContext, node: IntNode) {
    super();
    this.node = node;
    const name = node.name;
    this.x = ctx.tensor(node.inputs[0]);
    const dims = this.x.dims;
    this.N = dims[dims.length - 1];
    const eh = ctx.param(node, 'exp');
    const ed = eh.paddedData?.();
    if (!ed || eh.ref || prod(eh.dims) !== 256) throw new RangeError(`node ${name}: expected a public 256-entry exp table`);
    this.E = Int32Array.from(ed.subarray(0, 256));
    let emax = 0;
    for (const v of this.E) {
      if (v < 0 || v > 2 ** 15) throw new RangeError(`node ${name}: expected exp table entries in [0, 2^15], got ${v}`);
      emax = Math.max(emax, v);
    }
    if (this.E[255] <= 0) throw new RangeError(`node ${name}: expected E[255] > 0, got ${this.E[255]}`);
    if (this.N * emax * 514 >= 2013265921) throw new RangeError(`node ${name}: expected N·max E·514 < p, got ${this.N * emax * 514}`);
    // keep mask (real dims, batch first)
    const per = prod(dims.slice(1));
    const total = prod(dims);
    const keep = new Uint8Array(total).fill(1);
    if (node.params.mask !== undefined) {
      const mh = ctx.param(node, 'mask');
      const md = mh.paddedData?.();
      if (!md || mh.ref) throw new RangeError(`node ${name}: expected a public mask`);
      const L = prod(mh.dims);
      if (L % this.N !== 0) throw new RangeError(`node ${name}: expected a mask covering whole rows, got ${L} entries`);
      for (let j = 0; j < total; j++) {
        const o = j % per;
        const row = o - (o % this.N);
        if (md[(row % L) + (o % this.N)] !== 0) keep[j] = 0;
      }
    }
    for (let row = 0; row < total / this.N; row++) {
      let any = false;
      for (let i = 0; i < this.N; i++) any ||= keep[row * this.N + i] === 1;
      if (!any) throw new RangeError(`node ${name}: expected every row to have an unmasked entry, got none in row ${row}`);
    }
    this.keep = keep;
    this.keepField = paddedField(dims, keep);
    const A = (k: string) => (this.t[k] = ctx.alignedVector(dims, `${name} ${k}`));
    const V = (k: string) => (this.t[k] = ctx.vector(dims, `${name} ${k}`));
    for (const k of ['kp', 'G0', 'KG', 'Z', 'sel', 'selZ', 'Sb', 'ySb']) A(k);
    V('e');
    this.y = ctx.alias(node, ctx.alignedVector(dims, `${name} y`));
    ctx.triple(this.t.kp, this.t.G0, this.t.KG);
    ctx.triple(this.t.sel, this.t.Z, this.t.selZ);
    ctx.triple(this.y, this.t.Sb, this.t.ySb);
    this.m = ctx.vector(dims.slice(0, -1).length ? dims.slice(0, -1) : [1], `${name} m`);
    const W = Math.ceil(Math.log2(2 * this.N * emax + 1));
    this.rho = limbWidths(W).map((w, j) => {
      const t = ctx.vector(dims, `${name} rho${j}`);
      ctx.range(t, 0, w, `${name} rho${j}`);
      return t;
    });
    this.u = limbWidths(W).map((w, j) => {
      const t = ctx.vector(dims, `${name} u${j}`);
      ctx.range(t, 0, w, `${name} u${j}`);
      return t;
    });
    ctx.range(this.y, 0, 8, `${name} y`);
    const keys = new Uint32Array(257);
    const kps = new Uint32Array(257);
    const es = new Uint32Array(257);
    for (let k = 0; k < 256; k++) {
      keys[k + 1] = k;
      kps[k + 1] = 1;
      es[k + 1] = this.E[255 - k];
    }
    this.plan = planLogup(ctx.builder, ctx.products, { label: `${name}/softmax.exp`, table: { kind: 'fixed', columns: [keys, kps, es] }, groups: [{ columns: [this.t.KG.ref, this.t.kp.ref, this.t.e.ref] }] });
  }

  /** The op-internal tensors by name (kp, G0, KG, Z, sel, selZ, Sb, ySb, e, m, rho<j>, u<j>), for tests and diagnostics. */
  get internal(): Readonly<Record<string, TensorRef>> {
    const out: Record<string, TensorRef> = { ...this.t, m: this.m };
    this.rho.forEach((t, j) => (out[`rho${j}`] = t));
    this.u.forEach((t, j) => (out[`u${j}`] = t));
    return out;
  }

  fill(f: FillContext): void {
    const dims = this.x.dims;
    const N = this.N;
    const Np = this.x.padded[dims.length - 1];
    const lead = dims.slice(0, -1);
    const rows = prod(lead);
    const leadPadded = prod(this.x.padded.slice(0, -1));
    const rowOf = new Int32Array(leadPadded).fill(-1);
    paddedIndices(lead).forEach((lp, j) => (rowOf[lp] = j));
    const xv = f.value(this.node.inputs[0]);
    const yv = f.value(this.node.output);
    const m = new Int32Array(rows);
    const S = new Float64Array(rows);
    for (let j = 0; j < rows; j++) {
      let mx = -Infinity;
      for (let i = 0; i < N; i++) if (this.keep[j * N + i] && xv[j * N + i] > mx) mx = xv[j * N + i];
      m[j] = mx;
      for (let i = 0; i < N; i++) if (this.keep[j * N + i]) S[j] += this.E[255 - (mx - xv[j * N + i])];
    }
    const size = leadPadded * Np;
    const col: Record<string, Float64Array> = {};
    for (const k of ['kp', 'G0', 'KG', 'Z', 'sel', 'selZ', 'Sb', 'ySb', 'e', 'y', 'rho', 'u']) col[k] = new Float64Array(size);
    for (let lp = 0; lp < leadPadded; lp++) {
      const j = rowOf[lp];
      let chosen = false;
      for (let i = 0; i < Np; i++) {
        const p = lp * Np + i;
        const real = j >= 0 && i < N;
        const kp = real ? this.keep[j * N + i] : 0;
        const x = real ? xv[j * N + i] : 0;
        const mb = j >= 0 && i < N ? m[j] : 0;
        const G0 = mb - x;
        const KG = kp * G0;
        const Z = KG - kp + 1;
        const sel = kp && G0 === 0 && !chosen ? 1 : 0;
        if (sel) chosen = true;
        const e = kp ? this.E[255 - G0] : 0;
        const Sb = j >= 0 && i < N ? S[j] : 0;
        const y = real ? yv[j * N + i] : 0;
        const rho = 510 * e + Sb - 2 * y * Sb;
        const u = 2 * Sb - (real ? 1 : 0) - rho;
        col.kp[p] = kp;
        col.G0[p] = G0;
        col.KG[p] = KG;
        col.Z[p] = Z;
        col.sel[p] = sel;
        col.selZ[p] = sel * Z;
        col.Sb[p] = Sb;
        col.ySb[p] = y * Sb;
        col.e[p] = e;
        col.y[p] = y;
        col.rho[p] = rho;
        col.u[p] = u;
      }
    }
    const put = (t: TensorRef, data: ArrayLike<number>) => {
      const base = vectorWire(f.layout, t.ref, 0);
      for (let i = 0; i < data.length; i++) f.witness[base + i] = fromInt(data[i]);
    };
    for (const k of ['kp', 'G0', 'KG', 'Z', 'sel', 'selZ', 'Sb', 'ySb', 'e']) put(this.t[k], col[k]);
    put(this.y, col.y);
    f.write(this.m, m);
    const limbs = (v: Float64Array, ts: TensorRef[], what: string) => {
      const parts = ts.map(() => new Float64Array(size));
      for (let p = 0; p < size; p++) {
        let r = v[p];
        if (r < 0 || r >= 2 ** (8 * ts.length)) throw new RangeError(`node ${this.node.name}: expected ${what} in [0, 2^${8 * ts.length}), got ${r}`);
        for (let t = 0; t < ts.length; t++) {
          parts[t][p] = r % 256;
          r = Math.floor(r / 256);
        }
      }
      ts.forEach((t, i) => put(t, parts[i]));
    };
    limbs(col.rho, this.rho, 'the remainder');
    limbs(col.u, this.u, 'the remainder bound');
    fillLogup(this.plan, f.layout, f.witness);
  }

  protected override constraints(ctx: VerifierContext): void {
    const name = this.node.name;
    const l = ctx.layout;
    const bits = this.x.bits;
    const nb = bits[bits.length - 1];
    const r = ctx.transcript.challengeExts(`${name}/softmax.r`, totalBits(bits));
    const ri = dimPoint(bits, r, bits.length - 1);
    const rl = r.subarray(4 * nb);
    const T = (t: TensorRef) => mleConstraint(l, t.ref, r);
    const half = new Uint32Array(4 * totalBits(bits));
    for (let k = 0; k < nb; k++) half[4 * k] = HALF;
    half.set(rl, 4 * nb);
    const two = eFromBase(2 ** nb);
    const indN = maskMle([this.N], [nb], ri);
    const indLead = maskMle(this.x.dims.slice(0, -1), bits.slice(0, -1), rl);
    const ind = maskMle(this.x.dims, bits, r);
    const one = eOf(1);
    const c = (v: number) => eFromBase(fromInt(v));
    const limbSum = (ts: TensorRef[]) => ts.reduce((acc, t, j) => acc.add(T(t).scale(c(2 ** (8 * j)))), Affine.constant(new Uint32Array(4)));
    const push = (a: Affine, check: string) => ctx.constraints.push(a.isZero(`${name}/${check}`));
    const t = this.t;
    push(T(t.kp).addConstant(eMulBase(mleEvalBase(this.keepField, r), 2013265920)), 'softmax.keep');
    push(T(t.G0).sub(mleConstraint(l, this.m.ref, rl).scale(indN)).add(T(this.x)), 'softmax.shift');
    push(T(t.Z).sub(T(t.KG)).add(T(t.kp)).addConstant(eMulBase(one, 2013265920)), 'softmax.zero-key');
    push(T(t.selZ), 'softmax.argmax');
    push(mleConstraint(l, t.sel.ref, half).scale(two).addConstant(eMulBase(indLead, 2013265920)), 'softmax.select');
    push(T(t.Sb).sub(mleConstraint(l, t.e.ref, half).scale(eMulBase(indN, 2 ** nb))), 'softmax.sum');
    push(T(t.e).scale(c(510)).add(T(t.Sb)).sub(T(t.ySb).scale(c(2))).sub(limbSum(this.rho)), 'softmax.div');
    push(T(t.Sb).scale(c(2)).addConstant(eMulBase(ind, 2013265920)).sub(limbSum(this.rho)).sub(limbSum(this.u)), 'softmax.rem-bound');
  }

}

/** The Softmax op prover. */
export const softmaxProver: OpProver = {
  op: 'Softmax',
  plan: (ctx, node) => new SoftmaxInstance(ctx, node),
};
